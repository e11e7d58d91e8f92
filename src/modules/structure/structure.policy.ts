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

/** Who may place a partnership under another: an admin, or the secretariat of that parent too. */
export function canAttachUnder(user: Pick<CurrentUser, 'isAdmin' | 'secretariatOf'>, parentPartnershipId: string): boolean {
  return user.isAdmin || user.secretariatOf.includes(parentPartnershipId)
}

/**
 * The shared registers: an admin edits any person or organisation; a secretariat edits one tied to a
 * partnership they manage (a person with a seat, past or present, on one of its bodies; an organisation
 * that is one of its partners), or one tied to no partnership at all (just created). `partnershipIds`
 * are the partnerships the record is tied to.
 */
export function canEditSharedRecord(user: CurrentUser, partnershipIds: string[]): boolean {
  return user.isAdmin || partnershipIds.length === 0 || partnershipIds.some((id) => user.secretariatOf.includes(id))
}

export function requirePersonEditor(c: Context<AppEnv>, partnershipIds: string[]): CurrentUser {
  const user = requireStaff(c)
  if (!canEditSharedRecord(user, partnershipIds)) {
    throw forbidden('You can only change people who sit, or sat, on a body of a partnership you manage')
  }
  return user
}

export function requireOrganisationEditor(c: Context<AppEnv>, partnershipIds: string[]): CurrentUser {
  const user = requireStaff(c)
  if (!canEditSharedRecord(user, partnershipIds)) {
    throw forbidden('You can only change organisations that are partners of a partnership you manage')
  }
  return user
}

/** The partnerships a user manages: all for an admin (null), else their secretariat's. */
export function managedPartnershipIds(user: CurrentUser): string[] | null {
  return user.isAdmin ? null : user.secretariatOf
}
