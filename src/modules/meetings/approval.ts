import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { formatLongDate, londonToday } from '../../shared/dates.ts'
import { meetingPaths } from './meetings.paths.ts'
import type { MeetingRow } from './meetings.types.ts'
import { managedMeeting, type MinutesDeps } from './minutes-loading.ts'
import type { ApproveMinutesInput } from './minutes.schemas.ts'
import type { ApprovalHistory, CorrectionGroup } from './minutes.types.ts'

/** Approving an earlier meeting's minutes at a later meeting, corrections to them, and the history of both. */

/** Why no minutes can be approved at this (later) meeting now, or null. */
export function approvalLockReason(later: MeetingRow): string | null {
  if (later.status === 'cancelled') return 'This meeting was cancelled, so no minutes can be approved at it.'
  if (later.date > londonToday()) {
    return `This meeting has not happened yet. Minutes can be approved at it from ${formatLongDate(later.date)}.`
  }
  return null
}

/** When and where the minutes were approved, and the corrections agreed at later meetings, by meeting. */
export async function approvalHistory(deps: MinutesDeps, meeting: MeetingRow): Promise<ApprovalHistory | null> {
  const corrections = await deps.repo.findCorrectionsOfMeeting(meeting.id)
  const approved = meeting.status === 'minutes_approved'
  if (!approved && corrections.length === 0) return null
  const laterIds = [...new Set([meeting.minutesApprovedAtMeetingId, ...corrections.map((c) => c.agreedAt.id)])].filter(
    (id): id is string => !!id,
  )
  const numbers = new Map<string, string>()
  const dates = new Map<string, string>()
  for (const id of laterIds) {
    const later = await deps.meetings.getMeeting(id)
    dates.set(id, later.date)
    if (corrections.some((c) => c.agreedAt.id === id && c.itemId)) {
      for (const entry of await deps.meetings.findAgenda(later)) numbers.set(entry.id, entry.number)
    }
  }
  const at = (id: string) => ({ id, date: dates.get(id)!, href: meetingPaths.public.meeting(id) })
  const groups: CorrectionGroup[] = []
  const approvalId = meeting.minutesApprovedAtMeetingId
  if (approved && approvalId) groups.push({ agreedAt: at(approvalId), isApproval: true, corrections: [] })
  for (const c of corrections) {
    let group = groups.find((g) => g.agreedAt.id === c.agreedAt.id)
    if (!group) {
      group = { agreedAt: at(c.agreedAt.id), isApproval: false, corrections: [] }
      groups.push(group)
    }
    group.corrections.push({ text: c.text, itemNumber: c.itemId ? (numbers.get(c.itemId) ?? null) : null })
  }
  return {
    approved,
    approvedAt: meeting.minutesApprovedAt,
    approvedAtMeeting: approvalId ? at(approvalId) : null,
    groups,
  }
}

export async function approvalForm(deps: MinutesDeps, laterMeetingId: string, user: CurrentUser) {
  const meeting = await managedMeeting(deps, laterMeetingId, user)
  const candidates = await deps.repo.findEarlierMeetingsOfBody(meeting.bodyId, meeting.date, ['minutes_draft', 'minutes_approved'])
  const items = await deps.meetings.findAgenda(meeting)
  return { meeting, candidates, items, lockReason: approvalLockReason(meeting) }
}

/**
 * At a later meeting of the same body, approve an earlier meeting's draft minutes as a correct record
 * (with any corrections), or record a further correction to minutes already approved.
 */
export async function approveMinutes(
  deps: MinutesDeps,
  laterMeetingId: string,
  user: CurrentUser,
  input: ApproveMinutesInput,
): Promise<{ earlierMeetingId: string; earlierDate: string; approved: boolean; corrections: number }> {
  const later = await managedMeeting(deps, laterMeetingId, user)
  const reason = approvalLockReason(later)
  if (reason) throw invalidState(reason)
  return deps.db.transaction(async (tx) => {
    const earlier = await deps.repo.lockMeeting(input.earlierMeetingId, tx)
    if (!earlier || earlier.bodyId !== later.bodyId) {
      throw validation({ earlierMeetingId: `Select an earlier meeting of ${later.body.name}` })
    }
    if (earlier.date >= later.date) {
      throw validation({
        earlierMeetingId: `Minutes can only be approved at a later meeting: select a meeting held before ${formatLongDate(later.date)}`,
      })
    }
    if (earlier.status !== 'minutes_draft' && earlier.status !== 'minutes_approved') {
      throw validation({
        earlierMeetingId: `The meeting on ${formatLongDate(earlier.date)} has no draft minutes to approve`,
      })
    }
    if (input.itemId) {
      const item = await deps.repo.findItemById(input.itemId, tx)
      if (!item || item.meetingId !== later.id) throw validation({ itemId: 'Select an item of this meeting' })
    }
    const alreadyApproved = earlier.status === 'minutes_approved'
    if (alreadyApproved && input.corrections.length === 0) {
      throw validation({
        corrections: `The minutes of ${formatLongDate(earlier.date)} are already approved: enter the correction agreed at this meeting`,
      })
    }
    const now = new Date()
    if (!alreadyApproved) {
      const ok = await deps.repo.touchMeeting(
        earlier.id,
        earlier.version,
        { status: 'minutes_approved', minutesApprovedAt: now, minutesApprovedAtMeetingId: later.id },
        tx,
      )
      if (!ok) throw conflict()
      await deps.events.publish(tx, { type: 'minutes_approved', bodyId: earlier.bodyId, meetingId: earlier.id })
    }
    for (const [i, text] of input.corrections.entries()) {
      await deps.repo.insertCorrection(
        {
          meetingId: earlier.id,
          agreedAtMeetingId: later.id,
          itemId: input.itemId ?? null,
          text,
          recordedByUserId: user.id,
          // Same transaction, same now(): keep the order they were typed in.
          createdAt: new Date(now.getTime() + i),
        },
        tx,
      )
    }
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: later.body.partnershipId,
      event: alreadyApproved ? 'minutes.corrected' : 'minutes.approved',
      subjectType: 'meeting',
      subjectId: earlier.id,
      data: { atMeetingId: later.id, itemId: input.itemId ?? null, corrections: input.corrections.length },
    })
    return { earlierMeetingId: earlier.id, earlierDate: earlier.date, approved: !alreadyApproved, corrections: input.corrections.length }
  })
}
