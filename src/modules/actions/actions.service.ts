import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { Actor as AuditActor } from '../../platform/audit/audit.ts'
import { actionsContext, type ActionActor, type ActionsDeps } from './actions-context.ts'
import type { ActionsRepository } from './actions.repository.ts'
import type { ActionInput, EditActionInput, TrackerQuery } from './actions.schemas.ts'
import {
  actionsOfItem,
  createAction,
  editActionForm,
  getAction,
  getManagedAction,
  getViewableAction,
  meetingOptions,
  newActionForm,
  updateAction,
} from './action-records.ts'
import { addUpdate, changeStatus, type AddUpdateInput, type ChangeStatusInput } from './action-updates.ts'
import { recordOwnerUpdate, type OwnerUpdate } from './owner-updates.ts'
import { linkActions, unlinkActions } from './action-links.ts'
import { findTracker, findTrackerExport, trackerOptions } from './action-tracker.ts'
import { findActionsForOwnerPerson, findOpenActionsOfBody } from './action-log.ts'
import { findPublishedActionsOfBody, findPublishedActionsOfMeeting } from './published-actions.ts'

export type { ActionListRow, ActionRow, LinkedActionRow, OwnerView, UpdateView } from './actions.repository.ts'
export type { ActionActor, ActionSource, ActionsDeps } from './actions-context.ts'
export type { ActionWithOwners, MeetingOption } from './action-records.ts'
export type { AddUpdateInput, ChangeStatusInput } from './action-updates.ts'
export type { OwnerUpdate } from './owner-updates.ts'
export type { ActionOnLog } from './action-log.ts'
export type { PublishedAction, PublishedActionSheet } from './published-actions.ts'
export type { FollowUp } from './follow-up.ts'
export { TRACKER_PAGE_SIZE, CSV_MAX_ROWS } from './action-tracker.ts'
export { PUBLIC_CLEARED_LIMIT } from './published-actions.ts'
export { OWNER_COMPLETED_NOTE } from './owner-updates.ts'

/**
 * The action log's use cases, assembled. Each lives in a file of its own kind: action-records.ts (recording,
 * reading, editing), action-updates.ts (updates and the state machine), owner-updates.ts (an owner through
 * their link), action-links.ts, action-tracker.ts, action-log.ts (a body's log) and published-actions.ts (what the public sees).
 */
export function actionsService(db: Db, repo: ActionsRepository, deps: ActionsDeps) {
  const ctx = actionsContext(db, repo, deps)
  return {
    today: ctx.today,

    /** An action with its body, partnership and owners; throws NOT_FOUND. No policy: callers check. */
    getAction: (id: string, tx?: Db) => getAction(ctx, id, tx),

    // ---- recording an action against an agenda item ----
    newActionForm: (user: CurrentUser, itemId: string) => newActionForm(ctx, user, itemId),
    createAction: (user: CurrentUser, itemId: string, input: ActionInput) => createAction(ctx, user, itemId, input),
    actionsOfItem: (itemId: string) => actionsOfItem(ctx, itemId),

    // ---- the action page ----
    getManagedAction: (user: CurrentUser, id: string) => getManagedAction(ctx, user, id),
    /** The action page for its secretariat or a read-only officer (never an action on an exempt item for the latter). */
    getViewableAction: (user: CurrentUser, id: string) => getViewableAction(ctx, user, id),
    /** The body's meetings, latest first, for "reported at" and "cleared at" selects. */
    meetingOptions: (bodyId: string) => meetingOptions(ctx, bodyId),
    editActionForm: (user: CurrentUser, id: string) => editActionForm(ctx, user, id),
    updateAction: (user: CurrentUser, id: string, input: EditActionInput) => updateAction(ctx, user, id, input),

    /**
     * Post a dated update, optionally moving the status in the same step (the state machine applies).
     * Pass `tx` to make it part of a larger change.
     */
    addUpdate: (actor: ActionActor, actionId: string, input: AddUpdateInput, tx?: Db) => addUpdate(ctx, actor, actionId, input, tx),
    /** Move an action to a new status; the history gets an update saying so. */
    changeStatus: (actor: ActionActor, id: string, input: ChangeStatusInput, tx?: Db) => changeStatus(ctx, actor, id, input, tx),
    /** An owner's update through their emailed link or signed in (`by`), in the caller's transaction (see owner-updates.ts). */
    recordOwnerUpdate: (personId: string, input: OwnerUpdate, at: Date, tx: Db, by?: AuditActor) => recordOwnerUpdate(ctx, personId, input, at, tx, by),

    // ---- links: "both above linked as one action" ----
    linkActions: (user: CurrentUser, id: string, otherId: string) => linkActions(ctx, user, id, otherId),
    unlinkActions: (user: CurrentUser, id: string, otherId: string) => unlinkActions(ctx, user, id, otherId),

    // ---- the tracker ----
    findTracker: (user: CurrentUser, q: TrackerQuery) => findTracker(ctx, user, q),
    trackerOptions: (user: CurrentUser) => trackerOptions(ctx, user),
    findTrackerExport: (user: CurrentUser, q: TrackerQuery) => findTrackerExport(ctx, user, q),

    // ---- for matters arising, owner links and reminders ----
    findOpenActionsOfBody: (bodyId: string, tx?: Db) => findOpenActionsOfBody(ctx, bodyId, tx),
    findActionsForOwnerPerson: (personId: string, tx?: Db) => findActionsForOwnerPerson(ctx, personId, tx),

    // ---- public ----
    findPublishedActionsOfBody: (bodySlug: string) => findPublishedActionsOfBody(ctx, bodySlug),
    /** The public actions agreed at a meeting, under the items its public page shows (see published-actions.ts). */
    findPublishedActionsOfMeeting: (meeting: { id: string; bodyId: string }, visibleItemIds: readonly string[]) =>
      findPublishedActionsOfMeeting(ctx, meeting, visibleItemIds),
  }
}
export type ActionsService = ReturnType<typeof actionsService>
