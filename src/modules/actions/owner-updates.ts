import type { Db } from '../../platform/db/client.ts'
import { recordAudit, type Actor as AuditActor } from '../../platform/audit/audit.ts'
import { invalidState, notFound } from '../../platform/http/errors.ts'
import { londonDate } from '../../shared/dates.ts'
import type { ActionsContext } from './actions-context.ts'
import { canTransition, isOnLog } from './action-status.ts'

/** What the history says when an owner marks an action completed without words of their own. */
export const OWNER_COMPLETED_NOTE = 'Marked completed'

/** One action's part of an owner's form: an update (null if none) and whether they marked it completed. */
export type OwnerUpdate = { actionId: string; text: string | null; completed: boolean }

/**
 * An owner's update to one of their actions, through their emailed link (the reminders module holds the link
 * and its transaction) or signed in on their members' home (`by` is then their user): an update, a completion, or
 * both, at `at`. The person must own the action and it must still be on the log, or nothing is recorded
 * (NOT_FOUND / INVALID_STATE abort the caller's transaction). Returns what was recorded, or null when there was
 * nothing to record (completed already, and no words).
 */
export async function recordOwnerUpdate(
  ctx: ActionsContext,
  personId: string,
  input: OwnerUpdate,
  at: Date,
  tx: Db,
  by: AuditActor = { system: 'owner_link' },
): Promise<{ description: string; completed: boolean } | null> {
  const { repo } = ctx
  const action = await repo.lockActionOwnedBy(input.actionId, personId, tx)
  if (!action) throw notFound('Action')
  if (!isOnLog(action.status)) throw invalidState('One of these actions has been cleared or dropped, so it can no longer be updated. Reload the page.')
  let statusTo: 'completed' | null = null
  if (input.completed && action.status !== 'completed') {
    if (!canTransition(action.status, 'completed')) throw invalidState('This action cannot be marked completed.')
    statusTo = 'completed'
    await repo.completeAction(action.id, londonDate(at), at, tx)
  }
  if (!input.text && !statusTo) return null
  const text = input.text ?? OWNER_COMPLETED_NOTE
  const update = await repo.insertUpdate({ actionId: action.id, text, statusTo, authorPersonId: personId }, tx)
  const listed = await repo.findActionListRow(action.id, tx)
  await recordAudit(tx, by, {
    partnershipId: listed?.partnershipId ?? null,
    event: statusTo ? 'action.completed_by_owner' : 'action.updated_by_owner',
    subjectType: 'action',
    subjectId: action.id,
    data: { personId, updateId: update.id, from: action.status, to: statusTo ?? action.status },
  })
  return { description: action.description, completed: statusTo !== null }
}
