import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildChorleyBoardMeeting } from '../../../test/support/scenarios/chorley-board-meeting.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { agendaItems, attendance, meetings, minutesCorrections } from './meetings.tables.ts'
import { meetingPaths } from './meetings.paths.ts'

const t = useTestApp()

const P = meetingPaths

const html = async (res: Response) => res.text()

describe('item minutes form', () => {
  it('saves minutes without publishing them', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await s.agent.get(P.manage.itemMinutes(s.item.id))
    const res = await s.agent.post(P.manage.itemMinutes(s.item.id), {
      action: 'save-minutes',
      version: '1',
      minutes: 'Cllr Bradley welcomed everyone.\n\n- To review progress',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(P.manage.itemMinutes(s.item.id))
    const [m] = await t.db.select().from(meetings).where(eq(meetings.id, s.meeting.id))
    expect(m?.status).toBe('agenda_published')
    const page = await s.agent.getText(P.manage.itemMinutes(s.item.id))
    expect(page.text).toContain('Minutes saved')
    expect(page.text).toContain('Cllr Bradley welcomed everyone.')
    const pub = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(pub.text).toContain('Welcome and Introductions')
    expect(pub.text).not.toContain('Cllr Bradley welcomed everyone.')
  })

  it('publishes the draft minutes from the minutes page: 400 with nothing written, 409 when stale, then public', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const overview = await s.agent.getText(P.manage.minutes(s.meeting.id))
    expect(overview.text).toContain('Not published: only staff can see the minutes and decisions')
    expect(overview.text).toContain(`action="${P.manage.publishDraftMinutes(s.meeting.id)}"`)
    const empty = await s.agent.post(P.manage.publishDraftMinutes(s.meeting.id), { version: '1' })
    expect(empty.status).toBe(400)
    const emptyText = await html(empty)
    expect(emptyText).toContain('govuk-error-summary')
    expect(emptyText).toContain('Write the minutes of at least one item before publishing the draft minutes')

    await s.agent.get(P.manage.itemMinutes(s.item.id))
    await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: 'DRAFT-TEXT' })
    await t.db.update(meetings).set({ version: 5 }).where(eq(meetings.id, s.meeting.id))
    const stale = await s.agent.post(P.manage.publishDraftMinutes(s.meeting.id), { version: '1' })
    expect(stale.status).toBe(409)
    const staleText = await html(stale)
    expect(staleText).toContain('Someone else changed this meeting since you opened the page')
    expect(staleText).toContain('name="version" value="5"')
    expect((await new Agent(t.app).getText(P.public.meeting(s.meeting.id))).text).not.toContain('DRAFT-TEXT')

    const ok = await s.agent.post(P.manage.publishDraftMinutes(s.meeting.id), { version: '5' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(P.manage.minutes(s.meeting.id))
    const after = await s.agent.getText(P.manage.minutes(s.meeting.id))
    expect(after.text).toContain('Draft minutes published')
    expect(after.text).toContain('Published: the draft minutes are on the public page')
    expect(after.text).not.toContain('Publish draft minutes</button>')
    const pub = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(pub.text).toContain('Agenda and draft minutes')
    expect(pub.text).toContain('DRAFT-TEXT')

    const stranger = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(t.db)).id] })
    await stranger.get('/manage')
    expect((await stranger.post(P.manage.publishDraftMinutes(s.meeting.id), { version: '6' })).status).toBe(403)
  })

  it('400: keeps the typed minutes when they are too long', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await s.agent.get(P.manage.itemMinutes(s.item.id))
    const typed = `TYPED-MINUTES ${'x'.repeat(100_001)}`
    const res = await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: typed })
    expect(res.status).toBe(400)
    const text = await html(res)
    expectFormErrors(text, ['minutes'], ['Minutes must be 100,000 characters or fewer', typed])
  })

  it('409: a stale version keeps the user’s text and shows the other person’s', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await s.agent.get(P.manage.itemMinutes(s.item.id))
    const other = await signedInAgent(t.app, t.services, { secretariatOf: [s.partnership.id] })
    await other.get(P.manage.itemMinutes(s.item.id))
    expect((await other.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: 'THEIR-TEXT' })).status).toBe(303)

    const res = await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: 'MY-TEXT' })
    expect(res.status).toBe(409)
    const text = await html(res)
    expect(text).toContain('govuk-error-summary')
    expect(text).toContain('Someone else changed these minutes since you opened them')
    expect(text).toMatch(/<textarea[^>]*id="minutes"[^>]*>MY-TEXT<\/textarea>/)
    expect(text).toMatch(/<textarea[^>]*id="theirs"[^>]*>THEIR-TEXT<\/textarea>/)
    expect(text).toContain('name="version" value="2"')
    // Saving again with the new version works.
    expect((await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '2', minutes: 'MY-TEXT' })).status).toBe(303)
  })

  it('adds, changes and deletes decisions; an empty decision is a 400', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await s.agent.get(P.manage.itemMinutes(s.item.id))
    const empty = await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'add-decision', newDecision: ' ' })
    expect(empty.status).toBe(400)
    expect(await html(empty)).toContain('Enter what was decided')
    expect((await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'add-decision', newDecision: 'RESOLVED: agree the plan' })).status).toBe(303)
    const [decision] = (await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(s.meeting.id)))[0]!.decisions
    expect(decision?.text).toBe('RESOLVED: agree the plan')
    const changeFields = { action: 'save-decision', decisionId: decision!.id, version: '1', text: 'RESOLVED: agree the revised plan' }
    expect((await s.agent.post(P.manage.itemMinutes(s.item.id), changeFields)).status).toBe(303)
    const stale = await s.agent.post(P.manage.itemMinutes(s.item.id), { ...changeFields, text: 'STALE-EDIT' })
    expect(stale.status).toBe(409)
    const staleText = await html(stale)
    expect(staleText).toContain('Someone else changed this decision since you opened it')
    expect(staleText).toContain('STALE-EDIT')
    expect((await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'delete-decision', decisionId: decision!.id, version: '2' })).status).toBe(303)
    const page = await s.agent.getText(P.manage.itemMinutes(s.item.id))
    expect(page.text).toContain('No decisions recorded for this item')
  })

  it('shows approved minutes read-only and refuses changes with the approval date', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const later = await buildMeeting(t.db, { bodyId: s.body.id, date: '2015-04-21' }, 'agendaPublished')
    await t.db
      .update(meetings)
      .set({ status: 'minutes_approved', minutesApprovedAt: new Date('2015-04-21T17:00:00Z'), minutesApprovedAtMeetingId: later.id })
      .where(eq(meetings.id, s.meeting.id))
    const page = await s.agent.getText(P.manage.itemMinutes(s.item.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('These minutes were approved as a correct record on Tuesday 21 April 2015')
    expect(page.text).not.toContain('Save minutes')
    const res = await s.agent.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: 'late change' })
    expect(res.status).toBe(409)
    expect(await html(res)).toContain('They can only be corrected at a later meeting')
  })
})

describe('who may record minutes', () => {
  it('403 for another partnership’s secretariat; sign in for the public', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const other = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(t.db)).id] })
    for (const path of [P.manage.attendance(s.meeting.id), P.manage.minutes(s.meeting.id), P.manage.itemMinutes(s.item.id), P.manage.approveMinutes(s.meeting.id)]) {
      expect((await other.get(path)).status).toBe(403)
    }
    const post = await other.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: 'intruder' })
    expect(post.status).toBe(403)
    const badForm = await other.post(P.manage.attendance(s.meeting.id), { version: 'nope' })
    expect(badForm.status).toBe(403)
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, s.item.id))
    expect(item?.minutes).toBeNull()

    const anonymous = new Agent(t.app)
    const res = await anonymous.get(P.manage.minutes(s.meeting.id))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain('/sign-in?next=')
    const posted = await anonymous.post(P.manage.itemMinutes(s.item.id), { action: 'save-minutes', version: '1', minutes: 'x' })
    expect(posted.status).toBe(401)
  })

  it('admins may record minutes for any partnership', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const admin = await signedInAgent(t.app, t.services, { isAdmin: true })
    expect((await admin.get(P.manage.minutes(s.meeting.id))).status).toBe(200)
  })

  it('404 for a malformed or unknown id, never a 500', async () => {
    const s = await buildChorleyBoardMeeting(t)
    expect((await s.agent.get('/manage/meetings/not-a-uuid/minutes')).status).toBe(404)
    expect((await s.agent.get(P.manage.itemMinutes('00000000-0000-4000-8000-000000000000'))).status).toBe(404)
    expect((await new Agent(t.app).get('/meetings/not-a-uuid')).status).toBe(404)
  })
})

describe('attendance form', () => {
  it('lists current members, refuses a deputy without a member (400, choices kept), then saves', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const facilitator = await buildPerson(t.db, { fullName: 'Ian Facilitator', email: 'ian-private@example.org', usedBy: s.partnership.id })
    const form = await s.agent.getText(P.manage.attendance(s.meeting.id))
    expect(form.status).toBe(200)
    expect(form.text).toContain('Cllr Alistair Bradley')
    // members are ordered chair first
    const ids = [...form.text.matchAll(/name="members\.(\d+)\.personId" value="([^"]+)"/g)].map((m) => m[2])
    expect(ids[0]).toBe(s.chair.id)
    const index = (id: string) => ids.indexOf(id)

    const fields: Record<string, string> = {
      version: String(s.meeting.version),
      [`members.${index(s.chair.id)}.personId`]: s.chair.id,
      [`members.${index(s.chair.id)}.status`]: 'present',
      [`members.${index(s.member.id)}.personId`]: s.member.id,
      [`members.${index(s.member.id)}.status`]: 'deputy',
      [`members.${index(s.away.id)}.personId`]: s.away.id,
      [`members.${index(s.away.id)}.status`]: 'apologies',
      'others.0.personId': facilitator.id,
      'others.0.capacity': 'Facilitator',
    }
    const bad = await s.agent.post(P.manage.attendance(s.meeting.id), fields)
    expect(bad.status).toBe(400)
    const badText = await html(bad)
    expect(badText).toContain(`href="#members-${index(s.member.id)}-deputyForPersonId"`)
    expect(badText).toContain('Select the member Sarah James stood in for')
    expect(badText).toContain('value="Facilitator"')
    expect(badText).toMatch(new RegExp(`name="members\\.${index(s.chair.id)}\\.status" type="radio" value="present" checked`))

    const fixed = { ...fields, [`members.${index(s.member.id)}.deputyForPersonId`]: s.away.id }
    const ok = await s.agent.post(P.manage.attendance(s.meeting.id), fixed)
    expect(ok.status).toBe(303)
    const rows = await t.db.select().from(attendance).where(eq(attendance.meetingId, s.meeting.id))
    expect(rows).toHaveLength(4)
    const [m] = await t.db.select().from(meetings).where(eq(meetings.id, s.meeting.id))
    expect(m?.status).toBe('held')

    // The same form again, with the old version: someone else saved first.
    const stale = await s.agent.post(P.manage.attendance(s.meeting.id), fixed)
    expect(stale.status).toBe(409)
    const staleText = await html(stale)
    expect(staleText).toContain('Someone else changed this meeting or its attendance')
    expect(staleText).toContain(`name="version" value="${m!.version}"`)
  })
})

describe('approving minutes at a later meeting', () => {
  it('approves with corrections, shows the history on staff and public pages; 400 for other bodies', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await t.db.update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    const later = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-09-27' }, 'agendaPublished')
    const laterItem = await buildAgendaItem(t.db, { meetingId: later.id, title: 'Minutes and matters arising', position: 0 })
    const otherBodyMeeting = await buildMeeting(
      t.db,
      { bodyId: (await buildBody(t.db, { partnershipId: s.partnership.id })).id, date: '2015-01-01' },
      'minutesDraft',
    )

    const form = await s.agent.getText(P.manage.approveMinutes(later.id))
    expect(form.text).toContain('Tuesday 10 February 2015, 2.30pm – draft minutes')
    expect(form.text).not.toContain(otherBodyMeeting.id)

    const wrong = await s.agent.post(P.manage.approveMinutes(later.id), { earlierMeetingId: otherBodyMeeting.id, corrections: 'KEPT-CORRECTION' })
    expect(wrong.status).toBe(400)
    const wrongText = await html(wrong)
    expect(wrongText).toContain('href="#earlierMeetingId"')
    expect(wrongText).toContain('KEPT-CORRECTION')

    const empty = await s.agent.post(P.manage.approveMinutes(later.id), { earlierMeetingId: '', corrections: '' })
    expect(empty.status).toBe(400)

    const res = await s.agent.post(P.manage.approveMinutes(later.id), {
      earlierMeetingId: s.meeting.id,
      corrections: 'noting attendance from Karen Sharrocks and Iain Pearson, who were missed from the list\n\n',
      itemId: laterItem.id,
    })
    expect(res.status).toBe(303)
    const corrections = await t.db.select().from(minutesCorrections).where(eq(minutesCorrections.meetingId, s.meeting.id))
    expect(corrections).toHaveLength(1)

    const expected = 'Approved as a correct record at the meeting on Tuesday 27 September 2016, with corrections:'
    const staff = await s.agent.getText(P.manage.minutes(s.meeting.id))
    expect(staff.text).toContain(expected)
    const pub = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(pub.text).toContain(expected)
    expect(pub.text).toContain('noting attendance from Karen Sharrocks and Iain Pearson, who were missed from the list (item 16.26)')
    expect(pub.text).toContain('Agenda and minutes – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm')
  })
})
