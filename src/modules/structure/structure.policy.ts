import type { Context } from 'hono'
import { assertCanManagePartnership, canManagePartnership, isStaff, requireUser } from '../../platform/http/auth.ts'
import { forbidden } from '../../platform/http/errors.ts'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'

/**
 * Who may change the structure:
 * - an admin may do everything;
 * - any staff user (admin, or the secretariat of any partnership) keeps the shared registers of
 *   organisations and people;
 * - a partnership's secretariat edits that partnership, its partner list, its bodies and their seats;
 * - only an admin creates a partnership.
 * No user: requireUser throws UNAUTHENTICATED (pages redirect to sign in).
 */
export function requireStaff(c: Context<AppEnv>): CurrentUser {
  const user = requireUser(c)
  if (!isStaff(user)) throw forbidden('Only partnership secretariats and administrators can do this')
  return user
}

export function requireAdmin(c: Context<AppEnv>): CurrentUser {
  const user = requireUser(c)
  if (!user.isAdmin) throw forbidden('Only an administrator can create a partnership')
  return user
}

export function canCreatePartnership(user: CurrentUser | null): boolean {
  return !!user?.isAdmin
}

/** Editing the partnership and managing its partners, bodies and memberships. */
export function requirePartnershipManager(c: Context<AppEnv>, partnershipId: string): CurrentUser {
  const user = requireUser(c)
  assertCanManagePartnership(user, partnershipId)
  return user
}

export const canManage = (user: CurrentUser | null, partnershipId: string): boolean =>
  canManagePartnership(user, partnershipId)

/** The partnerships a user manages: all for an admin (null), else their secretariat's. */
export function managedPartnershipIds(user: CurrentUser): string[] | null {
  return user.isAdmin ? null : user.secretariatOf
}
