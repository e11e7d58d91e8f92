import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildDecision, buildDocument, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { meetingPaths } from './meetings.paths.ts'

const t = useTestApp()
const M = meetingPaths.manage

/** Text that only the exempt parts of the record hold: none of it may reach a read-only officer. */
const EXEMPT = ['EXEMPT-DESC-CANARY', 'EXEMPT-MINUTES-CANARY', 'EXEMPT-SUB-CANARY', 'EXEMPT-DECISION-CANARY', 'EXEMPT-PAPER-CANARY', 'EXEMPT-ACTION-CANARY', 'ON-EXEMPT-PAPER-CANARY']

/**
 * A partnership with a meeting whose agenda is not yet published: an open item (a private description, draft
 * minutes, a decision, an open paper and an exempt one), an exempt item with a sub-item, and an action on each.
 */
async function privateMeeting() {
  const partnership = await buildPartnership(t.db, { name: 'Ribble Valley Partnership' })
  const body = await buildBody(t.db, { partnershipId: partnership.id, name: 'Ribble Valley Board' })
  const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2026-01-20' })
  const open = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 0, title: 'Budget overview', description: 'PRIVATE-DRAFT-DESC', minutes: 'DRAFT-MINUTES-TEXT' })
  await buildDecision(t.db, { itemId: open.id, text: 'RESOLVED: DRAFT-DECISION' })
  const exempt = await buildAgendaItem(t.db, {
    meetingId: meeting.id,
    position: 1,
    title: 'Redundancy proposals',
    description: 'EXEMPT-DESC-CANARY',
    minutes: 'EXEMPT-MINUTES-CANARY',
    isExempt: true,
    exemptParagraph: 1,
    publicInterestReasoning: 'Staff',
  })
  await buildDecision(t.db, { itemId: exempt.id, text: 'EXEMPT-DECISION-CANARY' })
  const sub = await buildAgendaItem(t.db, { meetingId: meeting.id, parentItemId: exempt.id, position: 0, title: 'Consultation', description: 'EXEMPT-SUB-CANARY' })
  const openPaper = await buildDocument(t.db, { meetingId: meeting.id, itemId: open.id, title: 'Budget report', filename: 'budget.pdf' })
  const exemptPaper = await buildDocument(t.db, { meetingId: meeting.id, itemId: open.id, title: 'EXEMPT-PAPER-CANARY', filename: 'salaries.pdf', isExempt: true, exemptParagraph: 1 })
  const paperOnExempt = await buildDocument(t.db, { meetingId: meeting.id, itemId: sub.id, title: 'ON-EXEMPT-PAPER-CANARY', filename: 'consultation.pdf' })
  const privateAction = await buildAction(t.db, { itemId: open.id, description: 'PRIVATE-ACTION-TEXT', isPublic: false })
  const exemptAction = await buildAction(t.db, { itemId: sub.id, description: 'EXEMPT-ACTION-CANARY', isPublic: false })
  const officer = await signedInAgent(t.app, t.services, { readOnlyOf: [partnership.id] })
  return { partnership, body, meeting, open, exempt, openPaper, exemptPaper, paperOnExempt, privateAction, exemptAction, officer }
}

const paperHref = (p: { id: string; filename: string }) => meetingPaths.public.paper(p.id, p.filename)
/** A form that changes something in the management area (the layout's sign-out form is not one). */
const CHANGE_FORM = /<form[^>]+method="post"[^>]+action="\/manage/

describe('a read-only officer (issue 10) sees the partnership’s private records, never its exempt content', () => {
  it('opens the dashboard, partnership, body, meeting and minutes pages, with nothing offered to change', async () => {
    const s = await privateMeeting()
    const home = await s.officer.getText(structurePaths.manage.home())
    expect(home.status).toBe(200)
    expect(home.text).toContain('Ribble Valley Partnership')
    expect(home.text).toContain('Read only')

    const partnership = await s.officer.getText(structurePaths.manage.partnership(s.partnership.id))
    expect(partnership.status).toBe(200)
    expect(partnership.text).toContain('Ribble Valley Board')
    expect(partnership.text).not.toContain('Edit partnership details')
    expect(partnership.text).not.toContain('Add a body')

    const body = await s.officer.getText(structurePaths.manage.body(s.body.id))
    expect(body.status).toBe(200)
    expect(body.text).toContain(M.meeting(s.meeting.id))
    for (const offer of ['Edit details', 'Add a member', 'Schedule a meeting']) expect(body.text).not.toContain(offer)

    const meeting = await s.officer.getText(M.meeting(s.meeting.id))
    expect(meeting.status).toBe(200)
    expect(meeting.text).toContain('read-only access')
    // The agenda before publication, with the open item's content and paper...
    expect(meeting.text).toContain('PRIVATE-DRAFT-DESC')
    expect(meeting.text).toContain(paperHref(s.openPaper))
    // ...the exempt item's number and title only, as the public would see it once published.
    expect(meeting.text).toContain('Redundancy proposals')
    for (const canary of EXEMPT) expect(meeting.text).not.toContain(canary)
    expect(meeting.text).not.toContain(paperHref(s.exemptPaper))
    expect(meeting.text).not.toContain(paperHref(s.paperOnExempt))
    for (const href of [M.editMeeting(s.meeting.id), M.newItem(s.meeting.id), M.publishAgenda(s.meeting.id), M.cancelMeeting(s.meeting.id), M.attendance(s.meeting.id), M.editItem(s.open.id)]) {
      expect(meeting.text).not.toContain(`href="${href}`)
    }
    for (const page of [partnership, body, meeting]) expect(page.text).not.toMatch(CHANGE_FORM)

    const minutes = await s.officer.getText(M.minutes(s.meeting.id))
    expect(minutes.status).toBe(200)
    expect(minutes.text).toContain('DRAFT-MINUTES-TEXT')
    expect(minutes.text).toContain('RESOLVED: DRAFT-DECISION')
    expect(minutes.text).toContain('its minutes and decisions are not shown to you')
    for (const canary of EXEMPT) expect(minutes.text).not.toContain(canary)
    expect(minutes.text).not.toContain(`href="${M.itemMinutes(s.open.id)}"`)
    expect(minutes.text).not.toContain('Publish draft minutes')
    expect(minutes.text).not.toMatch(CHANGE_FORM)
  })

  it('downloads the unpublished agenda’s open papers, never an exempt one; the public gets none', async () => {
    const s = await privateMeeting()
    const open = await s.officer.get(paperHref(s.openPaper))
    expect(open.status).toBe(200)
    expect(open.headers.get('content-type')).toBe('application/pdf')
    expect((await s.officer.get(paperHref(s.exemptPaper))).status).toBe(404)
    expect((await s.officer.get(paperHref(s.paperOnExempt))).status).toBe(404)
    expect((await new Agent(t.app).get(paperHref(s.openPaper))).status).toBe(404)
  })

  it('reads the action log and a private action, but never an action on an exempt item', async () => {
    const s = await privateMeeting()
    const tracker = await s.officer.getText(actionPaths.manage.tracker())
    expect(tracker.status).toBe(200)
    expect(tracker.text).toContain('PRIVATE-ACTION-TEXT')
    expect(tracker.text).not.toContain('EXEMPT-ACTION-CANARY')
    const csv = await s.officer.getText(actionPaths.manage.trackerCsv())
    expect(csv.status).toBe(200)
    expect(csv.text).toContain('PRIVATE-ACTION-TEXT')
    expect(csv.text).not.toContain('EXEMPT-ACTION-CANARY')

    const action = await s.officer.getText(actionPaths.manage.action(s.privateAction.id))
    expect(action.status).toBe(200)
    expect(action.text).toContain('PRIVATE-ACTION-TEXT')
    for (const offer of ['Change the action', 'Change the status', 'Add an update', 'Email the owners a link']) expect(action.text).not.toContain(offer)
    expect(action.text).not.toMatch(CHANGE_FORM)
    expect((await s.officer.get(actionPaths.manage.action(s.exemptAction.id))).status).toBe(404)
  })

  it('gets 403 for every form page and every post, and nothing changes', async () => {
    const s = await privateMeeting()
    const o = s.officer
    for (const path of [
      M.editMeeting(s.meeting.id),
      M.newItem(s.meeting.id),
      M.editItem(s.open.id),
      M.newPaper(s.meeting.id),
      M.publishAgenda(s.meeting.id),
      M.attendance(s.meeting.id),
      M.itemMinutes(s.open.id),
      structurePaths.manage.editPartnership(s.partnership.id),
      structurePaths.manage.newMembership(s.body.id),
      structurePaths.manage.people(),
      actionPaths.manage.editAction(s.privateAction.id),
      actionPaths.manage.changeStatus(s.privateAction.id),
    ]) {
      expect((await o.get(path)).status, path).toBe(403)
    }
    await o.get(M.meeting(s.meeting.id))
    const posts: [string, Record<string, string>][] = [
      [M.editMeeting(s.meeting.id), { date: '2026-02-01', startTime: '10:00', kind: 'ordinary', version: '1' }],
      [M.newItem(s.meeting.id), { title: 'Sneaked in' }],
      [M.publishAgenda(s.meeting.id), { version: '1' }],
      [M.publishDraftMinutes(s.meeting.id), {}],
      [M.itemMinutes(s.open.id), { action: 'save-minutes', version: '1', minutes: 'Rewritten' }],
      [actionPaths.manage.addUpdate(s.privateAction.id), { text: 'Done it' }],
      [actionPaths.manage.addUpdate(s.privateAction.id), { text: '' }],
      [structurePaths.manage.editPartnership(s.partnership.id), { name: 'Renamed', version: '1' }],
      [structurePaths.manage.newBody(s.partnership.id), { name: 'New Board' }],
      [structurePaths.manage.newPerson(), { fullName: 'Someone', partnershipId: s.partnership.id }],
    ]
    for (const [path, fields] of posts) expect((await o.post(path, fields)).status, path).toBe(403)
    const meeting = await t.services.meetings.getMeeting(s.meeting.id)
    expect(meeting).toMatchObject({ version: s.meeting.version, status: 'scheduled' })
    expect((await t.services.actions.getAction(s.privateAction.id)).version).toBe(s.privateAction.version)
  })

  it('is a reader of its own partnership only; the secretariat still sees everything; anonymous visitors sign in', async () => {
    const s = await privateMeeting()
    const elsewhere = await buildPartnership(t.db)
    const otherOfficer = await signedInAgent(t.app, t.services, { readOnlyOf: [elsewhere.id] })
    for (const path of [M.meeting(s.meeting.id), M.minutes(s.meeting.id), structurePaths.manage.body(s.body.id), actionPaths.manage.action(s.privateAction.id)]) {
      expect((await otherOfficer.get(path)).status, path).toBe(403)
    }
    expect((await otherOfficer.get(paperHref(s.openPaper))).status).toBe(404)
    expect((await otherOfficer.getText(actionPaths.manage.tracker())).text).not.toContain('PRIVATE-ACTION-TEXT')

    // The canaries are really there: the secretariat sees them, with its buttons.
    const secretariat = await signedInAgent(t.app, t.services, { secretariatOf: [s.partnership.id] })
    const page = await secretariat.getText(M.meeting(s.meeting.id))
    expect(page.text).toContain('EXEMPT-DESC-CANARY')
    expect(page.text).toContain(paperHref(s.exemptPaper))
    expect(page.text).toContain(`href="${M.editItem(s.open.id)}"`)
    expect((await secretariat.getText(actionPaths.manage.tracker())).text).toContain('EXEMPT-ACTION-CANARY')

    const anonymous = new Agent(t.app)
    const res = await anonymous.get(M.meeting(s.meeting.id))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain('/sign-in?next=')
  })

  it('a secretariat of one partnership who reads another manages the first and only reads the second', async () => {
    const s = await privateMeeting()
    const own = await buildPartnership(t.db)
    const ownBody = await buildBody(t.db, { partnershipId: own.id })
    const ownMeeting = await buildMeeting(t.db, { bodyId: ownBody.id })
    const both = await signedInAgent(t.app, t.services, { secretariatOf: [own.id], readOnlyOf: [s.partnership.id] })
    expect((await both.getText(M.meeting(ownMeeting.id))).text).toContain(`href="${M.newItem(ownMeeting.id)}"`)
    const read = await both.getText(M.meeting(s.meeting.id))
    expect(read.status).toBe(200)
    expect(read.text).not.toContain('EXEMPT-DESC-CANARY')
    expect(read.text).not.toContain(`href="${M.newItem(s.meeting.id)}"`)
    expect((await both.post(M.newItem(s.meeting.id), { title: 'Sneaked in' })).status).toBe(403)
    expect((await both.post(actionPaths.manage.addUpdate(s.privateAction.id), { text: '' })).status).toBe(403)
    const tracker = await both.getText(actionPaths.manage.tracker())
    expect(tracker.text).toContain('PRIVATE-ACTION-TEXT')
    expect(tracker.text).not.toContain('EXEMPT-ACTION-CANARY')
  })
})
