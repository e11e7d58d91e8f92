import { forbidden } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/**
 * Who sees which audit events. An admin: every one (undefined). A secretariat: only events recorded against its
 * own partnerships, never account events that belong to none (sign-ins, admins' changes) nor another
 * partnership's. Anyone else (a read-only officer, a member, a data provider): no audit log at all.
 */
export function auditScope(user: CurrentUser): string[] | undefined {
  if (user.isAdmin) return undefined
  if (user.secretariatOf.length === 0) throw forbidden('Only an admin or a partnership’s secretariat can see the audit log')
  return [...user.secretariatOf]
}

export function canSeeAuditLog(user: CurrentUser | null): boolean {
  return !!user && (user.isAdmin || user.secretariatOf.length > 0)
}
