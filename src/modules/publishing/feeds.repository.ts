import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { bodies } from '../structure/structure.read.ts'
import { agendaItems, decisions, meetings, type MeetingStatus } from '../meetings/meetings.read.ts'
import { agendaPublicSql, itemOpenSql, minutesPublicSql } from '../meetings/public-rules.ts'
import { publicationEvents, type PublicationEventKind } from './publishing.tables.ts'

/** A publication event that is still public, with what a feed entry or an alert prints about its meeting. */
export type FeedEventRow = {
  id: number
  kind: PublicationEventKind
  occurredAt: Date
  meetingId: string
  meetingDate: string
  startTime: string
  meetingStatus: MeetingStatus
  movedFromDate: string | null
  movedFromTime: string | null
  bodyId: string
  bodyName: string
  bodySlug: string
}

/** A decision of an open item of a meeting whose minutes are public. */
export type FeedDecisionRow = {
  id: string
  meetingId: string
  itemTitle: string
  text: string
}

/**
 * An event contributes only while what it announces is public: an agenda while the agenda is, minutes while
 * the minutes are (public-rules.ts). A move or a cancellation concerns the meeting's date, which is public.
 */
function eventStillPublic(): SQL {
  return sql`(
    (${publicationEvents.kind} = 'agenda_published' and ${agendaPublicSql()})
    or (${publicationEvents.kind} in ('minutes_published', 'minutes_approved') and ${minutesPublicSql()})
    or ${publicationEvents.kind} in ('meeting_moved', 'meeting_cancelled')
  )`
}

const eventColumns = {
  id: publicationEvents.id,
  kind: publicationEvents.kind,
  occurredAt: publicationEvents.occurredAt,
  meetingId: meetings.id,
  meetingDate: meetings.date,
  startTime: meetings.startTime,
  meetingStatus: meetings.status,
  movedFromDate: meetings.movedFromDate,
  movedFromTime: meetings.movedFromTime,
  bodyId: bodies.id,
  bodyName: bodies.name,
  bodySlug: bodies.slug,
}

/** Reads for the Atom/RSS feeds and the alert job. No rules beyond composing public-rules.ts. */
export function feedsRepository(db: Db) {
  return {
    /** The newest public events of a body, or of every body of a partnership: newest first. */
    async findPublicEvents(scope: { bodyId: string } | { partnershipId: string }, limit: number, tx: Db = db): Promise<FeedEventRow[]> {
      const where = 'bodyId' in scope ? eq(publicationEvents.bodyId, scope.bodyId) : eq(bodies.partnershipId, scope.partnershipId)
      return tx
        .select(eventColumns)
        .from(publicationEvents)
        .innerJoin(meetings, eq(meetings.id, publicationEvents.meetingId))
        .innerJoin(bodies, eq(bodies.id, publicationEvents.bodyId))
        .where(and(where, eventStillPublic()))
        .orderBy(desc(publicationEvents.id))
        .limit(limit)
    },

    /** Public events of the given bodies after an event id, oldest first (the alert job). */
    async findPublicEventsAfter(bodyIds: string[], afterId: number, limit: number, tx: Db = db): Promise<FeedEventRow[]> {
      if (bodyIds.length === 0) return []
      return tx
        .select(eventColumns)
        .from(publicationEvents)
        .innerJoin(meetings, eq(meetings.id, publicationEvents.meetingId))
        .innerJoin(bodies, eq(bodies.id, publicationEvents.bodyId))
        .where(and(inArray(publicationEvents.bodyId, bodyIds), gt(publicationEvents.id, afterId), eventStillPublic()))
        .orderBy(asc(publicationEvents.id))
        .limit(limit)
    },

    /** The highest event id of a body (0 if none), optionally only of events that occurred by `until`. */
    async lastEventIdOfBody(bodyId: string, until: Date | null = null, tx: Db = db): Promise<number> {
      const [row] = await tx
        .select({ id: sql<number | null>`max(${publicationEvents.id})`.mapWith((v: unknown) => (v === null ? null : Number(v))) })
        .from(publicationEvents)
        .where(and(eq(publicationEvents.bodyId, bodyId), until ? lte(publicationEvents.occurredAt, until) : undefined))
      return row?.id ?? 0
    },

    /** Decisions of open items of these meetings, only where the minutes are public; in agenda order. */
    async findPublicDecisions(meetingIds: string[], tx: Db = db): Promise<FeedDecisionRow[]> {
      if (meetingIds.length === 0) return []
      return tx
        .select({ id: decisions.id, meetingId: meetings.id, itemTitle: agendaItems.title, text: decisions.text })
        .from(decisions)
        .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(inArray(meetings.id, meetingIds), minutesPublicSql(), itemOpenSql()))
        .orderBy(
          asc(meetings.id),
          // A sub-item sorts under its parent.
          sql`coalesce((select ju_p.position from ${agendaItems} ju_p where ju_p.id = ${agendaItems.parentItemId}), ${agendaItems.position})`,
          sql`${agendaItems.parentItemId} is not null`,
          asc(agendaItems.position),
          asc(decisions.position),
          asc(decisions.id),
        )
    },
  }
}
export type FeedsRepository = ReturnType<typeof feedsRepository>
