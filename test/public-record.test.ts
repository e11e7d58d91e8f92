import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from './support/use-test-app.ts'
import { buildAgendaItem, buildAttendance, buildDecision, buildDocument, buildMeeting, buildOrganisation, buildPerson } from './support/builders.ts'
import { buildPartnershipBody } from './support/scenarios/partnership-body.ts'
import { buildAction } from './support/action-builders.ts'
import { actions, actionUpdates } from '../src/modules/actions/actions.tables.ts'
import { decisions, documents } from '../src/modules/meetings/meetings.tables.ts'
import { eq } from 'drizzle-orm'
import { agendaItemTopics, topics } from '../src/modules/topics/topics.tables.ts'
import { emailSubscriptions } from '../src/modules/publishing/publishing.tables.ts'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { extractText, getDocumentProxy } from 'unpdf'
import mammoth from 'mammoth'
import { buildMilestone, buildProgrammeLink, buildStrategyVersion, buildWorkstream, buildWorkstreamUpdate } from './support/strategy-builders.ts'

/**
 * The public record never leaks: unique canaries are planted in every exempt or private field, then every
 * public page reachable from the home page (and every paper it links to) is fetched, and none may carry
 * a canary. The exempt items' titles and paragraphs are public by law; everything else about them is not.
 */
const t = useTestApp()

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
  subscriberEmail: 'canary-subscriber-18f@example.org',
  unpublishedMeetingPaper: 'CANARY-PAPER-OF-UNPUBLISHED-AGENDA-19a',
  draftStrategyTitle: 'CANARY-DRAFT-STRATEGY-TITLE-20b',
  draftStrategyVision: 'CANARY-DRAFT-STRATEGY-VISION-21c',
  draftPrinciple: 'CANARY-DRAFT-PRINCIPLE-22d',
  draftAim: 'CANARY-DRAFT-AIM-23e',
  draftThemeTitle: 'CANARY-DRAFT-THEME-24f',
  draftThemeRename: 'CANARY-DRAFT-THEME-RENAMED-25a',
  neverApprovedDraft: 'CANARY-NEVER-APPROVED-DRAFT-26b',
  privateWorkstream: 'CANARY-PRIVATE-WORKSTREAM-27c',
  workstreamUnderDraftTheme: 'CANARY-WORKSTREAM-UNDER-DRAFT-THEME-28d',
  ragReason: 'CANARY-RAG-REASON-29e',
  privateWorkstreamUpdate: 'CANARY-PRIVATE-WORKSTREAM-UPDATE-30f',
  publicUpdateRagReason: 'CANARY-RAG-REASON-OF-PUBLIC-UPDATE-31a',
  exemptMeetingPaper: 'CANARY-EXEMPT-PAPER-FOR-THE-MEETING-20b',
  unpublishedWholeMeetingPaper: 'CANARY-MEETING-PAPER-OF-UNPUBLISHED-AGENDA-21c',
  personWithoutSeat: 'CANARY-PERSON-WITHOUT-A-SEAT-22d',
} as const

/** A real one-page PDF carrying `text`, so packs can merge it and text extraction can find it. */
async function pdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const page = doc.addPage()
  page.drawText(text, { x: 50, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) })
  return Buffer.from(await doc.save())
}

beforeAll(async () => {
  const db = t.db
  const org = await buildOrganisation(db, { name: 'Canary Council' })
  const { partnership, body, members } = await buildPartnershipBody(db, {
    partnership: { name: 'Canary Partnership', slug: 'canary' },
    partnerIds: [org.id],
    body: { name: 'Canary Board', slug: 'canary-board' },
    members: [
      {
        person: { fullName: 'Pat Chair', email: CANARIES.email, phone: CANARIES.phone, organisationId: org.id },
        seat: { role: 'chair', onBehalfOfOrganisationId: org.id },
      },
    ],
  })

  const chair = members[0]!

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
    content: await pdf(CANARIES.exemptPaperContent),
    textContent: CANARIES.exemptPaperContent,
    isExempt: true,
    exemptParagraph: 3,
    publicInterestReasoning: 'Commercial',
  })
  await buildDocument(db, { meetingId: meeting.id, itemId: exempt.id, title: CANARIES.paperOnExemptItem, content: await pdf(CANARIES.paperOnExemptItem), textContent: CANARIES.paperOnExemptItem })
  await buildDocument(db, { meetingId: meeting.id, itemId: open.id, title: 'Open paper', content: await pdf('open paper'), textContent: 'open paper' })
  // Papers for the meeting as a whole (on no item): the open one is public, the exempt one never.
  await buildDocument(db, { meetingId: meeting.id, itemId: null, title: 'Paper for the whole meeting', content: await pdf('whole meeting paper'), textContent: 'whole meeting paper' })
  await buildDocument(db, {
    meetingId: meeting.id,
    itemId: null,
    title: CANARIES.exemptMeetingPaper,
    content: await pdf(CANARIES.exemptMeetingPaper),
    textContent: CANARIES.exemptMeetingPaper,
    isExempt: true,
    exemptParagraph: 3,
    publicInterestReasoning: 'Commercial',
  })
  await buildAction(db, { itemId: exempt.id, description: CANARIES.exemptItemAction, isPublic: true })
  // A person the partnership knows but who holds no seat (here the owner of a private action): never public.
  const unseated = await buildPerson(db, { fullName: CANARIES.personWithoutSeat, jobTitle: 'Officer' })
  const privateAction = await buildAction(db, { itemId: open.id, description: CANARIES.privateAction, isPublic: false, owners: [{ personId: unseated.id }] })
  await db.insert(actionUpdates).values({ actionId: privateAction.id, text: CANARIES.privateUpdate })
  await buildAction(db, { itemId: open.id, description: 'Public action', isPublic: true })
  const [topic] = await db.insert(topics).values({ partnershipId: partnership.id, name: CANARIES.exemptTopic, slug: 'exempt-topic' }).returning()
  await db.insert(agendaItemTopics).values({ itemId: exempt.id, topicId: topic!.id })

  // A held meeting whose agenda was never published, with minutes written but not published.
  const unpublished = await buildMeeting(db, { bodyId: body.id, date: '2026-11-03', status: 'held', agendaPublishedAt: null })
  const unpublishedItem = await buildAgendaItem(db, { meetingId: unpublished.id, title: CANARIES.unpublishedAgendaItem, minutes: CANARIES.unpublishedMinutes })
  await buildDocument(db, {
    meetingId: unpublished.id,
    itemId: unpublishedItem.id,
    title: CANARIES.unpublishedMeetingPaper,
    content: await pdf(CANARIES.unpublishedMeetingPaper),
    textContent: CANARIES.unpublishedMeetingPaper,
  })
  await buildDocument(db, {
    meetingId: unpublished.id,
    itemId: null,
    title: CANARIES.unpublishedWholeMeetingPaper,
    content: await pdf(CANARIES.unpublishedWholeMeetingPaper),
    textContent: CANARIES.unpublishedWholeMeetingPaper,
  })
  meetingIds = [meeting.id, unpublished.id]

  // The strategy: version 1 superseded before approval, version 2 approved, version 3 a draft that renames a theme and
  // adds one; a workstream under the draft-only theme, a private workstream, and a public one with a RAG reason,
  // a private update and links to everything exempt, private or unpublished (and one public item).
  await buildStrategyVersion(db, { partnershipId: partnership.id, number: 1, status: 'superseded', title: CANARIES.neverApprovedDraft, vision: CANARIES.neverApprovedDraft })
  const approved = await buildStrategyVersion(db, {
    partnershipId: partnership.id,
    number: 2,
    title: 'Canary Strategy',
    approved: { bodyId: body.id, on: '2026-06-01', precision: 'month' },
    vision: 'A public vision',
    principles: ['A public principle'],
    themes: [{ title: 'Public theme', slug: 'public-theme' }],
  })
  const publicTheme = approved.themes[0]!
  const draft = await buildStrategyVersion(db, {
    partnershipId: partnership.id,
    number: 3,
    title: CANARIES.draftStrategyTitle,
    vision: CANARIES.draftStrategyVision,
    principles: [CANARIES.draftPrinciple],
    aims: [CANARIES.draftAim],
    themes: [{ title: CANARIES.draftThemeRename, themeId: publicTheme.id }, { title: CANARIES.draftThemeTitle, slug: 'draft-theme' }],
  })
  await buildWorkstream(db, { partnershipId: partnership.id, themeId: draft.themes[1]!.id, title: CANARIES.workstreamUnderDraftTheme, slug: 'under-draft' })
  await buildWorkstream(db, { partnershipId: partnership.id, themeId: publicTheme.id, title: CANARIES.privateWorkstream, slug: 'private-workstream', isPublic: false })
  const workstream = await buildWorkstream(db, { partnershipId: partnership.id, themeId: publicTheme.id, title: 'Public workstream', slug: 'public-workstream', status: 'at_risk', rag: 'red', ragReason: CANARIES.ragReason })
  await buildWorkstreamUpdate(db, { workstreamId: workstream.id, text: CANARIES.privateWorkstreamUpdate, rag: 'amber', ragReason: CANARIES.ragReason })
  await buildWorkstreamUpdate(db, { workstreamId: workstream.id, text: 'A published update', isPublic: true, rag: 'red', ragReason: CANARIES.publicUpdateRagReason })
  await buildMilestone(db, { workstreamId: workstream.id, title: 'A public milestone', dueOn: '2026-12-01', dueOnPrecision: 'month' })
  const exemptDecisionRow = (await db.select().from(decisions).where(eq(decisions.itemId, exempt.id)))[0]!
  const exemptPaperRow = (await db.select().from(documents).where(eq(documents.title, CANARIES.exemptPaperTitle)))[0]!
  const paperOnExemptRow = (await db.select().from(documents).where(eq(documents.title, CANARIES.paperOnExemptItem)))[0]!
  const unpublishedPaperRow = (await db.select().from(documents).where(eq(documents.title, CANARIES.unpublishedMeetingPaper)))[0]!
  const exemptActionRow = (await db.select().from(actions).where(eq(actions.description, CANARIES.exemptItemAction)))[0]!
  const openPaperRow = (await db.select().from(documents).where(eq(documents.title, 'Open paper')))[0]!
  for (const target of [
    { agendaItemId: open.id },
    { documentId: openPaperRow.id },
    { agendaItemId: exempt.id },
    { agendaItemId: unpublishedItem.id },
    { decisionId: exemptDecisionRow.id },
    { documentId: exemptPaperRow.id },
    { documentId: paperOnExemptRow.id },
    { documentId: unpublishedPaperRow.id },
    { actionId: privateAction.id },
    { actionId: exemptActionRow.id },
  ]) {
    await buildProgrammeLink(db, { partnershipId: partnership.id, workstreamId: workstream.id, ...target })
    await buildProgrammeLink(db, { partnershipId: partnership.id, themeId: publicTheme.id, ...target })
  }

  // Someone following the body by email: their address is never public.
  await db.insert(emailSubscriptions).values({ bodyId: body.id, email: CANARIES.subscriberEmail, status: 'confirmed', unsubscribeTokenHash: 'canary' })
})
let meetingIds: string[] = []

async function crawl(start: string[], limit = 500): Promise<Map<string, { status: number; body: string }>> {
  const seen = new Map<string, { status: number; body: string }>()
  const queue = [...start]
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    const res = await t.app.request(`http://localhost${path}`)
    const type = res.headers.get('content-type') ?? ''
    const body = await readable(res)
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
    const pages = await crawl([
      '/',
      '/decisions',
      '/partnerships/canary/topics/exempt-topic',
      // Addresses of what must not be public: a draft version, a draft-only theme, private workstreams.
      '/partnerships/canary/strategy/versions/1',
      '/partnerships/canary/strategy/versions/3',
      '/partnerships/canary/strategy/compare?from=2&to=3',
      '/partnerships/canary/themes/draft-theme',
      '/partnerships/canary/workstreams/under-draft',
      '/partnerships/canary/workstreams/private-workstream',
    ])
    expect(pages.size).toBeGreaterThan(8)
    for (const path of ['/partnerships/canary', '/bodies/canary-board', '/bodies/canary-board/actions']) expect(pages.get(path)?.status).toBe(200)
    expect([...pages.keys()].filter((p) => /^\/meetings\/[0-9a-f-]+$/.test(p))).toHaveLength(2)
    // The public pages link every channel: the crawl reaches them too.
    for (const channel of ['/pack.pdf', '/minutes.pdf', '/minutes.docx', '/calendar.ics', '/event.json', '/feed.atom', '/open-data/popolo.json']) {
      expect([...pages.keys()].some((p) => p.includes(channel)), channel).toBe(true)
    }
    expect([...pages.keys()].filter((p) => p.startsWith('/papers/'))).toHaveLength(2)
    expect([...pages.values()].some((p) => p.body.includes('Exempt item'))).toBe(true) // the title is public
    expect([...pages.values()].some((p) => p.body.includes('Not for publication'))).toBe(true)
    expect([...pages.values()].some((p) => p.body.includes('Open minutes.'))).toBe(true)
    expect([...pages.values()].some((p) => p.body.includes('open paper'))).toBe(true) // a paper was fetched
    expect([...pages.values()].some((p) => p.body.includes('whole meeting paper'))).toBe(true) // and the meeting's own
    expect([...pages.values()].some((p) => p.body.includes('Public action'))).toBe(true)
    // The strategy and programme pages were reached from the partnership page, and show what is public.
    for (const path of ['/partnerships/canary/strategy', '/partnerships/canary/themes/public-theme', '/partnerships/canary/workstreams/public-workstream']) {
      expect(pages.get(path)?.status, path).toBe(200)
    }
    for (const path of ['/partnerships/canary/strategy/versions/1', '/partnerships/canary/strategy/versions/3', '/partnerships/canary/themes/draft-theme', '/partnerships/canary/workstreams/under-draft', '/partnerships/canary/workstreams/private-workstream']) {
      expect(pages.get(path)?.status, path).toBe(404)
    }
    const workstreamPage = pages.get('/partnerships/canary/workstreams/public-workstream')!.body
    for (const shown of ['A published update', 'A public milestone', 'Open item', 'Open paper', 'RAG: Red']) expect(workstreamPage, shown).toContain(shown)
    expect(pages.get('/partnerships/canary/themes/public-theme')!.body).toContain('Public workstream')
    const leaks: string[] = []
    for (const [path, page] of pages) {
      expect(page.status, path).toBeLessThan(500)
      for (const [field, canary] of Object.entries(CANARIES)) {
        if (page.body.includes(canary)) leaks.push(`${field} on ${path}`)
      }
    }
    expect(leaks).toEqual([])
  }, 120_000)
})

/** Text of a response as a reader would get it: PDFs and Word files are opened, not read as bytes. */
async function readable(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? ''
  const bytes = Buffer.from(await res.arrayBuffer())
  if (type.includes('pdf')) {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })
    return `${text}\n${bytes.toString('latin1')}`
  }
  if (type.includes('wordprocessingml')) return (await mammoth.extractRawText({ buffer: bytes })).value
  return bytes.toString('utf8')
}

describe('every public channel', () => {
  it('search, API, feeds, calendars, open data, packs and printed minutes carry no exempt or private content', async () => {
    const [held, unpublished] = meetingIds as [string, string]
    const urls = [
      '/calendar',
      '/calendar?view=list',
      '/calendar?view=list&from=2026-01-01',
      '/calendar.ics',
      '/partnerships/canary/calendar.ics',
      '/bodies/canary-board/calendar.ics',
      ...meetingIds.map((id) => `/meetings/${id}/calendar.ics`),
      '/bodies/canary-board/feed.atom',
      '/bodies/canary-board/feed.rss',
      '/open-data',
      '/open-data/popolo.json',
      '/open-data/events.json',
      ...meetingIds.map((id) => `/meetings/${id}/event.json`),
      `/meetings/${held}/pack.pdf`,
      `/meetings/${held}/minutes.pdf`,
      `/meetings/${held}/minutes.docx`,
      `/meetings/${unpublished}/pack.pdf`,
      `/meetings/${unpublished}/minutes.pdf`,
      '/api/openapi.json',
      '/api/docs',
      ...['partnerships', 'organisations', 'bodies', 'people', 'memberships', 'meetings', 'meetings?include=items', 'documents', 'decisions', 'actions'].map(
        (r) => `/api/v1/${r}`,
      ),
      ...meetingIds.map((id) => `/api/v1/meetings/${id}`),
      // Search for every canary by name (in lower case: the page echoes the query, a leak would come back in
      // the canary's own upper case), and for words every planted record shares.
      ...Object.values(CANARIES)
        .filter((c) => c !== c.toLowerCase())
        .map((c) => `/search?q=${encodeURIComponent(c.toLowerCase())}`),
      '/search?q=canary',
      // The structure is searched too: a member's contact details, and people with no seat, never come back.
      // In capitals: the page repeats the query, and a leak would come back in lower case.
      `/search?q=${encodeURIComponent(CANARIES.email.toUpperCase())}`,
      '/search?q=pat+chair',
      '/search?q=officer',
      '/search?q=canary+council',
      '/search?q=exempt',
      '/search?q=item&order=date',
    ]
    const seen = new Map<string, { status: number; text: string }>()
    const queue = [...urls]
    while (queue.length && seen.size < 300) {
      const url = queue.shift()!
      if (seen.has(url)) continue
      const res = await t.app.request(`http://localhost${url}`)
      const text = await readable(res)
      seen.set(url, { status: res.status, text })
      // Follow the API's next-page links so every page of every list is read.
      for (const m of text.matchAll(/"(?:next|nextPage|next_url)"\s*:\s*"([^"]+)"/g)) {
        const next = m[1]!.replace(/^https?:\/\/[^/]+/, '')
        if (next.startsWith('/') && !seen.has(next)) queue.push(next)
      }
    }
    const statuses = Object.fromEntries([...seen].map(([u, r]) => [u, r.status]))
    for (const url of urls) {
      if (url.startsWith(`/meetings/${unpublished}/`) && /pack|minutes/.test(url)) expect(statuses[url], url).toBe(404)
      else expect(statuses[url], url).toBe(200)
    }
    // The channels carry the public record, so the crawl is not vacuous.
    const all = [...seen.values()].map((r) => r.text).join('\n')
    expect(all).toContain('Open minutes.')
    expect(all).toContain('open decision')
    expect(all).toContain('Public action')
    expect(all).toContain('Exempt item')
    expect(seen.get('/search?q=pat+chair')?.text).toContain('Chair, Canary Board, for Canary Council') // a member, by their seat
    const leaks: string[] = []
    for (const [url, r] of seen) {
      // Highlighting wraps matched words in tags: read pages with their tags removed too.
      const plain = r.text.replace(/<[^>]*>/g, '')
      for (const [field, canary] of Object.entries(CANARIES)) {
        if (r.text.includes(canary) || plain.includes(canary)) leaks.push(`${field} in ${url}`)
      }
    }
    expect(leaks).toEqual([])
  })
})
