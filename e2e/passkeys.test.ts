import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useJourney } from './support/journey.ts'
import type { CheckedPage } from './support/browser.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'
import { sessions } from '../src/modules/accounts/accounts.tables.ts'

// WebAuthn needs a domain for the relying party: the app's address is http://localhost:port here.
const journey = useJourney({ publicHost: 'localhost', noJs: true })

/** A button whose script (not the form) loads the next page: wait for that load, then check it. */
async function clickAndWaitForLoad(p: CheckedPage, name: string): Promise<void> {
  await p.step(() => Promise.all([p.page.waitForEvent('load'), p.page.getByRole('button', { name, exact: true }).click()]))
}

describe('passkeys in the browser (a virtual authenticator through the Chrome DevTools Protocol)', () => {
  it('registers a passkey from the account page, signs in with it alone, and stops working once removed', async () => {
    const partnership = await buildPartnership(journey.app.database.db, { name: 'Passkey Partnership' })
    const user = await buildUser(journey.app.database.db, { secretariatOf: [partnership.id], displayName: 'Pat Passkey' })
    const base = journey.app.baseUrl
    const p = await journey.page()
    const cdp = await p.page.context().newCDPSession(p.page)
    await cdp.send('WebAuthn.enable')
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    })

    await signIn(p, base, user.email, TEST_PASSWORD)
    await verifyOnPage(p, /Manage/)
    await clickLink(p, 'Your account')
    await clickLink(p, 'Manage passkeys')
    await verifyOnPage(p, 'Passkeys')
    expect(await p.page.locator('main').textContent()).toContain('You have no passkeys')
    await p.page.getByRole('button', { name: 'Add a passkey', exact: true }).click()
    await p.page.locator('[data-passkey-error]:not([hidden])').waitFor()
    expect(await p.page.locator('[data-passkey-error]').textContent()).toContain('Enter a name for this passkey')
    await fillByLabel(p, { 'Name this passkey': 'Test laptop' })
    await clickAndWaitForLoad(p, 'Add a passkey')
    expect(await p.page.locator('.govuk-notification-banner').textContent()).toContain('Passkey “Test laptop” added')
    expect(await p.page.locator('table').textContent()).toContain('Test laptop')
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
    expect(credentials).toHaveLength(1)
    expect(credentials[0]!.isResidentCredential).toBe(true)
    await clickButton(p, 'Sign out')

    // Signing in with the passkey alone: no email, no password, no code.
    await p.goto(`${base}/sign-in`)
    await clickAndWaitForLoad(p, 'Sign in with a passkey')
    await verifyOnPage(p, /Manage/)
    const rows = await journey.app.database.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows.map((r) => r.method)).toEqual(['passkey'])
    await clickLink(p, 'Your account')
    await clickLink(p, 'Manage passkeys')
    expect(await p.page.locator('table').textContent()).not.toContain('Never')

    // Removed from the account, the passkey on the device no longer signs anyone in.
    await clickButton(p, 'Remove passkey Test laptop')
    expect(await p.page.locator('.govuk-notification-banner').textContent()).toContain('Passkey removed')
    await clickButton(p, 'Sign out')
    await p.goto(`${base}/sign-in`)
    await p.page.getByRole('button', { name: 'Sign in with a passkey', exact: true }).click()
    await p.page.locator('[data-passkey-error]:not([hidden])').waitFor()
    expect(await p.page.locator('[data-passkey-error]').textContent()).toContain('That passkey could not sign you in')
    await verifyOnPage(p, 'Sign in')

    // Without JavaScript the passkey parts stay hidden; the password form is all there is.
    const q = await journey.noJsPage()
    await q.goto(`${base}/sign-in`)
    expect(await q.page.getByRole('button', { name: 'Sign in with a passkey' }).count()).toBe(0)
    expect(await q.page.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(1)

    expect(p.reports.length).toBeGreaterThanOrEqual(8)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
