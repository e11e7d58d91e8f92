import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { hashToken, newToken } from './account-links.ts'
import type { SessionDeps } from './sessions.ts'
import { startSession } from './sessions.ts'
import type { SignInThrottle } from './sign-in-throttle.ts'
import { MAX_SECOND_FACTOR_ATTEMPTS } from './second-factor.repository.ts'
import { hashRecoveryCode, openSecret, verifyTotp } from './totp.ts'

/** How long the code page works after the password was accepted. */
export const CHALLENGE_LIFETIME_MS = 10 * 60_000

export type SecondFactorDeps = SessionDeps & { throttle: SignInThrottle; sessionSecret: string }
export type SecondFactorMethod = 'totp' | 'recovery-code'

export type SecondFactorResult =
  | { kind: 'signed_in'; token: string; userId: string; recoveryCodesLeft?: number }
  | { kind: 'wrong'; attemptsLeft: number }
  /** Unknown, expired, used, or out of attempts: the user must sign in with their password again. */
  | { kind: 'void' }
  | { kind: 'throttled'; retryAfterMinutes: number }

/** A challenge for a user whose password was right: only the hash of its token is stored. */
export async function openChallenge({ repo }: SessionDeps, userId: string, tx: Db): Promise<string> {
  const token = newToken()
  const now = new Date()
  await repo.insertChallenge({ idHash: hashToken(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS) }, tx)
  return token
}

/** Whether a challenge cookie still leads to a code page (not expired, attempts left). */
export async function challengeIsLive({ repo }: SessionDeps, token: string): Promise<boolean> {
  return !!(await repo.findLiveChallenge(hashToken(token), new Date()))
}

/**
 * The user's TOTP secret, or null when it cannot be opened (it was sealed under another SESSION_SECRET): then
 * no code is right, never a 500. Changing SESSION_SECRET voids every two-factor set-up (see the README).
 */
export function openSealedSecret(sessionSecret: string, userId: string, sealed: string): string | null {
  try {
    return openSecret(sessionSecret, userId, sealed)
  } catch {
    return null
  }
}

/** Thrown inside the transaction to undo a spent code when another request completed the challenge first. */
class ChallengeTaken extends Error {}

/**
 * Completes a sign-in with the code from an authenticator app or a recovery code. The attempt is counted twice
 * before the code is checked: by the throttle (per address and per account, in memory) and against the
 * challenge (in the database, in one statement): after five wrong codes the challenge is void. A TOTP code
 * counts only if its time step is later than the last one accepted (no replay); a recovery code is spent.
 * A right code ends the challenge and starts the session in one transaction.
 */
export async function completeSecondFactor(
  deps: SecondFactorDeps,
  input: { challenge: string; method: SecondFactorMethod; code: string; client?: string; userAgent?: string; replacing?: string; now?: Date },
): Promise<SecondFactorResult> {
  const { db, repo, throttle } = deps
  const now = input.now ?? new Date()
  const client = input.client ?? 'unknown'
  const idHash = hashToken(input.challenge)
  const live = await repo.findLiveChallenge(idHash, now)
  if (!live) return { kind: 'void' }
  const admitted = throttle.admit(`second-factor:${live.userId}`, client)
  if (!admitted.ok) return { kind: 'throttled', retryAfterMinutes: Math.ceil(admitted.retryAfterMs / 60_000) }
  const counted = await repo.countChallengeAttempt(idHash, now)
  const user = counted && (await repo.findUserById(counted.userId))
  if (!counted || !user || user.disabled || !user.totpEnabledAt || !user.totpSecret) {
    if (counted) await repo.deleteChallenge(idHash)
    return { kind: 'void' }
  }
  const secret = input.method === 'totp' ? openSealedSecret(deps.sessionSecret, user.id, user.totpSecret) : null
  const step = secret ? verifyTotp(secret, input.code, now.getTime()) : null
  const method = input.method === 'totp' ? 'password+totp' : 'password+recovery-code'
  try {
    const result = await db.transaction(async (tx): Promise<SecondFactorResult> => {
      const right =
        input.method === 'totp'
          ? step !== null && (await repo.claimTotpStep(user.id, step, tx))
          : await repo.spendRecoveryCode(user.id, hashRecoveryCode(deps.sessionSecret, user.id, input.code), now, tx)
      if (!right) {
        const attemptsLeft = MAX_SECOND_FACTOR_ATTEMPTS - counted.failedAttempts
        if (attemptsLeft <= 0) await repo.deleteChallenge(idHash, tx)
        await recordAudit(tx, { system: 'sign-in' }, {
          event: 'user.second_factor_failed',
          subjectType: 'user',
          subjectId: user.id,
          data: { client, method: input.method, attempt: counted.failedAttempts, challengeVoid: attemptsLeft <= 0 },
        })
        return attemptsLeft <= 0 ? { kind: 'void' } : { kind: 'wrong', attemptsLeft }
      }
      if (!(await repo.deleteChallenge(idHash, tx))) throw new ChallengeTaken()
      const token = await startSession(deps, user.id, tx, input.replacing, { method, client, userAgent: input.userAgent })
      await repo.updateUser(user.id, { lastSignedInAt: now }, tx)
      let recoveryCodesLeft: number | undefined
      if (input.method === 'recovery-code') {
        recoveryCodesLeft = await repo.countUnusedRecoveryCodes(user.id, tx)
        await recordAudit(tx, { userId: user.id }, { event: 'user.recovery_code_used', subjectType: 'user', subjectId: user.id, data: { client, remaining: recoveryCodesLeft } })
      }
      await recordAudit(tx, { userId: user.id }, { event: 'user.signed_in', subjectType: 'user', subjectId: user.id, data: { client, method } })
      return { kind: 'signed_in', token, userId: user.id, ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }) }
    })
    if (result.kind === 'signed_in') {
      throttle.succeeded(admitted.ticket)
      throttle.completed(user.email, client)
    }
    return result
  } catch (err) {
    if (err instanceof ChallengeTaken) return { kind: 'void' }
    throw err
  }
}
