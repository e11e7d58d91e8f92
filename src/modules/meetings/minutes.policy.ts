import { assertCanManagePartnership, canManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { MeetingWithBody } from './meetings.service.ts'

/**
 * Attendance, minutes, decisions and approvals: an admin, or the secretariat of the partnership the
 * meeting's body belongs to. Anyone else signed in gets 403 (routes call requireUser first for 401).
 */
export function assertCanRecordMinutes(user: CurrentUser, meeting: MeetingWithBody): void {
  assertCanManagePartnership(user, meeting.body.partnership.id)
}

export function canRecordMinutes(user: CurrentUser | null, meeting: MeetingWithBody): boolean {
  return canManagePartnership(user, meeting.body.partnership.id)
}
