import type { ActionStatus } from './actions.tables.ts'

/**
 * The action state machine: open -> in progress -> completed -> cleared (agreed by a meeting), or dropped
 * with a reason. Cleared and dropped are final; a completed action can be reopened until a meeting clears it.
 */
export const TRANSITIONS: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  open: ['in_progress', 'completed', 'cleared', 'dropped'],
  in_progress: ['open', 'completed', 'cleared', 'dropped'],
  completed: ['in_progress', 'cleared', 'dropped'],
  cleared: [],
  dropped: [],
}

export const STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  completed: 'Completed',
  cleared: 'Cleared',
  dropped: 'Dropped',
}

export function canTransition(from: ActionStatus, to: ActionStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Still on the body's log: it comes back as a matter arising until a meeting clears it. */
export function isOnLog(status: ActionStatus): boolean {
  return status === 'open' || status === 'in_progress' || status === 'completed'
}

/** Overdue is computed, never stored: due before today (London) and not yet done. */
export function isOverdue(action: { status: ActionStatus; dueOn: string | null }, today: string): boolean {
  return action.dueOn !== null && action.dueOn < today && (action.status === 'open' || action.status === 'in_progress')
}

/** Whole days between raising and today (or completion). */
export function daysOpen(raisedOn: string, until: string): number {
  return Math.max(0, Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${raisedOn}T00:00:00Z`)) / 86_400_000))
}
