import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { addDays, addYears, londonToday } from '../../shared/dates.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { parseIcs } from '../../../test/support/ical.ts'
import { DEFAULT_DURATION_MINUTES, meetingUid } from './calendar.presenter.ts'
import { calendarService, FEED_MIN_HISTORY } from './calendar.service.ts'

const PUBLIC_URL = 'https://meetings.example.org/'
const t = useTestApp({ publicUrl: PUBLIC_URL })
let admin: CurrentUser

beforeAll(async () => {
  const user = await buildUser(t.db, { isAdmin: true })
  admin = { id: user.id, email: user.email, displayName: user.displayName, isAdmin: true, secretariatOf: [], memberOf: [] }
})

const future = (days: number) => addDays(londonToday(), days)

async function bodyFeedEvent(slug: string, meetingId: string) {
  const feed = parseIcs((await t.services.calendar.bodyFeed(slug)).text)
  const event = feed.events.find((e) => e.uid === meetingUid(meetingId))
  if (!event) throw new Error(`no event for ${meetingId}`)
  return { feed, event }
}

describe('iCalendar events through the meetings service', () => {
  it('meeting-law.md worked case 10: Mon 31 Mar 2025 18:00 London is 17:00Z, Thu 27 Mar 2025 18:00 is 18:00Z', async () => {
    const body = await buildBody(t.db, { name: 'Worked Case Ten Board' })
    const afterChange = await buildMeeting(t.db, { bodyId: body.id, date: '2025-03-31', startTime: '18:00', endTime: '19:00' })
    const beforeChange = await buildMeeting(t.db, { bodyId: body.id, date: '2025-03-27', startTime: '18:00', endTime: '19:00' })
    for (const [meeting, start] of [
      [afterChange, '2025-03-31T17:00:00.000Z'],
      [beforeChange, '2025-03-27T18:00:00.000Z'],
    ] as const) {
      const res = await t.app.request(`http://localhost/meetings/${meeting.id}/calendar.ics`)
      const [event] = parseIcs(await res.text()).events
      expect(event!.start.toISOString()).toBe(start)
      expect(event!.startTzid).toBe('Europe/London')
    }
  })

  it('keeps the UID, raises SEQUENCE on a move and on cancellation, and keeps the cancelled meeting', async () => {
    const body = await buildBody(t.db, { name: 'Chorley Public Service Reform Board' })
    const date = future(40)
    const meeting = await t.services.meetings.scheduleMeeting(admin, body.id, {
      date,
      startTime: '10:00',
      endTime: '12:00',
      venue: 'Town Hall, Chorley',
      kind: 'ordinary',
    })

    const first = await bodyFeedEvent(body.slug, meeting.id)
    expect(first.event.uid).toBe(`meeting-${meeting.id}@joinedup`)
    expect(first.event.sequence).toBe(0)
    expect(first.event.status).toBe('CONFIRMED')
    expect(first.event.summary).toBe('Chorley Public Service Reform Board')
    expect(first.event.location).toBe('Town Hall, Chorley')
    expect(first.event.url).toBe(`https://meetings.example.org/meetings/${meeting.id}`)
    expect(first.event.description).toContain(`https://meetings.example.org/meetings/${meeting.id}`)
    expect(first.event.startTzid).toBe('Europe/London')
    expect(first.event.description).toContain('The agenda has not been published yet.')
    expect(first.feed.timezones).toEqual(['Europe/London'])

    // A change that is not time or place leaves SEQUENCE alone.
    const renamed = await t.services.meetings.updateMeeting(admin, meeting.id, {
      date, startTime: '10:00', endTime: '12:00', venue: 'Town Hall, Chorley', kind: 'ordinary', contactName: 'Clerk', version: meeting.version,
    })
    expect((await bodyFeedEvent(body.slug, meeting.id)).event.sequence).toBe(0)

    const moved = await t.services.meetings.updateMeeting(admin, meeting.id, {
      date: future(41), startTime: '14:00', endTime: '16:00', venue: 'Town Hall, Chorley', kind: 'ordinary', version: renamed.version,
    })
    const afterMove = await bodyFeedEvent(body.slug, meeting.id)
    expect(afterMove.event.uid).toBe(first.event.uid)
    expect(afterMove.event.sequence).toBe(1)
    expect(afterMove.event.description).toMatch(/Moved from /)

    const cancelled = await t.services.meetings.cancelMeeting(admin, meeting.id, { reason: 'Chair unwell', version: moved.version })
    const afterCancel = await bodyFeedEvent(body.slug, meeting.id)
    expect(afterCancel.event.uid).toBe(first.event.uid)
    expect(afterCancel.event.sequence).toBe(2)
    expect(afterCancel.event.status).toBe('CANCELLED')
    expect(afterCancel.event.summary).toBe('Chorley Public Service Reform Board (cancelled)')
    // The cancellation reason is not calendar information.
    expect((await t.services.calendar.bodyFeed(body.slug)).text).not.toContain('Chair unwell')
    // DTSTAMP is the meeting's last change, in UTC.
    const stamp = cancelled.updatedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
    expect(afterCancel.event.dtstamp.replace(/[-:]/g, '')).toBe(stamp)
  })

  it('gives a meeting with no end time the default duration', async () => {
    const meeting = await buildMeeting(t.db, { date: '2026-10-25', startTime: '10:00', endTime: null })
    const { text } = await t.services.calendar.meetingIcs(meeting.id)
    const event = parseIcs(text).events[0]!
    expect(event.start.toISOString()).toBe('2026-10-25T10:00:00.000Z')
    expect(event.end.getTime() - event.start.getTime()).toBe(DEFAULT_DURATION_MINUTES * 60_000)
    expect(event.description).toContain('No finishing time has been published.')
  })

  it.each([
    ['2026-03-29', '10:00', '2026-03-29T09:00:00.000Z'],
    ['2026-03-29', '01:30', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', '10:00', '2026-10-25T10:00:00.000Z'],
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'],
  ])('a meeting on %s at %s is at %s in every calendar', async (date, startTime, iso) => {
    const meeting = await buildMeeting(t.db, { date, startTime, endTime: null })
    const event = parseIcs((await t.services.calendar.meetingIcs(meeting.id)).text).events[0]!
    expect(event.start.toISOString()).toBe(iso)
    expect(event.end.getTime() - event.start.getTime()).toBe(DEFAULT_DURATION_MINUTES * 60_000)
  })

  it('shows nothing of an unpublished agenda, and no contact details', async () => {
    const body = await buildBody(t.db)
    const meeting = await buildMeeting(t.db, {
      bodyId: body.id,
      date: future(10),
      contactName: 'CANARY-CONTACT-NAME',
      contactEmail: 'canary-contact@example.org',
      contactPhone: '01234 CANARY',
    })
    await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'CANARY-UNPUBLISHED-ITEM', description: 'CANARY-DESCRIPTION' })
    for (const text of [(await t.services.calendar.bodyFeed(body.slug)).text, (await t.services.calendar.meetingIcs(meeting.id)).text, (await t.services.calendar.allFeed()).text]) {
      expect(text).toContain(meetingUid(meeting.id))
      expect(text).not.toMatch(/CANARY|canary/)
    }
  })

  it('says whether the agenda or minutes are out, from the public rules', async () => {
    const published = await buildMeeting(t.db, { date: future(5) }, 'agendaPublished')
    const minuted = await buildMeeting(t.db, { date: future(-5) }, 'minutesDraft')
    expect(parseIcs((await t.services.calendar.meetingIcs(published.id)).text).events[0]!.description).toContain('The agenda and papers are published.')
    expect(parseIcs((await t.services.calendar.meetingIcs(minuted.id)).text).events[0]!.description).toContain('The minutes are published.')
  })
})

describe('feed windows and scope', () => {
  it('covers two years back and everything ahead, topped up to the last 20 meetings', async () => {
    const body = await buildBody(t.db)
    const windowStart = addYears(londonToday(), -2)
    const old = await buildMeeting(t.db, { bodyId: body.id, date: addDays(windowStart, -1) })
    const older = await buildMeeting(t.db, { bodyId: body.id, date: addDays(windowStart, -400) })
    const recent = await buildMeeting(t.db, { bodyId: body.id, date: addDays(windowStart, 1) })
    const far = await buildMeeting(t.db, { bodyId: body.id, date: addYears(londonToday(), 5) })
    const uids = async () => parseIcs((await t.services.calendar.bodyFeed(body.slug)).text).events.map((e) => e.uid)
    // Few meetings in the window: the older ones are kept, in date order.
    expect(await uids()).toEqual([older, old, recent, far].map((m) => meetingUid(m.id)))

    // 20 past meetings in the window: nothing before it.
    for (let i = 1; i < FEED_MIN_HISTORY; i++) await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), -i * 30) })
    const full = await uids()
    expect(full).toHaveLength(FEED_MIN_HISTORY + 1)
    expect(full).not.toContain(meetingUid(old.id))
    expect(full).not.toContain(meetingUid(older.id))
    expect(full).toContain(meetingUid(recent.id))
    expect(full[full.length - 1]).toBe(meetingUid(far.id))
    // The single-meeting download has no window.
    expect(parseIcs((await t.services.calendar.meetingIcs(older.id)).text).events).toHaveLength(1)
  })

  it('never cuts a future meeting: the cap applies to the past side only, keeping the latest past meetings', async () => {
    const body = await buildBody(t.db)
    const windowStart = addYears(londonToday(), -2)
    await buildMeeting(t.db, { bodyId: body.id, date: addDays(windowStart, -30) }) // before the window
    const past = []
    for (const days of [-50, -40, -30, -20, -10]) past.push(await buildMeeting(t.db, { bodyId: body.id, date: future(days) }))
    const ahead = []
    for (const days of [400, 0, 30, 1]) ahead.push(await buildMeeting(t.db, { bodyId: body.id, date: future(days) }))
    ahead.sort((x, y) => x.date.localeCompare(y.date))
    const capped = calendarService(t.db, { structure: t.services.structure, meetings: t.services.meetings, config: t.services.config, feedPastLimit: 3 })
    const uids = parseIcs((await capped.bodyFeed(body.slug)).text).events.map((e) => e.uid)
    expect(uids).toEqual([...past.slice(2), ...ahead].map((m) => meetingUid(m.id)))
    // Without the cap the whole window is there, topped up with the meeting before it.
    expect(parseIcs((await t.services.calendar.bodyFeed(body.slug)).text).events).toHaveLength(1 + past.length + ahead.length)
  })

  it("a partnership's feed has its own bodies' meetings only", async () => {
    const partnership = await buildPartnership(t.db)
    const other = await buildPartnership(t.db, { parentPartnershipId: partnership.id })
    const a = await buildMeeting(t.db, { bodyId: (await buildBody(t.db, { partnershipId: partnership.id })).id, date: future(3) })
    const b = await buildMeeting(t.db, { bodyId: (await buildBody(t.db, { partnershipId: partnership.id })).id, date: future(4) })
    const c = await buildMeeting(t.db, { bodyId: (await buildBody(t.db, { partnershipId: other.id })).id, date: future(5) })
    const uids = parseIcs((await t.services.calendar.partnershipFeed(partnership.slug)).text).events.map((e) => e.uid)
    expect(uids).toEqual([meetingUid(a.id), meetingUid(b.id)])
    const all = parseIcs((await t.services.calendar.allFeed()).text).events.map((e) => e.uid)
    expect(all).toEqual(expect.arrayContaining([meetingUid(a.id), meetingUid(b.id), meetingUid(c.id)]))
  })
})
