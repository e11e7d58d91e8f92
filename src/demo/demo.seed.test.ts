import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { useTestApp } from '../../test/support/use-test-app.ts'
import { AWAY_DAY_ACTIONS, EXECUTIVE_SEPTEMBER_AGENDA } from '../../test/support/chorley-seed.ts'
import { createTestDatabase } from '../../test/support/db.ts'
import { testConfig } from '../../test/support/app.ts'
import { buildServices, type Services } from '../services.ts'
import { renderMarkdown } from '../platform/views/markdown.ts'
import { auditEvents } from '../platform/audit/audit.tables.ts'
import {
  bodies,
  memberships,
  organisations,
  partnershipOrganisations,
  partnerships,
  people,
  personPartnerships,
} from '../modules/structure/structure.tables.ts'
import { userPartnershipRoles, users } from '../modules/accounts/accounts.tables.ts'
import { attendance, documents, meetings, minutesCorrections } from '../modules/meetings/meetings.tables.ts'
import { detectPaperType } from '../modules/meetings/papers.ts'
import { DEMO_ACCOUNTS, minimalPdf, seedDemoIfEmpty } from './demo.seed.ts'
import { actionLinks, actionOwners, actions, actionUpdates } from '../modules/actions/actions.tables.ts'
import { agendaItemTopics, topics } from '../modules/topics/topics.tables.ts'
import { meetingPaths } from '../modules/meetings/meetings.paths.ts'
import { topicPaths } from '../modules/topics/topics.paths.ts'
import { PEOPLE } from './demo-data.ts'

const t = useTestApp()
let services: Services
let firstRun: boolean

beforeAll(async () => {
  services = t.services
  firstRun = await seedDemoIfEmpty(services)
})

const db = () => services.database.db

async function bodyBySlug(slug: string) {
  const [row] = await db().select().from(bodies).where(eq(bodies.slug, slug))
  if (!row) throw new Error(`no body ${slug}`)
  return row
}

async function partnershipBySlug(slug: string) {
  const [row] = await db().select().from(partnerships).where(eq(partnerships.slug, slug))
  if (!row) throw new Error(`no partnership ${slug}`)
  return row
}

async function meetingOn(bodySlug: string, date: string) {
  const body = await bodyBySlug(bodySlug)
  const [row] = await db()
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.bodyId, body.id), eq(meetings.date, date)))
  if (!row) throw new Error(`no meeting of ${bodySlug} on ${date}`)
  return services.meetings.getMeeting(row.id)
}

/** The [number, title] of each agenda item of a body's meeting on a date, in agenda order. */
async function numberedTitles(bodySlug: string, date: string) {
  return (await services.meetings.findAgenda(await meetingOn(bodySlug, date))).map((i) => [i.number, i.title])
}

const BOARD = 'chorley-public-service-reform-board'
const EXECUTIVE = 'chorley-public-services-reform-executive'
const IMPLEMENTATION_GROUP = 'chorley-public-service-reform-implementation-group'

describe('seedDemoIfEmpty', () => {
  it('seeds an empty database once, and then leaves it alone', async () => {
    expect(firstRun).toBe(true)
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(meetings)
    expect(await seedDemoIfEmpty(services)).toBe(false)
    const after = await db().select({ n: sql<number>`count(*)::int` }).from(meetings)
    expect(after[0]!.n).toBe(before[0]!.n)
  })

  it('records the seeding in the audit log as the demo system', async () => {
    const rows = await db().select().from(auditEvents).where(eq(auditEvents.event, 'demo.seeded'))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.data).toMatchObject({ system: 'demo' })
    expect(rows[0]!.actorUserId).toBeNull()
  })
})

describe('the Chorley partnership', () => {
  it('has the Strategy 2015-2020 purpose and vision', async () => {
    const p = await partnershipBySlug('chorley-public-service-reform-partnership')
    expect(p.name).toBe('Chorley Public Service Reform Partnership')
    expect(p.purpose).toBe(
      'We will work together to integrate and reconfigure public services in Chorley to provide the best outcomes for residents',
    )
    expect(p.vision).toBe(
      'By 2020, we will have high quality public services which provide value for money and the best outcomes for the residents of Chorley',
    )
    expect(p.summary).toContain('brings together partner organisations from all sectors')
    expect(p.parentPartnershipId).toBeNull()
  })

  it('links the ten partners of paragraph 10 and Chorley Council, in order', async () => {
    const p = await partnershipBySlug('chorley-public-service-reform-partnership')
    const rows = await db()
      .select({ name: organisations.name, type: organisations.type })
      .from(partnershipOrganisations)
      .innerJoin(organisations, eq(organisations.id, partnershipOrganisations.organisationId))
      .where(eq(partnershipOrganisations.partnershipId, p.id))
      .orderBy(asc(partnershipOrganisations.position))
    expect(rows).toEqual([
      { name: 'Lancashire Care Foundation Trust', type: 'nhs' },
      { name: 'Lancashire Teaching Hospitals Trust', type: 'nhs' },
      { name: 'Lancashire Fire and Rescue Service', type: 'fire' },
      { name: 'Chorley and South Ribble Clinical Commissioning Group', type: 'nhs' },
      { name: 'Primary Care', type: 'nhs' },
      { name: 'Lancashire Constabulary', type: 'police' },
      { name: 'Chorley VCFS Network', type: 'voluntary_sector' },
      { name: 'Department for Work and Pensions', type: 'dwp' },
      { name: 'Lancashire County Council', type: 'council' },
      { name: 'Runshaw College', type: 'education' },
      { name: 'Chorley Council', type: 'council' },
    ])
  })

  it('has three levels of accountability: Board <- Executive <- Implementation Group', async () => {
    const board = await bodyBySlug(BOARD)
    const executive = await bodyBySlug(EXECUTIVE)
    const group = await bodyBySlug(IMPLEMENTATION_GROUP)
    expect(board).toMatchObject({
      name: 'Chorley Public Service Reform Board',
      kind: 'board',
      regime: 'informal',
      accountableToBodyId: null,
      numberingScheme: 'year_sequence',
      nextItemNumber: 28,
      meetingFrequency: 'Twice a year',
    })
    expect(executive).toMatchObject({
      name: 'Chorley Public Services Reform Executive',
      kind: 'executive',
      regime: 'informal',
      accountableToBodyId: board.id,
      numberingScheme: 'continuing',
      nextItemNumber: 47,
      meetingFrequency: 'Monthly',
    })
    expect(group).toMatchObject({
      name: 'Chorley Public Service Reform Implementation Group',
      kind: 'implementation_group',
      regime: 'informal',
      accountableToBodyId: executive.id,
      meetingFrequency: 'Monthly',
    })
    expect(board.termsOfReference).toContain('oversight and scrutiny')
    expect(executive.termsOfReference).toContain('strategic direction')
    expect(group.termsOfReference).toContain('operational delivery')
  })

  it('seats Cllr Bradley as chair of the Board and Hayley Hughes as secretariat of the Board and the Executive', async () => {
    const board = await services.structure.findMembershipsOfBody((await bodyBySlug(BOARD)).id)
    expect(board.map((m) => [m.person.honorific, m.person.fullName, m.role])).toEqual([
      ['Cllr', 'Bradley', 'chair'],
      [null, 'Hayley Hughes', 'secretariat'],
    ])
    const executive = await services.structure.findMembershipsOfBody((await bodyBySlug(EXECUTIVE)).id)
    expect(executive.filter((m) => m.role === 'secretariat').map((m) => m.person.fullName)).toEqual(['Hayley Hughes'])
    expect(
      executive
        .filter((m) => m.role === 'member')
        .map((m) => m.person.fullName)
        .sort(),
    ).toEqual(['Chris Sinnott', 'Iain Pearson', 'Karen Sharrocks', 'Khandavalli', 'Mel Ormesher', 'Sarah James', 'Vicky Willett'])
  })

  it('holds only the people the seeds name, with no contact details', async () => {
    const rows = await db().select().from(people)
    expect(rows).toHaveLength(Object.keys(PEOPLE).length)
    expect(rows.every((p) => p.email === null && p.phone === null)).toBe(true)
    const memberIds = new Set((await db().select({ id: memberships.personId }).from(memberships)).map((r) => r.id))
    expect(rows.filter((p) => memberIds.has(p.id))).toHaveLength(9)
  })

  it('records that Chorley uses every person it seats, minutes or gives an action to, and Gloucestershire none of them', async () => {
    const chorley = await partnershipBySlug('chorley-public-service-reform-partnership')
    const gsp = await partnershipBySlug('gloucestershire-strategic-partnership')
    const used = await db().select().from(personPartnerships)
    const referenced = new Set([
      ...(await db().select({ id: memberships.personId }).from(memberships)).map((r) => r.id),
      ...(await db().select({ id: attendance.personId }).from(attendance)).map((r) => r.id),
      ...(await db().select({ id: actionOwners.personId }).from(actionOwners)).flatMap((r) => (r.id ? [r.id] : [])),
    ])
    expect(new Set(used.filter((u) => u.partnershipId === chorley.id).map((u) => u.personId))).toEqual(referenced)
    expect(used.filter((u) => u.partnershipId === gsp.id)).toEqual([])
  })
})

describe('the Board away day of 10 February 2015', () => {
  it('is numbered 15.26, 15.26a, 15.26b, 15.27 under the year sequence', async () => {
    expect(await numberedTitles(BOARD, '2015-02-10')).toEqual([
      ['15.26', 'Welcome and Introductions'],
      ['15.26a', 'Session 1 - Update on the progress and current position of the Board'],
      ['15.26b', 'Session 2 - Agreeing the forward programme of work for the Board'],
      ['15.27', 'Closure and date of next meeting'],
    ])
  })

  it('is an away day at Chorley Community Fire Station at 2.30pm, with draft minutes', async () => {
    const meeting = await meetingOn(BOARD, '2015-02-10')
    expect(meeting).toMatchObject({
      startTime: '14:30:00',
      venue: 'Chorley Community Fire Station',
      contactName: 'Hayley Hughes',
      kind: 'away_day',
      status: 'minutes_draft',
      firstItemNumber: 26,
    })
    expect(meeting.agendaPublishedAt!.getTime()).toBeLessThan(Date.parse('2015-02-10T00:00:00Z'))
  })

  it('keeps the transcribed minutes, the action table, and where the source cut them short', async () => {
    const agenda = await services.meetings.findAgenda(await meetingOn(BOARD, '2015-02-10'))
    const byNumber = new Map(agenda.map((i) => [i.number, i]))
    expect(byNumber.get('15.26')!.minutes).toMatch(/^Cllr Bradley welcomed everyone to the meeting/)
    const session1 = byNumber.get('15.26a')!.minutes!
    expect(session1).toContain('- Connect with others outside Chorley, be maverick but realistic')
    // Cut short where the source page cut it, and marked as an excerpt (the public page says so).
    expect(session1.endsWith('What needs to change or improve about …')).toBe(true)
    expect(byNumber.get('15.26a')!.minutesExcerpt).toBe(true)
    expect([...byNumber.values()].filter((i) => i.minutesExcerpt).map((i) => i.number)).toEqual(['15.26a'])
    const session2 = byNumber.get('15.26b')!.minutes!
    expect(session2).toContain('| What | Who | When |')
    expect(session2).toContain('Circulate Away Day outcomes | Hayley Hughes | 17.02.15')
    expect(session2).toContain('Data Share Activity and Operational Group | CI Tracie O’Gara | 20.03.15')
    expect(byNumber.get('15.27')!.minutes).toContain('Tuesday 21st April 2015 at 4.00pm until 5.30pm')

    const html = renderMarkdown(session2)
    expect(html).toContain('<table class="govuk-table">')
    expect(html).toContain('<td class="govuk-table__cell">Circulate Away Day outcomes</td>')
    expect(renderMarkdown(session1)).not.toContain('view the full minutes text')
    expect(renderMarkdown(session1)).toContain('<li>Connect with others outside Chorley, be maverick but realistic</li>')
  })

  it('records the vision for 2017 under item 15.26b', async () => {
    const agenda = await services.meetings.findAgenda(await meetingOn(BOARD, '2015-02-10'))
    const session2 = agenda.find((i) => i.number === '15.26b')!
    expect(session2.decisions[0]!.text).toContain(
      '“To improve outcomes for residents, particularly the most vulnerable, ensuring equality of access to services”',
    )
  })

  it('records only the attendance the minutes state', async () => {
    const meeting = await meetingOn(BOARD, '2015-02-10')
    const rows = await db()
      .select({ name: people.fullName, status: attendance.status, capacity: attendance.capacity })
      .from(attendance)
      .innerJoin(people, eq(people.id, attendance.personId))
      .where(eq(attendance.meetingId, meeting.id))
      .orderBy(asc(people.fullName))
    expect(rows).toEqual([
      { name: 'Bradley', status: 'present', capacity: null },
      { name: 'Ian', status: 'in_attendance', capacity: 'Facilitator' },
      { name: 'Sarah James', status: 'in_attendance', capacity: 'Presenter' },
    ])
  })

  it('is followed by the Board of 21 April 2015 at Chorley Town Hall, not yet published', async () => {
    const meeting = await meetingOn(BOARD, '2015-04-21')
    expect(meeting).toMatchObject({
      startTime: '16:00:00',
      endTime: '17:30:00',
      venue: 'Chorley Town Hall (Committee Room One)',
      status: 'scheduled',
      firstItemNumber: null,
      agendaPublishedAt: null,
    })
  })
})

describe('the Executive of 27 September 2016', () => {
  it('is numbered 43., 43a, 43b, 44., 45., 46.', async () => {
    expect(await numberedTitles(EXECUTIVE, '2016-09-27')).toEqual(EXECUTIVE_SEPTEMBER_AGENDA)
  })

  it('meets in Committee Room 1, Town Hall at 4pm, contact Hayley Hughes on 01257 515035', async () => {
    const meeting = await meetingOn(EXECUTIVE, '2016-09-27')
    expect(meeting).toMatchObject({
      startTime: '16:00:00',
      venue: 'Committee Room 1, Town Hall',
      contactName: 'Hayley Hughes',
      contactPhone: '01257 515035',
      status: 'minutes_draft',
      firstItemNumber: 43,
    })
  })

  it('has the agenda descriptions and minutes of the seed', async () => {
    const agenda = await services.meetings.findAgenda(await meetingOn(EXECUTIVE, '2016-09-27'))
    const byNumber = new Map(agenda.map((i) => [i.number, i]))
    expect(byNumber.get('44.')!.description).toContain('- Wellbeing, Prevention and Early Help Consultation')
    expect(byNumber.get('46.')!.description).toBe(
      'Next meeting planned for 22nd November 2016, 16.00pm at Chorley Town Hall.',
    )
    expect(byNumber.get('43a')!.minutes).toBe(
      'Minutes agreed as correct record, noting attendance from Karen Sharrocks and Iain Pearson, who were missed from list of attendees. Actions updated as follows:',
    )
    expect(byNumber.get('43a')!.kind).toBe('matters_arising')
    expect(byNumber.get('43b')!.minutes!.endsWith('South Ribble Pilot/Preston …')).toBe(true)
    expect(byNumber.get('43b')!.minutesExcerpt).toBe(true)
    expect(byNumber.get('44.')!.minutes).toContain('Mel Ormesher advised that the consultation period closed on 14th August')
    expect(byNumber.get('45.')!.minutes).toBe('None raised')
  })

  it('carries the 19 July 2016 minutes as a small genuine PDF on item 43a', async () => {
    const agenda = await services.meetings.findAgenda(await meetingOn(EXECUTIVE, '2016-09-27'))
    const item43a = agenda.find((i) => i.number === '43a')!
    expect(item43a.papers).toHaveLength(1)
    const [doc] = await db().select().from(documents).where(eq(documents.id, item43a.papers[0]!.id))
    expect(doc).toMatchObject({
      title: 'Minutes and Matters arising from Executive Meeting held on 19th July 2016',
      mediaType: 'application/pdf',
      isExempt: false,
    })
    expect(await detectPaperType(doc!.content)).toBe('pdf')
    expect(doc!.sizeBytes).toBe(doc!.content.length)
    expect(doc!.sha256).toBe(createHash('sha256').update(doc!.content).digest('hex'))
    const text = doc!.content.toString('latin1')
    expect(text).toContain('(Minutes and Matters arising from Executive Meeting held on 19th July 2016)')
    expect(text.endsWith('%%EOF\n')).toBe(true)
  })

  it('records those the minutes name as reporting as present', async () => {
    const meeting = await meetingOn(EXECUTIVE, '2016-09-27')
    const rows = await db()
      .select({ name: people.fullName, status: attendance.status })
      .from(attendance)
      .innerJoin(people, eq(people.id, attendance.personId))
      .where(eq(attendance.meetingId, meeting.id))
    expect(rows.map((r) => r.name).sort()).toEqual(['Chris Sinnott', 'Mel Ormesher', 'Sarah James', 'Vicky Willett'])
    expect(rows.every((r) => r.status === 'present')).toBe(true)
  })

  it('approved the minutes of 19 July 2016, with the correction agreed under item 43a', async () => {
    const september = await meetingOn(EXECUTIVE, '2016-09-27')
    const july = await meetingOn(EXECUTIVE, '2016-07-19')
    expect(july).toMatchObject({
      status: 'minutes_approved',
      minutesApprovedAtMeetingId: september.id,
      startTime: '16:00:00',
      venue: null,
    })
    expect(await services.meetings.findAgenda(july)).toEqual([])
    // Its record is public: "Agenda and minutes", with the attendance the correction names.
    const page = await services.minutes.findPublishedMeeting(july.id)
    expect(page.title).toBe('Agenda and minutes')
    const item43a = (await services.meetings.findAgenda(september)).find((i) => i.number === '43a')!
    const corrections = await db().select().from(minutesCorrections).where(eq(minutesCorrections.meetingId, july.id))
    expect(corrections).toEqual([
      expect.objectContaining({
        agreedAtMeetingId: september.id,
        itemId: item43a.id,
        text: 'Minutes agreed as correct record, noting attendance from Karen Sharrocks and Iain Pearson, who were missed from list of attendees.',
      }),
    ])
    const present = await db()
      .select({ name: people.fullName })
      .from(attendance)
      .innerJoin(people, eq(people.id, attendance.personId))
      .where(eq(attendance.meetingId, july.id))
    expect(present.map((r) => r.name).sort()).toEqual(['Iain Pearson', 'Karen Sharrocks'])
  })

  it('is followed by the Executive of 22 November 2016 at Chorley Town Hall, numbered from 47', async () => {
    const meeting = await meetingOn(EXECUTIVE, '2016-11-22')
    expect(meeting).toMatchObject({ startTime: '16:00:00', venue: 'Chorley Town Hall', status: 'scheduled' })
    expect(meeting.firstItemNumber ?? meeting.body.nextItemNumber).toBe(47)
  })
})

describe('the Gloucestershire Strategic Partnership', () => {
  it('is a partnership of partnerships with five thematic partnerships', async () => {
    const gsp = await partnershipBySlug('gloucestershire-strategic-partnership')
    expect(gsp.summary).toContain('partnership of partnerships')
    const children = await db()
      .select({ id: partnerships.id, name: partnerships.name })
      .from(partnerships)
      .where(eq(partnerships.parentPartnershipId, gsp.id))
    expect(children.map((c) => c.name).sort()).toEqual([
      'Gloucestershire Children and Young People’s Strategic Partnership',
      'Gloucestershire Environment Partnership',
      'Gloucestershire First',
      'Gloucestershire Health and Community Wellbeing Partnership',
      'Gloucestershire Safer and Stronger Communities Partnership',
    ])
    const thematic = await db()
      .select({ name: bodies.name, kind: bodies.kind, partnershipId: bodies.partnershipId })
      .from(bodies)
      .where(inArray(bodies.partnershipId, children.map((c) => c.id)))
    expect(thematic).toHaveLength(5)
    for (const body of thematic) {
      expect(body.kind).toBe('thematic_partnership')
      expect(children.find((c) => c.id === body.partnershipId)!.name).toBe(body.name)
    }
  })

  it('has the Conference, the Management Board accountable to it, and the Thematic Chairs Group', async () => {
    const conference = await bodyBySlug('gloucestershire-conference')
    const management = await bodyBySlug('gsp-management-board')
    const chairs = await bodyBySlug('gsp-thematic-chairs-group')
    expect(conference).toMatchObject({ kind: 'board', accountableToBodyId: null })
    expect(management).toMatchObject({ kind: 'board', accountableToBodyId: conference.id })
    expect(chairs).toMatchObject({ kind: 'working_group' })
    const gsp = await partnershipBySlug('gloucestershire-strategic-partnership')
    const partners = await db()
      .select({ name: organisations.name, type: organisations.type })
      .from(partnershipOrganisations)
      .innerJoin(organisations, eq(organisations.id, partnershipOrganisations.organisationId))
      .where(eq(partnershipOrganisations.partnershipId, gsp.id))
    expect(partners).toEqual([{ name: 'Gloucestershire County Council', type: 'council' }])
  })
})

describe('demo accounts', () => {
  it('exist, flagged isDemo, with the powers the README lists', async () => {
    expect(DEMO_ACCOUNTS.map((a) => [a.email, a.role])).toEqual([
      ['admin@joinedup.example', 'admin'],
      ['secretariat@chorley.example', 'secretariat'],
      ['secretariat@gloucestershire.example', 'secretariat'],
    ])
    const rows = await db().select().from(users).orderBy(asc(users.email))
    expect(rows).toHaveLength(3)
    expect(rows.every((u) => u.isDemo)).toBe(true)
    expect(await services.accounts.countDemoUsers()).toBe(3)
    const admin = rows.find((u) => u.email === 'admin@joinedup.example')!
    expect(admin).toMatchObject({ isAdmin: true, displayName: 'Demo Admin' })

    const chorley = await partnershipBySlug('chorley-public-service-reform-partnership')
    const gsp = await partnershipBySlug('gloucestershire-strategic-partnership')
    const roles = await db()
      .select({ email: users.email, partnershipId: userPartnershipRoles.partnershipId })
      .from(userPartnershipRoles)
      .innerJoin(users, eq(users.id, userPartnershipRoles.userId))
      .orderBy(asc(users.email))
    expect(roles).toEqual([
      { email: 'secretariat@chorley.example', partnershipId: chorley.id },
      { email: 'secretariat@gloucestershire.example', partnershipId: gsp.id },
    ])
    expect(rows.find((u) => u.email === 'secretariat@chorley.example')!.displayName).toBe('Chorley Secretariat (demo)')
  })

  it('sign in with the published password', async () => {
    const account = DEMO_ACCOUNTS[1]!
    expect(await services.accounts.signIn(account.email, account.password)).toMatchObject({ kind: 'signed_in' })
    expect(await services.accounts.signIn(account.email, 'wrong-password')).toEqual({ kind: 'wrong' })
  })
})

describe('minimalPdf', () => {
  it('writes a cross-reference table whose offsets point at the objects', () => {
    const pdf = minimalPdf('A (title)', ['Line one', 'Back\\slash'])
    const text = pdf.toString('latin1')
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1])
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref')
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    expect(offsets).toHaveLength(6)
    offsets.forEach((offset, i) => expect(text.slice(offset)).toMatch(new RegExp(`^${i + 1} 0 obj\\n`)))
    expect(text).toContain('/Title (A \\(title\\))')
    expect(() => minimalPdf('Not “ASCII”', [])).toThrow()
  })
})

describe('two starts at once', () => {
  it('seed the demo once', async () => {
    const other = await createTestDatabase()
    try {
      const s = buildServices(testConfig(), other)
      const results = await Promise.all([seedDemoIfEmpty(s), seedDemoIfEmpty(s)])
      expect(results.sort()).toEqual([false, true])
      const rows = await s.database.db.select({ n: sql<number>`count(*)::int` }).from(partnerships)
      expect(rows[0]!.n).toBe(7)
    } finally {
      await other.close()
    }
  })
})

describe('actions', () => {
  async function actionsRaisedAt(meetingId: string) {
    const rows = await db().select().from(actions).where(eq(actions.meetingId, meetingId)).orderBy(asc(actions.createdAt))
    const owners = await db()
      .select({ actionId: actionOwners.actionId, groupName: actionOwners.groupName, name: people.fullName, honorific: people.honorific })
      .from(actionOwners)
      .leftJoin(people, eq(people.id, actionOwners.personId))
      .where(inArray(actionOwners.actionId, rows.map((r) => r.id)))
    const who = (id: string) =>
      owners
        .filter((o) => o.actionId === id)
        .map((o) => o.groupName ?? [o.honorific, o.name].filter(Boolean).join(' '))
        .join(', ')
    return rows.map((r) => ({ row: r, who: who(r.id) }))
  }

  it('holds the away day What / Who / When table as nine public actions raised under item 15.26b', async () => {
    const meeting = await meetingOn(BOARD, '2015-02-10')
    const item = (await services.meetings.findAgenda(meeting)).find((i) => i.number === '15.26b')!
    const rows = await actionsRaisedAt(meeting.id)
    expect(rows.map((r) => [r.row.description, r.who, r.row.dueOn])).toEqual(AWAY_DAY_ACTIONS)
    for (const { row } of rows) {
      expect(row).toMatchObject({ itemId: item.id, bodyId: meeting.bodyId, raisedOn: '2015-02-10', isPublic: true, status: 'open' })
    }
  })

  it('holds the four actions of the Executive of 19 July 2016, cleared on 27 September 2016 with the seed updates, two linked', async () => {
    const july = await meetingOn(EXECUTIVE, '2016-07-19')
    const september = await meetingOn(EXECUTIVE, '2016-09-27')
    const rows = await actionsRaisedAt(july.id)
    expect(rows.map((r) => r.who)).toEqual(['Cllr Bradley', 'Executive', 'PMO', 'Dr Khandavalli'])
    for (const { row } of rows) {
      expect(row).toMatchObject({ itemId: null, status: 'cleared', clearedAtMeetingId: september.id, isPublic: true, raisedOn: '2016-07-19' })
    }
    const updates = await db()
      .select()
      .from(actionUpdates)
      .where(inArray(actionUpdates.actionId, rows.map((r) => r.row.id)))
    expect(updates).toHaveLength(4)
    expect(updates.every((u) => u.reportedAtMeetingId === september.id && u.statusTo === 'cleared')).toBe(true)
    const links = await db().select().from(actionLinks).where(inArray(actionLinks.actionId, rows.map((r) => r.row.id)))
    expect(links.map((l) => [l.actionId, l.linkedActionId].sort())).toEqual([[rows[1]!.row.id, rows[2]!.row.id].sort()])
  })

  it('prints on the 27 September 2016 page the matters arising generated from the earlier actions, as the seed does', async () => {
    const september = await meetingOn(EXECUTIVE, '2016-09-27')
    const { status, text } = await t.agent().getText(meetingPaths.public.meeting(september.id))
    expect(status).toBe(200)
    const block = /<div class="app-matters-arising" id="matters-arising">([\s\S]*?)<\/div>/.exec(text)![1]!
    const lines = [...block.matchAll(/<p class="govuk-body">([^<]*)<\/p>/g)].map((m) => m[1]!.replace(/&#39;/g, "'"))
    expect(lines).toEqual([
      'Action – Cllr Bradley to send a collective response to LCC on behalf of the Chorley Public Service Reform Partnership on the Property Strategy Consultation',
      'Update – cleared as response provided for both the Council and the Chorley Public Service Reform Partnership.',
      'Action – Executive to consider the outcomes of the work so far, and consider how this needs to moved forward, and what needs to be shown in each organisation.',
      'Action – PMO to arrange discussions across each organisation ahead of evaluation in September, to understand needs and roles in the work going forward, and ensure that all partners support the work being proposed.',
      'Update – both above linked as one action which has been cleared as discussions have taken place as part of the evaluation activity.',
      'Action – Dr Khandavalli to bring the proposal back to the Executive in September to cover the issues raised, and for the brief to be issued ahead of the meeting for consideration by the Executive.',
      'Update – cleared as part of the activity in year two of the work programme.',
    ])
    expect(text.indexOf('Actions updated as follows:')).toBeLessThan(text.indexOf('app-matters-arising'))
    expect(text).toContain(`href="${topicPaths.public.topic('chorley-public-service-reform-partnership', 'our-health-our-care')}"`)
  })

  it('tags items 43b and 44 with the topic "Our Health, Our Care"', async () => {
    const agenda = await services.meetings.findAgenda(await meetingOn(EXECUTIVE, '2016-09-27'))
    const [topic] = await db().select().from(topics).where(eq(topics.slug, 'our-health-our-care'))
    expect(topic!.name).toBe('Our Health, Our Care')
    const tagged = await db().select().from(agendaItemTopics).where(eq(agendaItemTopics.topicId, topic!.id))
    const numbers = tagged.map((t) => agenda.find((i) => i.id === t.itemId)!.number).sort()
    expect(numbers).toEqual(['43b', '44.'])
    const page = await services.topics.findPublishedTopic('chorley-public-service-reform-partnership', 'our-health-our-care')
    expect(page.entries.map((e) => e.title)).toEqual(['Overview Evaluation (Year One)', 'Partnership Updates'])
  })
})
