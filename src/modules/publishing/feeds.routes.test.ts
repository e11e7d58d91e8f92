import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { xml2js, type Element } from 'xml-js'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { addDays, formatDate, londonToday } from '../../shared/dates.ts'
import { buildPublicationEvent } from '../../../test/support/publishing-builders.ts'
import { feedPaths } from './feeds.paths.ts'
import { atomErrors } from '../../../test/support/atom.ts'

const t = useTestApp({ publicUrl: 'https://committees.example.org' })
const s = {} as Record<string, { id: string; slug?: string }>

/** Parses strictly (sax throws on malformed XML) and returns the root element. */
function parseXml(xml: string): Element {
  const doc = xml2js(xml, { compact: false }) as Element
  const root = doc.elements?.find((e) => e.type === 'element')
  if (!root) throw new Error('no root element')
  return root
}
const children = (el: Element | undefined, name: string): Element[] => (el?.elements ?? []).filter((e) => e.name === name)
const textOf = (el: Element | undefined): string =>
  (el?.elements ?? []).map((e) => (e.type === 'text' ? String(e.text) : e.type === 'cdata' ? String(e.cdata) : textOf(e))).join('')

async function get(path: string, headers: Record<string, string> = {}) {
  return t.app.request(`http://localhost${path}`, { headers: { host: 'localhost', ...headers } })
}

beforeAll(async () => {
  const db = t.db
  const partnership = await buildPartnership(db, { slug: 'west-partnership', name: 'West Partnership' })
  const body = await buildBody(db, { partnershipId: partnership.id, slug: 'west-board', name: 'West Board & Friends' })
  const other = await buildBody(db, { partnershipId: partnership.id, slug: 'west-exec', name: 'West Executive' })
  s.partnership = partnership
  s.body = body
  s.other = other
  // Draft minutes public: an open item with decisions, an exempt item and an open sub-item of it.
  const held = await buildMeeting(db, { bodyId: body.id, date: '2027-01-12' }, 'minutesDraft')
  const open = await buildAgendaItem(db, { meetingId: held.id, title: 'Budget', position: 1 })
  await buildDecision(db, { itemId: open.id, text: 'RESOLVED: OPEN-DECISION-ONE to approve the **budget** <script>alert(1)</script> ]]> end', position: 0 })
  await buildDecision(db, { itemId: open.id, text: 'RESOLVED: OPEN-DECISION-TWO to note', position: 1 })
  const exempt = await buildAgendaItem(db, { meetingId: held.id, title: 'Contract award', position: 2, isExempt: true, exemptParagraph: 3 })
  await buildDecision(db, { itemId: exempt.id, text: 'EXEMPT-DECISION-CANARY' })
  const child = await buildAgendaItem(db, { meetingId: held.id, title: 'Contract detail', position: 0, parentItemId: exempt.id })
  await buildDecision(db, { itemId: child.id, text: 'EXEMPT-CHILD-CANARY' })
  s.held = held
  const next = await buildMeeting(db, { bodyId: body.id, date: '2027-02-09' }, 'agendaPublished')
  // Agenda never published (an event left by a change that was undone must not show it).
  const unpublished = await buildMeeting(db, { bodyId: body.id, date: '2027-03-09' })
  const hiddenItem = await buildAgendaItem(db, { meetingId: unpublished.id, title: 'UNPUBLISHED-AGENDA-CANARY' })
  await buildDecision(db, { itemId: hiddenItem.id, text: 'UNPUBLISHED-AGENDA-DECISION-CANARY' })
  // Held, minutes not yet published.
  const draft = await buildMeeting(db, { bodyId: body.id, date: '2027-01-26', status: 'held', agendaPublishedAt: new Date('2027-01-15T09:00:00Z') })
  const draftItem = await buildAgendaItem(db, { meetingId: draft.id, title: 'Draft item' })
  await buildDecision(db, { itemId: draftItem.id, text: 'UNPUBLISHED-MINUTES-CANARY' })
  const cancelled = await buildMeeting(db, { bodyId: body.id, date: '2027-04-13' }, 'cancelled')
  const otherMeeting = await buildMeeting(db, { bodyId: other.id, date: '2027-01-20' }, 'agendaPublished')
  s.next = next
  s.cancelled = cancelled
  const at = (iso: string) => new Date(iso)
  await buildPublicationEvent(db, { meetingId: held.id, kind: 'agenda_published', occurredAt: at('2027-01-01T09:00:00Z') })
  await buildPublicationEvent(db, { meetingId: held.id, kind: 'minutes_published', occurredAt: at('2027-01-20T09:00:00Z') })
  await buildPublicationEvent(db, { meetingId: otherMeeting.id, kind: 'agenda_published', occurredAt: at('2027-01-21T09:00:00Z') })
  await buildPublicationEvent(db, { meetingId: next.id, kind: 'agenda_published', occurredAt: at('2027-01-25T09:00:00Z') })
  await buildPublicationEvent(db, { meetingId: unpublished.id, kind: 'agenda_published', occurredAt: at('2027-01-26T09:00:00Z') })
  await buildPublicationEvent(db, { meetingId: draft.id, kind: 'minutes_published', occurredAt: at('2027-01-27T09:00:00Z') })
  await buildPublicationEvent(db, { meetingId: cancelled.id, kind: 'meeting_cancelled', occurredAt: at('2027-03-02T09:00:00Z') })
})

const CANARIES = [
  'EXEMPT-DECISION-CANARY',
  'EXEMPT-CHILD-CANARY',
  'UNPUBLISHED-AGENDA-CANARY',
  'UNPUBLISHED-AGENDA-DECISION-CANARY',
  'UNPUBLISHED-MINUTES-CANARY',
  'Contract award',
]

describe('body Atom feed', () => {
  it('is well-formed Atom with the public entries, newest first', async () => {
    const res = await get(feedPaths.bodyAtom('west-board'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    expect(res.headers.get('set-cookie')).toBeNull()
    const xml = await res.text()
    const feed = parseXml(xml)
    expect(feed.name).toBe('feed')
    expect(feed.attributes?.xmlns).toBe('http://www.w3.org/2005/Atom')
    const entries = children(feed, 'entry')
    expect(entries.map((e) => textOf(children(e, 'title')[0]))).toEqual([
      'Meeting cancelled: West Board &amp; Friends, 13 April 2027',
      'Agenda published: West Board &amp; Friends, 9 February 2027',
      'Decision: Budget (West Board &amp; Friends, 12 January 2027)',
      'Decision: Budget (West Board &amp; Friends, 12 January 2027)',
      'Draft minutes published: West Board &amp; Friends, 12 January 2027',
      'Agenda published: West Board &amp; Friends, 12 January 2027',
    ])
    // Decisions: in agenda order when read oldest first, i.e. reversed in a newest-first feed.
    expect(textOf(children(entries[2], 'content')[0])).toContain('OPEN-DECISION-TWO')
    expect(textOf(children(entries[3], 'content')[0])).toContain('OPEN-DECISION-ONE')
    // Every entry links to its meeting page, absolutely, with a stable tag: id.
    expect(children(entries[1], 'link')[0]!.attributes!.href).toBe(`https://committees.example.org/meetings/${s.next!.id}`)
    const ids = entries.map((e) => textOf(children(e, 'id')[0]))
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^tag:committees\.example\.org,2026:joined-up\/event\/\d+(\/decision\/[0-9a-f-]+)?$/)
    expect(textOf(children(entries[0], 'updated')[0])).toBe('2027-03-02T09:00:00.000Z')
    expect(textOf(children(feed, 'updated')[0])).toBe('2027-03-02T09:00:00.000Z')
  })

  it('meets RFC 4287: the feed and every entry name their author, the body, with its page', async () => {
    const xml = await (await get(feedPaths.bodyAtom('west-board'))).text()
    expect(atomErrors(xml)).toEqual([])
    const feed = parseXml(xml)
    const person = (el: Element | undefined) => ({ name: textOf(children(el, 'name')[0]), uri: textOf(children(el, 'uri')[0]) })
    // A text node (not HTML in CDATA like the titles): the parser gives back the name as written.
    const board = { name: 'West Board & Friends', uri: 'https://committees.example.org/bodies/west-board' }
    expect(children(feed, 'author').map(person)).toEqual([board])
    const entries = children(feed, 'entry')
    expect(entries).toHaveLength(6)
    for (const entry of entries) expect(children(entry, 'author').map(person)).toEqual([board])
  })

  it('renders decision text safely and never carries exempt or unpublished content', async () => {
    const xml = await (await get(feedPaths.bodyAtom('west-board'))).text()
    expect(xml).not.toContain('<script')
    expect(xml).toContain('<strong>budget</strong>')
    for (const canary of CANARIES) expect(xml).not.toContain(canary)
    expect(xml).not.toContain('Draft item')
  })

  it('answers 304 to a matching If-None-Match, and the ETag is stable', async () => {
    const first = await get(feedPaths.bodyAtom('west-board'))
    const etag = first.headers.get('etag')!
    const again = await get(feedPaths.bodyAtom('west-board'))
    expect(again.headers.get('etag')).toBe(etag)
    const notModified = await get(feedPaths.bodyAtom('west-board'), { 'if-none-match': `W/${etag}` })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
    const changed = await get(feedPaths.bodyAtom('west-board'), { 'if-none-match': '"something-else"' })
    expect(changed.status).toBe(200)
  })

  it('drops an event whose meeting is no longer public', async () => {
    // A new event changes the feed (and its ETag); one for a meeting that is not public does not.
    const before = await get(feedPaths.bodyAtom('west-board'))
    const unpublished = await buildMeeting(t.db, { bodyId: s.body!.id, date: '2027-05-11' })
    await buildPublicationEvent(t.db, { meetingId: unpublished.id, kind: 'minutes_approved', occurredAt: new Date('2027-05-20T09:00:00Z') })
    const after = await get(feedPaths.bodyAtom('west-board'))
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'))
  })

  it('is 404 for an unknown body', async () => {
    const res = await get(feedPaths.bodyAtom('no-such-body'))
    expect(res.status).toBe(404)
  })
})

describe('body RSS feed', () => {
  it('is well-formed RSS 2.0 with the same items in the same order', async () => {
    const res = await get(feedPaths.bodyRss('west-board'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    const xml = await res.text()
    const rss = parseXml(xml)
    expect(rss.name).toBe('rss')
    expect(rss.attributes?.version).toBe('2.0')
    const channel = children(rss, 'channel')[0]
    const items = children(channel, 'item')
    expect(items).toHaveLength(6)
    expect(textOf(children(items[0], 'title')[0])).toContain('Meeting cancelled')
    expect(textOf(children(items[0], 'link')[0])).toBe(`https://committees.example.org/meetings/${s.cancelled!.id}`)
    expect(children(items[0], 'guid')[0]!.attributes!.isPermaLink).toBe('false')
    // RSS 2.0's <author> is an email address: the bodies publish none, so there is no author line.
    for (const item of items) expect(children(item, 'author')).toEqual([])
    for (const canary of CANARIES) expect(xml).not.toContain(canary)
  })
})

describe('partnership feed', () => {
  it('holds the public events of every body of the partnership', async () => {
    const res = await get(feedPaths.partnershipAtom('west-partnership'))
    expect(res.status).toBe(200)
    const xml = await res.text()
    const titles = children(parseXml(xml), 'entry').map((e) => textOf(children(e, 'title')[0]))
    expect(titles).toContain('Agenda published: West Executive, 20 January 2027')
    expect(titles).toContain('Agenda published: West Board &amp; Friends, 9 February 2027')
    expect(titles.indexOf('Agenda published: West Board &amp; Friends, 9 February 2027')).toBeLessThan(
      titles.indexOf('Agenda published: West Executive, 20 January 2027'),
    )
    for (const canary of CANARIES) expect(xml).not.toContain(canary)
    // RFC 4287: the partnership is the feed's author, each entry's author the body that published it.
    expect(atomErrors(xml)).toEqual([])
    const feed = parseXml(xml)
    expect(textOf(children(children(feed, 'author')[0], 'name')[0])).toBe('West Partnership')
    expect(textOf(children(children(feed, 'author')[0], 'uri')[0])).toBe('https://committees.example.org/partnerships/west-partnership')
    const authorOf = (title: string) => {
      const entry = children(feed, 'entry').find((e) => textOf(children(e, 'title')[0]) === title)
      return textOf(children(children(entry, 'author')[0], 'name')[0])
    }
    expect(authorOf('Agenda published: West Executive, 20 January 2027')).toBe('West Executive')
    expect(authorOf('Agenda published: West Board &amp; Friends, 9 February 2027')).toBe('West Board & Friends')
    const rss = await get(feedPaths.partnershipRss('west-partnership'))
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    parseXml(await rss.text())
  })

  it('keeps only the last 50 entries', async () => {
    const body = await buildBody(t.db, { slug: 'busy-board' })
    const m = await buildMeeting(t.db, { bodyId: body.id }, 'agendaPublished')
    for (let i = 0; i < 55; i++) {
      await buildPublicationEvent(t.db, { meetingId: m.id, kind: 'agenda_published', occurredAt: new Date(Date.UTC(2027, 0, 1, 0, i)) })
    }
    const entries = children(parseXml(await (await get(feedPaths.bodyAtom('busy-board'))).text()), 'entry')
    expect(entries).toHaveLength(50)
    expect(textOf(children(entries[0], 'updated')[0])).toBe('2027-01-01T00:54:00.000Z')
  })
})

describe('atomErrors, the RFC 4287 check the feeds go through', () => {
  const feed = (inner: string, author = '<author><name>Board</name></author>') =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:x,2026:f</id><title>F</title><updated>2027-01-01T00:00:00Z</updated>${author}${inner}</feed>`
  const entry = (author = '') => `<entry><id>tag:x,2026:e</id><title>E</title><updated>2027-01-01T00:00:00Z</updated><link href="https://x.test/"/>${author}</entry>`

  it('passes a feed with an author, or with one on every entry, and fails one with none', () => {
    expect(atomErrors(feed(entry()))).toEqual([])
    expect(atomErrors(feed(entry('<author><name>Board</name></author>'), ''))).toEqual([])
    expect(atomErrors(feed(entry(), ''))).toEqual(['entry 1 has no atom:author, and neither has the feed (4.1.1, 4.1.2)'])
    expect(atomErrors(feed(entry(), '<author><uri>https://x.test/</uri></author>'))).toEqual(['feed author 1 has 0 atom:name (3.2: exactly one)'])
    expect(atomErrors(feed(entry().replace('<title>E</title>', '')))).toEqual(['entry 1 has 0 atom:title (exactly one)'])
  })
})

describe('events recorded by the meetings service', () => {
  it('puts a published agenda and a cancellation in the feed as they happen', async () => {
    const user = await buildUser(t.db, { isAdmin: true })
    const admin = { id: user.id, email: user.email, displayName: user.displayName, isAdmin: true, secretariatOf: [], memberOf: [] }
    const body = await buildBody(t.db, { slug: 'live-board', name: 'Live Board' })
    const date = addDays(londonToday(), 20)
    const m = await buildMeeting(t.db, { bodyId: body.id, date })
    await t.services.meetings.addItem(admin, m.id, { title: 'Open item', isExempt: false })
    const published = await t.services.meetings.publishAgenda(admin, m.id, { version: m.version })
    let titles = children(parseXml(await (await get(feedPaths.bodyAtom('live-board'))).text()), 'entry').map((e) => textOf(children(e, 'title')[0]))
    expect(titles).toEqual([`Agenda published: Live Board, ${formatDate(date)}`])
    await t.services.meetings.cancelMeeting(admin, m.id, { version: published.version, reason: 'Not quorate' })
    titles = children(parseXml(await (await get(feedPaths.bodyAtom('live-board'))).text()), 'entry').map((e) => textOf(children(e, 'title')[0]))
    // A cancelled meeting keeps its published agenda.
    expect(titles).toEqual([`Meeting cancelled: Live Board, ${formatDate(date)}`, `Agenda published: Live Board, ${formatDate(date)}`])
  })
})
