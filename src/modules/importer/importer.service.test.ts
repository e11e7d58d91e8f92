import { beforeAll, describe, expect, it } from 'vitest'
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildBody, buildOrganisation, buildPartnership, buildPerson, buildUser, buildMembership } from '../../../test/support/builders.ts'
import { importerFixture, importSnapshot } from '../../../test/support/importer-builders.ts'
import { AWAY_DAY_ACTIONS, EXECUTIVE_SEPTEMBER_AGENDA } from '../../../test/support/chorley-seed.ts'
import { importWrites, type Services } from '../../services.ts'
import { agendaItems, attendance, decisions, meetings } from '../meetings/meetings.tables.ts'
import { actionOwners, actionUpdates, actions } from '../actions/actions.tables.ts'
import { people, personPartnerships } from '../structure/structure.tables.ts'
import { importerService } from './importer.service.ts'
import { splitContact, splitName } from './names.ts'
import { actionStatusOf } from './rules.ts'
import { importDocuments, importJobs } from './importer.tables.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

let database: Database
let services: Services
const SYSTEM = { system: 'test' }

const t = useTestApp()
beforeAll(() => {
  database = t.database
  services = t.services
})

const parse = (name: string, content = importerFixture(name)) => services.importer.parse({ fileName: name, content })

async function seededPartnership() {
  const p = await buildPartnership(database.db)
  const board = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Service Reform Board' })
  const exec = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Services Reform Executive', numberingScheme: 'continuing', nextItemNumber: 7 })
  return { p, board, exec }
}

async function itemsOf(meetingId: string) {
  return database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.numberOverride))
}

async function actionsOf(meetingId: string) {
  const rows = await database.db.select().from(actions).where(eq(actions.meetingId, meetingId)).orderBy(asc(actions.createdAt))
  const owners = rows.length
    ? await database.db
        .select({ actionId: actionOwners.actionId, groupName: actionOwners.groupName, honorific: people.honorific, fullName: people.fullName })
        .from(actionOwners)
        .leftJoin(people, eq(people.id, actionOwners.personId))
        .where(inArray(actionOwners.actionId, rows.map((r) => r.id)))
    : []
  return rows.map((r) => {
    const o = owners.find((x) => x.actionId === r.id)
    const who = o?.groupName ?? (o?.fullName ? [o.honorific, o.fullName].filter(Boolean).join(' ') : null)
    return { what: r.description, who, when: r.dueOn, status: r.status, isPublic: r.isPublic, itemId: r.itemId, clearedAt: r.clearedAtMeetingId }
  })
}

describe('helpers', () => {
  it('splits names, contacts and printed statuses', () => {
    expect(splitName('Cllr Alistair Bradley')).toEqual({ honorific: 'Cllr', fullName: 'Alistair Bradley' })
    expect(splitName('CI Tracie O’Gara')).toEqual({ honorific: 'CI', fullName: 'Tracie O’Gara' })
    expect(splitName('Hayley Hughes')).toEqual({ honorific: null, fullName: 'Hayley Hughes' })
    expect(splitContact('Hayley Hughes  01257 515035')).toEqual({ name: 'Hayley Hughes', phone: '01257 515035', email: null })
    expect(splitContact('Democratic Services, tel 01954 713000, email democratic.services@example.gov.uk')).toEqual({
      name: 'Democratic Services',
      phone: '01954 713000',
      email: 'democratic.services@example.gov.uk',
    })
    expect(actionStatusOf('cleared')).toBe('cleared')
    expect(actionStatusOf('Complete')).toBe('completed')
    expect(actionStatusOf('ongoing')).toBe('in_progress')
    expect(actionStatusOf('something else')).toBeNull()
  })
})

describe('importing the seed minutes', () => {
  it('seed 000 imports exactly, and a second import changes nothing', async () => {
    const { p, board } = await seededPartnership()
    const parsed = parse('seed-000.txt')
    const out = await services.importer.importDocument(SYSTEM, p.id, parsed, { source: 'seed-000.txt' })
    expect(out.status).toBe('created')
    expect(out.bodyId).toBe(board.id)

    const [meeting] = await database.db.select().from(meetings).where(and(eq(meetings.bodyId, board.id), eq(meetings.date, '2015-02-10')))
    expect(meeting).toMatchObject({
      startTime: '14:30:00',
      venue: 'Chorley Community Fire Station',
      contactName: 'Hayley Hughes',
      status: 'minutes_draft',
      importedFrom: 'seed-000.txt',
    })
    expect(meeting!.agendaPublishedAt).not.toBeNull()
    expect(meeting!.minutesPublishedAt).not.toBeNull()
    const items = await itemsOf(meeting!.id)
    expect(items.map((i) => [i.numberOverride, i.title])).toEqual([
      ['15.26', 'Welcome and Introductions'],
      ['15.26a', 'Session 1 - Update on the progress and current position of the Board'],
      ['15.26b', 'Session 2 - Agreeing the forward programme of work for the Board'],
      ['15.27', 'Closure and date of next meeting'],
    ])
    // 15.26a and 15.26b are sub-items of 15.26.
    expect(items[1]!.parentItemId).toBe(items[0]!.id)
    expect(items[2]!.parentItemId).toBe(items[0]!.id)
    expect(items[3]!.parentItemId).toBeNull()
    expect(items.map((i) => i.minutes)).toEqual(parsed.items.map((i) => i.minutes || null))
    expect(items[0]!.minutes).toMatch(/^Cllr Bradley welcomed everyone to the meeting/)
    // The numbers as the meetings module prints them are the printed ones.
    const agenda = await services.meetings.findAgenda(await services.meetings.getMeeting(meeting!.id))
    expect(agenda.map((i) => i.number)).toEqual(['15.26', '15.26a', '15.26b', '15.27'])

    expect(await actionsOf(meeting!.id)).toEqual(
      AWAY_DAY_ACTIONS.map(([what, who, when]): unknown => expect.objectContaining({ what, who, when, status: 'open', isPublic: true })),
    )
    // One person per name: Hayley Hughes owns six actions but exists once.
    const hayley = await database.db.select().from(people).where(eq(people.fullName, 'Hayley Hughes'))
    expect(hayley).toHaveLength(1)
    expect(await database.db.select().from(attendance).where(eq(attendance.meetingId, meeting!.id))).toEqual([])

    // The next meeting (21 April 2015) is in the past: not scheduled, and the report says so.
    expect(await database.db.select().from(meetings).where(and(eq(meetings.bodyId, board.id), eq(meetings.date, '2015-04-21')))).toEqual([])
    expect(out.notes).toContain('The next meeting (2015-04-21) is in the past: it was not scheduled')

    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, meeting!.id)).orderBy(desc(auditEvents.id)).limit(1)
    expect(audit!.event).toBe('meeting.imported')
    expect(audit!.data.changes).toEqual(expect.arrayContaining([{ what: 'item 15.27', field: 'created', from: null, to: 'Closure and date of next meeting' }]))

    const before = await importSnapshot(database.db, p.id)
    const again = await services.importer.importDocument(SYSTEM, p.id, parse('seed-000.txt'), { source: 'seed-000.txt' })
    expect(again).toMatchObject({ status: 'unchanged', meetingId: meeting!.id, changes: [] })
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
  })

  it('seed 001 imports exactly: continuing numbers, cleared actions with their updates, the next meeting', async () => {
    const { p, exec } = await seededPartnership()
    const parsed = parse('seed-001.txt')
    const out = await services.importer.importDocument(SYSTEM, p.id, parsed, { source: 'seed-001.txt' })
    expect(out.status).toBe('created')
    const meeting = (await database.db.select().from(meetings).where(eq(meetings.id, out.meetingId)))[0]!
    expect(meeting).toMatchObject({
      bodyId: exec.id,
      date: '2016-09-27',
      startTime: '16:00:00',
      venue: 'Committee Room 1, Town Hall',
      contactName: 'Hayley Hughes',
      contactPhone: '01257 515035',
      contactEmail: null,
      status: 'minutes_draft',
    })
    const items = await itemsOf(meeting.id)
    expect(items.map((i) => [i.numberOverride, i.title])).toEqual(EXECUTIVE_SEPTEMBER_AGENDA)
    expect(items[0]!.minutes).toBe('Members were welcomed to the meeting, introductions made and apologies noted.')
    expect(items.map((i) => i.minutes)).toEqual(parsed.items.map((i) => i.minutes || null))
    const agenda = await services.meetings.findAgenda(await services.meetings.getMeeting(meeting.id))
    expect(agenda.map((i) => i.number)).toEqual(['43.', '43a', '43b', '44.', '45.', '46.'])
    // The body's continuing counter is untouched by an import.
    expect((await services.structure.getBody(exec.id)).nextItemNumber).toBe(7)

    const acts = await actionsOf(meeting.id)
    expect(acts.map((a) => [a.who, a.status])).toEqual([
      ['Cllr Bradley', 'cleared'],
      ['Executive', 'cleared'],
      ['PMO', 'cleared'],
      ['Dr Khandavalli', 'cleared'],
    ])
    expect(acts.every((a) => a.clearedAt === meeting.id && a.itemId === items[1]!.id)).toBe(true)
    const actionRows = await database.db.select({ id: actions.id, description: actions.description }).from(actions).where(eq(actions.meetingId, meeting.id))
    const updates = await database.db.select().from(actionUpdates).where(inArray(actionUpdates.actionId, actionRows.map((r) => r.id)))
    const updateOf = (start: string) => updates.filter((u) => u.actionId === actionRows.find((a) => a.description.startsWith(start))?.id).map((u) => u.text)
    // Exactly the seed's "Update –" lines, each on the action it follows.
    expect(updates).toHaveLength(4)
    expect(updateOf('Cllr Bradley to send')).toEqual(['cleared as response provided for both the Council and the Chorley Public Service Reform Partnership.'])
    // "both above linked as one action ..." is printed once under the two actions it speaks of.
    expect(updateOf('Executive to consider')).toEqual(['both above linked as one action which has been cleared as discussions have taken place as part of the evaluation activity.'])
    expect(updateOf('PMO to arrange')).toEqual(['both above linked as one action which has been cleared as discussions have taken place as part of the evaluation activity.'])
    expect(updateOf('Dr Khandavalli to bring')).toEqual(['cleared as part of the activity in year two of the work programme.'])
    expect(updates.every((u) => u.reportedAtMeetingId === meeting.id && u.statusTo === 'cleared')).toBe(true)
    // 22 November 2016 is in the past: not scheduled.
    expect(await database.db.select().from(meetings).where(and(eq(meetings.bodyId, exec.id), eq(meetings.date, '2016-11-22')))).toEqual([])

    const before = await importSnapshot(database.db, p.id)
    expect((await services.importer.importDocument(SYSTEM, p.id, parse('seed-001.txt'), { source: 'seed-001.txt' })).status).toBe('unchanged')
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
  })

  it('re-importing a changed page updates in place and the audit says what changed', async () => {
    const { p, board } = await seededPartnership()
    const first = await services.importer.importDocument(SYSTEM, p.id, parse('seed-000.txt'), { source: 'seed-000.txt' })
    const itemsBefore = await itemsOf(first.meetingId)
    const edited = importerFixture('seed-000.txt')
      .replace('Agenda and draft minutes', 'Agenda and minutes')
      .replace('Cllr Bradley welcomed everyone to the meeting', 'Cllr Bradley warmly welcomed everyone to the meeting')
    const out = await services.importer.importDocument(SYSTEM, p.id, parse('seed-000.txt', edited), { source: 'seed-000-approved.txt' })
    expect(out.status).toBe('updated')
    expect(out.meetingId).toBe(first.meetingId)
    const all = await database.db.select().from(meetings).where(and(eq(meetings.bodyId, board.id), eq(meetings.date, '2015-02-10')))
    expect(all).toHaveLength(1)
    expect(all[0]).toMatchObject({ status: 'minutes_approved', importedFrom: 'seed-000-approved.txt' })
    expect(all[0]!.minutesApprovedAt).not.toBeNull()
    const itemsAfter = await itemsOf(first.meetingId)
    expect(itemsAfter.map((i) => i.id)).toEqual(itemsBefore.map((i) => i.id))
    expect(itemsAfter[0]!.minutes).toMatch(/^Cllr Bradley warmly welcomed/)
    expect(itemsAfter[0]!.version).toBe(itemsBefore[0]!.version + 1)
    expect(itemsAfter[3]!.version).toBe(itemsBefore[3]!.version)
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, first.meetingId)).orderBy(desc(auditEvents.id)).limit(1)
    expect(audit!.event).toBe('meeting.reimported')
    const changes = audit!.data.changes as { what: string; field: string; from: unknown; to: unknown }[]
    expect(changes).toContainEqual({ what: 'meeting', field: 'status', from: 'minutes_draft', to: 'minutes_approved' })
    expect(changes.map((c) => `${c.what}.${c.field}`).sort()).toEqual(['item 15.26.minutes', 'meeting.status'])
  })

  it('marks minutes the page cut short as an excerpt, and a later import of the full text replaces it', async () => {
    const { p } = await seededPartnership()
    const first = await services.importer.importDocument(SYSTEM, p.id, parse('seed-001.txt'), { source: 'seed-001.txt' })
    const excerpt = (await itemsOf(first.meetingId)).find((i) => i.numberOverride === '43b')!
    expect(excerpt).toMatchObject({ minutesExcerpt: true, minutesSourceUrl: null })
    expect(excerpt.minutes!.endsWith('South Ribble Pilot/Preston …')).toBe(true)
    expect((await itemsOf(first.meetingId)).filter((i) => i.minutesExcerpt).map((i) => i.numberOverride)).toEqual(['43b'])

    // The same page with the item's own page saved after it: the full text is imported and the mark goes.
    const start = excerpt.minutes!.replace(/ …$/, '')
    const withFull = `${importerFixture('seed-001.txt')}\n\nAgenda item\n\n43b Overview Evaluation (Year One)\n\nMinutes:\n\n${start}, and the Our Health Our Care testbeds.\n\nThe Executive noted the evaluation.\n`
    const out = await services.importer.importDocument(SYSTEM, p.id, parse('seed-001.txt', withFull), { source: 'seed-001-full.txt' })
    expect(out.status).toBe('updated')
    const full = (await itemsOf(first.meetingId)).find((i) => i.numberOverride === '43b')!
    expect(full.id).toBe(excerpt.id)
    expect(full).toMatchObject({ minutesExcerpt: false, minutesSourceUrl: null })
    expect(full.minutes!.endsWith('The Executive noted the evaluation.')).toBe(true)
    expect(out.changes.map((c) => `${c.what}.${c.field}`).sort()).toEqual(['item 43b.minutes', 'item 43b.minutesExcerpt'])
  })

  it('records attendance and apologies, matching people of the partnership and adding the others', async () => {
    const p = await buildPartnership(database.db)
    const csp = await buildBody(database.db, { partnershipId: p.id, name: 'South Cambs Community Safety Partnership' })
    const chair = await buildPerson(database.db, { honorific: 'Cllr', fullName: 'Mick Martin' })
    await buildMembership(database.db, { bodyId: csp.id, personId: chair.id, role: 'chair' })
    // Another partnership's person of the same name: an import never reaches them (issue 10).
    const other = await buildPartnership(database.db)
    const outsider = await buildPerson(database.db, { fullName: 'Stuart Smith', email: 'stuart@other.example', usedBy: other.id })
    const police = await buildOrganisation(database.db, { name: 'Cambridgeshire Constabulary' })
    const out = await services.importer.importDocument(SYSTEM, p.id, parse('south-cambs-csp.txt'), { source: 'csp.txt' })
    const rows = await database.db
      .select({ status: attendance.status, personId: attendance.personId, honorific: people.honorific, fullName: people.fullName })
      .from(attendance)
      .innerJoin(people, eq(people.id, attendance.personId))
      .where(eq(attendance.meetingId, out.meetingId))
    const byName = Object.fromEntries(rows.map((r) => [[r.honorific, r.fullName].filter(Boolean).join(' '), r.status]))
    expect(byName).toEqual({
      'Cllr Mick Martin': 'present',
      'Cllr Sue Ellington': 'in_attendance',
      'Chief Inspector Jon Hutchinson': 'in_attendance',
      'Stuart Smith': 'in_attendance',
      'Cllr Tumi Hawkins': 'apologies',
      'Sarah Ferguson': 'apologies',
    })
    expect(rows.find((r) => r.fullName === 'Mick Martin')!.personId).toBe(chair.id)
    const stuart = rows.find((r) => r.fullName === 'Stuart Smith')!
    expect(stuart.personId).not.toBe(outsider.id)
    // The people an import adds belong to the importing partnership; the other's person is untouched.
    const usersOf = async (personId: string) =>
      (await database.db.select().from(personPartnerships).where(eq(personPartnerships.personId, personId))).map((r) => r.partnershipId)
    expect(await usersOf(stuart.personId)).toEqual([p.id])
    expect(await usersOf(outsider.id)).toEqual([other.id])
    // "Representing Cambridgeshire Constabulary:" names an organisation Joined Up has: recorded on the attendance.
    const withOrg = await database.db.select({ personId: attendance.personId, organisationId: attendance.organisationId }).from(attendance).where(eq(attendance.meetingId, out.meetingId))
    const jon = rows.find((r) => r.fullName === 'Jon Hutchinson')!
    expect(withOrg.find((r) => r.personId === jon.personId)!.organisationId).toBe(police.id)
    expect(withOrg.filter((r) => r.organisationId !== null)).toHaveLength(1)
    expect(out.notes).toContain('Organisations not in Joined Up, so not recorded on attendance: South Cambridgeshire District Council, Cambridgeshire Fire and Rescue Service')
    // Stuart Smith (now attending for this partnership) owns the action.
    const acts = await actionsOf(out.meetingId)
    expect(acts).toEqual([expect.objectContaining({ who: 'Stuart Smith', when: '2015-02-28', status: 'open' })])
    const decisionRows = await database.db
      .select({ text: decisions.text })
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
      .where(eq(agendaItems.meetingId, out.meetingId))
    expect(decisionRows.length).toBe(5)
    const before = await importSnapshot(database.db, p.id)
    expect((await services.importer.importDocument(SYSTEM, p.id, parse('south-cambs-csp.txt'), { source: 'csp.txt' })).status).toBe('unchanged')
    expect(await importSnapshot(database.db, p.id)).toEqual(before)
  })

  it('refuses a body it does not know unless asked to create it, and creates it when asked', async () => {
    const p = await buildPartnership(database.db)
    await expect(services.importer.importDocument(SYSTEM, p.id, parse('seed-000.txt'), { source: 's' })).rejects.toThrow(/has no body called "Chorley Public Service Reform Board"/)
    expect(await importSnapshot(database.db, p.id)).toMatchObject({ bodies: [], meetings: [] })
    const out = await services.importer.importDocument(SYSTEM, p.id, parse('seed-000.txt'), { source: 's', createBody: true })
    expect(out).toMatchObject({ status: 'created', bodyCreated: true })
    expect((await services.structure.getBody(out.bodyId)).name).toBe('Chorley Public Service Reform Board')
  })

  it('a meeting moved from another date keeps the original date; printed action statuses are mapped', async () => {
    const p = await buildPartnership(database.db)
    await buildBody(database.db, { partnershipId: p.id, name: 'Cabinet' })
    const out = await services.importer.importDocument(SYSTEM, p.id, parse('cabinet-moved.html'), { source: 'cabinet-moved.html' })
    const [meeting] = await database.db.select().from(meetings).where(eq(meetings.id, out.meetingId))
    expect(meeting).toMatchObject({ date: '2018-10-16', movedFromDate: '2018-10-09', status: 'minutes_approved' })
    expect((await actionsOf(out.meetingId)).map((a) => [a.what, a.who, a.status])).toEqual([
      ['Publish the revised budget', 'S151 Officer', 'open'],
      ['Brief ward members on the changes', 'JB', 'completed'],
    ])
  })

  it('does not overwrite minutes approved in Joined Up', async () => {
    const { p, board } = await seededPartnership()
    await database.db.insert(meetings).values({ bodyId: board.id, date: '2015-02-10', startTime: '14:30', status: 'minutes_approved', agendaPublishedAt: new Date() })
    await expect(services.importer.importDocument(SYSTEM, p.id, parse('seed-000.txt'), { source: 's' })).rejects.toThrow(/approved in Joined Up/)
  })
})

describe('import jobs', () => {
  const userOf = async (partnershipId: string): Promise<CurrentUser> => {
    const u = await buildUser(database.db, { secretariatOf: [partnershipId] })
    return { id: u.id, email: u.email, displayName: u.displayName, isAdmin: false, secretariatOf: [partnershipId], personId: null } as unknown as CurrentUser
  }

  it('reviews, then imports in the background with progress and a report; not a meeting record is reported', async () => {
    const { p, board, exec } = await seededPartnership()
    const user = await userOf(p.id)
    const job = await services.importer.createJob(
      user,
      p.id,
      [
        { fileName: 'seed-000.txt', content: importerFixture('seed-000.txt') },
        { fileName: 'recipe.txt', content: importerFixture('recipe.txt') },
        { fileName: 'seed-001.txt', content: importerFixture('seed-001.txt') },
      ],
      {},
    )
    const review = await services.importer.getJob(user, job.id)
    expect(review.job.status).toBe('reviewing')
    expect(review.documents.map((d) => d.status)).toEqual(['pending', 'not_a_meeting_record', 'pending'])
    expect(review.documents.map((d) => review.plans.get(d.id)?.kind)).toEqual(['create', 'not_a_meeting_record', 'create'])
    expect(await database.db.select().from(meetings).where(inArray(meetings.bodyId, [board.id, exec.id]))).toHaveLength(0)

    expect(await services.importer.workOnce()).toBeNull() // nothing queued yet
    await services.importer.startJob(user, job.id, { createBodies: false, version: job.version })
    const worked = await services.importer.workOnce()
    expect(worked).toMatchObject({ id: job.id, status: 'finished', total: 3, done: 3, failed: 1, claimedAt: null })
    const docs = await database.db.select().from(importDocuments).where(eq(importDocuments.jobId, job.id)).orderBy(asc(importDocuments.position))
    expect(docs.map((d) => d.status)).toEqual(['created', 'not_a_meeting_record', 'created'])
    expect(docs.every((d) => d.content === '')).toBe(true)
    expect(docs[0]!.meetingId).not.toBeNull()

    // The same pages again: reported unchanged.
    const again = await services.importer.createJob(user, p.id, [{ fileName: 'seed-000.txt', content: importerFixture('seed-000.txt') }], {})
    expect((await services.importer.getJob(user, again.id)).plans.get((await services.importer.getJob(user, again.id)).documents[0]!.id)?.kind).toBe('update')
    await services.importer.startJob(user, again.id, { createBodies: false, version: again.version })
    await services.importer.workOnce()
    const [doc] = await database.db.select().from(importDocuments).where(eq(importDocuments.jobId, again.id))
    expect(doc!.status).toBe('unchanged')
  })

  it('a failing document rolls back alone and the others are imported', async () => {
    const { p, exec } = await seededPartnership()
    const user = await userOf(p.id)
    const failing = importerService(database.db, {
      writes: importWrites,
      afterWrite: (_id, parsed) => {
        if (parsed.date === '2016-09-27') throw new Error('disk on fire')
      },
    })
    const job = await failing.createJob(
      user,
      p.id,
      [
        { fileName: 'seed-001.txt', content: importerFixture('seed-001.txt') },
        { fileName: 'seed-000.txt', content: importerFixture('seed-000.txt') },
      ],
      {},
    )
    await failing.startJob(user, job.id, { createBodies: false, version: job.version })
    const peopleBefore = (await database.db.select({ id: people.id }).from(people)).length
    const done = await failing.workOnce()
    expect(done).toMatchObject({ done: 2, failed: 1, status: 'finished' })
    const docs = await database.db.select().from(importDocuments).where(eq(importDocuments.jobId, job.id)).orderBy(asc(importDocuments.position))
    expect(docs.map((d) => d.status)).toEqual(['failed', 'created'])
    expect(docs[0]!.error).toMatch(/disk on fire/)
    // Nothing of the failed document was left: no meeting, no next meeting, no people, no actions.
    expect(await database.db.select().from(meetings).where(eq(meetings.bodyId, exec.id))).toEqual([])
    // seed 000 added its three owners (Hayley Hughes, Diane Gradwell, CI Tracie O’Gara); seed 001's were rolled back.
    expect((await database.db.select({ id: people.id }).from(people)).length).toBe(peopleBefore + 3)
  })

  it('creates the bodies not found when the user asks on the review screen', async () => {
    const p = await buildPartnership(database.db)
    const user = await userOf(p.id)
    const job = await services.importer.createJob(user, p.id, [{ fileName: 'seed-001.txt', content: importerFixture('seed-001.txt') }], {})
    const review = await services.importer.getJob(user, job.id)
    expect(review.plans.get(review.documents[0]!.id)).toEqual({ kind: 'body_missing', bodyName: 'Chorley Public Services Reform Executive' })
    await services.importer.startJob(user, job.id, { createBodies: true, version: job.version })
    expect(await services.importer.workOnce()).toMatchObject({ done: 1, failed: 0 })
    const snap = await importSnapshot(database.db, p.id)
    expect(snap.bodies.map((b) => [b.name, b.kind])).toEqual([['Chorley Public Services Reform Executive', 'executive']])
    // A job can be started once only.
    await expect(services.importer.startJob(user, job.id, { createBodies: true, version: job.version })).rejects.toThrow(/already been started/)
  })

  it('the polling worker picks up a queued job and stops cleanly', async () => {
    const { p } = await seededPartnership()
    const user = await userOf(p.id)
    const job = await services.importer.createJob(user, p.id, [{ fileName: 'seed-001.txt', content: importerFixture('seed-001.txt') }], {})
    await services.importer.startJob(user, job.id, { createBodies: false, version: job.version })
    const errors: string[] = []
    const worker = services.importer.startWorker({ intervalMs: 20, logger: { error: (m) => errors.push(m) } })
    const deadline = Date.now() + 15_000
    let status = 'queued'
    while (status !== 'finished' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
      status = (await database.db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, job.id)))[0]!.status
    }
    await worker.stop()
    expect(status).toBe('finished')
    expect(errors).toEqual([])
  })

  it('retakes a stale claim, and leaves a fresh one to its worker', async () => {
    const { p } = await seededPartnership()
    const user = await userOf(p.id)
    const job = await services.importer.createJob(user, p.id, [{ fileName: 'seed-000.txt', content: importerFixture('seed-000.txt') }], {})
    await database.db.update(importJobs).set({ status: 'running', claimedAt: new Date() }).where(eq(importJobs.id, job.id))
    expect(await services.importer.workOnce()).toBeNull()
    await database.db.update(importJobs).set({ claimedAt: new Date(Date.now() - 10 * 60_000) }).where(eq(importJobs.id, job.id))
    expect(await services.importer.workOnce()).toMatchObject({ id: job.id, status: 'finished', done: 1, failed: 0 })
  })
})
