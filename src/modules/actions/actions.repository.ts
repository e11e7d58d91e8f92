import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { bodies, organisations, partnerships, people } from '../structure/structure.read.ts'
import { agendaItems, meetings } from '../meetings/meetings.read.ts'
import { users } from '../accounts/accounts.read.ts'
import { actionOpenSql, publishedActionSql } from './actions.read.ts'
import { ACTION_STATUSES, actionLinks, actionOwners, actions, actionUpdates, type ActionStatus } from './actions.tables.ts'
import { escapeLike } from '../../platform/db/like.ts'

export type ActionRow = typeof actions.$inferSelect
export type NewActionValues = Omit<typeof actions.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>
export type ActionChanges = Partial<Omit<typeof actions.$inferInsert, 'id' | 'bodyId' | 'version' | 'createdAt' | 'updatedAt'>>
export type NewOwner = { personId?: string | null; organisationId?: string | null; groupName?: string | null }
export type NewUpdateValues = Omit<typeof actionUpdates.$inferInsert, 'id' | 'createdAt'>

/** An owner with what is needed to name it (never a contact detail). */
export type OwnerView = {
  actionId: string
  position: number
  personId: string | null
  organisationId: string | null
  groupName: string | null
  personHonorific: string | null
  personFullName: string | null
  /** The person's own organisation, or the organisation owner itself. */
  personOrganisationId: string | null
  organisationName: string | null
}

export type UpdateView = {
  id: string
  actionId: string
  text: string
  statusTo: ActionStatus | null
  createdAt: Date
  authorUserName: string | null
  authorPersonHonorific: string | null
  authorPersonName: string | null
  reportedAtMeetingId: string | null
  reportedAtMeetingDate: string | null
}

/** An action with where it lives: its body and partnership. */
export type ActionListRow = ActionRow & {
  bodyName: string
  bodySlug: string
  partnershipId: string
  partnershipName: string
}

export type LinkedActionRow = { id: string; description: string; status: ActionStatus; bodyId: string }

export type TrackerSort = 'due' | 'raised' | 'body' | 'status'
export type TrackerFilter = {
  /** null: every partnership (admin). */
  partnershipIds: string[] | null
  /** Partnerships the user only views (a read-only officer): their actions on exempt items are left out. */
  openOnlyIn?: string[] | undefined
  partnershipId?: string | undefined
  bodyId?: string | undefined
  personId?: string | undefined
  organisationId?: string | undefined
  statuses?: ActionStatus[] | undefined
  overdueOn?: string | undefined
  dueBetween?: { from: string; to: string } | undefined
  q?: string | undefined
}
export type TrackerOrder = { sort: TrackerSort; dir: 'asc' | 'desc' }

const listColumns = {
  action: actions,
  bodyName: bodies.name,
  bodySlug: bodies.slug,
  partnershipId: bodies.partnershipId,
  partnershipName: partnerships.name,
}

const flatten = (r: { action: ActionRow; bodyName: string; bodySlug: string; partnershipId: string; partnershipName: string }): ActionListRow => ({
  ...r.action,
  bodyName: r.bodyName,
  bodySlug: r.bodySlug,
  partnershipId: r.partnershipId,
  partnershipName: r.partnershipName,
})

const ON_LOG: ActionStatus[] = ['open', 'in_progress', 'completed']

function trackerWhere(f: TrackerFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = []
  if (f.partnershipIds) conds.push(f.partnershipIds.length ? inArray(bodies.partnershipId, f.partnershipIds) : sql`false`)
  if (f.openOnlyIn?.length) conds.push(or(notInArray(bodies.partnershipId, f.openOnlyIn), actionOpenSql()))
  if (f.partnershipId) conds.push(eq(bodies.partnershipId, f.partnershipId))
  if (f.bodyId) conds.push(eq(actions.bodyId, f.bodyId))
  if (f.personId) {
    conds.push(
      sql`exists (select 1 from ${actionOwners} where ${actionOwners.actionId} = ${actions.id} and ${actionOwners.personId} = ${f.personId})`,
    )
  }
  if (f.organisationId) {
    conds.push(
      sql`exists (select 1 from ${actionOwners} left join ${people} on ${people.id} = ${actionOwners.personId}
        where ${actionOwners.actionId} = ${actions.id}
        and (${actionOwners.organisationId} = ${f.organisationId} or ${people.organisationId} = ${f.organisationId}))`,
    )
  }
  if (f.statuses?.length) conds.push(inArray(actions.status, f.statuses))
  if (f.overdueOn) {
    conds.push(lt(actions.dueOn, f.overdueOn), inArray(actions.status, ['open', 'in_progress']))
  }
  if (f.dueBetween) conds.push(gte(actions.dueOn, f.dueBetween.from), lte(actions.dueOn, f.dueBetween.to))
  if (f.q) conds.push(ilike(actions.description, `%${escapeLike(f.q)}%`))
  return and(...conds)
}

function trackerOrder(o: TrackerOrder): SQL[] {
  const d = o.dir === 'desc' ? 'desc' : 'asc'
  const dirSql = sql.raw(d)
  const statusRank = sql`array_position(array[${sql.raw(ACTION_STATUSES.map((s) => `'${s}'`).join(','))}]::text[], ${actions.status})`
  const primary: SQL[] = {
    due: [sql`${actions.dueOn} ${dirSql} nulls last`],
    raised: [sql`${actions.raisedOn} ${dirSql}`],
    body: [sql`${bodies.name} ${dirSql}`],
    status: [sql`${statusRank} ${dirSql}`],
  }[o.sort]
  return [...primary, desc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq)]
}

/** An action row and its owners: insert, read, lock, change. */
function actionRowQueries(db: Db) {
  return {
    async insertAction(values: NewActionValues, tx: Db = db): Promise<ActionRow> {
      const [row] = await tx.insert(actions).values(values).returning()
      return row!
    },

    async replaceOwners(actionId: string, owners: NewOwner[], tx: Db = db): Promise<void> {
      await tx.delete(actionOwners).where(eq(actionOwners.actionId, actionId))
      if (owners.length === 0) return
      await tx.insert(actionOwners).values(
        owners.map((o, i) => ({
          actionId,
          personId: o.personId ?? null,
          organisationId: o.organisationId ?? null,
          groupName: o.groupName ?? null,
          position: i,
        })),
      )
    },

    async findActionById(id: string, tx: Db = db): Promise<ActionRow | undefined> {
      const [row] = await tx.select().from(actions).where(eq(actions.id, id)).limit(1)
      return row
    },

    /** Locks the row for the rest of the transaction (a status change reads, checks, then writes). */
    async lockAction(id: string, tx: Db): Promise<ActionRow | undefined> {
      const [row] = await tx.select().from(actions).where(eq(actions.id, id)).for('update')
      return row
    },

    /** The action, locked, only if `personId` is one of its owners (an owner posting through their link). */
    async lockActionOwnedBy(actionId: string, personId: string, tx: Db): Promise<ActionRow | undefined> {
      const [row] = await tx
        .select({ action: actions })
        .from(actions)
        .where(
          and(
            eq(actions.id, actionId),
            sql`exists (select 1 from ${actionOwners} o where o.action_id = ${actions.id} and o.person_id = ${personId})`,
          ),
        )
        .for('update', { of: actions })
      return row?.action
    },

    /** Move an action to completed (the caller checked the transition); bumps the version. */
    async completeAction(id: string, completedOn: string, now: Date, tx: Db): Promise<void> {
      await tx
        .update(actions)
        .set({ status: 'completed', completedOn, updatedAt: now, version: sql`${actions.version} + 1` })
        .where(eq(actions.id, id))
    },

    /** Changes an action if nobody else saved since `version` (when given); bumps the version. */
    async updateAction(id: string, version: number | null, changes: ActionChanges, tx: Db = db): Promise<ActionRow | undefined> {
      const [row] = await tx
        .update(actions)
        .set({ ...changes, version: sql`${actions.version} + 1`, updatedAt: new Date() })
        .where(version === null ? eq(actions.id, id) : and(eq(actions.id, id), eq(actions.version, version)))
        .returning()
      return row
    },

    async findOwnersOf(actionIds: string[], tx: Db = db): Promise<OwnerView[]> {
      if (actionIds.length === 0) return []
      return tx
        .select({
          actionId: actionOwners.actionId,
          position: actionOwners.position,
          personId: actionOwners.personId,
          organisationId: actionOwners.organisationId,
          groupName: actionOwners.groupName,
          personHonorific: people.honorific,
          personFullName: people.fullName,
          personOrganisationId: people.organisationId,
          organisationName: organisations.name,
        })
        .from(actionOwners)
        .leftJoin(people, eq(people.id, actionOwners.personId))
        .leftJoin(organisations, eq(organisations.id, actionOwners.organisationId))
        .where(inArray(actionOwners.actionId, actionIds))
        .orderBy(asc(actionOwners.actionId), asc(actionOwners.position))
    },

    async findActionListRow(id: string, tx: Db = db): Promise<ActionListRow | undefined> {
      const [row] = await tx
        .select(listColumns)
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .where(eq(actions.id, id))
        .limit(1)
      return row ? flatten(row) : undefined
    },
  }
}

/** Updates and links: an action's history and the actions it is linked with. */
function historyQueries(db: Db) {
  return {
    async insertUpdate(values: NewUpdateValues, tx: Db = db) {
      const [row] = await tx.insert(actionUpdates).values(values).returning()
      return row!
    },

    async findUpdatesOf(actionId: string, tx: Db = db): Promise<UpdateView[]> {
      return tx
        .select(updateColumns)
        .from(actionUpdates)
        .leftJoin(users, eq(users.id, actionUpdates.authorUserId))
        .leftJoin(people, eq(people.id, actionUpdates.authorPersonId))
        .leftJoin(meetings, eq(meetings.id, actionUpdates.reportedAtMeetingId))
        .where(eq(actionUpdates.actionId, actionId))
        .orderBy(desc(actionUpdates.createdAt), desc(actionUpdates.seq))
    },

    /** The newest update of each action, in one query. */
    async findLatestUpdates(actionIds: string[], tx: Db = db): Promise<UpdateView[]> {
      if (actionIds.length === 0) return []
      return tx
        .selectDistinctOn([actionUpdates.actionId], updateColumns)
        .from(actionUpdates)
        .leftJoin(users, eq(users.id, actionUpdates.authorUserId))
        .leftJoin(people, eq(people.id, actionUpdates.authorPersonId))
        .leftJoin(meetings, eq(meetings.id, actionUpdates.reportedAtMeetingId))
        .where(inArray(actionUpdates.actionId, actionIds))
        .orderBy(asc(actionUpdates.actionId), desc(actionUpdates.createdAt), desc(actionUpdates.seq))
    },

    // ---- links ----
    async insertLink(a: string, b: string, tx: Db = db): Promise<boolean> {
      const [low, high] = a < b ? [a, b] : [b, a]
      const rows = await tx.insert(actionLinks).values({ actionId: low, linkedActionId: high }).onConflictDoNothing().returning()
      return rows.length > 0
    },

    async deleteLink(a: string, b: string, tx: Db = db): Promise<boolean> {
      const [low, high] = a < b ? [a, b] : [b, a]
      const rows = await tx
        .delete(actionLinks)
        .where(and(eq(actionLinks.actionId, low), eq(actionLinks.linkedActionId, high)))
        .returning()
      return rows.length > 0
    },

    /** Both sides: the link is stored once, lower id first. */
    /** Those of these actions raised under an exempt item (or a sub-item of one). */
    async findWithheldActionIds(ids: string[], tx: Db = db): Promise<string[]> {
      if (ids.length === 0) return []
      const rows = await tx.select({ id: actions.id }).from(actions).where(and(inArray(actions.id, ids), sql`not ${actionOpenSql()}`))
      return rows.map((r) => r.id)
    },

    async findLinkedActions(id: string, tx: Db = db): Promise<LinkedActionRow[]> {
      return tx
        .select({ id: actions.id, description: actions.description, status: actions.status, bodyId: actions.bodyId })
        .from(actionLinks)
        .innerJoin(
          actions,
          sql`${actions.id} = case when ${actionLinks.actionId} = ${id} then ${actionLinks.linkedActionId} else ${actionLinks.actionId} end`,
        )
        .where(or(eq(actionLinks.actionId, id), eq(actionLinks.linkedActionId, id)))
        .orderBy(asc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq))
    },

    /** Other actions of a body that could be linked to this one. */
    async findLinkCandidates(bodyId: string, exceptId: string, tx: Db = db): Promise<LinkedActionRow[]> {
      return tx
        .select({ id: actions.id, description: actions.description, status: actions.status, bodyId: actions.bodyId })
        .from(actions)
        .where(and(eq(actions.bodyId, bodyId), ne(actions.id, exceptId)))
        .orderBy(desc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq))
        .limit(500)
    },
  }
}

/** Lists of actions: of an item, a body's log, a person's, the tracker and the public sheet. */
function listQueries(db: Db) {
  return {
    async findActionsOfItem(itemId: string, tx: Db = db): Promise<ActionRow[]> {
      return tx.select().from(actions).where(eq(actions.itemId, itemId)).orderBy(asc(actions.createdAt), asc(actions.seq))
    },

    /** Actions on a body's log (open, in progress, completed), oldest first. */
    async findOnLogOfBody(bodyId: string, tx: Db = db): Promise<ActionRow[]> {
      return tx
        .select()
        .from(actions)
        .where(and(eq(actions.bodyId, bodyId), inArray(actions.status, ON_LOG)))
        .orderBy(asc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq))
    },

    async findOnLogForPerson(personId: string, tx: Db = db): Promise<ActionListRow[]> {
      const rows = await tx
        .select(listColumns)
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .where(
          and(
            inArray(actions.status, ON_LOG),
            sql`exists (select 1 from ${actionOwners} where ${actionOwners.actionId} = ${actions.id} and ${actionOwners.personId} = ${personId})`,
          ),
        )
        .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.raisedOn), asc(actions.seq))
      return rows.map(flatten)
    },

    /** One page of the tracker and the total, in one query (a window count). */
    async findTrackerPage(
      filter: TrackerFilter,
      order: TrackerOrder,
      page: { limit: number; offset: number },
      tx: Db = db,
    ): Promise<{ rows: ActionListRow[]; total: number }> {
      const where = trackerWhere(filter)
      const rows = await tx
        .select({ ...listColumns, total: sql<number>`(count(*) over())::int` })
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .where(where)
        .orderBy(...trackerOrder(order))
        .limit(page.limit)
        .offset(page.offset)
      if (rows.length > 0 || page.offset === 0) return { rows: rows.map(flatten), total: Number(rows[0]?.total ?? 0) }
      // Past the last page: count only.
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .where(where)
      return { rows: [], total: Number(count?.n ?? 0) }
    },

    /**
     * The public sheet: only actions the public may see (see `publishedActionSql`, the one rule shared with
     * the public matters arising).
     */
    async findPublishedOfBody(
      bodyId: string,
      statuses: ActionStatus[],
      opts: { limit?: number; newestClearedFirst?: boolean } = {},
      tx: Db = db,
    ): Promise<ActionRow[]> {
      const q = tx
        .select({ action: actions })
        .from(actions)
        .where(and(eq(actions.bodyId, bodyId), publishedActionSql(), inArray(actions.status, statuses)))
        .orderBy(
          ...(opts.newestClearedFirst
            ? [sql`${actions.clearedAt} desc nulls last`, desc(actions.raisedOn)]
            : [asc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq)]),
          asc(actions.id),
        )
      const rows = opts.limit ? await q.limit(opts.limit) : await q
      return rows.map((r) => r.action)
    },

    /**
     * The public actions agreed at one meeting: raised under one of its items, or at the meeting without an item
     * (`publishedActionSql` decides; the caller keeps only those under items the public page shows).
     */
    async findPublishedOfMeeting(meetingId: string, tx: Db = db): Promise<ActionRow[]> {
      const rows = await tx
        .select({ action: actions })
        .from(actions)
        .where(
          and(
            publishedActionSql(),
            or(
              and(isNull(actions.itemId), eq(actions.meetingId, meetingId)),
              sql`${actions.itemId} in (select ai.id from ${agendaItems} ai where ai.meeting_id = ${meetingId})`,
            ),
          ),
        )
        .orderBy(asc(actions.createdAt), asc(actions.seq), asc(actions.id))
      return rows.map((r) => r.action)
    },

    /** The dates of a body's meetings that were not cancelled, before `before` (for "the body has met since"). */
    async findMeetingDatesOfBody(bodyId: string, before: string, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .select({ date: meetings.date })
        .from(meetings)
        .where(and(eq(meetings.bodyId, bodyId), lt(meetings.date, before), ne(meetings.status, 'cancelled')))
        .orderBy(asc(meetings.date))
      return rows.map((r) => r.date)
    },
  }
}

/** Drizzle queries only, for the action log. Each takes an optional `tx` last. */
export function actionsRepository(db: Db) {
  return { ...actionRowQueries(db), ...historyQueries(db), ...listQueries(db) }
}

const updateColumns = {
  id: actionUpdates.id,
  actionId: actionUpdates.actionId,
  text: actionUpdates.text,
  statusTo: actionUpdates.statusTo,
  createdAt: actionUpdates.createdAt,
  authorUserName: users.displayName,
  authorPersonHonorific: people.honorific,
  authorPersonName: people.fullName,
  reportedAtMeetingId: actionUpdates.reportedAtMeetingId,
  reportedAtMeetingDate: meetings.date,
}

export type ActionsRepository = ReturnType<typeof actionsRepository>
