import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { eq, sql } from 'drizzle-orm'
import { buildAgendaItem, buildBody, buildDecision, buildDocument, buildMeeting, buildMembership, buildOrganisation, buildPerson } from '../../../test/support/builders.ts'
import { buildPartnershipBody } from '../../../test/support/scenarios/partnership-body.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { agendaItems, meetings } from '../meetings/meetings.tables.ts'
import { responseChecker } from './openapi.check.ts'

const t = useTestApp()
const check = responseChecker()

type Json = { data: Record<string, unknown>[]; links: { self: string; next: string | null } }

async function get(path: string): Promise<{ status: number; type: string; body: unknown; text: string }> {
  const res = await t.app.request(`http://localhost${path}`)
  const text = await res.text()
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {
    body = null
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, text }
}

/** Follow links.next to the end; returns every row and the raw text of every page. */
async function walk(path: string, schema?: string): Promise<{ rows: Record<string, unknown>[]; texts: string[]; pages: number }> {
  const rows: Record<string, unknown>[] = []
  const texts: string[] = []
  let next: string | null = path
  let pages = 0
  while (next) {
    const r = await get(next)
    expect(r.status, `${next}: ${r.text}`).toBe(200)
    if (schema) expect(check(schema, r.body), next).toEqual([])
    const page = r.body as Json
    rows.push(...page.data)
    texts.push(r.text)
    next = page.links.next
    pages++
    if (pages > 500) throw new Error('too many pages')
  }
  return { rows, texts, pages }
}

const CANARY = {
  exemptDescription: 'CANARY-exempt-description-7f3a',
  exemptMinutes: 'CANARY-exempt-minutes-19be',
  exemptDecision: 'CANARY-exempt-decision-55c1',
  exemptPaper: 'CANARY-exempt-paper-a0d2',
  paperOnExemptItem: 'CANARY-paper-on-exempt-item-2b77',
  exemptSubItemDescription: 'CANARY-exempt-subitem-6e08',
  privateAction: 'CANARY-private-action-c3d9',
  actionOnExemptItem: 'CANARY-action-exempt-item-8a41',
  unpublishedAgendaItem: 'CANARY-unpublished-agenda-item-e5f0',
  unpublishedAgendaPaper: 'CANARY-unpublished-agenda-paper-0c9d',
  unpublishedMinutes: 'CANARY-unpublished-minutes-d4b2',
  unpublishedDecision: 'CANARY-unpublished-decision-917e',
  email: 'canary-private-email@example.org',
  phone: '07700 900123',
  publicInterest: 'CANARY-public-interest-reasoning-4f1e',
  exemptMeetingPaper: 'CANARY-exempt-meeting-paper-5a6b',
}

let world: Awaited<ReturnType<typeof buildWorld>>

async function buildWorld() {
  const db = t.db
  const council = await buildOrganisation(db, { name: 'API Council' })
  const board = await buildPartnershipBody(db, {
    partnership: { name: 'API Partnership' },
    body: { name: 'API Board', numberingScheme: 'per_meeting' },
    members: [{ person: { fullName: 'Alex Chair', honorific: 'Cllr', email: CANARY.email, phone: CANARY.phone }, seat: { role: 'chair', onBehalfOfOrganisationId: council.id } }],
  })
  const { partnership, body } = board
  const chair = board.members[0]!
  const { partnership: other, body: otherBody } = await buildPartnershipBody(db, { partnership: { name: 'Other Partnership' }, body: { name: 'Other Board' } })

  // The meeting with published minutes, and every kind of exempt content planted in it.
  const held = await buildMeeting(db, { bodyId: body.id, date: '2027-01-10', startTime: '10:00' }, 'minutesDraft')
  const open = await buildAgendaItem(db, { meetingId: held.id, title: 'Open item', position: 0, description: 'Open text', minutes: 'Open minutes' })
  const openSub = await buildAgendaItem(db, { meetingId: held.id, parentItemId: open.id, title: 'Open sub-item', position: 0 })
  const exempt = await buildAgendaItem(db, {
    meetingId: held.id,
    title: 'Exempt item',
    position: 1,
    isExempt: true,
    exemptParagraph: 3,
    publicInterestReasoning: CANARY.publicInterest,
    description: CANARY.exemptDescription,
    minutes: CANARY.exemptMinutes,
  })
  const exemptSub = await buildAgendaItem(db, {
    meetingId: held.id,
    parentItemId: exempt.id,
    title: 'Sub-item of exempt item',
    position: 0,
    description: CANARY.exemptSubItemDescription,
  })
  const openDecision = await buildDecision(db, { itemId: open.id, text: 'RESOLVED: open decision' })
  await buildDecision(db, { itemId: exempt.id, text: CANARY.exemptDecision })
  const openPaper = await buildDocument(db, { meetingId: held.id, itemId: open.id, title: 'Open paper', filename: 'open.pdf' })
  await buildDocument(db, { meetingId: held.id, itemId: open.id, title: CANARY.exemptPaper, isExempt: true, exemptParagraph: 3 })
  await buildDocument(db, { meetingId: held.id, itemId: exempt.id, title: CANARY.paperOnExemptItem })
  // Papers for the meeting as a whole (on no item): public unless marked exempt.
  const meetingPaper = await buildDocument(db, { meetingId: held.id, itemId: null, title: 'Covering report', filename: 'covering.pdf' })
  await buildDocument(db, { meetingId: held.id, itemId: null, title: CANARY.exemptMeetingPaper, isExempt: true, exemptParagraph: 3 })
  const publicAction = await buildAction(db, {
    itemId: open.id,
    description: 'Public action text',
    raisedOn: '2027-01-10',
    owners: [{ groupName: 'PMO' }, { personId: chair.id }, { organisationId: council.id }],
  })
  await buildAction(db, { itemId: open.id, description: CANARY.privateAction, isPublic: false })
  await buildAction(db, { itemId: exempt.id, description: CANARY.actionOnExemptItem, isPublic: true })

  // Agenda published, minutes not: minutes and decisions stay private.
  const published = await buildMeeting(db, { bodyId: body.id, date: '2027-02-10', startTime: '10:00' }, 'agendaPublished')
  await buildAgendaItem(db, { meetingId: published.id, title: 'Published agenda item', position: 0, minutes: CANARY.unpublishedMinutes })
  const pubItem2 = await buildAgendaItem(db, { meetingId: published.id, title: 'Second item', position: 1 })
  await buildDecision(db, { itemId: pubItem2.id, text: CANARY.unpublishedDecision })
  await buildAction(db, { itemId: pubItem2.id, description: CANARY.privateAction + '-minutes-unpublished', isPublic: true })

  // Agenda not published: only the meeting's date and place.
  const scheduled = await buildMeeting(db, { bodyId: body.id, date: '2027-03-10', startTime: '10:00' })
  await buildAgendaItem(db, { meetingId: scheduled.id, title: CANARY.unpublishedAgendaItem, position: 0 })
  await buildDocument(db, { meetingId: scheduled.id, title: CANARY.unpublishedAgendaPaper })

  const cancelled = await buildMeeting(db, { bodyId: body.id, date: '2027-03-11', startTime: '10:00', cancellationReason: 'Not quorate' }, 'cancelled')
  const otherMeeting = await buildMeeting(db, { bodyId: otherBody.id, date: '2027-02-10', startTime: '09:00' }, 'agendaPublished')

  return { partnership, other, council, body, otherBody, chair, held, open, openSub, exempt, exemptSub, openDecision, openPaper, meetingPaper, publicAction, published, scheduled, cancelled, otherMeeting }
}

beforeAll(async () => {
  world = await buildWorld()
})

describe('read endpoints', () => {
  it('lists each kind of record in the documented shape', async () => {
    const cases: [string, string][] = [
      ['/api/v1/partnerships', 'PartnershipList'],
      ['/api/v1/organisations', 'OrganisationList'],
      ['/api/v1/bodies', 'BodyList'],
      ['/api/v1/people', 'PersonList'],
      ['/api/v1/memberships', 'MembershipList'],
      ['/api/v1/meetings', 'MeetingList'],
      ['/api/v1/meetings?include=items', 'MeetingList'],
      ['/api/v1/documents', 'DocumentList'],
      ['/api/v1/decisions', 'DecisionList'],
      ['/api/v1/actions', 'ActionList'],
    ]
    for (const [path, schema] of cases) {
      const r = await get(path)
      expect(r.status, path).toBe(200)
      expect(r.type).toContain('application/json')
      expect(check(schema, r.body), path).toEqual([])
      expect((r.body as Json).data.length, path).toBeGreaterThan(0)
    }
  })

  it('lists memberships with person, body, role and the organisation represented', async () => {
    const r = await get(`/api/v1/memberships?body=${world.body.id}`)
    const rows = (r.body as Json).data
    expect(rows).toEqual([
      expect.objectContaining({
        person: { id: world.chair.id, honorific: 'Cllr', fullName: 'Alex Chair' },
        bodyId: world.body.id,
        role: 'chair',
        onBehalfOfOrganisationId: world.council.id,
      }),
    ])
  })

  it('filters bodies by partnership and memberships by person', async () => {
    const bodies = await walk(`/api/v1/bodies?partnership=${world.other.id}`)
    expect(bodies.rows.map((b) => b.id)).toEqual([world.otherBody.id])
    const seats = await walk(`/api/v1/memberships?person=${world.chair.id}`)
    expect(seats.rows.map((m) => m.bodyId)).toEqual([world.body.id])
    const people = await walk('/api/v1/people')
    expect(people.rows.find((p) => p.id === world.chair.id)).toEqual({
      id: world.chair.id,
      honorific: 'Cllr',
      fullName: 'Alex Chair',
      jobTitle: null,
      organisationId: null,
    })
  })

  it('filters meetings by body, partnership and date window, in date order', async () => {
    const byBody = await walk(`/api/v1/meetings?body=${world.body.id}`)
    expect(byBody.rows.map((m) => m.id)).toEqual([world.held.id, world.published.id, world.scheduled.id, world.cancelled.id])
    const byPartnership = await walk(`/api/v1/meetings?partnership=${world.other.id}`)
    expect(byPartnership.rows.map((m) => m.id)).toEqual([world.otherMeeting.id])
    const window = await walk(`/api/v1/meetings?from=2027-02-01&to=2027-02-28`)
    expect(window.rows.map((m) => m.id).sort()).toEqual([world.published.id, world.otherMeeting.id].sort())
    const cancelled = window.rows.length && (await get(`/api/v1/meetings?from=2027-03-11&to=2027-03-11`))
    expect(cancelled && (cancelled.body as Json).data[0]).toMatchObject({ status: 'cancelled', cancellationReason: 'Not quorate' })
  })

  it('filters meetings changed since an instant', async () => {
    await t.db.update(meetings).set({ updatedAt: new Date('2020-01-01T00:00:00Z') })
    await t.db.update(meetings).set({ updatedAt: new Date('2030-06-01T12:00:00Z') }).where(eq(meetings.id, world.published.id))
    const r = await walk('/api/v1/meetings?updated_since=2030-06-01T11:00:00Z')
    expect(r.rows.map((m) => m.id)).toEqual([world.published.id])
    const offset = await walk('/api/v1/meetings?updated_since=2030-06-01T12:30:00%2B01:00')
    expect(offset.rows.map((m) => m.id)).toEqual([world.published.id])
    expect((await walk('/api/v1/meetings?updated_since=2030-06-01T12:00:01Z')).rows).toEqual([])
  })

  it('counts a change to a meeting’s items, decisions or papers as a change to the meeting (updated_since)', async () => {
    await t.db.update(meetings).set({ updatedAt: new Date('2020-01-01T00:00:00Z') })
    const since = '/api/v1/meetings?updated_since=2021-01-01T00:00:00Z'
    expect((await walk(since)).rows).toEqual([])
    // What a mirror must hear about above all: an item withdrawn as exempt (here: any change to the item row).
    await t.db.update(agendaItems).set({ title: sql`title` }).where(eq(agendaItems.id, world.open.id))
    expect((await walk(since)).rows.map((m) => m.id)).toEqual([world.held.id])
  })

  it('gives items, numbered by the body’s scheme, with include=items; exempt items show number, title, paragraph only', async () => {
    const r = await get(`/api/v1/meetings?body=${world.body.id}&include=items`)
    const rows = (r.body as Json).data
    const held = rows.find((m) => m.id === world.held.id)!
    expect(held.items).toEqual([
      { id: world.open.id, number: '1', title: 'Open item', isSubItem: false, exempt: false, exemptParagraph: null },
      { id: world.openSub.id, number: '1a', title: 'Open sub-item', isSubItem: true, exempt: false, exemptParagraph: null },
      { id: world.exempt.id, number: '2', title: 'Exempt item', isSubItem: false, exempt: true, exemptParagraph: 3 },
      { id: world.exemptSub.id, number: '2a', title: 'Sub-item of exempt item', isSubItem: true, exempt: true, exemptParagraph: 3 },
    ])
    expect(rows.find((m) => m.id === world.scheduled.id)!.items).toEqual([])
  })

  it('gives one meeting with papers, minutes and decisions once published', async () => {
    const r = await get(`/api/v1/meetings/${world.held.id}`)
    expect(r.status).toBe(200)
    expect(check('MeetingDetail', r.body)).toEqual([])
    const m = r.body as { items: Record<string, unknown>[]; minutesPublished: boolean }
    expect(m.minutesPublished).toBe(true)
    const open = m.items[0]!
    expect(open).toMatchObject({ number: '1', minutes: 'Open minutes', decisions: [{ id: world.openDecision.id, text: 'RESOLVED: open decision' }] })
    expect(open.papers).toEqual([expect.objectContaining({ id: world.openPaper.id, downloadUrl: expect.stringMatching(/\/papers\/.+\/open\.pdf$/) as unknown })])
    expect(m.items[2]).toEqual({ id: world.exempt.id, number: '2', title: 'Exempt item', isSubItem: false, exempt: true, exemptParagraph: 3 })
    // The meeting's own papers, as its public page lists them: the exempt one withheld.
    expect((r.body as { papers: unknown[] }).papers).toEqual([
      { id: world.meetingPaper.id, title: 'Covering report', filename: 'covering.pdf', mediaType: 'application/pdf', sizeBytes: expect.any(Number) as unknown, downloadUrl: expect.stringMatching(/\/papers\/.+\/covering\.pdf$/) as unknown },
    ])
    // Before the agenda is published, none of them.
    expect(((await get(`/api/v1/meetings/${world.scheduled.id}`)).body as { papers: unknown[] }).papers).toEqual([])

    const pub = await get(`/api/v1/meetings/${world.published.id}`)
    const items = (pub.body as { items: { minutes: unknown; decisions: unknown[] }[] }).items
    expect(items.every((i) => i.minutes === null && i.decisions.length === 0)).toBe(true)
  })

  it('lists only public papers, decisions and actions', async () => {
    expect((await walk('/api/v1/documents')).rows.map((d) => d.id).sort()).toEqual([world.openPaper.id, world.meetingPaper.id].sort())
    expect((await walk('/api/v1/decisions')).rows.map((d) => d.id)).toEqual([world.openDecision.id])
    const actions = (await walk('/api/v1/actions')).rows
    expect(actions.map((d) => d.id)).toEqual([world.publicAction.id])
    expect(actions[0]!.owners).toEqual([
      { type: 'group', id: null, name: 'PMO' },
      { type: 'person', id: world.chair.id, name: 'Cllr Alex Chair' },
      { type: 'organisation', id: world.council.id, name: 'API Council' },
    ])
    expect((await walk(`/api/v1/actions?status=completed`)).rows).toEqual([])
    expect((await walk(`/api/v1/decisions?from=2027-01-11`)).rows).toEqual([])
  })

  it('never shows exempt or private content on any read endpoint', async () => {
    const texts: string[] = []
    for (const path of ['partnerships', 'organisations', 'bodies', 'people', 'memberships', 'meetings', 'meetings?include=items', 'documents', 'decisions', 'actions']) {
      texts.push(...(await walk(`/api/v1/${path}${path.includes('?') ? '&' : '?'}limit=1`)).texts)
    }
    for (const m of (await walk('/api/v1/meetings')).rows) texts.push((await get(`/api/v1/meetings/${String(m.id)}`)).text)
    const all = texts.join('\n')
    expect(all).toContain('Exempt item') // the crawl did reach the exempt item
    for (const canary of Object.values(CANARY)) expect(all, canary).not.toContain(canary)
  })
})

describe('pagination', () => {
  it('walks every page with equal sort keys: nothing missing, nothing twice', async () => {
    const db = t.db
    const body = await buildBody(db, { name: 'Paging Board' })
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push((await buildMeeting(db, { bodyId: body.id, date: '2028-05-05', startTime: '10:00' })).id)
    ids.push((await buildMeeting(db, { bodyId: body.id, date: '2028-05-05', startTime: '09:00' })).id)
    const r = await walk(`/api/v1/meetings?body=${body.id}&limit=2`, 'MeetingList')
    expect(r.pages).toBe(4)
    const got = r.rows.map((m) => m.id as string)
    expect(new Set(got).size).toBe(8)
    expect(got[0]).toBe(ids[7])
    expect(got.slice(1)).toEqual(ids.slice(0, 7).sort())

    const people: string[] = []
    for (let i = 0; i < 5; i++) {
      const p = await buildPerson(db, { fullName: 'Sam Same' })
      await buildMembership(db, { bodyId: body.id, personId: p.id })
      people.push(p.id)
    }
    const walked = await walk('/api/v1/people?limit=2', 'PersonList')
    const same = walked.rows.filter((p) => p.fullName === 'Sam Same').map((p) => p.id)
    expect(same).toEqual([...people].sort())
    expect(new Set(walked.rows.map((p) => p.id)).size).toBe(walked.rows.length)
  })

  it('keeps the filters in links.next', async () => {
    const r = await get(`/api/v1/meetings?body=${world.body.id}&limit=1`)
    const next = (r.body as Json).links.next!
    expect(next).toContain(`body=${world.body.id}`)
    expect(next).toContain('limit=1')
    expect(next).toContain('cursor=')
  })
})

describe('errors are problem+json', () => {
  it.each([
    ['/api/v1/meetings?cursor=not-a-cursor', 400, 'cursor'],
    [`/api/v1/meetings?cursor=${Buffer.from('["x"]').toString('base64url')}`, 400, 'cursor'],
    [`/api/v1/meetings?cursor=${Buffer.from('["2027-13-45","10:00","x"]').toString('base64url')}`, 400, 'cursor'],
    ['/api/v1/meetings?from=2027-02-30', 400, 'from'],
    ['/api/v1/meetings?from=2027-03-01&to=2027-02-01', 400, 'to'],
    ['/api/v1/meetings?updated_since=yesterday', 400, 'updated_since'],
    ['/api/v1/meetings?updated_since=2024-02-30T10:00:00Z', 400, 'updated_since'],
    ['/api/v1/meetings?limit=500', 400, 'limit'],
    ['/api/v1/meetings?limit=0', 400, 'limit'],
    ['/api/v1/meetings?body=abc', 400, 'body'],
    ['/api/v1/meetings?include=everything', 400, 'include'],
    ['/api/v1/actions?status=secret', 400, 'status'],
  ])('%s -> %i', async (path, status, field) => {
    const r = await get(path)
    expect(r.status).toBe(status)
    expect(r.type).toContain('application/problem+json')
    expect(check('Problem', r.body)).toEqual([])
    expect((r.body as { errors: Record<string, string> }).errors).toHaveProperty(field)
  })

  it.each(['/api/v1/meetings/not-a-uuid', '/api/v1/meetings/00000000-0000-4000-8000-000000000000', '/api/v1/nothing-here', '/api/v2/meetings'])(
    '%s -> 404 problem',
    async (path) => {
      const r = await get(path)
      expect(r.status).toBe(404)
      expect(r.type).toContain('application/problem+json')
      expect(r.body).toMatchObject({ status: 404, type: 'about:blank' })
    },
  )
})
