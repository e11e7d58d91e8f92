import { recordAudit } from '../../platform/audit/audit.ts'
import { AppError, validation } from '../../platform/http/errors.ts'
import { hashPassword, verifyPassword } from '../../platform/http/passwords.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import { createThrottle, type Throttle } from '../../platform/http/throttle.ts'
import { hashToken, issueAccountLink, LINK_LIFETIME_MS } from './account-links.ts'
import { resetEmail } from './account-emails.ts'
import { passwordProblem } from './password-policy.ts'
import { startSession, type SessionDeps } from './sessions.ts'
import type { SignInThrottle } from './sign-in-throttle.ts'

export type PasswordDeps = SessionDeps & {
  mailer: Mailer
  publicUrl: string
  throttle: SignInThrottle
  onError: (message: string, meta: Record<string, unknown>) => void
}

const expired = () => new AppError('NOT_FOUND', 'This link has expired or has already been used')

/** A new password and its confirmation, checked against the policy; throws VALIDATION with field errors. */
function checkNewPassword(password: string, confirm: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, { email })
  if (problem) throw validation({ [field]: problem })
  if (password !== confirm) throw validation({ confirmPassword: 'Enter the same password twice' })
}

/** Who a set-password link is for, or null when it has expired or been used. */
export async function describeLink({ repo }: SessionDeps, token: string) {
  const row = await repo.findLiveToken(hashToken(token), ['set_password', 'reset_password'], new Date())
  return row ? { email: row.user.email, displayName: row.user.displayName, purpose: row.token.purpose } : null
}

/**
 * Sets the password from a link (first admin, invitation or reset). The link is used up in the same
 * transaction, atomically: two submissions of one link cannot both set a password. All the user's sessions end.
 */
export async function setPasswordFromLink(deps: SessionDeps, token: string, input: { password: string; confirmPassword: string }): Promise<void> {
  const { db, repo } = deps
  const idHash = hashToken(token)
  const row = await repo.findLiveToken(idHash, ['set_password', 'reset_password'], new Date())
  if (!row) throw expired()
  checkNewPassword(input.password, input.confirmPassword, row.user.email)
  const passwordHash = await hashPassword(input.password)
  await db.transaction(async (tx) => {
    const now = new Date()
    const live = await repo.findLiveToken(idHash, ['set_password', 'reset_password'], now, tx)
    if (!live || !(await repo.useToken(idHash, now, tx))) throw expired()
    await repo.updateUser(live.user.id, { passwordHash }, tx)
    await repo.retireTokensOf(live.user.id, now, tx)
    await repo.deleteSessionsOf(live.user.id, tx)
    await recordAudit(tx, { userId: live.user.id }, { event: live.token.purpose === 'reset_password' ? 'user.password_reset' : 'user.password_set', subjectType: 'user', subjectId: live.user.id })
  })
}

export type ResetThrottles = { byClient: Throttle; byEmail: Throttle }
export const resetThrottles = (): ResetThrottles => ({
  byClient: createThrottle({ limit: 10, windowMs: 60 * 60_000 }),
  byEmail: createThrottle({ limit: 3, windowMs: 60 * 60_000 }),
})

/**
 * A password reset link by email. The answer never depends on whether the address has an account: the work is
 * done after the caller has its answer (`done` settles when it has finished, for tests). Throttled per client
 * address and per email address, counted before anything else happens; a throttled request quietly sends nothing.
 */
export function requestPasswordReset(deps: PasswordDeps & { resetThrottles: ResetThrottles }, email: string, client = 'unknown'): { done: Promise<void> } {
  const { db, repo, resetThrottles: t } = deps
  const key = email.trim().toLowerCase()
  if (t.byClient.retryAfterMs(client) > 0 || t.byEmail.retryAfterMs(key) > 0) return { done: Promise.resolve() }
  t.byClient.fail(client)
  t.byEmail.fail(key)
  const work = async () => {
    const user = await repo.findUserByEmail(key)
    if (!user || user.disabled) return
    const link = await db.transaction(async (tx) => {
      const l = await issueAccountLink(repo, deps.publicUrl, user.id, 'reset_password', LINK_LIFETIME_MS.reset, tx)
      await recordAudit(tx, { system: 'accounts' }, { event: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id, data: { client } })
      return l
    })
    await deps.mailer.send(resetEmail(user.email, link))
  }
  const done = work().catch((err: unknown) => deps.onError('password reset email failed', { error: String(err) }))
  return { done }
}

/**
 * Changes the signed-in user's password: the current one is checked (and counted by the sign-in throttle, so
 * this form cannot be used to guess it faster). Every other session of the user ends, and this one gets a new id.
 */
export async function changePassword(
  deps: PasswordDeps,
  actor: CurrentUser,
  input: { currentPassword: string; password: string; confirmPassword: string },
  opts: { client?: string; sessionToken?: string; userAgent?: string } = {},
): Promise<string> {
  const { db, repo, throttle } = deps
  const user = await repo.findUserById(actor.id)
  if (!user || user.disabled) throw new AppError('UNAUTHENTICATED', 'Sign in to continue')
  const admitted = throttle.admit(user.email, opts.client ?? 'unknown')
  if (!admitted.ok) throw validation({ currentPassword: `Too many attempts. Wait ${Math.ceil(admitted.retryAfterMs / 60_000)} minutes and try again` })
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    // A wrong current password is a guess at it, like a failed sign-in: on the record.
    const client = opts.client ?? 'unknown'
    await db.transaction((tx) => recordAudit(tx, { userId: user.id }, { event: 'user.password_change_failed', subjectType: 'user', subjectId: user.id, data: { client } }))
    throw validation({ currentPassword: 'Your current password is not right' })
  }
  throttle.succeeded(admitted.ticket)
  checkNewPassword(input.password, input.confirmPassword, user.email)
  if (input.password === input.currentPassword) throw validation({ password: 'Choose a password different from your current one' })
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    await repo.updateUser(user.id, { passwordHash }, tx)
    await repo.deleteSessionsOf(user.id, tx)
    await repo.retireTokensOf(user.id, new Date(), tx)
    const token = await startSession(deps, user.id, tx, undefined, { method: 'password', userAgent: opts.userAgent, client: opts.client })
    await recordAudit(tx, { userId: user.id }, { event: 'user.password_changed', subjectType: 'user', subjectId: user.id })
    return token
  })
}
