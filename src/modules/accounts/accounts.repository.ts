import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { accountTokens, sessions, userDataProviderRoles, userPartnershipRoles, users, type AccountTokenPurpose, type PartnershipRole } from './accounts.tables.ts'
import { secondFactorQueries } from './second-factor.repository.ts'
import { bodies, memberships, organisations, partnershipOrganisations, partnerships, people } from '../structure/structure.read.ts'

export type UserRow = typeof users.$inferSelect
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
    async findLiveSession(idHash: string, now: Date, tx: Db = db) {
      const [row] = await tx
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.disabled, false)))
        .limit(1)
      return row
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
    async deleteExpiredSessions(now: Date, tx: Db = db): Promise<number> {
      const rows = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.idHash })
      return rows.length
    },
    async countDemoUsers(tx: Db = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, true))
      return row?.n ?? 0
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
