import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { AppError } from '../../platform/http/errors.ts'
import { addDays, londonToday } from '../../shared/dates.ts'
import { createTestDatabase } from '../../../test/support/db.ts'
import { createTestApp } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { bodies } from '../structure/structure.tables.ts'
import type { NewItemInput } from './meetings.schemas.ts'
import { noticeSentence } from './meetings.presenter.ts'

let database: Database
let t: ReturnType<typeof createTestApp>
let admin: CurrentUser

beforeAll(async () => {
  database = await createTestDatabase()
  t = createTestApp(database)
  const user = await buildUser(database.db, { isAdmin: true })
  admin = { id: user.id, email: user.email, displayName: user.displayName, isAdmin: true, secretariatOf: [], memberOf: [] }
})
afterAll(async () => {
  expect(t.logger.errors).toEqual([])
  await database.close()
})

const item = (title: string, extra: Partial<NewItemInput> = {}): NewItemInput => ({ title, isExempt: false, ...extra })

async function rejects(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected an AppError')
}

async function numbers(meetingId: string) {
  const m = await t.services.meetings.getMeeting(meetingId)
  return (await t.services.meetings.findAgenda(m)).map((i) => `${i.number} ${i.title}`)
}

describe('agenda numbering through findAgenda', () => {
  it('year_sequence: 15.26, 15.26a, 15.26b, 15.27, and reordering renumbers', async () => {
    const body = await buildBody(database.db, { numberingScheme: 'year_sequence', nextItemNumber: 26 })
    const meeting = await t.services.meetings.scheduleMeeting(admin, body.id, { date: '2015-02-10', startTime: '14:30', kind: 'away_day' })
    const welcome = await t.services.meetings.addItem(admin, meeting.id, item('Welcome'))
    const close = await t.services.meetings.addItem(admin, meeting.id, item('Close'))
    await t.services.meetings.addItem(admin, meeting.id, item('Session 1', { parentItemId: welcome.id }))
    const s2 = await t.services.meetings.addItem(admin, meeting.id, item('Session 2', { parentItemId: welcome.id }))
    expect(await numbers(meeting.id)).toEqual(['15.26 Welcome', '15.26a Session 1', '15.26b Session 2', '15.27 Close'])

    await t.services.meetings.moveItem(admin, s2.id, 'up')
    expect(await numbers(meeting.id)).toEqual(['15.26 Welcome', '15.26a Session 2', '15.26b Session 1', '15.27 Close'])

    await t.services.meetings.moveItem(admin, close.id, 'up')
    expect(await numbers(meeting.id)).toEqual(['15.26 Close', '15.27 Welcome', '15.27a Session 2', '15.27b Session 1'])

    // at the top already: nothing changes
    await t.services.meetings.moveItem(admin, close.id, 'up')
    expect((await numbers(meeting.id))[0]).toBe('15.26 Close')
  })

  it('continuing: 43., 43a, 44.', async () => {
    const body = await buildBody(database.db, { numberingScheme: 'continuing', nextItemNumber: 43 })
    const meeting = await buildMeeting(database.db, { bodyId: body.id, date: '2016-09-27' })
    const first = await t.services.meetings.addItem(admin, meeting.id, item('Welcome and apologies'))
    await t.services.meetings.addItem(admin, meeting.id, item('Evaluation'))
    await t.services.meetings.addItem(admin, meeting.id, item('Minutes and matters arising', { parentItemId: first.id }))
    expect(await numbers(meeting.id)).toEqual(['43. Welcome and apologies', '43a Minutes and matters arising', '44. Evaluation'])
  })

  it('per_meeting restarts at 1 whatever the counter, and a first item number set on the meeting is used for continuing', async () => {
    const body = await buildBody(database.db, { numberingScheme: 'per_meeting', nextItemNumber: 99 })
    const meeting = await buildMeeting(database.db, { bodyId: body.id })
    await t.services.meetings.addItem(admin, meeting.id, item('One'))
    const two = await t.services.meetings.addItem(admin, meeting.id, item('Two'))
    await t.services.meetings.addItem(admin, meeting.id, item('Two A', { parentItemId: two.id }))
    expect(await numbers(meeting.id)).toEqual(['1 One', '2 Two', '2a Two A'])

    const cont = await buildBody(database.db, { numberingScheme: 'continuing', nextItemNumber: 10 })
    const m2 = await t.services.meetings.scheduleMeeting(admin, cont.id, { date: '2027-05-04', startTime: '10:00', kind: 'ordinary', firstItemNumber: 50 })
    await t.services.meetings.addItem(admin, m2.id, item('Fifty'))
    expect(await numbers(m2.id)).toEqual(['50. Fifty'])
  })

  it('only main items can be parents; deleting a main item deletes its sub-items', async () => {
    const meeting = await buildMeeting(database.db)
    const main = await t.services.meetings.addItem(admin, meeting.id, item('Main'))
    const sub = await t.services.meetings.addItem(admin, meeting.id, item('Sub', { parentItemId: main.id }))
    const err = await rejects(t.services.meetings.addItem(admin, meeting.id, item('Sub-sub', { parentItemId: sub.id })))
    expect(err.code).toBe('VALIDATION')
    expect(err.fieldErrors?.parentItemId).toMatch(/main item/)
    const other = await buildAgendaItem(database.db)
    expect((await rejects(t.services.meetings.addItem(admin, meeting.id, item('X', { parentItemId: other.id })))).code).toBe('VALIDATION')

    await t.services.meetings.deleteItem(admin, main.id)
    expect(await numbers(meeting.id)).toEqual([])
  })

  it('an item with sub-items cannot become a sub-item; a moved-under item goes to the end of its new siblings', async () => {
    const meeting = await buildMeeting(database.db)
    const a = await t.services.meetings.addItem(admin, meeting.id, item('A'))
    const b = await t.services.meetings.addItem(admin, meeting.id, item('B'))
    await t.services.meetings.addItem(admin, meeting.id, item('A1', { parentItemId: a.id }))
    const err = await rejects(t.services.meetings.updateItem(admin, a.id, { ...item('A', { parentItemId: b.id }), version: a.version }))
    expect(err.fieldErrors?.parentItemId).toMatch(/sub-items of its own/)
    await t.services.meetings.updateItem(admin, b.id, { ...item('B', { parentItemId: a.id }), version: b.version })
    expect(await numbers(meeting.id)).toEqual(['1 A', '1a A1', '1b B'])
  })
})

describe('moving and cancelling meetings', () => {
  it('records the first original date and time when a meeting moves', async () => {
    const body = await buildBody(database.db)
    const m = await t.services.meetings.scheduleMeeting(admin, body.id, { date: '2015-03-03', startTime: '14:30', kind: 'ordinary' })
    const base = { startTime: '14:30', kind: 'ordinary' as const }
    const moved = await t.services.meetings.updateMeeting(admin, m.id, { ...base, date: '2015-03-10', version: m.version })
    expect(moved.movedFromDate).toBe('2015-03-03')
    expect(moved.movedFromTime?.slice(0, 5)).toBe('14:30')
    const again = await t.services.meetings.updateMeeting(admin, m.id, { ...base, date: '2015-03-17', startTime: '16:00', version: moved.version })
    expect(again.movedFromDate).toBe('2015-03-03')
    const venue = await t.services.meetings.updateMeeting(admin, m.id, { ...base, date: '2015-03-17', startTime: '16:00', venue: 'Town Hall', version: again.version })
    expect(venue.movedFromDate).toBe('2015-03-03')
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, m.id))
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['meeting.scheduled', 'meeting.moved', 'meeting.updated']))
  })

  it('refuses a stale version', async () => {
    const m = await buildMeeting(database.db)
    await t.services.meetings.updateMeeting(admin, m.id, { date: m.date, startTime: '15:00', kind: 'ordinary', version: 1 })
    const err = await rejects(t.services.meetings.updateMeeting(admin, m.id, { date: m.date, startTime: '16:00', kind: 'ordinary', version: 1 }))
    expect(err.code).toBe('CONFLICT')
  })

  it('a cancelled meeting stays, and refuses later edits, items, papers and publication', async () => {
    const m = await buildMeeting(database.db)
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    const cancelled = await t.services.meetings.cancelMeeting(admin, m.id, { reason: 'Not quorate', version: m.version })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.cancelledAt).toBeInstanceOf(Date)
    expect(cancelled.cancellationReason).toBe('Not quorate')
    const edit = await rejects(t.services.meetings.updateMeeting(admin, m.id, { date: m.date, startTime: '10:00', kind: 'ordinary', version: cancelled.version }))
    expect(edit.code).toBe('INVALID_STATE')
    expect(edit.message).toMatch(/cancelled/)
    expect((await rejects(t.services.meetings.addItem(admin, m.id, item('Late')))).code).toBe('INVALID_STATE')
    expect((await rejects(t.services.meetings.publishAgenda(admin, m.id, { version: cancelled.version }))).code).toBe('INVALID_STATE')
    expect((await t.services.meetings.getMeeting(m.id)).status).toBe('cancelled')
  })

  it("refuses another partnership's secretariat", async () => {
    const m = await buildMeeting(database.db)
    const other = await buildPartnership(database.db)
    const stranger: CurrentUser = { ...admin, isAdmin: false, secretariatOf: [other.id] }
    expect((await rejects(t.services.meetings.addItem(stranger, m.id, item('X')))).code).toBe('FORBIDDEN')
  })
})

describe('publishing the agenda', () => {
  it('computes the notice deadline (meeting-law worked case 1)', async () => {
    const body = await buildBody(database.db, { noticeClearDays: 5 })
    const m = await t.services.meetings.getMeeting((await buildMeeting(database.db, { bodyId: body.id, date: '2025-05-06' })).id)
    const notice = await t.services.meetings.noticeStatus(m)
    expect(notice).toMatchObject({ latestWorkingDay: '2025-04-25', latestCompliant: '2025-04-27', late: true })
    expect(noticeSentence(notice)).toBe(
      "To give 5 clear working days' notice, publish by Friday 25 April 2025 (latest working day; the latest compliant date is Sunday 27 April 2025)",
    )
    const wed = await t.services.meetings.getMeeting((await buildMeeting(database.db, { bodyId: body.id, date: '2025-05-14' })).id)
    expect(noticeSentence(await t.services.meetings.noticeStatus(wed))).toBe(
      "To give 5 clear working days' notice, publish by Tuesday 6 May 2025 (the latest compliant date)",
    )
  })

  it('late publication is a warning for an informal body', async () => {
    const body = await buildBody(database.db, { regime: 'informal' })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    const published = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    expect(published.status).toBe('agenda_published')
    expect(published.agendaPublishedAt).toBeInstanceOf(Date)
    expect(published.lateReason).toBeNull()
    const again = await rejects(t.services.meetings.publishAgenda(admin, m.id, { version: published.version }))
    expect(again.code).toBe('INVALID_STATE')
  })

  it('late publication is blocked for a statutory body unless an urgency reason is recorded', async () => {
    const body = await buildBody(database.db, { regime: 'statutory_committee' })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    const err = await rejects(t.services.meetings.publishAgenda(admin, m.id, { version: m.version }))
    expect(err.code).toBe('VALIDATION')
    expect(err.fieldErrors?.urgencyReason).toBeTruthy()
    expect((await t.services.meetings.getMeeting(m.id)).status).toBe('scheduled')
    const ok = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version, urgencyReason: 'Budget deadline' })
    expect(ok.lateReason).toBe('Budget deadline')
  })

  it('publication in good time needs no reason, even for a statutory body', async () => {
    const body = await buildBody(database.db, { regime: 'hwb' })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    expect((await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })).lateReason).toBeNull()
  })

  it('refuses to publish an empty agenda', async () => {
    const m = await buildMeeting(database.db, { date: addDays(londonToday(), 60) })
    expect((await rejects(t.services.meetings.publishAgenda(admin, m.id, { version: m.version }))).code).toBe('INVALID_STATE')
  })

  it("freezes the first number and advances the body's counter for continuing schemes", async () => {
    const body = await buildBody(database.db, { numberingScheme: 'continuing', nextItemNumber: 43 })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    const next = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 120) })
    const a = await t.services.meetings.addItem(admin, m.id, item('A'))
    await t.services.meetings.addItem(admin, m.id, item('A1', { parentItemId: a.id }))
    await t.services.meetings.addItem(admin, m.id, item('B'))
    const published = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    expect(published.firstItemNumber).toBe(43)
    const [row] = await database.db.select().from(bodies).where(eq(bodies.id, body.id))
    expect(row!.nextItemNumber).toBe(45)
    expect(await numbers(m.id)).toEqual(['43. A', '43a A1', '44. B'])
    await t.services.meetings.addItem(admin, next.id, item('C'))
    expect(await numbers(next.id)).toEqual(['45. C'])
  })

  it('never lowers the counter, and leaves it alone for per_meeting bodies', async () => {
    const body = await buildBody(database.db, { numberingScheme: 'year_sequence', nextItemNumber: 30 })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 60), firstItemNumber: 10 })
    await t.services.meetings.addItem(admin, m.id, item('A'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    const [row] = await database.db.select().from(bodies).where(eq(bodies.id, body.id))
    expect(row!.nextItemNumber).toBe(30)

    const pm = await buildBody(database.db, { numberingScheme: 'per_meeting', nextItemNumber: 1 })
    const m2 = await buildMeeting(database.db, { bodyId: pm.id, date: addDays(londonToday(), 60) })
    await t.services.meetings.addItem(admin, m2.id, item('A'))
    await t.services.meetings.publishAgenda(admin, m2.id, { version: m2.version })
    const [row2] = await database.db.select().from(bodies).where(eq(bodies.id, pm.id))
    expect(row2!.nextItemNumber).toBe(1)
  })

  it('a late item on an informal body is allowed without a reason (the form warns)', async () => {
    const body = await buildBody(database.db, { regime: 'informal' })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    const late = await t.services.meetings.addItem(admin, m.id, item('Late but informal'))
    expect(late.addedAfterPublication).toBe(true)
    expect(late.urgencyReason).toBeNull()
  })

  it('items added after publication are flagged, and on a statutory body need an urgency reason once the notice period has passed', async () => {
    const body = await buildBody(database.db, { regime: 'statutory_committee' })
    const m = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 2) })
    await t.services.meetings.addItem(admin, m.id, item('Item'))
    await t.services.meetings.publishAgenda(admin, m.id, { version: m.version, urgencyReason: 'Late' })
    const err = await rejects(t.services.meetings.addItem(admin, m.id, item('Urgent')))
    expect(err.fieldErrors?.urgencyReason).toMatch(/urgent/)
    const late = await t.services.meetings.addItem(admin, m.id, item('Urgent', { urgencyReason: 'Contract expires Friday' }))
    expect(late.addedAfterPublication).toBe(true)
    expect(late.urgencyReason).toBe('Contract expires Friday')

    const early = await buildMeeting(database.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    await t.services.meetings.addItem(admin, early.id, item('Item'))
    await t.services.meetings.publishAgenda(admin, early.id, { version: early.version })
    const extra = await t.services.meetings.addItem(admin, early.id, item('Extra'))
    expect(extra.addedAfterPublication).toBe(true)
  })

  it('lists exempt items (and their sub-items) as withheld', async () => {
    const m = await t.services.meetings.getMeeting((await buildMeeting(database.db, { date: addDays(londonToday(), 60) })).id)
    const exempt = await t.services.meetings.addItem(admin, m.id, item('Contract', { isExempt: true, exemptParagraph: '3', publicInterestReasoning: 'Commercial' }))
    await t.services.meetings.addItem(admin, m.id, item('Contract detail', { parentItemId: exempt.id }))
    await t.services.meetings.addItem(admin, m.id, item('Open'))
    const check = await t.services.meetings.checkPublication(m)
    expect(check.withheldItems.map((i) => i.title)).toEqual(['Contract', 'Contract detail'])
    expect(check.warnings).toEqual([])
    expect(check.blocker).toBeNull()
  })
})
