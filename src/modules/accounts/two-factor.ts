import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, invalidState, notFound, validation } from '../../platform/http/errors.ts'
import { verifyPassword } from '../../platform/http/passwords.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { UserRow } from './accounts.repository.ts'
import { assertCanResetTwoFactor } from './accounts.policy.ts'
import type { SecondFactorDeps } from './second-factor-sign-in.ts'
import { openSealedSecret } from './second-factor-sign-in.ts'
import { hashRecoveryCode, keyInGroups, newRecoveryCodes, newTotpSecret, otpauthUri, qrCodeSvg, sealSecret, verifyTotp } from './totp.ts'

/**
 * Setting up, confirming and turning off two-factor sign-in, and new recovery codes: the signed-in user's own
 * account only. Set-up is two steps: a secret is kept (sealed) but not yet used, until the user types a first
 * code from their app; only then does sign-in ask for codes.
 */
export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; pending: boolean; recoveryCodesLeft: number }
export type SetUpDetails = { key: string; keyGroups: string; qrSvg: string }

async function ownAccount({ repo }: SecondFactorDeps, actor: CurrentUser, tx?: Db): Promise<UserRow> {
  const user = await repo.findUserById(actor.id, tx)
  if (!user || user.disabled) throw new AppError('UNAUTHENTICATED', 'Sign in to continue')
  return user
}

export async function twoFactorStatus(deps: SecondFactorDeps, actor: CurrentUser): Promise<TwoFactorStatus> {
  const user = await ownAccount(deps, actor)
  const enabled = !!user.totpEnabledAt
  return {
    enabled,
    enabledAt: user.totpEnabledAt,
    pending: !enabled && !!user.totpSecret,
    recoveryCodesLeft: enabled ? await deps.repo.countUnusedRecoveryCodes(user.id) : 0,
  }
}

/** Starts set-up with a new secret (or keeps the one already waiting, so a QR code scanned before still works). */
export async function beginSetUp(deps: SecondFactorDeps, actor: CurrentUser): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const user = await ownAccount(deps, actor, tx)
    if (user.totpEnabledAt) throw invalidState('Two-factor authentication is already on for your account')
    if (user.totpSecret && openSealedSecret(deps.sessionSecret, user.id, user.totpSecret)) return
    await deps.repo.setTotp(user.id, { totpSecret: sealSecret(deps.sessionSecret, user.id, newTotpSecret()), totpEnabledAt: null }, tx)
    await recordAudit(tx, { userId: user.id }, { event: 'user.two_factor_set_up_started', subjectType: 'user', subjectId: user.id })
  })
}

/** The secret waiting to be confirmed, as a QR code and as a key to type; null when set-up has not begun (or is done). */
export async function setUpDetails(deps: SecondFactorDeps, actor: CurrentUser): Promise<SetUpDetails | null> {
  const user = await ownAccount(deps, actor)
  if (user.totpEnabledAt || !user.totpSecret) return null
  const key = openSealedSecret(deps.sessionSecret, user.id, user.totpSecret)
  if (!key) return null
  return { key, keyGroups: keyInGroups(key), qrSvg: await qrCodeSvg(otpauthUri(key, user.email)) }
}

/**
 * Turns two-factor sign-in on when the code is right for the waiting secret, and returns the new recovery codes
 * (shown once; only their hashes are kept). The code's time step is recorded, so it cannot sign anyone in.
 */
export async function confirmSetUp(deps: SecondFactorDeps, actor: CurrentUser, code: string, now = new Date()): Promise<string[]> {
  const user = await ownAccount(deps, actor)
  if (user.totpEnabledAt) throw invalidState('Two-factor authentication is already on for your account')
  const key = user.totpSecret ? openSealedSecret(deps.sessionSecret, user.id, user.totpSecret) : null
  if (!key) throw invalidState('Set-up has not started, or has expired. Start again')
  const step = verifyTotp(key, code, now.getTime())
  if (step === null) throw validation({ code: 'The code is not right. Enter the 6-digit code your app shows now' })
  const codes = newRecoveryCodes()
  await deps.db.transaction(async (tx) => {
    if (!(await deps.repo.enableTotp(user.id, step, now, tx))) throw invalidState('Two-factor authentication is already on for your account')
    await deps.repo.replaceRecoveryCodes(user.id, codes.map((c) => hashRecoveryCode(deps.sessionSecret, user.id, c)), tx)
    await recordAudit(tx, { userId: user.id }, { event: 'user.two_factor_enabled', subjectType: 'user', subjectId: user.id, data: { method: 'totp' } })
    await recordAudit(tx, { userId: user.id }, { event: 'user.recovery_codes_generated', subjectType: 'user', subjectId: user.id, data: { count: codes.length } })
  })
  return codes
}

/**
 * The current password again, before a change that weakens or resets the second factor: counted by the
 * sign-in throttle like any other password attempt, so these forms cannot be used to guess it faster.
 */
async function checkCurrentPassword(deps: SecondFactorDeps, user: UserRow, password: string, client: string): Promise<void> {
  const admitted = deps.throttle.admit(user.email, client)
  if (!admitted.ok) throw validation({ currentPassword: `Too many attempts. Wait ${Math.ceil(admitted.retryAfterMs / 60_000)} minutes and try again` })
  if (!user.passwordHash || !(await verifyPassword(password, user.passwordHash))) throw validation({ currentPassword: 'Your current password is not right' })
  deps.throttle.succeeded(admitted.ticket)
}

/** New recovery codes: the old ones stop working. Needs the current password. */
export async function regenerateRecoveryCodes(deps: SecondFactorDeps, actor: CurrentUser, currentPassword: string, client = 'unknown'): Promise<string[]> {
  const user = await ownAccount(deps, actor)
  if (!user.totpEnabledAt) throw invalidState('Turn on two-factor authentication first')
  await checkCurrentPassword(deps, user, currentPassword, client)
  const codes = newRecoveryCodes()
  await deps.db.transaction(async (tx) => {
    await deps.repo.replaceRecoveryCodes(user.id, codes.map((c) => hashRecoveryCode(deps.sessionSecret, user.id, c)), tx)
    await recordAudit(tx, { userId: user.id }, { event: 'user.recovery_codes_generated', subjectType: 'user', subjectId: user.id, data: { count: codes.length, replaced: true } })
  })
  return codes
}

/** Turns two-factor sign-in off: the secret, the recovery codes and any open sign-in challenge go. Needs the current password. */
export async function disableTwoFactor(deps: SecondFactorDeps, actor: CurrentUser, currentPassword: string, client = 'unknown'): Promise<void> {
  const user = await ownAccount(deps, actor)
  if (!user.totpEnabledAt && !user.totpSecret) throw invalidState('Two-factor authentication is not on for your account')
  await checkCurrentPassword(deps, user, currentPassword, client)
  await deps.db.transaction(async (tx) => {
    await deps.repo.setTotp(user.id, { totpSecret: null, totpEnabledAt: null }, tx)
    await deps.repo.replaceRecoveryCodes(user.id, [], tx)
    await deps.repo.deleteChallengesOf(user.id, tx)
    await recordAudit(tx, { userId: user.id }, { event: 'user.two_factor_disabled', subjectType: 'user', subjectId: user.id, data: { client } })
  })
}

/**
 * An admin resets someone's two-factor sign-in (they lost their phone and their recovery codes): as turning it
 * off, and they set it up again. The admin's own account is refused (they use their own account page).
 */
export async function resetTwoFactorFor(deps: SecondFactorDeps, actor: CurrentUser | null, userId: string): Promise<void> {
  // No actor: the operator at the server's command line.
  if (actor) assertCanResetTwoFactor(actor, userId)
  await deps.db.transaction(async (tx) => {
    const user = await deps.repo.findUserById(userId, tx)
    if (!user) throw notFound('Account')
    if (!user.totpEnabledAt && !user.totpSecret) throw invalidState('Two-factor authentication is not on for this account')
    await deps.repo.setTotp(user.id, { totpSecret: null, totpEnabledAt: null }, tx)
    await deps.repo.replaceRecoveryCodes(user.id, [], tx)
    await deps.repo.deleteChallengesOf(user.id, tx)
    await recordAudit(tx, actor ? { userId: actor.id } : { system: 'cli' }, {
      event: 'user.two_factor_disabled',
      subjectType: 'user',
      subjectId: user.id,
      data: actor ? { resetByAdmin: true } : { resetFromCli: true },
    })
  })
}
