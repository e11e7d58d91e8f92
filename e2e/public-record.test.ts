import { describe, expect, it } from 'vitest'
import type { CheckedPage } from './support/browser.ts'
import { useJourney } from './support/journey.ts'
import { clickButton, clickLink, fillByLabel, verifyOnPage } from './pages/base.ts'
import { followFileLink, mainText } from './pages/public.ts'
import { buildMeeting } from '../test/support/builders.ts'
import { addDays, formatLongDate, londonToday } from '../src/shared/dates.ts'

/**
 * The public reader on the Chorley demo, with axe on every page visited: search finds the 2015 away day,
 * its meeting page gives the agenda pack and a calendar entry, the calendar lists and filters meetings
 * (with a cancelled and a moved meeting added ahead), a body page offers its feeds, and the footer leads to
 * the open data and API pages. Then a shorter pass of the same with JavaScript off.
 */

const BOARD = 'Chorley Public Service Reform Board'
const BOARD_SLUG = 'chorley-public-service-reform-board'
const PARTNERSHIP = 'Chorley Public Service Reform Partnership'
const AWAY_DAY = 'Agenda and draft minutes – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm'
const cancelledOn = addDays(londonToday(), 20)
const movedTo = addDays(londonToday(), 34)
const movedFrom = addDays(londonToday(), 27)

const journey = useJourney({
  demo: true,
  noJs: true,
  // Two meetings ahead for the Board, so the calendar has a cancellation and a move to show.
  setUp: async (app) => {
    const board = await app.services.structure.getBodyBySlug(BOARD_SLUG)
    await buildMeeting(app.database.db, { bodyId: board.id, date: cancelledOn, startTime: '14:00', venue: 'Chorley Town Hall' }, 'cancelled')
    await buildMeeting(app.database.db, { bodyId: board.id, date: movedTo, startTime: '14:00', venue: 'Chorley Town Hall', movedFromDate: movedFrom, movedFromTime: '14:00' })
  },
})

/** Search from the service navigation and open the away-day hit; returns the meeting page's URL. */
async function searchToAwayDay(p: CheckedPage): Promise<string> {
  await clickLink(p, 'Search')
  await verifyOnPage(p, 'Search meetings and papers')
  expect(await p.page.locator('.govuk-service-navigation__item--active').textContent()).toContain('Search')
  await fillByLabel(p, { 'Search for': 'maverick' })
  await clickButton(p, 'Search')
  expect(new URL(p.page.url()).searchParams.get('q')).toBe('maverick')
  expect(await p.page.title()).toBe('Search results for "maverick" – Joined Up')
  expect(await p.page.locator('#result-count').textContent()).toMatch(/^\s*\d+ results?\s*$/)
  const hit = p.page.locator('.app-search-result').filter({ hasText: `${BOARD}, 10 February 2015` }).first()
  expect(await hit.locator('mark').first().textContent()).toMatch(/^maverick$/i)
  await p.step(() => hit.getByRole('link').first().click())
  expect(p.page.url()).toMatch(/\/meetings\/[0-9a-f-]{36}#item-[0-9a-f-]{36}$/)
  await verifyOnPage(p, AWAY_DAY)
  const text = await mainText(p)
  expect(text).toContain('be maverick but realistic')
  expect(text).toContain('Chorley Community Fire Station')
  // The fragment names an agenda item on this page.
  const fragment = new URL(p.page.url()).hash.slice(1)
  expect(await p.page.locator(`[id="${fragment}"]`).count()).toBe(1)
  return p.page.url()
}

describe('the public record, as a reader finds it', () => {
  it('searches, downloads the pack and calendar entry, browses the calendar, follows a body and finds open data', async () => {
    const p = await journey.page()
    const page = p.page
    await p.goto(`${journey.app.baseUrl}/`)
    await verifyOnPage(p, 'Partnerships')

    // Search -> the 10 February 2015 away day
    await searchToAwayDay(p)

    // The meeting's downloads
    const pack = await followFileLink(p, 'Agenda pack (PDF)')
    expect(pack.status).toBe(200)
    expect(pack.contentType).toMatch(/^application\/pdf/)
    expect(pack.body.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pack.body.length).toBeGreaterThan(1000)
    const ics = await followFileLink(p, 'Add to your calendar (.ics)')
    expect(ics.status).toBe(200)
    expect(ics.contentType).toMatch(/^text\/calendar/)
    const icsText = ics.body.toString('utf8')
    expect(icsText).toContain('BEGIN:VCALENDAR')
    expect(icsText).toContain('BEGIN:VEVENT')
    expect(icsText).toMatch(/DTSTART;TZID=Europe\/London:20150210T143000/)
    expect(icsText).toContain('Chorley Community Fire Station')
    await verifyOnPage(p, AWAY_DAY)

    // The calendar: month view first, then the list, filtered to the Board
    await clickLink(p, 'Calendar')
    await verifyOnPage(p, 'Meetings calendar')
    expect(await page.locator('[aria-current="page"]').first().textContent()).toContain('Month view')
    await clickLink(p, 'List view')
    expect(new URL(page.url()).searchParams.get('view')).toBe('list')
    expect(await mainText(p)).toContain('Upcoming meetings')
    await page.getByLabel('Body', { exact: true }).selectOption({ label: `${BOARD} (${PARTNERSHIP})` })
    await clickButton(p, 'Apply filters')
    expect(new URL(page.url()).searchParams.get('body')).toBe(BOARD_SLUG)
    expect(new URL(page.url()).searchParams.get('view')).toBe('list')
    const rows = page.locator('table.govuk-table tbody tr')
    expect(await rows.count()).toBe(2)
    for (const cell of await rows.locator('td:nth-child(3) a').allTextContents()) expect(cell).toContain(BOARD)
    // The cancelled meeting: a red tag, the date still listed, "(cancelled)" for screen readers
    const cancelledRow = rows.filter({ hasText: formatLongDate(cancelledOn) })
    expect(await cancelledRow.locator('.govuk-tag--red').textContent()).toContain('Cancelled')
    expect(await cancelledRow.locator('td:nth-child(3) .govuk-visually-hidden').textContent()).toContain('(cancelled)')
    // The moved meeting: shown on its new date with where it moved from
    const movedRow = rows.filter({ hasText: formatLongDate(movedTo) })
    expect((await movedRow.textContent())?.replace(/\s+/g, ' ')).toContain(`Moved from ${formatLongDate(movedFrom)}`)
    expect(await movedRow.locator('.govuk-tag--red').count()).toBe(0)
    // Past meetings of the Board include the away day
    await clickLink(p, 'Show past meetings')
    expect(new URL(page.url()).searchParams.get('body')).toBe(BOARD_SLUG)
    const past = await mainText(p)
    expect(past).toContain(formatLongDate('2015-02-10'))
    expect(past).not.toContain(formatLongDate(cancelledOn))
    expect(past).toMatch(/latest first/)

    // The Board's page: follow links
    const awayDayRow = page.locator('table.govuk-table tbody tr').filter({ hasText: formatLongDate('2015-02-10') })
    expect(await awayDayRow.locator('.govuk-tag--red').count()).toBe(0)
    await p.step(() => awayDayRow.getByRole('link', { name: BOARD }).click())
    await verifyOnPage(p, AWAY_DAY)
    // The public meeting page has no link to its body (no breadcrumbs): back through Partnerships
    await clickLink(p, 'Partnerships')
    await clickLink(p, PARTNERSHIP)
    await clickLink(p, BOARD)
    await verifyOnPage(p, BOARD)
    const follow = page.locator('aside.app-channels')
    expect(await follow.locator('h2').first().textContent()).toContain('Follow this body')
    const feed = await followFileLink(p, 'Subscribe to the calendar (iCalendar)')
    expect(feed.status).toBe(200)
    expect(feed.contentType).toMatch(/^text\/calendar/)
    const feedText = feed.body.toString('utf8')
    expect(feedText.startsWith('BEGIN:VCALENDAR')).toBe(true)
    expect(feedText).toContain('BEGIN:VEVENT')
    expect(feedText).toContain('TZID=Europe/London')
    expect(feedText).toContain('BEGIN:VTIMEZONE')
    expect(feedText).toContain('STATUS:CANCELLED')
    expect(feedText.trimEnd().endsWith('END:VCALENDAR')).toBe(true)
    // Every VEVENT is closed, and there is one per Board meeting in the window (at least the away day and the two ahead)
    const begins = feedText.match(/BEGIN:VEVENT/g)!.length
    expect(feedText.match(/END:VEVENT/g)!.length).toBe(begins)
    expect(begins).toBeGreaterThanOrEqual(3)
    const atom = await followFileLink(p, 'Atom feed')
    expect(atom.status).toBe(200)
    expect(atom.contentType).toMatch(/^application\/atom\+xml/)
    const atomText = atom.body.toString('utf8')
    expect(atomText).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/)
    expect(atomText).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/)
    expect(atomText).toContain(`<title>${BOARD}`)
    expect(atomText).toMatch(/<entry>[\s\S]*<\/entry>/)
    // Well-formed: the browser's own XML parser reads it without a parsererror
    // (a string expression: this project's TypeScript has no DOM library)
    const parseError = await page.evaluate<string>(
      `(() => { const doc = new DOMParser().parseFromString(${JSON.stringify(atomText)}, 'application/xml');
        return doc.getElementsByTagName('parsererror').length > 0 ? 'error' : doc.documentElement.localName })()`,
    )
    expect(parseError).toBe('feed')
    await verifyOnPage(p, BOARD)

    // The footer: open data and the API
    await p.step(() => page.locator('footer').getByRole('link', { name: 'Open data', exact: true }).click())
    await verifyOnPage(p, 'Open data')
    expect(page.url()).toBe(`${journey.app.baseUrl}/open-data`)
    expect(await mainText(p)).toContain('Popolo')
    await p.step(() => page.locator('footer').getByRole('link', { name: 'API', exact: true }).click())
    expect(page.url()).toBe(`${journey.app.baseUrl}/api/docs`)
    await verifyOnPage(p, 'Joined Up API')
    expect(await mainText(p)).toContain('GET /api/v1/meetings')

    expect(p.reports.length).toBeGreaterThanOrEqual(12)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})

describe('the public record without JavaScript', () => {
  it('searches, opens the meeting, filters the calendar and reaches the footer pages with plain HTML', async () => {
    const p = await journey.noJsPage()
    const page = p.page
    await p.goto(`${journey.app.baseUrl}/`)
    await verifyOnPage(p, 'Partnerships')
    await searchToAwayDay(p)

    // The .ics still comes as a download without script
    const ics = await followFileLink(p, 'Add to your calendar (.ics)')
    expect(ics.contentType).toMatch(/^text\/calendar/)
    expect(ics.body.toString('utf8')).toContain('BEGIN:VCALENDAR')

    await clickLink(p, 'Calendar')
    await clickLink(p, 'List view')
    await page.getByLabel('Body', { exact: true }).selectOption({ label: `${BOARD} (${PARTNERSHIP})` })
    await clickButton(p, 'Apply filters')
    expect(new URL(page.url()).searchParams.get('body')).toBe(BOARD_SLUG)
    expect(await page.locator('table.govuk-table tbody tr').count()).toBe(2)
    expect(await mainText(p)).toContain('Cancelled')

    await p.step(() => page.locator('footer').getByRole('link', { name: 'Open data', exact: true }).click())
    await verifyOnPage(p, 'Open data')
    await p.step(() => page.locator('footer').getByRole('link', { name: 'API', exact: true }).click())
    await verifyOnPage(p, 'Joined Up API')

    expect(p.deferred.length).toBeGreaterThanOrEqual(8)
    await p.checkDeferred(await journey.plainPage())
    expect(p.reports.length).toBeGreaterThanOrEqual(7)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
