import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildDocument, buildMeeting, buildMembership, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { actionUpdates } from '../actions/actions.tables.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { memberPaths } from './members.paths.ts'

const t = useTestApp()
const today = londonToday()
const paperHref = (p: { id: string; filename: string }) => meetingPaths.public.paper(p.id, p.filename)

/** Two bodies of one partnership, each with a member signed in and a published next meeting with an exempt paper. */
async function twoBodies() {
  const partnership = await buildPartnership(t.db, { name: 'Eastvale Partnership' })
  const side = async (name: string) => {
    const body = await buildBody(t.db, { partnershipId: partnership.id, name })
    const person = await buildPerson(t.db, { fullName: `${name} Member` })
    await buildMembership(t.db, { bodyId: body.id, personId: person.id })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: addDays(today, 12), venue: `${name} Hall` }, 'agendaPublished')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id, title: `${name} finances` })
    const exemptItem = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 1, title: `${name} staffing`, isExempt: true, exemptParagraph: 1, publicInterestReasoning: 'Staff' })
    const open = await buildDocument(t.db, { meetingId: meeting.id, itemId: item.id, title: `${name} open report`, filename: 'open.pdf' })
    const exempt = await buildDocument(t.db, { meetingId: meeting.id, itemId: exemptItem.id, title: `${name} exempt report`, filename: 'exempt.pdf', isExempt: true, exemptParagraph: 1 })
    const action = await buildAction(t.db, { bodyId: body.id, description: `${name} action to do`, dueOn: addDays(today, 5), owners: [{ personId: person.id }] })
    const agent = await signedInAgent(t.app, t.services, { personId: person.id })
    return { body, person, meeting, open, exempt, action, agent }
  }
  return { partnership, a: await side('Audit Committee'), b: await side('Housing Board') }
}

describe('the members’ home', () => {
  it('sends anonymous visitors to sign in, and a member to their home after signing in', async () => {
    const anonymous = new Agent(t.app)
    const res = await anonymous.get(memberPaths.home())
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(memberPaths.home())}`)
    expect((await anonymous.get(memberPaths.action('00000000-0000-4000-8000-000000000000'))).status).toBe(302)

    const { a } = await twoBodies()
    const landing = await a.agent.get('/manage')
    expect(landing.status).toBe(302)
    expect(landing.headers.get('location')).toBe(memberPaths.home())
  })

  it('shows the member’s body’s next meeting with its papers, exempt ones included, that they may open; never another body’s', async () => {
    const { a, b } = await twoBodies()
    const home = await a.agent.getText(memberPaths.home())
    expect(home.status).toBe(200)
    expect(home.text).toContain('Your meetings and actions')
    expect(home.text).toContain('Audit Committee Hall')
    expect(home.text).toContain('Audit Committee staffing')
    expect(home.text).toContain(`href="${paperHref(a.open)}"`)
    expect(home.text).toContain(`href="${paperHref(a.exempt)}"`)
    expect(home.text).toContain('Exempt: for members only')
    expect(home.text).toContain('Audit Committee action to do')
    expect(home.text).toContain('Read the papers for Audit Committee')
    expect(home.text).toContain('href="/home"') // the header links to it
    for (const theirs of ['Housing Board', paperHref(b.open), paperHref(b.exempt), 'Housing Board action to do']) expect(home.text).not.toContain(theirs)

    // The paper links open: a member has their own body's exempt paper; another body's member does not.
    const own = await a.agent.get(paperHref(a.exempt))
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toBe('application/pdf')
    expect((await b.agent.get(paperHref(a.exempt))).status).toBe(404)
    expect((await new Agent(t.app).get(paperHref(a.exempt))).status).toBe(404)
    expect((await b.agent.get(paperHref(a.open))).status).toBe(200)
  })

  it('takes a member’s update on their own action, and refuses another’s action with 404', async () => {
    const { a, b } = await twoBodies()
    expect((await a.agent.get(memberPaths.action(b.action.id))).status).toBe(404)
    await a.agent.get(memberPaths.home())
    expect((await a.agent.post(memberPaths.action(b.action.id), { text: 'Not mine' })).status).toBe(404)

    const page = await a.agent.getText(memberPaths.action(a.action.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('Update your action')
    const empty = await a.agent.post(memberPaths.action(a.action.id), { text: '  ' })
    expect(empty.status).toBe(400)
    const emptyText = await empty.text()
    expect(emptyText).toContain('href="#text"')
    expect(emptyText).toContain('Enter your update')

    const sent = await a.agent.post(memberPaths.action(a.action.id), { text: 'Met the auditors', completed: 'true' })
    expect(sent.status).toBe(303)
    expect(sent.headers.get('location')).toBe(memberPaths.home())
    const flashed = await a.agent.getText(memberPaths.home())
    expect(flashed.text).toContain('your update was recorded and the action marked completed')
    expect(flashed.text).toContain('Met the auditors')
    const rows = await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, a.action.id))
    expect(rows).toEqual([expect.objectContaining({ text: 'Met the auditors', statusTo: 'completed', authorPersonId: a.person.id })])
    expect(await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, b.action.id))).toHaveLength(0)
  })

  it('gives staff with no person record a home that says so, and keeps their /manage', async () => {
    const { partnership } = await twoBodies()
    const secretariat = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
    expect((await secretariat.get('/manage')).status).toBe(200)
    const home = await secretariat.getText(memberPaths.home())
    expect(home.status).toBe(200)
    expect(home.text).toContain('You do not hold a seat on any body')
    expect(home.text).toContain('not linked to a person record')
    expect(home.text).not.toContain('href="/home"')
  })
})
