import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { accountTokens, sessions, userDataProviderRoles, userIdentities, userPartnershipRoles, users, type AccountTokenPurpose, type PartnershipRole } from './accounts.tables.ts'
import { secondFactorQueries } from './second-factor.repository.ts'
import { bodies, memberships, organisations, partnershipOrganisations, partnerships, people } from '../structure/structure.read.ts'

export type UserRow = typeof users.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type IdentityRow = typeof userIdentities.$inferSelect
/** A session is live when seen after lastSeenAfter and begun after createdAfter (session-timeouts.ts). */
export type LiveLimits = { lastSeenAfter: Date; createdAfter: Date }

const live = (now: Date, limits: LiveLimits) =>
  and(gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, limits.lastSeenAfter), gt(sessions.createdAt, limits.createdAfter))
export type RoleRow = { partnershipId: string; role: PartnershipRole }
export type DataProviderRow = { partnershipId: string; organisationId: string }

/** Drizzle queries for users, roles, sessions and account links. The transaction comes last, optional. */
export function accountsRepository(db: Db) {
  return { ...userQueries(db), ...sessionQueries(db), ...secondFactorQueries(db) }
}

/** Users, their roles, and what they read of structure (through its read surface). */
function userQueries(db: Db) {
  return {
    async findUserByEmail(email: string, tx: Db = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1)
      return row
    },
    async findUserById(id: string, tx: Db = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1)
      return row
    },
    async insertUser(values: typeof users.$inferInsert, tx: Db = db): Promise<UserRow> {
      const [row] = await tx.insert(users).values(values).returning()
      return row!
    },
    async updateUser(id: string, values: Partial<Pick<UserRow, 'passwordHash' | 'disabled' | 'personId' | 'lastSignedInAt' | 'displayName' | 'isAdmin'>>, tx: Db = db): Promise<void> {
      await tx.update(users).set(values).where(eq(users.id, id))
    },
    async listUsers(ids?: string[], tx: Db = db): Promise<UserRow[]> {
      if (ids && ids.length === 0) return []
      return tx
        .select()
        .from(users)
        .where(ids ? inArray(users.id, ids) : undefined)
        .orderBy(asc(sql`lower(${users.email})`))
    },
    async countUsers(tx: Db = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users)
      return row?.n ?? 0
    },

    // Roles
    async grantRole(userId: string, partnershipId: string, role: PartnershipRole, tx: Db = db): Promise<boolean> {
      const rows = await tx.insert(userPartnershipRoles).values({ userId, partnershipId, role }).onConflictDoNothing().returning({ id: userPartnershipRoles.userId })
      return rows.length > 0
    },
    async revokeRole(userId: string, partnershipId: string, role: PartnershipRole, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(userPartnershipRoles)
        .where(and(eq(userPartnershipRoles.userId, userId), eq(userPartnershipRoles.partnershipId, partnershipId), eq(userPartnershipRoles.role, role)))
        .returning({ id: userPartnershipRoles.userId })
      return rows.length > 0
    },
    async grantDataProvider(userId: string, partnershipId: string, organisationId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.insert(userDataProviderRoles).values({ userId, partnershipId, organisationId }).onConflictDoNothing().returning({ id: userDataProviderRoles.userId })
      return rows.length > 0
    },
    async revokeDataProvider(userId: string, partnershipId: string, organisationId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(userDataProviderRoles)
        .where(and(eq(userDataProviderRoles.userId, userId), eq(userDataProviderRoles.partnershipId, partnershipId), eq(userDataProviderRoles.organisationId, organisationId)))
        .returning({ id: userDataProviderRoles.userId })
      return rows.length > 0
    },
    async rolesOf(userId: string, tx: Db = db): Promise<RoleRow[]> {
      return tx.select({ partnershipId: userPartnershipRoles.partnershipId, role: userPartnershipRoles.role }).from(userPartnershipRoles).where(eq(userPartnershipRoles.userId, userId))
    },
    async dataProviderRolesOf(userId: string, tx: Db = db): Promise<DataProviderRow[]> {
      return tx
        .select({ partnershipId: userDataProviderRoles.partnershipId, organisationId: userDataProviderRoles.organisationId })
        .from(userDataProviderRoles)
        .where(eq(userDataProviderRoles.userId, userId))
    },
    /** Users holding any role in these partnerships. */
    async userIdsWithRolesIn(partnershipIds: string[], tx: Db = db): Promise<string[]> {
      if (partnershipIds.length === 0) return []
      const a = await tx.selectDistinct({ id: userPartnershipRoles.userId }).from(userPartnershipRoles).where(inArray(userPartnershipRoles.partnershipId, partnershipIds))
      const b = await tx.selectDistinct({ id: userDataProviderRoles.userId }).from(userDataProviderRoles).where(inArray(userDataProviderRoles.partnershipId, partnershipIds))
      return [...new Set([...a, ...b].map((r) => r.id))]
    },
    async secretariatPartnershipIds(userId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .select({ id: userPartnershipRoles.partnershipId })
        .from(userPartnershipRoles)
        .where(and(eq(userPartnershipRoles.userId, userId), eq(userPartnershipRoles.role, 'secretariat')))
      return rows.map((r) => r.id)
    },
    async currentBodyIdsForPerson(personId: string, today: string, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .selectDistinct({ id: memberships.bodyId })
        .from(memberships)
        .where(
          and(
            eq(memberships.personId, personId),
            or(isNull(memberships.startsOn), sql`${memberships.startsOn} <= ${today}`),
            or(isNull(memberships.endsOn), gte(memberships.endsOn, today)),
          ),
        )
      return rows.map((r) => r.id)
    },

    // Structure, read through its read surface
    async partnershipNames(ids?: string[], tx: Db = db): Promise<{ id: string; name: string }[]> {
      if (ids && ids.length === 0) return []
      return tx.select({ id: partnerships.id, name: partnerships.name }).from(partnerships).where(ids ? inArray(partnerships.id, ids) : undefined).orderBy(asc(partnerships.name))
    },
    async organisationNames(ids: string[], tx: Db = db): Promise<{ id: string; name: string }[]> {
      if (ids.length === 0) return []
      return tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids))
    },
    /** The partner organisations of each partnership (a data provider supplies figures for one of them). */
    async partnerOrganisations(partnershipIds?: string[], tx: Db = db): Promise<{ partnershipId: string; organisationId: string; name: string }[]> {
      if (partnershipIds && partnershipIds.length === 0) return []
      return tx
        .select({ partnershipId: partnershipOrganisations.partnershipId, organisationId: organisations.id, name: organisations.name })
        .from(partnershipOrganisations)
        .innerJoin(organisations, eq(organisations.id, partnershipOrganisations.organisationId))
        .where(partnershipIds ? inArray(partnershipOrganisations.partnershipId, partnershipIds) : undefined)
        .orderBy(asc(organisations.name))
    },
    /** People holding (or having held) a seat on a body of these partnerships; every person when ids is undefined. */
    async peopleSeatedIn(partnershipIds: string[] | undefined, tx: Db = db): Promise<{ id: string; name: string }[]> {
      if (partnershipIds && partnershipIds.length === 0) return []
      if (!partnershipIds) return tx.select({ id: people.id, name: people.fullName }).from(people).orderBy(asc(people.fullName)).limit(2000)
      return tx
        .selectDistinct({ id: people.id, name: people.fullName })
        .from(people)
        .innerJoin(memberships, eq(memberships.personId, people.id))
        .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
        .where(inArray(bodies.partnershipId, partnershipIds))
        .orderBy(asc(people.fullName))
    },
    async findPerson(id: string, tx: Db = db): Promise<{ id: string; name: string } | undefined> {
      const [row] = await tx.select({ id: people.id, name: people.fullName }).from(people).where(eq(people.id, id)).limit(1)
      return row
    },

  }
}

/** Sessions and single-use account links. */
function sessionQueries(db: Db) {
  return {
    // Sessions
    async insertSession(values: typeof sessions.$inferInsert, tx: Db = db): Promise<void> {
      await tx.insert(sessions).values(values)
    },
    /** The session and its user, if it is live: not expired, seen and begun within the limits, user not disabled. */
    async findLiveSession(idHash: string, now: Date, limits: LiveLimits, tx: Db = db) {
      const [row] = await tx
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, idHash), live(now, limits), eq(users.disabled, false)))
        .limit(1)
      return row
    },
    /** A user's live sessions, the most recently active first. */
    async liveSessionsOf(userId: string, now: Date, limits: LiveLimits, tx: Db = db): Promise<SessionRow[]> {
      return tx.select().from(sessions).where(and(eq(sessions.userId, userId), live(now, limits))).orderBy(desc(sessions.lastSeenAt))
    },
    /** Ends one session, only if it is this user's. */
    async deleteSessionOf(userId: string, idHash: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.idHash, idHash))).returning({ id: sessions.idHash })
      return rows.length > 0
    },
    /** Ends every session of the user but one (the one they are using). */
    async deleteOtherSessionsOf(userId: string, keepIdHash: string, tx: Db = db): Promise<number> {
      const rows = await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash))).returning({ id: sessions.idHash })
      return rows.length
    },
    async touchSession(idHash: string, now: Date, expiresAt: Date, tx: Db = db): Promise<void> {
      await tx.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.idHash, idHash))
    },
    async deleteSession(idHash: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.delete(sessions).where(eq(sessions.idHash, idHash)).returning({ id: sessions.idHash })
      return rows.length > 0
    },
    async deleteSessionsOf(userId: string, tx: Db = db): Promise<number> {
      const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.idHash })
      return rows.length
    },
    async markSessionsToRotate(userId: string, tx: Db = db): Promise<void> {
      await tx.update(sessions).set({ mustRotate: true }).where(eq(sessions.userId, userId))
    },
    /** Housekeeping: sessions past their stored expiry or past the limits in force now. */
    async deleteExpiredSessions(now: Date, limits: LiveLimits, tx: Db = db): Promise<number> {
      const rows = await tx
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lte(sessions.lastSeenAt, limits.lastSeenAfter), lte(sessions.createdAt, limits.createdAfter)))
        .returning({ id: sessions.idHash })
      return rows.length
    },
    async countDemoUsers(tx: Db = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, true))
      return row?.n ?? 0
    },

    // Single sign-on identities (issuer + subject) linked to accounts
    async findIdentity(issuer: string, subject: string, tx: Db = db): Promise<IdentityRow | undefined> {
      const [row] = await tx.select().from(userIdentities).where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject))).limit(1)
      return row
    },
    async identitiesOf(userId: string, tx: Db = db): Promise<IdentityRow[]> {
      return tx.select().from(userIdentities).where(eq(userIdentities.userId, userId)).orderBy(asc(userIdentities.createdAt))
    },
    async insertIdentity(values: typeof userIdentities.$inferInsert, tx: Db = db): Promise<void> {
      await tx.insert(userIdentities).values(values)
    },
    async touchIdentity(issuer: string, subject: string, at: Date, tx: Db = db): Promise<void> {
      await tx.update(userIdentities).set({ lastUsedAt: at }).where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    },
    async deleteIdentity(userId: string, issuer: string, subject: string, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(userIdentities)
        .where(and(eq(userIdentities.userId, userId), eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
        .returning({ s: userIdentities.subject })
      return rows.length > 0
    },

    // Account links (set or reset a password)
    async insertToken(values: typeof accountTokens.$inferInsert, tx: Db = db): Promise<void> {
      await tx.insert(accountTokens).values(values)
    },
    async findLiveToken(idHash: string, purposes: AccountTokenPurpose[], now: Date, tx: Db = db) {
      const [row] = await tx
        .select({ token: accountTokens, user: users })
        .from(accountTokens)
        .innerJoin(users, eq(users.id, accountTokens.userId))
        .where(and(eq(accountTokens.idHash, idHash), inArray(accountTokens.purpose, purposes), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now), eq(users.disabled, false)))
        .limit(1)
      return row
    },
    /** Marks the link used; false when another request used it first (single use, even under a race). */
    async useToken(idHash: string, now: Date, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .update(accountTokens)
        .set({ usedAt: now })
        .where(and(eq(accountTokens.idHash, idHash), isNull(accountTokens.usedAt)))
        .returning({ id: accountTokens.idHash })
      return rows.length > 0
    },
    /** Earlier unused links of the same user stop working when a new one is sent or a password is set. */
    async retireTokensOf(userId: string, now: Date, tx: Db = db): Promise<void> {
      await tx.update(accountTokens).set({ usedAt: now }).where(and(eq(accountTokens.userId, userId), isNull(accountTokens.usedAt)))
    },
  }
}
export type AccountsRepository = ReturnType<typeof accountsRepository>
