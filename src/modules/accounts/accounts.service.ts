import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { hashPassword, verifyPassword } from '../../platform/http/passwords.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { londonToday } from '../../shared/dates.ts'
import type { AccountsRepository } from './accounts.repository.ts'
import { createThrottle } from '../../platform/http/throttle.ts'

const SESSION_IDLE_MS = 8 * 60 * 60 * 1000 // 8 hours of inactivity
const TOUCH_EVERY_MS = 5 * 60 * 1000

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url')

// A real hash to compare against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | null = null

export type SignInResult =
  | { kind: 'signed_in'; token: string; userId: string }
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAfterMinutes: number }

export function accountsService(db: Db, repo: AccountsRepository) {
  // 5 failures per account or 50 per client address within 15 minutes, then wait.
  const byAccount = createThrottle({ limit: 5, windowMs: 15 * 60_000 })
  const byClient = createThrottle({ limit: 50, windowMs: 15 * 60_000 })
  return {
    /** A new session token, or why not. Failed attempts are throttled per account and per client. */
    async signIn(email: string, password: string, client = 'unknown'): Promise<SignInResult> {
      const accountKey = email.trim().toLowerCase()
      const wait = Math.max(byAccount.retryAfterMs(accountKey), byClient.retryAfterMs(client))
      if (wait > 0) return { kind: 'throttled', retryAfterMinutes: Math.ceil(wait / 60_000) }
      const user = await repo.findUserByEmail(email.trim())
      let ok = false
      if (!user || user.disabled) {
        dummyHash ??= hashPassword('not-a-real-password')
        await verifyPassword(password, await dummyHash)
      } else {
        ok = await verifyPassword(password, user.passwordHash)
      }
      if (!user || !ok) {
        byAccount.fail(accountKey)
        byClient.fail(client)
        return { kind: 'wrong' }
      }
      byAccount.reset(accountKey)
      const token = randomBytes(32).toString('base64url')
      const now = new Date()
      await db.transaction(async (tx) => {
        await repo.insertSession(
          {
            idHash: hashToken(token),
            userId: user.id,
            createdAt: now,
            lastSeenAt: now,
            expiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
          },
          tx,
        )
        await recordAudit(tx, { userId: user.id }, { event: 'user.signed_in', subjectType: 'user', subjectId: user.id })
      })
      return { kind: 'signed_in', token, userId: user.id }
    },

    async signOut(token: string): Promise<void> {
      await repo.deleteSession(hashToken(token))
    },

    /** The user behind a session cookie, refreshing the idle expiry now and then. */
    async resolveSession(token: string): Promise<CurrentUser | null> {
      const idHash = hashToken(token)
      const now = new Date()
      const row = await repo.findLiveSession(idHash, now)
      if (!row) return null
      if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await repo.touchSession(idHash, now, new Date(now.getTime() + SESSION_IDLE_MS))
      }
      return this.currentUser(row.user.id)
    },

    async currentUser(userId: string): Promise<CurrentUser | null> {
      const user = await repo.findUserById(userId)
      if (!user || user.disabled) return null
      const [secretariatOf, memberOf] = await Promise.all([
        repo.secretariatPartnershipIds(user.id),
        user.personId ? repo.currentBodyIdsForPerson(user.personId, londonToday()) : Promise.resolve([]),
      ])
      return {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        isAdmin: user.isAdmin,
        secretariatOf,
        memberOf,
      }
    },

    async createUser(
      tx: Db,
      input: {
        email: string
        displayName: string
        password: string
        isAdmin?: boolean
        isDemo?: boolean
        personId?: string | null
        secretariatOf?: string[]
      },
      passwordParams?: { N: number; r: number; p: number },
    ) {
      const user = await repo.insertUser(
        {
          email: input.email,
          displayName: input.displayName,
          passwordHash: await hashPassword(input.password, passwordParams),
          isAdmin: input.isAdmin ?? false,
          isDemo: input.isDemo ?? false,
          personId: input.personId ?? null,
        },
        tx,
      )
      for (const p of input.secretariatOf ?? []) await repo.grantSecretariat(user.id, p, tx)
      await recordAudit(tx, { system: 'accounts' }, { event: 'user.created', subjectType: 'user', subjectId: user.id })
      return user
    },

    countDemoUsers: () => repo.countDemoUsers(),
    deleteExpiredSessions: () => repo.deleteExpiredSessions(new Date()),
  }
}
export type AccountsService = ReturnType<typeof accountsService>
