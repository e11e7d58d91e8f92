import { recordAudit } from '../../platform/audit/audit.ts'
import { hashPassword, verifyPassword } from '../../platform/http/passwords.ts'
import type { SessionDeps } from './sessions.ts'
import { startSession } from './sessions.ts'
import type { SignInThrottle } from './sign-in-throttle.ts'
import { openChallenge } from './second-factor-sign-in.ts'

export type SignInResult =
  | { kind: 'signed_in'; token: string; userId: string }
  /** The password was right, and the account has two-factor sign-in: no session yet, a challenge to complete. */
  | { kind: 'second_factor'; challengeToken: string }
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAfterMinutes: number }

// A real hash to compare against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | null = null

/**
 * A new session token, or why not. The attempt is counted by the throttle before the hash is checked (see
 * sign-in-throttle.ts). A right password starts a new session and ends the one the browser came with, so a
 * session id planted before sign-in is useless after it. Every outcome but a refusal by the throttle is audited.
 * With two-factor sign-in the right password starts no session: it opens a short challenge for the code
 * (second-factor-sign-in.ts), and the throttle counts the attempt until the code completes it.
 */
export async function signIn(
  deps: SessionDeps & { throttle: SignInThrottle },
  input: { email: string; password: string; client?: string; replacing?: string; userAgent?: string },
): Promise<SignInResult> {
  const { db, repo, throttle } = deps
  const client = input.client ?? 'unknown'
  const email = input.email.trim()
  const admitted = throttle.admit(email, client)
  if (!admitted.ok) return { kind: 'throttled', retryAfterMinutes: Math.ceil(admitted.retryAfterMs / 60_000) }
  const user = await repo.findUserByEmail(email)
  let ok = false
  if (!user || user.disabled || !user.passwordHash) {
    dummyHash ??= hashPassword('not-a-real-password')
    await verifyPassword(input.password, await dummyHash)
  } else {
    ok = await verifyPassword(input.password, user.passwordHash)
  }
  if (!user || !ok) {
    await db.transaction(async (tx) => {
      await recordAudit(tx, { system: 'sign-in' }, user
        ? { event: 'user.sign_in_failed', subjectType: 'user', subjectId: user.id, data: { client } }
        : { event: 'user.sign_in_failed', subjectType: 'user', subjectId: 'unknown', data: { client } })
    })
    return { kind: 'wrong' }
  }
  if (user.totpEnabledAt && user.totpSecret) {
    const challengeToken = await db.transaction((tx) => openChallenge(deps, user.id, tx))
    return { kind: 'second_factor', challengeToken }
  }
  throttle.succeeded(admitted.ticket)
  const token = await db.transaction(async (tx) => {
    const t = await startSession(deps, user.id, tx, input.replacing, { method: 'password', userAgent: input.userAgent, client })
    await repo.updateUser(user.id, { lastSignedInAt: new Date() }, tx)
    await recordAudit(tx, { userId: user.id }, { event: 'user.signed_in', subjectType: 'user', subjectId: user.id, data: { client, method: 'password' } })
    return t
  })
  return { kind: 'signed_in', token, userId: user.id }
}
