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
/** How many accounts a "who" filter may name before the query stops listing them (see actorsNamed). */
const MAX_ACTORS = 200
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
 * The audit log's queries. Newest first by (at, id); pages by keyset on the id of the last row seen (its `at` read
 * in a sub-select), so a page deep in a large table costs what the first does: no OFFSET. Each filter is served by
 * an index of migration 0007 or the subject index: (partnership_id, at), (actor_user_id, at),
 * (subject_type, subject_id, at), (at). Names come in the same query, joined (never one lookup per row).
 */
export function auditLogRepository(db: Db) {
  /** The accounts a "who" filter names (a small query on users), or null when there are too many to list. */
  async function actorsNamed(text: string, tx: Db): Promise<string[] | null> {
    const pattern = containing(text)
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(or(ilike(users.displayName, pattern), ilike(users.email, pattern)))
      .limit(MAX_ACTORS + 1)
    return rows.length > MAX_ACTORS ? null : rows.map((r) => r.id)
  }

  function conditions(scope: Scope, q: AuditQuery): SQL[] {
    const where: SQL[] = []
    if (scope) where.push(inArray(auditEvents.partnershipId, scope))
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

  /**
   * A "who" filter: the page's ids, taken per account from the (actor_user_id, at) index (a lateral join over the
   * named accounts, each read newest first and stopped at `limit`), then merged. Testing every event's actor
   * while walking the time index instead would read the whole table when the named people did little here.
   */
  async function idsByActors(actors: string[], where: SQL[], newerFirst: boolean, limit: number, tx: Db): Promise<number[]> {
    const dir = newerFirst ? sql`desc` : sql`asc`
    const filters = where.length ? sql` and ${and(...where)}` : sql``
    const result: unknown = await tx.execute(sql`
      select e.id from unnest(array[${sql.join(actors.map((a) => sql`${a}`), sql`, `)}]::uuid[]) as named(id)
      cross join lateral (
        select ${auditEvents.id} as id, ${auditEvents.at} as at from ${auditEvents}
        where ${auditEvents.actorUserId} = named.id${filters}
        order by ${auditEvents.at} ${dir}, ${auditEvents.id} ${dir} limit ${limit}
      ) e
      order by e.at ${dir}, e.id ${dir} limit ${limit}`)
    return (result as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id))
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
      if (q.user) {
        const actors = await actorsNamed(q.user, tx)
        if (actors === null) {
          // Too many accounts to list (a very short search): the users sub-select, as a filter.
          const pattern = containing(q.user)
          where.push(inArray(auditEvents.actorUserId, tx.select({ id: users.id }).from(users).where(or(ilike(users.displayName, pattern), ilike(users.email, pattern)))))
        } else {
          const ids = actors.length ? await idsByActors(actors, where, newerFirst, limit + 1, tx) : []
          if (ids.length === 0) return { rows: [], more: false }
          where.splice(0, where.length, inArray(auditEvents.id, ids))
        }
      }
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
