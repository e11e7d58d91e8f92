import { expect } from 'vitest'
import type { CheckedPage } from '../support/browser.ts'

/** Page objects: each knows its heading and the few actions a journey needs. */
export async function verifyOnPage(p: CheckedPage, heading: string | RegExp): Promise<void> {
  const h1 = (await p.page.locator('h1').first().textContent())?.trim() ?? ''
  if (typeof heading === 'string') expect(h1).toContain(heading)
  else expect(h1).toMatch(heading)
}

export async function fillByLabel(p: CheckedPage, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    await p.page.getByLabel(label, { exact: true }).fill(value)
  }
}

export async function clickButton(p: CheckedPage, name: string | RegExp): Promise<void> {
  await p.step(() => p.page.getByRole('button', { name, exact: typeof name === 'string' }).first().click())
}

/** A link, or a GOV.UK button that is a link (role="button"). */
export async function clickLink(p: CheckedPage, name: string | RegExp): Promise<void> {
  const opts = { name, exact: typeof name === 'string' }
  await p.step(() => p.page.getByRole('link', opts).or(p.page.getByRole('button', opts)).first().click())
}

export async function signIn(p: CheckedPage, baseUrl: string, email: string, password: string): Promise<void> {
  await p.goto(`${baseUrl}/sign-in`)
  await verifyOnPage(p, 'Sign in')
  await fillByLabel(p, { 'Email address': email, Password: password })
  await clickButton(p, 'Sign in')
}
