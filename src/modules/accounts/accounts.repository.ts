import { and, eq, gt, isNull, lt, or, sql, gte } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { sessions, userPartnershipRoles, users } from './accounts.tables.ts'
import { memberships } from '../structure/structure.read.ts'

export type UserRow = typeof users.$inferSelect

export function accountsRepository(db: Db) {
  return {
    async findUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1)
      return row
    },
    async findUserById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1)
      return row
    },
    async insertUser(values: typeof users.$inferInsert, tx: Db = db): Promise<UserRow> {
      const [row] = await tx.insert(users).values(values).returning()
      return row!
    },
    async grantSecretariat(userId: string, partnershipId: string, tx: Db = db): Promise<void> {
      await tx.insert(userPartnershipRoles).values({ userId, partnershipId, role: 'secretariat' }).onConflictDoNothing()
    },
    async secretariatPartnershipIds(userId: string): Promise<string[]> {
      const rows = await db
        .select({ id: userPartnershipRoles.partnershipId })
        .from(userPartnershipRoles)
        .where(and(eq(userPartnershipRoles.userId, userId), eq(userPartnershipRoles.role, 'secretariat')))
      return rows.map((r) => r.id)
    },
    async currentBodyIdsForPerson(personId: string, today: string): Promise<string[]> {
      const rows = await db
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
    async insertSession(values: typeof sessions.$inferInsert, tx: Db = db): Promise<void> {
      await tx.insert(sessions).values(values)
    },
    async findLiveSession(idHash: string, now: Date) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.disabled, false)))
        .limit(1)
      return row
    },
    async touchSession(idHash: string, now: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.idHash, idHash))
    },
    async deleteSession(idHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.idHash, idHash))
    },
    async deleteExpiredSessions(now: Date): Promise<number> {
      const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.idHash })
      return rows.length
    },
    async countDemoUsers(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, true))
      return row?.n ?? 0
    },
  }
}
export type AccountsRepository = ReturnType<typeof accountsRepository>
