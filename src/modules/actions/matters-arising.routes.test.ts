import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { and, eq } from 'drizzle-orm'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { buildBodyAction, buildActionUpdate } from '../../../test/support/action-builders.ts'
import { agendaItems } from '../meetings/meetings.tables.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { actions, actionUpdates } from './actions.tables.ts'
import { actionPaths } from './actions.paths.ts'

const t = useTestApp()

const db = () => t.db

/** The meeting's generated "Matters arising" item(s). */
const mattersArisingItem = (meetingId: string) => and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.kind, 'matters_arising'))
const mattersArisingItems = (meetingId: string) => db().select().from(agendaItems).where(mattersArisingItem(meetingId))

async function setting() {
  const partnership = await buildPartnership(db())
  const body = await buildBody(db(), { partnershipId: partnership.id, kind: 'executive' })
  const july = await buildMeeting(db(), {
    bodyId: body.id,
    date: '2016-07-19',
    status: 'minutes_approved',
    agendaPublishedAt: new Date('2016-07-11T08:00:00Z'),
  })
  const meeting = await buildMeeting(db(), {
    bodyId: body.id,
    date: '2016-09-27',
    status: 'minutes_draft',
    agendaPublishedAt: new Date('2016-09-19T08:00:00Z'),
  })
  const person = await buildPerson(db(), { honorific: 'Cllr', fullName: 'Bradley' })
  const a = await buildBodyAction(db(), {
    bodyId: body.id,
    meetingId: july.id,
    raisedOn: '2016-07-19',
    description: 'send a collective response to LCC',
    owners: [{ personId: person.id }],
  })
  const b = await buildBodyAction(db(), { bodyId: body.id, meetingId: july.id, raisedOn: '2016-07-19', description: 'arrange discussions', owners: [{ groupName: 'PMO' }] })
  const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
  return { partnership, body, july, meeting, a, b, agent }
}

describe('the matters arising page', () => {
  it('needs sign in, and the secretariat of the partnership', async () => {
    const s = await setting()
    const anon = new Agent(t.app)
    const res = await anon.get(actionPaths.manage.mattersArising(s.meeting.id))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain('/sign-in?next=')
    const stranger = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(db())).id] })
    expect((await stranger.get(actionPaths.manage.mattersArising(s.meeting.id))).status).toBe(403)
    expect((await stranger.post(actionPaths.manage.mattersArising(s.meeting.id), { ids: s.a.id })).status).toBe(403)
  })

  it('generates the item on first opening and lists each action with its form', async () => {
    const s = await setting()
    const { status, text } = await s.agent.getText(actionPaths.manage.mattersArising(s.meeting.id))
    expect(status).toBe(200)
    expect(text).toContain('Minutes and Matters arising from Executive Meeting held on 19th July 2016')
    expect(text).toContain('send a collective response to LCC')
    expect(text).toContain(`name="update.${s.a.id}"`)
    expect(text).toContain(`name="outcome.${s.a.id}"`)
    expect(text).toContain('Action – Cllr Bradley to send a collective response to LCC')
    expect(await mattersArisingItems(s.meeting.id)).toHaveLength(1)
  })

  it('the Generate button on the meeting page adds the item once', async () => {
    const s = await setting()
    const page = await s.agent.getText(meetingPaths.manage.meeting(s.meeting.id))
    expect(page.text).toContain(actionPaths.manage.generateMattersArising(s.meeting.id))
    expect(page.text).toContain(actionPaths.manage.mattersArising(s.meeting.id))
    for (let i = 0; i < 2; i++) {
      const res = await s.agent.post(actionPaths.manage.generateMattersArising(s.meeting.id))
      expect(res.status).toBe(303)
    }
    expect(await mattersArisingItems(s.meeting.id)).toHaveLength(1)
  })

  it('re-renders with 400, the errors and the input kept when a dropped action has no reason', async () => {
    const s = await setting()
    await s.agent.get(actionPaths.manage.mattersArising(s.meeting.id))
    const res = await s.agent.post(actionPaths.manage.mattersArising(s.meeting.id), {
      ids: [s.a.id, s.b.id],
      [`version.${s.a.id}`]: '1',
      [`version.${s.b.id}`]: '1',
      [`update.${s.a.id}`]: 'my careful update text',
      [`outcome.${s.b.id}`]: 'dropped',
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('There is a problem')
    expect(html).toContain(`href="#reason-${s.b.id}"`)
    expect(html).toContain('my careful update text')
    const [a] = await db().select().from(actions).where(eq(actions.id, s.a.id))
    expect(a!.version).toBe(1)
  })

  it('returns 409 with the input kept when someone changed an action, and then saves with the new versions', async () => {
    const s = await setting()
    await s.agent.get(actionPaths.manage.mattersArising(s.meeting.id))
    await db().update(actions).set({ version: 5 }).where(eq(actions.id, s.b.id))
    const fields = {
      ids: [s.a.id, s.b.id],
      [`version.${s.a.id}`]: '1',
      [`version.${s.b.id}`]: '1',
      [`update.${s.a.id}`]: 'cleared as response provided.',
      [`outcome.${s.a.id}`]: 'cleared',
    }
    const res = await s.agent.post(actionPaths.manage.mattersArising(s.meeting.id), fields)
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('Someone else changed an action')
    expect(html).toContain('cleared as response provided.')
    expect(html).toContain(`name="version.${s.b.id}" value="5"`)
    const again = await s.agent.post(actionPaths.manage.mattersArising(s.meeting.id), { ...fields, [`version.${s.b.id}`]: '5' })
    expect(again.status).toBe(303)
    const [a] = await db().select().from(actions).where(eq(actions.id, s.a.id))
    expect(a).toMatchObject({ status: 'cleared', clearedAtMeetingId: s.meeting.id })
  })

  it('shows staff the latest update labelled; only the one reported at this meeting prints, on the page and in public', async () => {
    const s = await setting()
    const owner = await buildPerson(db())
    await buildActionUpdate(db(), { actionId: s.a.id, text: 'reported at September', reportedAtMeetingId: s.meeting.id, createdAt: new Date('2016-09-27T15:00:00Z') })
    await buildActionUpdate(db(), { actionId: s.a.id, text: 'CANARY owner update later', authorPersonId: owner.id, createdAt: new Date('2016-12-01T10:00:00Z') })
    const { text } = await s.agent.getText(actionPaths.manage.mattersArising(s.meeting.id))
    expect(text).toContain('CANARY owner update later (1 December 2016): not reported at this meeting, so not printed in its minutes')
    expect(text).toContain('Reported at this meeting')
    const printed = /<div class="app-minutes" id="printed">([\s\S]*?)<\/div>/.exec(text)![1]!
    expect(printed).toContain('Update – reported at September')
    expect(printed).not.toContain('CANARY')

    await db().update(agendaItems).set({ minutes: 'Minutes agreed.' }).where(mattersArisingItem(s.meeting.id))
    const page = await new Agent(t.app).getText(meetingPaths.public.meeting(s.meeting.id))
    expect(page.text).toContain('Update – reported at September')
    expect(page.text).not.toContain('CANARY')
  })

  it('clears and links in one pass, and the public minutes print it like the seed', async () => {
    const s = await setting()
    const c = await buildBodyAction(db(), {
      bodyId: s.body.id,
      meetingId: s.july.id,
      raisedOn: '2016-07-19',
      description: 'consider the outcomes',
      owners: [{ groupName: 'Executive' }],
    })
    await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2016-07-19', description: 'CANARY not public', isPublic: false })
    const exempt = await buildAgendaItem(db(), { meetingId: s.meeting.id, isExempt: true, exemptParagraph: 3, title: 'Exempt item' })
    await buildBodyAction(db(), { bodyId: s.body.id, raisedOn: '2016-07-19', itemId: exempt.id, description: 'CANARY under exempt item' })
    await buildActionUpdate(db(), { actionId: c.id, text: 'older update' })
    await s.agent.get(actionPaths.manage.mattersArising(s.meeting.id))
    const linked = 'both above linked as one action which has been cleared.'
    const res = await s.agent.post(actionPaths.manage.mattersArising(s.meeting.id), {
      ids: [s.a.id, s.b.id, c.id],
      [`version.${s.a.id}`]: '1',
      [`version.${s.b.id}`]: '1',
      [`version.${c.id}`]: '1',
      [`update.${s.a.id}`]: 'cleared as response provided.',
      [`outcome.${s.a.id}`]: 'cleared',
      [`update.${s.b.id}`]: linked,
      [`outcome.${s.b.id}`]: 'cleared',
      [`update.${c.id}`]: linked,
      [`outcome.${c.id}`]: 'cleared',
      [`linkWith.${c.id}`]: s.b.id,
    })
    expect(res.status).toBe(303)
    const updates = await db().select().from(actionUpdates).where(eq(actionUpdates.reportedAtMeetingId, s.meeting.id))
    expect(updates).toHaveLength(3)

    await db().update(agendaItems).set({ minutes: 'Minutes agreed as correct record.' }).where(mattersArisingItem(s.meeting.id))
    const { text } = await new Agent(t.app).getText(meetingPaths.public.meeting(s.meeting.id))
    const block = /<div class="app-matters-arising" id="matters-arising">([\s\S]*?)<\/div>/.exec(text)![1]!
    const lines = [...block.matchAll(/<p class="govuk-body">([^<]*)<\/p>/g)].map((m) => m[1])
    expect(lines).toEqual([
      'Action – Cllr Bradley to send a collective response to LCC',
      'Update – cleared as response provided.',
      'Action – PMO to arrange discussions',
      'Action – Executive to consider the outcomes',
      'Update – both above linked as one action which has been cleared.',
    ])
    expect(text).not.toContain('CANARY')
  })
})
