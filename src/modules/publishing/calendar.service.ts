import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import { notFound } from '../../platform/http/errors.ts'
import { renderIcs } from '../../platform/outputs/ics.ts'
import { addDays, addYears, londonToday } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import {
  calendarRepository,
  type BodyOption,
  type CalendarFilter,
  type CalendarMeeting,
  type PartnershipOption,
} from './calendar.repository.ts'
import { icsCalendar } from './calendar.presenter.ts'

export type { BodyOption, CalendarMeeting, PartnershipOption }

export const CALENDAR_PER_PAGE = 25
/**
 * Feeds cover meetings from two years back and everything ahead, so a subscription stays small; a body
 * that has not met for a while still shows its last FEED_MIN_HISTORY meetings, so its feed is never bare.
 */
export const FEED_YEARS_BACK = 2
export const FEED_MIN_HISTORY = 20
/**
 * A safety cap on the past side of one feed: the latest FEED_PAST_LIMIT past meetings in the window. Meetings
 * from today on are never capped: a calendar app deletes an event that drops out of a feed, so a future
 * meeting must never be cut to make room.
 */
export const FEED_PAST_LIMIT = 2000
/** How many of the nearest earlier and later meetings an empty month points to. */
export const NEAREST_LIMIT = 3
/** A month has at most 31 days; this bounds one month page. */
const MONTH_LIMIT = 1000

export type Paged<T> = { rows: T[]; total: number; page: number; pageCount: number }

/** An .ics document and the name to save it under. */
export type IcsFile = { text: string; filename: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The public meetings calendar and its iCalendar feeds. Everything here is public: meetings carry only
 * what calendar.repository selects (date, time, venue, status, body and partnership names).
 */
export function calendarService(
  db: Db,
  deps: { structure: StructureService; meetings: MeetingsService; config: Config; now?: () => Date; feedPastLimit?: number },
) {
  const repo = calendarRepository(db)
  const today = () => londonToday(deps.now ? deps.now() : new Date())
  const feedFrom = () => addYears(today(), -FEED_YEARS_BACK)
  const pastLimit = deps.feedPastLimit ?? FEED_PAST_LIMIT
  /**
   * The feed's meetings, in date order: every meeting from today on; before today, the latest pastLimit in
   * the window, topped up with older ones to FEED_MIN_HISTORY past meetings when the window has fewer.
   */
  async function feedMeetings(filter: Pick<CalendarFilter, 'partnershipId' | 'bodyId'>): Promise<CalendarMeeting[]> {
    const from = feedFrom()
    const now = today()
    const [upcoming, pastLatestFirst] = await Promise.all([
      repo.findMeetings({ ...filter, fromDate: now }, {}),
      repo.findMeetings({ ...filter, fromDate: from, toDate: addDays(now, -1) }, { limit: pastLimit, latestFirst: true }),
    ])
    const past = pastLatestFirst.sort(inDateOrder)
    // A full past side means the window was not exhausted: nothing before it belongs in the feed.
    const need = past.length < pastLimit ? FEED_MIN_HISTORY - past.length : 0
    if (need <= 0) return [...past, ...upcoming]
    const older = await repo.findMeetings({ ...filter, toDate: addDays(from, -1) }, { limit: need, latestFirst: true })
    return [...older.sort(inDateOrder), ...past, ...upcoming]
  }
  const ics = (name: string, description: string, rows: CalendarMeeting[], filename: string): IcsFile => ({
    text: renderIcs(icsCalendar({ name, description, meetings: rows, publicUrl: deps.config.publicUrl })),
    filename,
  })

  const service = {
    today,

    async filterOptions(): Promise<{ partnerships: PartnershipOption[]; bodies: BodyOption[] }> {
      const [partnerships, bodies] = await Promise.all([repo.partnershipOptions(), repo.bodyOptions()])
      return { partnerships, bodies }
    },

    /** Every meeting in a calendar month ('YYYY-MM'), in date and time order. */
    async findMonth(month: string, filter: Pick<CalendarFilter, 'partnershipId' | 'bodyId'>): Promise<CalendarMeeting[]> {
      const first = `${month}-01`
      const last = addDays(`${nextMonth(month)}-01`, -1)
      return repo.findMeetings({ ...filter, fromDate: first, toDate: last }, { limit: MONTH_LIMIT })
    },

    /**
     * The meetings nearest a month, for a month with none in it: the latest `limit` before it (latest first) and
     * the next `limit` after it (soonest first), with the same filters.
     */
    async findNearest(
      month: string,
      filter: Pick<CalendarFilter, 'partnershipId' | 'bodyId'>,
      limit = NEAREST_LIMIT,
    ): Promise<{ before: CalendarMeeting[]; after: CalendarMeeting[] }> {
      const [before, after] = await Promise.all([
        repo.findMeetings({ ...filter, toDate: addDays(`${month}-01`, -1) }, { limit, latestFirst: true }),
        repo.findMeetings({ ...filter, fromDate: `${nextMonth(month)}-01` }, { limit }),
      ])
      return { before, after }
    },

    /**
     * A page of meetings. With no dates: upcoming meetings from today, soonest first. With only a
     * `to` date: meetings up to it, latest first (the past). Otherwise the range, soonest first.
     */
    async findList(filter: CalendarFilter, page: number): Promise<Paged<CalendarMeeting> & { latestFirst: boolean }> {
      const window: CalendarFilter = { ...filter }
      if (!window.fromDate && !window.toDate) window.fromDate = today()
      const latestFirst = !window.fromDate && !!window.toDate
      const total = await repo.countMeetings(window)
      const pageCount = Math.max(1, Math.ceil(total / CALENDAR_PER_PAGE))
      const current = Math.min(Math.max(1, page), pageCount)
      const rows = await repo.findMeetings(window, {
        limit: CALENDAR_PER_PAGE,
        offset: (current - 1) * CALENDAR_PER_PAGE,
        latestFirst,
      })
      return { rows, total, page: current, pageCount, latestFirst }
    },

    /** Every meeting of every body, from two years back (see FEED_YEARS_BACK). */
    async allFeed(): Promise<IcsFile> {
      const rows = await feedMeetings({})
      return ics('Joined Up: all meetings', 'Meetings of every partnership body published on Joined Up', rows, 'joined-up-meetings.ics')
    },

    /** The meetings of a partnership's own bodies (not those of partnerships nested under it). */
    async partnershipFeed(slug: string): Promise<IcsFile> {
      const partnership = await deps.structure.getPartnershipBySlug(slug)
      const rows = await feedMeetings({ partnershipId: partnership.id })
      return ics(partnership.name, `Meetings of the bodies of ${partnership.name}`, rows, `${partnership.slug}.ics`)
    },

    async bodyFeed(slug: string): Promise<IcsFile> {
      const body = await deps.structure.getBodyBySlug(slug)
      const rows = await feedMeetings({ bodyId: body.id })
      return ics(`${body.name} (${body.partnership.name})`, `Meetings of ${body.name}`, rows, `${body.slug}.ics`)
    },

    /** One meeting as an .ics download (any date). */
    async meetingIcs(id: string): Promise<IcsFile> {
      if (!UUID.test(id)) throw notFound('Meeting')
      const meeting = await repo.findMeeting(id)
      if (!meeting) throw notFound('Meeting')
      return ics(meeting.body.name, `Meeting of ${meeting.body.name}`, [meeting], `${meeting.body.slug}-${meeting.date}.ics`)
    },
  }
  return service
}
export type CalendarService = ReturnType<typeof calendarService>

/** The repository's date order (date, time, body name, id), for rows read latest first. */
function inDateOrder(a: CalendarMeeting, b: CalendarMeeting): number {
  const key = (m: CalendarMeeting) => [m.date, m.startTime, m.body.name, m.id]
  const [ka, kb] = [key(a), key(b)]
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! < kb[i]!) return -1
    if (ka[i]! > kb[i]!) return 1
  }
  return 0
}

/** 'YYYY-MM' of the month after. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** 'YYYY-MM' of the month before. */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}
