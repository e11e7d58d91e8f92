import type { Db } from '../../platform/db/client.ts'
import { invalidState, notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { noticeDeadline, workingCalendar, type WorkingCalendar } from '../../shared/clear-days.ts'
import { londonToday } from '../../shared/dates.ts'
import type { NumberingService } from '../structure/numbering.service.ts'
import type { BodyWithPartnership, StructureService } from '../structure/structure.service.ts'
import { agendaLockReason, isStatutory } from './agenda-rules.ts'
import type { MeetingEvents } from './meetings.events.ts'
import { assertCanManageBody } from './meetings.policy.ts'
import type { MeetingsRepository } from './meetings.repository.ts'
import type { AgendaChange, AgendaItemRow, MeetingRow, MeetingWithBody, NoticeStatus } from './meetings.types.ts'

/** What the meetings use cases work with, given once by meetingsService. */
export type MeetingsDeps = {
  db: Db
  repo: MeetingsRepository
  structure: StructureService
  /** The body's continuing item counter (structure's record), changed in the meetings transaction. */
  numbering: NumberingService
  /** Where agenda publication, moves and cancellations are announced, inside their transaction. */
  events: MeetingEvents
  now: () => Date
}

export const actorOf = (user: CurrentUser) => ({ userId: user.id })

/** A meeting with its body and partnership; throws NOT_FOUND. */
export async function getMeeting(deps: MeetingsDeps, id: string, tx?: Db): Promise<MeetingWithBody> {
  const meeting = await deps.repo.findMeetingById(id, tx)
  if (!meeting) throw notFound('Meeting')
  const body = await deps.structure.getBody(meeting.bodyId, tx)
  return { ...meeting, body }
}

export function assertNotCancelled(meeting: MeetingRow, what = 'changed'): void {
  if (meeting.status === 'cancelled') {
    throw invalidState(`This meeting has been cancelled, so it cannot be ${what}.`)
  }
}

export function assertAgendaChangeable(meeting: MeetingRow, change: AgendaChange): void {
  const reason = agendaLockReason(meeting, change)
  if (reason) throw invalidState(reason)
}

/** Inside a transaction: the meeting row locked (as the minutes lock it), with its body. */
export async function lockedMeeting(deps: MeetingsDeps, id: string, tx: Db): Promise<MeetingWithBody> {
  const row = await deps.repo.lockMeetingById(id, tx)
  if (!row) throw notFound('Meeting')
  return { ...row, body: await deps.structure.getBody(row.bodyId, tx) }
}

/** Inside a transaction: the meeting, locked, once the user is known to manage its body. */
export async function lockedManagedMeeting(deps: MeetingsDeps, user: CurrentUser, id: string, tx: Db): Promise<MeetingWithBody> {
  const meeting = await lockedMeeting(deps, id, tx)
  assertCanManageBody(user, meeting.body)
  return meeting
}

/** Inside a transaction: an item and its meeting, the meeting locked and the item read again under the lock. */
export async function lockedItem(deps: MeetingsDeps, itemId: string, tx: Db): Promise<{ item: AgendaItemRow; meeting: MeetingWithBody }> {
  const seen = await deps.repo.findItemById(itemId, tx)
  if (!seen) throw notFound('Agenda item')
  const meeting = await lockedMeeting(deps, seen.meetingId, tx)
  const item = await deps.repo.findItemById(itemId, tx)
  if (!item) throw notFound('Agenda item')
  return { item, meeting }
}

export async function loadItem(deps: MeetingsDeps, itemId: string, tx?: Db): Promise<{ item: AgendaItemRow; meeting: MeetingWithBody }> {
  const item = await deps.repo.findItemById(itemId, tx)
  if (!item) throw notFound('Agenda item')
  const meeting = await getMeeting(deps, item.meetingId, tx)
  return { item, meeting }
}

/** The meeting's partnership, read before a transaction (closure days are not read with tx). */
export async function partnershipBodyOfMeeting(deps: MeetingsDeps, meetingId: string): Promise<BodyWithPartnership> {
  return (await getMeeting(deps, meetingId)).body
}

export async function calendarFor(deps: MeetingsDeps, body: BodyWithPartnership): Promise<WorkingCalendar> {
  const closureDays = await deps.structure.findClosureDates(body.partnershipId)
  return workingCalendar({ region: body.region, closureDays })
}

export function noticeStatusOn(deps: MeetingsDeps, meeting: MeetingWithBody, cal: WorkingCalendar): NoticeStatus {
  const deadline = noticeDeadline(meeting.date, meeting.body.noticeClearDays, cal)
  const today = londonToday(deps.now())
  return {
    ...deadline,
    clearDays: meeting.body.noticeClearDays,
    today,
    late: today > deadline.latestCompliant,
    statutory: isStatutory(meeting.body.regime),
  }
}
