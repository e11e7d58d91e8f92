import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { secondFactorChallenges, securitySettings, userPasskeys, userRecoveryCodes, users } from './accounts.tables.ts'

export type PasskeyRow = typeof userPasskeys.$inferSelect
export type SecuritySettingsRow = typeof securitySettings.$inferSelect
/** The settings before an admin ever saved them (no row yet): the table's defaults. */
const DEFAULT_SETTINGS: SecuritySettingsRow = { id: 1, requireTwoFactorForStaff: false, version: 1, updatedAt: new Date(0) }
export const MAX_SECOND_FACTOR_ATTEMPTS = 5

/** Queries for two-factor sign-in: the TOTP columns of users, recovery codes, challenges, security settings. */
export function secondFactorQueries(db: Db) {
  return {
    /** Sets (or clears, with nulls) the user's TOTP secret and when it was confirmed; the replay marker starts again. */
    async setTotp(userId: string, values: { totpSecret: string | null; totpEnabledAt: Date | null }, tx: Db = db): Promise<void> {
      await tx.update(users).set({ ...values, totpLastStep: null }).where(eq(users.id, userId))
    },
    /** Confirms a pending secret; false when it was confirmed already (a second tab, a double click). */
    async enableTotp(userId: string, step: number, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx
        .update(users)
        .set({ totpEnabledAt: now, totpLastStep: step })
        .where(and(eq(users.id, userId), isNull(users.totpEnabledAt), sql`${users.totpSecret} is not null`))
        .returning({ id: users.id })
      return rows.length > 0
    },
    /**
     * Records a TOTP time step as used, only if it is later than the last one: false when this code (or a later
     * one) was already accepted. One statement, so two requests with the same code cannot both succeed.
     */
    async claimTotpStep(userId: string, step: number, tx: Db): Promise<boolean> {
      const rows = await tx
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id })
      return rows.length > 0
    },

    // Recovery codes
    async replaceRecoveryCodes(userId: string, codeHashes: string[], tx: Db): Promise<void> {
      await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId))
      if (codeHashes.length > 0) await tx.insert(userRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })))
    },
    /** Spends an unused code; false when it is not one of the user's or was used (single use, even under a race). */
    async spendRecoveryCode(userId: string, codeHash: string, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx
        .update(userRecoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, codeHash), isNull(userRecoveryCodes.usedAt)))
        .returning({ id: userRecoveryCodes.userId })
      return rows.length > 0
    },
    async countUnusedRecoveryCodes(userId: string, tx: Db = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(userRecoveryCodes)
        .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)))
      return row?.n ?? 0
    },

    // Challenges: a password accepted, a second factor owed
    async insertChallenge(values: typeof secondFactorChallenges.$inferInsert, tx: Db = db): Promise<void> {
      await tx.insert(secondFactorChallenges).values(values)
    },
    /**
     * Counts an attempt against a live challenge before the code is checked, in one statement: the user id, or
     * undefined when the challenge has expired, is unknown or has had its attempts. A right code then deletes
     * the challenge, so what remains counted are the wrong ones.
     */
    async countChallengeAttempt(idHash: string, now: Date, tx: Db = db): Promise<{ userId: string; failedAttempts: number } | undefined> {
      const [row] = await tx
        .update(secondFactorChallenges)
        .set({ failedAttempts: sql`${secondFactorChallenges.failedAttempts} + 1` })
        .where(and(eq(secondFactorChallenges.idHash, idHash), gt(secondFactorChallenges.expiresAt, now), lt(secondFactorChallenges.failedAttempts, MAX_SECOND_FACTOR_ATTEMPTS)))
        .returning({ userId: secondFactorChallenges.userId, failedAttempts: secondFactorChallenges.failedAttempts })
      return row
    },
    async findLiveChallenge(idHash: string, now: Date, tx: Db = db) {
      const [row] = await tx
        .select()
        .from(secondFactorChallenges)
        .where(and(eq(secondFactorChallenges.idHash, idHash), gt(secondFactorChallenges.expiresAt, now), lt(secondFactorChallenges.failedAttempts, MAX_SECOND_FACTOR_ATTEMPTS)))
        .limit(1)
      return row
    },
    /** Ends a challenge; false when another request ended it first. */
    async deleteChallenge(idHash: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.delete(secondFactorChallenges).where(eq(secondFactorChallenges.idHash, idHash)).returning({ id: secondFactorChallenges.idHash })
      return rows.length > 0
    },
    async deleteChallengesOf(userId: string, tx: Db = db): Promise<void> {
      await tx.delete(secondFactorChallenges).where(eq(secondFactorChallenges.userId, userId))
    },
    async deleteExpiredChallenges(now: Date, tx: Db = db): Promise<number> {
      const rows = await tx.delete(secondFactorChallenges).where(lt(secondFactorChallenges.expiresAt, now)).returning({ id: secondFactorChallenges.idHash })
      return rows.length
    },

    // Passkeys (WebAuthn credentials)
    async passkeysOf(userId: string, tx: Db = db): Promise<PasskeyRow[]> {
      return tx.select().from(userPasskeys).where(eq(userPasskeys.userId, userId)).orderBy(asc(userPasskeys.createdAt))
    },
    async findPasskey(id: string, tx: Db = db): Promise<PasskeyRow | undefined> {
      const [row] = await tx.select().from(userPasskeys).where(eq(userPasskeys.id, id)).limit(1)
      return row
    },
    async insertPasskey(values: typeof userPasskeys.$inferInsert, tx: Db): Promise<boolean> {
      const rows = await tx.insert(userPasskeys).values(values).onConflictDoNothing().returning({ id: userPasskeys.id })
      return rows.length > 0
    },
    /** Records a use; false when another request moved the signature counter first (a replayed response). */
    async usePasskey(id: string, fromCounter: number, toCounter: number, now: Date, tx: Db): Promise<boolean> {
      const rows = await tx
        .update(userPasskeys)
        .set({ counter: toCounter, lastUsedAt: now })
        .where(and(eq(userPasskeys.id, id), eq(userPasskeys.counter, fromCounter)))
        .returning({ id: userPasskeys.id })
      return rows.length > 0
    },
    async deletePasskey(id: string, userId: string, tx: Db): Promise<PasskeyRow | undefined> {
      const [row] = await tx.delete(userPasskeys).where(and(eq(userPasskeys.id, id), eq(userPasskeys.userId, userId))).returning()
      return row
    },

    // Security settings (one row, id = 1, created by the first save)
    async securitySettings(tx: Db = db): Promise<SecuritySettingsRow> {
      const [row] = await tx.select().from(securitySettings).where(eq(securitySettings.id, 1)).limit(1)
      return row ?? DEFAULT_SETTINGS
    },
    /** Saves the settings if nobody saved since `version` was read; false on a conflict. */
    async updateSecuritySettings(version: number, values: { requireTwoFactorForStaff: boolean }, now: Date, tx: Db): Promise<boolean> {
      await tx.insert(securitySettings).values({ id: 1 }).onConflictDoNothing()
      const rows = await tx
        .update(securitySettings)
        .set({ ...values, version: sql`${securitySettings.version} + 1`, updatedAt: now })
        .where(and(eq(securitySettings.id, 1), eq(securitySettings.version, version)))
        .returning({ id: securitySettings.id })
      return rows.length > 0
    },
    /** For the /manage gate: whether staff must have 2FA, and whether this user has it, in one read. */
    async twoFactorGateFacts(userId: string, tx: Db = db): Promise<{ required: boolean; enabled: boolean }> {
      const [row] = await tx
        .select({ enabled: sql<boolean>`${users.totpEnabledAt} is not null`, required: sql<boolean>`coalesce(${securitySettings.requireTwoFactorForStaff}, false)` })
        .from(users)
        .leftJoin(securitySettings, eq(securitySettings.id, 1))
        .where(eq(users.id, userId))
        .limit(1)
      return { required: !!row?.required, enabled: !!row?.enabled }
    },
  }
}
