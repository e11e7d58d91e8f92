import { beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { expectPage, expectToContainNone } from '../../../test/support/page-text.ts'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { buildStrategyVersion } from '../../../test/support/strategy-builders.ts'
import { strategyVersions } from './strategy.tables.ts'
import { strategyPaths } from './strategy.paths.ts'

const t = useTestApp()
const P = strategyPaths

const draftForm = (over: Record<string, string> = {}) => ({
  title: 'Public Service Reform Strategy 2015-2020',
  periodFromYear: '2015',
  periodToYear: '2020',
  purpose: 'We will work together to integrate and reconfigure public services',
  vision: 'By 2020, we will have high quality public services',
  principles: '- We will make every contact count\n\n- We will focus on early intervention and prevention\n',
  aims: 'Improve health and wellbeing outcomes\nImprove service delivery standards',
  ...over,
})

const versionIdOf = (res: Response) => /\/manage\/strategy\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!

describe('access to the staff pages', () => {
  let partnershipId: string
  let versionId: string
  let themeId: string
  beforeAll(async () => {
    const built = await buildStrategyVersion(t.db, { themes: [{ title: 'A theme' }] })
    partnershipId = built.partnershipId
    versionId = built.version.id
    themeId = built.themes[0]!.id
  })
  const pages = () => [
    P.manage.strategy(partnershipId),
    P.manage.newDraft(partnershipId),
    P.manage.compare(partnershipId),
    P.manage.version(versionId),
    P.manage.editVersion(versionId),
    P.manage.editTheme(versionId, themeId),
    P.manage.approve(versionId),
  ]
  const forms = () => [
    P.manage.newDraft(partnershipId),
    P.manage.editVersion(versionId),
    P.manage.addTheme(versionId),
    P.manage.editTheme(versionId, themeId),
    P.manage.moveTheme(versionId, themeId),
    P.manage.removeTheme(versionId, themeId),
    P.manage.approve(versionId),
    P.manage.newVersion(versionId),
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
    for (const path of forms()) expect((await other.post(path, { version: '1', title: 'x', direction: 'up' })).status, path).toBe(403)
    const row = await t.db.select().from(strategyVersions).where(eq(strategyVersions.id, versionId))
    expect(row[0]!.version).toBe(1)
  })

  it('an id that is not a uuid is a 404', async () => {
    const staff = await signedInAgent(t.app, t.services, { secretariatOf: [partnershipId] })
    expect((await staff.get(P.manage.version('nope'))).status).toBe(404)
    expect((await staff.get(P.manage.strategy('nope'))).status).toBe(404)
  })
})

describe('keeping the strategy through its pages', () => {
  let partnership: Awaited<ReturnType<typeof buildPartnership>>
  let staff: Agent
  beforeAll(async () => {
    partnership = await buildPartnership(t.db, { slug: 'riverside', name: 'Riverside Partnership' })
    staff = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
  })

  it('drafts, themes, approves at a meeting, starts a new version and compares: every form with its errors and conflicts', async () => {
    const overview = await staff.getText(P.manage.strategy(partnership.id))
    expectPage(overview, 200, ['This partnership has no strategy yet.', P.manage.newDraft(partnership.id)])

    // 400: the error summary, the user's input kept.
    await staff.get(P.manage.newDraft(partnership.id))
    const bad = await staff.post(P.manage.newDraft(partnership.id), draftForm({ title: '', periodFromYear: '2020', periodToYear: '2015' }))
    expect(bad.status).toBe(400)
    expectFormErrors(await bad.text(), ['title', 'periodToYear'], ['Enter the title', 'The last year must be the same as or after the first year', 'We will focus on early intervention and prevention'])

    const created = await staff.post(P.manage.newDraft(partnership.id), draftForm())
    expect(created.status).toBe(303)
    const id = versionIdOf(created)
    const page = await staff.getText(P.manage.version(id))
    expectPage(page, 200, ['Version 1: Public Service Reform Strategy 2015-2020', 'We will make every contact count', 'Improve service delivery standards', 'Add a theme'])

    // Themes: a 400 keeps what was typed; a stale version is a 409 that keeps it too.
    const noTitle = await staff.post(P.manage.addTheme(id), { title: '', description: 'Typed description', version: '1' })
    expect(noTitle.status).toBe(400)
    expectFormErrors(await noTitle.text(), ['title'], ['Typed description'])
    expect((await staff.post(P.manage.addTheme(id), { title: 'Building community capacity', description: 'Working with communities', version: '1' })).status).toBe(303)
    const stale = await staff.post(P.manage.addTheme(id), { title: 'Stale theme', description: 'Kept text', version: '1' })
    expect(stale.status).toBe(409)
    const staleHtml = await stale.text()
    expect(staleHtml).toContain('Someone else changed this')
    expect(staleHtml).toContain('Kept text')
    expect(staleHtml).toContain('name="version" value="2"')
    expect((await staff.post(P.manage.addTheme(id), { title: 'Establishing the single front line', description: '', version: '2' })).status).toBe(303)

    // Editing the details: a stale version keeps the typed text.
    await staff.get(P.manage.editVersion(id))
    const staleEdit = await staff.post(P.manage.editVersion(id), { ...draftForm({ vision: 'A vision typed by someone late' }), version: '1' })
    expect(staleEdit.status).toBe(409)
    expect(await staleEdit.text()).toContain('A vision typed by someone late')

    // The draft is not public.
    const anon = new Agent(t.app)
    expect((await anon.get(P.public.version('riverside', 1))).status).toBe(404)
    expectToContainNone((await anon.getText(P.public.strategy('riverside'))).text, ['Public Service Reform Strategy 2015-2020'])

    // Approval: step one chooses the meeting, step two the decision.
    const body = await buildBody(t.db, { partnershipId: partnership.id, name: 'Riverside Executive' })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2015-06-16' }, 'minutesDraft')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'Reform strategy' })
    const decision = await buildDecision(t.db, { itemId: item.id, text: 'RESOLVED: that the strategy be approved' })
    const step1 = await staff.getText(P.manage.approve(id))
    expectPage(step1, 200, ['Which meeting approved it?', 'Riverside Executive, Tuesday 16 June 2015'])
    const step2 = await staff.getText(`${P.manage.approve(id)}?meeting=${meeting.id}`)
    expectPage(step2, 200, ['Which decision approved it?', 'RESOLVED: that the strategy be approved'])
    const approved = await staff.post(P.manage.approve(id), { meetingId: meeting.id, decisionId: decision.id, version: '3' })
    expect(approved.status).toBe(303)
    expectPage(await staff.getText(P.manage.version(id)), 200, ['Approved by Riverside Executive on 16 June 2015', 'RESOLVED: that the strategy be approved', 'Start a new version'])

    // Public: the partnership page and the strategy page show it, with its themes.
    const home = await anon.getText('/partnerships/riverside')
    expectPage(home, 200, ['Public Service Reform Strategy 2015-2020', 'We will make every contact count', 'Establishing the single front line', P.public.theme('riverside', 'establishing-the-single-front-line')])

    // A new version, changed, approved outside Joined Up in a month; then compared.
    const v1 = (await t.db.select().from(strategyVersions).where(eq(strategyVersions.id, id)))[0]!
    const started = await staff.post(P.manage.newVersion(id), { version: String(v1.version) })
    expect(started.status).toBe(303)
    const id2 = versionIdOf(started)
    expect((await staff.post(P.manage.editVersion(id2), { ...draftForm({ vision: 'By 2025, we will have the best public services', changeNote: 'Extended to 2025' }), version: '1' })).status).toBe(303)
    const noMeeting = await staff.getText(`${P.manage.approve(id2)}?meeting=none`)
    expectPage(noMeeting, 200, ['Which body approved it?', 'When was it approved?'])
    const badDate = await staff.post(P.manage.approve(id2), { bodyId: body.id, 'approvedOn-day': '31', 'approvedOn-month': '2', 'approvedOn-year': '2016', version: '2' })
    expect(badDate.status).toBe(400)
    expectFormErrors(await badDate.text(), ['approvedOn'], ['The date it was approved must be a real date', 'value="31"'])
    expect((await staff.post(P.manage.approve(id2), { bodyId: body.id, 'approvedOn-day': '', 'approvedOn-month': 'January', 'approvedOn-year': '2016', version: '2' })).status).toBe(303)

    const compare = await staff.getText(P.manage.compare(partnership.id))
    expectPage(compare, 200, ['From', 'Version 1', 'Version 2', '<del class="app-diff__removed"><span class="govuk-visually-hidden">removed: </span>2020,</del>', '2025,</ins>'])
    const publicCompare = await anon.getText(`${P.public.compare('riverside')}?from=1&to=2`)
    expectPage(publicCompare, 200, ['What changed between versions', '2025,</ins>'])
    const history = await anon.getText(P.public.strategy('riverside'))
    expectPage(history, 200, ['Approved by Riverside Executive in January 2016', 'Extended to 2025', P.public.version('riverside', 1)])
    expectPage(await anon.getText(P.public.version('riverside', 1)), 200, ['It has been superseded', 'By 2020, we will have high quality public services'])
    expect((await anon.get(P.public.version('riverside', 3))).status).toBe(404)
    expect((await anon.get(P.public.version('riverside', 'x'))).status).toBe(404)
  })

  it('a theme can be renamed, moved and removed from a draft; an approved version refuses changes', async () => {
    const p = await buildPartnership(t.db)
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [p.id] })
    const { version, themes } = await buildStrategyVersion(t.db, { partnershipId: p.id, themes: [{ title: 'First' }, { title: 'Second' }] })
    const edit = await agent.getText(P.manage.editTheme(version.id, themes[0]!.id))
    expectPage(edit, 200, ['Change the theme', 'value="First"'])
    expect((await agent.post(P.manage.editTheme(version.id, themes[0]!.id), { title: 'First, renamed', description: '', version: '1' })).status).toBe(303)
    expect((await agent.post(P.manage.moveTheme(version.id, themes[1]!.id), { direction: 'up', version: '2' })).status).toBe(303)
    expect((await agent.post(P.manage.removeTheme(version.id, themes[0]!.id), { version: '3' })).status).toBe(303)
    const page = await agent.getText(P.manage.version(version.id))
    expect(page.text).toContain('Second')
    expect(page.text).not.toContain('First, renamed')
    const approved = await buildStrategyVersion(t.db, { partnershipId: (await buildPartnership(t.db)).id, approved: {} })
    const admin = await signedInAgent(t.app, t.services, { isAdmin: true })
    const refused = await admin.post(P.manage.addTheme(approved.version.id), { title: 'Late', version: '1' })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('can no longer be changed')
  })
})
