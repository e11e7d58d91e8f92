import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, notFound, validation } from '../../platform/http/errors.ts'
import { managedPartnershipIds } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { sourceOf, withOwners, type ActionsContext, type ActionSource } from './actions-context.ts'
import type { ActionListRow, ActionRow, NewOwner, OwnerView } from './actions.repository.ts'
import { STATUS_LABELS } from './action-status.ts'
import { assertCanManageAction, assertCanViewAction, canManageAction } from './actions.policy.ts'
import type { ActionInput, EditActionInput } from './actions.schemas.ts'

/** Recording an action against an agenda item, reading it and changing what it says. */

export type ActionWithOwners = ActionListRow & { owners: OwnerView[] }
export type MeetingOption = { id: string; date: string }

const NO_SOURCE: ActionSource = { meeting: null, item: null, withheld: false }

/** Cleared and dropped actions are part of the minutes that recorded them: they are no longer edited. */
function assertEditable(action: Pick<ActionRow, 'status'>): void {
  if (action.status === 'cleared' || action.status === 'dropped') {
    throw invalidState(
      `This action has been ${STATUS_LABELS[action.status].toLowerCase()}, so it can no longer be changed: the minutes that recorded it print it as it was. Add an update instead.`,
    )
  }
}

/**
 * Owners as typed: organisations must exist, and people must be ones the user may choose (people their partnerships
 * work with, issue 10) or owners the action already has (read before the transaction).
 */
async function checkOwners(
  ctx: ActionsContext,
  user: CurrentUser,
  input: { personIds: string[]; organisationIds: string[]; groups: string[] },
  current: OwnerView[] = [],
): Promise<NewOwner[]> {
  const { structure } = ctx.deps
  const errors: Record<string, string> = {}
  if (input.personIds.length) {
    const kept = new Set(current.map((o) => o.personId).filter((id): id is string => !!id))
    const chosen = input.personIds.filter((id) => !kept.has(id))
    const found = new Set([...kept, ...(await structure.findPeopleByIds(chosen, managedPartnershipIds(user))).map((p) => p.id)])
    if (input.personIds.some((id) => !found.has(id))) errors.personIds = 'Select a person from the list'
  }
  if (input.organisationIds.length) {
    const found = new Set((await structure.organisationOptions()).map((o) => o.id))
    if (input.organisationIds.some((id) => !found.has(id))) errors.organisationIds = 'Select an organisation from the list'
  }
  if (Object.keys(errors).length) throw validation(errors)
  return [
    ...input.personIds.map((personId) => ({ personId })),
    ...input.organisationIds.map((organisationId) => ({ organisationId })),
    ...input.groups.map((groupName) => ({ groupName })),
  ]
}

function checkDecision(source: ActionSource, decisionId: string | undefined): void {
  if (decisionId && !source.item?.decisions.some((d) => d.id === decisionId)) {
    throw validation({ decisionId: 'Select a decision of this item' })
  }
}

/** An action with its body, partnership and owners; throws NOT_FOUND. No policy: callers check. */
export async function getAction(ctx: ActionsContext, id: string, tx?: Db): Promise<ActionWithOwners> {
  const row = await ctx.repo.findActionListRow(id, tx)
  if (!row) throw notFound('Action')
  const [withO] = await withOwners(ctx, [row], tx)
  return withO!
}

export async function newActionForm(ctx: ActionsContext, user: CurrentUser, itemId: string) {
  const { meeting } = await ctx.deps.meetings.getManagedItem(user, itemId)
  const [source, people, organisations] = await Promise.all([
    sourceOf(ctx, meeting, itemId),
    ctx.deps.structure.personOptions(managedPartnershipIds(user)),
    ctx.deps.structure.organisationOptions(),
  ])
  return { meeting, item: source.item!, withheld: source.withheld, people, organisations }
}

export async function createAction(ctx: ActionsContext, user: CurrentUser, itemId: string, input: ActionInput): Promise<ActionRow> {
  const { meeting } = await ctx.deps.meetings.getManagedItem(user, itemId)
  const source = await sourceOf(ctx, meeting, itemId)
  checkDecision(source, input.decisionId)
  const owners = await checkOwners(ctx, user, input)
  return ctx.db.transaction(async (tx) => {
    const action = await ctx.repo.insertAction(
      {
        bodyId: meeting.bodyId,
        meetingId: meeting.id,
        itemId,
        decisionId: input.decisionId ?? null,
        description: input.description,
        dueOn: input.dueOn ?? null,
        raisedOn: meeting.date,
        // An action on an exempt item is never public; otherwise public unless the user said no.
        isPublic: !source.withheld && input.isPublic !== 'no',
      },
      tx,
    )
    await ctx.repo.replaceOwners(action.id, owners, tx)
    await ctx.deps.notePeopleUse(input.personIds, meeting.body.partnership.id, tx)
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'action.recorded',
      subjectType: 'action',
      subjectId: action.id,
      data: { bodyId: meeting.bodyId, meetingId: meeting.id, itemId, owners: owners.length, isPublic: action.isPublic },
    })
    return action
  })
}

export async function actionsOfItem(ctx: ActionsContext, itemId: string): Promise<(ActionRow & { owners: OwnerView[] })[]> {
  return withOwners(ctx, await ctx.repo.findActionsOfItem(itemId))
}

/** The body's meetings, latest first, for "reported at" and "cleared at" selects. */
export async function meetingOptions(ctx: ActionsContext, bodyId: string): Promise<MeetingOption[]> {
  const page = await ctx.deps.bodyMeetings.meetingsOfBody(bodyId, {}, 1, 200)
  return page.rows.filter((m) => m.status !== 'cancelled').map((m) => ({ id: m.id, date: m.date }))
}

/** The action page: the action, where it came from, its history, links and the choices its forms need. */
export async function getManagedAction(ctx: ActionsContext, user: CurrentUser, id: string) {
  const action = await getAction(ctx, id)
  assertCanManageAction(user, action)
  return actionPageData(ctx, action)
}

/**
 * The action page for anyone who may read the partnership's action log: its secretariat (as getManagedAction), or a
 * read-only officer (issue 10), who never gets an action raised under an exempt item (NOT_FOUND), nor sees one
 * among the linked actions, and is offered nothing to change.
 */
export async function getViewableAction(ctx: ActionsContext, user: CurrentUser, id: string) {
  const action = await getAction(ctx, id)
  assertCanViewAction(user, action)
  if (canManageAction(user, action)) return { ...(await actionPageData(ctx, action)), canManage: true }
  if ((await ctx.repo.findWithheldActionIds([id])).length > 0) throw notFound('Action')
  const data = await actionPageData(ctx, action)
  const withheld = new Set(await ctx.repo.findWithheldActionIds(data.linked.map((l) => l.id)))
  return { ...data, linked: data.linked.filter((l) => !withheld.has(l.id)), linkCandidates: [], canManage: false }
}

async function actionPageData(ctx: ActionsContext, action: ActionWithOwners) {
  const { repo } = ctx
  const { id } = action
  const meeting = action.meetingId ? await ctx.deps.meetings.getMeeting(action.meetingId).catch(() => null) : null
  const [source, updates, linked, candidates, options] = await Promise.all([
    meeting ? sourceOf(ctx, meeting, action.itemId) : Promise.resolve<ActionSource>(NO_SOURCE),
    repo.findUpdatesOf(id),
    repo.findLinkedActions(id),
    repo.findLinkCandidates(action.bodyId, id),
    meetingOptions(ctx, action.bodyId),
  ])
  const linkedIds = new Set(linked.map((l) => l.id))
  return {
    action,
    source,
    decision: source.item?.decisions.find((d) => d.id === action.decisionId) ?? null,
    updates,
    linked,
    linkCandidates: candidates.filter((c) => !linkedIds.has(c.id)),
    meetingOptions: options,
    today: ctx.today(),
  }
}

export async function editActionForm(ctx: ActionsContext, user: CurrentUser, id: string) {
  const detail = await getManagedAction(ctx, user, id)
  assertEditable(detail.action)
  const [options, organisations] = await Promise.all([
    ctx.deps.structure.personOptions(managedPartnershipIds(user)),
    ctx.deps.structure.organisationOptions(),
  ])
  // The action's own person owners stay on offer, even one the user could not choose afresh.
  const offered = new Set(options.map((p) => p.id))
  const kept = detail.action.owners.filter((o) => o.personId && !offered.has(o.personId)).map((o) => o.personId!)
  const people = kept.length ? [...options, ...(await ctx.deps.structure.findPeopleByIds(kept))] : options
  return { ...detail, people, organisations }
}

export async function updateAction(ctx: ActionsContext, user: CurrentUser, id: string, input: EditActionInput): Promise<ActionRow> {
  const { repo } = ctx
  const current = await getAction(ctx, id)
  assertCanManageAction(user, current)
  assertEditable(current)
  const meeting = current.meetingId ? await ctx.deps.meetings.getMeeting(current.meetingId).catch(() => null) : null
  const source = meeting ? await sourceOf(ctx, meeting, current.itemId) : NO_SOURCE
  checkDecision(source, input.decisionId)
  const owners = await checkOwners(ctx, user, input, current.owners)
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockAction(id, tx)
    if (!locked) throw notFound('Action')
    assertEditable(locked)
    const row = await repo.updateAction(
      id,
      input.version,
      {
        description: input.description,
        dueOn: input.dueOn ?? null,
        decisionId: input.decisionId ?? null,
        isPublic: !source.withheld && input.isPublic !== 'no',
      },
      tx,
    )
    if (!row) throw conflict()
    await repo.replaceOwners(id, owners, tx)
    await ctx.deps.notePeopleUse(input.personIds, current.partnershipId, tx)
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: current.partnershipId,
      event: 'action.changed',
      subjectType: 'action',
      subjectId: id,
      data: { version: row.version, owners: owners.length, isPublic: row.isPublic, dueOn: row.dueOn },
    })
    return row
  })
}
