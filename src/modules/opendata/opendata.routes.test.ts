import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, createTestApp } from '../../../test/support/app.ts'
import { buildBody, buildMeeting, buildPartnership } from '../../../test/support/builders.ts'
import { buildOpenDataScenario, CANARY } from '../../../test/support/opendata-builders.ts'
import { ocdEventValidator, popoloValidator } from '../../../test/support/standards.ts'
import type { eventsDocument, OcdEvent, popoloDocument } from './opendata.presenter.ts'
import { eq } from 'drizzle-orm'
import { meetings } from '../meetings/meetings.tables.ts'

const BASE = 'https://joinedup.example'

const t = useTestApp({ publicUrl: BASE })
let s: Awaited<ReturnType<typeof buildOpenDataScenario>>
let other: { partnershipId: string; meetingId: string }
const validate = { event: ocdEventValidator(), popolo: popoloValidator() }

type EventsDoc = ReturnType<typeof eventsDocument>
type PopoloDoc = ReturnType<typeof popoloDocument>
type Membership = PopoloDoc['memberships'][number]
type PersonMembership = Extract<Membership, { person_id: string }>
const isPersonMembership = (m: Membership): m is PersonMembership => 'person_id' in m

beforeAll(async () => {
  s = await buildOpenDataScenario(t.db)
  const p = await buildPartnership(t.db, { name: 'Elsewhere Partnership', slug: 'elsewhere' })
  const body = await buildBody(t.db, { partnershipId: p.id, name: 'Elsewhere Board', slug: 'elsewhere-board' })
  const m = await buildMeeting(t.db, { bodyId: body.id, date: '2025-07-20', startTime: '09:00' }, 'agendaPublished')
  other = { partnershipId: p.id, meetingId: m.id }
})

async function get(path: string) {
  const res = await new Agent(t.app).get(path)
  const text = await res.text()
  return {
    res,
    status: res.status,
    text,
    events: () => JSON.parse(text) as EventsDoc,
    event: () => JSON.parse(text) as OcdEvent,
    popolo: () => JSON.parse(text) as PopoloDoc,
    problem: () => JSON.parse(text) as { status: number; title: string; errors?: Record<string, string> },
  }
}

function expectNoCanary(text: string) {
  for (const [name, canary] of Object.entries(CANARY)) expect(text, `${name} leaked`).not.toContain(canary)
  expect(text).not.toContain('CANARY')
}

describe('GET /open-data/events.json', () => {
  it('validates against the Open Civic Data event schema, with absolute links', async () => {
    const { status, res, events } = await get('/open-data/events.json')
    expect(status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.headers.get('set-cookie')).toBeNull()
    const doc = events()
    for (const event of doc.results) expect(validate.event(event), event.id).toEqual([])
    expect(doc.pagination).toMatchObject({ page: 1, per_page: 50, total_items: 5, max_page: 1, next: null, previous: null })
    expect(doc.licence.name).toBe('Open Government Licence v3.0')
    // Oldest first.
    expect(doc.results.map((e) => e.start_time)).toEqual([
      '2025-07-16T14:30:00+01:00',
      '2025-07-20T09:00:00+01:00',
      '2026-01-15T10:00:00+00:00',
      '2030-07-10T09:30:00+01:00',
      '2030-09-01T18:00:00+01:00',
    ])
  })

  it('gives BST (+01:00) in July and GMT (+00:00) in January, with status, place, participants and sources', async () => {
    const doc = (await get('/open-data/events.json?partnership=chorley-psr-open')).events()
    const byId = new Map(doc.results.map((e) => [e.id, e] as const))
    const july = byId.get(`ocd-event/${s.meetings.july.id}`)!
    expect(july).toMatchObject({
      name: s.board.name,
      start_time: '2025-07-16T14:30:00+01:00',
      end_time: '2025-07-16T16:00:00+01:00',
      timezone: 'Europe/London',
      status: 'passed',
      location: { name: 'Town Hall, Chorley' },
      participants: [{ name: s.board.name, entity_type: 'organization', entity_id: `ju:body/${s.board.id}`, note: 'host' }],
      links: [{ url: `${BASE}/meetings/${s.meetings.july.id}` }],
      sources: [{ url: `${BASE}/meetings/${s.meetings.july.id}` }],
    })
    const january = byId.get(`ocd-event/${s.meetings.january.id}`)!
    // No end time: OCDEP 4's end_time is null, pupa's end_date a blank string (its schema wants a string).
    expect(january).toMatchObject({ start_time: '2026-01-15T10:00:00+00:00', end_time: null, end_date: '', status: 'passed' })
    const future = byId.get(`ocd-event/${s.meetings.future.id}`)!
    expect(future).toMatchObject({ status: 'tentative', agenda: [], documents: [] })
    const cancelled = byId.get(`ocd-event/${s.meetings.cancelled.id}`)!
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.extras.cancellation_reason).toBe('Not quorate')
    expect(cancelled.agenda.map((a) => a.description)).toEqual(['Item that stays on the cancelled agenda'])
    expect(byId.has(`ocd-event/${other.meetingId}`)).toBe(false)
  })

  it('lists the agenda in order, exempt items as title and paragraph only, and public papers only', async () => {
    const doc = (await get('/open-data/events.json?from=2025-07-16&to=2025-07-16')).events()
    expect(doc.results).toHaveLength(1)
    const july = doc.results[0]!
    expect(july.agenda.map((a) => [a.order, a.extras.number, a.description])).toEqual([
      ['1', '40.', 'Welcome and apologies'],
      ['2', '41.', 'Budget 2025/26'],
      ['2.1', '41a', 'Capital programme'],
      ['3', '42.', 'Property disposal'],
      ['3.1', '42a', 'Valuation'],
    ])
    expect(july.agenda[3]).toEqual({
      description: 'Property disposal',
      order: '3',
      notes: ['Not for publication (paragraph 3)'],
      classification: ['exempt'],
      subjects: [],
      related_entities: [],
      media: [],
      extras: { number: '42.', exempt: true, exempt_paragraph: 3 },
    })
    expect(july.agenda[4]?.notes).toEqual(['Not for publication (paragraph 3)'])
    expect(july.agenda[1]).toMatchObject({ notes: ['Report of the Director of Finance'], extras: { presenter: 'Director of Finance' } })
    expect(july.documents).toEqual([
      {
        name: 'Budget report',
        note: 'Budget report',
        url: `${BASE}/papers/${s.openPaper.id}/budget%20report.pdf`,
        media_type: 'application/pdf',
        date: '2025-07-08',
        links: [{ url: `${BASE}/papers/${s.openPaper.id}/budget%20report.pdf`, media_type: 'application/pdf' }],
      },
    ])
  })

  it('writes every field OCDEP 4 documents for agenda items, documents and participants, even when empty', async () => {
    const doc = (await get('/open-data/events.json')).events()
    const items = doc.results.flatMap((e) => e.agenda)
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      expect(item).toMatchObject({ related_entities: expect.any(Array), media: expect.any(Array), subjects: expect.any(Array), notes: expect.any(Array) })
    }
    const documents = doc.results.flatMap((e) => e.documents)
    expect(documents.length).toBeGreaterThan(0)
    for (const d of documents) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    for (const e of doc.results) {
      expect(e.media).toEqual([])
      for (const p of e.participants) expect(p).toMatchObject({ type: 'organization', entity_type: 'organization', note: 'host' })
    }
  })

  it('pages with a next link (body and Link header) that returns the following events', async () => {
    const first = await get('/open-data/events.json?per_page=2')
    const doc = first.events()
    for (const event of doc.results) expect(validate.event(event), event.id).toEqual([])
    expect(doc.results).toHaveLength(2)
    expect(doc.pagination).toMatchObject({ page: 1, per_page: 2, max_page: 3, total_items: 5, previous: null })
    expect(doc.pagination.next).toBe(`${BASE}/open-data/events.json?page=2&per_page=2`)
    expect(first.res.headers.get('link')).toBe(`<${BASE}/open-data/events.json?page=2&per_page=2>; rel="next"`)
    const seen = doc.results.map((e) => e.id)
    let next: string | null = doc.pagination.next
    while (next) {
      const page = (await get(next.slice(BASE.length))).events()
      for (const event of page.results) expect(validate.event(event), event.id).toEqual([])
      seen.push(...page.results.map((e) => e.id))
      next = page.pagination.next
    }
    expect(new Set(seen).size).toBe(5)
    const last = (await get('/open-data/events.json?per_page=2&page=3')).events()
    expect(last.results).toHaveLength(1)
    expect(last.pagination.previous).toBe(`${BASE}/open-data/events.json?page=2&per_page=2`)
    const beyond = (await get('/open-data/events.json?per_page=2&page=9')).events()
    expect(beyond.results).toEqual([])
  })

  it('filters by date window and by body', async () => {
    const window = (await get('/open-data/events.json?from=2025-07-17&to=2026-12-31')).events()
    expect(window.results.map((e) => e.id)).toEqual([`ocd-event/${other.meetingId}`, `ocd-event/${s.meetings.january.id}`])
    expect(window.pagination.next).toBeNull()
    const body = (await get('/open-data/events.json?body=elsewhere-board')).events()
    expect(body.results.map((e) => e.id)).toEqual([`ocd-event/${other.meetingId}`])
  })

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['per_page=101', 'per_page'],
    ['from=2025-13-01', 'from'],
    ['to=2025-02-30', 'to'],
    ['from=2026-01-02&to=2026-01-01', 'to'],
    ['partnership=Not%20a%20slug', 'partnership'],
  ])('rejects %s with a 400 problem naming %s', async (query, field) => {
    const { status, res, problem } = await get(`/open-data/events.json?${query}`)
    expect(status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const body = problem()
    expect(body).toMatchObject({ status: 400, title: 'There is a problem with your request' })
    expect(Object.keys(body.errors ?? {})).toContain(field)
  })

  it('answers an unknown partnership or body with a 404 problem', async () => {
    for (const q of ['partnership=nowhere', 'body=nobody']) {
      const { status, res } = await get(`/open-data/events.json?${q}`)
      expect(status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('never carries exempt, unpublished or private content, on any page', async () => {
    for (const path of ['/open-data/events.json', '/open-data/events.json?per_page=1&page=1', '/open-data/events.json?per_page=1&page=4']) {
      expectNoCanary((await get(path)).text)
    }
  })
})

describe('GET /meetings/:id/event.json', () => {
  it('is the same event the list gives, valid against the schema', async () => {
    const one = await get(`/meetings/${s.meetings.july.id}/event.json`)
    expect(one.status).toBe(200)
    const event = one.event()
    expect(validate.event(event)).toEqual([])
    const list = (await get('/open-data/events.json?from=2025-07-16&to=2025-07-16')).events()
    expect(event).toEqual(list.results[0])
    expect(event.extras.event_json).toBe(`${BASE}/meetings/${s.meetings.july.id}/event.json`)
    expectNoCanary(one.text)
  })

  it('keeps an unpublished agenda and its papers out', async () => {
    const { event, text } = await get(`/meetings/${s.meetings.future.id}/event.json`)
    expect(event()).toMatchObject({ status: 'tentative', agenda: [], documents: [] })
    expectNoCanary(text)
  })

  it('answers a missing or malformed id with a 404 problem', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const { status, res, problem } = await get(`/meetings/${id}/event.json`)
      expect(status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(problem().status).toBe(404)
    }
  })
})

describe('GET /open-data/popolo.json', () => {
  it('validates against the Popolo schema, and every id it refers to is in the file', async () => {
    const { status, popolo, res } = await get('/open-data/popolo.json')
    expect(status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    const doc = popolo()
    expect(validate.popolo(doc)).toEqual([])
    const orgIds = new Set(doc.organizations.map((o) => o.id))
    const personIds = new Set(doc.persons.map((p) => p.id))
    const postIds = new Set(doc.posts.map((p) => p.id))
    for (const o of doc.organizations) if (o.parent_id) expect(orgIds).toContain(o.parent_id)
    for (const m of doc.memberships) {
      expect(orgIds).toContain(m.organization_id)
      if (isPersonMembership(m)) {
        expect(personIds).toContain(m.person_id)
        expect(postIds).toContain(m.post_id)
        if (m.on_behalf_of_id) expect(orgIds).toContain(m.on_behalf_of_id)
      } else {
        expect(orgIds).toContain(m.member.id)
      }
    }
    for (const e of doc.events) {
      expect(orgIds).toContain(e.organization_id)
      for (const a of e.attendees ?? []) expect(personIds).toContain(a.id)
    }
  })

  it('gives bodies their partnership as parent, memberships with on_behalf_of, and events with attendees only where minutes are public', async () => {
    const doc = (await get('/open-data/popolo.json')).popolo()
    const org = (id: string) => doc.organizations.find((o) => o.id === id)
    expect(org(`ju:body/${s.board.id}`)).toMatchObject({ name: s.board.name, classification: 'board', parent_id: `ju:partnership/${s.partnership.id}` })
    expect(org(`ju:partnership/${s.child.id}`)).toMatchObject({ classification: 'partnership', parent_id: `ju:partnership/${s.partnership.id}` })
    expect(org(`ju:organisation/${s.org.id}`)).toMatchObject({ name: 'Chorley Council', classification: 'council', links: [{ url: 'https://chorley.example' }] })
    const chairship = doc.memberships.filter(isPersonMembership).find((m) => m.person_id === `ju:person/${s.people.chair.id}`)
    expect(chairship).toMatchObject({
      organization_id: `ju:body/${s.board.id}`,
      role: 'Chair',
      start_date: '2024-05-01',
      end_date: null,
      on_behalf_of_id: `ju:organisation/${s.org.id}`,
      post_id: `ju:post/${s.board.id}/chair`,
    })
    expect(doc.memberships).toContainEqual(
      expect.objectContaining({ member: { '@type': 'Organization', id: `ju:organisation/${s.org.id}` }, organization_id: `ju:partnership/${s.partnership.id}` }),
    )
    expect(doc.persons).toContainEqual({ id: `ju:person/${s.people.chair.id}`, name: 'Cllr Gary Hall', honorific_prefix: 'Cllr', role: 'Leader of the Council' })

    const event = (id: string) => doc.events.find((e) => e.id === `ju:meeting/${id}`)
    expect(event(s.meetings.july.id)).toMatchObject({
      start_date: '2025-07-16T14:30:00+01:00',
      end_date: '2025-07-16T16:00:00+01:00',
      status: 'passed',
      organization_id: `ju:body/${s.board.id}`,
      attendees: [
        { id: `ju:person/${s.people.chair.id}`, name: 'Cllr Gary Hall', attendance: 'present' },
        { id: `ju:person/${s.people.officer.id}`, name: 'Jo Officer', attendance: 'apologies' },
      ],
    })
    expect(event(s.meetings.january.id)).not.toHaveProperty('attendees')
    expect(event(s.meetings.january.id)?.start_date).toBe('2026-01-15T10:00:00+00:00')
    expect(event(s.meetings.cancelled.id)?.status).toBe('cancelled')
  })

  it('limits ?partnership= to that partnership and the ones below it', async () => {
    const doc = (await get('/open-data/popolo.json?partnership=chorley-psr-open')).popolo()
    expect(validate.popolo(doc)).toEqual([])
    const ids = doc.organizations.map((o) => o.id)
    expect(ids).toContain(`ju:partnership/${s.child.id}`)
    expect(ids).toContain(`ju:body/${s.childBody.id}`)
    expect(ids).toContain(`ju:organisation/${s.police.id}`) // a member sits for it
    expect(ids).not.toContain(`ju:partnership/${other.partnershipId}`)
    expect(doc.events.map((e) => e.id)).not.toContain(`ju:meeting/${other.meetingId}`)
    const child = (await get(`/open-data/popolo.json?partnership=${encodeURIComponent(s.child.slug)}`)).popolo()
    expect(child.organizations.map((o) => o.id)).not.toContain(`ju:partnership/${s.partnership.id}`)
    expect(child.organizations.find((o) => o.id === `ju:partnership/${s.child.id}`)?.parent_id).toBeNull()
  })

  it('never carries emails, phones, exempt content or unminuted attendance', async () => {
    for (const path of ['/open-data/popolo.json', '/open-data/popolo.json?partnership=chorley-psr-open']) {
      const { text } = await get(path)
      expectNoCanary(text)
      expect(text).not.toContain('@example.org')
    }
  })

  it('answers a bad or unknown partnership with a problem', async () => {
    const bad = await get('/open-data/popolo.json?partnership=%3Cscript%3E')
    expect(bad.status).toBe(400)
    expect(bad.res.headers.get('content-type')).toBe('application/problem+json')
    const unknown = await get('/open-data/popolo.json?partnership=nowhere')
    expect(unknown.status).toBe(404)
    expect(unknown.res.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('GET /open-data', () => {
  it('describes each download with its licence and links, per partnership too', async () => {
    const { status, text, res } = await get('/open-data')
    expect(status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(text).toContain('<h1 class="govuk-heading-l">Open data</h1>')
    expect(text).toContain('href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"')
    expect(text).toContain('Open Government Licence v3.0')
    expect(text).toContain('href="/open-data/popolo.json"')
    expect(text).toContain('href="/open-data/events.json"')
    expect(text).toContain('href="/open-data/popolo.json?partnership=chorley-psr-open"')
    expect(text).toContain('href="/open-data/events.json?partnership=elsewhere"')
    expect(text).toContain('href="/open-data/events.json?from=2025-01-01&amp;to=2025-12-31&amp;per_page=50"')
    expect(text).toContain('<span class="govuk-visually-hidden"> for Elsewhere Partnership</span>')
    expectNoCanary(text)
  })
})

describe('caching of the JSON downloads', () => {
  it('must be revalidated every time, with a strong ETag, a 304 while unchanged, and a new ETag once the content changes', async () => {
    for (const path of ['/open-data/popolo.json', '/open-data/events.json?per_page=5', `/meetings/${other.meetingId}/event.json`]) {
      const first = await get(path)
      expect(first.status, path).toBe(200)
      // Withdrawn content must not linger in a shared cache: the same rule as every other public channel.
      expect(first.res.headers.get('cache-control'), path).toBe('public, max-age=0, must-revalidate')
      expect(first.res.headers.get('access-control-allow-origin')).toBe('*')
      const etag = first.res.headers.get('etag')!
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]{32}"$/)
      const again = await new Agent(t.app).get(path, { 'if-none-match': etag })
      expect(again.status, path).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('etag')).toBe(etag)
    }
    const path = `/meetings/${other.meetingId}/event.json`
    const before = await get(path)
    // The route answers the 304 itself, without the render cache.
    const uncached = createTestApp(t.database, { publicUrl: BASE, renderCache: false })
    const direct = await new Agent(uncached.app).get(path, { 'if-none-match': before.res.headers.get('etag')! })
    expect(direct.status).toBe(304)
    expect(direct.headers.get('x-cache')).toBeNull()
    expect(direct.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    expect(uncached.logger.errors).toEqual([])
    await t.db.update(meetings).set({ venue: 'ETAG-NEW-VENUE' }).where(eq(meetings.id, other.meetingId))
    const changed = await new Agent(t.app).get(path, { 'if-none-match': before.res.headers.get('etag')! })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(before.res.headers.get('etag'))
    expect(await changed.text()).toContain('ETAG-NEW-VENUE')
  })
})
