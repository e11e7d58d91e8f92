import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { rejection } from '../../../test/support/app-error.ts'
import { buildAgendaItem, buildBody, buildDocument, buildMeeting, buildMembership, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { buildAction, buildActionUpdate } from '../../../test/support/action-builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { actions, actionUpdates } from '../actions/actions.tables.ts'
import { updateAsked } from './members.presenter.ts'

const t = useTestApp()
const today = londonToday()

/** A member of the Board (a user linked to their person, seated), and someone else's body beside it. */
async function member() {
  const partnership = await buildPartnership(t.db)
  const board = await buildBody(t.db, { partnershipId: partnership.id, name: 'Westshire Board' })
  const other = await buildBody(t.db, { partnershipId: partnership.id, name: 'Westshire Scrutiny Panel' })
  const person = await buildPerson(t.db, { fullName: 'Mia Member' })
  await buildMembership(t.db, { bodyId: board.id, personId: person.id, startsOn: addDays(today, -400) })
  const row = await buildUser(t.db, { personId: person.id, displayName: 'Mia Member' })
  const user: CurrentUser = { id: row.id, email: row.email, displayName: row.displayName, isAdmin: false, secretariatOf: [], memberOf: [board.id], personId: person.id }
  return { partnership, board, other, person, user }
}

describe('the members’ home (issue 10)', () => {
  it('lists the member’s bodies with the next meeting’s agenda and papers, exempt ones included, and the later ones', async () => {
    const m = await member()
    await buildMeeting(t.db, { bodyId: m.board.id, date: addDays(today, -30) }, 'minutesApproved')
    await buildMeeting(t.db, { bodyId: m.board.id, date: addDays(today, 3) }, 'agendaPublished', 'cancelled')
    const next = await buildMeeting(t.db, { bodyId: m.board.id, date: addDays(today, 10) }, 'agendaPublished')
    const later = await buildMeeting(t.db, { bodyId: m.board.id, date: addDays(today, 70) })
    const item = await buildAgendaItem(t.db, { meetingId: next.id, title: 'Budget' })
    const exempt = await buildAgendaItem(t.db, { meetingId: next.id, position: 1, title: 'Contract award', isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'Commercial' })
    const open = await buildDocument(t.db, { meetingId: next.id, itemId: item.id, title: 'Budget report' })
    const secret = await buildDocument(t.db, { meetingId: next.id, itemId: exempt.id, title: 'Tender scores', isExempt: true, exemptParagraph: 3 })
    await buildMeeting(t.db, { bodyId: m.other.id, date: addDays(today, 5) }, 'agendaPublished')

    const home = await t.services.members.memberHome(m.user)
    expect(home.bodies.map((b) => b.body.name)).toEqual(['Westshire Board'])
    const [board] = home.bodies
    expect(board!.next!.meeting.id).toBe(next.id)
    expect(board!.next!.published).toBe(true)
    expect(board!.next!.agenda.map((i) => i.title)).toEqual(['Budget', 'Contract award'])
    expect(board!.next!.agenda.flatMap((i) => i.papers.map((p) => p.id))).toEqual([open.id, secret.id])
    expect(board!.later.map((l) => l.id)).toEqual([later.id])
  })

  it('shows no agenda before it is published, and nothing for a member with no seat', async () => {
    const m = await member()
    const next = await buildMeeting(t.db, { bodyId: m.board.id, date: addDays(today, 10) })
    await buildAgendaItem(t.db, { meetingId: next.id, title: 'Draft item' })
    const home = await t.services.members.memberHome(m.user)
    expect(home.bodies[0]!.next).toMatchObject({ published: false, agenda: [], papers: [] })
    expect(home.bodies[0]!.next!.meeting.id).toBe(next.id)

    const unseated = await t.services.members.memberHome({ ...m.user, memberOf: [], personId: null })
    expect(unseated).toMatchObject({ bodies: [], actions: [] })
  })

  it('lists the actions the member owns that are on a log, and only theirs', async () => {
    const m = await member()
    const someoneElse = await buildPerson(t.db)
    const mine = await buildAction(t.db, { bodyId: m.board.id, description: 'Draft the strategy', dueOn: addDays(today, -2), owners: [{ personId: m.person.id }] })
    await buildAction(t.db, { bodyId: m.board.id, description: 'Dropped one', status: 'dropped', droppedReason: 'Overtaken', owners: [{ personId: m.person.id }] })
    await buildAction(t.db, { bodyId: m.other.id, description: 'Not mine', owners: [{ personId: someoneElse.id }] })
    const home = await t.services.members.memberHome(m.user)
    expect(home.actions.map((a) => a.id)).toEqual([mine.id])
    expect(updateAsked(home.actions[0]!, today)).toMatch(/^Overdue/)
  })

  it('records the member’s update and completion, audited as them; refuses an empty one and someone else’s action', async () => {
    const m = await member()
    const action = await buildAction(t.db, { bodyId: m.board.id, description: 'Report back', owners: [{ personId: m.person.id }] })
    const notMine = await buildAction(t.db, { bodyId: m.board.id, description: 'Theirs', owners: [{ groupName: 'PMO' }] })

    const empty = await rejection(t.services.members.recordUpdate(m.user, action.id, { completed: false }))
    expect(empty).toMatchObject({ code: 'VALIDATION', fieldErrors: { text: expect.any(String) } })
    expect((await rejection(t.services.members.ownAction(m.user, notMine.id))).code).toBe('NOT_FOUND')
    expect((await rejection(t.services.members.recordUpdate(m.user, notMine.id, { text: 'Sneaky', completed: false }))).code).toBe('NOT_FOUND')
    expect(await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, notMine.id))).toHaveLength(0)

    expect(await t.services.members.recordUpdate(m.user, action.id, { text: 'Sent to partners', completed: true })).toEqual({ completed: true })
    const [row] = await t.db.select().from(actions).where(eq(actions.id, action.id))
    expect(row!.status).toBe('completed')
    const [update] = await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, action.id))
    expect(update).toMatchObject({ text: 'Sent to partners', statusTo: 'completed', authorPersonId: m.person.id })
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, action.id), eq(auditEvents.event, 'action.completed_by_owner')))
    expect(audit!.actorUserId).toBe(m.user.id)

    // Completed already: a tick alone records nothing, words are still welcome.
    expect((await rejection(t.services.members.recordUpdate(m.user, action.id, { completed: true }))).code).toBe('VALIDATION')
    await buildActionUpdate(t.db, { actionId: action.id, text: 'noted' })
    expect(await t.services.members.recordUpdate(m.user, action.id, { text: 'One more thing', completed: false })).toEqual({ completed: false })
  })

  it('asks for an update on an open action that is overdue, due soon or has none; never on a completed one', () => {
    const base = { status: 'open' as const, dueOn: null, latestUpdate: null }
    const update = { createdAt: new Date() } as never
    expect(updateAsked(base, today)).toBe('No update yet')
    expect(updateAsked({ ...base, latestUpdate: update }, today)).toBeNull()
    expect(updateAsked({ ...base, latestUpdate: update, dueOn: addDays(today, 14) }, today)).toMatch(/^Due on/)
    expect(updateAsked({ ...base, latestUpdate: update, dueOn: addDays(today, 15) }, today)).toBeNull()
    expect(updateAsked({ ...base, latestUpdate: update, dueOn: addDays(today, -1) }, today)).toMatch(/^Overdue/)
    expect(updateAsked({ ...base, status: 'completed', dueOn: addDays(today, -1) }, today)).toBeNull()
  })
})
