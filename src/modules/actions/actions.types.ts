/**
 * What modules above actions may use of an action's life without reaching into its internals (ADR 0002): the
 * statuses and the state machine's pure rules (action-status.ts). Writing still goes through the actions service.
 */
export { ACTION_STATUSES, type ActionStatus } from './actions.tables.ts'
export { STATUS_LABELS, TRANSITIONS, canTransition, daysOpen, isOnLog, isOverdue } from './action-status.ts'
export { followUpState, followUpView, elapsedText, NOT_FOLLOWED_UP_AFTER_DAYS, NOT_FOLLOWED_UP_AFTER_MEETINGS } from './follow-up.ts'
export type { FollowUp, FollowUpView } from './follow-up.ts'
export { publicActionRow, type PublicActionRow } from './action-labels.ts'
export type { PublishedAction } from './published-actions.ts'
