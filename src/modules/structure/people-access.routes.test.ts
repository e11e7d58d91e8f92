import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { actionOwners } from '../actions/actions.tables.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths as paths } from './structure.paths.ts'
import { memberships, people, personPartnerships } from './structure.tables.ts'

const t = useTestApp()

/** Fetch a form page (for its CSRF token) and post to it. */
async function submit(agent: Agent, path: string, fields: Record<string, string | string[]>) {
  await agent.get(path)
  const res = await agent.post(path, fields)
  return { status: res.status, location: res.headers.get('location'), html: res.headers.get('location') ? '' : await res.text() }
}

const usersOf = async (personId: string) =>
  (await t.db.select().from(personPartnerships).where(eq(personPartnerships.personId, personId))).map((r) => r.partnershipId)

/** Two partnerships, each with a body, a meeting and an agenda item, and each with its secretariat signed in. */
async function twoPartnerships() {
  const chorley = await buildPartnership(t.db, { name: 'Chorley Together' })
  const gloucs = await buildPartnership(t.db, { name: 'Gloucestershire Partnership' })
  const side = async (partnershipId: string) => {
    const body = await buildBody(t.db, { partnershipId })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2025-06-10' }, 'agendaPublished')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id })
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnershipId] })
    return { body, meeting, item, agent }
  }
  return { chorley, gloucs, c: await side(chorley.id), g: await side(gloucs.id) }
}

describe('issue 10, defect 1: a person record is seen and changed only by the partnerships that use it', () => {
  it('reproduces the attack: Gloucestershire cannot take over the owner of a Chorley action', async () => {
    const { chorley, c, g } = await twoPartnerships()

    // Chorley adds a new person and makes them the owner of a Chorley action.
    const added = await submit(c.agent, paths.manage.newPerson(), { fullName: 'Olive Owner', email: 'olive@chorley.example', partnershipId: chorley.id })
    expect(added.status).toBe(303)
    const [olive] = await t.db.select().from(people).where(eq(people.fullName, 'Olive Owner'))
    expect(await usersOf(olive!.id)).toEqual([chorley.id])
    const action = await submit(c.agent, actionPaths.manage.newAction(c.item.id), { description: 'Report back on the audit', personIds: olive!.id })
    expect(action.status).toBe(303)

    // The Gloucestershire secretariat tries to put its own email on the record: refused, and nothing changes.
    const edit = paths.manage.editPerson(olive!.id)
    expect((await g.agent.get(edit)).status).toBe(403)
    await g.agent.get(paths.manage.people())
    const post = await g.agent.post(edit, { fullName: 'Olive Owner', email: 'attacker@gloucs.example', version: '1' })
    expect(post.status).toBe(403)
    const [after] = await t.db.select().from(people).where(eq(people.id, olive!.id))
    expect(after).toMatchObject({ email: 'olive@chorley.example', version: 1 })

    // It does not see the person in the register, nor in any picker.
    const list = await g.agent.getText(`${paths.manage.people()}?q=Olive`)
    expect(list.status).toBe(200)
    expect(list.text).not.toContain('Olive Owner')
    for (const picker of [paths.manage.newMembership(g.body.id), actionPaths.manage.newAction(g.item.id), meetingPaths.manage.attendance(g.meeting.id)]) {
      const page = await g.agent.getText(picker)
      expect(page.status, picker).toBe(200)
      expect(page.text, picker).not.toContain('Olive Owner')
      expect(page.text, picker).not.toContain(olive!.id)
    }
    expect(await usersOf(olive!.id)).toEqual([chorley.id])

    // Chorley still works with its person.
    expect((await submit(c.agent, edit, { fullName: 'Olive Owner', email: 'olive.owner@chorley.example', version: '1' })).status).toBe(303)
  })

  it('refuses to let another partnership reach the person by seating, minuting or giving them an action', async () => {
    const { chorley, g } = await twoPartnerships()
    const olive = await buildPerson(t.db, { fullName: 'Olive Owner', usedBy: chorley.id })

    const seat = await submit(g.agent, paths.manage.newMembership(g.body.id), { personId: olive.id, role: 'member' })
    expect(seat.status).toBe(400)
    expect(seat.html).toContain('href="#personId"')
    expect(await t.db.select().from(memberships).where(eq(memberships.personId, olive.id))).toHaveLength(0)

    const action = await submit(g.agent, actionPaths.manage.newAction(g.item.id), { description: 'Do a thing', personIds: olive.id })
    expect(action.status).toBe(400)
    expect(action.html).toContain('Select a person from the list')
    expect(await t.db.select().from(actionOwners).where(eq(actionOwners.personId, olive.id))).toHaveLength(0)

    const attendance = await submit(g.agent, meetingPaths.manage.attendance(g.meeting.id), { version: String(g.meeting.version), 'others.0.personId': olive.id })
    expect(attendance.status).toBe(400)
    expect(attendance.html).toContain('href="#others-0-personId"')

    // None of it made Gloucestershire a user of the record, so the edit page stays closed.
    expect(await usersOf(olive.id)).toEqual([chorley.id])
    expect((await g.agent.get(paths.manage.editPerson(olive.id))).status).toBe(403)
  })

  it('a person added by a secretariat of several partnerships belongs to the one they choose', async () => {
    const a = await buildPartnership(t.db, { name: 'Alpha Partnership' })
    const b = await buildPartnership(t.db, { name: 'Beta Partnership' })
    const stranger = await buildPartnership(t.db, { name: 'Stranger Partnership' })
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [a.id, b.id] })

    const form = await agent.getText(paths.manage.newPerson())
    expect(form.text).toContain('Partnership adding this person')
    expect(form.text).toContain('Beta Partnership')
    expect(form.text).not.toContain('Stranger Partnership')

    const unchosen = await submit(agent, paths.manage.newPerson(), { fullName: 'Pat Unchosen' })
    expect(unchosen.status).toBe(400)
    expect(unchosen.html).toContain('href="#partnershipId"')
    expect(unchosen.html).toContain('value="Pat Unchosen"')
    const foreign = await submit(agent, paths.manage.newPerson(), { fullName: 'Pat Foreign', partnershipId: stranger.id })
    expect(foreign.status).toBe(400)
    expect(foreign.html).toContain('Select a partnership you manage')

    expect((await submit(agent, paths.manage.newPerson(), { fullName: 'Pat Beta', partnershipId: b.id })).status).toBe(303)
    const [pat] = await t.db.select().from(people).where(eq(people.fullName, 'Pat Beta'))
    expect(await usersOf(pat!.id)).toEqual([b.id])
    expect(await t.db.select().from(people).where(eq(people.fullName, 'Pat Foreign'))).toHaveLength(0)

    // Coming from a body's "add a member", its partnership is chosen already.
    const body = await buildBody(t.db, { partnershipId: a.id })
    const fromSeat = await agent.getText(`${paths.manage.newPerson()}?partnershipId=${a.id}`)
    expect(fromSeat.text).toMatch(new RegExp(`<option value="${a.id}" selected>Alpha Partnership</option>`))
    const seatForm = await agent.getText(paths.manage.newMembership(body.id))
    expect(seatForm.text).toContain(`partnershipId=${a.id}`)
  })

  it('an admin sees and edits everyone; anonymous visitors are sent to sign in', async () => {
    const { chorley } = await twoPartnerships()
    const olive = await buildPerson(t.db, { fullName: 'Olive Owner', usedBy: chorley.id })
    const nobody = await buildPerson(t.db, { fullName: 'Nobody Uses Me' })
    const admin = await signedInAgent(t.app, t.services, { isAdmin: true })
    const list = await admin.getText(paths.manage.people())
    expect(list.text).toContain('Olive Owner')
    expect(list.text).toContain('Nobody Uses Me')
    expect((await admin.get(paths.manage.editPerson(nobody.id))).status).toBe(200)

    const anon = new Agent(t.app)
    const res = await anon.get(paths.manage.editPerson(olive.id))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain('/sign-in?next=')
    await anon.get('/')
    expect((await anon.post(paths.manage.editPerson(olive.id), { fullName: 'x', version: '1' })).status).toBe(401)
  })
})
