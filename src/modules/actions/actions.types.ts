/**
 * What modules above actions may use of an action's life without reaching into its internals (ADR 0002): the
 * statuses and the state machine's pure rules (action-status.ts). Writing still goes through the actions service.
 */
export { ACTION_STATUSES, type ActionStatus } from './actions.tables.ts'
export { STATUS_LABELS, TRANSITIONS, canTransition, daysOpen, isOnLog, isOverdue } from './action-status.ts'
