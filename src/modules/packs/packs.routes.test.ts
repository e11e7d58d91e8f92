import fs from 'node:fs'
import path from 'node:path'
import mammoth from 'mammoth'
import { PDFDocument } from 'pdf-lib'
import { getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import { useTempDir, useTestApp } from '../../../test/support/use-test-app.ts'
import { buildAttendance, buildDecision, buildMeeting, buildPerson } from '../../../test/support/builders.ts'
import { PACK_CANARY, buildPackMeeting, buildPaper, makeTestPdf, pdfPageTexts } from '../../../test/support/packs-builders.ts'
import { packPaths } from './packs.paths.ts'
import { agendaItems, meetings } from '../meetings/meetings.tables.ts'
import { eq } from 'drizzle-orm'

const dataDir = useTempDir('ju-packs-test-')
const t = useTestApp({ dataDir, publicUrl: 'https://joinedup.example' })

const db = () => t.db
const get = (p: string, headers: Record<string, string> = {}) => t.app.request(`http://localhost${p}`, { headers })
/** Asserts res is a 200 download of the given content type and content disposition. */
function expectFile(res: Response, contentType: string, disposition: string): void {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe(contentType)
  expect(res.headers.get('content-disposition')).toBe(disposition)
}
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer())
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1')
const canaries = Object.values(PACK_CANARY)
const packFiles = (meetingId: string) => fs.readdirSync(path.join(dataDir, 'cache', 'packs')).filter((f) => f.startsWith(meetingId))

type OutlineEntry = { title: string; page: number; children: OutlineEntry[] }
async function outlineOf(bytes: Uint8Array): Promise<OutlineEntry[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  type Raw = { title: string; dest: unknown; items: Raw[] }
  const walk = async (items: Raw[]): Promise<OutlineEntry[]> =>
    Promise.all(
      items.map(async (i) => ({
        title: i.title,
        page: await pdf.getPageIndex((i.dest as [Parameters<typeof pdf.getPageIndex>[0]])[0]),
        children: await walk(i.items),
      })),
    )
  return walk((await pdf.getOutline()) ?? [])
}

describe('GET /meetings/:id/pack.pdf', () => {
  it('is not found until the agenda is published, and for ids that are not meetings', async () => {
    const scheduled = await buildMeeting(db())
    expect((await get(packPaths.pack(scheduled.id))).status).toBe(404)
    expect((await get(packPaths.pack('not-a-uuid'))).status).toBe(404)
    expect((await get(packPaths.pack('6f1d2c1e-0000-4000-8000-000000000000'))).status).toBe(404)
  })

  it('has a front sheet, the agenda with page numbers, the public PDF papers in order, bookmarks and page numbers', async () => {
    const m = await buildPackMeeting(db())
    const res = await get(packPaths.pack(m.meeting.id))
    expectFile(res, 'application/pdf', `inline; filename="executive-board-${m.meeting.date}-agenda-pack.pdf"`)
    const bytes = await bytesOf(res)
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length)

    const pdf = await PDFDocument.load(bytes)
    // front sheet + agenda (2 pages), budget 3, appendix 2, detail 1.
    expect(pdf.getPageCount()).toBe(8)
    expect(pdf.getTitle()).toBe(`Agenda: Executive Board, Tuesday 16 March 2027`)

    const pages = await pdfPageTexts(bytes)
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of 8`))
    const [front, agenda] = pages
    expect(front).toContain('Test Reform Partnership')
    expect(front).toContain('Executive Board')
    expect(front).toContain('Tuesday 16 March 2027')
    expect(front).toContain('2.30pm')
    expect(front).toContain('Council Chamber, Town Hall')
    expect(front).toContain('Clerk Jones')
    expect(agenda).toContain('Agenda')
    expect(agenda).toMatch(/2 Budget monitoring\s+Page 3/)
    expect(agenda).toContain('Budget report: page 3')
    expect(agenda).toContain('Budget appendix: page 6')
    expect(agenda).toMatch(/2a Budget detail\s+Page 8/)
    // Long lines wrap (a URL may break at a slash): compare without white space.
    const squash = (s: string) => s.replace(/\s+/g, '')
    expect(squash(agenda!)).toContain(
      squash(`Budget workings (Word (DOCX)): available separately at https://joinedup.example/papers/${m.papers.docxPaper.id}/workings.docx`),
    )
    expect(squash(agenda!)).toContain(
      squash(`Broken scan: could not be included in this pack; available separately at https://joinedup.example/papers/${m.papers.corruptPdf.id}/broken.pdf`),
    )
    expect(squash(agenda!)).toContain(
      squash(`Locked report: could not be included in this pack; available separately at https://joinedup.example/papers/${m.papers.encryptedPdf.id}/locked.pdf`),
    )
    expect(agenda).toMatch(/3 Leisure contract\s+Not for publication: Schedule 12A paragraph 3/)
    expect(agenda).toMatch(/3a Contract annex\s+Not for publication: Schedule 12A paragraph 3/)
    expect(agenda).not.toContain('Contract terms')
    expect(agenda).not.toContain('Supplier prices')
    expect(pages[2]).toContain('BUDGET-REPORT page 1')
    expect(pages[4]).toContain('BUDGET-REPORT page 3')
    expect(pages[5]).toContain('BUDGET-APPENDIX page 1')
    expect(pages[7]).toContain('DETAIL-TABLES page 1')

    // Nothing exempt anywhere: not in the extracted text, not in the raw bytes.
    const all = pages.join('\n')
    for (const canary of canaries) {
      expect(all).not.toContain(canary)
      expect(latin1(bytes)).not.toContain(canary)
    }

    expect(await outlineOf(bytes)).toEqual([
      { title: 'Front sheet', page: 0, children: [] },
      { title: 'Agenda', page: 1, children: [] },
      { title: '1 Welcome and apologies', page: 1, children: [] },
      { title: '2 Budget monitoring', page: 2, children: [{ title: '2a Budget detail', page: 7, children: [] }] },
      { title: '3 Leisure contract', page: 1, children: [{ title: '3a Contract annex', page: 1, children: [] }] },
      { title: '4 Performance report', page: 1, children: [] },
      { title: '5 Any other business', page: 1, children: [] },
    ])
  })

  it('is built once, served from the disk cache, answers If-None-Match, and is rebuilt when a paper changes', async () => {
    const m = await buildPackMeeting(db())
    const url = packPaths.pack(m.meeting.id)
    const before = t.services.packs.stats.builds
    // Concurrent first requests share one build.
    const [a, b, c] = await Promise.all([get(url), get(url), get(url)])
    expect(t.services.packs.stats.builds).toBe(before + 1)
    const first = await bytesOf(a)
    expect(await bytesOf(b)).toEqual(first)
    expect(await bytesOf(c)).toEqual(first)
    const etag = a.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)

    const again = await get(url)
    expect(await bytesOf(again)).toEqual(first)
    expect(t.services.packs.stats.builds).toBe(before + 1)
    const notModified = await get(url, { 'if-none-match': etag })
    expect(notModified.status).toBe(304)
    expect(t.services.packs.stats.builds).toBe(before + 1)
    expect(packFiles(m.meeting.id)).toHaveLength(1)

    // A new public paper: a new pack (one page more), the old file removed.
    await buildPaper(db(), { meetingId: m.meeting.id, itemId: m.items.aob.id, title: 'Late note', filename: 'late.pdf', content: await makeTestPdf(1, 'LATE-NOTE') })
    const changed = await get(url, { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(t.services.packs.stats.builds).toBe(before + 2)
    const pages = await pdfPageTexts(await bytesOf(changed))
    expect(pages).toHaveLength(9)
    expect(pages[8]).toContain('LATE-NOTE page 1')
    expect(pages[1]).toMatch(/5 Any other business\s+Page 9/)
    expect(packFiles(m.meeting.id)).toHaveLength(1)
  })

  it('serves a rebuilt pack when the cached file vanished between the check and the open', async () => {
    const m = await buildPackMeeting(db())
    const pack = await t.services.packs.getPack(m.meeting.id)
    const builds = t.services.packs.stats.builds
    for (const f of packFiles(m.meeting.id)) fs.rmSync(path.join(dataDir, 'cache', 'packs', f))
    const opened = await pack.open()
    expect(t.services.packs.stats.builds).toBe(builds + 1)
    expect(opened.etag).toBe(pack.etag)
    let size = 0
    for await (const chunk of opened.stream as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength
    expect(size).toBe(opened.size)
  })

  it('leaves out an exempt paper added later without rebuilding the pack', async () => {
    const m = await buildPackMeeting(db())
    const url = packPaths.pack(m.meeting.id)
    await get(url)
    const builds = t.services.packs.stats.builds
    await buildPaper(db(), {
      meetingId: m.meeting.id,
      itemId: m.items.aob.id,
      title: 'Secret',
      content: await makeTestPdf(1, 'CANARY-LATE-EXEMPT'),
      isExempt: true,
      exemptParagraph: 1,
    })
    const res = await get(url)
    expect(t.services.packs.stats.builds).toBe(builds)
    expect((await pdfPageTexts(await bytesOf(res))).join('\n')).not.toContain('CANARY-LATE-EXEMPT')
  })
})

describe('a cancelled meeting and agenda changes', () => {
  it('keeps the pack of a cancelled meeting whose agenda was published, marked cancelled', async () => {
    const m = await buildPackMeeting(db())
    await db().update(meetings).set({ status: 'cancelled', cancellationReason: 'The chair is unwell.' }).where(eq(meetings.id, m.meeting.id))
    const res = await get(packPaths.pack(m.meeting.id))
    expect(res.status).toBe(200)
    const [front] = await pdfPageTexts(await bytesOf(res))
    expect(front).toContain('This meeting has been cancelled. The chair is unwell.')
  })

  it('is rebuilt when an item is renamed or made exempt', async () => {
    const m = await buildPackMeeting(db())
    const url = packPaths.pack(m.meeting.id)
    const first = await get(url)
    await db().update(agendaItems).set({ title: 'Budget monitoring (revised)' }).where(eq(agendaItems.id, m.items.budget.id))
    const renamed = await get(url)
    expect(renamed.headers.get('etag')).not.toBe(first.headers.get('etag'))
    expect((await pdfPageTexts(await bytesOf(renamed)))[1]).toContain('Budget monitoring (revised)')
    await db().update(agendaItems).set({ isExempt: true, exemptParagraph: 1 }).where(eq(agendaItems.id, m.items.budget.id))
    const pages = await pdfPageTexts(await bytesOf(await get(url)))
    // Its papers (and its sub-item's) go: front sheet and agenda only.
    expect(pages).toHaveLength(2)
    expect(pages.join('\n')).not.toContain('BUDGET-REPORT')
    expect(pages[1]).toMatch(/2 Budget monitoring \(revised\)\s+Not for publication: Schedule 12A paragraph 1/)
  })
})

describe('GET /meetings/:id/minutes.pdf and .docx', () => {
  async function meetingWithMinutes(trait: 'minutesDraft' | 'minutesApproved') {
    const m = await buildPackMeeting(db(), [trait])
    const chair = await buildPerson(db(), { fullName: 'Alex Chair', honorific: 'Cllr', email: 'alex.private@example.org', phone: '07700 900123' })
    const apologies = await buildPerson(db(), { fullName: 'Sam Away', jobTitle: 'Chief Inspector' })
    const officer = await buildPerson(db(), { fullName: 'Jo Officer' })
    await buildAttendance(db(), { meetingId: m.meeting.id, personId: chair.id, status: 'present' })
    await buildAttendance(db(), { meetingId: m.meeting.id, personId: apologies.id, status: 'apologies' })
    await buildAttendance(db(), { meetingId: m.meeting.id, personId: officer.id, status: 'in_attendance', capacity: 'Clerk' })
    await buildDecision(db(), { itemId: m.items.budget.id, text: 'RESOLVED: to note the budget position' })
    await buildDecision(db(), { itemId: m.items.contract.id, text: `RESOLVED: ${PACK_CANARY.exemptDecision}` })
    return m
  }

  it('is not found until the minutes are published', async () => {
    const m = await buildPackMeeting(db())
    expect((await get(packPaths.minutesPdf(m.meeting.id))).status).toBe(404)
    expect((await get(packPaths.minutesDocx(m.meeting.id))).status).toBe(404)
    const scheduled = await buildMeeting(db(), {}, 'minutesDraft')
    // Status says minutes, but the agenda was never published: nothing is public.
    const unpublished = await buildMeeting(db(), { bodyId: scheduled.bodyId, agendaPublishedAt: null }, 'minutesDraft')
    expect((await get(packPaths.minutesPdf(unpublished.id))).status).toBe(404)
    expect((await get(packPaths.minutesDocx('nope'))).status).toBe(404)
  })

  it('prints draft minutes as PDF: DRAFT, attendance, minutes as text, decisions, exempt items withheld', async () => {
    const m = await meetingWithMinutes('minutesDraft')
    const res = await get(packPaths.minutesPdf(m.meeting.id))
    expectFile(res, 'application/pdf', `inline; filename="executive-board-${m.meeting.date}-draft-minutes.pdf"`)
    const bytes = await bytesOf(res)
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getTitle()).toBe('Draft minutes: Executive Board, Tuesday 16 March 2027')
    const pages = await pdfPageTexts(bytes)
    const text = pages.join('\n')
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`))
    expect(text).toContain('DRAFT')
    expect(text).toContain('Executive Board: minutes')
    expect(text).toContain('Council Chamber, Town Hall')
    expect(text).toContain('Present')
    expect(text).toContain('Cllr Alex Chair')
    expect(text).toContain('Apologies')
    expect(text).toContain('Sam Away, Chief Inspector')
    expect(text).toContain('In attendance')
    expect(text).toContain('Jo Officer, Clerk')
    expect(text).toContain('The chair welcomed everyone.')
    expect(text).toContain('Discussion')
    expect(text).toContain('spending was on track')
    expect(text).toContain('reserves were healthy (https://example.org/reserves)')
    expect(text).toContain('RESOLVED: to note the budget position')
    expect(text).toMatch(/3 Leisure contract\s+Not for publication: Schedule 12A paragraph 3/)
    for (const raw of ['**', '##', '*budget*', '](']) expect(text).not.toContain(raw)
    for (const secret of [...canaries, 'alex.private@example.org', '07700 900123']) {
      expect(text).not.toContain(secret)
      expect(latin1(bytes)).not.toContain(secret)
    }
  })

  it('closes the agenda pack with the printed minutes once they are published', async () => {
    const m = await meetingWithMinutes('minutesDraft')
    const bytes = await bytesOf(await get(packPaths.pack(m.meeting.id)))
    const pages = await pdfPageTexts(bytes)
    // Front sheet and agenda 2, papers 6, then the minutes from page 9.
    expect(pages.length).toBeGreaterThanOrEqual(9)
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`))
    expect(pages[0]).toContain('Agenda and draft minutes')
    expect(pages[1]).toMatch(/Draft minutes of this meeting\s+Page 9/)
    expect(pages[8]).toContain('Executive Board: minutes')
    expect(pages[8]).toContain('DRAFT')
    const minutes = pages.slice(8).join('\n')
    expect(minutes).toContain('The chair welcomed everyone.')
    expect(minutes).toContain('RESOLVED: to note the budget position')
    const outline = await outlineOf(bytes)
    expect(outline.at(-1)).toEqual({ title: 'Draft minutes', page: 8, children: [] })
    for (const secret of [...canaries, 'alex.private@example.org', '07700 900123']) {
      expect(pages.join('\n')).not.toContain(secret)
      expect(latin1(bytes)).not.toContain(secret)
    }
  })

  it('prints approved minutes as Word without DRAFT', async () => {
    const m = await meetingWithMinutes('minutesApproved')
    const res = await get(packPaths.minutesDocx(m.meeting.id))
    expectFile(res, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', `attachment; filename="executive-board-${m.meeting.date}-minutes.docx"`)
    const buffer = Buffer.from(await res.arrayBuffer())
    expect(Number(res.headers.get('content-length'))).toBe(buffer.length)
    const text = (await mammoth.extractRawText({ buffer })).value
    expect(text).not.toContain('DRAFT')
    expect(text).toContain('Executive Board: minutes')
    expect(text).toContain('Cllr Alex Chair')
    expect(text).toContain('The chair welcomed everyone.')
    expect(text).toContain('spending was on track')
    expect(text).toContain('RESOLVED: to note the budget position')
    expect(text).toContain('Not for publication: Schedule 12A paragraph 3')
    for (const raw of ['**', '##', '](']) expect(text).not.toContain(raw)
    for (const secret of [...canaries, 'alex.private@example.org']) expect(text).not.toContain(secret)

    const pdfText = (await pdfPageTexts(await bytesOf(await get(packPaths.minutesPdf(m.meeting.id))))).join('\n')
    expect(pdfText).not.toContain('DRAFT')
  })
})
