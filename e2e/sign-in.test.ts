import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, CheckedPage } from './support/browser.ts'
import { startApp, type RunningApp } from './support/server.ts'
import { clickButton, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'

let app: RunningApp
let browser: Awaited<ReturnType<typeof launchBrowser>>

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('signing in and out in the browser', () => {
  it('shows errors without JavaScript-only behaviour, then signs in and out', async () => {
    const partnership = await buildPartnership(app.database.db, { name: 'Test Partnership' })
    const user = await buildUser(app.database.db, { secretariatOf: [partnership.id], displayName: 'Sam Secretariat' })
    const p = new CheckedPage(await browser.context.newPage())

    await p.goto(`${app.baseUrl}/sign-in`)
    await fillByLabel(p, { 'Email address': user.email, Password: 'wrong password' })
    await clickButton(p, 'Sign in')
    await verifyOnPage(p, 'Sign in')
    expect(await p.page.locator('.govuk-error-summary').textContent()).toContain('Enter a correct email address and password')
    expect(await p.page.getByLabel('Email address', { exact: true }).inputValue()).toBe(user.email)

    await signIn(p, app.baseUrl, user.email, TEST_PASSWORD)
    await verifyOnPage(p, /Manage/)
    await clickButton(p, 'Sign out')
    expect(await p.page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out')

    expect(p.reports.length).toBeGreaterThanOrEqual(4)
    expect(p.violations()).toEqual([])
    expect(app.logger.errors).toEqual([])
  })
})
