import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { AppError, conflict, forbidden, notFound, validation } from '../../platform/http/errors.ts'
import { formatLongDate } from '../../shared/dates.ts'
import type { MeetingWithBody } from '../meetings/meetings.service.ts'
import { auditActor, inTx, isUser, type ActionActor, type ActionsContext } from './actions-context.ts'
import type { ActionChanges, ActionRow } from './actions.repository.ts'
import type { ActionStatus } from './actions.tables.ts'
import { canTransition, STATUS_LABELS } from './action-status.ts'
import { assertCanManageAction, assertIsOwner } from './actions.policy.ts'
import { getAction } from './action-records.ts'

/** Updates and status changes: the one place the state machine is applied. */

export type AddUpdateInput = {
  text: string
  /** When given, a status change is refused if someone else changed the action since (an update alone is not). */
  version?: number | undefined
  reportedAtMeetingId?: string | undefined
  statusTo?: ActionStatus | undefined
  clearedAtMeetingId?: string | undefined
  droppedReason?: string | undefined
  /** The owner the update came from, when the secretariat records it for them. */
  authorPersonId?: string | undefined
}

export type ChangeStatusInput = {
  statusTo: ActionStatus
  clearedAtMeetingId?: string | undefined
  droppedReason?: string | undefined
  /** Optional words for the history; a plain sentence is written when there are none. */
  note?: string | undefined
  /** When given, the change is refused if someone else changed the action since. */
  version?: number | undefined
}

/** What the history says when a status changes without words of its own. */
const STATUS_NOTES: Record<ActionStatus, (reason: string) => string> = {
  open: () => 'Reopened',
  in_progress: () => 'Marked in progress',
  completed: () => 'Marked completed',
  cleared: () => 'Cleared',
  dropped: (reason) => `Dropped: ${reason}`,
}

async function meetingOfBody(ctx: ActionsContext, meetingId: string, bodyId: string, field: string, tx: Db): Promise<MeetingWithBody> {
  let meeting: MeetingWithBody
  try {
    meeting = await ctx.deps.meetings.getMeeting(meetingId, tx)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw validation({ [field]: 'Select a meeting from the list' })
    throw e
  }
  if (meeting.bodyId !== bodyId) throw validation({ [field]: 'Select a meeting of the body that owns the action' })
  return meeting
}

/** The column changes a status change makes, after checking the state machine and its rules. */
async function transition(
  ctx: ActionsContext,
  actor: ActionActor,
  action: ActionRow,
  to: ActionStatus,
  input: { clearedAtMeetingId?: string | undefined; droppedReason?: string | undefined },
  tx: Db,
): Promise<{ changes: ActionChanges; clearedAt?: MeetingWithBody }> {
  if (!isUser(actor) && to !== 'in_progress' && to !== 'completed') {
    throw forbidden('Owners can mark their actions in progress or completed; the secretariat records anything else')
  }
  if (!canTransition(action.status, to)) {
    const from = STATUS_LABELS[action.status].toLowerCase()
    const message =
      action.status === 'cleared' || action.status === 'dropped'
        ? `This action has been ${from}, so its status cannot change`
        : `An action that is ${from} cannot be marked ${STATUS_LABELS[to].toLowerCase()}`
    throw validation({ statusTo: message })
  }
  const changes: ActionChanges = { status: to }
  if (action.status === 'completed') changes.completedOn = null
  if (to === 'completed') changes.completedOn = ctx.today()
  if (to === 'cleared') {
    if (!input.clearedAtMeetingId) throw validation({ clearedAtMeetingId: 'Select the meeting that agreed to clear the action' })
    const meeting = await meetingOfBody(ctx, input.clearedAtMeetingId, action.bodyId, 'clearedAtMeetingId', tx)
    if (meeting.date < action.raisedOn) {
      throw validation({ clearedAtMeetingId: `Select a meeting held on or after ${formatLongDate(action.raisedOn)}, when the action was raised` })
    }
    changes.clearedAtMeetingId = meeting.id
    changes.clearedAt = ctx.now()
    if (action.status === 'completed') changes.completedOn = action.completedOn
    return { changes, clearedAt: meeting }
  }
  if (to === 'dropped') {
    if (!input.droppedReason?.trim()) throw validation({ droppedReason: 'Enter why the action is being dropped' })
    changes.droppedReason = input.droppedReason.trim()
    if (action.status === 'completed') changes.completedOn = action.completedOn
  }
  return { changes }
}

/** Posts an update (and any status change) inside `tx`. */
async function applyUpdate(ctx: ActionsContext, actor: ActionActor, actionId: string, input: AddUpdateInput, tx: Db): Promise<ActionRow> {
  const { repo } = ctx
  const action = await repo.lockAction(actionId, tx)
  if (!action) throw notFound('Action')
  const full = await getAction(ctx, actionId, tx)
  if (isUser(actor)) assertCanManageAction(actor, full)
  else
    assertIsOwner(
      actor.personId,
      full.owners.map((o) => o.personId),
    )
  const moving = input.statusTo !== undefined && input.statusTo !== action.status
  // Only a status change depends on the state the user saw; an update is a row of its own.
  if (moving && input.version !== undefined && input.version !== action.version) throw conflict()
  if (input.authorPersonId && isUser(actor) && !full.owners.some((o) => o.personId === input.authorPersonId)) {
    throw validation({ authorPersonId: 'Select one of the action’s owners' })
  }
  const { changes } = moving ? await transition(ctx, actor, action, input.statusTo!, input, tx) : { changes: {} }
  if (input.reportedAtMeetingId) await meetingOfBody(ctx, input.reportedAtMeetingId, action.bodyId, 'reportedAtMeetingId', tx)
  const update = await repo.insertUpdate(
    {
      actionId,
      text: input.text,
      statusTo: moving ? input.statusTo! : null,
      authorUserId: isUser(actor) ? actor.id : null,
      authorPersonId: isUser(actor) ? (input.authorPersonId ?? null) : actor.personId,
      reportedAtMeetingId: input.reportedAtMeetingId ?? null,
    },
    tx,
  )
  // Only a status change touches the action itself (and its version): an update is a row of its own.
  const row = moving ? await repo.updateAction(actionId, action.version, changes, tx) : action
  if (!row) throw conflict()
  await recordAudit(tx, auditActor(actor), {
    partnershipId: full.partnershipId,
    event: moving ? 'action.status_changed' : 'action.updated',
    subjectType: 'action',
    subjectId: actionId,
    data: {
      updateId: update.id,
      ...(moving ? { statusFrom: action.status, statusTo: input.statusTo } : {}),
      ...(changes.clearedAtMeetingId ? { clearedAtMeetingId: changes.clearedAtMeetingId } : {}),
      ...(input.reportedAtMeetingId ? { reportedAtMeetingId: input.reportedAtMeetingId } : {}),
      ...(!isUser(actor) ? { personId: actor.personId } : {}),
    },
  })
  return row
}

/**
 * Post a dated update, optionally moving the status in the same step (the state machine applies).
 * Pass `tx` to make it part of a larger change.
 */
export async function addUpdate(ctx: ActionsContext, actor: ActionActor, actionId: string, input: AddUpdateInput, tx?: Db): Promise<ActionRow> {
  return inTx(ctx, tx, (t) => applyUpdate(ctx, actor, actionId, input, t))
}

/** Move an action to a new status; the history gets an update saying so. */
export async function changeStatus(ctx: ActionsContext, actor: ActionActor, id: string, input: ChangeStatusInput, tx?: Db): Promise<ActionRow> {
  return inTx(ctx, tx, async (t) => {
    const action = await ctx.repo.findActionById(id, t)
    if (!action) throw notFound('Action')
    if (action.status === input.statusTo) {
      throw validation({ statusTo: `This action is already ${STATUS_LABELS[action.status].toLowerCase()}` })
    }
    let text = input.note?.trim()
    if (!text) text = STATUS_NOTES[input.statusTo](input.droppedReason?.trim() ?? '')
    return applyUpdate(
      ctx,
      actor,
      id,
      {
        text,
        statusTo: input.statusTo,
        clearedAtMeetingId: input.clearedAtMeetingId,
        droppedReason: input.droppedReason,
        reportedAtMeetingId: input.statusTo === 'cleared' ? input.clearedAtMeetingId : undefined,
        version: input.version,
      },
      t,
    )
  })
}
