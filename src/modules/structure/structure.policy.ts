import type { Context } from 'hono'
import {
  assertCanManagePartnership,
  assertCanViewPartnership,
  canManagePartnership,
  isStaff,
  managedPartnershipIds,
  requireUser,
} from '../../platform/http/auth.ts'
import { forbidden } from '../../platform/http/errors.ts'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'

/**
 * Who may change the structure:
 * - an admin may do everything;
 * - any staff user (admin, or the secretariat of any partnership) keeps the shared register of
 *   organisations, and adds people; a person is seen and changed only by the partnerships that use them;
 * - a partnership's secretariat edits that partnership, its partner list, its bodies and their seats;
 * - only an admin creates a partnership;
 * - a read-only officer of a partnership sees its manage pages (requirePartnershipViewer), never a change.
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

/** Seeing the partnership's staff pages without changing anything: a read-only officer, or anyone who manages it. */
export function requirePartnershipViewer(c: Context<AppEnv>, partnershipId: string): CurrentUser {
  const user = requireUser(c)
  assertCanViewPartnership(user, partnershipId)
  return user
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
 * The shared register of organisations: an admin edits any; a secretariat edits one that is a partner of a
 * partnership they manage, or one tied to no partnership at all (just created). `partnershipIds` are the
 * partnerships the record is tied to. People have a stricter rule (canEditPerson).
 */
export function canEditSharedRecord(user: CurrentUser, partnershipIds: string[]): boolean {
  return user.isAdmin || partnershipIds.length === 0 || partnershipIds.some((id) => user.secretariatOf.includes(id))
}

/**
 * A person record (and its email and phone) is personal data: an admin sees and edits any; a secretariat only one
 * that a partnership they manage uses (seats, attendance, actions, or it added the person). Unlike organisations,
 * a person used by no partnership is not open to every secretariat (issue 10, defect 1).
 */
export function canEditPerson(user: Pick<CurrentUser, 'isAdmin' | 'secretariatOf'>, partnershipIds: string[]): boolean {
  return user.isAdmin || partnershipIds.some((id) => user.secretariatOf.includes(id))
}

export function requirePersonEditor(c: Context<AppEnv>, partnershipIds: string[]): CurrentUser {
  const user = requireStaff(c)
  if (!canEditPerson(user, partnershipIds)) {
    throw forbidden('You can only see and change people that a partnership you manage works with')
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

export { managedPartnershipIds }
