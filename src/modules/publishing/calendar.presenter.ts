import { addMinutes, type IcsCalendar, type IcsEvent } from '../../platform/outputs/ics.ts'
import { addDays, dayOfWeek, formatLongDate, formatTime, LONDON, shortTime } from '../../shared/dates.ts'
import { MEETING_STATUS_TAGS } from '../../shared/record-text.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import type { BodyOption, CalendarMeeting, PartnershipOption } from './calendar.repository.ts'
import { absoluteUrl, calendarPaths, webcalUrl, type CalendarQuery } from './calendar.paths.ts'

/**
 * A meeting with no end time is shown in calendar apps as lasting two hours: long enough to block out
 * a typical board meeting, short enough not to swallow the day.
 */
export { pagination } from '../../platform/views/pagination.ts'

export const DEFAULT_DURATION_MINUTES = 120

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' })
/** "March 2027" */
export const monthLabel = (month: string): string => MONTH_NAME.format(new Date(`${month}-01T00:00:00Z`))

/** "Moved from Tuesday 3 March 2015" (and the time, when that changed too), or null. */
export function movedFrom(m: Pick<CalendarMeeting, 'movedFromDate' | 'movedFromTime' | 'startTime'>): string | null {
  if (!m.movedFromDate) return null
  const time = m.movedFromTime && shortTime(m.movedFromTime) !== shortTime(m.startTime) ? ` at ${formatTime(m.movedFromTime)}` : ''
  return `Moved from ${formatLongDate(m.movedFromDate)}${time}`
}

const timeRange = (m: CalendarMeeting) => (m.endTime ? `${formatTime(m.startTime)} to ${formatTime(m.endTime)}` : formatTime(m.startTime))

/** What a calendar page prints for one meeting. */
export function meetingEntry(m: CalendarMeeting) {
  const cancelled = m.status === 'cancelled'
  return {
    href: meetingPaths.public.meeting(m.id),
    date: m.date,
    time: formatTime(m.startTime),
    timeRange: timeRange(m),
    bodyName: m.body.name,
    bodyHref: structurePaths.public.body(m.body.slug),
    partnershipName: m.partnership.name,
    venue: m.venue ?? '',
    cancelled,
    moved: movedFrom(m),
    status: MEETING_STATUS_TAGS[m.status],
    icsHref: calendarPaths.meetingIcs(m.id),
  }
}
export type MeetingEntry = ReturnType<typeof meetingEntry>

const DAY_NAMES = [
  { short: 'Mon', long: 'Monday' },
  { short: 'Tue', long: 'Tuesday' },
  { short: 'Wed', long: 'Wednesday' },
  { short: 'Thu', long: 'Thursday' },
  { short: 'Fri', long: 'Friday' },
  { short: 'Sat', long: 'Saturday' },
  { short: 'Sun', long: 'Sunday' },
]

/** The weeks (Monday first) of a month as table rows; days outside the month are blank cells. */
export function monthGrid(month: string, meetings: CalendarMeeting[], today: string) {
  const first = `${month}-01`
  const byDate = new Map<string, MeetingEntry[]>()
  for (const m of meetings) byDate.set(m.date, [...(byDate.get(m.date) ?? []), meetingEntry(m)])
  let day = addDays(first, -((dayOfWeek(first) + 6) % 7))
  const weeks: { days: { inMonth: boolean; date: string; dayNumber: number; isToday: boolean; meetings: MeetingEntry[] }[] }[] = []
  do {
    const days = []
    for (let i = 0; i < 7; i++) {
      const inMonth = day.startsWith(month)
      days.push({ inMonth, date: day, dayNumber: Number(day.slice(8, 10)), isToday: day === today, meetings: inMonth ? (byDate.get(day) ?? []) : [] })
      day = addDays(day, 1)
    }
    weeks.push({ days })
  } while (day.startsWith(month))
  return { caption: `Meetings in ${monthLabel(month)}`, dayNames: DAY_NAMES, weeks }
}


/**
 * For a month with no meetings: the latest meetings before it and the next ones after it, each list with a link
 * to the month its nearest meeting is in (the month view of that month, with the same filters).
 */
export function nearestMeetings(
  nearest: { before: CalendarMeeting[]; after: CalendarMeeting[] },
  monthHref: (month: string) => string,
) {
  const group = (rows: CalendarMeeting[], heading: string) => {
    const first = rows[0]
    if (!first) return null
    const month = first.date.slice(0, 7)
    return { heading, meetings: rows.map(meetingEntry), month: { text: `View ${monthLabel(month)}`, href: monthHref(month) } }
  }
  return {
    after: group(nearest.after, nearest.after.length === 1 ? 'The next meeting' : 'The next meetings'),
    before: group(nearest.before, nearest.before.length === 1 ? 'The most recent meeting' : 'The most recent meetings'),
  }
}

/** The filter selects: an "All" option first, the chosen one selected. */
export function filterSelects(options: { partnerships: PartnershipOption[]; bodies: BodyOption[] }, chosen: CalendarQuery) {
  return {
    partnershipItems: [
      { value: '', text: 'All partnerships' },
      ...options.partnerships.map((p) => ({ value: p.slug, text: p.name, selected: p.slug === chosen.partnership })),
    ],
    bodyItems: [
      { value: '', text: 'All bodies' },
      ...options.bodies.map((b) => ({ value: b.slug, text: `${b.name} (${b.partnershipName})`, selected: b.slug === chosen.body })),
    ],
  }
}

/** Links to the feeds that match what the reader is looking at, most specific first. */
export function feedLinks(
  publicUrl: string,
  chosen: { partnership?: PartnershipOption | undefined; body?: BodyOption | undefined },
) {
  const link = (text: string, path: string) => {
    const href = absoluteUrl(publicUrl, path)
    return { text, path, href, webcal: webcalUrl(href) }
  }
  return [
    ...(chosen.body ? [link(`${chosen.body.name} (${chosen.body.partnershipName})`, calendarPaths.bodyFeed(chosen.body.slug))] : []),
    ...(chosen.partnership ? [link(`${chosen.partnership.name}`, calendarPaths.partnershipFeed(chosen.partnership.slug))] : []),
    link('All meetings', calendarPaths.feed()),
  ]
}

// ---- iCalendar ----

/** Every event's UID: fixed for ever, and not derived from PUBLIC_URL (so a move of domain keeps it). */
export const meetingUid = (id: string): string => `meeting-${id}@joinedup`

export function icsEvent(m: CalendarMeeting, publicUrl: string): IcsEvent {
  const cancelled = m.status === 'cancelled'
  const url = absoluteUrl(publicUrl, meetingPaths.public.meeting(m.id))
  const start = { date: m.date, time: shortTime(m.startTime) }
  const end = m.endTime ? { date: m.date, time: shortTime(m.endTime) } : addMinutes(start, DEFAULT_DURATION_MINUTES, LONDON)
  const moved = movedFrom(m)
  const description = [
    `Meeting of ${m.body.name} (${m.partnership.name}).`,
    ...(cancelled ? ['This meeting has been cancelled.'] : []),
    ...(moved ? [`${moved}.`] : []),
    ...(m.endTime ? [] : ['No finishing time has been published.']),
    ...(cancelled ? [] : [m.minutesPublic ? 'The minutes are published.' : m.agendaPublic ? 'The agenda and papers are published.' : 'The agenda has not been published yet.']),
    `Details, agenda and papers: ${url}`,
  ].join('\n')
  return {
    uid: meetingUid(m.id),
    sequence: m.icalSequence,
    stamp: m.updatedAt,
    start,
    end,
    summary: cancelled ? `${m.body.name} (cancelled)` : m.body.name,
    description,
    location: m.venue,
    url,
    status: cancelled ? 'cancelled' : 'confirmed',
  }
}

export function icsCalendar(input: { name: string; description: string; meetings: CalendarMeeting[]; publicUrl: string }): IcsCalendar {
  return {
    name: input.name,
    description: input.description,
    productOwner: 'Joined Up',
    product: 'Meetings calendar',
    timezone: LONDON,
    refreshSeconds: 6 * 60 * 60,
    url: absoluteUrl(input.publicUrl, calendarPaths.calendar()),
    events: input.meetings.map((m) => icsEvent(m, input.publicUrl)),
  }
}
