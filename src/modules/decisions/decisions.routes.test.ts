import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { buildBodyAction } from '../../../test/support/action-builders.ts'
import { expectToContainAll } from '../../../test/support/page-text.ts'
import { decisionPaths } from './decisions.paths.ts'

const t = useTestApp()
const db = () => t.db
const published = new Date('2020-01-01T09:00:00Z')

let chorley: Awaited<ReturnType<typeof buildPartnership>>
let other: Awaited<ReturnType<typeof buildPartnership>>

beforeAll(async () => {
  chorley = await buildPartnership(db(), { slug: 'chorley-test', name: 'Chorley Test' })
  other = await buildPartnership(db(), { slug: 'other-test', name: 'Other Test' })
  const exec = await buildBody(db(), { partnershipId: chorley.id, slug: 'exec-test', name: 'Executive Test', numberingScheme: 'continuing', nextItemNumber: 43 })
  const board = await buildBody(db(), { partnershipId: other.id, slug: 'board-test', name: 'Board Test' })
  const sept = await buildMeeting(db(), { bodyId: exec.id, date: '2016-09-27', status: 'minutes_draft', agendaPublishedAt: published, firstItemNumber: 43 })
  await buildAgendaItem(db(), { meetingId: sept.id, position: 0, title: 'Welcome' })
  const evaluation = await buildAgendaItem(db(), { meetingId: sept.id, position: 1, title: 'Overview Evaluation (Year One)' })
  const d1 = await buildDecision(db(), { itemId: evaluation.id, text: 'RESOLVED: to agree the evaluation' })
  await buildBodyAction(db(), { bodyId: exec.id, decisionId: d1.id, description: 'public linked action', raisedOn: '2016-09-27' })
  await buildBodyAction(db(), { bodyId: exec.id, decisionId: d1.id, description: 'CANARY private linked action', isPublic: false, raisedOn: '2016-09-27' })
  const exempt = await buildAgendaItem(db(), { meetingId: sept.id, position: 2, title: 'CANARY exempt item', isExempt: true, exemptParagraph: 3 })
  await buildDecision(db(), { itemId: exempt.id, text: 'CANARY exempt decision' })
  const sub = await buildAgendaItem(db(), { meetingId: sept.id, parentItemId: exempt.id, position: 0, title: 'Sub of exempt' })
  await buildDecision(db(), { itemId: sub.id, text: 'CANARY decision under an exempt parent' })
  const scheduled = await buildMeeting(db(), { bodyId: exec.id, date: '2016-11-22', status: 'agenda_published', agendaPublishedAt: published })
  const item = await buildAgendaItem(db(), { meetingId: scheduled.id, title: 'Future' })
  await buildDecision(db(), { itemId: item.id, text: 'CANARY decision before minutes' })
  const boardMeeting = await buildMeeting(db(), { bodyId: board.id, date: '2015-02-10', status: 'minutes_approved', agendaPublishedAt: published })
  for (let i = 0; i < 27; i++) {
    const it = await buildAgendaItem(db(), { meetingId: boardMeeting.id, position: i, title: `Board item ${i + 1}` })
    await buildDecision(db(), { itemId: it.id, text: `Board decision ${i + 1} on Our Health` })
  }
})

const count = (html: string) => /<p class="govuk-body" id="result-count">([^<]*)<\/p>/.exec(html)?.[1]

describe('the public decisions register', () => {
  it('lists decisions with meeting, body, item number and title and public linked actions, never exempt ones', async () => {
    const { status, text } = await new Agent(t.app).getText(`${decisionPaths.public.decisions()}?partnership=chorley-test`)
    expect(status).toBe(200)
    expect(count(text)).toBe('1 decision')
    expectToContainAll(text, ['27 September 2016', 'Executive Test', '44. Overview Evaluation (Year One)', 'RESOLVED: to agree the evaluation', 'public linked action'])
    expect(text).not.toContain('CANARY')
  })

  it('filters by body, dates and text, and pages by 25', async () => {
    const agent = new Agent(t.app)
    expect(count((await agent.getText(`${decisionPaths.public.decisions()}?body=board-test`)).text)).toBe('27 decisions')
    expect(count((await agent.getText(`${decisionPaths.public.decisions()}?from=2016-01-01&to=2016-12-31`)).text)).toBe('1 decision')
    expect(count((await agent.getText(`${decisionPaths.public.decisions()}?q=decision%2012`)).text)).toBe('1 decision')
    expect(count((await agent.getText(`${decisionPaths.public.decisions()}?q=100%25`)).text)).toBe('0 decisions')
    const page1 = (await agent.getText(`${decisionPaths.public.decisions()}?body=board-test`)).text
    expect((page1.match(/id="decision-/g) ?? []).length).toBe(25)
    expect(page1).toContain('page=2')
    const page2 = (await agent.getText(`${decisionPaths.public.decisions()}?body=board-test&page=2`)).text
    expect((page2.match(/id="decision-/g) ?? []).length).toBe(2)
  })

  it('shows a bad filter as an error, not a failure', async () => {
    const res = await new Agent(t.app).getText(`${decisionPaths.public.decisions()}?from=not-a-date`)
    expect(res.status).toBe(400)
    expect(res.text).toContain('There is a problem')
    expect(res.text).not.toContain('CANARY')
  })
})

describe('the staff decisions register', () => {
  it('needs sign in, and shows staff only their partnerships, exempt decisions included', async () => {
    const anon = await new Agent(t.app).get(decisionPaths.manage.decisions())
    expect(anon.status).toBe(302)
    const member = await signedInAgent(t.app, t.services, {})
    expect((await member.get(decisionPaths.manage.decisions())).status).toBe(403)
    const staff = await signedInAgent(t.app, t.services, { secretariatOf: [chorley.id] })
    const { text } = await staff.getText(decisionPaths.manage.decisions())
    expect(text).toContain('CANARY exempt decision')
    expect(text).toContain('CANARY private linked action')
    expect(text).not.toContain('Board decision')
  })
})
