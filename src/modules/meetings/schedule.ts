import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { shortTime } from '../../shared/dates.ts'
import type { BodyWithPartnership } from '../structure/structure.service.ts'
import {
  actorOf,
  assertAgendaChangeable,
  assertNotCancelled,
  getMeeting,
  lockedManagedMeeting,
  type MeetingsDeps,
} from './meeting-loading.ts'
import { assertCanManageBody } from './meetings.policy.ts'
import type { MeetingChanges } from './meetings.repository.ts'
import type { CancelMeetingInput, EditMeetingInput, ScheduleMeetingInput } from './meetings.schemas.ts'
import type { MeetingRow, MeetingWithBody } from './meetings.types.ts'

/** Scheduling a meeting, changing its details (moving it) and cancelling it; the staff reads behind those forms. */

export async function getBodyToSchedule(deps: MeetingsDeps, user: CurrentUser, bodyId: string): Promise<BodyWithPartnership> {
  const body = await deps.structure.getBody(bodyId)
  assertCanManageBody(user, body)
  return body
}

export async function getManagedMeeting(deps: MeetingsDeps, user: CurrentUser, id: string): Promise<MeetingWithBody> {
  const meeting = await getMeeting(deps, id)
  assertCanManageBody(user, meeting.body)
  return meeting
}

/** The details the schedule and edit forms both set, as columns (an optional field left empty is null). */
function meetingDetails(input: ScheduleMeetingInput | EditMeetingInput) {
  return {
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime ?? null,
    venue: input.venue ?? null,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    kind: input.kind,
  }
}

export async function scheduleMeeting(deps: MeetingsDeps, user: CurrentUser, bodyId: string, input: ScheduleMeetingInput): Promise<MeetingRow> {
  return deps.db.transaction(async (tx) => {
    const body = await deps.structure.getBody(bodyId, tx)
    assertCanManageBody(user, body)
    const meeting = await deps.repo.insertMeeting(
      {
        bodyId,
        ...meetingDetails(input),
        firstItemNumber: body.numberingScheme === 'per_meeting' ? null : (input.firstItemNumber ?? null),
      },
      tx,
    )
    await recordAudit(tx, actorOf(user), {
      partnershipId: body.partnershipId,
      event: 'meeting.scheduled',
      subjectType: 'meeting',
      subjectId: meeting.id,
      data: { bodyId, date: meeting.date, startTime: meeting.startTime },
    })
    return meeting
  })
}

/** The columns an edit changes, and whether it moves the meeting (its date or start time). */
function meetingChanges(meeting: MeetingWithBody, input: EditMeetingInput): { changes: MeetingChanges; moved: boolean } {
  const moved = input.date !== meeting.date || input.startTime !== shortTime(meeting.startTime)
  const changes: MeetingChanges = meetingDetails(input)
  // The first number is frozen when the agenda is published: changing it would renumber a public agenda.
  if (!meeting.agendaPublishedAt && meeting.body.numberingScheme !== 'per_meeting') {
    changes.firstItemNumber = input.firstItemNumber ?? null
  }
  if (moved) {
    if (!meeting.movedFromDate) {
      changes.movedFromDate = meeting.date
      changes.movedFromTime = meeting.startTime
    } else if (meeting.movedFromDate === input.date && shortTime(meeting.movedFromTime ?? '') === input.startTime) {
      // Moved back to where it was first set: no longer moved.
      changes.movedFromDate = null
      changes.movedFromTime = null
    }
  }
  // Calendar subscribers see a new SEQUENCE whenever the time or place changes.
  const calendarChanged =
    moved ||
    (input.endTime ?? null) !== (meeting.endTime ? shortTime(meeting.endTime) : null) ||
    (input.venue ?? null) !== meeting.venue
  if (calendarChanged) changes.icalSequence = meeting.icalSequence + 1
  return { changes, moved }
}

/** Change a meeting's details. Moving its date or time keeps the first original date and time. */
export async function updateMeeting(deps: MeetingsDeps, user: CurrentUser, id: string, input: EditMeetingInput): Promise<MeetingRow> {
  return deps.db.transaction(async (tx) => {
    const meeting = await lockedManagedMeeting(deps, user, id, tx)
    assertAgendaChangeable(meeting, 'edit')
    if (meeting.version !== input.version) throw conflict()
    const { changes, moved } = meetingChanges(meeting, input)
    const row = await deps.repo.updateMeeting(id, input.version, changes, tx)
    if (!row) throw conflict()
    if (moved) await deps.events.publish(tx, { type: 'meeting_moved', bodyId: meeting.bodyId, meetingId: id })
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: moved ? 'meeting.moved' : 'meeting.updated',
      subjectType: 'meeting',
      subjectId: id,
      data: moved ? { fromDate: meeting.date, fromTime: meeting.startTime, toDate: row.date, toTime: row.startTime } : {},
    })
    return row
  })
}

export async function cancelMeeting(deps: MeetingsDeps, user: CurrentUser, id: string, input: CancelMeetingInput): Promise<MeetingRow> {
  return deps.db.transaction(async (tx) => {
    const meeting = await lockedManagedMeeting(deps, user, id, tx)
    assertNotCancelled(meeting, 'cancelled again')
    if (meeting.status === 'held' || meeting.status === 'minutes_draft' || meeting.status === 'minutes_approved') {
      throw invalidState('This meeting has been held, so it cannot be cancelled.')
    }
    const row = await deps.repo.updateMeeting(
      id,
      input.version,
      {
        status: 'cancelled',
        cancelledAt: deps.now(),
        cancellationReason: input.reason ?? null,
        icalSequence: meeting.icalSequence + 1,
      },
      tx,
    )
    if (!row) throw conflict()
    await deps.events.publish(tx, { type: 'meeting_cancelled', bodyId: meeting.bodyId, meetingId: id })
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'meeting.cancelled',
      subjectType: 'meeting',
      subjectId: id,
      data: { reason: input.reason ?? null },
    })
    return row
  })
}
