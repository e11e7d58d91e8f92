import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { pageOf, paged, type Page, type PageRequest, type Paged } from '../../platform/db/paging.ts'
import { meetingRows } from '../../shared/record-text.ts'
import { meetings } from './meetings.tables.ts'
import {
  BODY_MEETINGS_PER_PAGE,
  type BodyMeetingRange,
  type BodyMeetingRow,
  type BodyMeetingTableRow,
} from './body-meetings.types.ts'

/**
 * A page of a body's meetings (meetings_body_date_idx): upcoming (on or after fromDate, soonest first),
 * past (before beforeDate, latest first) or all (latest first).
 */
export async function findMeetingsOfBody(db: Db, bodyId: string, range: BodyMeetingRange, page: PageRequest): Promise<Page<BodyMeetingRow>> {
  const where = and(
    eq(meetings.bodyId, bodyId),
    range.fromDate ? gte(meetings.date, range.fromDate) : undefined,
    range.beforeDate ? lt(meetings.date, range.beforeDate) : undefined,
  )
  const order = range.fromDate ? [asc(meetings.date), asc(meetings.startTime)] : [desc(meetings.date), desc(meetings.startTime)]
  const [rows, [count]] = await Promise.all([
    db
      .select({ id: meetings.id, date: meetings.date, startTime: meetings.startTime, status: meetings.status })
      .from(meetings)
      .where(where)
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(meetings).where(where),
  ])
  return { rows, total: count?.n ?? 0 }
}

/** The meetings of a body, for the body's staff and public pages (which belong to structure and public). */
export function bodyMeetingsService(db: Db) {
  const meetingsOfBody = async (
    bodyId: string,
    range: BodyMeetingRange,
    page = 1,
    perPage = BODY_MEETINGS_PER_PAGE,
  ): Promise<Paged<BodyMeetingRow>> => paged(await findMeetingsOfBody(db, bodyId, range, pageOf(page, perPage)), page, perPage)
  return {
    meetingsOfBody,
    /** A page of a body's meetings, latest first, as table rows linking to `href`. */
    async meetingTable(bodyId: string, page: number, href: (id: string) => string): Promise<Paged<BodyMeetingTableRow>> {
      const result = await meetingsOfBody(bodyId, {}, page)
      return { ...result, rows: meetingRows(result.rows, href) }
    },
  }
}
export type BodyMeetingsService = ReturnType<typeof bodyMeetingsService>
