import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { and, eq } from 'drizzle-orm'
import { AppError } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import {
  buildAgendaItem,
  buildBody,
  buildDecision,
  buildMeeting,
  buildOrganisation,
  buildPartnership,
  buildPerson,
} from '../../../test/support/builders.ts'
import { buildAction, buildActionUpdate } from '../../../test/support/action-builders.ts'
import { ACTION_STATUSES, actionLinks, actionUpdates, type ActionStatus } from './actions.tables.ts'
import { canTransition } from './action-status.ts'
import { ActionSchema, TrackerQuerySchema } from './actions.schemas.ts'
import type { ActionsService } from './actions.service.ts'

const t = useTestApp()
let actions: ActionsService

const admin: CurrentUser = { id: '00000000-0000-4000-8000-000000000001', email: 'a@example.org', displayName: 'Admin', isAdmin: true, secretariatOf: [], memberOf: [] }
const secretariatOf = (...ids: string[]): CurrentUser => ({ ...admin, id: '00000000-0000-4000-8000-000000000002', isAdmin: false, secretariatOf: ids })

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (e instanceof AppError) return e.code
    throw e
  }
}
const fieldErrorsOf = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    if (e instanceof AppError) return e.fieldErrors ?? {}
    throw e
  }
  throw new Error('expected a validation error')
}

beforeAll(async () => {
  actions = t.services.actions
  // A real user row for author names and audit.
  const { buildUser } = await import('../../../test/support/builders.ts')
  const u = await buildUser(t.db, { isAdmin: true, displayName: 'Hayley Hughes (secretariat)' })
  admin.id = u.id
})

/** An action in a given status, with a later meeting of the same body to clear it at. */
async function actionIn(status: ActionStatus) {
  const body = await buildBody(t.db)
  const raised = await buildMeeting(t.db, { bodyId: body.id, date: '2016-07-19' })
  const later = await buildMeeting(t.db, { bodyId: body.id, date: '2016-09-27' })
  const action = await buildAction(t.db, {
    meetingId: raised.id,
    status,
    ...(status === 'cleared' ? { clearedAtMeetingId: later.id, clearedAt: new Date() } : {}),
    ...(status === 'dropped' ? { droppedReason: 'Overtaken by events' } : {}),
    ...(status === 'completed' ? { completedOn: '2016-08-01' } : {}),
  })
  return { body, raised, later, action }
}

describe('the state machine, through the service', () => {
  const pairs = ACTION_STATUSES.flatMap((from) => ACTION_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const))
  it.each(pairs)('%s -> %s follows canTransition', async (from, to) => {
    const { action, later } = await actionIn(from)
    const result = await codeOf(actions.changeStatus(admin, action.id, { statusTo: to, clearedAtMeetingId: later.id, droppedReason: 'No longer needed' }))
    expect(result).toBe(canTransition(from, to) ? 'ok' : 'VALIDATION')
    const after = await actions.getAction(action.id)
    expect(after.status).toBe(canTransition(from, to) ? to : from)
  })

  it('refuses a move to the same status', async () => {
    const { action } = await actionIn('open')
    expect(await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'open' }))).toHaveProperty('statusTo')
  })

  it('explains why a cleared action cannot change', async () => {
    const { action } = await actionIn('cleared')
    const errors = await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'open' }))
    expect(errors.statusTo).toBe('This action has been cleared, so its status cannot change')
  })

  it('clearing needs the meeting that agreed it, of the same body, and records it', async () => {
    const { action, later } = await actionIn('completed')
    expect(await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'cleared' }))).toHaveProperty('clearedAtMeetingId')
    const elsewhere = await buildMeeting(t.db)
    expect(await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'cleared', clearedAtMeetingId: elsewhere.id }))).toHaveProperty(
      'clearedAtMeetingId',
    )
    expect(
      await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'cleared', clearedAtMeetingId: '00000000-0000-4000-8000-00000000dead' })),
    ).toHaveProperty('clearedAtMeetingId')
    await actions.changeStatus(admin, action.id, { statusTo: 'cleared', clearedAtMeetingId: later.id, note: 'Cleared as response provided' })
    const after = await actions.getAction(action.id)
    expect(after.status).toBe('cleared')
    expect(after.clearedAtMeetingId).toBe(later.id)
    expect(after.clearedAt).toBeInstanceOf(Date)
    expect(after.completedOn).toBe('2016-08-01')
    const [update] = await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, action.id))
    expect(update).toMatchObject({ text: 'Cleared as response provided', statusTo: 'cleared', reportedAtMeetingId: later.id, authorUserId: admin.id })
  })

  it('refuses to clear at a meeting before the action was raised', async () => {
    const { action, body } = await actionIn('open')
    const earlier = await buildMeeting(t.db, { bodyId: body.id, date: '2016-01-01' })
    expect(await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'cleared', clearedAtMeetingId: earlier.id }))).toHaveProperty(
      'clearedAtMeetingId',
    )
  })

  it('dropping needs a reason, and keeps it', async () => {
    const { action } = await actionIn('in_progress')
    expect(await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'dropped' }))).toHaveProperty('droppedReason')
    expect(await fieldErrorsOf(actions.changeStatus(admin, action.id, { statusTo: 'dropped', droppedReason: '   ' }))).toHaveProperty('droppedReason')
    await actions.changeStatus(admin, action.id, { statusTo: 'dropped', droppedReason: 'Superseded by the new strategy' })
    const after = await actions.getAction(action.id)
    expect(after).toMatchObject({ status: 'dropped', droppedReason: 'Superseded by the new strategy' })
  })

  it('completing sets today; reopening a completed action clears it', async () => {
    const { action } = await actionIn('open')
    await actions.changeStatus(admin, action.id, { statusTo: 'completed' })
    expect((await actions.getAction(action.id)).completedOn).toBe(londonToday())
    await actions.changeStatus(admin, action.id, { statusTo: 'in_progress' })
    expect((await actions.getAction(action.id)).completedOn).toBeNull()
  })

  it('a stale version is refused with a conflict', async () => {
    const { action } = await actionIn('open')
    expect(await codeOf(actions.changeStatus(admin, action.id, { statusTo: 'in_progress', version: action.version + 5 }))).toBe('CONFLICT')
    expect(await codeOf(actions.changeStatus(admin, action.id, { statusTo: 'in_progress', version: action.version }))).toBe('ok')
  })

  it('records an audit event for every change', async () => {
    const { action } = await actionIn('open')
    await actions.changeStatus(admin, action.id, { statusTo: 'in_progress' })
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, action.id))
    expect(events.map((e) => e.event)).toEqual(['action.status_changed'])
    expect(events[0]!.data).toMatchObject({ statusFrom: 'open', statusTo: 'in_progress' })
  })
})

describe('updates', () => {
  it('adds a dated update reported at a meeting, and can move the status in the same step', async () => {
    const { action, later } = await actionIn('open')
    await actions.addUpdate(admin, action.id, { text: 'Discussions under way', reportedAtMeetingId: later.id })
    expect((await actions.getAction(action.id)).status).toBe('open')
    await actions.addUpdate(admin, action.id, { text: 'Response sent', statusTo: 'completed' })
    const after = await actions.getAction(action.id)
    expect(after.status).toBe('completed')
    const detail = await actions.getManagedAction(admin, action.id)
    expect(detail.updates.map((u) => u.text)).toEqual(['Response sent', 'Discussions under way'])
    expect(detail.updates[1]).toMatchObject({ reportedAtMeetingDate: '2016-09-27', authorUserName: 'Hayley Hughes (secretariat)' })
  })

  it('refuses a meeting of another body as "reported at"', async () => {
    const { action } = await actionIn('open')
    const other = await buildMeeting(t.db)
    expect(await fieldErrorsOf(actions.addUpdate(admin, action.id, { text: 'x', reportedAtMeetingId: other.id }))).toHaveProperty('reportedAtMeetingId')
  })

  it('runs inside a caller’s transaction when given one', async () => {
    const { action, later } = await actionIn('completed')
    await t.db.transaction(async (tx) => {
      await actions.addUpdate(admin, action.id, { text: 'Cleared as discussions have taken place', statusTo: 'cleared', clearedAtMeetingId: later.id }, tx)
      const open = await actions.findOpenActionsOfBody(action.bodyId, tx)
      expect(open.map((a) => a.id)).not.toContain(action.id)
    })
    expect((await actions.getAction(action.id)).status).toBe('cleared')
  })

  it('lets an owner (no account) update their own action and mark it completed, but nothing else', async () => {
    const owner = await buildPerson(t.db, { fullName: 'Iain Pearson' })
    const stranger = await buildPerson(t.db)
    const action = await buildAction(t.db, { owners: [{ personId: owner.id }] })
    await actions.addUpdate({ personId: owner.id }, action.id, { text: 'Done and circulated', statusTo: 'completed' })
    expect((await actions.getAction(action.id)).status).toBe('completed')
    const [update] = await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, action.id))
    expect(update).toMatchObject({ authorUserId: null, authorPersonId: owner.id })
    const meeting = await buildMeeting(t.db, { bodyId: action.bodyId, date: '2027-09-01' })
    expect(await codeOf(actions.changeStatus({ personId: owner.id }, action.id, { statusTo: 'cleared', clearedAtMeetingId: meeting.id }))).toBe('FORBIDDEN')
    expect(await codeOf(actions.addUpdate({ personId: stranger.id }, action.id, { text: 'Not mine' }))).toBe('FORBIDDEN')
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, action.id)))
    expect(events[0]!.data).toMatchObject({ personId: owner.id, system: 'owner_link' })
  })

  it('refuses the secretariat of another partnership', async () => {
    const { action } = await actionIn('open')
    const other = await buildPartnership(t.db)
    expect(await codeOf(actions.addUpdate(secretariatOf(other.id), action.id, { text: 'x' }))).toBe('FORBIDDEN')
    expect(await codeOf(actions.getManagedAction(secretariatOf(other.id), action.id))).toBe('FORBIDDEN')
  })
})

describe('recording an action against an item', () => {
  const input = (over: Record<string, unknown> = {}) => ActionSchema.parse({ description: 'Circulate Away Day outcomes', groups: 'PMO', ...over })

  it('takes body, meeting and raised date from the item; public by default', async () => {
    const meeting = await buildMeeting(t.db, { date: '2015-02-10' })
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id })
    const person = await buildPerson(t.db, { fullName: 'Hayley Hughes' })
    const org = await buildOrganisation(t.db, { name: 'Chorley Council' })
    const action = await actions.createAction(
      admin,
      item.id,
      input({ personIds: [person.id], organisationIds: org.id, groups: 'PMO, Executive', dueOn: '2015-02-17' }),
    )
    expect(action).toMatchObject({ bodyId: meeting.bodyId, meetingId: meeting.id, itemId: item.id, raisedOn: '2015-02-10', dueOn: '2015-02-17', isPublic: true, status: 'open' })
    const full = await actions.getAction(action.id)
    expect(full.owners.map((o) => o.personFullName ?? o.organisationName ?? o.groupName)).toEqual(['Hayley Hughes', 'Chorley Council', 'PMO', 'Executive'])
  })

  it('never makes an action on an exempt item public', async () => {
    const item = await buildAgendaItem(t.db, { isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'Commercial' })
    const action = await actions.createAction(admin, item.id, input({ isPublic: 'yes' }))
    expect(action.isPublic).toBe(false)
    const sub = await buildAgendaItem(t.db, { meetingId: item.meetingId, parentItemId: item.id, position: 1 })
    expect((await actions.createAction(admin, sub.id, input({ isPublic: 'yes' }))).isPublic).toBe(false)
  })

  it('needs at least one owner', () => {
    const r = ActionSchema.safeParse({ description: 'x', personIds: ['', ''], groups: ' , ' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ path: ['personIds'] })
  })

  it('links only a decision of the same item', async () => {
    const item = await buildAgendaItem(t.db)
    const decision = await buildDecision(t.db, { itemId: item.id })
    const otherDecision = await buildDecision(t.db)
    expect(await fieldErrorsOf(actions.createAction(admin, item.id, input({ decisionId: otherDecision.id })))).toHaveProperty('decisionId')
    expect((await actions.createAction(admin, item.id, input({ decisionId: decision.id }))).decisionId).toBe(decision.id)
  })

  it('refuses an unknown person as owner with a field error, not a database error', async () => {
    const item = await buildAgendaItem(t.db)
    expect(await fieldErrorsOf(actions.createAction(admin, item.id, input({ personIds: ['00000000-0000-4000-8000-00000000beef'] })))).toHaveProperty('personIds')
  })

  it('edits with a version check', async () => {
    const item = await buildAgendaItem(t.db)
    const action = await actions.createAction(admin, item.id, input())
    const edit = { ...input({ description: 'Changed' }), version: action.version }
    await actions.updateAction(admin, action.id, edit)
    expect(await codeOf(actions.updateAction(admin, action.id, edit))).toBe('CONFLICT')
  })

  it('refuses to edit a cleared or dropped action: the minutes print it as it was', async () => {
    for (const status of ['cleared', 'dropped'] as const) {
      const { action } = await actionIn(status)
      const edit = { ...input({ description: 'Rewritten', isPublic: 'no' }), version: action.version }
      const err = await actions.updateAction(admin, action.id, edit).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(AppError)
      expect(err).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining(`has been ${status}, so it can no longer be changed`) })
      expect(await actions.getAction(action.id)).toMatchObject({ description: action.description, isPublic: action.isPublic, version: action.version })
      expect(await codeOf(actions.editActionForm(admin, action.id))).toBe('INVALID_STATE')
    }
    const { action: completed } = await actionIn('completed')
    expect(await codeOf(actions.updateAction(admin, completed.id, { ...input(), version: completed.version }))).toBe('ok')
  })
})

describe('links', () => {
  it('links two actions of a body once, lower id first, and shows both sides', async () => {
    const a = await buildAction(t.db)
    const b = await buildAction(t.db, { bodyId: a.bodyId, meetingId: a.meetingId! })
    await actions.linkActions(admin, b.id, a.id)
    const [row] = await t.db.select().from(actionLinks).where(eq(actionLinks.actionId, a.id < b.id ? a.id : b.id))
    expect(row).toMatchObject({ actionId: a.id < b.id ? a.id : b.id, linkedActionId: a.id < b.id ? b.id : a.id })
    expect((await actions.getManagedAction(admin, a.id)).linked.map((l) => l.id)).toEqual([b.id])
    expect((await actions.getManagedAction(admin, b.id)).linked.map((l) => l.id)).toEqual([a.id])
    expect(await fieldErrorsOf(actions.linkActions(admin, a.id, b.id))).toHaveProperty('linkedActionId')
    await actions.unlinkActions(admin, a.id, b.id)
    expect((await actions.getManagedAction(admin, b.id)).linked).toEqual([])
  })

  it('refuses an action of another body, and itself', async () => {
    const a = await buildAction(t.db)
    const other = await buildAction(t.db)
    expect(await fieldErrorsOf(actions.linkActions(admin, a.id, other.id))).toHaveProperty('linkedActionId')
    expect(await fieldErrorsOf(actions.linkActions(admin, a.id, a.id))).toHaveProperty('linkedActionId')
  })
})

describe('lists for other modules', () => {
  it('findOpenActionsOfBody: open, in progress and completed, with owners and the latest update', async () => {
    const body = await buildBody(t.db)
    const person = await buildPerson(t.db, { fullName: 'Karen Sharrocks' })
    const open = await buildAction(t.db, { bodyId: body.id, owners: [{ personId: person.id }, { groupName: 'Group Leads' }] })
    const done = await buildAction(t.db, { bodyId: body.id, status: 'completed', completedOn: '2027-03-20' })
    await buildAction(t.db, { bodyId: body.id, status: 'dropped', droppedReason: 'x' })
    await buildActionUpdate(t.db, { actionId: open.id, text: 'first', createdAt: new Date('2027-03-17T10:00:00Z') })
    await buildActionUpdate(t.db, { actionId: open.id, text: 'latest', createdAt: new Date('2027-03-18T10:00:00Z') })
    const log = await actions.findOpenActionsOfBody(body.id)
    expect(log.map((a) => a.id).sort()).toEqual([open.id, done.id].sort())
    const first = log.find((a) => a.id === open.id)!
    expect(first.owners.map((o) => o.personFullName ?? o.groupName)).toEqual(['Karen Sharrocks', 'Group Leads'])
    expect(first.latestUpdate?.text).toBe('latest')
    expect(log.find((a) => a.id === done.id)!.latestUpdate).toBeNull()

    const mine = await actions.findActionsForOwnerPerson(person.id)
    expect(mine.map((a) => a.id)).toEqual([open.id])
  })
})

describe('the tracker', () => {
  const q = (over: Record<string, unknown> = {}) => TrackerQuerySchema.parse(over)
  const today = londonToday()
  let partnershipId: string
  let user: CurrentUser
  let ids: Record<string, string>

  beforeAll(async () => {
    const partnership = await buildPartnership(t.db)
    partnershipId = partnership.id
    user = secretariatOf(partnership.id)
    const alpha = await buildBody(t.db, { partnershipId, name: 'Alpha Executive' })
    const beta = await buildBody(t.db, { partnershipId, name: 'Beta Board' })
    const org = await buildOrganisation(t.db, { name: 'Lancashire Police' })
    const officer = await buildPerson(t.db, { fullName: 'Officer Dibble', organisationId: org.id })
    ids = {
      overdue: (await buildAction(t.db, { bodyId: alpha.id, description: 'Overdue thing', dueOn: addDays(today, -3), raisedOn: addDays(today, -30), owners: [{ personId: officer.id }] })).id,
      soon: (await buildAction(t.db, { bodyId: beta.id, description: 'Due soon 100% sure', dueOn: addDays(today, 5), raisedOn: addDays(today, -10), status: 'in_progress' })).id,
      later: (await buildAction(t.db, { bodyId: alpha.id, description: 'Due later', dueOn: addDays(today, 40), raisedOn: addDays(today, -5), owners: [{ organisationId: org.id }] })).id,
      undated: (await buildAction(t.db, { bodyId: beta.id, description: 'No date', raisedOn: addDays(today, -1), status: 'completed', completedOn: today })).id,
    }
    // Another partnership's action: never in this user's tracker.
    await buildAction(t.db, { description: 'Due soon elsewhere', dueOn: addDays(today, 2) })
  })

  const idsOf = async (over: Record<string, unknown> = {}) => (await actions.findTracker(user, q(over))).rows.map((r) => r.id)

  it('shows only the secretariat’s partnerships; refuses someone who is not staff', async () => {
    expect((await idsOf()).sort()).toEqual(Object.values(ids).sort())
    expect(await codeOf(actions.findTracker({ ...user, secretariatOf: [] }, q()))).toBe('FORBIDDEN')
  })

  it('filters by body, owner person, organisation (directly or through a person), status, overdue, due within and text', async () => {
    const alphaId = (await actions.getAction(ids.overdue!)).bodyId
    expect((await idsOf({ bodyId: alphaId })).sort()).toEqual([ids.overdue, ids.later].sort())
    const officer = (await actions.getAction(ids.overdue!)).owners[0]!.personId
    expect(await idsOf({ personId: officer })).toEqual([ids.overdue])
    const org = (await actions.getAction(ids.later!)).owners[0]!.organisationId
    expect((await idsOf({ organisationId: org })).sort()).toEqual([ids.overdue, ids.later].sort())
    expect((await idsOf({ status: ['in_progress', 'completed'] })).sort()).toEqual([ids.soon, ids.undated].sort())
    expect(await idsOf({ overdue: 'yes' })).toEqual([ids.overdue])
    expect(await idsOf({ dueWithin: '7' })).toEqual([ids.soon])
    expect(await idsOf({ q: '100%' })).toEqual([ids.soon])
    expect(await idsOf({ q: 'DUE' })).toHaveLength(3)
    expect(await idsOf({ partnershipId })).toHaveLength(4)
  })

  it('sorts by due date (undated last), raised date, body and status', async () => {
    expect(await idsOf({ sort: 'due' })).toEqual([ids.overdue, ids.soon, ids.later, ids.undated])
    expect(await idsOf({ sort: 'due', dir: 'desc' })).toEqual([ids.later, ids.soon, ids.overdue, ids.undated])
    expect(await idsOf({ sort: 'raised' })).toEqual([ids.overdue, ids.soon, ids.later, ids.undated])
    expect((await idsOf({ sort: 'body' })).slice(0, 2).sort()).toEqual([ids.overdue, ids.later].sort())
    const statuses = async (over: Record<string, unknown>) => (await actions.findTracker(user, q(over))).rows.map((r) => r.status)
    expect(await statuses({ sort: 'status' })).toEqual(['open', 'open', 'in_progress', 'completed'])
    expect(await statuses({ sort: 'status', dir: 'desc' })).toEqual(['completed', 'in_progress', 'open', 'open'])
  })

  it('pages 25 at a time with the total', async () => {
    const partnership = await buildPartnership(t.db)
    const body = await buildBody(t.db, { partnershipId: partnership.id })
    const meeting = await buildMeeting(t.db, { bodyId: body.id })
    for (let i = 0; i < 27; i++) await buildAction(t.db, { meetingId: meeting.id, description: `Action ${i}` })
    const who = secretariatOf(partnership.id)
    const one = await actions.findTracker(who, q())
    expect(one).toMatchObject({ total: 27, page: 1, pageCount: 2 })
    expect(one.rows).toHaveLength(25)
    const two = await actions.findTracker(who, q({ page: '2' }))
    expect(two.rows).toHaveLength(2)
    expect(new Set([...one.rows, ...two.rows].map((r) => r.id)).size).toBe(27)
    const beyond = await actions.findTracker(who, q({ page: '9' }))
    expect(beyond).toMatchObject({ total: 27, rows: [] })
  })

  it('ignores malformed filters rather than failing', () => {
    expect(q({ bodyId: 'nope', status: ['open', 'bogus'], dueWithin: 'x', sort: 'evil', page: '-1' })).toMatchObject({
      bodyId: undefined,
      status: ['open'],
      dueWithin: undefined,
      sort: 'due',
      page: 1,
    })
  })
})

describe('creation order', () => {
  it('lists actions written in one transaction, and their updates, in the order they were written', async () => {
    // Inside one transaction every row gets the same created_at (now()), and PGlite's clock counts whole
    // milliseconds: only the seq column says which came first.
    const body = await buildBody(t.db)
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2016-09-27' })
    const descriptions = Array.from({ length: 12 }, (_, i) => `Action written ${String(i + 1).padStart(2, '0')}`)
    const stamp = new Date('2016-09-27T12:00:00Z')
    const written = await t.db.transaction(async (tx) => {
      const rows = []
      for (const description of descriptions) rows.push(await buildAction(tx, { bodyId: body.id, meetingId: meeting.id, raisedOn: '2016-09-27', description, createdAt: stamp }))
      for (const text of ['first update', 'second update', 'third update']) await buildActionUpdate(tx, { actionId: rows[0]!.id, text, createdAt: stamp })
      return rows
    })
    const log = await actions.findOpenActionsOfBody(body.id)
    expect(log.map((a) => a.description)).toEqual(descriptions)
    expect(log.find((a) => a.id === written[0]!.id)?.latestUpdate?.text).toBe('third update')
  })
})
