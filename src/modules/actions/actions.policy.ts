import {
  assertCanManagePartnership,
  assertCanViewPartnership,
  canManagePartnership,
  mayUseManagement,
  viewablePartnershipIds,
} from '../../platform/http/auth.ts'
import { forbidden } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/**
 * Who may do what with actions. Staff screens: an admin, or the secretariat of the partnership the
 * action's body belongs to (routes call requireUser first, so no user is a 401); a read-only officer of the
 * partnership reads them, except those on exempt items, and changes nothing. An owner without an
 * account acts on their own actions only, through the owner link.
 */
type PartnershipRef = { partnershipId: string }

export function assertCanManageAction(user: CurrentUser, action: PartnershipRef): void {
  assertCanManagePartnership(user, action.partnershipId)
}

export function canManageAction(user: CurrentUser | null, action: PartnershipRef): boolean {
  return canManagePartnership(user, action.partnershipId)
}

/** Reading an action on the staff pages: those who manage its partnership, and its read-only officers (issue 10). */
export function assertCanViewAction(user: CurrentUser, action: PartnershipRef): void {
  assertCanViewPartnership(user, action.partnershipId)
}

/**
 * The tracker: staff and read-only officers. The partnerships whose actions they see (null: all, for an admin), and
 * those they only view, whose actions on exempt items are left out.
 */
export function trackerScope(user: CurrentUser): { partnershipIds: string[] | null; openOnlyIn: string[] } {
  if (!mayUseManagement(user)) throw forbidden('You do not have permission to see the action tracker')
  const partnershipIds = viewablePartnershipIds(user)
  return { partnershipIds, openOnlyIn: (partnershipIds ?? []).filter((id) => !canManagePartnership(user, id)) }
}

/** An owner may post to an action only if they are one of its people. */
export function assertIsOwner(personId: string, ownerPersonIds: (string | null)[]): void {
  if (!ownerPersonIds.includes(personId)) throw forbidden('You can only update your own actions')
}
