import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { CheckedPage } from './support/browser.ts'
import { useJourney } from './support/journey.ts'
import { clickLink, verifyOnPage } from './pages/base.ts'

/**
 * The public pages a reader opens on a phone, at 375 px wide (and at desktop width), with axe on each: none may
 * scroll sideways (the page's width is the screen's), a long meeting page puts its downloads near the top and
 * lists its items to jump to, and an empty calendar month points to the meetings nearest it.
 */

const journey = useJourney({ demo: true })

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1280, height: 900 }

/** The widths a page lays out to: the document's and the screen's. */
const widths = (page: Page) =>
  page.evaluate<{ scroll: number; screen: number }>('({ scroll: document.documentElement.scrollWidth, screen: window.innerWidth })')

/** The meeting pages of a body, by date, through its public page (as a reader finds them). */
async function meetingHref(p: CheckedPage, bodySlug: string, dateText: string): Promise<string> {
  await p.goto(`${journey.app.baseUrl}/bodies/${bodySlug}`)
  const href = await p.page.getByRole('link', { name: dateText }).first().getAttribute('href')
  expect(href, `a link to the meeting of ${dateText}`).toBeTruthy()
  return `${journey.app.baseUrl}${href}`
}

describe('the public record on a phone', () => {
  it('never scrolls sideways at 375 px or at desktop width: meeting pages, decisions, calendar, API docs and the rest', async () => {
    const p = await journey.page()
    const awayDay = await meetingHref(p, 'chorley-public-service-reform-board', 'Tuesday 10 February 2015')
    const september = await meetingHref(p, 'chorley-public-services-reform-executive', 'Tuesday 27 September 2016')
    const base = journey.app.baseUrl
    const pages = [
      awayDay,
      september,
      `${base}/decisions`,
      `${base}/calendar`,
      `${base}/calendar?view=list&to=2016-12-31`,
      `${base}/api/docs`,
      `${base}/search?q=Runshaw`,
      `${base}/search?q=%22Away+Day+outcomes%22`,
      `${base}/topics`,
      `${base}/bodies/chorley-public-service-reform-board/actions`,
      `${base}/partnerships/chorley-public-service-reform-partnership`,
    ]
    // At 375 px with axe on each page; at desktop width the layout only (axe has seen the same markup).
    const desktop = await journey.plainPage()
    for (const [size, visit] of [
      [PHONE, (url: string) => p.goto(url).then(() => p.page)],
      [DESKTOP, (url: string) => desktop.goto(url).then(() => desktop)],
    ] as const) {
      await (size === PHONE ? p.page : desktop).setViewportSize(size)
      for (const url of pages) {
        const page = await visit(url)
        const { scroll, screen } = await widths(page)
        expect(screen, url).toBe(size.width)
        expect(scroll, `${url} at ${size.width} px is ${scroll} px wide`).toBeLessThanOrEqual(size.width)
      }
    }
    expect(p.violations()).toEqual([])
  })

  it('a long meeting page gives its downloads after its details and a contents list that jumps to each item', async () => {
    const p = await journey.page()
    await p.page.setViewportSize(PHONE)
    await p.goto(await meetingHref(p, 'chorley-public-service-reform-board', 'Tuesday 10 February 2015'))
    await verifyOnPage(p, 'Agenda and draft minutes – Chorley Public Service Reform Board')
    const top = async (selector: string) => (await p.page.locator(selector).first().boundingBox())!.y + (await p.page.evaluate<number>('window.scrollY'))
    const pageHeight = await p.page.evaluate<number>('document.documentElement.scrollHeight')
    expect(pageHeight).toBeGreaterThan(5000)
    // The downloads come within the first screenful or so, not thousands of pixels down.
    expect(await top('.app-channels')).toBeLessThan(1200)
    expect(await p.page.getByRole('link', { name: 'Agenda pack (PDF)' }).isVisible()).toBe(true)
    const contents = p.page.getByRole('navigation', { name: 'Contents' })
    expect(await contents.getByRole('link').count()).toBeGreaterThanOrEqual(5)
    await p.step(() => contents.getByRole('link', { name: /15\.27 Closure and date of next meeting/ }).click())
    expect(new URL(p.page.url()).hash).toMatch(/^#item-[0-9a-f-]{36}$/)
    const target = p.page.locator(new URL(p.page.url()).hash)
    expect(await target.locator('h3').textContent()).toContain('Closure and date of next meeting')
    expect(await target.isVisible()).toBe(true)
    // Actions agreed at the away day sit under their item, in their honest state.
    const session2 = p.page.locator('.app-item').filter({ hasText: 'Session 2 - Agreeing the forward programme' })
    expect(await session2.getByText('Actions agreed:').count()).toBe(1)
    expect(await session2.locator('.app-public-action').filter({ hasText: 'Circulate Away Day outcomes' }).textContent()).toMatch(/Not followed up/)
    // The cut-short minutes say so.
    expect(await p.page.locator('.app-excerpt').count()).toBe(1)
    await clickLink(p, 'Back to contents')
    expect(new URL(p.page.url()).hash).toBe('#contents')
    expect(p.violations()).toEqual([])
  })

  it('an empty calendar month points to the latest meetings and the month they are in', async () => {
    const p = await journey.page()
    await p.page.setViewportSize(PHONE)
    await p.goto(`${journey.app.baseUrl}/calendar?view=month&month=2017-06`)
    await verifyOnPage(p, 'Meetings calendar')
    const nearest = p.page.locator('.app-nearest-meetings')
    expect(await nearest.getByRole('heading', { name: 'The most recent meetings' }).count()).toBe(1)
    await p.step(() => nearest.getByRole('link', { name: 'View November 2016' }).click())
    expect(new URL(p.page.url()).searchParams.get('month')).toBe('2016-11')
    expect(await p.page.locator('.app-calendar-table a[href^="/meetings/"]').count()).toBeGreaterThan(0)
    expect(p.violations()).toEqual([])
  })
})
