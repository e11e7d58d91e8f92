import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { clickButton, clickLink, verifyOnPage } from './pages/base.ts'
import type { CheckedPage } from './support/browser.ts'
import { buildPartnership } from '../test/support/builders.ts'
import { startTestOidcProvider, type TestOidcProvider } from '../test/support/oidc-provider.ts'

let provider: TestOidcProvider
const journey = useJourney({
  other: true,
  // The provider must know the app's redirect URI, and the app the provider's issuer: start it once the app's
  // address is known, before the app is built.
  beforeApp: async (baseUrl) => {
    provider = await startTestOidcProvider({
      redirectUris: [`${baseUrl}/sign-in/sso/callback`],
      accounts: [
        { sub: 'sam-at-council', email: 'sam.secretariat@council.example', email_verified: true, name: 'Sam Secretariat' },
        { sub: 'stranger', email: 'not.invited@council.example', email_verified: true, name: 'Not Invited' },
      ],
    })
    return { config: { sso: provider.ssoConfig(`${baseUrl}/sign-in/sso/callback`, 'Test Provider') }, stop: () => provider.stop() }
  },
})

/** The provider's own pages (not ours: axe is not run on them, CheckedPage lists them in `skipped`). */
async function signInAtProvider(p: CheckedPage, login: string): Promise<void> {
  expect(new URL(p.page.url()).origin).toBe(provider.issuer)
  await p.page.locator('input[name="login"]').fill(login)
  await p.page.locator('input[name="password"]').fill('any password will do')
  await clickButton(p, 'Sign-in')
  expect(new URL(p.page.url()).origin).toBe(provider.issuer)
  await clickButton(p, 'Continue') // consent
}

describe('signing in with single sign-on in the browser', () => {
  it('an invited secretariat signs in through the provider, sees their sessions and signs another one out; a stranger is refused', async () => {
    const { services, baseUrl } = journey.app
    // An admin invites Sam with the address their organisation's directory has; Sam never sets a password.
    const partnership = await buildPartnership(journey.app.database.db, { name: 'Test Partnership' })
    const admin = await services.database.db.transaction((tx) =>
      services.accounts.createUser(tx, { email: 'admin@joinedup.example', displayName: 'Ada Admin', password: 'otter lamp biscuit', isAdmin: true }),
    )
    await services.accounts.inviteUser((await services.accounts.currentUser(admin.id))!, {
      email: 'sam.secretariat@council.example',
      displayName: 'Sam Secretariat',
      role: 'secretariat',
      partnershipId: partnership.id,
    })

    // A stranger, not invited, is refused on a page of ours.
    const stranger = await journey.otherPage()
    await stranger.goto(`${baseUrl}/sign-in`)
    await clickButton(stranger, 'Sign in with Test Provider')
    await signInAtProvider(stranger, 'stranger')
    await verifyOnPage(stranger, 'You cannot sign in with this account')
    expect(await stranger.page.locator('main').textContent()).toMatch(/Ask your partnership(’|')s secretariat to invite you/)
    await stranger.page.context().clearCookies() // the same machine, now for Sam (the provider would remember the stranger)

    // Sam signs in through the provider, in two browsers.
    const p = await journey.page()
    await p.goto(`${baseUrl}/sign-in`)
    await verifyOnPage(p, 'Sign in')
    await clickButton(p, 'Sign in with Test Provider')
    await signInAtProvider(p, 'sam-at-council')
    await verifyOnPage(p, 'Manage')
    expect(await p.page.locator('main').textContent()).toContain('Test Partnership')

    await stranger.goto(`${baseUrl}/sign-in?next=/account`)
    await clickButton(stranger, 'Sign in with Test Provider')
    await signInAtProvider(stranger, 'sam-at-council')
    await verifyOnPage(stranger, 'Your account')

    // Your account > Your sessions: both, this one marked; sign the other out.
    await clickLink(p, 'Your account')
    await verifyOnPage(p, 'Your account')
    await clickLink(p, 'Your sessions')
    await verifyOnPage(p, 'Your sessions')
    const cards = p.page.locator('.govuk-summary-card')
    expect(await cards.count()).toBe(2)
    const main = (await p.page.locator('main').textContent()) ?? ''
    expect(main).toContain('This session')
    expect(main).toContain('Single sign-on')
    expect(main).toContain('Chrome (headless) on Linux')
    await clickButton(p, /^Sign out of Chrome/)
    expect(await p.page.locator('.govuk-notification-banner').textContent()).toContain('That session has been signed out')
    expect(await cards.count()).toBe(1)

    await stranger.goto(`${baseUrl}/account/sessions`)
    await verifyOnPage(stranger, 'Sign in')

    // Our pages all passed axe; the provider's login and consent pages were skipped, and said so.
    expect(p.violations()).toEqual([])
    expect(stranger.violations()).toEqual([])
    expect(p.reports.length).toBeGreaterThanOrEqual(5)
    expect(p.reports.every((r) => r.url.startsWith(baseUrl))).toBe(true)
    expect(p.skipped.length).toBeGreaterThanOrEqual(2)
    expect(p.skipped.every((url) => url.startsWith(provider.issuer))).toBe(true)
    expect(journey.app.logger.errors).toEqual([])
  })
})
