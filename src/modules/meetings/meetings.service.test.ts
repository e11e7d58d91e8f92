import { beforeAll, describe, expect, it, vi } from 'vitest'
import { eq } from 'drizzle-orm'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { Db } from '../../platform/db/client.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { rejection } from '../../../test/support/app-error.ts'
import { buildAgendaItem, buildBody, buildDocument, buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { bodies } from '../structure/structure.read.ts'
import { agendaItems, documents, meetings } from './meetings.tables.ts'
import { meetingsRepository } from './meetings.repository.ts'
import type { MeetingEvent } from './meetings.events.ts'
import { createEventBus } from '../../platform/events/events.ts'
import { numberingService } from '../structure/numbering.service.ts'
import {
  meetingsService,
  DRAFT_MINUTES_MESSAGE,
  ITEM_CHANGED_MESSAGE,
  MINUTES_APPROVED_MESSAGE,
  PAPER_CHANGED_MESSAGE,
} from './meetings.service.ts'
import type { NewItemInput } from './meetings.schemas.ts'
import { noticeSentence } from './meetings.presenter.ts'

let admin: CurrentUser

const t = useTestApp()
beforeAll(async () => {
  const user = await buildUser(t.db, { isAdmin: true })
  admin = { id: user.id, email: user.email, displayName: user.displayName, isAdmin: true, secretariatOf: [], memberOf: [] }
})

const item = (title: string, extra: Partial<NewItemInput> = {}): NewItemInput => ({ title, isExempt: false, ...extra })

/** The item's version now (moves bump their siblings' versions too). */
async function itemVersion(itemId: string): Promise<number> {
  const [row] = await t.db.select({ version: agendaItems.version }).from(agendaItems).where(eq(agendaItems.id, itemId))
  return row!.version
}

const move = async (itemId: string, direction: 'up' | 'down') =>
  t.services.meetings.moveItem(admin, itemId, { direction, version: await itemVersion(itemId) })

async function numbers(meetingId: string) {
  const m = await t.services.meetings.getMeeting(meetingId)
  return (await t.services.meetings.findAgenda(m)).map((i) => `${i.number} ${i.title}`)
}

describe('agenda numbering through findAgenda', () => {
  it('year_sequence: 15.26, 15.26a, 15.26b, 15.27, and reordering renumbers', async () => {
    const body = await buildBody(t.db, { numberingScheme: 'year_sequence', nextItemNumber: 26 })
    const meeting = await t.services.meetings.scheduleMeeting(admin, body.id, { date: '2015-02-10', startTime: '14:30', kind: 'away_day' })
    const welcome = await t.services.meetings.addItem(admin, meeting.id, item('Welcome'))
    const close = await t.services.meetings.addItem(admin, meeting.id, item('Close'))
    await t.services.meetings.addItem(admin, meeting.id, item('Session 1', { parentItemId: welcome.id }))
    const s2 = await t.services.meetings.addItem(admin, meeting.id, item('Session 2', { parentItemId: welcome.id }))
    expect(await numbers(meeting.id)).toEqual(['15.26 Welcome', '15.26a Session 1', '15.26b Session 2', '15.27 Close'])

    await move(s2.id, 'up')
    expect(await numbers(meeting.id)).toEqual(['15.26 Welcome', '15.26a Session 2', '15.26b Session 1', '15.27 Close'])

    await move(close.id, 'up')
    expect(await numbers(meeting.id)).toEqual(['15.26 Close', '15.27 Welcome', '15.27a Session 2', '15.27b Session 1'])

    // at the top already: nothing changes
    await move(close.id, 'up')
    expect((await numbers(meeting.id))[0]).toBe('15.26 Close')
  })

  it('continuing: 43., 43a, 44.', async () => {
    const body = await buildBody(t.db, { numberingScheme: 'continuing', nextItemNumber: 43 })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2016-09-27' })
    const first = await t.services.meetings.addItem(admin, meeting.id, item('Welcome and apologies'))
    await t.services.meetings.addItem(admin, meeting.id, item('Evaluation'))
    await t.services.meetings.addItem(admin, meeting.id, item('Minutes and matters arising', { parentItemId: first.id }))
    expect(await numbers(meeting.id)).toEqual(['43. Welcome and apologies', '43a Minutes and matters arising', '44. Evaluation'])
  })

  it('per_meeting restarts at 1 whatever the counter, and a first item number set on the meeting is used for continuing', async () => {
    const body = await buildBody(t.db, { numberingScheme: 'per_meeting', nextItemNumber: 99 })
    const meeting = await buildMeeting(t.db, { bodyId: body.id })
    await t.services.meetings.addItem(admin, meeting.id, item('One'))
    const two = await t.services.meetings.addItem(admin, meeting.id, item('Two'))
    await t.services.meetings.addItem(admin, meeting.id, item('Two A', { parentItemId: two.id }))
    expect(await numbers(meeting.id)).toEqual(['1 One', '2 Two', '2a Two A'])

    const cont = await buildBody(t.db, { numberingScheme: 'continuing', nextItemNumber: 10 })
    const m2 = await t.services.meetings.scheduleMeeting(admin, cont.id, { date: '2027-05-04', startTime: '10:00', kind: 'ordinary', firstItemNumber: 50 })
    await t.services.meetings.addItem(admin, m2.id, item('Fifty'))
    expect(await numbers(m2.id)).toEqual(['50. Fifty'])
  })

  it('only main items can be parents; deleting a main item deletes its sub-items', async () => {
    const meeting = await buildMeeting(t.db)
    const main = await t.services.meetings.addItem(admin, meeting.id, item('Main'))
    const sub = await t.services.meetings.addItem(admin, meeting.id, item('Sub', { parentItemId: main.id }))
    const err = await rejection(t.services.meetings.addItem(admin, meeting.id, item('Sub-sub', { parentItemId: sub.id })))
    expect(err.code).toBe('VALIDATION')
    expect(err.fieldErrors?.parentItemId).toMatch(/main item/)
    const other = await buildAgendaItem(t.db)
    expect((await rejection(t.services.meetings.addItem(admin, meeting.id, item('X', { parentItemId: other.id })))).code).toBe('VALIDATION')

    await t.services.meetings.deleteItem(admin, main.id, { version: await itemVersion(main.id) })
    expect(await numbers(meeting.id)).toEqual([])
  })

  it('an item with sub-items cannot become a sub-item; a moved-under item goes to the end of its new siblings', async () => {
    const meeting = await buildMeeting(t.db)
    const a = await t.services.meetings.addItem(admin, meeting.id, item('A'))
    const b = await t.services.meetings.addItem(admin, meeting.id, item('B'))
    await t.services.meetings.addItem(admin, meeting.id, item('A1', { parentItemId: a.id }))
    const err = await rejection(t.services.meetings.updateItem(admin, a.id, { ...item('A', { parentItemId: b.id }), version: a.version }))
    expect(err.fieldErrors?.parentItemId).toMatch(/sub-items of its own/)
    await t.services.meetings.updateItem(admin, b.id, { ...item('B', { parentItemId: a.id }), version: b.version })
    expect(await numbers(meeting.id)).toEqual(['1 A', '1a A1', '1b B'])
  })
})

describe('moving and cancelling meetings', () => {
  it('records the first original date and time when a meeting moves', async () => {
    const body = await buildBody(t.db)
    const m = await t.services.meetings.scheduleMeeting(admin, body.id, { date: '2015-03-03', startTime: '14:30', kind: 'ordinary' })
    const base = { startTime: '14:30', kind: 'ordinary' as const }
    const moved = await t.services.meetings.updateMeeting(admin, m.id, { ...base, date: '2015-03-10', version: m.version })
    expect(moved.movedFromDate).toBe('2015-03-03')
    expect(moved.movedFromTime?.slice(0, 5)).toBe('14:30')
    const again = await t.services.meetings.updateMeeting(admin, m.id, { ...base, date: '2015-03-17', startTime: '16:00', version: moved.version })
    expect(again.movedFromDate).toBe('2015-03-03')
    const venue = await t.services.meetings.updateMeeting(admin, m.id, { ...base, date: '2015-03-17', startTime: '16:00', venue: 'Town Hall', version: again.version })
    expect(venue.movedFromDate).toBe('2015-03-03')
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, m.id))
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['meeting.scheduled', 'meeting.moved', 'meeting.updated']))
  })

  it('refuses a stale version', async () => {
    const m = await buildMeeting(t.db)
    await t.services.meetings.updateMeeting(admin, m.id, { date: m.date, startTime: '15:00', kind: 'ordinary', version: 1 })
    const err = await rejection(t.services.meetings.updateMeeting(admin, m.id, { date: m.date, startTime: '16:00', kind: 'ordinary', version: 1 }))
    expect(err.code).toBe('CONFLICT')
  })

  it('a cancelled meeting stays, and refuses later edits, items, papers and publication', async () => {
    const m = await buildMeeting(t.db)
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    const cancelled = await t.services.meetings.cancelMeeting(admin, m.id, { reason: 'Not quorate', version: m.version })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.cancelledAt).toBeInstanceOf(Date)
    expect(cancelled.cancellationReason).toBe('Not quorate')
    const edit = await rejection(t.services.meetings.updateMeeting(admin, m.id, { date: m.date, startTime: '10:00', kind: 'ordinary', version: cancelled.version }))
    expect(edit.code).toBe('INVALID_STATE')
    expect(edit.message).toMatch(/cancelled/)
    expect((await rejection(t.services.meetings.addItem(admin, m.id, item('Late')))).code).toBe('INVALID_STATE')
    expect((await rejection(t.services.meetings.publishAgenda(admin, m.id, { version: cancelled.version }))).code).toBe('INVALID_STATE')
    expect((await t.services.meetings.getMeeting(m.id)).status).toBe('cancelled')
  })

  it("refuses another partnership's secretariat", async () => {
    const m = await buildMeeting(t.db)
    const other = await buildPartnership(t.db)
    const stranger: CurrentUser = { ...admin, isAdmin: false, secretariatOf: [other.id] }
    expect((await rejection(t.services.meetings.addItem(stranger, m.id, item('X')))).code).toBe('FORBIDDEN')
  })
})

describe('what meetings announce', () => {
  /** A meetings service of its own, with a bus only this test listens to. */
  function withListener(listener: (tx: Db, event: MeetingEvent) => Promise<void>) {
    const events = createEventBus<MeetingEvent>()
    events.subscribe('*', listener)
    return meetingsService(t.db, meetingsRepository(t.db), { structure: t.services.structure, numbering: numberingService(), events })
  }

  it('publishes agenda publication, a move and a cancellation on the bus, inside the change\'s transaction', async () => {
    const heard: { event: MeetingEvent; inTransaction: boolean }[] = []
    const s = withListener(async (tx, event) => {
      heard.push({ event, inTransaction: tx !== t.db })
      // The listener reads with the emitter's tx: it sees the change before it commits.
      const [row] = await tx.select().from(meetings).where(eq(meetings.id, event.meetingId))
      expect(row!.version).toBeGreaterThan(1)
    })
    const m = await buildMeeting(t.db, { date: '2099-03-03', startTime: '14:30' })
    await buildAgendaItem(t.db, { meetingId: m.id })
    const published = await s.publishAgenda(admin, m.id, { version: m.version })
    const unmoved = await s.updateMeeting(admin, m.id, { date: m.date, startTime: '14:30', venue: 'Hall', kind: 'ordinary', version: published.version })
    const moved = await s.updateMeeting(admin, m.id, { date: '2099-03-10', startTime: '14:30', kind: 'ordinary', version: unmoved.version })
    await s.cancelMeeting(admin, m.id, { version: moved.version })
    const ids = { bodyId: m.bodyId, meetingId: m.id }
    expect(heard).toEqual([
      { event: { type: 'agenda_published', ...ids }, inTransaction: true },
      { event: { type: 'meeting_moved', ...ids }, inTransaction: true },
      { event: { type: 'meeting_cancelled', ...ids }, inTransaction: true },
    ])
  })

  it('a listener that fails undoes the change it was told about', async () => {
    const s = withListener(() => Promise.reject(new Error('listener failed')))
    const m = await buildMeeting(t.db, { date: '2099-03-03' })
    await buildAgendaItem(t.db, { meetingId: m.id })
    await expect(s.publishAgenda(admin, m.id, { version: m.version })).rejects.toThrow('listener failed')
    const after = await t.services.meetings.getMeeting(m.id)
    expect(after.status).toBe('scheduled')
    expect(after.version).toBe(m.version)
  })
})

describe('publishing the agenda', () => {
  it('computes the notice deadline (meeting-law worked case 1)', async () => {
    const body = await buildBody(t.db, { noticeClearDays: 5 })
    const m = await t.services.meetings.getMeeting((await buildMeeting(t.db, { bodyId: body.id, date: '2025-05-06' })).id)
    const notice = await t.services.meetings.noticeStatus(m)
    expect(notice).toMatchObject({ latestWorkingDay: '2025-04-25', latestCompliant: '2025-04-27', late: true })
    expect(noticeSentence(notice)).toBe(
      "To give 5 clear working days' notice, publish by Friday 25 April 2025 (latest working day; the latest compliant date is Sunday 27 April 2025)",
    )
    const wed = await t.services.meetings.getMeeting((await buildMeeting(t.db, { bodyId: body.id, date: '2025-05-14' })).id)
    expect(noticeSentence(await t.services.meetings.noticeStatus(wed))).toBe(
      "To give 5 clear working days' notice, publish by Tuesday 6 May 2025 (the latest compliant date)",
    )
  })

  it('late publication is a warning for an informal body', async () => {
    const body = await buildBody(t.db, { regime: 'informal' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    const published = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    expect(published.status).toBe('agenda_published')
    expect(published.agendaPublishedAt).toBeInstanceOf(Date)
    expect(published.lateReason).toBeNull()
    const again = await rejection(t.services.meetings.publishAgenda(admin, m.id, { version: published.version }))
    expect(again.code).toBe('INVALID_STATE')
  })

  it('late publication is blocked for a statutory body unless an urgency reason is recorded', async () => {
    const body = await buildBody(t.db, { regime: 'statutory_committee' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    const err = await rejection(t.services.meetings.publishAgenda(admin, m.id, { version: m.version }))
    expect(err.code).toBe('VALIDATION')
    expect(err.fieldErrors?.urgencyReason).toBeTruthy()
    expect((await t.services.meetings.getMeeting(m.id)).status).toBe('scheduled')
    const ok = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version, urgencyReason: 'Budget deadline' })
    expect(ok.lateReason).toBe('Budget deadline')
  })

  it('publication in good time needs no reason, even for a statutory body', async () => {
    const body = await buildBody(t.db, { regime: 'hwb' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    expect((await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })).lateReason).toBeNull()
  })

  it('refuses to publish an empty agenda', async () => {
    const m = await buildMeeting(t.db, { date: addDays(londonToday(), 60) })
    expect((await rejection(t.services.meetings.publishAgenda(admin, m.id, { version: m.version }))).code).toBe('INVALID_STATE')
  })

  it("freezes the first number and advances the body's counter for continuing schemes", async () => {
    const body = await buildBody(t.db, { numberingScheme: 'continuing', nextItemNumber: 43 })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    const next = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 120) })
    const a = await t.services.meetings.addItem(admin, m.id, item('A'))
    await t.services.meetings.addItem(admin, m.id, item('A1', { parentItemId: a.id }))
    await t.services.meetings.addItem(admin, m.id, item('B'))
    const published = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    expect(published.firstItemNumber).toBe(43)
    const [row] = await t.db.select().from(bodies).where(eq(bodies.id, body.id))
    expect(row!.nextItemNumber).toBe(45)
    expect(await numbers(m.id)).toEqual(['43. A', '43a A1', '44. B'])
    await t.services.meetings.addItem(admin, next.id, item('C'))
    expect(await numbers(next.id)).toEqual(['45. C'])
  })

  it('never lowers the counter, and leaves it alone for per_meeting bodies', async () => {
    const body = await buildBody(t.db, { numberingScheme: 'year_sequence', nextItemNumber: 30 })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60), firstItemNumber: 10 })
    await t.services.meetings.addItem(admin, m.id, item('A'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    const [row] = await t.db.select().from(bodies).where(eq(bodies.id, body.id))
    expect(row!.nextItemNumber).toBe(30)

    const pm = await buildBody(t.db, { numberingScheme: 'per_meeting', nextItemNumber: 1 })
    const m2 = await buildMeeting(t.db, { bodyId: pm.id, date: addDays(londonToday(), 60) })
    await t.services.meetings.addItem(admin, m2.id, item('A'))
    await t.services.meetings.publishAgenda(admin, m2.id, { version: m2.version })
    const [row2] = await t.db.select().from(bodies).where(eq(bodies.id, pm.id))
    expect(row2!.nextItemNumber).toBe(1)
  })

  it('a late item on an informal body is allowed without a reason (the form warns)', async () => {
    const body = await buildBody(t.db, { regime: 'informal' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    const late = await t.services.meetings.addItem(admin, m.id, item('Late but informal'))
    expect(late.addedAfterPublication).toBe(true)
    expect(late.urgencyReason).toBeNull()
  })

  it('items added after publication are flagged, and on a statutory body need an urgency reason once the notice period has passed', async () => {
    const body = await buildBody(t.db, { regime: 'statutory_committee' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version, urgencyReason: 'Late' })
    const err = await rejection(t.services.meetings.addItem(admin, m.id, item('Urgent')))
    expect(err.fieldErrors?.urgencyReason).toMatch(/urgent/)
    const late = await t.services.meetings.addItem(admin, m.id, item('Urgent', { urgencyReason: 'Contract expires Friday' }))
    expect(late.addedAfterPublication).toBe(true)
    expect(late.urgencyReason).toBe('Contract expires Friday')

    const early = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    await t.services.meetings.addItem(admin, early.id, item('Item'))
    await t.services.meetings.publishAgenda(admin, early.id, { version: early.version })
    const extra = await t.services.meetings.addItem(admin, early.id, item('Extra'))
    expect(extra.addedAfterPublication).toBe(true)
  })

  it('lists exempt items (and their sub-items) as withheld', async () => {
    const m = await t.services.meetings.getMeeting((await buildMeeting(t.db, { date: addDays(londonToday(), 60) })).id)
    const exempt = await t.services.meetings.addItem(admin, m.id, item('Contract', { isExempt: true, exemptParagraph: '3', publicInterestReasoning: 'Commercial' }))
    await t.services.meetings.addItem(admin, m.id, item('Contract detail', { parentItemId: exempt.id }))
    await t.services.meetings.addItem(admin, m.id, item('Open'))
    const check = await t.services.meetings.checkPublication(m)
    expect(check.withheldItems.map((i) => i.title)).toEqual(['Contract', 'Contract detail'])
    expect(check.warnings).toEqual([])
    expect(check.blocker).toBeNull()
  })
})

describe('the agenda once minutes are published or approved', () => {
  async function meetingWithPaper(...traits: Parameters<typeof buildMeeting>[2][]) {
    const m = await buildMeeting(t.db, { date: '2016-07-19' }, ...traits)
    const a = await buildAgendaItem(t.db, { meetingId: m.id, title: 'A', position: 0 })
    const b = await buildAgendaItem(t.db, { meetingId: m.id, title: 'B', position: 1 })
    const paper = await buildDocument(t.db, { meetingId: m.id, itemId: a.id })
    return { m, a, b, paper }
  }
  const pdf = { ext: 'pdf' as const, filename: 'x.pdf', mediaType: 'application/pdf', sizeBytes: 5, sha256: 'x', bytes: Buffer.from('%PDF-') }

  it('refuses every agenda and detail change once the minutes are approved, and leaves the record as it was', async () => {
    const { m, a, b, paper } = await meetingWithPaper('minutesApproved')
    const s = t.services.meetings
    // Thunks, run one at a time: started together, a later rejection would go unobserved meanwhile.
    const attempts = [
      () => s.updateMeeting(admin, m.id, { date: m.date, startTime: '10:00', kind: 'ordinary', version: m.version }),
      () => s.addItem(admin, m.id, item('Late')),
      () => s.updateItem(admin, a.id, { ...item('Rewritten'), version: a.version }),
      () => s.deleteItem(admin, a.id, { version: a.version }),
      () => s.moveItem(admin, b.id, { direction: 'up', version: b.version }),
      () => s.addPaper(admin, m.id, { title: 'New', isExempt: false }, pdf),
      () => s.deletePaper(admin, paper.id, { version: paper.version }),
    ]
    for (const attempt of attempts) {
      const err = await rejection(attempt())
      expect(err.code).toBe('INVALID_STATE')
      expect(err.message).toBe(MINUTES_APPROVED_MESSAGE)
    }
    expect(await numbers(m.id)).toEqual(['1 A', '2 B'])
    expect(await t.db.select({ id: documents.id }).from(documents).where(eq(documents.meetingId, m.id))).toEqual([{ id: paper.id }])
    expect((await s.getMeeting(m.id)).startTime.slice(0, 5)).toBe('14:30')
  })

  it('once draft minutes are published, refuses deleting or moving items and deleting papers, but allows rewording and new papers', async () => {
    const { m, a, b, paper } = await meetingWithPaper('minutesDraft')
    const s = t.services.meetings
    for (const attempt of [
      () => s.deleteItem(admin, a.id, { version: a.version }),
      () => s.moveItem(admin, b.id, { direction: 'up', version: b.version }),
      () => s.deletePaper(admin, paper.id, { version: paper.version }),
    ]) {
      const err = await rejection(attempt())
      expect(err.code).toBe('INVALID_STATE')
      expect(err.message).toBe(DRAFT_MINUTES_MESSAGE)
    }
    const moveUnder = await rejection(s.updateItem(admin, b.id, { ...item('B', { parentItemId: a.id }), version: b.version }))
    expect(moveUnder.fieldErrors?.parentItemId).toMatch(/Draft minutes/)
    await s.updateItem(admin, a.id, { ...item('A, reworded'), version: a.version })
    await s.addPaper(admin, m.id, { title: 'Tabled at the meeting', isExempt: false }, pdf)
    expect(await numbers(m.id)).toEqual(['1 A, reworded', '2 B'])
    expect(await t.db.select().from(documents).where(eq(documents.meetingId, m.id))).toHaveLength(2)
  })

  it('takes the meeting row lock in agenda changes (the lock the minutes and approval take)', async () => {
    const { m, a, b, paper } = await meetingWithPaper('agendaPublished')
    const repo = meetingsRepository(t.db)
    const s = meetingsService(t.db, repo, { structure: t.services.structure, numbering: numberingService(), events: createEventBus<MeetingEvent>() })
    const spy = vi.spyOn(repo, 'lockMeetingById')
    await s.updateItem(admin, a.id, { ...item('A2'), version: a.version })
    await s.moveItem(admin, b.id, { direction: 'up', version: b.version })
    await s.deletePaper(admin, paper.id, { version: paper.version })
    await s.updateMeeting(admin, m.id, { date: m.date, startTime: '14:30', kind: 'ordinary', version: m.version })
    expect(spy.mock.calls.map((c) => c[0])).toEqual([m.id, m.id, m.id, m.id])
    // Each call was inside a transaction (a tx, not the pool), so the lock is held until it commits.
    expect(spy.mock.calls.every((c) => c[1] !== t.db)).toBe(true)
    spy.mockRestore()
  })
})

describe('stale deletes and moves', () => {
  it('refuses to delete or move an item, or delete a paper, that changed since the page was opened', async () => {
    const m = await buildMeeting(t.db)
    const a = await buildAgendaItem(t.db, { meetingId: m.id, title: 'A', position: 0 })
    const b = await buildAgendaItem(t.db, { meetingId: m.id, title: 'B', position: 1 })
    const paper = await buildDocument(t.db, { meetingId: m.id, itemId: a.id })
    const s = t.services.meetings
    await s.updateItem(admin, a.id, { ...item('A changed'), version: a.version })
    const del = await rejection(s.deleteItem(admin, a.id, { version: a.version }))
    expect(del.code).toBe('CONFLICT')
    expect(del.message).toBe(ITEM_CHANGED_MESSAGE)
    const moved = await rejection(s.moveItem(admin, a.id, { direction: 'down', version: a.version }))
    expect(moved.code).toBe('CONFLICT')
    await t.db.update(documents).set({ version: 2 }).where(eq(documents.id, paper.id))
    const delPaper = await rejection(s.deletePaper(admin, paper.id, { version: 1 }))
    expect(delPaper.code).toBe('CONFLICT')
    expect(delPaper.message).toBe(PAPER_CHANGED_MESSAGE)
    expect(await numbers(m.id)).toEqual(['1 A changed', '2 B'])
    expect(await t.db.select().from(documents).where(eq(documents.id, paper.id))).toHaveLength(1)
    await s.moveItem(admin, b.id, { direction: 'up', version: b.version })
    expect(await numbers(m.id)).toEqual(['1 B', '2 A changed'])
  })
})

describe('numbering after a late item', () => {
  it("advances a continuing body's counter when a main item is added to a published agenda, never lowering it", async () => {
    const body = await buildBody(t.db, { numberingScheme: 'continuing', nextItemNumber: 43 })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    const a = await t.services.meetings.addItem(admin, m.id, item('A'))
    await t.services.meetings.addItem(admin, m.id, item('B'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    const counter = async () => (await t.db.select().from(bodies).where(eq(bodies.id, body.id)))[0]!.nextItemNumber
    expect(await counter()).toBe(45)
    await t.services.meetings.addItem(admin, m.id, item('Late C'))
    expect(await counter()).toBe(46)
    await t.services.meetings.addItem(admin, m.id, item('Late A1', { parentItemId: a.id }))
    expect(await counter()).toBe(46)
    expect(await numbers(m.id)).toEqual(['43. A', '43a Late A1', '44. B', '45. Late C'])
    const next = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 120) })
    await t.services.meetings.addItem(admin, next.id, item('Next'))
    expect(await numbers(next.id)).toEqual(['46. Next'])

    await t.db.update(bodies).set({ nextItemNumber: 100 }).where(eq(bodies.id, body.id))
    await t.services.meetings.addItem(admin, m.id, item('Late D'))
    expect(await counter()).toBe(100)
  })

  it('does the same for year_sequence, and for a late sub-item promoted to a main item', async () => {
    const body = await buildBody(t.db, { numberingScheme: 'year_sequence', nextItemNumber: 26 })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    const a = await t.services.meetings.addItem(admin, m.id, item('A'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    const counter = async () => (await t.db.select().from(bodies).where(eq(bodies.id, body.id)))[0]!.nextItemNumber
    expect(await counter()).toBe(27)
    const sub = await t.services.meetings.addItem(admin, m.id, item('Sub', { parentItemId: a.id }))
    expect(await counter()).toBe(27)
    await t.services.meetings.updateItem(admin, sub.id, { ...item('Sub'), version: sub.version })
    expect(await counter()).toBe(28)
  })
})
