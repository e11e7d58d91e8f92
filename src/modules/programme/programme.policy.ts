import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/**
 * Who may run the programme: an admin, or the partnership's secretariat (routes call requireUser first, so no user
 * is a 401; another partnership's secretariat is a 403). Owners updating their workstreams through a personal
 * link is a later slice (issue 12).
 */
export function assertCanManageProgramme(user: CurrentUser, partnershipId: string): void {
  assertCanManagePartnership(user, partnershipId)
}
