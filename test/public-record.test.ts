import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/platform/db/client.ts'
import { createTestDatabase } from './support/db.ts'
import { createTestApp } from './support/app.ts'
import {
  addPartner,
  buildAgendaItem,
  buildAttendance,
  buildBody,
  buildDecision,
  buildDocument,
  buildMeeting,
  buildMembership,
  buildOrganisation,
  buildPartnership,
  buildPerson,
} from './support/builders.ts'
import { buildAction } from './support/action-builders.ts'
import { actionUpdates, agendaItemTopics, topics } from '../src/modules/actions/actions.tables.ts'

/**
 * The public record never leaks: unique canaries are planted in every exempt or private field, then every
 * public page reachable from the home page (and every paper it links to) is fetched, and none may carry
 * a canary. The exempt items' titles and paragraphs are public by law; everything else about them is not.
 */
let database: Database
let t: ReturnType<typeof createTestApp>

const CANARIES = {
  exemptDescription: 'CANARY-EXEMPT-DESCRIPTION-1a',
  exemptPresenter: 'CANARY-EXEMPT-PRESENTER-2b',
  exemptMinutes: 'CANARY-EXEMPT-MINUTES-3c',
  exemptReasoning: 'CANARY-PUBLIC-INTEREST-4d',
  exemptDecision: 'CANARY-EXEMPT-DECISION-5e',
  subOfExemptTitle: 'CANARY-SUB-OF-EXEMPT-MINUTES-6f',
  exemptPaperTitle: 'CANARY-EXEMPT-PAPER-TITLE-7a',
  exemptPaperContent: 'CANARY-EXEMPT-PAPER-CONTENT-8b',
  paperOnExemptItem: 'CANARY-PAPER-ON-EXEMPT-ITEM-9c',
  exemptItemAction: 'CANARY-ACTION-ON-EXEMPT-ITEM-10d',
  privateAction: 'CANARY-PRIVATE-ACTION-11e',
  privateUpdate: 'CANARY-UPDATE-OF-PRIVATE-ACTION-12f',
  email: 'canary-13a@example.org',
  phone: '0700 CANARY 14B',
  unpublishedAgendaItem: 'CANARY-UNPUBLISHED-AGENDA-ITEM-15c',
  unpublishedMinutes: 'CANARY-UNPUBLISHED-MINUTES-16d',
  exemptTopic: 'CANARY-EXEMPT-TOPIC-17e',
} as const

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`)

beforeAll(async () => {
  database = await createTestDatabase()
  t = createTestApp(database)
  const db = database.db
  const partnership = await buildPartnership(db, { name: 'Canary Partnership', slug: 'canary' })
  const org = await buildOrganisation(db, { name: 'Canary Council' })
  await addPartner(db, partnership.id, org.id)
  const body = await buildBody(db, { partnershipId: partnership.id, name: 'Canary Board', slug: 'canary-board' })
  const chair = await buildPerson(db, { fullName: 'Pat Chair', email: CANARIES.email, phone: CANARIES.phone, organisationId: org.id })
  await buildMembership(db, { bodyId: body.id, personId: chair.id, role: 'chair', onBehalfOfOrganisationId: org.id })

  // A held meeting with published agenda and draft minutes: public, with exempt parts.
  const meeting = await buildMeeting(db, { bodyId: body.id, date: '2026-10-06' }, 'minutesDraft')
  await buildAttendance(db, { meetingId: meeting.id, personId: chair.id })
  const open = await buildAgendaItem(db, { meetingId: meeting.id, position: 0, title: 'Open item', minutes: 'Open minutes.' })
  const exempt = await buildAgendaItem(db, {
    meetingId: meeting.id,
    position: 1,
    title: 'Exempt item',
    description: CANARIES.exemptDescription,
    presenter: CANARIES.exemptPresenter,
    minutes: CANARIES.exemptMinutes,
    isExempt: true,
    exemptParagraph: 3,
    publicInterestReasoning: CANARIES.exemptReasoning,
  })
  await buildAgendaItem(db, { meetingId: meeting.id, parentItemId: exempt.id, position: 0, title: 'Sub of exempt', minutes: CANARIES.subOfExemptTitle })
  await buildDecision(db, { itemId: exempt.id, text: CANARIES.exemptDecision })
  await buildDecision(db, { itemId: open.id, text: 'RESOLVED: open decision' })
  await buildDocument(db, {
    meetingId: meeting.id,
    itemId: open.id,
    title: CANARIES.exemptPaperTitle,
    content: pdf(CANARIES.exemptPaperContent),
    isExempt: true,
    exemptParagraph: 3,
    publicInterestReasoning: 'Commercial',
  })
  await buildDocument(db, { meetingId: meeting.id, itemId: exempt.id, title: CANARIES.paperOnExemptItem, content: pdf(CANARIES.paperOnExemptItem) })
  await buildDocument(db, { meetingId: meeting.id, itemId: open.id, title: 'Open paper', content: pdf('open paper') })
  await buildAction(db, { itemId: exempt.id, description: CANARIES.exemptItemAction, isPublic: true })
  const privateAction = await buildAction(db, { itemId: open.id, description: CANARIES.privateAction, isPublic: false })
  await db.insert(actionUpdates).values({ actionId: privateAction.id, text: CANARIES.privateUpdate })
  await buildAction(db, { itemId: open.id, description: 'Public action', isPublic: true })
  const [topic] = await db.insert(topics).values({ partnershipId: partnership.id, name: CANARIES.exemptTopic, slug: 'exempt-topic' }).returning()
  await db.insert(agendaItemTopics).values({ itemId: exempt.id, topicId: topic!.id })

  // A held meeting whose agenda was never published, with minutes written but not published.
  const unpublished = await buildMeeting(db, { bodyId: body.id, date: '2026-11-03', status: 'held', agendaPublishedAt: null })
  await buildAgendaItem(db, { meetingId: unpublished.id, title: CANARIES.unpublishedAgendaItem, minutes: CANARIES.unpublishedMinutes })
})
afterAll(async () => {
  expect(t.logger.errors).toEqual([])
  await database.close()
})

async function crawl(start: string[], limit = 500): Promise<Map<string, { status: number; body: string }>> {
  const seen = new Map<string, { status: number; body: string }>()
  const queue = [...start]
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    const res = await t.app.request(`http://localhost${path}`)
    const type = res.headers.get('content-type') ?? ''
    const body = type.includes('text') || type.includes('json') ? await res.text() : Buffer.from(await res.arrayBuffer()).toString('latin1')
    seen.set(path, { status: res.status, body })
    if (!type.includes('text/html')) continue
    for (const m of body.matchAll(/href="([^"#]+)"/g)) {
      const href = m[1]!.replace(/&amp;/g, '&')
      if (!href.startsWith('/') || href.startsWith('//')) continue
      if (/^\/(assets|static|manage|sign-in|sign-out|my-actions)\b/.test(href)) continue
      if (!seen.has(href)) queue.push(href)
    }
  }
  return seen
}

describe('the public record', () => {
  it('shows no exempt or private content on any public page or paper reachable from the home page', async () => {
    const pages = await crawl(['/', '/decisions', '/partnerships/canary/topics/exempt-topic'])
    expect(pages.size).toBeGreaterThan(8)
    for (const path of ['/partnerships/canary', '/bodies/canary-board', '/bodies/canary-board/actions']) expect(pages.get(path)?.status).toBe(200)
    expect([...pages.keys()].filter((p) => p.startsWith('/meetings/'))).toHaveLength(2)
    expect([...pages.keys()].filter((p) => p.startsWith('/papers/'))).toHaveLength(1)
    expect([...pages.values()].some((p) => p.body.includes('Exempt item'))).toBe(true) // the title is public
    expect([...pages.values()].some((p) => p.body.includes('Not for publication'))).toBe(true)
    expect([...pages.values()].some((p) => p.body.includes('Open minutes.'))).toBe(true)
    expect([...pages.values()].some((p) => p.body.includes('open paper'))).toBe(true) // a paper was fetched
    expect([...pages.values()].some((p) => p.body.includes('Public action'))).toBe(true)
    const leaks: string[] = []
    for (const [path, page] of pages) {
      expect(page.status, path).toBeLessThan(500)
      for (const [field, canary] of Object.entries(CANARIES)) {
        if (page.body.includes(canary)) leaks.push(`${field} on ${path}`)
      }
    }
    expect(leaks).toEqual([])
  })
})
