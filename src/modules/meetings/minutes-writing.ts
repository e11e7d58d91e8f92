import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { isAgendaPublic } from './agenda-rules.ts'
import { approvalHistory } from './approval.ts'
import {
  BEFORE_MINUTES,
  DECISION_CONFLICT,
  MINUTES_CONFLICT,
  NO_MINUTES_TO_PUBLISH,
  PUBLISH_DRAFT_CONFLICT,
  assertMinutesEditable,
  decisionOfItem,
  itemOfManagedMeeting,
  lockEditableMeeting,
  managedItem,
  managedMeeting,
  minutesLockReason,
  type MinutesDeps,
} from './minutes-loading.ts'
import type { PublishDraftMinutesInput, SaveMinutesInput } from './minutes.schemas.ts'
import { MINUTES_PUBLIC_STATUSES } from './public-rules.ts'
import { agendaFor } from './viewing.ts'

/** Writing the minutes: each item's minutes and decisions, and putting the draft on the public page. */

/**
 * The minutes page: for the partnership's secretariat, what to write and publish; for a read-only officer (issue 10),
 * the draft minutes and decisions to read, without exempt items' content and with nothing to change.
 */
export async function minutesOverview(deps: MinutesDeps, meetingId: string, user: CurrentUser) {
  const { meeting, canManage } = await deps.meetings.getViewableMeeting(user, meetingId)
  const items = agendaFor(canManage, await deps.meetings.findAgenda(meeting))
  const attendance = await deps.repo.findAttendanceOfMeeting(meeting.id)
  const lockReason = canManage ? await minutesLockReason(deps, meeting) : null
  return {
    meeting,
    canManage,
    items,
    attendance,
    approval: await approvalHistory(deps, meeting),
    lockReason,
    /** Draft (or approved) minutes are on the public page. */
    draftPublished: MINUTES_PUBLIC_STATUSES.includes(meeting.status),
    /** The "Publish draft minutes" button: minutes may change and are not yet public. */
    canPublishDraft: canManage && !lockReason && BEFORE_MINUTES.includes(meeting.status),
    agendaPublished: isAgendaPublic(meeting),
  }
}

/**
 * Put the draft minutes on the public page: held (or earlier) -> minutes_draft. Needs the minutes of
 * at least one item; until then saving minutes and decisions stays private to staff. Draft minutes
 * must be published before a later meeting can approve them.
 */
export async function publishDraftMinutes(deps: MinutesDeps, meetingId: string, user: CurrentUser, input: PublishDraftMinutesInput): Promise<void> {
  const meeting = await managedMeeting(deps, meetingId, user)
  await assertMinutesEditable(deps, meeting)
  await deps.db.transaction(async (tx) => {
    const current = await lockEditableMeeting(deps, meeting.id, tx)
    if (!BEFORE_MINUTES.includes(current.status)) throw invalidState('The draft minutes of this meeting have already been published.')
    if (current.version !== input.version) throw conflict(PUBLISH_DRAFT_CONFLICT)
    const written = await deps.repo.countItemsWithMinutes(meeting.id, tx)
    if (written === 0) throw validation({ publishDraft: NO_MINUTES_TO_PUBLISH })
    if (!(await deps.repo.touchMeeting(meeting.id, input.version, { status: 'minutes_draft', minutesPublishedAt: new Date() }, tx))) {
      throw conflict(PUBLISH_DRAFT_CONFLICT)
    }
    await deps.events.publish(tx, { type: 'draft_minutes_published', bodyId: current.bodyId, meetingId: meeting.id })
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'minutes.draft_published',
      subjectType: 'meeting',
      subjectId: meeting.id,
      data: { statusFrom: current.status, statusTo: 'minutes_draft', itemsWithMinutes: written },
    })
  })
}

export async function itemMinutesForm(deps: MinutesDeps, itemId: string, user: CurrentUser) {
  const { meeting, item } = await itemOfManagedMeeting(deps, itemId, user)
  return { meeting, item, lockReason: await minutesLockReason(deps, meeting) }
}

/** Saves an item's minutes if nobody else saved since `version`. The public sees them only once the draft is published. */
export async function saveItemMinutes(
  deps: MinutesDeps,
  itemId: string,
  user: CurrentUser,
  input: Pick<SaveMinutesInput, 'version' | 'minutes'>,
): Promise<void> {
  const { item, meeting } = await managedItem(deps, itemId, user)
  await assertMinutesEditable(deps, meeting)
  const minutes = input.minutes.trim() === '' ? null : input.minutes
  await deps.db.transaction(async (tx) => {
    await lockEditableMeeting(deps, meeting.id, tx)
    if (!(await deps.repo.updateItemMinutes(item.id, input.version, minutes, tx))) throw conflict(MINUTES_CONFLICT)
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'item.minutes_saved',
      subjectType: 'agenda_item',
      subjectId: item.id,
      data: { meetingId: meeting.id, length: minutes?.length ?? 0 },
    })
  })
}

export async function addDecision(deps: MinutesDeps, itemId: string, user: CurrentUser, text: string): Promise<void> {
  const { item, meeting } = await managedItem(deps, itemId, user)
  await assertMinutesEditable(deps, meeting)
  await deps.db.transaction(async (tx) => {
    await lockEditableMeeting(deps, meeting.id, tx)
    const decision = await deps.repo.insertDecision(item.id, text, tx)
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'decision.added',
      subjectType: 'decision',
      subjectId: decision.id,
      data: { itemId: item.id, meetingId: meeting.id },
    })
  })
}

export async function updateDecision(
  deps: MinutesDeps,
  itemId: string,
  user: CurrentUser,
  input: { decisionId: string; version: number; text: string },
): Promise<void> {
  const { item, meeting } = await managedItem(deps, itemId, user)
  await assertMinutesEditable(deps, meeting)
  await deps.db.transaction(async (tx) => {
    await lockEditableMeeting(deps, meeting.id, tx)
    const decision = await decisionOfItem(deps, item.id, input.decisionId, tx)
    if (!(await deps.repo.updateDecision(decision.id, input.version, input.text, tx))) throw conflict(DECISION_CONFLICT)
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'decision.changed',
      subjectType: 'decision',
      subjectId: decision.id,
      data: { itemId: item.id, meetingId: meeting.id },
    })
  })
}

export async function deleteDecision(deps: MinutesDeps, itemId: string, user: CurrentUser, input: { decisionId: string; version: number }): Promise<void> {
  const { item, meeting } = await managedItem(deps, itemId, user)
  await assertMinutesEditable(deps, meeting)
  await deps.db.transaction(async (tx) => {
    await lockEditableMeeting(deps, meeting.id, tx)
    const decision = await decisionOfItem(deps, item.id, input.decisionId, tx)
    if (!(await deps.repo.deleteDecision(decision.id, input.version, tx))) throw conflict(DECISION_CONFLICT)
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'decision.deleted',
      subjectType: 'decision',
      subjectId: decision.id,
      data: { itemId: item.id, meetingId: meeting.id, text: decision.text },
    })
  })
}
