import { beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { expectPage, expectToContainNone } from '../../../test/support/page-text.ts'
import { addPartner, buildAgendaItem, buildBody, buildDecision, buildDocument, buildMeeting, buildMembership, buildOrganisation, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { buildMilestone, buildProgrammeLink, buildStrategyVersion, buildWorkstream } from '../../../test/support/strategy-builders.ts'
import { strategyPaths } from '../strategy/strategy.paths.ts'
import { programmePaths } from './programme.paths.ts'
import { workstreamMilestones, workstreams } from './programme.tables.ts'

const t = useTestApp()
const P = programmePaths

describe('access to the staff pages', () => {
  let partnershipId: string
  let workstreamId: string
  let milestoneId: string
  let themeId: string
  beforeAll(async () => {
    const w = await buildWorkstream(t.db)
    partnershipId = w.partnershipId
    workstreamId = w.id
    themeId = w.themeId
    milestoneId = (await buildMilestone(t.db, { workstreamId })).id
  })
  const pages = () => [
    P.manage.programme(partnershipId),
    P.manage.newWorkstream(partnershipId),
    P.manage.workstream(workstreamId),
    P.manage.editWorkstream(workstreamId),
    P.manage.editMilestone(milestoneId),
    P.manage.theme(themeId),
    P.manage.links('workstream', workstreamId),
    P.manage.links('theme', themeId),
  ]
  const forms = () => [
    P.manage.newWorkstream(partnershipId),
    P.manage.editWorkstream(workstreamId),
    P.manage.addUpdate(workstreamId),
    P.manage.addMilestone(workstreamId),
    P.manage.editMilestone(milestoneId),
    P.manage.links('workstream', workstreamId),
    P.manage.removeLink('workstream', workstreamId),
    P.manage.links('theme', themeId),
    P.manage.removeLink('theme', themeId),
  ]

  it('no user: pages redirect to sign in, forms are 401', async () => {
    const anon = new Agent(t.app)
    for (const path of pages()) {
      const res = await anon.get(path)
      expect(res.status, path).toBe(302)
      expect(res.headers.get('location'), path).toMatch(/^\/sign-in/)
    }
    for (const path of forms()) expect((await anon.post(path, { version: '1' })).status, path).toBe(401)
  })

  it('another partnership’s secretariat gets 403 on every page and form', async () => {
    const other = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(t.db)).id] })
    for (const path of pages()) expect((await other.get(path)).status, path).toBe(403)
    const valid = { version: '1', title: 'x', text: 'x', status: 'on_track', isPublic: 'no', themeId, linkId: milestoneId, meetingId: milestoneId, itemIds: milestoneId }
    for (const path of forms()) expect((await other.post(path, valid)).status, path).toBe(403)
    const [row] = await t.db.select().from(workstreams).where(eq(workstreams.id, workstreamId))
    expect(row!.version).toBe(1)
  })
})

describe('running the programme through its pages', () => {
  let partnership: Awaited<ReturnType<typeof buildPartnership>>
  let staff: Agent
  let themeId: string
  let bodyId: string
  beforeAll(async () => {
    partnership = await buildPartnership(t.db, { slug: 'brookside', name: 'Brookside Partnership' })
    const body = await buildBody(t.db, { partnershipId: partnership.id, name: 'Brookside Implementation Group' })
    bodyId = body.id
    const org = await buildOrganisation(t.db, { name: 'Brookside Council' })
    await addPartner(t.db, partnership.id, org.id)
    await buildMembership(t.db, { bodyId: body.id, personId: (await buildPerson(t.db, { fullName: 'Sam Lead' })).id })
    themeId = (await buildStrategyVersion(t.db, { partnershipId: partnership.id, approved: { bodyId: body.id }, themes: [{ title: 'Building community capacity', description: 'Working with communities' }] })).themes[0]!.id
    staff = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
  })

  it('adds a workstream (dates in three boxes), updates it with RAG rules, adds and completes a milestone', async () => {
    const form = await staff.getText(P.manage.newWorkstream(partnership.id))
    expectPage(form, 200, ['Add a workstream', 'Building community capacity', 'Sam Lead', 'Brookside Council', 'Brookside Implementation Group', 'name="startsOn-day"'])
    const bad = await staff.post(P.manage.newWorkstream(partnership.id), { themeId, title: 'Resilient Communities', 'startsOn-day': '', 'startsOn-month': '', 'startsOn-year': '2016', isPublic: 'yes' })
    expect(bad.status).toBe(400)
    expectFormErrors(await bad.text(), ['startsOn'], ['The start date must include a month', 'value="Resilient Communities"', 'value="2016"'])
    const created = await staff.post(P.manage.newWorkstream(partnership.id), { themeId, title: 'Resilient Communities', 'startsOn-day': '', 'startsOn-month': '2', 'startsOn-year': '2016', owningBodyId: bodyId, isPublic: 'yes' })
    expect(created.status).toBe(303)
    const id = /\/manage\/workstreams\/([0-9a-f-]{36})/.exec(created.headers.get('location')!)![1]!
    expectPage(await staff.getText(P.manage.workstream(id)), 200, ['Resilient Communities', 'From February 2016', 'Brookside Implementation Group', 'RAG: not rated'])

    // Amber without a reason: 400, the update's text kept.
    const amber = await staff.post(P.manage.addUpdate(id), { text: 'Volunteers slow to come forward', status: 'at_risk', rag: 'amber', ragReason: '', isPublic: 'no', version: '1' })
    expect(amber.status).toBe(400)
    expectFormErrors(await amber.text(), ['ragReason'], ['Enter why the workstream is rated amber', 'Volunteers slow to come forward'])
    expect((await staff.post(P.manage.addUpdate(id), { text: 'Volunteers slow to come forward', status: 'at_risk', rag: 'amber', ragReason: 'Recruitment behind plan', isPublic: 'yes', version: '1' })).status).toBe(303)
    const stale = await staff.post(P.manage.addUpdate(id), { text: 'Typed while someone else saved', status: 'on_track', rag: 'green', isPublic: 'no', version: '1' })
    expect(stale.status).toBe(409)
    const staleHtml = await stale.text()
    expect(staleHtml).toContain('Typed while someone else saved')
    expect(staleHtml).toContain('name="version" value="2"')
    expectPage(await staff.getText(P.manage.workstream(id)), 200, ['At risk', 'RAG: Amber', 'Reason for the rating: Recruitment behind plan'])

    // A milestone due in August 2016, then completed.
    const badMilestone = await staff.post(P.manage.addMilestone(id), { title: 'Six-month evaluation', 'dueOn-day': '', 'dueOn-month': '13', 'dueOn-year': '2016' })
    expect(badMilestone.status).toBe(400)
    expectFormErrors(await badMilestone.text(), ['dueOn'], ['The due date must be a real date', 'value="Six-month evaluation"'])
    expect((await staff.post(P.manage.addMilestone(id), { title: 'Six-month evaluation', 'dueOn-day': '', 'dueOn-month': '8', 'dueOn-year': '2016' })).status).toBe(303)
    const [milestone] = await t.db.select().from(workstreamMilestones).where(eq(workstreamMilestones.workstreamId, id))
    expectPage(await staff.getText(P.manage.workstream(id)), 200, ['Six-month evaluation', 'August 2016', 'Overdue'])
    const editForm = await staff.getText(P.manage.editMilestone(milestone!.id))
    expectPage(editForm, 200, ['name="dueOn-month" type="text" value="8"'])
    const noDate = await staff.post(P.manage.editMilestone(milestone!.id), { title: 'Six-month evaluation', 'dueOn-month': '8', 'dueOn-year': '2016', status: 'completed', version: '1' })
    expect(noDate.status).toBe(400)
    expectFormErrors(await noDate.text(), ['doneOn'], ['Enter the date the milestone was completed'])
    expect((await staff.post(P.manage.editMilestone(milestone!.id), { title: 'Six-month evaluation', 'dueOn-month': '8', 'dueOn-year': '2016', status: 'completed', 'doneOn-day': '27', 'doneOn-month': '9', 'doneOn-year': '2016', version: '1' })).status).toBe(303)
    const staleMilestone = await staff.post(P.manage.editMilestone(milestone!.id), { title: 'Renamed late', status: 'in_progress', version: '1' })
    expect(staleMilestone.status).toBe(409)
    expect(await staleMilestone.text()).toContain('value="Renamed late"')

    // Editing the workstream: a stale version keeps the input.
    await staff.get(P.manage.editWorkstream(id))
    const staleEdit = await staff.post(P.manage.editWorkstream(id), { themeId, title: 'Renamed by someone late', isPublic: 'yes', version: '1' })
    expect(staleEdit.status).toBe(409)
    expect(await staleEdit.text()).toContain('value="Renamed by someone late"')

    // The programme page lists it under its theme.
    expectPage(await staff.getText(P.manage.programme(partnership.id)), 200, ['Building community capacity', 'Resilient Communities', 'At risk'])
  })

  it('links a meeting’s records from the workstream page, shows them newest first, and removes a link', async () => {
    const w = await buildWorkstream(t.db, { partnershipId: partnership.id, themeId, title: 'Placed based service integration' })
    const meeting = await buildMeeting(t.db, { bodyId, date: '2016-09-27' }, 'minutesDraft')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'Overview Evaluation (Year One)' })
    const decision = await buildDecision(t.db, { itemId: item.id, text: 'RESOLVED: to note the evaluation' })
    const action = await buildAction(t.db, { itemId: item.id, description: 'Circulate the evaluation' })
    const picker = await staff.getText(`${P.manage.links('workstream', w.id)}?meeting=${meeting.id}`)
    expectPage(picker, 200, ['Overview Evaluation (Year One)', 'RESOLVED: to note the evaluation', 'Circulate the evaluation', 'name="itemIds"'])
    const none = await staff.post(P.manage.links('workstream', w.id), { meetingId: meeting.id })
    expect(none.status).toBe(400)
    expectFormErrors(await none.text(), ['records'], ['Select at least one record to link'])
    const res = await staff.post(P.manage.links('workstream', w.id), { meetingId: meeting.id, itemIds: [item.id], decisionIds: [decision.id], actionIds: [action.id] })
    expect(res.status).toBe(303)
    const page = await staff.getText(P.manage.workstream(w.id))
    expectPage(page, 200, ['3 records linked', 'Showing 1 to 3 of 3', 'Overview Evaluation (Year One)', 'RESOLVED: to note the evaluation', 'Circulate the evaluation'])
    expect((await staff.getText(`${P.manage.links('workstream', w.id)}?meeting=${meeting.id}`)).text).toContain('Already linked')
    const linkId = /name="linkId" value="([0-9a-f-]{36})"/.exec(page.text)![1]!
    expect((await staff.post(P.manage.removeLink('workstream', w.id), { linkId })).status).toBe(303)
    expect((await staff.getText(P.manage.workstream(w.id))).text).toContain('Showing 1 to 2 of 2')
    expect((await staff.get(`${P.manage.links('workstream', w.id)}?meeting=${(await buildMeeting(t.db)).id}`)).status).toBe(404)
  })

  it('the public theme and workstream pages show public records only, paginated', async () => {
    const w = await buildWorkstream(t.db, { partnershipId: partnership.id, themeId, title: 'Effective MDT working', status: 'on_track', rag: 'red', ragReason: 'HIDDEN-RAG-REASON' })
    await buildWorkstream(t.db, { partnershipId: partnership.id, themeId, title: 'HIDDEN-PRIVATE-WORKSTREAM', isPublic: false })
    const meeting = await buildMeeting(t.db, { bodyId, date: '2016-07-19' }, 'minutesDraft')
    const open = await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'Open MDT item' })
    const exempt = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 1, title: 'HIDDEN exempt item title', minutes: 'x', isExempt: true, exemptParagraph: 3 })
    const paper = await buildDocument(t.db, { meetingId: meeting.id, itemId: exempt.id, title: 'HIDDEN-PAPER-ON-EXEMPT-ITEM' })
    for (const [key, id] of [['agendaItemId', open.id], ['agendaItemId', exempt.id], ['documentId', paper.id]] as const) {
      await buildProgrammeLink(t.db, { partnershipId: partnership.id, workstreamId: w.id, [key]: id })
    }
    for (let i = 0; i < 21; i++) {
      const it = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 10 + i, title: `Filler ${i}` })
      await buildProgrammeLink(t.db, { partnershipId: partnership.id, workstreamId: w.id, agendaItemId: it.id })
    }
    const anon = new Agent(t.app)
    const page1 = await anon.getText(P.public.workstream('brookside', w.slug))
    expectPage(page1, 200, ['Effective MDT working', 'RAG: Red', 'Showing 1 to 20 of 22', '?page=2'])
    const page2 = await anon.getText(`${P.public.workstream('brookside', w.slug)}?page=2`)
    expectPage(page2, 200, ['Showing 21 to 22 of 22'])
    const theme = await anon.getText(strategyPaths.public.theme('brookside', 'building-community-capacity'))
    expectPage(theme, 200, ['Building community capacity', 'Working with communities', 'Effective MDT working'])
    for (const text of [page1.text, page2.text, theme.text]) expectToContainNone(text, ['HIDDEN'])
    expect((await anon.get(P.public.workstream('brookside', 'hidden-private-workstream'))).status).toBe(404)
    expect((await anon.get(strategyPaths.public.theme('brookside', 'no-such-theme'))).status).toBe(404)
    const home = await anon.getText('/partnerships/brookside')
    expectPage(home, 200, ['Themes and programme', 'Effective MDT working'])
    expectToContainNone(home.text, ['HIDDEN'])
  })
})
