import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { type Agent } from '../../../test/support/app.ts'
import { buildBody, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { parseIcs } from '../../../test/support/ical.ts'
import { meetingUid } from './calendar.presenter.ts'

const t = useTestApp({ publicUrl: 'https://meetings.example.org' })
let agent: Agent

// A month well ahead, so "today" never falls in it.
const MONTH = '2031-03'
let partnership: Awaited<ReturnType<typeof buildPartnership>>
let board: Awaited<ReturnType<typeof buildBody>>
let exec: Awaited<ReturnType<typeof buildBody>>
let otherBody: Awaited<ReturnType<typeof buildBody>>
const ids = {} as Record<'boardMeeting' | 'cancelled' | 'moved' | 'other' | 'nextMonth', string>

beforeAll(async () => {
  agent = t.agent()
  partnership = await buildPartnership(t.db, { name: 'Chorley Partnership', slug: 'chorley' })
  board = await buildBody(t.db, { partnershipId: partnership.id, name: 'Reform Board', slug: 'reform-board' })
  exec = await buildBody(t.db, { partnershipId: partnership.id, name: 'Reform Executive', slug: 'reform-executive' })
  const other = await buildPartnership(t.db, { name: 'Other Partnership', slug: 'other' })
  otherBody = await buildBody(t.db, { partnershipId: other.id, name: 'Other Board', slug: 'other-board' })
  ids.boardMeeting = (await buildMeeting(t.db, { bodyId: board.id, date: `${MONTH}-03`, startTime: '10:00', venue: 'Town Hall' })).id
  ids.cancelled = (await buildMeeting(t.db, { bodyId: exec.id, date: `${MONTH}-17`, startTime: '14:30' }, 'cancelled')).id
  ids.moved = (
    await buildMeeting(t.db, { bodyId: exec.id, date: `${MONTH}-24`, startTime: '09:30', movedFromDate: `${MONTH}-20`, movedFromTime: '09:30' })
  ).id
  ids.other = (await buildMeeting(t.db, { bodyId: otherBody.id, date: `${MONTH}-10`, startTime: '11:00' })).id
  ids.nextMonth = (await buildMeeting(t.db, { bodyId: board.id, date: '2031-04-01', startTime: '10:00' })).id
})

describe('GET /calendar month view', () => {
  it('is an accessible table of weeks linking each day to its meetings', async () => {
    const { status, text } = await agent.getText(`/calendar?view=month&month=${MONTH}`)
    expect(status).toBe(200)
    expect(text).toContain('<h1 class="govuk-heading-l">Meetings calendar</h1>')
    expect(text).toMatch(/<caption[^>]*>Meetings in March 2031, one row a week, Monday first<\/caption>/)
    expect(text.match(/<th scope="col"/g)).toHaveLength(7)
    // March 2031 starts on a Saturday and ends on a Monday: six weeks.
    expect(text.match(/<tbody[\s\S]*<\/tbody>/)![0].match(/<tr /g)).toHaveLength(6)
    expect(text).toContain(`href="/meetings/${ids.boardMeeting}">10am Reform Board</a>`)
    expect(text).toContain('Monday 3 March 2031')
    expect(text).toContain(`href="/meetings/${ids.cancelled}">2.30pm Reform Executive<span class="govuk-visually-hidden"> (cancelled)</span></a>`)
    expect(text).toMatch(/govuk-tag--red[^>]*>\s*Cancelled/)
    expect(text).toContain('Moved from Thursday 20 March 2031')
    expect(text).toContain(`href="/meetings/${ids.other}"`)
    expect(text).not.toContain(`/meetings/${ids.nextMonth}`)
    expect(text).toContain('4 meetings in March 2031')
    // Previous and next months keep the filters.
    expect(text).toContain('href="/calendar?view=month&amp;month=2031-02"')
    expect(text).toMatch(/Previous month\s*<\/span>[\s\S]*February 2031/)
    expect(text).toContain('meetings of the last 2 years (at least the last 20) and every meeting ahead')
    expect(text).toContain('href="/calendar?view=month&amp;month=2031-04"')
  })

  it('filters by partnership and by body with a GET form', async () => {
    const byPartnership = await agent.getText(`/calendar?view=month&month=${MONTH}&partnership=chorley`)
    expect(byPartnership.status).toBe(200)
    expect(byPartnership.text).toContain(`/meetings/${ids.boardMeeting}`)
    expect(byPartnership.text).not.toContain(`/meetings/${ids.other}`)
    expect(byPartnership.text).toContain('<option value="chorley" selected>Chorley Partnership</option>')
    expect(byPartnership.text).toContain('href="/calendar?partnership=chorley&amp;view=month&amp;month=2031-04"')
    expect(byPartnership.text).toContain('href="/partnerships/chorley/calendar.ics"')

    const byBody = await agent.getText(`/calendar?view=month&month=${MONTH}&body=reform-executive`)
    expect(byBody.text).toContain(`/meetings/${ids.cancelled}`)
    expect(byBody.text).not.toContain(`/meetings/${ids.boardMeeting}`)
    expect(byBody.text).toContain('href="/bodies/reform-executive/calendar.ics"')
    expect(byBody.text).toContain('webcal://meetings.example.org/bodies/reform-executive/calendar.ics')
    expect(byBody.text).toContain('<link rel="alternate" type="text/calendar" title="Reform Executive (Chorley Partnership)" href="/bodies/reform-executive/calendar.ics">')
  })

  it('an empty month points to the meetings nearest it and links to their months, with the filters kept', async () => {
    // December 2030: nothing in it; the next meetings are in March 2031, nothing before.
    const { status, text } = await agent.getText('/calendar?view=month&month=2030-12')
    expect(status).toBe(200)
    expect(text).toContain('0 meetings in December 2030.')
    const panel = text.slice(text.indexOf('app-nearest-meetings'), text.indexOf('</div>', text.indexOf('app-nearest-meetings')))
    expect(panel).toContain('The next meetings')
    // Soonest first, at most three.
    expect([...panel.matchAll(/href="\/meetings\/([^"]+)"/g)].map((m) => m[1])).toEqual([ids.boardMeeting, ids.other, ids.cancelled])
    expect(panel).toContain('Reform Board, Monday 3 March 2031, 10am')
    expect(panel).toContain('Reform Executive, Monday 17 March 2031, 2.30pm (cancelled)')
    expect(panel).toContain('<a class="govuk-link" href="/calendar?view=month&amp;month=2031-03">View March 2031</a>')
    expect(panel).not.toContain('most recent')

    // May 2031, for one body: its latest meeting before, and the link to that month, keeping the body.
    const byBody = await agent.getText('/calendar?view=month&month=2031-05&body=reform-board')
    const after = byBody.text.slice(byBody.text.indexOf('app-nearest-meetings'))
    expect(after).toContain('The most recent meetings')
    expect([...after.slice(0, after.indexOf('</div>')).matchAll(/href="\/meetings\/([^"]+)"/g)].map((m) => m[1])).toEqual([ids.nextMonth, ids.boardMeeting])
    expect(after).toContain('href="/calendar?body=reform-board&amp;view=month&amp;month=2031-04">View April 2031</a>')

    // A month with meetings has no such panel; a filter nothing matches says so.
    expect((await agent.getText(`/calendar?view=month&month=${MONTH}`)).text).not.toContain('app-nearest-meetings')
    const none = await agent.getText('/calendar?view=month&month=2030-12&partnership=other&body=reform-board')
    expect(none.text).toContain('No meetings match these filters in any month.')
  })

  it('defaults to the current month', async () => {
    const { status, text } = await agent.getText('/calendar')
    expect(status).toBe(200)
    expect(text).toContain('aria-current="date"')
    expect(text).toContain('href="/calendar.ics"')
  })
})

describe('GET /calendar list view', () => {
  it('lists upcoming meetings soonest first, marks cancelled and moved ones, and filters by dates', async () => {
    const past = await buildMeeting(t.db, { bodyId: board.id, date: addDays(londonToday(), -3) })
    const upcoming = await agent.getText('/calendar?view=list&body=reform-board')
    expect(upcoming.status).toBe(200)
    expect(upcoming.text).not.toContain(`/meetings/${past.id}`)
    expect(upcoming.text.indexOf(`/meetings/${ids.boardMeeting}`)).toBeLessThan(upcoming.text.indexOf(`/meetings/${ids.nextMonth}`))

    const exec = await agent.getText('/calendar?view=list&partnership=chorley&from=2031-03-15&to=2031-03-31')
    expect(exec.status).toBe(200)
    expect(exec.text).toContain(`/meetings/${ids.cancelled}`)
    expect(exec.text).toContain(`/meetings/${ids.moved}`)
    expect(exec.text).not.toContain(`/meetings/${ids.boardMeeting}`)
    expect(exec.text).toMatch(/govuk-tag--red[^>]*>\s*Cancelled/)
    expect(exec.text).toContain('Moved from Thursday 20 March 2031')
    expect(exec.text).toContain('Showing 1 to 2 of 2 meetings, soonest first')

    const pastList = await agent.getText(`/calendar?view=list&body=reform-board&to=${addDays(londonToday(), -1)}`)
    expect(pastList.text).toContain(`/meetings/${past.id}`)
    expect(pastList.text).not.toContain(`/meetings/${ids.boardMeeting}`)
    expect(pastList.text).toContain('latest first')
  })

  it('pages 25 meetings at a time', async () => {
    const body = await buildBody(t.db, { partnershipId: partnership.id, name: 'Busy Group', slug: 'busy-group' })
    for (let i = 0; i < 27; i++) await buildMeeting(t.db, { bodyId: body.id, date: addDays('2032-01-01', i) })
    const first = await agent.getText('/calendar?view=list&body=busy-group&from=2032-01-01')
    expect(first.text).toContain('Showing 1 to 25 of 27 meetings')
    expect(first.text.match(/<tr class="govuk-table__row" role="row">/g)).toHaveLength(26)
    expect(first.text).toContain('class="govuk-pagination"')
    expect(first.text).toContain('href="/calendar?body=busy-group&amp;view=list&amp;from=2032-01-01&amp;page=2"')
    const second = await agent.getText('/calendar?view=list&body=busy-group&from=2032-01-01&page=2')
    expect(second.text).toContain('Showing 26 to 27 of 27 meetings')
    expect(second.text).toContain('Tuesday 27 January 2032')
    expect(second.text).not.toContain('Thursday 1 January 2032')
  })
})

describe('GET /calendar with bad query parameters', () => {
  it.each([
    ['view=month&month=2031-13', 'month', 'Enter a month as a year and month, like 2027-03'],
    ['view=month&month=March', 'month', 'Enter a month as a year and month, like 2027-03'],
    ['view=list&from=2031-02-30', 'from', 'Date from must be a real date, like 2027-03-31'],
    ['view=list&from=2031-03-10&to=2031-03-01', 'to', 'Date to must be the same as or after date from'],
    ['view=list&partnership=no-such-partnership', 'partnership', 'Select a partnership from the list'],
    ['view=list&body=%3Cscript%3E', 'body', 'Select a body from the list'],
    ['view=calendar', 'view', 'Select month or list view'],
  ])('%s is a 400 page with an error summary', async (query, field, message) => {
    const { status, text } = await agent.getText(`/calendar?${query}`)
    expect(status).toBe(400)
    expect(text).toContain('There is a problem')
    expect(text).toContain(`href="#${field}">${message}</a>`)
    expect(text).toContain('<title>Error: Meetings calendar')
    expect(text).not.toContain('<script>')
  })

  it('keeps what the reader typed', async () => {
    const { text } = await agent.getText('/calendar?view=list&from=31%2F02%2F2031')
    expect(text).toContain('value="31/02/2031"')
  })
})

describe('iCalendar feeds', () => {
  it('serves every feed as text/calendar that parses, with an ETag and 304 on If-None-Match', async () => {
    for (const path of ['/calendar.ics', '/partnerships/chorley/calendar.ics', '/bodies/reform-board/calendar.ics']) {
      const res = await agent.get(path)
      expect([path, res.status]).toEqual([path, 200])
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
      const etag = res.headers.get('etag')!
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
      const parsed = parseIcs(await res.text())
      expect(parsed.timezones).toEqual(['Europe/London'])
      expect(parsed.events.length).toBeGreaterThan(0)
      const again = await agent.get(path, { 'if-none-match': etag })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      expect((await agent.get(path, { 'if-none-match': '"stale"' })).status).toBe(200)
    }
  })

  it('scopes feeds to the partnership or body', async () => {
    const board = parseIcs(await (await agent.get('/bodies/reform-board/calendar.ics')).text()).events.map((e) => e.uid)
    expect(board).toContain(meetingUid(ids.boardMeeting))
    expect(board).not.toContain(meetingUid(ids.cancelled))
    const chorley = parseIcs(await (await agent.get('/partnerships/chorley/calendar.ics')).text()).events
    expect(chorley.map((e) => e.uid)).toEqual(expect.arrayContaining([meetingUid(ids.boardMeeting), meetingUid(ids.cancelled)]))
    expect(chorley.map((e) => e.uid)).not.toContain(meetingUid(ids.other))
    const cancelled = chorley.find((e) => e.uid === meetingUid(ids.cancelled))!
    expect(cancelled.status).toBe('CANCELLED')
    expect(cancelled.url).toBe(`https://meetings.example.org/meetings/${ids.cancelled}`)
  })

  it('a new change gives a new ETag', async () => {
    const before = (await agent.get('/bodies/other-board/calendar.ics')).headers.get('etag')
    await buildMeeting(t.db, { bodyId: otherBody.id, date: '2031-05-05' })
    const after = await agent.get('/bodies/other-board/calendar.ics', { 'if-none-match': before! })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
  })

  it('downloads one meeting as an attachment', async () => {
    const res = await agent.get(`/meetings/${ids.boardMeeting}/calendar.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="reform-board-2031-03-03.ics"')
    const events = parseIcs(await res.text()).events
    expect(events.map((e) => e.uid)).toEqual([meetingUid(ids.boardMeeting)])
    expect(events[0]!.start.toISOString()).toBe('2031-03-03T10:00:00.000Z')
    expect(events[0]!.location).toBe('Town Hall')
  })

  it.each([
    '/partnerships/no-such-partnership/calendar.ics',
    '/bodies/no-such-body/calendar.ics',
    '/meetings/not-a-uuid/calendar.ics',
    '/meetings/00000000-0000-4000-8000-000000000000/calendar.ics',
  ])('%s is 404', async (path) => {
    expect((await agent.get(path)).status).toBe(404)
  })
})
