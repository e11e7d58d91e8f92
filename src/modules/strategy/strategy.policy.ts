import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/**
 * Who may keep a partnership's strategy: an admin, or that partnership's secretariat (routes call requireUser
 * first, so no user is a 401; another partnership's secretariat is a 403). The public reads approved versions only.
 */
export function assertCanManageStrategy(user: CurrentUser, partnershipId: string): void {
  assertCanManagePartnership(user, partnershipId)
}
