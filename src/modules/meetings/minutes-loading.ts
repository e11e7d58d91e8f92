import type { Db } from '../../platform/db/client.ts'
import { conflict, invalidState, notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { formatLongDate, londonDate, londonToday } from '../../shared/dates.ts'
import type { MembershipView, NotePeopleUse, StructureService } from '../structure/structure.service.ts'
import type { MeetingEvents } from './meetings.events.ts'
import type { MeetingsService } from './meetings.service.ts'
import type { MeetingStatus } from './meetings.tables.ts'
import type { MeetingRow, MeetingWithBody } from './meetings.types.ts'
import { assertCanRecordMinutes } from './minutes.policy.ts'
import type { MinutesDecisionRow, MinutesRepository } from './minutes.repository.ts'
import type { SeatHolder } from './minutes.types.ts'

/** What the minutes use cases work with, given once by minutesService. */
export type MinutesDeps = {
  db: Db
  repo: MinutesRepository
  structure: StructureService
  meetings: MeetingsService
  /** Where publishing the draft minutes and approving them are announced, inside their transaction. */
  events: MeetingEvents
  /** Structure's port: the meeting's partnership uses the people its attendance names (issue 10). */
  notePeopleUse: NotePeopleUse
}

export const MINUTES_CONFLICT = 'Someone else changed these minutes since you opened them'
export const DECISION_CONFLICT = 'Someone else changed this decision since you opened it'
export const PUBLISH_DRAFT_CONFLICT =
  'Someone else changed this meeting since you opened the page. Check the minutes below and publish again'
export const NO_MINUTES_TO_PUBLISH = 'Write the minutes of at least one item before publishing the draft minutes'
export const ATTENDANCE_CONFLICT =
  'Someone else changed this meeting or its attendance since you opened the form. Your choices are kept below: check them and save again'

export const BEFORE_MINUTES: MeetingStatus[] = ['scheduled', 'agenda_published', 'held']
export const ATTENDANCE_VISIBLE: MeetingStatus[] = ['held', 'minutes_draft', 'minutes_approved']

export { personName } from '../../shared/record-text.ts'

/** Seat holders who can attend as members: everyone current on the day except the secretariat, once each. */
export function seatHolders(memberships: MembershipView[]): SeatHolder[] {
  const seen = new Set<string>()
  const out: SeatHolder[] = []
  for (const m of memberships) {
    if (m.role === 'secretariat' || seen.has(m.person.id)) continue
    seen.add(m.person.id)
    out.push({ person: m.person, role: m.role, organisation: m.organisation })
  }
  return out
}

export async function managedMeeting(deps: MinutesDeps, id: string, user: CurrentUser): Promise<MeetingWithBody> {
  const meeting = await deps.meetings.getMeeting(id)
  assertCanRecordMinutes(user, meeting)
  return meeting
}

export async function managedItem(deps: MinutesDeps, itemId: string, user: CurrentUser) {
  const item = await deps.repo.findItemById(itemId)
  if (!item) throw notFound('Agenda item')
  const meeting = await managedMeeting(deps, item.meetingId, user)
  return { item, meeting }
}

/** "These minutes were approved as a correct record on …": the day of the meeting that approved them. */
async function approvedMessage(deps: MinutesDeps, meeting: MeetingRow, tx?: Db): Promise<string> {
  let day: string | null = null
  if (meeting.minutesApprovedAtMeetingId) {
    day = (await deps.meetings.getMeeting(meeting.minutesApprovedAtMeetingId, tx)).date
  } else if (meeting.minutesApprovedAt) {
    day = londonDate(meeting.minutesApprovedAt)
  }
  return `These minutes were approved as a correct record${day ? ` on ${formatLongDate(day)}` : ''}. They can only be corrected at a later meeting.`
}

/** Why minutes (and attendance) of this meeting cannot be changed now, or null. */
export async function minutesLockReason(deps: MinutesDeps, meeting: MeetingRow, tx?: Db): Promise<string | null> {
  if (meeting.status === 'cancelled') return 'This meeting was cancelled, so it has no attendance or minutes.'
  if (meeting.status === 'minutes_approved') return approvedMessage(deps, meeting, tx)
  if (meeting.date > londonToday()) {
    return `This meeting has not happened yet. Attendance and minutes can be recorded from ${formatLongDate(meeting.date)}.`
  }
  return null
}

export async function assertMinutesEditable(deps: MinutesDeps, meeting: MeetingRow, tx?: Db): Promise<void> {
  const reason = await minutesLockReason(deps, meeting, tx)
  if (reason) throw invalidState(reason)
}

/** Inside a transaction: lock the meeting row and check its minutes may still change. */
export async function lockEditableMeeting(deps: MinutesDeps, meetingId: string, tx: Db): Promise<MeetingRow> {
  const row = await deps.repo.lockMeeting(meetingId, tx)
  if (!row) throw notFound('Meeting')
  await assertMinutesEditable(deps, row, tx)
  return row
}

export async function itemOfManagedMeeting(deps: MinutesDeps, itemId: string, user: CurrentUser) {
  const { item, meeting } = await managedItem(deps, itemId, user)
  const agenda = await deps.meetings.findAgenda(meeting)
  const entry = agenda.find((e) => e.id === item.id)
  if (!entry) throw notFound('Agenda item')
  return { meeting, item: entry }
}

export async function decisionOfItem(deps: MinutesDeps, itemId: string, decisionId: string, tx: Db): Promise<MinutesDecisionRow> {
  const decision = await deps.repo.findDecisionById(decisionId, tx)
  if (!decision || decision.itemId !== itemId) {
    throw conflict('This decision has been deleted since you opened the page. Nothing has been changed.')
  }
  return decision
}
