import { describe, expect, it } from 'vitest'
import { Secret, TOTP } from 'otpauth'
import { useJourney } from './support/journey.ts'
import type { CheckedPage } from './support/browser.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'

const journey = useJourney({ noJs: true })

const errorSummary = (p: CheckedPage) => p.page.locator('.govuk-error-summary').textContent()

describe('two-factor authentication in the browser', () => {
  it('is set up from the account page, then asks for a code or a recovery code at sign-in, with or without JavaScript', async () => {
    const partnership = await buildPartnership(journey.app.database.db, { name: 'Two Factor Partnership' })
    const user = await buildUser(journey.app.database.db, { secretariatOf: [partnership.id], displayName: 'Sam Secretariat' })
    const base = journey.app.baseUrl
    const p = await journey.page()

    // Set up: scan the QR code (here: read the key from the page, as someone typing it would) and confirm a code.
    await signIn(p, base, user.email, TEST_PASSWORD)
    await verifyOnPage(p, /Manage/)
    await clickLink(p, 'Your account')
    await verifyOnPage(p, 'Your account')
    await clickLink(p, 'Manage two-factor authentication')
    await verifyOnPage(p, 'Two-factor authentication')
    await clickButton(p, 'Set up two-factor authentication')
    await verifyOnPage(p, 'Set up two-factor authentication')
    expect(await p.page.locator('.app-qr-code svg[role="img"]').count()).toBe(1)
    const key = ((await p.page.locator('#setup-key').textContent()) ?? '').replace(/\s/g, '')
    expect(key).toMatch(/^[A-Z2-7]{32}$/)
    const app = new TOTP({ secret: Secret.fromBase32(key), algorithm: 'SHA1', digits: 6, period: 30 })
    await fillByLabel(p, { 'Code from your authenticator app': '12345' })
    await clickButton(p, 'Turn on two-factor authentication')
    expect(await errorSummary(p)).toContain('The code must be 6 numbers')
    await fillByLabel(p, { 'Code from your authenticator app': app.generate() })
    await clickButton(p, 'Turn on two-factor authentication')
    await verifyOnPage(p, 'Two-factor authentication is on')
    const codes = await p.page.locator('#recovery-codes code').allTextContents()
    expect(codes).toHaveLength(10)
    await clickLink(p, 'I have saved my recovery codes')
    await verifyOnPage(p, 'Two-factor authentication')
    expect(await p.page.locator('.govuk-summary-list').textContent()).toContain('10 of 10')
    await clickButton(p, 'Sign out')

    // Password, then the code from the app (the set-up code's time step is spent, so the next one).
    await signIn(p, base, user.email, TEST_PASSWORD)
    await verifyOnPage(p, 'Enter the code from your authenticator app')
    await fillByLabel(p, { 'Enter the code from your authenticator app': '000000' })
    await clickButton(p, 'Continue')
    expect(await errorSummary(p)).toContain('You can try 4 more times')
    await fillByLabel(p, { 'Enter the code from your authenticator app': app.generate({ timestamp: Date.now() + 30_000 }) })
    await clickButton(p, 'Continue')
    await verifyOnPage(p, /Manage/)
    await clickButton(p, 'Sign out')

    // Password, then a recovery code instead.
    await signIn(p, base, user.email, TEST_PASSWORD)
    await clickLink(p, 'I cannot use my authenticator app: use a recovery code')
    await verifyOnPage(p, 'Enter a recovery code')
    await fillByLabel(p, { 'Enter a recovery code': codes[0]!.toUpperCase() })
    await clickButton(p, 'Continue')
    await verifyOnPage(p, /Manage/)
    expect(await p.page.locator('.govuk-notification-banner').textContent()).toContain('You used a recovery code. You have 9 left')
    await clickButton(p, 'Sign out')

    // Without JavaScript: the same forms, a used recovery code refused, another accepted.
    const q = await journey.noJsPage()
    await signIn(q, base, user.email, TEST_PASSWORD)
    await verifyOnPage(q, 'Enter the code from your authenticator app')
    await clickLink(q, 'I cannot use my authenticator app: use a recovery code')
    await fillByLabel(q, { 'Enter a recovery code': codes[0]! })
    await clickButton(q, 'Continue')
    expect(await errorSummary(q)).toContain('This recovery code is not right, or it has been used already')
    await fillByLabel(q, { 'Enter a recovery code': codes[1]! })
    await clickButton(q, 'Continue')
    await verifyOnPage(q, /Manage/)
    expect(await q.page.locator('.govuk-notification-banner').textContent()).toContain('You have 8 left')

    expect(p.reports.length).toBeGreaterThanOrEqual(12)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
