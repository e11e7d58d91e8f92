import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaPublicSql, minutesPublicSql } from '../meetings/public-rules.ts'
import { meetings, type MeetingStatus } from '../meetings/meetings.read.ts'
import { bodies, partnerships } from '../structure/structure.read.ts'

/**
 * What the calendar may say about a meeting. A meeting's existence, date, time, venue and status are
 * public from the moment it is scheduled; nothing else is selected here (no contacts, no agenda, no
 * cancellation reason), so nothing else can reach a calendar page or feed.
 */
export type CalendarMeeting = {
  id: string
  date: string
  startTime: string
  endTime: string | null
  venue: string | null
  status: MeetingStatus
  movedFromDate: string | null
  movedFromTime: string | null
  icalSequence: number
  updatedAt: Date
  /** From public-rules: whether the agenda (and so the meeting page's agenda) is public. */
  agendaPublic: boolean
  minutesPublic: boolean
  body: { id: string; name: string; slug: string }
  partnership: { id: string; name: string; slug: string }
}

export type CalendarFilter = {
  partnershipId?: string | undefined
  bodyId?: string | undefined
  /** Inclusive London dates. */
  fromDate?: string | undefined
  toDate?: string | undefined
}

export type BodyOption = { id: string; slug: string; name: string; partnershipName: string }
export type PartnershipOption = { id: string; slug: string; name: string }

const columns = {
  id: meetings.id,
  date: meetings.date,
  startTime: meetings.startTime,
  endTime: meetings.endTime,
  venue: meetings.venue,
  status: meetings.status,
  movedFromDate: meetings.movedFromDate,
  movedFromTime: meetings.movedFromTime,
  icalSequence: meetings.icalSequence,
  updatedAt: meetings.updatedAt,
  agendaPublic: sql<boolean>`${agendaPublicSql()}`,
  minutesPublic: sql<boolean>`${minutesPublicSql()}`,
  body: { id: bodies.id, name: bodies.name, slug: bodies.slug },
  partnership: { id: partnerships.id, name: partnerships.name, slug: partnerships.slug },
}

function where(filter: CalendarFilter): SQL | undefined {
  return and(
    filter.partnershipId ? eq(bodies.partnershipId, filter.partnershipId) : undefined,
    filter.bodyId ? eq(meetings.bodyId, filter.bodyId) : undefined,
    filter.fromDate ? gte(meetings.date, filter.fromDate) : undefined,
    filter.toDate ? lte(meetings.date, filter.toDate) : undefined,
  )
}

/** Drizzle queries only. Date-ranged reads use meetings_date_idx / meetings_body_date_idx. */
export function calendarRepository(db: Db) {
  const base = (tx: Db) =>
    tx
      .select(columns)
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))

  return {
    /**
     * Meetings in a window, in date order (latest first when `latestFirst`), at most `limit` (no limit only for
     * a window the caller knows is bounded, such as the meetings from today on in a feed).
     */
    async findMeetings(
      filter: CalendarFilter,
      opts: { limit?: number; offset?: number; latestFirst?: boolean },
      tx: Db = db,
    ): Promise<CalendarMeeting[]> {
      const order = opts.latestFirst
        ? [desc(meetings.date), desc(meetings.startTime), asc(bodies.name), asc(meetings.id)]
        : [asc(meetings.date), asc(meetings.startTime), asc(bodies.name), asc(meetings.id)]
      let query = base(tx)
        .where(where(filter))
        .orderBy(...order)
        .$dynamic()
      if (opts.limit !== undefined) query = query.limit(opts.limit)
      if (opts.offset) query = query.offset(opts.offset)
      return query
    },

    async countMeetings(filter: CalendarFilter, tx: Db = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(where(filter))
      return row?.n ?? 0
    },

    async findMeeting(id: string, tx: Db = db): Promise<CalendarMeeting | undefined> {
      const [row] = await base(tx).where(eq(meetings.id, id)).limit(1)
      return row
    },

    async partnershipOptions(tx: Db = db): Promise<PartnershipOption[]> {
      return tx
        .select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name })
        .from(partnerships)
        .orderBy(asc(partnerships.name))
    },

    async bodyOptions(tx: Db = db): Promise<BodyOption[]> {
      return tx
        .select({ id: bodies.id, slug: bodies.slug, name: bodies.name, partnershipName: partnerships.name })
        .from(bodies)
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .orderBy(asc(bodies.name), asc(partnerships.name))
    },
  }
}
export type CalendarRepository = ReturnType<typeof calendarRepository>
