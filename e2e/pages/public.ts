import fs from 'node:fs'
import { expect } from 'vitest'
import type { Download } from 'playwright-core'
import type { CheckedPage } from '../support/browser.ts'

/** The text of <main>, whitespace collapsed. */
export const mainText = async (p: CheckedPage): Promise<string> => ((await p.page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ')

export type FetchedFile = { url: string; status: number; contentType: string; body: Buffer }

/**
 * Click a link to a file (PDF, calendar, feed) as a reader would, and return what came back. Chromium either
 * downloads it (text/calendar) or shows it (PDF viewer, XML tree); in the second case the page goes back
 * afterwards and the bytes are fetched again with the page's cookies, since the viewer replaces the body.
 * Not a CheckedPage step: axe is for HTML pages, not files.
 */
export async function followFileLink(p: CheckedPage, name: string | RegExp): Promise<FetchedFile> {
  const { page } = p
  const link = page.getByRole('link', { name, exact: typeof name === 'string' }).first()
  const href = await link.getAttribute('href')
  expect(href, `link "${String(name)}" has an href`).toBeTruthy()
  const url = new URL(href!, page.url()).toString()
  const before = page.url()
  const response = page.waitForResponse((r) => r.url() === url, { timeout: 30_000 })
  const download = page.waitForEvent('download', { timeout: 30_000 })
  const shown = page.waitForURL(url, { timeout: 30_000 })
  download.catch(() => {})
  shown.catch(() => {})
  await link.click()
  const res = await response
  // A download aborts the navigation (ERR_ABORTED): only a page that was shown counts as shown.
  const never = new Promise<never>(() => {})
  const outcome = await Promise.race([download.then((d) => ({ d })), shown.then(() => ({ d: null as Download | null }), () => never)])
  let body: Buffer
  if (outcome.d) {
    const path = await outcome.d.path()
    body = fs.readFileSync(path)
  } else {
    const again = await page.request.get(url)
    body = await again.body()
    await page.goBack()
    await page.waitForURL(before)
  }
  return { url, status: res.status(), contentType: res.headers()['content-type'] ?? '', body }
}
