import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { users } from '../accounts/accounts.read.ts'
import { partnerships } from '../structure/structure.read.ts'
import type { AuditQuery } from './audit-filters.ts'

/** An audit event with the names it refers to, joined in the same query (never one lookup per row). */
export type AuditRow = {
  id: number
  at: Date
  event: string
  subjectType: string
  subjectId: string
  partnershipId: string | null
  partnershipName: string | null
  actorUserId: string | null
  actorName: string | null
  actorEmail: string | null
  /** The account an event is about (subject type `user`), by name. */
  subjectUserName: string | null
  data: Record<string, unknown>
}

/** Where a page starts: after (older than) or before (newer than) the event with this id. */
export type Cursor = { after: number } | { before: number }

/** undefined: every event (an admin); otherwise only events of these partnerships. */
export type Scope = string[] | undefined

const actor = alias(users, 'audit_actor')
const subjectUser = alias(users, 'audit_subject_user')
const cursorRow = alias(auditEvents, 'audit_cursor')
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

/** `%text%` for ILIKE, with the user's own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

const columns = {
  id: auditEvents.id,
  at: auditEvents.at,
  event: auditEvents.event,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  partnershipId: auditEvents.partnershipId,
  partnershipName: partnerships.name,
  actorUserId: auditEvents.actorUserId,
  actorName: actor.displayName,
  actorEmail: actor.email,
  subjectUserName: subjectUser.displayName,
  data: auditEvents.data,
}

/**
 * The audit log's one query. Newest first by (at, id); pages by keyset on the id of the last row seen (its `at`
 * read in a sub-select), so a page deep in a large table costs what the first does: no OFFSET. Each filter is
 * served by an index of migration 0007 or the subject index: (partnership_id, at), (actor_user_id, at),
 * (subject_type, subject_id, at), (at).
 */
export function auditLogRepository(db: Db) {
  function conditions(scope: Scope, q: AuditQuery): SQL[] {
    const where: SQL[] = []
    if (scope) where.push(inArray(auditEvents.partnershipId, scope))
    if (q.user) {
      const pattern = containing(q.user)
      const matching = db.select({ id: users.id }).from(users).where(or(ilike(users.displayName, pattern), ilike(users.email, pattern)))
      where.push(inArray(auditEvents.actorUserId, matching))
    }
    if (q.subjectType) where.push(eq(auditEvents.subjectType, q.subjectType))
    if (q.subjectId) where.push(eq(auditEvents.subjectId, q.subjectId))
    if (q.event) where.push(eq(auditEvents.event, q.event))
    if (q.fromInstant) where.push(gte(auditEvents.at, q.fromInstant))
    if (q.toInstant) where.push(lt(auditEvents.at, q.toInstant))
    return where
  }

  /** The (at, id) of the cursor row, read only if it is in scope: an id from elsewhere pages nowhere. */
  function keyset(scope: Scope, cursor: Cursor): SQL {
    const id = 'after' in cursor ? cursor.after : cursor.before
    const at = db
      .select({ at: cursorRow.at })
      .from(cursorRow)
      .where(and(eq(cursorRow.id, id), scope ? inArray(cursorRow.partnershipId, scope) : undefined))
    return 'after' in cursor
      ? sql`(${auditEvents.at} <= (${at}) and (${auditEvents.at} < (${at}) or ${auditEvents.id} < ${id}))`
      : sql`(${auditEvents.at} >= (${at}) and (${auditEvents.at} > (${at}) or ${auditEvents.id} > ${id}))`
  }

  return {
    /**
     * Up to `limit` events newest first, starting after or before the cursor. One row more is read to tell
     * whether there is a further page that way.
     */
    async findEvents(scope: Scope, q: AuditQuery, limit: number, cursor?: Cursor, tx: Db = db): Promise<{ rows: AuditRow[]; more: boolean }> {
      const where = conditions(scope, q)
      if (cursor) where.push(keyset(scope, cursor))
      const newerFirst = !cursor || 'after' in cursor
      const rows = await tx
        .select(columns)
        .from(auditEvents)
        .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
        .leftJoin(partnerships, eq(partnerships.id, auditEvents.partnershipId))
        .leftJoin(
          subjectUser,
          and(
            eq(auditEvents.subjectType, 'user'),
            sql`${subjectUser.id} = case when ${auditEvents.subjectId} ~* ${UUID} then ${auditEvents.subjectId}::uuid end`,
          ),
        )
        .where(and(...where))
        .orderBy(...(newerFirst ? [desc(auditEvents.at), desc(auditEvents.id)] : [asc(auditEvents.at), asc(auditEvents.id)]))
        .limit(limit + 1)
      const more = rows.length > limit
      const page = rows.slice(0, limit) as AuditRow[]
      return { rows: newerFirst ? page : page.reverse(), more }
    },
  }
}
export type AuditLogRepository = ReturnType<typeof auditLogRepository>
