import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { londonToday } from '../../shared/dates.ts'
import type { ActionStatus } from './actions.tables.ts'
import { canTransition, STATUS_LABELS } from './action-status.ts'
import type { MattersArisingContext } from './matters-arising-context.ts'
import type { MaActionChanges, MaActionRow } from './matters-arising.repository.ts'
import type { MattersArisingInput, Outcome } from './matters-arising.schemas.ts'
import { managedMeeting, recordLockReason } from './matters-arising-view.ts'

const OUTCOME_STATUS: Record<Exclude<Outcome, 'keep'>, ActionStatus> = {
  in_progress: 'in_progress',
  completed: 'completed',
  cleared: 'cleared',
  dropped: 'dropped',
}

export const MATTERS_ARISING_CONFLICT =
  'Someone else changed an action since you opened this page. Nothing has been saved: your updates are kept below, check them and save again'

type Plan = { row: MattersArisingInput['rows'][number]; action: MaActionRow; to: ActionStatus }

function autoUpdateText(to: ActionStatus, reason: string): string {
  if (to === 'dropped') return `dropped – ${reason}`
  return STATUS_LABELS[to].toLowerCase()
}

/** Each row against the action as it is now: a stale version is a conflict, a move the state machine refuses an error. */
function plan(rows: MattersArisingInput['rows'], current: Map<string, MaActionRow>): Plan[] {
  const errors: FieldErrors = {}
  const plans: Plan[] = []
  for (const row of rows) {
    const action = current.get(row.id)
    if (!action || action.version !== row.version) throw conflict(MATTERS_ARISING_CONFLICT)
    const to = row.outcome === 'keep' ? action.status : OUTCOME_STATUS[row.outcome]
    if (to !== action.status && !canTransition(action.status, to)) {
      errors[`outcome.${row.id}`] =
        `This action is ${STATUS_LABELS[action.status].toLowerCase()}, so it cannot be marked ${STATUS_LABELS[to].toLowerCase()}`
      continue
    }
    plans.push({ row, action, to })
  }
  if (Object.keys(errors).length) throw validation(errors)
  return plans
}

/**
 * Record the meeting's pass over its matters arising in one transaction: each update (reported at this
 * meeting), each status change (cleared records this meeting), and links. Every action is version-checked.
 */
export async function recordMattersArising(
  ctx: MattersArisingContext,
  user: CurrentUser,
  meetingId: string,
  input: MattersArisingInput,
): Promise<{ changed: number }> {
  const { repo, now } = ctx
  const meeting = await managedMeeting(ctx, user, meetingId)
  const reason = recordLockReason(ctx, meeting)
  if (reason) throw invalidState(reason)
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockMeeting(meeting.id, tx)
    if (!locked) throw notFound('Meeting')
    const lockReason = recordLockReason(ctx, locked)
    if (lockReason) throw invalidState(lockReason)
    const rows = await repo.findMattersArisingActions({ bodyId: meeting.bodyId, meetingId: meeting.id, beforeDate: locked.date, live: true }, tx)
    const plans = plan(input.rows, new Map(rows.map((r) => [r.id, r])))

    const today = londonToday(now())
    const base = now().getTime()
    let changed = 0
    for (const [i, { row, action, to }] of plans.entries()) {
      const moved = to !== action.status
      const linking = row.linkWith !== ''
      if (!moved && row.update === '' && !linking) continue
      const changes: MaActionChanges = {}
      if (moved) {
        changes.status = to
        if ((to === 'completed' || to === 'cleared') && !action.completedOn) changes.completedOn = today
        if (to === 'cleared') {
          changes.clearedAtMeetingId = meeting.id
          changes.clearedAt = now()
        }
        if (to === 'dropped') changes.droppedReason = row.reason
      }
      if (!(await repo.updateAction(action.id, action.version, changes, tx))) throw conflict(MATTERS_ARISING_CONFLICT)
      const text = row.update || (moved ? autoUpdateText(to, row.reason) : '')
      if (text) {
        await repo.insertUpdate(
          {
            actionId: action.id,
            text,
            statusTo: moved ? to : null,
            authorUserId: user.id,
            reportedAtMeetingId: meeting.id,
            // Same transaction, same now(): keep the form's order.
            createdAt: new Date(base + i),
          },
          tx,
        )
      }
      const linked = linking ? await repo.insertLink(action.id, row.linkWith, tx) : false
      await recordAudit(tx, { userId: user.id }, {
        partnershipId: meeting.body.partnershipId,
        event: 'action.reported_at_meeting',
        subjectType: 'action',
        subjectId: action.id,
        data: {
          meetingId: meeting.id,
          ...(moved ? { statusFrom: action.status, statusTo: to } : {}),
          ...(text ? { update: text } : {}),
          ...(linked ? { linkedWith: row.linkWith } : {}),
        },
      })
      changed++
    }
    return { changed }
  })
}
