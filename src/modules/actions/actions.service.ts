import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit, type Actor as AuditActor } from '../../platform/audit/audit.ts'
import { AppError, conflict, forbidden, invalidState, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { addDays, formatLongDate, londonDate, londonToday } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { AgendaEntry, MeetingsService, MeetingWithBody } from '../meetings/meetings.service.ts'
import type {
  ActionChanges,
  ActionListRow,
  ActionRow,
  ActionsRepository,
  LinkedActionRow,
  NewOwner,
  OwnerView,
  TrackerFilter,
  UpdateView,
} from './actions.repository.ts'
import type { ActionStatus } from './actions.tables.ts'
import { canTransition, STATUS_LABELS } from './action-status.ts'
import { assertCanManageAction, assertIsOwner, trackerScope } from './actions.policy.ts'
import type { ActionInput, EditActionInput, TrackerQuery } from './actions.schemas.ts'

export type { ActionListRow, ActionRow, LinkedActionRow, OwnerView, UpdateView }

/** Who changes an action: a signed-in user, or an owner posting through their emailed link (no user). */
export type ActionActor = CurrentUser | { personId: string }

export type ActionWithOwners = ActionListRow & { owners: OwnerView[] }
export type ActionOnLog = ActionWithOwners & { latestUpdate: UpdateView | null }

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

export type MeetingOption = { id: string; date: string }

/** Where an action came from: its meeting, item and decision. */
export type ActionSource = {
  meeting: MeetingWithBody | null
  item: AgendaEntry | null
  /** The item or its main item is exempt: the action can never be public. */
  withheld: boolean
}

export const TRACKER_PAGE_SIZE = 25
export const CSV_MAX_ROWS = 20_000
export const PUBLIC_CLEARED_LIMIT = 50

/** Cleared and dropped actions are part of the minutes that recorded them: they are no longer edited. */
function assertEditable(action: Pick<ActionRow, 'status'>): void {
  if (action.status === 'cleared' || action.status === 'dropped') {
    throw invalidState(
      `This action has been ${STATUS_LABELS[action.status].toLowerCase()}, so it can no longer be changed: the minutes that recorded it print it as it was. Add an update instead.`,
    )
  }
}

/** What the history says when a status changes without words of its own. */
const STATUS_NOTES: Record<ActionStatus, (reason: string) => string> = {
  open: () => 'Reopened',
  in_progress: () => 'Marked in progress',
  completed: () => 'Marked completed',
  cleared: () => 'Cleared',
  dropped: (reason) => `Dropped: ${reason}`,
}

const isUser = (actor: ActionActor): actor is CurrentUser => 'id' in actor
const auditActor = (actor: ActionActor): AuditActor => (isUser(actor) ? { userId: actor.id } : { system: 'owner_link' })

export function actionsService(
  db: Db,
  repo: ActionsRepository,
  deps: { structure: StructureService; meetings: MeetingsService; config: Config; now?: () => Date },
) {
  const now = () => (deps.now ? deps.now() : new Date())
  const today = () => londonToday(now())
  const inTx = <T>(tx: Db | undefined, work: (tx: Db) => Promise<T>): Promise<T> => (tx ? work(tx) : db.transaction(work))

  async function withOwners<T extends { id: string }>(rows: T[], tx?: Db): Promise<(T & { owners: OwnerView[] })[]> {
    const owners = await repo.findOwnersOf(
      rows.map((r) => r.id),
      tx,
    )
    const byAction = new Map<string, OwnerView[]>()
    for (const o of owners) {
      const list = byAction.get(o.actionId)
      if (list) list.push(o)
      else byAction.set(o.actionId, [o])
    }
    return rows.map((r) => ({ ...r, owners: byAction.get(r.id) ?? [] }))
  }

  async function withLatest<T extends { id: string }>(rows: T[], tx?: Db): Promise<(T & { latestUpdate: UpdateView | null })[]> {
    const latest = await repo.findLatestUpdates(
      rows.map((r) => r.id),
      tx,
    )
    // One row per action (distinct on action id).
    const byAction = new Map(latest.map((u) => [u.actionId, u]))
    return rows.map((r) => ({ ...r, latestUpdate: byAction.get(r.id) ?? null }))
  }

  /** The item (from its numbered agenda) and whether it is withheld from the public. */
  async function sourceOf(meeting: MeetingWithBody, itemId: string | null): Promise<ActionSource> {
    if (!itemId) return { meeting, item: null, withheld: false }
    const agenda = await deps.meetings.findAgenda(meeting)
    const item = agenda.find((i) => i.id === itemId) ?? null
    const parent = item?.parentItemId ? agenda.find((i) => i.id === item.parentItemId) : undefined
    return { meeting, item, withheld: !!item && (item.isExempt || !!parent?.isExempt) }
  }

  /** Owners as typed: people and organisations must exist (read before the transaction). */
  async function checkOwners(input: { personIds: string[]; organisationIds: string[]; groups: string[] }): Promise<NewOwner[]> {
    const errors: Record<string, string> = {}
    if (input.personIds.length) {
      const found = new Set((await deps.structure.findPeopleByIds(input.personIds)).map((p) => p.id))
      if (input.personIds.some((id) => !found.has(id))) errors.personIds = 'Select a person from the list'
    }
    if (input.organisationIds.length) {
      const found = new Set((await deps.structure.organisationOptions()).map((o) => o.id))
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

  async function meetingOfBody(meetingId: string, bodyId: string, field: string, tx: Db): Promise<MeetingWithBody> {
    let meeting: MeetingWithBody
    try {
      meeting = await deps.meetings.getMeeting(meetingId, tx)
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw validation({ [field]: 'Select a meeting from the list' })
      throw e
    }
    if (meeting.bodyId !== bodyId) throw validation({ [field]: 'Select a meeting of the body that owns the action' })
    return meeting
  }

  /** The column changes a status change makes, after checking the state machine and its rules. */
  async function transition(
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
    if (to === 'completed') changes.completedOn = today()
    if (to === 'cleared') {
      if (!input.clearedAtMeetingId) throw validation({ clearedAtMeetingId: 'Select the meeting that agreed to clear the action' })
      const meeting = await meetingOfBody(input.clearedAtMeetingId, action.bodyId, 'clearedAtMeetingId', tx)
      if (meeting.date < action.raisedOn) {
        throw validation({ clearedAtMeetingId: `Select a meeting held on or after ${formatLongDate(action.raisedOn)}, when the action was raised` })
      }
      changes.clearedAtMeetingId = meeting.id
      changes.clearedAt = now()
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

  /** Posts an update (and any status change) inside `tx`: the one place the state machine is applied. */
  async function applyUpdate(actor: ActionActor, actionId: string, input: AddUpdateInput, tx: Db) {
    const action = await repo.lockAction(actionId, tx)
    if (!action) throw notFound('Action')
    const full = await service.getAction(actionId, tx)
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
    const { changes } = moving ? await transition(actor, action, input.statusTo!, input, tx) : { changes: {} }
    if (input.reportedAtMeetingId) await meetingOfBody(input.reportedAtMeetingId, action.bodyId, 'reportedAtMeetingId', tx)
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

  function trackerFilter(user: CurrentUser, q: TrackerQuery): TrackerFilter {
    const t = today()
    return {
      partnershipIds: trackerScope(user),
      partnershipId: q.partnershipId,
      bodyId: q.bodyId,
      personId: q.personId,
      organisationId: q.organisationId,
      statuses: q.status,
      overdueOn: q.overdue ? t : undefined,
      dueBetween: q.dueWithin !== undefined ? { from: t, to: addDays(t, q.dueWithin) } : undefined,
      q: q.q,
    }
  }

  const service = {
    today,

    /** An action with its body, partnership and owners; throws NOT_FOUND. No policy: callers check. */
    async getAction(id: string, tx?: Db): Promise<ActionWithOwners> {
      const row = await repo.findActionListRow(id, tx)
      if (!row) throw notFound('Action')
      const [withO] = await withOwners([row], tx)
      return withO!
    },

    // ---- recording an action against an agenda item ----

    async newActionForm(user: CurrentUser, itemId: string) {
      const { meeting } = await deps.meetings.getManagedItem(user, itemId)
      const [source, people, organisations] = await Promise.all([
        sourceOf(meeting, itemId),
        deps.structure.personOptions(),
        deps.structure.organisationOptions(),
      ])
      return { meeting, item: source.item!, withheld: source.withheld, people, organisations }
    },

    async createAction(user: CurrentUser, itemId: string, input: ActionInput): Promise<ActionRow> {
      const { meeting } = await deps.meetings.getManagedItem(user, itemId)
      const source = await sourceOf(meeting, itemId)
      checkDecision(source, input.decisionId)
      const owners = await checkOwners(input)
      return db.transaction(async (tx) => {
        const action = await repo.insertAction(
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
        await repo.replaceOwners(action.id, owners, tx)
        await recordAudit(tx, { userId: user.id }, {
          event: 'action.recorded',
          subjectType: 'action',
          subjectId: action.id,
          data: { bodyId: meeting.bodyId, meetingId: meeting.id, itemId, owners: owners.length, isPublic: action.isPublic },
        })
        return action
      })
    },

    async actionsOfItem(itemId: string): Promise<(ActionRow & { owners: OwnerView[] })[]> {
      return withOwners(await repo.findActionsOfItem(itemId))
    },

    // ---- the action page ----

    async getManagedAction(user: CurrentUser, id: string) {
      const action = await service.getAction(id)
      assertCanManageAction(user, action)
      const meeting = action.meetingId ? await deps.meetings.getMeeting(action.meetingId).catch(() => null) : null
      const [source, updates, linked, candidates, meetingOptions] = await Promise.all([
        meeting ? sourceOf(meeting, action.itemId) : Promise.resolve<ActionSource>({ meeting: null, item: null, withheld: false }),
        repo.findUpdatesOf(id),
        repo.findLinkedActions(id),
        repo.findLinkCandidates(action.bodyId, id),
        service.meetingOptions(action.bodyId),
      ])
      const linkedIds = new Set(linked.map((l) => l.id))
      return {
        action,
        source,
        decision: source.item?.decisions.find((d) => d.id === action.decisionId) ?? null,
        updates,
        linked,
        linkCandidates: candidates.filter((c) => !linkedIds.has(c.id)),
        meetingOptions,
        today: today(),
      }
    },

    /** The body's meetings, latest first, for "reported at" and "cleared at" selects. */
    async meetingOptions(bodyId: string): Promise<MeetingOption[]> {
      const page = await deps.structure.meetingsOfBody(bodyId, {}, 1, 200)
      return page.rows.filter((m) => m.status !== 'cancelled').map((m) => ({ id: m.id, date: m.date }))
    },

    async editActionForm(user: CurrentUser, id: string) {
      const detail = await service.getManagedAction(user, id)
      assertEditable(detail.action)
      const [people, organisations] = await Promise.all([deps.structure.personOptions(), deps.structure.organisationOptions()])
      return { ...detail, people, organisations }
    },

    async updateAction(user: CurrentUser, id: string, input: EditActionInput): Promise<ActionRow> {
      const current = await service.getAction(id)
      assertCanManageAction(user, current)
      assertEditable(current)
      const meeting = current.meetingId ? await deps.meetings.getMeeting(current.meetingId).catch(() => null) : null
      const source = meeting ? await sourceOf(meeting, current.itemId) : { meeting: null, item: null, withheld: false }
      checkDecision(source, input.decisionId)
      const owners = await checkOwners(input)
      return db.transaction(async (tx) => {
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
        await recordAudit(tx, { userId: user.id }, {
          event: 'action.changed',
          subjectType: 'action',
          subjectId: id,
          data: { version: row.version, owners: owners.length, isPublic: row.isPublic, dueOn: row.dueOn },
        })
        return row
      })
    },

    /**
     * Post a dated update, optionally moving the status in the same step (the state machine applies).
     * Pass `tx` to make it part of a larger change (matters arising records many in one transaction).
     */
    async addUpdate(actor: ActionActor, actionId: string, input: AddUpdateInput, tx?: Db): Promise<ActionRow> {
      return inTx(tx, (t) => applyUpdate(actor, actionId, input, t))
    },

    /** Move an action to a new status; the history gets an update saying so. */
    async changeStatus(actor: ActionActor, id: string, input: ChangeStatusInput, tx?: Db): Promise<ActionRow> {
      return inTx(tx, async (t) => {
        const action = await repo.findActionById(id, t)
        if (!action) throw notFound('Action')
        if (action.status === input.statusTo) {
          throw validation({ statusTo: `This action is already ${STATUS_LABELS[action.status].toLowerCase()}` })
        }
        let text = input.note?.trim()
        if (!text) text = STATUS_NOTES[input.statusTo](input.droppedReason?.trim() ?? '')
        return applyUpdate(
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
    },

    // ---- links: "both above linked as one action" ----

    async linkActions(user: CurrentUser, id: string, otherId: string): Promise<void> {
      const [a, b] = await Promise.all([service.getAction(id), repo.findActionById(otherId)])
      assertCanManageAction(user, a)
      if (!b || b.bodyId !== a.bodyId || b.id === a.id) throw validation({ linkedActionId: 'Select another action of the same body' })
      await db.transaction(async (tx) => {
        if (!(await repo.insertLink(a.id, b.id, tx))) throw validation({ linkedActionId: 'These actions are already linked' })
        await recordAudit(tx, { userId: user.id }, {
          event: 'action.linked',
          subjectType: 'action',
          subjectId: a.id,
          data: { linkedActionId: b.id },
        })
      })
    },

    async unlinkActions(user: CurrentUser, id: string, otherId: string): Promise<void> {
      const a = await service.getAction(id)
      assertCanManageAction(user, a)
      await db.transaction(async (tx) => {
        if (!(await repo.deleteLink(a.id, otherId, tx))) throw notFound('Link')
        await recordAudit(tx, { userId: user.id }, {
          event: 'action.unlinked',
          subjectType: 'action',
          subjectId: a.id,
          data: { linkedActionId: otherId },
        })
      })
    },

    // ---- the tracker ----

    async findTracker(user: CurrentUser, q: TrackerQuery) {
      const filter = trackerFilter(user, q)
      const page = await repo.findTrackerPage(filter, { sort: q.sort, dir: q.dir }, { limit: TRACKER_PAGE_SIZE, offset: (q.page - 1) * TRACKER_PAGE_SIZE })
      return {
        rows: await withOwners(page.rows),
        total: page.total,
        page: q.page,
        pageCount: Math.max(1, Math.ceil(page.total / TRACKER_PAGE_SIZE)),
        today: today(),
      }
    },

    /** Choices for the tracker's filters, limited to what the user may see. */
    async trackerOptions(user: CurrentUser) {
      const scope = trackerScope(user)
      const partnerships = scope === null ? await deps.structure.listPartnerships() : scope.length ? await deps.structure.listPartnerships(scope) : []
      const bodyLists = await Promise.all(partnerships.map((p) => deps.structure.bodiesOfPartnership(p.id)))
      const [people, organisations] = await Promise.all([deps.structure.personOptions(), deps.structure.organisationOptions()])
      return {
        partnerships: partnerships.map((p) => ({ id: p.id, name: p.name })),
        bodies: bodyLists.flat().map((b) => ({ id: b.id, name: b.name })),
        people,
        organisations,
      }
    },

    /**
     * Every matching action (no paging) with owners and latest update, for the CSV export. More than
     * CSV_MAX_ROWS is `tooMany` (the route asks to narrow the filters): a silently cut file would look complete.
     */
    async findTrackerExport(user: CurrentUser, q: TrackerQuery) {
      const filter = trackerFilter(user, q)
      const page = await repo.findTrackerPage(filter, { sort: q.sort, dir: q.dir }, { limit: CSV_MAX_ROWS, offset: 0 })
      if (page.total > CSV_MAX_ROWS) return { tooMany: true as const, total: page.total, limit: CSV_MAX_ROWS }
      return { tooMany: false as const, rows: await withLatest(await withOwners(page.rows)), today: today() }
    },

    // ---- for matters arising, owner links and reminders ----

    /** A body's log: open, in progress and completed actions with owners and latest update, oldest first. */
    async findOpenActionsOfBody(bodyId: string, tx?: Db): Promise<(ActionRow & { owners: OwnerView[]; latestUpdate: UpdateView | null })[]> {
      return withLatest(await withOwners(await repo.findOnLogOfBody(bodyId, tx), tx), tx)
    },

    /** Actions on the log where the person is an owner. */
    async findActionsForOwnerPerson(personId: string, tx?: Db): Promise<ActionOnLog[]> {
      return withLatest(await withOwners(await repo.findOnLogForPerson(personId, tx), tx), tx)
    },

    // ---- public ----

    /**
     * A body's public action sheet. Only actions marked public, never one on an exempt item (the query
     * checks the item), current ones and the latest cleared ones. Owners are named, never contacted.
     */
    async findPublishedActionsOfBody(bodySlug: string) {
      const body = await deps.structure.getBodyBySlug(bodySlug)
      const [current, cleared] = await Promise.all([
        repo.findPublishedOfBody(body.id, ['open', 'in_progress', 'completed']),
        repo.findPublishedOfBody(body.id, ['cleared'], { limit: PUBLIC_CLEARED_LIMIT, newestClearedFirst: true }),
      ])
      const strip = (rows: (ActionRow & { owners: OwnerView[] })[]) =>
        rows.map((a) => ({
          id: a.id,
          description: a.description,
          status: a.status,
          dueOn: a.dueOn,
          raisedOn: a.raisedOn,
          completedOn: a.completedOn,
          clearedOn: a.clearedAt ? londonDate(a.clearedAt) : null,
          owners: a.owners.map((o) => ({
            personHonorific: o.personHonorific,
            personFullName: o.personFullName,
            organisationName: o.organisationName,
            groupName: o.groupName,
          })),
        }))
      return {
        body: { name: body.name, slug: body.slug, partnershipName: body.partnership.name, partnershipSlug: body.partnership.slug },
        current: strip(await withOwners(current)),
        cleared: strip(await withOwners(cleared)),
        today: today(),
      }
    },
  }
  return service
}
export type ActionsService = ReturnType<typeof actionsService>
export type PublishedActionSheet = Awaited<ReturnType<ActionsService['findPublishedActionsOfBody']>>
export type PublishedAction = PublishedActionSheet['current'][number]
