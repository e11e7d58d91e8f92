import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { rejection } from '../../../test/support/app-error.ts'
import { addPartner, buildAgendaItem, buildBody, buildDecision, buildDocument, buildMeeting, buildMembership, buildOrganisation, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { buildCurrentUser, buildMilestone, buildStrategyVersion, buildWorkstream, buildWorkstreamUpdate } from '../../../test/support/strategy-builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { actions } from '../actions/actions.tables.ts'
import { programmeLinks, workstreams, workstreamUpdates } from './programme.tables.ts'

const t = useTestApp()
const programme = () => t.services.programme

/** 'ok', or the database's message (with the constraint's name) when the write is refused. */
async function dbFailure(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    const err = e as { message?: string; cause?: { message?: string } }
    return `${err.message ?? ''} ${err.cause?.message ?? ''}`
  }
}

/** A partnership with an approved strategy of one theme, a body, a seated person and a partner; its secretariat. */
async function scene() {
  const partnership = await buildPartnership(t.db)
  const body = await buildBody(t.db, { partnershipId: partnership.id, name: 'Implementation Group' })
  const person = await buildPerson(t.db, { fullName: 'Vicky Willett' })
  await buildMembership(t.db, { bodyId: body.id, personId: person.id })
  const organisation = await buildOrganisation(t.db, { name: 'Lancashire County Council' })
  await addPartner(t.db, partnership.id, organisation.id)
  const { themes } = await buildStrategyVersion(t.db, { partnershipId: partnership.id, approved: { bodyId: body.id }, themes: [{ title: 'Enhanced multi-agency teams' }] })
  const user = await buildCurrentUser(t.db, { secretariatOf: [partnership.id] })
  return { partnership, body, person, organisation, theme: themes[0]!, user }
}

const workstreamInput = (themeId: string, over: Record<string, unknown> = {}) => ({
  themeId,
  title: 'Effective MDT working',
  description: undefined,
  leadPersonId: undefined,
  leadOrganisationId: undefined,
  owningBodyId: undefined,
  startsOn: { date: '2016-02-01', precision: 'month' as const },
  endsOn: undefined,
  isPublic: 'yes' as const,
  ...over,
})

const updateInput = (over: Record<string, unknown> = {}) => ({
  text: 'Cases discussed at the multi-disciplinary team',
  status: 'on_track' as const,
  rag: undefined,
  ragReason: undefined,
  isPublic: 'no' as const,
  reportedAtMeetingId: undefined,
  version: 1,
  ...over,
})

describe('workstreams', () => {
  it('records a workstream under a theme, with a lead, owning body and a month-precision start', async () => {
    const { partnership, body, person, organisation, theme, user } = await scene()
    const row = await programme().createWorkstream(user, partnership.id, workstreamInput(theme.id, { leadPersonId: person.id, leadOrganisationId: organisation.id, owningBodyId: body.id }))
    expect(row).toMatchObject({ slug: 'effective-mdt-working', status: 'not_started', rag: null, startsOn: '2016-02-01', startsOnPrecision: 'month', isPublic: true })
    const again = await programme().createWorkstream(user, partnership.id, workstreamInput(theme.id))
    expect(again.slug).toBe('effective-mdt-working-2')
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'workstream.created'), eq(auditEvents.subjectId, row.id)))
    expect(audit!.data).toMatchObject({ partnershipId: partnership.id, themeId: theme.id })
  })

  it('offers and accepts only the partnership’s own themes, people, organisations and bodies', async () => {
    const { partnership, theme, user } = await scene()
    const other = await scene()
    const outsider = await buildPerson(t.db)
    const err = await rejection(
      programme().createWorkstream(user, partnership.id, workstreamInput(other.theme.id, { leadPersonId: outsider.id, leadOrganisationId: other.organisation.id, owningBodyId: other.body.id })),
    )
    expect(Object.keys(err.fieldErrors!).sort()).toEqual(['leadOrganisationId', 'leadPersonId', 'owningBodyId', 'themeId'])
    const form = await programme().newWorkstreamForm(user, partnership.id)
    expect(form.choices.themes.map((x) => x.id)).toEqual([theme.id])
    expect(form.choices.people.map((p) => p.fullName)).toEqual(['Vicky Willett'])
    expect((await rejection(programme().createWorkstream(other.user, partnership.id, workstreamInput(theme.id)))).code).toBe('FORBIDDEN')
  })

  it('the database refuses a workstream under another partnership’s theme, and amber without a reason', async () => {
    const { partnership } = await scene()
    const other = await scene()
    expect(await dbFailure(t.db.insert(workstreams).values({ partnershipId: partnership.id, themeId: other.theme.id, slug: 'x', title: 'x' }))).toContain('workstreams_theme_fk')
    const amber = { partnershipId: other.partnership.id, themeId: other.theme.id, rag: 'amber' as const }
    expect(await dbFailure(buildWorkstream(t.db, { ...amber, ragReason: '  ' }))).toContain('workstreams_rag_reason_check')
    expect(await dbFailure(buildWorkstream(t.db, { ...amber, ragReason: 'Late data' }))).toBe('ok')
  })

  it('a progress update moves the status and RAG; amber and red need a reason; the history is kept', async () => {
    const { partnership, body, theme, user } = await scene()
    const w = await programme().createWorkstream(user, partnership.id, workstreamInput(theme.id))
    expect((await rejection(programme().addProgressUpdate(user, w.id, updateInput({ status: 'at_risk', rag: 'amber' })))).fieldErrors).toEqual({ ragReason: 'Enter why the workstream is rated amber' })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2016-09-27' })
    const elsewhere = await buildMeeting(t.db)
    expect((await rejection(programme().addProgressUpdate(user, w.id, updateInput({ reportedAtMeetingId: elsewhere.id })))).fieldErrors).toEqual({ reportedAtMeetingId: 'Select a meeting of this partnership' })
    await programme().addProgressUpdate(user, w.id, updateInput({ status: 'at_risk', rag: 'amber', ragReason: ' Data sharing agreement late ', reportedAtMeetingId: meeting.id }))
    const after = await programme().addProgressUpdate(user, w.id, updateInput({ text: 'Agreement signed', status: 'on_track', rag: 'green', ragReason: 'ignored? no: kept', version: 2 }))
    expect(after).toMatchObject({ status: 'on_track', rag: 'green', version: 3 })
    expect((await rejection(programme().addProgressUpdate(user, w.id, updateInput({ version: 2 })))).code).toBe('CONFLICT')
    const updates = await t.db.select().from(workstreamUpdates).where(eq(workstreamUpdates.workstreamId, w.id)).orderBy(workstreamUpdates.seq)
    expect(updates.map((u) => [u.status, u.rag, u.ragReason, u.reportedAtMeetingId])).toEqual([
      ['at_risk', 'amber', 'Data sharing agreement late', meeting.id],
      ['on_track', 'green', 'ignored? no: kept', null],
    ])
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'workstream.updated'), eq(auditEvents.subjectId, w.id))).orderBy(auditEvents.id)
    expect(audit!.data).toMatchObject({ statusBefore: 'not_started', status: 'at_risk', ragBefore: null, rag: 'amber' })
  })
})

describe('milestones', () => {
  it('adds a milestone due in a month; completing one needs its date, never in the future', async () => {
    const { partnership, theme, user } = await scene()
    const w = await programme().createWorkstream(user, partnership.id, workstreamInput(theme.id))
    const m = await programme().addMilestone(user, w.id, { title: 'Evaluation after the first six months', dueOn: { date: '2016-08-01', precision: 'month' } })
    expect(m).toMatchObject({ dueOn: '2016-08-01', dueOnPrecision: 'month', status: 'not_started' })
    const base = { title: m.title, dueOn: { date: '2016-08-01', precision: 'month' as const }, note: undefined, version: 1 }
    expect((await rejection(programme().updateMilestone(user, m.id, { ...base, status: 'completed', doneOn: undefined }))).fieldErrors).toEqual({ doneOn: 'Enter the date the milestone was completed' })
    expect((await rejection(programme().updateMilestone(user, m.id, { ...base, status: 'completed', doneOn: { date: addDays(londonToday(), 2), precision: 'day' } }))).fieldErrors).toEqual({
      doneOn: 'The date it was completed must be today or in the past',
    })
    const done = await programme().updateMilestone(user, m.id, { ...base, status: 'completed', doneOn: { date: '2016-09-27', precision: 'day' }, note: 'Presented to the Executive' })
    expect(done).toMatchObject({ status: 'completed', doneOn: '2016-09-27', version: 2 })
    expect((await rejection(programme().updateMilestone(user, m.id, { ...base, status: 'in_progress', doneOn: undefined }))).code).toBe('CONFLICT')
    const other = await buildCurrentUser(t.db, { secretariatOf: [(await buildPartnership(t.db)).id] })
    expect((await rejection(programme().updateMilestone(other, m.id, { ...base, status: 'in_progress', doneOn: undefined, version: 2 }))).code).toBe('FORBIDDEN')
  })
})

describe('links and timelines', () => {
  /** A workstream with a record of each kind linked: some public, some exempt or private or unpublished. */
  async function linked() {
    const s = await scene()
    const w = await programme().createWorkstream(s.user, s.partnership.id, workstreamInput(s.theme.id))
    const held = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-09-27' }, 'minutesDraft')
    const open = await buildAgendaItem(t.db, { meetingId: held.id, title: 'Overview Evaluation (Year One)' })
    const exempt = await buildAgendaItem(t.db, { meetingId: held.id, position: 1, title: 'Exempt item', isExempt: true, exemptParagraph: 3 })
    const decision = await buildDecision(t.db, { itemId: open.id, text: 'RESOLVED: to note the evaluation' })
    const exemptDecision = await buildDecision(t.db, { itemId: exempt.id, text: 'Exempt decision' })
    const paper = await buildDocument(t.db, { meetingId: held.id, itemId: open.id, title: 'Evaluation report' })
    const exemptPaper = await buildDocument(t.db, { meetingId: held.id, itemId: open.id, title: 'Exempt paper', isExempt: true, exemptParagraph: 3 })
    const action = await buildAction(t.db, { itemId: open.id, description: 'Public action', isPublic: true })
    const privateAction = await buildAction(t.db, { itemId: open.id, description: 'Private action', isPublic: false })
    const unpublished = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-11-22' })
    const future = await buildAgendaItem(t.db, { meetingId: unpublished.id, title: 'Unpublished agenda item' })
    const made = await programme().addLinks(s.user, { kind: 'workstream', id: w.id }, {
      meetingId: held.id,
      itemIds: [open.id, exempt.id, future.id],
      decisionIds: [decision.id, exemptDecision.id],
      paperIds: [paper.id, exemptPaper.id],
      actionIds: [action.id, privateAction.id],
    })
    expect(made).toBe(9)
    return { ...s, w, held, open, exempt, decision, exemptDecision, paper, exemptPaper, action, privateAction, future }
  }

  it('links a meeting’s records; the secretariat sees all of them newest first, the public only what its rules allow', async () => {
    const s = await linked()
    const staff = await programme().workstreamPage(s.user, s.w.id)
    expect(staff.timeline.total).toBe(9)
    expect(staff.timeline.rows[0]!.title).toBe('Unpublished agenda item')
    const visible = Object.fromEntries(staff.timeline.rows.map((r) => [r.title, r.visible]))
    expect(visible).toEqual({
      'Unpublished agenda item': false,
      'Overview Evaluation (Year One)': true,
      'Exempt item': false,
      'RESOLVED: to note the evaluation': true,
      'Exempt decision': false,
      'Evaluation report': true,
      'Exempt paper': false,
      'Public action': true,
      'Private action': false,
    })
    const pub = await programme().findPublishedWorkstream(s.partnership.slug, s.w.slug)
    expect(pub.timeline.rows.map((r) => r.title).sort()).toEqual(['Evaluation report', 'Overview Evaluation (Year One)', 'Public action', 'RESOLVED: to note the evaluation'])
    expect(pub.timeline.total).toBe(4)
  })

  it('links nothing twice, refuses records of another partnership, and removes only its own links', async () => {
    const s = await linked()
    expect(await programme().addLinks(s.user, { kind: 'workstream', id: s.w.id }, { meetingId: s.held.id, itemIds: [s.open.id], decisionIds: [], paperIds: [], actionIds: [] })).toBe(0)
    const foreign = await buildAction(t.db, { description: 'elsewhere' })
    expect((await rejection(programme().addLinks(s.user, { kind: 'workstream', id: s.w.id }, { meetingId: s.held.id, itemIds: [], decisionIds: [], paperIds: [], actionIds: [foreign.id] }))).fieldErrors).toEqual({
      records: 'Select records of this partnership’s meetings',
    })
    const [link] = await t.db.select().from(programmeLinks).where(eq(programmeLinks.actionId, s.action.id))
    const other = await programme().createWorkstream(s.user, s.partnership.id, workstreamInput(s.theme.id, { title: 'Other' }))
    expect((await rejection(programme().removeLink(s.user, { kind: 'workstream', id: other.id }, link!.id))).code).toBe('NOT_FOUND')
    await programme().removeLink(s.user, { kind: 'workstream', id: s.w.id }, link!.id)
    expect((await programme().workstreamPage(s.user, s.w.id)).timeline.total).toBe(8)
  })

  it('deleting a linked record deletes its links (nothing dangles)', async () => {
    const s = await linked()
    await t.db.delete(actions).where(eq(actions.id, s.privateAction.id))
    expect(await t.db.select().from(programmeLinks).where(eq(programmeLinks.actionId, s.privateAction.id))).toEqual([])
    expect((await programme().workstreamPage(s.user, s.w.id)).timeline.total).toBe(8)
  })

  it('a theme’s timeline has its own links and its workstreams’, each record once; the public’s leaves out private workstreams', async () => {
    const s = await linked()
    await programme().addLinks(s.user, { kind: 'theme', id: s.theme.id }, { meetingId: s.held.id, itemIds: [s.open.id], decisionIds: [], paperIds: [], actionIds: [] })
    const staffTheme = await programme().themePage(s.user, s.theme.id)
    expect(staffTheme.timeline.total).toBe(9)
    expect(staffTheme.timeline.rows.find((r) => r.title === 'Overview Evaluation (Year One)')!.viaWorkstreamId).toBeNull()
    const pub = await programme().findPublishedTheme(s.partnership.slug, s.theme.slug)
    expect(pub.timeline.total).toBe(4)
    await t.db.update(workstreams).set({ isPublic: false }).where(eq(workstreams.id, s.w.id))
    const hidden = await programme().findPublishedTheme(s.partnership.slug, s.theme.slug)
    expect(hidden.workstreams).toEqual([])
    expect(hidden.timeline.rows.map((r) => r.title)).toEqual(['Overview Evaluation (Year One)'])
  })

  it('pages the timeline', async () => {
    const s = await scene()
    const w = await programme().createWorkstream(s.user, s.partnership.id, workstreamInput(s.theme.id))
    const meeting = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-09-27' }, 'minutesDraft')
    const ids: string[] = []
    for (let i = 0; i < 23; i++) ids.push((await buildAgendaItem(t.db, { meetingId: meeting.id, position: i, title: `Item ${i}` })).id)
    await programme().addLinks(s.user, { kind: 'workstream', id: w.id }, { meetingId: meeting.id, itemIds: ids, decisionIds: [], paperIds: [], actionIds: [] })
    const one = await programme().findPublishedWorkstream(s.partnership.slug, w.slug, 1)
    const two = await programme().findPublishedWorkstream(s.partnership.slug, w.slug, 2)
    const three = await programme().findPublishedWorkstream(s.partnership.slug, w.slug, 3)
    expect([one.timeline.rows.length, two.timeline.rows.length, three.timeline.rows.length]).toEqual([20, 3, 0])
    expect([one.timeline.total, two.timeline.total, three.timeline.total]).toEqual([23, 23, 23])
    expect(one.timeline.pageCount).toBe(2)
  })
})

describe('what the public sees of the programme', () => {
  it('public workstreams under public themes, public updates only, never a RAG reason', async () => {
    const s = await scene()
    const w = await buildWorkstream(t.db, { partnershipId: s.partnership.id, themeId: s.theme.id, title: 'Resilient Communities', status: 'at_risk', rag: 'red', ragReason: 'Secret reason' })
    const hidden = await buildWorkstream(t.db, { partnershipId: s.partnership.id, themeId: s.theme.id, title: 'Hidden', isPublic: false })
    await buildWorkstreamUpdate(t.db, { workstreamId: w.id, text: 'Published update', isPublic: true, rag: 'red', ragReason: 'Secret too' })
    await buildWorkstreamUpdate(t.db, { workstreamId: w.id, text: 'Private update' })
    await buildMilestone(t.db, { workstreamId: w.id, title: 'Evaluation', dueOn: '2016-08-01', dueOnPrecision: 'month' })
    const draftTheme = (await buildStrategyVersion(t.db, { partnershipId: s.partnership.id, number: 2, themes: [{ title: 'Draft theme' }] })).themes[0]!
    const underDraft = await buildWorkstream(t.db, { partnershipId: s.partnership.id, themeId: draftTheme.id, title: 'Under draft' })

    const prog = await programme().publicProgramme(s.partnership.id)
    expect(prog.themes.map((x) => [x.title, x.workstreams.map((y) => y.title)])).toEqual([['Enhanced multi-agency teams', ['Resilient Communities']]])
    expect(prog.themes[0]!.workstreams[0]!.nextMilestone!.title).toBe('Evaluation')
    expect(JSON.stringify(prog)).not.toContain('Secret')

    const page = await programme().findPublishedWorkstream(s.partnership.slug, w.slug)
    expect(page.updates.map((u) => u.text)).toEqual(['Published update'])
    expect(JSON.stringify(page)).not.toContain('Secret')
    for (const slug of [hidden.slug, underDraft.slug, 'no-such-workstream']) {
      expect((await rejection(programme().findPublishedWorkstream(s.partnership.slug, slug))).code).toBe('NOT_FOUND')
    }
    expect((await rejection(programme().findPublishedTheme(s.partnership.slug, draftTheme.slug))).code).toBe('NOT_FOUND')
  })
})
