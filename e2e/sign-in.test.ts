import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { clickButton, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'

const journey = useJourney()

describe('signing in and out in the browser', () => {
  it('shows errors without JavaScript-only behaviour, then signs in and out', async () => {
    const partnership = await buildPartnership(journey.app.database.db, { name: 'Test Partnership' })
    const user = await buildUser(journey.app.database.db, { secretariatOf: [partnership.id], displayName: 'Sam Secretariat' })
    const p = await journey.page()

    await p.goto(`${journey.app.baseUrl}/sign-in`)
    await fillByLabel(p, { 'Email address': user.email, Password: 'wrong password' })
    await clickButton(p, 'Sign in')
    await verifyOnPage(p, 'Sign in')
    expect(await p.page.locator('.govuk-error-summary').textContent()).toContain('Enter a correct email address and password')
    expect(await p.page.getByLabel('Email address', { exact: true }).inputValue()).toBe(user.email)

    await signIn(p, journey.app.baseUrl, user.email, TEST_PASSWORD)
    await verifyOnPage(p, /Manage/)
    await clickButton(p, 'Sign out')
    expect(await p.page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out')

    expect(p.reports.length).toBeGreaterThanOrEqual(4)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
