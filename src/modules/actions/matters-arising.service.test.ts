import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { and, eq } from 'drizzle-orm'
import type { CurrentUser } from '../../platform/http/types.ts'
import { AppError } from '../../platform/http/errors.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { buildBodyAction, buildActionUpdate, linkActions } from '../../../test/support/action-builders.ts'
import { agendaItems, meetings } from '../meetings/meetings.tables.ts'
import { actionLinks, actions, actionUpdates } from './actions.tables.ts'
import {
  mattersArisingTitle,
  ordinalDate,
  printMattersArising,
  type MaEntry,
  type MattersArisingService,
} from './matters-arising.service.ts'
import { parseMattersArisingForm, type MattersArisingRow } from './matters-arising.schemas.ts'

const t = useTestApp()
let ma: MattersArisingService

beforeAll(() => {
  ma = t.services.mattersArising
})

const db = () => t.db

async function secretariat(partnershipId: string): Promise<CurrentUser> {
  const user = await buildUser(db(), { secretariatOf: [partnershipId] })
  return { id: user.id, email: user.email, displayName: user.displayName, isAdmin: false, secretariatOf: [partnershipId], memberOf: [] }
}

const row = (id: string, version: number, over: Partial<MattersArisingRow> = {}): MattersArisingRow => ({
  id,
  version,
  update: '',
  outcome: 'keep',
  reason: '',
  linkWith: '',
  ...over,
})

async function setting() {
  const partnership = await buildPartnership(db())
  const body = await buildBody(db(), { partnershipId: partnership.id, kind: 'executive' })
  const other = await buildBody(db(), { partnershipId: partnership.id })
  const earlier = await buildMeeting(db(), { bodyId: body.id, date: '2025-01-10', status: 'minutes_draft' })
  await buildMeeting(db(), { bodyId: body.id, date: '2025-02-10', status: 'cancelled' })
  const meeting = await buildMeeting(db(), { bodyId: body.id, date: '2025-03-10', status: 'held' })
  const user = await secretariat(partnership.id)
  return { partnership, body, other, earlier, meeting, user }
}

describe('matters arising title', () => {
  it('reads like the seed', () => {
    expect(ordinalDate('2016-07-19')).toBe('19th July 2016')
    expect(ordinalDate('2016-07-01')).toBe('1st July 2016')
    expect(ordinalDate('2016-07-22')).toBe('22nd July 2016')
    expect(ordinalDate('2016-07-13')).toBe('13th July 2016')
    expect(mattersArisingTitle({ kind: 'executive', name: 'Chorley Public Services Reform Executive' }, '2016-07-19')).toBe(
      'Minutes and Matters arising from Executive Meeting held on 19th July 2016',
    )
  })
})

describe('assembly', () => {
  it('lists open, in progress and completed actions of the body raised before the meeting, not cleared, dropped, other bodies or later ones', async () => {
    const s = await setting()
    const open = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', description: 'open one' })
    const inProgress = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', status: 'in_progress', description: 'in progress one' })
    const completed = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-11', status: 'completed', description: 'completed one' })
    await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', status: 'cleared', clearedAtMeetingId: s.earlier.id })
    await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', status: 'dropped', droppedReason: 'overtaken' })
    await buildBodyAction(db(), { bodyId: s.other.id, raisedOn: '2025-01-10' })
    await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-03-10', description: 'raised at this meeting' })
    await buildActionUpdate(db(), { actionId: open.id, text: 'first', createdAt: new Date('2025-02-01T10:00:00Z') })
    await buildActionUpdate(db(), { actionId: open.id, text: 'latest', createdAt: new Date('2025-03-01T10:00:00Z') })

    const view = await ma.mattersArisingPage(s.user, s.meeting.id)
    expect(view.entries.map((e) => e.id)).toEqual([open.id, inProgress.id, completed.id])
    expect(view.entries[0]!.update?.text).toBe('latest')
    expect(view.entries[0]!.owners).toEqual(['PMO'])
    expect(view.live).toBe(true)
    expect(view.generated).toBe(true)
    expect(view.item?.title).toBe('Minutes and Matters arising from Executive Meeting held on 10th January 2025')
  })

  it('is generated once, after a welcome item, however often it is asked for', async () => {
    const s = await setting()
    await buildAgendaItem(db(), { meetingId: s.meeting.id, position: 0, title: 'Welcome and apologies' })
    const report = await buildAgendaItem(db(), { meetingId: s.meeting.id, position: 1, title: 'Report' })
    const results = await Promise.all([ma.ensureMattersArising(s.user, s.meeting.id), ma.ensureMattersArising(s.user, s.meeting.id)])
    expect(results.map((r) => r.created).sort()).toEqual([false, true])
    await ma.ensureMattersArising(s.user, s.meeting.id)
    await ma.mattersArisingPage(s.user, s.meeting.id)
    const items = await db()
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, s.meeting.id), eq(agendaItems.kind, 'matters_arising')))
    expect(items).toHaveLength(1)
    expect(items[0]!.position).toBe(1)
    const [moved] = await db().select().from(agendaItems).where(eq(agendaItems.id, report.id))
    expect(moved!.position).toBe(2)
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, items[0]!.id))
    expect(audits.map((a) => a.event)).toEqual(['matters_arising.generated'])
  })

  it('generates for the next meeting of the body, skipping cancelled ones', async () => {
    const s = await setting()
    const result = await ma.ensureMattersArisingAfter(s.user, s.earlier.id)
    expect(result?.item.meetingId).toBe(s.meeting.id)
  })

  it('refuses the secretariat of another partnership', async () => {
    const s = await setting()
    const stranger = await secretariat((await buildPartnership(db())).id)
    await expect(ma.ensureMattersArising(stranger, s.meeting.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(ma.mattersArisingPage(stranger, s.meeting.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('recording at the meeting in one pass', () => {
  it('stores each update as reported at this meeting, clears, completes and links in one transaction', async () => {
    const s = await setting()
    const a = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', description: 'send a response' })
    const b = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', status: 'in_progress' })
    const c = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
    const d = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
    const result = await ma.recordMattersArising(s.user, s.meeting.id, {
      rows: [
        row(a.id, a.version, { outcome: 'cleared', update: 'cleared as response provided.' }),
        row(b.id, b.version, { outcome: 'completed' }),
        row(c.id, c.version, { update: 'work continues', linkWith: b.id }),
        row(d.id, d.version),
      ],
    })
    expect(result.changed).toBe(3)
    const [aa] = await db().select().from(actions).where(eq(actions.id, a.id))
    expect(aa).toMatchObject({ status: 'cleared', clearedAtMeetingId: s.meeting.id, version: 2 })
    const [bb] = await db().select().from(actions).where(eq(actions.id, b.id))
    expect(bb!.status).toBe('completed')
    expect(bb!.completedOn).not.toBeNull()
    const [dd] = await db().select().from(actions).where(eq(actions.id, d.id))
    expect(dd!.version).toBe(1)
    const updates = await db().select().from(actionUpdates).where(eq(actionUpdates.reportedAtMeetingId, s.meeting.id))
    expect(updates.map((u) => [u.actionId, u.text, u.statusTo, u.authorUserId]).sort()).toEqual(
      [
        [a.id, 'cleared as response provided.', 'cleared', s.user.id],
        [b.id, 'completed', 'completed', s.user.id],
        [c.id, 'work continues', null, s.user.id],
      ].sort(),
    )
    const links = await db().select().from(actionLinks)
    expect(links.some((l) => [l.actionId, l.linkedActionId].sort().join() === [b.id, c.id].sort().join())).toBe(true)
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.event, 'action.reported_at_meeting'))
    expect(audits.filter((e) => [a.id, b.id, c.id].includes(e.subjectId))).toHaveLength(3)

    // Still listed at this meeting (cleared here), with this meeting's update.
    const view = await ma.mattersArisingPage(s.user, s.meeting.id)
    const cleared = view.entries.find((e) => e.id === a.id)!
    expect(cleared.final).toBe(true)
    expect(cleared.update?.text).toBe('cleared as response provided.')
    // Not at the next meeting.
    const next = await buildMeeting(db(), { bodyId: s.body.id, date: '2025-05-10', status: 'held' })
    const later = await ma.mattersArisingPage(s.user, next.id)
    expect(later.entries.map((e) => e.id)).not.toContain(a.id)
    expect(later.entries.map((e) => e.id)).toContain(b.id)
  })

  it('refuses the whole pass when one action is stale, saving nothing', async () => {
    const s = await setting()
    const a = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
    const b = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
    await db().update(actions).set({ version: 2 }).where(eq(actions.id, b.id))
    const err = await ma
      .recordMattersArising(s.user, s.meeting.id, {
        rows: [row(a.id, 1, { outcome: 'cleared', update: 'done' }), row(b.id, 1, { update: 'x' })],
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('CONFLICT')
    const [aa] = await db().select().from(actions).where(eq(actions.id, a.id))
    expect(aa!.status).toBe('open')
    expect(await db().select().from(actionUpdates).where(eq(actionUpdates.actionId, a.id))).toEqual([])
  })

  it('refuses a change the state machine does not allow', async () => {
    const s = await setting()
    const a = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', status: 'cleared', clearedAtMeetingId: s.meeting.id })
    await expect(
      ma.recordMattersArising(s.user, s.meeting.id, { rows: [row(a.id, 1, { outcome: 'in_progress' })] }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { [`outcome.${a.id}`]: expect.stringContaining('cleared') } })
  })

  it('refuses a meeting that has not happened yet, and one whose minutes are approved', async () => {
    const s = await setting()
    const future = await buildMeeting(db(), { bodyId: s.body.id, date: '2099-01-01' })
    await expect(ma.recordMattersArising(s.user, future.id, { rows: [] })).rejects.toMatchObject({ code: 'INVALID_STATE' })
    await db().update(meetings).set({ status: 'minutes_approved' }).where(eq(meetings.id, s.meeting.id))
    await expect(ma.recordMattersArising(s.user, s.meeting.id, { rows: [] })).rejects.toMatchObject({ code: 'INVALID_STATE' })
  })

  it('once the minutes are approved, lists only what was reported at the meeting', async () => {
    const s = await setting()
    const reported = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
    const untouched = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
    await buildActionUpdate(db(), { actionId: reported.id, reportedAtMeetingId: s.meeting.id, text: 'reported here' })
    expect((await ma.mattersArisingPage(s.user, s.meeting.id)).entries.map((e) => e.id)).toEqual([reported.id, untouched.id])
    await db().update(meetings).set({ status: 'minutes_approved' }).where(eq(meetings.id, s.meeting.id))
    const view = await ma.mattersArisingPage(s.user, s.meeting.id)
    expect(view.live).toBe(false)
    expect(view.entries.map((e) => e.id)).toEqual([reported.id])
  })
})

describe('the form', () => {
  it('needs a reason to drop an action, and a link to an action of the list', () => {
    const id = '11111111-1111-4111-8111-111111111111'
    const other = '22222222-2222-4222-8222-222222222222'
    const result = parseMattersArisingForm({ ids: [id], [`version.${id}`]: '1', [`outcome.${id}`]: 'dropped', [`linkWith.${id}`]: other })
    expect(result).toEqual({
      ok: false,
      errors: { [`reason.${id}`]: 'Enter why the action is dropped' },
    })
    const linked = parseMattersArisingForm({ ids: [id], [`version.${id}`]: '1', [`linkWith.${id}`]: other })
    expect(linked).toEqual({ ok: false, errors: { [`linkWith.${id}`]: 'Select an action from this list' } })
  })
})

describe('printing', () => {
  const entry = (over: Partial<MaEntry>): MaEntry => ({
    id: 'x',
    description: '',
    dueOn: null,
    raisedOn: '2016-07-19',
    status: 'cleared',
    isPublic: true,
    raisedUnderExemptItem: false,
    published: true,
    version: 1,
    owners: [],
    update: null,
    reportedUpdate: null,
    linkedIds: [],
    final: true,
    ...over,
  })
  const update = (text: string) => ({ id: 'u', actionId: 'x', text, statusTo: null, reportedAtMeetingId: null, createdAt: new Date() })

  it('prints "Action – <owners> to <description>" then "Update – …", linked actions sharing one update', () => {
    const lines = printMattersArising([
      entry({ id: 'a', owners: ['Cllr Bradley'], description: 'send a response', reportedUpdate: update('cleared as response provided.') }),
      entry({ id: 'b', owners: ['Executive'], description: 'consider the outcomes', reportedUpdate: update('both above linked as one action.'), linkedIds: ['c'] }),
      entry({ id: 'c', owners: ['PMO'], description: 'arrange discussions', reportedUpdate: update('both above linked as one action.'), linkedIds: ['b'] }),
      entry({ id: 'd', owners: ['Hayley Hughes', 'Group Leads'], description: 'Circulate Away Day outcomes', status: 'open' }),
    ])
    expect(lines.map((l) => l.text)).toEqual([
      'Action – Cllr Bradley to send a response',
      'Update – cleared as response provided.',
      'Action – Executive to consider the outcomes',
      'Action – PMO to arrange discussions',
      'Update – both above linked as one action.',
      'Action – Hayley Hughes and Group Leads: Circulate Away Day outcomes',
    ])
  })

  it('prints only public actions not raised under an exempt item on the public page', async () => {
    const s = await setting()
    await db().update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    await db().update(meetings).set({ agendaPublishedAt: new Date('2025-01-01T09:00:00Z') }).where(eq(meetings.id, s.earlier.id))
    const person = await buildPerson(db(), { honorific: 'Dr', fullName: 'Khandavalli' })
    const exemptItem = await buildAgendaItem(db(), { meetingId: s.earlier.id, isExempt: true, exemptParagraph: 3 })
    const at = { bodyId: s.body.id, meetingId: s.earlier.id, raisedOn: '2025-01-10' }
    await buildBodyAction(db(), { ...at, description: 'bring the proposal back', owners: [{ personId: person.id }] })
    await buildBodyAction(db(), { ...at, description: 'CANARY private action', isPublic: false })
    await buildBodyAction(db(), { ...at, description: 'CANARY exempt action', itemId: exemptItem.id })
    const { item } = await ma.ensureMattersArising(s.user, s.meeting.id)
    const published = await ma.findPublishedMattersArising(s.meeting.id, [item.id])
    expect(published?.lines.map((l) => l.text)).toEqual(['Action – Dr Khandavalli to bring the proposal back'])
    expect(await ma.findPublishedMattersArising(s.meeting.id, [])).toBeNull()
    const staff = await ma.printedForStaff(s.user, s.meeting.id)
    expect(staff.map((l) => l.text).join('\n')).toContain('CANARY private action')
  })

  it('prints on the public page only actions whose source is published, as the public action sheet does', async () => {
    const s = await setting()
    await db().update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    // s.earlier: minutes in draft but its agenda was never published.
    const published = await buildMeeting(db(), { bodyId: s.body.id, date: '2025-01-20', status: 'minutes_approved', agendaPublishedAt: new Date('2025-01-12T09:00:00Z') })
    const heldOnly = await buildMeeting(db(), { bodyId: s.body.id, date: '2025-01-25', status: 'held', agendaPublishedAt: new Date('2025-01-18T09:00:00Z') })
    const publishedItem = await buildAgendaItem(db(), { meetingId: published.id })
    const exemptParent = await buildAgendaItem(db(), { meetingId: published.id, position: 1, isExempt: true, exemptParagraph: 3 })
    const subOfExempt = await buildAgendaItem(db(), { meetingId: published.id, position: 2, parentItemId: exemptParent.id })
    const heldItem = await buildAgendaItem(db(), { meetingId: heldOnly.id })
    const unpublishedItem = await buildAgendaItem(db(), { meetingId: s.earlier.id })
    const rows = [
      { description: 'shown: raised under a published item', itemId: publishedItem.id, meetingId: published.id },
      { description: 'shown: raised at a published meeting without an item', meetingId: published.id },
      { description: 'CANARY under an item of an unpublished agenda', itemId: unpublishedItem.id, meetingId: s.earlier.id },
      { description: 'CANARY at an unpublished agenda without an item', meetingId: s.earlier.id },
      { description: 'CANARY under an item whose minutes are not out', itemId: heldItem.id, meetingId: heldOnly.id },
      { description: 'CANARY at a meeting whose minutes are not out', meetingId: heldOnly.id },
      { description: 'CANARY under a sub-item of an exempt item', itemId: subOfExempt.id, meetingId: published.id },
      { description: 'CANARY with no source at all' },
    ]
    for (const r of rows) await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10', owners: [], ...r })
    const { item } = await ma.ensureMattersArising(s.user, s.meeting.id)
    const lines = (await ma.findPublishedMattersArising(s.meeting.id, [item.id]))!.lines.map((l) => l.text)
    expect(lines).toEqual(['Action – shown: raised under a published item', 'Action – shown: raised at a published meeting without an item'])
    // Staff see them all.
    expect((await ma.printedForStaff(s.user, s.meeting.id)).filter((l) => l.text.includes('CANARY'))).toHaveLength(6)
  })

  it('prints only the update reported at this meeting; an owner’s later update waits for a meeting to report it', async () => {
    const s = await setting()
    await db().update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    await db().update(meetings).set({ agendaPublishedAt: new Date('2025-01-01T09:00:00Z') }).where(eq(meetings.id, s.earlier.id))
    const owner = await buildPerson(db())
    const at = { bodyId: s.body.id, meetingId: s.earlier.id, raisedOn: '2025-01-10', owners: [{ groupName: 'PMO' }] }
    const reported = await buildBodyAction(db(), { ...at, description: 'send a response' })
    const later = await buildBodyAction(db(), { ...at, description: 'arrange discussions' })
    await buildActionUpdate(db(), { actionId: reported.id, text: 'reported here', reportedAtMeetingId: s.meeting.id, createdAt: new Date('2025-03-10T15:00:00Z') })
    // Months later, through the emailed link: nobody has reviewed these.
    for (const a of [reported, later]) {
      await buildActionUpdate(db(), { actionId: a.id, text: 'CANARY unreviewed owner update', authorPersonId: owner.id, createdAt: new Date('2025-07-01T10:00:00Z') })
    }
    const { item } = await ma.ensureMattersArising(s.user, s.meeting.id)
    const lines = (await ma.findPublishedMattersArising(s.meeting.id, [item.id]))!.lines.map((l) => l.text)
    expect(lines).toEqual(['Action – PMO to send a response', 'Update – reported here', 'Action – PMO to arrange discussions'])
    expect((await ma.printedForStaff(s.user, s.meeting.id)).map((l) => l.text)).toEqual(lines)
    // Staff still see the latest update, and which one was reported at this meeting.
    const view = await ma.mattersArisingPage(s.user, s.meeting.id)
    const entry = view.entries.find((e) => e.id === reported.id)!
    expect(entry.update?.text).toBe('CANARY unreviewed owner update')
    expect(entry.reportedUpdate?.text).toBe('reported here')
    expect(view.entries.find((e) => e.id === later.id)!.reportedUpdate).toBeNull()
  })
})

it('keeps links between two actions once', async () => {
  const s = await setting()
  const a = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
  const b = await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2025-01-10' })
  await linkActions(db(), a.id, b.id)
  await ma.recordMattersArising(s.user, s.meeting.id, { rows: [row(b.id, 1, { linkWith: a.id })] })
  const view = await ma.mattersArisingPage(s.user, s.meeting.id)
  expect(view.entries.find((e) => e.id === a.id)!.linkedIds).toEqual([b.id])
})
