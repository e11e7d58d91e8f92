import { recordAudit } from '../../platform/audit/audit.ts'
import { isStaff } from '../../platform/http/auth.ts'
import { conflict } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { assertCanManageSecurity } from './accounts.policy.ts'
import type { SessionDeps } from './sessions.ts'
import type { SecuritySettingsRow } from './second-factor.repository.ts'

/** Service-wide security settings: one row, changed by an admin with the usual version check. */
export async function getSecuritySettings({ repo }: SessionDeps, actor: CurrentUser): Promise<SecuritySettingsRow> {
  assertCanManageSecurity(actor)
  return repo.securitySettings()
}

export async function updateSecuritySettings(
  { db, repo }: SessionDeps,
  actor: CurrentUser,
  input: { requireTwoFactorForStaff: boolean; version: number },
): Promise<void> {
  assertCanManageSecurity(actor)
  await db.transaction(async (tx) => {
    const before = await repo.securitySettings(tx)
    if (!(await repo.updateSecuritySettings(input.version, { requireTwoFactorForStaff: input.requireTwoFactorForStaff }, new Date(), tx))) throw conflict()
    await recordAudit(tx, { userId: actor.id }, {
      event: 'security.settings_changed',
      subjectType: 'security_settings',
      subjectId: '1',
      data: { requireTwoFactorForStaff: { from: before.requireTwoFactorForStaff, to: input.requireTwoFactorForStaff } },
    })
  })
}

/**
 * Whether this user must set up two-factor sign-in before using the management area: staff (an admin or a
 * secretariat) without it, while an admin requires it. One small read, only for staff.
 */
export async function mustSetUpTwoFactor({ repo }: SessionDeps, user: CurrentUser): Promise<boolean> {
  if (!isStaff(user)) return false
  const facts = await repo.twoFactorGateFacts(user.id)
  return facts.required && !facts.enabled
}
