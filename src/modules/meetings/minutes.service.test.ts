import { beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { CurrentUser } from '../../platform/http/types.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { buildAgendaItem, buildAttendance, buildBody, buildDecision, buildDocument, buildMeeting, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { buildPartnershipBody } from '../../../test/support/scenarios/partnership-body.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { rejection } from '../../../test/support/app-error.ts'
import { agendaItems, attendance, meetings, minutesCorrections } from './meetings.tables.ts'
import type { MinutesService } from './minutes.service.ts'
import { publicationEvents } from '../publishing/publishing.tables.ts'

let minutes: MinutesService

const t = useTestApp()
beforeAll(() => {
  minutes = t.services.minutes
})

async function secretariat(partnershipId: string): Promise<CurrentUser> {
  const user = await buildUser(t.db, { secretariatOf: [partnershipId] })
  return { id: user.id, email: user.email, displayName: user.displayName, isAdmin: false, secretariatOf: [partnershipId], memberOf: [] }
}

/** A body with a chair and two members, and two meetings: 19 July and 27 September 2016. */
async function scenario() {
  const db = t.db
  const {
    partnership,
    body,
    members: [chair, karen, iain],
  } = await buildPartnershipBody(db, {
    body: { name: 'Chorley Public Services Reform Executive' },
    members: [
      { person: { fullName: 'Alistair Bradley', honorific: 'Cllr' }, seat: { role: 'chair' } },
      { person: { fullName: 'Karen Sharrocks' }, seat: { role: 'member' } },
      { person: { fullName: 'Iain Pearson' }, seat: { role: 'member' } },
    ],
  })
  const user = await secretariat(partnership.id)
  const officer = await buildPerson(db, { fullName: 'Hayley Hughes', jobTitle: 'Policy Officer', usedBy: partnership.id })
  const july = await buildMeeting(db, { bodyId: body.id, date: '2016-07-19', startTime: '16:00' }, 'agendaPublished')
  const sept = await buildMeeting(db, { bodyId: body.id, date: '2016-09-27', startTime: '16:00' }, 'agendaPublished')
  const julyItem = await buildAgendaItem(db, { meetingId: july.id, title: 'Welcome and apologies', position: 0 })
  const septItem = await buildAgendaItem(db, { meetingId: sept.id, title: 'Minutes and matters arising', position: 0 })
  return { partnership, body, user, chair: chair!, karen: karen!, iain: iain!, officer, july, sept, julyItem, septItem }
}

const meetingRow = async (id: string) =>
  (await t.db.select().from(meetings).where(eq(meetings.id, id)))[0]!

/** Publish the draft minutes, as the button on the minutes page does. */
const publishDraft = async (meetingId: string, user: CurrentUser) =>
  minutes.publishDraftMinutes(meetingId, user, { version: (await meetingRow(meetingId)).version })

/** July's minutes written and published as a draft, ready for approval at September's meeting. */
async function draftJulyMinutes(s: Awaited<ReturnType<typeof scenario>>) {
  await minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 1, minutes: 'Text' })
  await publishDraft(s.july.id, s.user)
}

describe('attendance', () => {
  it('records members, a deputy and an officer in one go, and moves the meeting to held', async () => {
    const s = await scenario()
    const deputy = await buildPerson(t.db, { fullName: 'Dr Deputy', usedBy: s.partnership.id })
    await minutes.recordAttendance(s.july.id, s.user, {
      version: s.july.version,
      members: [
        { personId: s.chair.id, status: 'present' },
        { personId: s.karen.id, status: 'apologies' },
        { personId: s.iain.id, status: undefined },
      ],
      others: [
        { personId: s.officer.id, capacity: 'Facilitator' },
        { personId: deputy.id, deputyForPersonId: s.karen.id },
      ],
    })
    const rows = await t.db.select().from(attendance).where(eq(attendance.meetingId, s.july.id))
    const byPerson = new Map(rows.map((r) => [r.personId, r]))
    expect(byPerson.get(s.chair.id)?.status).toBe('present')
    expect(byPerson.get(s.karen.id)?.status).toBe('apologies')
    expect(byPerson.has(s.iain.id)).toBe(false)
    expect(byPerson.get(s.officer.id)).toMatchObject({ status: 'in_attendance', capacity: 'Facilitator' })
    expect(byPerson.get(deputy.id)).toMatchObject({ status: 'deputy', deputyForPersonId: s.karen.id })
    const after = await meetingRow(s.july.id)
    expect(after.status).toBe('held')
    expect(after.version).toBe(s.july.version + 1)
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, s.july.id))
    expect(audit.map((a) => a.event)).toContain('meeting.attendance_recorded')
  })

  it('saving again upserts by person and removes people no longer listed', async () => {
    const s = await scenario()
    await minutes.recordAttendance(s.july.id, s.user, {
      version: s.july.version,
      members: [{ personId: s.chair.id, status: 'present' }],
      others: [{ personId: s.officer.id, capacity: 'Officer' }],
    })
    await minutes.recordAttendance(s.july.id, s.user, {
      version: s.july.version + 1,
      members: [{ personId: s.chair.id, status: 'apologies' }],
      others: [],
    })
    const rows = await t.db.select().from(attendance).where(eq(attendance.meetingId, s.july.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ personId: s.chair.id, status: 'apologies', version: 2 })
  })

  it('refuses a deputy who does not name the member they stood in for', async () => {
    const s = await scenario()
    const e = await rejection(
      minutes.recordAttendance(s.july.id, s.user, {
        version: s.july.version,
        members: [{ personId: s.karen.id, status: 'deputy' }],
        others: [],
      }),
    )
    expect(e.code).toBe('VALIDATION')
    expect(e.fieldErrors?.['members.0.deputyForPersonId']).toBe('Select the member Karen Sharrocks stood in for')
    expect(await t.db.select().from(attendance).where(eq(attendance.meetingId, s.july.id))).toHaveLength(0)
  })

  it('refuses a deputy for a member who was present, or for someone who is not a member', async () => {
    const s = await scenario()
    const outsider = await buildPerson(t.db, { usedBy: s.partnership.id })
    const e = await rejection(
      minutes.recordAttendance(s.july.id, s.user, {
        version: s.july.version,
        members: [
          { personId: s.chair.id, status: 'present' },
          { personId: s.karen.id, status: 'deputy', deputyForPersonId: s.chair.id },
        ],
        others: [{ personId: s.officer.id, deputyForPersonId: outsider.id }],
      }),
    )
    expect(e.fieldErrors?.['members.1.deputyForPersonId']).toMatch(/Cllr Alistair Bradley is recorded as attending/)
    expect(e.fieldErrors?.['others.0.deputyForPersonId']).toMatch(/Select a member of/)
  })

  it('refuses a stale meeting version so two secretaries do not overwrite each other', async () => {
    const s = await scenario()
    const input = { version: s.july.version, members: [{ personId: s.chair.id, status: 'present' as const }], others: [] }
    await minutes.recordAttendance(s.july.id, s.user, input)
    const e = await rejection(minutes.recordAttendance(s.july.id, s.user, { ...input, members: [{ personId: s.chair.id, status: 'absent' }] }))
    expect(e.code).toBe('CONFLICT')
    const rows = await t.db.select().from(attendance).where(eq(attendance.meetingId, s.july.id))
    expect(rows[0]?.status).toBe('present')
  })

  it('refuses another partnership secretariat', async () => {
    const s = await scenario()
    const other = await secretariat((await buildPartnership(t.db)).id)
    const e = await rejection(minutes.attendanceForm(s.july.id, other))
    expect(e.code).toBe('FORBIDDEN')
  })
})

describe('minutes, decisions and approval at a later meeting', () => {
  it('publishing the draft moves the meeting to draft; a later meeting of the same body approves them with corrections', async () => {
    const s = await scenario()
    await minutes.saveItemMinutes(s.julyItem.id, s.user, { version: s.julyItem.version, minutes: 'Members were welcomed.' })
    await minutes.addDecision(s.julyItem.id, s.user, 'RESOLVED: to note the update')
    expect((await meetingRow(s.july.id)).status).toBe('agenda_published')
    await publishDraft(s.july.id, s.user)
    expect((await meetingRow(s.july.id)).status).toBe('minutes_draft')

    const result = await minutes.approveMinutes(s.sept.id, s.user, {
      earlierMeetingId: s.july.id,
      corrections: ['noting attendance from Karen Sharrocks and Iain Pearson, who were missed from the list', 'item 2: typo'],
      itemId: s.septItem.id,
    })
    expect(result).toMatchObject({ approved: true, corrections: 2 })
    const july = await meetingRow(s.july.id)
    expect(july.status).toBe('minutes_approved')
    expect(july.minutesApprovedAtMeetingId).toBe(s.sept.id)
    expect(july.minutesApprovedAt).toBeInstanceOf(Date)
    const corrections = await t.db.select().from(minutesCorrections).where(eq(minutesCorrections.meetingId, s.july.id))
    expect(corrections).toHaveLength(2)
    expect(corrections.every((c) => c.agreedAtMeetingId === s.sept.id && c.itemId === s.septItem.id)).toBe(true)
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, s.july.id))
    expect(audit.map((a) => a.event)).toContain('minutes.approved')

    const published = await minutes.findPublishedMeeting(s.july.id)
    expect(published.title).toBe('Agenda and minutes')
    expect(published.approval?.groups[0]).toMatchObject({
      isApproval: true,
      agreedAt: { id: s.sept.id, date: '2016-09-27' },
      corrections: [
        { text: 'noting attendance from Karen Sharrocks and Iain Pearson, who were missed from the list', itemNumber: '1' },
        { text: 'item 2: typo', itemNumber: '1' },
      ],
    })
  })

  it('approves without corrections', async () => {
    const s = await scenario()
    await draftJulyMinutes(s)
    await minutes.approveMinutes(s.sept.id, s.user, { earlierMeetingId: s.july.id, corrections: [] })
    expect((await meetingRow(s.july.id)).status).toBe('minutes_approved')
  })

  it('refuses approval at a meeting of another body, at an earlier meeting, and on the same date', async () => {
    const s = await scenario()
    await draftJulyMinutes(s)
    const otherBody = await buildBody(t.db, { partnershipId: s.partnership.id })
    const otherMeeting = await buildMeeting(t.db, { bodyId: otherBody.id, date: '2016-10-01' }, 'agendaPublished')
    const e1 = await rejection(minutes.approveMinutes(otherMeeting.id, s.user, { earlierMeetingId: s.july.id, corrections: [] }))
    expect(e1.code).toBe('VALIDATION')
    expect(e1.fieldErrors?.earlierMeetingId).toMatch(/Select an earlier meeting of/)

    const june = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-06-01' }, 'agendaPublished')
    const e2 = await rejection(minutes.approveMinutes(june.id, s.user, { earlierMeetingId: s.july.id, corrections: [] }))
    expect(e2.fieldErrors?.earlierMeetingId).toMatch(/only be approved at a later meeting/)

    const sameDay = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-07-19', startTime: '18:00' }, 'agendaPublished')
    const e3 = await rejection(minutes.approveMinutes(sameDay.id, s.user, { earlierMeetingId: s.july.id, corrections: [] }))
    expect(e3.fieldErrors?.earlierMeetingId).toMatch(/only be approved at a later meeting/)

    expect((await meetingRow(s.july.id)).status).toBe('minutes_draft')
  })

  it('refuses to approve minutes that were never drafted, or written but never published', async () => {
    const s = await scenario()
    const e = await rejection(minutes.approveMinutes(s.sept.id, s.user, { earlierMeetingId: s.july.id, corrections: [] }))
    expect(e.fieldErrors?.earlierMeetingId).toMatch(/no draft minutes/)
    await minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 1, minutes: 'Written, not published' })
    const e2 = await rejection(minutes.approveMinutes(s.sept.id, s.user, { earlierMeetingId: s.july.id, corrections: [] }))
    expect(e2.fieldErrors?.earlierMeetingId).toMatch(/no draft minutes/)
    expect((await meetingRow(s.july.id)).status).toBe('agenda_published')
  })

  it('refuses edits to minutes, decisions and attendance once approved', async () => {
    const s = await scenario()
    await draftJulyMinutes(s)
    const decision = await buildDecision(t.db, { itemId: s.julyItem.id })
    await minutes.approveMinutes(s.sept.id, s.user, { earlierMeetingId: s.july.id, corrections: [] })
    const message =
      'These minutes were approved as a correct record on Tuesday 27 September 2016. They can only be corrected at a later meeting.'
    const e1 = await rejection(minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 2, minutes: 'Changed' }))
    expect(e1.code).toBe('INVALID_STATE')
    expect(e1.message).toBe(message)
    const e2 = await rejection(minutes.addDecision(s.julyItem.id, s.user, 'New'))
    expect(e2.message).toBe(message)
    const e3 = await rejection(minutes.updateDecision(s.julyItem.id, s.user, { decisionId: decision.id, version: 1, text: 'x' }))
    expect(e3.code).toBe('INVALID_STATE')
    const e4 = await rejection(minutes.deleteDecision(s.julyItem.id, s.user, { decisionId: decision.id, version: 1 }))
    expect(e4.code).toBe('INVALID_STATE')
    const july = await meetingRow(s.july.id)
    const e5 = await rejection(minutes.recordAttendance(s.july.id, s.user, { version: july.version, members: [], others: [] }))
    expect(e5.code).toBe('INVALID_STATE')
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, s.julyItem.id))
    expect(item?.minutes).toBe('Text')
  })

  it('records a further correction to approved minutes, leaving the approval as it was', async () => {
    const s = await scenario()
    await draftJulyMinutes(s)
    await minutes.approveMinutes(s.sept.id, s.user, { earlierMeetingId: s.july.id, corrections: ['first'] })
    const approved = await meetingRow(s.july.id)
    const nov = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-11-22' }, 'agendaPublished')

    const missing = await rejection(minutes.approveMinutes(nov.id, s.user, { earlierMeetingId: s.july.id, corrections: [] }))
    expect(missing.fieldErrors?.corrections).toMatch(/already approved/)

    const result = await minutes.approveMinutes(nov.id, s.user, { earlierMeetingId: s.july.id, corrections: ['second'] })
    expect(result.approved).toBe(false)
    const after = await meetingRow(s.july.id)
    expect(after.status).toBe('minutes_approved')
    expect(after.minutesApprovedAtMeetingId).toBe(s.sept.id)
    expect(after.minutesApprovedAt?.getTime()).toBe(approved.minutesApprovedAt?.getTime())
    const corrections = await t.db.select().from(minutesCorrections).where(eq(minutesCorrections.meetingId, s.july.id))
    expect(corrections.map((c) => [c.text, c.agreedAtMeetingId])).toEqual([
      ['first', s.sept.id],
      ['second', nov.id],
    ])
    const published = await minutes.findPublishedMeeting(s.july.id)
    expect(published.approval?.groups.map((g) => [g.isApproval, g.agreedAt.date, g.corrections.map((c) => c.text)])).toEqual([
      [true, '2016-09-27', ['first']],
      [false, '2016-11-22', ['second']],
    ])
  })

  it('refuses a stale item version and keeps the other person’s minutes', async () => {
    const s = await scenario()
    await minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 1, minutes: 'Theirs' })
    const e = await rejection(minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 1, minutes: 'Mine' }))
    expect(e.code).toBe('CONFLICT')
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, s.julyItem.id))
    expect(item?.minutes).toBe('Theirs')
  })

  it('refuses minutes for a meeting that has not happened yet, or was cancelled', async () => {
    const s = await scenario()
    const future = await buildMeeting(t.db, { bodyId: s.body.id, date: '2099-01-06' }, 'agendaPublished')
    const item = await buildAgendaItem(t.db, { meetingId: future.id })
    expect((await rejection(minutes.saveItemMinutes(item.id, s.user, { version: 1, minutes: 'x' }))).code).toBe('INVALID_STATE')
    const cancelled = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-08-01' }, 'cancelled')
    const item2 = await buildAgendaItem(t.db, { meetingId: cancelled.id })
    expect((await rejection(minutes.addDecision(item2.id, s.user, 'x'))).code).toBe('INVALID_STATE')
  })
})

describe('findPublishedMeeting', () => {
  it('removes exempt items, exempt papers and minutes before they reach a template', async () => {
    const s = await scenario()
    const db = t.db
    const open = s.julyItem
    const secret = await buildAgendaItem(db, {
      meetingId: s.july.id,
      position: 1,
      title: 'Property disposal',
      description: 'CANARY-DESCRIPTION',
      presenter: 'CANARY-PRESENTER',
      isExempt: true,
      exemptParagraph: 3,
      publicInterestReasoning: 'CANARY-REASONING',
      minutes: 'CANARY-MINUTES',
    })
    const child = await buildAgendaItem(db, { meetingId: s.july.id, parentItemId: secret.id, position: 0, title: 'Sub', minutes: 'CANARY-CHILD' })
    await buildDecision(db, { itemId: secret.id, text: 'CANARY-DECISION' })
    await buildDocument(db, { meetingId: s.july.id, itemId: secret.id, title: 'CANARY-PAPER' })
    await buildDocument(db, { meetingId: s.july.id, itemId: open.id, title: 'CANARY-EXEMPT-PAPER', isExempt: true, exemptParagraph: 1 })
    await buildDocument(db, { meetingId: s.july.id, itemId: open.id, title: 'Open report', sizeBytes: 308_224 })
    await db.update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.july.id))
    await buildAttendance(db, { meetingId: s.july.id, personId: s.chair.id, status: 'present' })

    const view = await minutes.findPublishedMeeting(s.july.id)
    const json = JSON.stringify(view)
    expect(json).not.toMatch(/CANARY/)
    expect(view.title).toBe('Agenda and draft minutes')
    const exempt = view.items.find((i) => i.id === secret.id)
    expect(exempt).toEqual({ kind: 'exempt', id: secret.id, number: '2', title: 'Property disposal', isSubItem: false, exemptParagraph: 3 })
    expect(view.items.find((i) => i.id === child.id)?.kind).toBe('exempt')
    const openItem = view.items.find((i) => i.id === open.id)
    expect(openItem?.kind === 'open' && openItem.papers.map((p) => p.title)).toEqual(['Open report'])
    expect(view.attendance?.present.map((a) => a.person.fullName)).toEqual(['Alistair Bradley'])
  })

  it('shows no items for a meeting whose agenda is not published', async () => {
    const s = await scenario()
    const scheduled = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-12-01' })
    await buildAgendaItem(t.db, { meetingId: scheduled.id, title: 'CANARY-DRAFT-AGENDA' })
    const view = await minutes.findPublishedMeeting(scheduled.id)
    expect(view.agendaPublished).toBe(false)
    expect(view.items).toEqual([])
    expect(JSON.stringify(view)).not.toMatch(/CANARY/)
  })
})

describe('publishing draft minutes', () => {
  it('saving minutes and decisions keeps them private; publishing needs written minutes, checks the version and is audited', async () => {
    const s = await scenario()
    await minutes.addDecision(s.julyItem.id, s.user, 'RESOLVED: CANARY-DECISION')
    expect((await meetingRow(s.july.id)).status).toBe('agenda_published')
    const none = await rejection(publishDraft(s.july.id, s.user))
    expect(none.code).toBe('VALIDATION')
    expect(none.fieldErrors?.publishDraft).toMatch(/at least one item/)

    await minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 1, minutes: 'CANARY-MINUTES' })
    const before = await minutes.findPublishedMeeting(s.july.id)
    expect(before.minutesPublished).toBe(false)
    expect(before.title).toBe('Agenda')
    expect(JSON.stringify(before)).not.toMatch(/CANARY/)
    expect((await minutes.minutesOverview(s.july.id, s.user)).draftPublished).toBe(false)

    const version = (await meetingRow(s.july.id)).version
    const stale = await rejection(minutes.publishDraftMinutes(s.july.id, s.user, { version: version - 1 }))
    expect(stale.code).toBe('CONFLICT')
    expect((await meetingRow(s.july.id)).status).toBe('agenda_published')

    await minutes.publishDraftMinutes(s.july.id, s.user, { version })
    const after = await meetingRow(s.july.id)
    expect(after.status).toBe('minutes_draft')
    expect(after.version).toBe(version + 1)
    const overview = await minutes.minutesOverview(s.july.id, s.user)
    expect(overview.draftPublished).toBe(true)
    expect(overview.canPublishDraft).toBe(false)
    const published = await minutes.findPublishedMeeting(s.july.id)
    expect(published.title).toBe('Agenda and draft minutes')
    expect(JSON.stringify(published)).toContain('CANARY-MINUTES')
    expect(JSON.stringify(published)).toContain('CANARY-DECISION')
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, s.july.id))
    expect(audit.map((a) => a.event)).toContain('minutes.draft_published')

    const again = await rejection(publishDraft(s.july.id, s.user))
    expect(again.code).toBe('INVALID_STATE')
    const stranger = await secretariat((await buildPartnership(t.db)).id)
    expect((await rejection(publishDraft(s.sept.id, stranger))).code).toBe('FORBIDDEN')
  })
})

describe('what the minutes announce', () => {
  it('publishing the draft and approving it each leave one publication event for the feeds; a later correction none', async () => {
    const s = await scenario()
    const kinds = async () =>
      (await t.db.select().from(publicationEvents).where(eq(publicationEvents.meetingId, s.july.id)).orderBy(publicationEvents.id)).map((e) => `${e.kind} ${e.bodyId === s.body.id}`)
    await minutes.saveItemMinutes(s.julyItem.id, s.user, { version: 1, minutes: 'Minutes' })
    await publishDraft(s.july.id, s.user)
    expect(await kinds()).toEqual(['minutes_published true'])
    await minutes.approveMinutes(s.sept.id, s.user, { earlierMeetingId: s.july.id, corrections: [] })
    expect(await kinds()).toEqual(['minutes_published true', 'minutes_approved true'])
    const nov = await buildMeeting(t.db, { bodyId: s.body.id, date: '2016-11-22' }, 'agendaPublished')
    await minutes.approveMinutes(nov.id, s.user, { earlierMeetingId: s.july.id, corrections: ['A later correction'] })
    expect(await kinds()).toEqual(['minutes_published true', 'minutes_approved true'])
  })
})

describe('a meeting whose agenda was never published', () => {
  it('shows nothing but its date and venue, even once attendance is recorded and minutes are published', async () => {
    const s = await scenario()
    const db = t.db
    const m = await buildMeeting(db, { bodyId: s.body.id, date: '2016-08-02', venue: 'Town Hall' })
    const it1 = await buildAgendaItem(db, { meetingId: m.id, title: 'CANARY-ITEM', description: 'CANARY-DESC', position: 0 })
    await buildDocument(db, { meetingId: m.id, itemId: it1.id, title: 'CANARY-PAPER' })
    await minutes.recordAttendance(m.id, s.user, {
      version: m.version,
      members: [{ personId: s.chair.id, status: 'present' }],
      others: [],
    })
    expect((await meetingRow(m.id)).status).toBe('held')
    const held = await minutes.findPublishedMeeting(m.id)
    expect(held).toMatchObject({ agendaPublished: false, minutesPublished: false, attendance: null, items: [], title: 'Agenda' })
    expect(held.venue).toBe('Town Hall')
    expect(JSON.stringify(held)).not.toMatch(/CANARY|Alistair/)

    await minutes.saveItemMinutes(it1.id, s.user, { version: it1.version, minutes: 'CANARY-MINUTES' })
    await publishDraft(m.id, s.user)
    expect((await meetingRow(m.id)).status).toBe('minutes_draft')
    const drafted = await minutes.findPublishedMeeting(m.id)
    expect(drafted).toMatchObject({ agendaPublished: false, minutesPublished: false, attendance: null, items: [], approval: null })
    expect(JSON.stringify(drafted)).not.toMatch(/CANARY|Alistair/)
  })

  it('lists exactly the papers the public may download, by the same rule as the download route', async () => {
    const s = await scenario()
    const db = t.db
    const cases = [
      { status: 'held', agendaPublishedAt: null },
      { status: 'minutes_draft', agendaPublishedAt: null },
      { status: 'agenda_published', agendaPublishedAt: new Date('2016-07-01T09:00:00Z') },
      { status: 'minutes_approved', agendaPublishedAt: new Date('2016-07-01T09:00:00Z') },
      { status: 'cancelled', agendaPublishedAt: new Date('2016-07-01T09:00:00Z') },
    ] as const
    for (const c of cases) {
      const m = await buildMeeting(db, { bodyId: s.body.id, date: '2016-06-07', ...c })
      const open = await buildAgendaItem(db, { meetingId: m.id, position: 0 })
      const sub = await buildAgendaItem(db, { meetingId: m.id, parentItemId: open.id, position: 0 })
      const exempt = await buildAgendaItem(db, { meetingId: m.id, position: 1, isExempt: true, exemptParagraph: 3 })
      const papers = [
        await buildDocument(db, { meetingId: m.id, itemId: open.id }),
        await buildDocument(db, { meetingId: m.id, itemId: sub.id }),
        await buildDocument(db, { meetingId: m.id, itemId: open.id, isExempt: true, exemptParagraph: 1 }),
        await buildDocument(db, { meetingId: m.id, itemId: exempt.id }),
      ]
      const view = await minutes.findPublishedMeeting(m.id)
      const listed = new Set(view.items.flatMap((i) => (i.kind === 'open' ? i.papers.map((p) => p.id) : [])))
      for (const paper of papers) {
        const downloadable = await t.services.meetings
          .findPaperForDownload(null, paper.id, paper.filename)
          .then(() => true, () => false)
        expect({ status: c.status, paper: paper.id, listed: listed.has(paper.id) }).toEqual({
          status: c.status,
          paper: paper.id,
          listed: downloadable,
        })
      }
      expect(listed.size).toBe(c.agendaPublishedAt ? 2 : 0)
    }
  })
})
