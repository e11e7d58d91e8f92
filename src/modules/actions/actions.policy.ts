import { assertCanManagePartnership, canManagePartnership, isStaff } from '../../platform/http/auth.ts'
import { forbidden } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/**
 * Who may do what with actions. Staff screens: an admin, or the secretariat of the partnership the
 * action's body belongs to (routes call requireUser first, so no user is a 401). An owner without an
 * account acts on their own actions only, through the owner link.
 */
type PartnershipRef = { partnershipId: string }

export function assertCanManageAction(user: CurrentUser, action: PartnershipRef): void {
  assertCanManagePartnership(user, action.partnershipId)
}

export function canManageAction(user: CurrentUser | null, action: PartnershipRef): boolean {
  return canManagePartnership(user, action.partnershipId)
}

/** The tracker: staff only. Returns the partnerships whose actions they see (null: all, for an admin). */
export function trackerScope(user: CurrentUser): string[] | null {
  if (!isStaff(user)) throw forbidden('You do not have permission to see the action tracker')
  return user.isAdmin ? null : user.secretariatOf
}

/** An owner may post to an action only if they are one of its people. */
export function assertIsOwner(personId: string, ownerPersonIds: (string | null)[]): void {
  if (!ownerPersonIds.includes(personId)) throw forbidden('You can only update your own actions')
}
