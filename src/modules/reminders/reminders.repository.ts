import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { bodies, people } from '../structure/structure.read.ts'
import { userPartnershipRoles, users } from '../accounts/accounts.read.ts'
import { actionOwners, actions, actionUpdates } from '../actions/actions.read.ts'
import type { ActionStatus } from '../actions/actions.types.ts'
import { ownerAccessTokens, reminderDeliveries } from './reminders.tables.ts'

export type OwnerTokenRow = typeof ownerAccessTokens.$inferSelect
export type ActionRow = typeof actions.$inferSelect

/** An action as its owner sees it through their link or in a digest. */
export type OwnedActionRow = {
  id: string
  description: string
  dueOn: string | null
  status: ActionStatus
  bodyName: string
  version: number
  latestUpdateText: string | null
  latestUpdateAt: Date | null
}

/** A person owner of an action who can be emailed. */
export type OwnerContact = { personId: string; fullName: string; email: string; remindersOptOut: boolean }

export type DigestRow = OwnedActionRow & { personId: string; fullName: string; email: string }

export type BodyActionRow = {
  id: string
  bodyId: string
  bodyName: string
  partnershipId: string
  description: string
  dueOn: string | null
  status: ActionStatus
}

export type SecretariatRecipient = { userId: string; email: string; displayName: string; partnershipId: string }

/** Open or in progress: the owner still has something to do. */
const STILL_TO_DO: ActionStatus[] = ['open', 'in_progress']
/** On the body's log until a meeting clears it. */
const ON_LOG: ActionStatus[] = ['open', 'in_progress', 'completed']

const latestUpdate = {
  latestUpdateText: sql<string | null>`(select u.text from ${actionUpdates} u where u.action_id = ${actions.id} order by u.created_at desc, u.seq desc limit 1)`,
  latestUpdateAt: sql<Date | null>`(select u.created_at from ${actionUpdates} u where u.action_id = ${actions.id} order by u.created_at desc, u.seq desc limit 1)`.mapWith(
    (v: string | Date | null) => (v === null ? null : new Date(v)),
  ),
}

const ownedActionColumns = {
  id: actions.id,
  description: actions.description,
  dueOn: actions.dueOn,
  status: actions.status,
  bodyName: bodies.name,
  version: actions.version,
  ...latestUpdate,
}


/** A person as a reminder reaches them: name, email (null when unknown) and whether they opted out. */
const contactColumns = { personId: people.id, fullName: people.fullName, email: people.email, remindersOptOut: people.remindersOptOut }
/** Owner access tokens: personal, expiring, single-use links (only the hash is kept). */
function ownerTokenQueries(db: Db) {
  return {
    async insertOwnerToken(values: { tokenHash: string; personId: string; expiresAt: Date }, tx: Db = db): Promise<OwnerTokenRow> {
      const [row] = await tx.insert(ownerAccessTokens).values(values).returning()
      return row!
    },
    async findTokenByHash(tokenHash: string, tx: Db = db): Promise<OwnerTokenRow | undefined> {
      const [row] = await tx.select().from(ownerAccessTokens).where(eq(ownerAccessTokens.tokenHash, tokenHash)).limit(1)
      return row
    },
    /** The token, unused and unexpired at `now`, locked until the transaction ends. */
    async lockUsableToken(tokenHash: string, now: Date, tx: Db = db): Promise<OwnerTokenRow | undefined> {
      const [row] = await tx
        .select()
        .from(ownerAccessTokens)
        .where(and(eq(ownerAccessTokens.tokenHash, tokenHash), isNull(ownerAccessTokens.usedAt), gt(ownerAccessTokens.expiresAt, now)))
        .for('update')
      return row
    },
    /** Uses up a link, and every other unused link of the same person: one sent form ends them all. */
    async markTokenUsed(id: string, now: Date, tx: Db = db): Promise<void> {
      const [token] = await tx
        .update(ownerAccessTokens)
        .set({ usedAt: now })
        .where(eq(ownerAccessTokens.id, id))
        .returning({ personId: ownerAccessTokens.personId })
      if (!token) return
      await tx
        .update(ownerAccessTokens)
        .set({ usedAt: now })
        .where(and(eq(ownerAccessTokens.personId, token.personId), isNull(ownerAccessTokens.usedAt)))
    },
  }
}

/** Actions as their owners see them, and the owners' contacts. */
function ownerQueries(db: Db) {
  return {
    async findActionById(id: string, tx: Db = db): Promise<ActionRow | undefined> {
      const [row] = await tx.select().from(actions).where(eq(actions.id, id)).limit(1)
      return row
    },
    /** A person's actions still on the log, soonest due first. */
    async findOnLogActionsOwnedBy(personId: string, tx: Db = db): Promise<OwnedActionRow[]> {
      return tx
        .select(ownedActionColumns)
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .where(
          and(
            inArray(actions.status, ON_LOG),
            sql`exists (select 1 from ${actionOwners} o where o.action_id = ${actions.id} and o.person_id = ${personId})`,
          ),
        )
        .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.raisedOn), asc(actions.seq))
    },
    /** The people who own an action, in order (a person listed twice comes twice), with their email or null. */
    async findPersonOwners(actionId: string, tx: Db = db): Promise<Array<Omit<OwnerContact, 'email'> & { email: string | null }>> {
      return tx
        .select(contactColumns)
        .from(actionOwners)
        .innerJoin(people, eq(people.id, actionOwners.personId))
        .where(eq(actionOwners.actionId, actionId))
        .orderBy(asc(actionOwners.position), asc(people.id))
    },
    async findPersonContact(personId: string, tx: Db = db): Promise<(Omit<OwnerContact, 'email'> & { email: string | null }) | undefined> {
      const [row] = await tx
        .select(contactColumns)
        .from(people)
        .where(eq(people.id, personId))
        .limit(1)
      return row
    },
  }
}

/** Reminder deliveries, and the reads the scheduled emails need. */
function reminderQueries(db: Db) {
  return {
    /** Record that `recipient` gets `kind` for `period`: false when it already has (another run sent it). */
    async claimDelivery(values: { kind: string; recipient: string; period: string; scope: string; sentAt: Date }, tx: Db = db): Promise<boolean> {
      const rows = await tx.insert(reminderDeliveries).values(values).onConflictDoNothing().returning({ id: reminderDeliveries.id })
      return rows.length > 0
    },
    async findDeliveries(kind: string, tx: Db = db) {
      return tx.select().from(reminderDeliveries).where(eq(reminderDeliveries.kind, kind)).orderBy(asc(reminderDeliveries.id))
    },
    /**
     * Open and in-progress actions due on or before `dueBy` (so overdue ones too), with each person owner who
     * has an email and has not opted out. One row per (person, action).
     */
    async findDigestRows(dueBy: string, tx: Db = db): Promise<DigestRow[]> {
      return tx
        .selectDistinctOn([people.id, actions.dueOn, actions.seq], {
          personId: people.id,
          fullName: people.fullName,
          email: sql<string>`${people.email}`,
          ...ownedActionColumns,
        })
        .from(actionOwners)
        .innerJoin(people, eq(people.id, actionOwners.personId))
        .innerJoin(actions, eq(actions.id, actionOwners.actionId))
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .where(
          and(
            isNotNull(people.email),
            sql`trim(${people.email}) <> ''`,
            eq(people.remindersOptOut, false),
            inArray(actions.status, STILL_TO_DO),
            isNotNull(actions.dueOn),
            lte(actions.dueOn, dueBy),
          ),
        )
        .orderBy(asc(people.id), asc(actions.dueOn), asc(actions.seq))
    },
    /** Every open or in-progress action of bodies whose partnership has a secretariat, for the weekly summary. */
    async findActionsForSummaries(tx: Db = db): Promise<BodyActionRow[]> {
      return tx
        .select({
          id: actions.id,
          bodyId: bodies.id,
          bodyName: bodies.name,
          partnershipId: bodies.partnershipId,
          description: actions.description,
          dueOn: actions.dueOn,
          status: actions.status,
        })
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .where(
          and(
            inArray(actions.status, STILL_TO_DO),
            sql`exists (select 1 from ${userPartnershipRoles} r where r.partnership_id = ${bodies.partnershipId})`,
          ),
        )
        .orderBy(asc(bodies.name), asc(bodies.id), sql`${actions.dueOn} asc nulls last`, asc(actions.seq))
    },
    /** Enabled secretariat accounts of the given partnerships. */
    async findSecretariat(partnershipIds: string[], tx: Db = db): Promise<SecretariatRecipient[]> {
      if (partnershipIds.length === 0) return []
      return tx
        .select({
          userId: users.id,
          email: users.email,
          displayName: users.displayName,
          partnershipId: userPartnershipRoles.partnershipId,
        })
        .from(userPartnershipRoles)
        .innerJoin(users, eq(users.id, userPartnershipRoles.userId))
        .where(
          and(
            inArray(userPartnershipRoles.partnershipId, partnershipIds),
            eq(userPartnershipRoles.role, 'secretariat'),
            eq(users.disabled, false),
          ),
        )
        .orderBy(asc(users.email))
    },
  }
}

/**
 * Owner links, reminder deliveries, and the reads the reminder jobs need. It reads actions, people, bodies and the
 * secretariat's accounts through their modules' read surfaces (joins); an owner's update and completion, and a
 * person's opt-out, are written by the actions and structure modules.
 */
export function remindersRepository(db: Db) {
  return { ...ownerTokenQueries(db), ...ownerQueries(db), ...reminderQueries(db) }
}
export type RemindersRepository = ReturnType<typeof remindersRepository>
