import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { useTempDir, useTestApp } from '../../../test/support/use-test-app.ts'
import { buildPackMeeting, pdfPageTexts } from '../../../test/support/packs-builders.ts'
import { agendaItems } from '../meetings/meetings.tables.ts'
import { packPaths } from './packs.paths.ts'
import { concurrencyLimit, packsService } from './packs.service.ts'

const dataDir = useTempDir('ju-packs-service-test-')
const t = useTestApp({ dataDir, publicUrl: 'https://joinedup.example' })

const db = () => t.db
const get = (p: string, headers: Record<string, string> = {}) => t.app.request(`http://localhost${p}`, { headers })
const minutesFiles = (meetingId: string) =>
  fs.existsSync(path.join(dataDir, 'cache', 'minutes')) ? fs.readdirSync(path.join(dataDir, 'cache', 'minutes')).filter((f) => f.startsWith(meetingId)) : []

describe('concurrencyLimit', () => {
  it('runs at most max tasks at once, the rest in arrival order, and passes results and errors on', async () => {
    const limit = concurrencyLimit(2)
    let running = 0
    let peak = 0
    const order: number[] = []
    const task = (n: number) => async () => {
      running++
      peak = Math.max(peak, running)
      order.push(n)
      await new Promise((r) => setTimeout(r, 5))
      running--
      if (n === 3) throw new Error('three')
      return n
    }
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => limit(task(n))))
    expect(peak).toBe(2)
    expect(order).toEqual([1, 2, 3, 4, 5, 6])
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([1, 2, 'failed', 4, 5, 6])
    // The failed task released its slot: the limiter still runs tasks.
    expect(await limit(() => Promise.resolve('after'))).toBe('after')
  })
})

describe('a burst of requests for packs and printed minutes of many meetings', () => {
  it('builds and renders at most two at a time, queueing the rest, and serves every one', async () => {
    const meetings = [] as Awaited<ReturnType<typeof buildPackMeeting>>[]
    for (let i = 0; i < 3; i++) meetings.push(await buildPackMeeting(db(), ['minutesDraft']))
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-packs-burst-'))
    try {
      const packs = packsService(t.db, {
        meetings: t.services.meetings,
        minutes: t.services.minutes,
        config: t.services.config,
        cacheDir: path.join(own, 'packs'),
        minutesCacheDir: path.join(own, 'minutes'),
      })
      const ids = meetings.map((m) => m.meeting.id)
      const [built, pdfs, docx] = await Promise.all([
        Promise.all(ids.map((id) => packs.getPack(id))),
        Promise.all(ids.map((id) => packs.minutesPdf(id))),
        packs.minutesDocx(ids[0]!),
      ])
      expect(packs.stats.builds).toBe(3)
      expect(packs.stats.minutesRenders).toBe(4)
      expect(packs.stats.peakRunning).toBe(2)
      expect(packs.stats.running).toBe(0)
      expect(built.map((p) => p.etag)).toHaveLength(3)
      for (const pdf of pdfs) expect((await pdfPageTexts(pdf.bytes)).join('\n')).toContain('Executive Board: minutes')
      expect(docx.bytes.subarray(0, 2).toString()).toBe('PK')
    } finally {
      fs.rmSync(own, { recursive: true, force: true })
    }
  })
})

describe('printed minutes are cached on disk by content hash', () => {
  it('renders once per change, serves the cached bytes with an ETag and 304s, and renders again after an edit', async () => {
    const m = await buildPackMeeting(db(), ['minutesDraft'])
    const url = packPaths.minutesPdf(m.meeting.id)
    const before = t.services.packs.stats.minutesRenders
    const [a, b] = await Promise.all([get(url), get(url)])
    expect(a.status).toBe(200)
    expect(t.services.packs.stats.minutesRenders).toBe(before + 1)
    const first = Buffer.from(await a.arrayBuffer())
    expect(Buffer.from(await b.arrayBuffer())).toEqual(first)
    const etag = a.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(minutesFiles(m.meeting.id)).toEqual([`${m.meeting.id}-${etag.slice(1, -1)}.pdf`])

    const again = await get(url)
    expect(Buffer.from(await again.arrayBuffer())).toEqual(first)
    expect(again.headers.get('etag')).toBe(etag)
    expect(t.services.packs.stats.minutesRenders).toBe(before + 1)
    const notModified = await get(url, { 'if-none-match': etag })
    expect(notModified.status).toBe(304)
    expect(t.services.packs.stats.minutesRenders).toBe(before + 1)

    // Word is cached separately.
    const docxUrl = packPaths.minutesDocx(m.meeting.id)
    const docx = await get(docxUrl)
    expect(docx.status).toBe(200)
    const docxEtag = docx.headers.get('etag')!
    expect(docxEtag).not.toBe(etag)
    expect((await get(docxUrl, { 'if-none-match': docxEtag })).status).toBe(304)
    expect(t.services.packs.stats.minutesRenders).toBe(before + 2)
    expect(minutesFiles(m.meeting.id)).toHaveLength(2)

    // An edit to the minutes: a new render, a new ETag, the old file removed.
    await db().update(agendaItems).set({ minutes: 'The chair welcomed everyone. MINUTES-EDITED' }).where(eq(agendaItems.id, m.items.welcome.id))
    const edited = await get(url, { 'if-none-match': etag })
    expect(edited.status).toBe(200)
    expect(edited.headers.get('etag')).not.toBe(etag)
    expect((await pdfPageTexts(new Uint8Array(await edited.arrayBuffer()))).join('\n')).toContain('MINUTES-EDITED')
    expect(t.services.packs.stats.minutesRenders).toBe(before + 3)
    expect(minutesFiles(m.meeting.id).filter((f) => f.endsWith('.pdf'))).toEqual([`${m.meeting.id}-${edited.headers.get('etag')!.slice(1, -1)}.pdf`])
  })
})
