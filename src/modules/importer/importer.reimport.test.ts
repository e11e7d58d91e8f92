import { beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildAgendaItem, buildAttendance, buildBody, buildDocument, buildMeeting, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { importerFixture, importSnapshot } from '../../../test/support/importer-builders.ts'
import type { Services } from '../../services.ts'
import { agendaItems, attendance, meetings } from '../meetings/meetings.tables.ts'
import { actionLinks, actionUpdates, actions } from '../actions/actions.tables.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/** Re-imports and imports onto meetings that exist: what an import may and may not change (review of issue 4). */

let database: Database
let services: Services
const SYSTEM = { system: 'test' }
const seed000 = importerFixture('seed-000.txt')
const seed001 = importerFixture('seed-001.txt')

const t = useTestApp()
beforeAll(() => {
  database = t.database
  services = t.services
})

const parse = (name: string, content: string) => services.importer.parse({ fileName: name, content })
const importText = (partnershipId: string, content: string, source = 'page.txt') =>
  services.importer.importDocument(SYSTEM, partnershipId, parse(source, content), { source })

async function board() {
  const p = await buildPartnership(database.db)
  const b = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Service Reform Board' })
  return { p, board: b }
}
async function executive() {
  const p = await buildPartnership(database.db)
  const b = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Services Reform Executive', numberingScheme: 'continuing', nextItemNumber: 7 })
  return { p, exec: b }
}
const itemsOf = (meetingId: string) => database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt))
const actionsOf = (meetingId: string) => database.db.select().from(actions).where(eq(actions.meetingId, meetingId)).orderBy(asc(actions.createdAt), asc(actions.id))
/** An edit made in Joined Up: the version goes up, as every service's update does. */
const bump = { version: 99 }

describe('a meeting run in Joined Up is never changed by an import (review 1)', () => {
  it('refuses, and publishes nothing, when the page matches a meeting created in Joined Up', async () => {
    const { p, board: b } = await board()
    const m = await buildMeeting(database.db, { bodyId: b.id, date: '2015-02-10', startTime: '14:30' })
    const draft = await buildAgendaItem(database.db, { meetingId: m.id, title: 'Confidential draft restructure proposal', position: 0, minutes: 'Not for publication yet' })
    await buildDocument(database.db, { meetingId: m.id, itemId: draft.id, title: 'Draft paper' })
    const before = await importSnapshot(database.db, p.id)
    await expect(importText(p.id, seed000)).rejects.toThrow('The meeting of Chorley Public Service Reform Board on 2015-02-10 is run in Joined Up; it was not changed')
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
    const [after] = await database.db.select().from(meetings).where(eq(meetings.id, m.id))
    expect(after).toMatchObject({ status: 'scheduled', agendaPublishedAt: null, minutesPublishedAt: null })
  })

  it('refuses a held meeting too, keeping its deputies and its items', async () => {
    const { p, exec } = await executive()
    const m = await buildMeeting(database.db, { bodyId: exec.id, date: '2016-09-27', startTime: '16:00', status: 'held', agendaPublishedAt: new Date('2016-09-20') })
    const member = await buildPerson(database.db, { fullName: 'Member Mo' })
    const deputy = await buildPerson(database.db, { fullName: 'Deputy Dee' })
    await buildAttendance(database.db, { meetingId: m.id, personId: deputy.id, status: 'deputy', deputyForPersonId: member.id, capacity: 'Deputy' })
    const before = await importSnapshot(database.db, p.id)
    await expect(importText(p.id, seed001)).rejects.toThrow(/is run in Joined Up; it was not changed/)
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
  })

  it('the review screen says it will not be imported, and does not count it as importable', async () => {
    const { p, board: b } = await board()
    await buildMeeting(database.db, { bodyId: b.id, date: '2015-02-10', startTime: '14:30' })
    const u = await buildUser(database.db, { secretariatOf: [p.id] })
    const user = { id: u.id, email: u.email, displayName: u.displayName, isAdmin: false, secretariatOf: [p.id], personId: null } as unknown as CurrentUser
    const job = await services.importer.createJob(user, p.id, [{ fileName: 'seed-000.txt', content: seed000 }], {})
    const review = await services.importer.getJob(user, job.id)
    expect(review.plans.get(review.documents[0]!.id)).toMatchObject({ kind: 'refused', meetingStatus: 'scheduled', reason: 'This meeting is run in Joined Up: it will not be changed.' })
    const { jobView } = await import('./importer.presenter.ts')
    const view = jobView(review.partnership, review.job, review.documents, review.plans)
    expect(view.mode === 'review' && view.importable).toBe(0)
    expect(view.mode === 'review' && view.docs[0]!.tag.text).toBe('Will not be imported')
  })

  it('a next meeting the import only scheduled may be imported into, until it is worked on in Joined Up', async () => {
    const { p, board: b } = await board()
    await importText(p.id, seed000.replace('Tuesday 21st April 2015', 'Tuesday 21st April 2099')) // schedules 21 April 2099
    const [next] = await database.db.select().from(meetings).where(and(eq(meetings.bodyId, b.id), eq(meetings.date, '2099-04-21')))
    expect(next).toMatchObject({ status: 'scheduled', startTime: '16:00:00' })
    const page = seed000.replace('Tuesday, 10th February 2015', 'Tuesday, 21st April 2099').replace('Tuesday 21st April 2015', 'Tuesday 19th May 2099')
    const snapshot = await importSnapshot(database.db, p.id)
    await buildAgendaItem(database.db, { meetingId: next!.id, title: 'Added in Joined Up', position: 0 })
    await expect(importText(p.id, page)).rejects.toThrow(/on 2099-04-21 is run in Joined Up/)
    // Before anyone worked on it, the same page imports into it.
    await database.db.delete(agendaItems).where(eq(agendaItems.meetingId, next!.id))
    expect((await importSnapshot(database.db, p.id)).meetings.map((m) => [m.id, m.version])).toEqual(snapshot.meetings.map((m) => [m.id, m.version]))
    expect(await importText(p.id, page)).toMatchObject({ status: 'updated', meetingId: next!.id })
  })
})

describe('numbers and the next meeting (review 7 and 9)', () => {
  it('unnumbered items on a continuing-scheme body get no number, not the body counter', async () => {
    const { p, exec } = await executive()
    const parsed = services.importer.parse({ fileName: 'no-heading.txt', content: importerFixture('no-heading.txt') }, { body: exec.name, date: '2019-03-05' })
    expect(parsed.items.map((i) => i.number)).toEqual([null, null])
    const out = await services.importer.importDocument(SYSTEM, p.id, parsed, { source: 'no-heading.txt', bodyId: exec.id })
    const agenda = await services.meetings.findAgenda(await services.meetings.getMeeting(out.meetingId))
    expect(agenda.map((i) => i.number)).toEqual(['', ''])
    expect((await itemsOf(out.meetingId)).map((i) => i.numberOverride)).toEqual(['', ''])
    expect((await services.importer.importDocument(SYSTEM, p.id, parsed, { source: 'no-heading.txt', bodyId: exec.id })).status).toBe('unchanged')
  })

  it('a next meeting still to come is scheduled at the time the page prints for it', async () => {
    const { p, board: b } = await board()
    const out = await importText(p.id, seed000.replace('Tuesday 21st April 2015', 'Tuesday 21st April 2099'))
    const [next] = await database.db.select().from(meetings).where(and(eq(meetings.bodyId, b.id), eq(meetings.date, '2099-04-21')))
    expect(next).toMatchObject({ status: 'scheduled', startTime: '16:00:00' })
    expect(out.notes).toContain('The next meeting on 2099-04-21 was scheduled at 16:00, as the page says')
  })
})

describe('exempt items (review 4)', () => {
  it('never changes an exempt item, and actions raised on one are not public', async () => {
    const { p } = await executive()
    const first = await importText(p.id, seed001)
    const item = (await itemsOf(first.meetingId)).find((i) => i.numberOverride === '43a')!
    await database.db.update(agendaItems).set({ isExempt: true, exemptParagraph: 3 }).where(eq(agendaItems.id, item.id))
    const page = seed001.replace(
      'Update – cleared as part of the activity in year two of the work programme.',
      'Update – cleared as part of the activity in year two of the work programme.\n\nAction – PMO to circulate the confidential contract values to partners.',
    )
    const out = await importText(p.id, page)
    const [after] = await database.db.select().from(agendaItems).where(eq(agendaItems.id, item.id))
    expect(after!.minutes).toBe(item.minutes)
    expect(out.notes).toContain('Item 43a is exempt in Joined Up: its content was not changed')
    const acts = await actionsOf(first.meetingId)
    const added = acts.find((a) => a.description.startsWith('PMO to circulate') || a.description.includes('circulate the confidential'))
    expect(added).toMatchObject({ itemId: item.id, isPublic: false })
    // The actions already on the item stop being public too.
    expect(acts.filter((a) => a.itemId === item.id).map((a) => a.isPublic)).toEqual([false, false, false, false, false])
  })

  it('the parser warns about items taken in private', () => {
    const page = seed000.replace('Closure and date of next meeting', 'Exclusion of the press and public')
    expect(parse('s.txt', page).warnings).toContain(
      'Item 15.27 mentions exempt information or the exclusion of the press and public: it is imported as printed (public); mark it exempt in Joined Up if it was taken in private',
    )
    expect(parse('s.txt', seed000).warnings.some((w) => w.includes('exempt'))).toBe(false)
  })
})

describe('approved minutes are final (review 3)', () => {
  it('a draft page does not change minutes approved by an earlier import', async () => {
    const { p } = await board()
    const approved = seed000.replace('Agenda and draft minutes', 'Agenda and minutes')
    const first = await importText(p.id, approved)
    const before = await importSnapshot(database.db, p.id)
    const draft = seed000.replace('Cllr Bradley welcomed everyone to the meeting', 'Cllr Bradley welcomed all to the meeting')
    await expect(importText(p.id, draft)).rejects.toThrow(/are approved; this page is not the approved minutes, so nothing was changed/)
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
    expect((await itemsOf(first.meetingId))[0]!.minutes).toMatch(/^Cllr Bradley welcomed everyone/)
  })

  it('minutes approved at a meeting in Joined Up are not changed even by an approved page', async () => {
    const { p, board: b } = await board()
    const first = await importText(p.id, seed000)
    const later = await buildMeeting(database.db, { bodyId: b.id, date: '2015-03-10', startTime: '14:30', status: 'held' })
    await database.db
      .update(meetings)
      .set({ status: 'minutes_approved', minutesApprovedAt: new Date(), minutesApprovedAtMeetingId: later.id })
      .where(eq(meetings.id, first.meetingId))
    const before = await importSnapshot(database.db, p.id)
    const approved = seed000.replace('Agenda and draft minutes', 'Agenda and minutes').replace('welcomed everyone', 'welcomed all')
    await expect(importText(p.id, approved)).rejects.toThrow(/were approved at a meeting in Joined Up/)
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
  })
})

describe('a re-import keeps what was done in Joined Up (review 2)', () => {
  it('keeps items added or edited in Joined Up and items with papers; changes and removes only its own', async () => {
    const { p } = await board()
    const first = await importText(p.id, seed000)
    const items = await itemsOf(first.meetingId)
    const byNumber = (n: string) => items.find((i) => i.numberOverride === n)!
    const [i26, i26a, i27] = [byNumber('15.26'), byNumber('15.26a'), byNumber('15.27')]
    const added = await buildAgendaItem(database.db, { meetingId: first.meetingId, title: 'Added in Joined Up', position: 9 })
    await buildDocument(database.db, { meetingId: first.meetingId, itemId: i27.id, title: 'Paper on 15.27' })
    await database.db.update(agendaItems).set({ minutes: 'Corrected in Joined Up', ...bump }).where(eq(agendaItems.id, i26a.id))
    // The page now: 15.26 minutes edited, 15.26a minutes edited, 15.27 gone.
    const page = seed000
      .replace('Cllr Bradley welcomed everyone to the meeting', 'Cllr Bradley warmly welcomed everyone to the meeting')
      .replace(/\n15\.27\n[\s\S]*?(?=\nShare this page)/, '\n')
    const parsed = parse('page.txt', page)
    expect(parsed.items.map((i) => i.number)).toEqual(['15.26', '15.26a', '15.26b'])
    const out = await services.importer.importDocument(SYSTEM, p.id, parsed, { source: 'page.txt' })
    expect(out.status).toBe('updated')
    const after = await itemsOf(first.meetingId)
    expect(after.map((i) => i.id).sort()).toEqual([...items.map((i) => i.id), added.id].sort())
    expect(after.find((i) => i.id === i26.id)!.minutes).toMatch(/^Cllr Bradley warmly welcomed/)
    expect(after.find((i) => i.id === i26a.id)!.minutes).toBe('Corrected in Joined Up')
    expect(out.notes).toEqual(expect.arrayContaining(['Item 15.27 is not on the page: kept, as it has papers', 'Item "Added in Joined Up" is not on the page: kept, as it was added or changed in Joined Up']))
    // And the same page again changes nothing.
    const before = await importSnapshot(database.db, p.id)
    expect((await services.importer.importDocument(SYSTEM, p.id, parse('page.txt', page), { source: 'page.txt' })).status).toBe('unchanged')
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
  })

  it('an item the import wrote and nobody changed is removed when the page drops it', async () => {
    const { p } = await board()
    const first = await importText(p.id, seed000)
    const page = seed000.replace(/\n15\.27\n[\s\S]*?(?=\nShare this page)/, '\n')
    const out = await importText(p.id, page)
    expect(out.changes).toContainEqual({ what: 'item 15.27', field: 'deleted', from: 'Closure and date of next meeting', to: null })
    expect((await itemsOf(first.meetingId)).map((i) => i.numberOverride).sort()).toEqual(['15.26', '15.26a', '15.26b'])
  })

  it('action status only moves forward; actions with updates from Joined Up or links are never deleted', async () => {
    const { p, board: b } = await board()
    const first = await importText(p.id, seed000)
    const acts = await actionsOf(first.meetingId)
    const circulate = acts.find((a) => a.description === 'Circulate Away Day outcomes')!
    const evidence = acts.find((a) => a.description === 'Develop evidence base')!
    const commission = acts.find((a) => a.description === 'Commission Working Group')!
    const data = acts.find((a) => a.description === 'Data Share Activity and Operational Group')!
    await database.db.update(actions).set({ status: 'completed', completedOn: '2015-02-17', ...bump }).where(eq(actions.id, circulate.id))
    const later = await buildMeeting(database.db, { bodyId: b.id, date: '2015-03-10', startTime: '14:30', status: 'held' })
    await database.db.insert(actionUpdates).values({ actionId: evidence.id, text: 'Reported at the March meeting', reportedAtMeetingId: later.id })
    const [lo, hi] = [commission.id, data.id].sort()
    await database.db.insert(actionLinks).values({ actionId: lo!, linkedActionId: hi! })
    // The page drops three actions and still says the first is open.
    const page = seed000
      .replace(/Develop evidence base\n\nHayley Hughes\n\n20\.02\.15\n/, '')
      .replace(/Commission Working Group\n\nDiane Gradwell\n\n13\.03\.15\n/, '')
      .replace(/Data Share Activity and Operational Group\n\nCI Tracie O’Gara\n\n20\.03\.15\n/, '')
    const parsed = parse('page.txt', page)
    expect(parsed.actions).toHaveLength(6)
    const out = await services.importer.importDocument(SYSTEM, p.id, parsed, { source: 'page.txt' })
    const after = await actionsOf(first.meetingId)
    expect(after.map((a) => a.id).sort()).toEqual(acts.map((a) => a.id).sort())
    expect(after.find((a) => a.id === circulate.id)).toMatchObject({ status: 'completed', completedOn: '2015-02-17' })
    expect(out.notes).toEqual(
      expect.arrayContaining([
        'Action "Develop evidence base" is not on the page: kept, as it has updates made in Joined Up',
        'Action "Commission Working Group" is not on the page: kept, as it is linked to another action',
        'Action "Data Share Activity and Operational Group" is not on the page: kept, as it is linked to another action',
      ]),
    )
    expect(await database.db.select().from(actionUpdates).where(inArray(actionUpdates.actionId, [evidence.id]))).toHaveLength(1)
  })

  it('an action progressed in Joined Up keeps its status even when the page says it is open', async () => {
    const { p } = await board()
    const first = await importText(p.id, seed000)
    const circulate = (await actionsOf(first.meetingId)).find((a) => a.description === 'Circulate Away Day outcomes')!
    // Progressed without a version bump (as a bulk tool might): the status rule alone keeps it.
    await database.db.update(actions).set({ status: 'in_progress' }).where(eq(actions.id, circulate.id))
    const out = await importText(p.id, seed000.replace('Agenda and draft minutes', 'Agenda and minutes'))
    const [after] = await database.db.select().from(actions).where(eq(actions.id, circulate.id))
    expect(after!.status).toBe('in_progress')
    expect(out.notes).toContain('Action "Circulate Away Day outcomes" is in progress in Joined Up; the page says open: kept as in progress')
  })

  it("the meeting's details changed in Joined Up are kept; its minutes still move from draft to approved", async () => {
    const { p } = await board()
    const first = await importText(p.id, seed000)
    await database.db.update(meetings).set({ venue: 'Chorley Town Hall, Room 2', ...bump }).where(eq(meetings.id, first.meetingId))
    const out = await importText(p.id, seed000.replace('Agenda and draft minutes', 'Agenda and minutes'))
    const [after] = await database.db.select().from(meetings).where(eq(meetings.id, first.meetingId))
    expect(after).toMatchObject({ venue: 'Chorley Town Hall, Room 2', status: 'minutes_approved' })
    expect(out.notes).toContain('The meeting was changed in Joined Up since it was imported: kept its venue (the page differs)')
  })

  it('attendance changed in Joined Up is kept', async () => {
    const p = await buildPartnership(database.db)
    await buildBody(database.db, { partnershipId: p.id, name: 'South Cambs Community Safety Partnership' })
    const csp = importerFixture('south-cambs-csp.txt')
    const first = await importText(p.id, csp, 'csp.txt')
    const member = (await database.db.select().from(attendance).where(eq(attendance.meetingId, first.meetingId)))[0]!
    const deputy = await buildPerson(database.db, { fullName: 'Jo Deputy' })
    await buildAttendance(database.db, { meetingId: first.meetingId, personId: deputy.id, status: 'deputy', deputyForPersonId: member.personId, capacity: 'Deputy' })
    const page = csp.replace('Sarah Ferguson', 'Sarah Fergusson')
    const out = await importText(p.id, page, 'csp.txt')
    const rows = await database.db.select().from(attendance).where(eq(attendance.meetingId, first.meetingId))
    expect(rows.find((r) => r.personId === deputy.id)).toMatchObject({ status: 'deputy', capacity: 'Deputy' })
    expect(out.notes).toContain('The attendance was changed in Joined Up since it was imported: kept as it is')
  })
})
