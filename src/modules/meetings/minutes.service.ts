import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { NotePeopleUse, StructureService } from '../structure/structure.service.ts'
import { approvalForm, approveMinutes } from './approval.ts'
import { attendanceForm, recordAttendance } from './attendance.ts'
import type { MeetingEvents } from './meetings.events.ts'
import type { MeetingsService } from './meetings.service.ts'
import type { MinutesDeps } from './minutes-loading.ts'
import {
  addDecision,
  deleteDecision,
  itemMinutesForm,
  minutesOverview,
  publishDraftMinutes,
  saveItemMinutes,
  updateDecision,
} from './minutes-writing.ts'
import type { MinutesRepository } from './minutes.repository.ts'
import type { ApproveMinutesInput, AttendanceInput, PublishDraftMinutesInput, SaveMinutesInput } from './minutes.schemas.ts'
import { findPublishedMeeting } from './published-meeting.ts'

export type {
  ApprovalHistory,
  AttendanceView,
  CorrectionGroup,
  PersonOption,
  PublicPerson,
  PublishedAttendee,
  PublishedItem,
  PublishedMeeting,
  PublishedPaper,
  SeatHolder,
} from './minutes.types.ts'
export {
  ATTENDANCE_CONFLICT,
  DECISION_CONFLICT,
  MINUTES_CONFLICT,
  NO_MINUTES_TO_PUBLISH,
  PUBLISH_DRAFT_CONFLICT,
  seatHolders,
} from './minutes-loading.ts'

/**
 * The minutes use cases, assembled: attendance (attendance.ts), writing the minutes and decisions
 * (minutes-writing.ts), approving them at a later meeting (approval.ts) and the public meeting
 * (published-meeting.ts). Publishing the draft and approving it are announced on `events`.
 */
export function minutesService(
  db: Db,
  repo: MinutesRepository,
  deps: { structure: StructureService; meetings: MeetingsService; events: MeetingEvents; notePeopleUse: NotePeopleUse },
) {
  const d: MinutesDeps = { db, repo, ...deps }
  return {
    // ---------- staff: attendance ----------
    attendanceForm: (meetingId: string, user: CurrentUser) => attendanceForm(d, meetingId, user),
    recordAttendance: (meetingId: string, user: CurrentUser, input: AttendanceInput) => recordAttendance(d, meetingId, user, input),

    // ---------- staff: minutes and decisions ----------
    minutesOverview: (meetingId: string, user: CurrentUser) => minutesOverview(d, meetingId, user),
    publishDraftMinutes: (meetingId: string, user: CurrentUser, input: PublishDraftMinutesInput) =>
      publishDraftMinutes(d, meetingId, user, input),
    itemMinutesForm: (itemId: string, user: CurrentUser) => itemMinutesForm(d, itemId, user),
    saveItemMinutes: (itemId: string, user: CurrentUser, input: Pick<SaveMinutesInput, 'version' | 'minutes'>) =>
      saveItemMinutes(d, itemId, user, input),
    addDecision: (itemId: string, user: CurrentUser, text: string) => addDecision(d, itemId, user, text),
    updateDecision: (itemId: string, user: CurrentUser, input: { decisionId: string; version: number; text: string }) =>
      updateDecision(d, itemId, user, input),
    deleteDecision: (itemId: string, user: CurrentUser, input: { decisionId: string; version: number }) =>
      deleteDecision(d, itemId, user, input),

    // ---------- staff: approving minutes at a later meeting ----------
    approvalForm: (laterMeetingId: string, user: CurrentUser) => approvalForm(d, laterMeetingId, user),
    approveMinutes: (laterMeetingId: string, user: CurrentUser, input: ApproveMinutesInput) => approveMinutes(d, laterMeetingId, user, input),

    // ---------- public ----------
    findPublishedMeeting: (id: string) => findPublishedMeeting(d, id),
  }
}
export type MinutesService = ReturnType<typeof minutesService>
