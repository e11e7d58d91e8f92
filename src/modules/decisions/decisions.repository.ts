import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { alias, type PgSelect } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import type { NumberableItemRow, NumberableMeeting } from '../../shared/item-numbers.ts'
import { bodies, partnerships } from '../structure/structure.read.ts'
import { agendaItems, decisions, meetings } from '../meetings/meetings.read.ts'
import { findItemNumbering } from '../meetings/item-numbers.read.ts'
import { actions } from '../actions/actions.read.ts'
import type { ActionStatus } from '../actions/actions.types.ts'
import { escapeLike } from '../../platform/db/like.ts'

export type DecisionFilter = {
  /** The partnerships the caller may see; null for every one. */
  scope: string[] | null
  partnershipSlug?: string | undefined
  bodySlug?: string | undefined
  from?: string | undefined
  to?: string | undefined
  q?: string | undefined
  /** Only decisions of open items (and open parents) in meetings whose minutes are draft or approved. */
  publicOnly: boolean
}

export type DecisionRegisterRow = {
  id: string
  text: string
  itemId: string
  itemTitle: string
  itemIsExempt: boolean
  meetingId: string
  meetingDate: string
  meetingStatus: string
  bodyId: string
  bodyName: string
  bodySlug: string
  partnershipName: string
  partnershipSlug: string
}

export type DecisionActionRow = { id: string; decisionId: string; description: string; status: ActionStatus; isPublic: boolean }
export type BodyOption = { slug: string; name: string; partnershipSlug: string; partnershipName: string; partnershipId: string }

const parentItem = alias(agendaItems, 'dr_parent_item')

/** The register's filters as a condition over decisions joined to their item, parent item, meeting, body and partnership. */
function where(f: DecisionFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = []
  if (f.scope) conds.push(f.scope.length ? inArray(bodies.partnershipId, f.scope) : sql`false`)
  if (f.partnershipSlug) conds.push(eq(partnerships.slug, f.partnershipSlug))
  if (f.bodySlug) conds.push(eq(bodies.slug, f.bodySlug))
  if (f.from) conds.push(gte(meetings.date, f.from))
  if (f.to) conds.push(lte(meetings.date, f.to))
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`
    conds.push(or(ilike(decisions.text, like), ilike(agendaItems.title, like)))
  }
  if (f.publicOnly) {
    conds.push(inArray(meetings.status, ['minutes_draft', 'minutes_approved']))
    conds.push(isNotNull(meetings.agendaPublishedAt))
    conds.push(eq(agendaItems.isExempt, false))
    conds.push(sql`coalesce(${parentItem.isExempt}, false) = false`)
  }
  return and(...conds)
}

/** A select over decisions, joined to their item, parent item, meeting, body and partnership, and filtered. */
function filtered<T extends PgSelect>(q: T, f: DecisionFilter) {
  return q
    .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
    .leftJoin(parentItem, eq(parentItem.id, agendaItems.parentItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
    .where(where(f))
}

/** Drizzle queries only, for the decisions register. */
export function decisionsRepository(db: Db) {
  return {
    async searchDecisions(
      f: DecisionFilter,
      page: { limit: number; offset: number },
      tx: Db = db,
    ): Promise<{ rows: DecisionRegisterRow[]; total: number }> {
      const columns = {
        id: decisions.id,
        text: decisions.text,
        itemId: agendaItems.id,
        itemTitle: agendaItems.title,
        itemIsExempt: sql<boolean>`${agendaItems.isExempt} or coalesce(${parentItem.isExempt}, false)`,
        meetingId: meetings.id,
        meetingDate: meetings.date,
        meetingStatus: meetings.status,
        bodyId: bodies.id,
        bodyName: bodies.name,
        bodySlug: bodies.slug,
        partnershipName: partnerships.name,
        partnershipSlug: partnerships.slug,
      }
      const [rows, count] = await Promise.all([
        filtered(tx.select(columns).from(decisions).$dynamic(), f)
          .orderBy(
            desc(meetings.date),
            desc(meetings.startTime),
            asc(bodies.name),
            sql`coalesce(${parentItem.position}, ${agendaItems.position})`,
            sql`${agendaItems.parentItemId} is not null`,
            asc(agendaItems.position),
            asc(decisions.position),
            asc(decisions.createdAt),
          )
          .limit(page.limit)
          .offset(page.offset),
        filtered(tx.select({ n: sql<number>`count(*)::int` }).from(decisions).$dynamic(), f),
      ])
      return { rows: rows.map((r) => ({ ...r, itemIsExempt: !!r.itemIsExempt })), total: Number(count[0]?.n ?? 0) }
    },

    /** What numbering the items of these meetings needs: the meeting, its body's scheme, all its items. */
    async findNumbering(meetingIds: string[], tx: Db = db): Promise<{ meetings: NumberableMeeting[]; items: NumberableItemRow[] }> {
      return findItemNumbering(meetingIds, tx)
    },

    async findActionsOfDecisions(decisionIds: string[], publicOnly: boolean, tx: Db = db): Promise<DecisionActionRow[]> {
      if (decisionIds.length === 0) return []
      const rows = await tx
        .select({
          id: actions.id,
          decisionId: actions.decisionId,
          description: actions.description,
          status: actions.status,
          isPublic: actions.isPublic,
        })
        .from(actions)
        .leftJoin(agendaItems, eq(agendaItems.id, actions.itemId))
        .leftJoin(parentItem, eq(parentItem.id, agendaItems.parentItemId))
        .where(
          and(
            inArray(actions.decisionId, decisionIds),
            publicOnly
              ? and(
                  eq(actions.isPublic, true),
                  sql`coalesce(${agendaItems.isExempt}, false) = false`,
                  sql`coalesce(${parentItem.isExempt}, false) = false`,
                )
              : undefined,
          ),
        )
        .orderBy(asc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq))
      return rows.map((r) => ({ ...r, decisionId: r.decisionId! }))
    },

    async findBodyOptions(scope: string[] | null, tx: Db = db): Promise<BodyOption[]> {
      return tx
        .select({
          slug: bodies.slug,
          name: bodies.name,
          partnershipSlug: partnerships.slug,
          partnershipName: partnerships.name,
          partnershipId: partnerships.id,
        })
        .from(bodies)
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .where(scope ? (scope.length ? inArray(bodies.partnershipId, scope) : sql`false`) : undefined)
        .orderBy(asc(partnerships.name), asc(bodies.name))
    },
  }
}
export type DecisionsRepository = ReturnType<typeof decisionsRepository>
