import { and, asc, desc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import { organisations, people } from '../structure/structure.read.ts'
import { agendaItems, meetings } from '../meetings/meetings.read.ts'
import { actionLinks, actionOwners, actions, actionUpdates, type ActionStatus } from './actions.tables.ts'
import { publishedActionSql } from './actions.read.ts'

export type MaActionRow = typeof actions.$inferSelect & {
  /** The item it was raised under (or that item's parent) is exempt. */
  raisedUnderExemptItem: boolean
  /** The public may see it: the same rule as the public action sheet (`publishedActionSql`). */
  published: boolean
}
export type MaOwner = {
  actionId: string
  position: number
  groupName: string | null
  personHonorific: string | null
  personFullName: string | null
  organisationName: string | null
}
export type MaUpdate = {
  id: string
  actionId: string
  text: string
  statusTo: ActionStatus | null
  reportedAtMeetingId: string | null
  createdAt: Date
}
export type MaLink = { actionId: string; linkedActionId: string }
export type MaMeeting = typeof meetings.$inferSelect
export type MaItem = typeof agendaItems.$inferSelect
export type MaActionChanges = Partial<
  Pick<typeof actions.$inferInsert, 'status' | 'completedOn' | 'clearedAtMeetingId' | 'clearedAt' | 'droppedReason'>
>

const ON_LOG: ActionStatus[] = ['open', 'in_progress', 'completed']

const parentItem = alias(agendaItems, 'ma_parent_item')

/** The body's nearest meeting before or after a date that was not cancelled (on a tie of dates, by start time). */
async function nearestMeeting(bodyId: string, date: string, side: 'before' | 'after', tx: Db): Promise<MaMeeting | undefined> {
  const [beyond, order] = side === 'before' ? [lt, desc] : [gt, asc]
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), beyond(meetings.date, date), ne(meetings.status, 'cancelled')))
    .orderBy(order(meetings.date), order(meetings.startTime))
    .limit(1)
  return row
}

/** Drizzle queries only, for matters arising. Each takes the db or a transaction. */
export function mattersArisingRepository(db: Db) {
  return {
    /** The meeting row, locked until the transaction ends (a second generator waits here). */
    async lockMeeting(meetingId: string, tx: Db): Promise<MaMeeting | undefined> {
      const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update')
      return row
    },

    async findMattersArisingItem(meetingId: string, tx: Db = db): Promise<MaItem | undefined> {
      const [row] = await tx
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.kind, 'matters_arising')))
        .orderBy(asc(agendaItems.createdAt))
        .limit(1)
      return row
    },

    /** The latest earlier meeting of the body that was not cancelled. */
    async findPreviousMeeting(bodyId: string, date: string, tx: Db = db): Promise<MaMeeting | undefined> {
      return nearestMeeting(bodyId, date, 'before', tx)
    },

    /** The earliest later meeting of the body that is not cancelled. */
    async findNextMeeting(bodyId: string, date: string, tx: Db = db): Promise<MaMeeting | undefined> {
      return nearestMeeting(bodyId, date, 'after', tx)
    },

    async findMainItems(meetingId: string, tx: Db = db): Promise<MaItem[]> {
      return tx
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), sql`${agendaItems.parentItemId} is null`))
        .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt))
    },

    /**
     * The actions of a body that belong to a meeting's matters arising. Live: those still on the log raised
     * before the meeting, and those reported on or cleared at it. Frozen (`live` false): only the latter.
     */
    async findMattersArisingActions(
      q: { bodyId: string; meetingId: string; beforeDate: string; live: boolean },
      tx: Db = db,
    ): Promise<MaActionRow[]> {
      const touchedHere = or(
        eq(actions.clearedAtMeetingId, q.meetingId),
        sql`exists (select 1 from ${actionUpdates} where ${actionUpdates.actionId} = ${actions.id} and ${actionUpdates.reportedAtMeetingId} = ${q.meetingId})`,
      )
      const onLog = and(inArray(actions.status, ON_LOG), lt(actions.raisedOn, q.beforeDate))
      const rows = await tx
        .select({
          action: actions,
          raisedUnderExemptItem: sql<boolean>`coalesce(${agendaItems.isExempt}, false) or coalesce(${parentItem.isExempt}, false)`,
          published: sql<boolean>`${publishedActionSql()}`,
        })
        .from(actions)
        .leftJoin(agendaItems, eq(agendaItems.id, actions.itemId))
        .leftJoin(parentItem, eq(parentItem.id, agendaItems.parentItemId))
        .where(and(eq(actions.bodyId, q.bodyId), q.live ? or(onLog, touchedHere) : touchedHere))
        .orderBy(asc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq))
      return rows.map((r) => ({ ...r.action, raisedUnderExemptItem: !!r.raisedUnderExemptItem, published: !!r.published }))
    },

    async findOwners(actionIds: string[], tx: Db = db): Promise<MaOwner[]> {
      if (actionIds.length === 0) return []
      return tx
        .select({
          actionId: actionOwners.actionId,
          position: actionOwners.position,
          groupName: actionOwners.groupName,
          personHonorific: people.honorific,
          personFullName: people.fullName,
          organisationName: organisations.name,
        })
        .from(actionOwners)
        .leftJoin(people, eq(people.id, actionOwners.personId))
        .leftJoin(organisations, eq(organisations.id, actionOwners.organisationId))
        .where(inArray(actionOwners.actionId, actionIds))
        .orderBy(asc(actionOwners.actionId), asc(actionOwners.position), asc(actionOwners.id))
    },

    /** Every update of these actions, newest first. */
    async findUpdates(actionIds: string[], tx: Db = db): Promise<MaUpdate[]> {
      if (actionIds.length === 0) return []
      return tx
        .select({
          id: actionUpdates.id,
          actionId: actionUpdates.actionId,
          text: actionUpdates.text,
          statusTo: actionUpdates.statusTo,
          reportedAtMeetingId: actionUpdates.reportedAtMeetingId,
          createdAt: actionUpdates.createdAt,
        })
        .from(actionUpdates)
        .where(inArray(actionUpdates.actionId, actionIds))
        .orderBy(desc(actionUpdates.createdAt), desc(actionUpdates.seq))
    },

    async findLinks(actionIds: string[], tx: Db = db): Promise<MaLink[]> {
      if (actionIds.length === 0) return []
      return tx
        .select({ actionId: actionLinks.actionId, linkedActionId: actionLinks.linkedActionId })
        .from(actionLinks)
        .where(or(inArray(actionLinks.actionId, actionIds), inArray(actionLinks.linkedActionId, actionIds)))
    },

    /** Update when the version still matches (bumping it); undefined means someone saved first. */
    async updateAction(id: string, expectedVersion: number, changes: MaActionChanges, tx: Db) {
      return updateIfVersion(tx, actions, id, expectedVersion, changes)
    },

    async insertUpdate(values: typeof actionUpdates.$inferInsert, tx: Db): Promise<void> {
      await tx.insert(actionUpdates).values(values)
    },

    /** Link two actions (stored once, lower id first); true when the link is new. */
    async insertLink(a: string, b: string, tx: Db): Promise<boolean> {
      const [low, high] = a < b ? [a, b] : [b, a]
      const rows = await tx
        .insert(actionLinks)
        .values({ actionId: low, linkedActionId: high })
        .onConflictDoNothing()
        .returning({ actionId: actionLinks.actionId })
      return rows.length > 0
    },
  }
}
export type MattersArisingRepository = ReturnType<typeof mattersArisingRepository>
