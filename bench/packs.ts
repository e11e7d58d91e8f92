import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { loadConfig } from '../src/config.ts'
import { createApp } from '../src/app.ts'
import { buildServices } from '../src/services.ts'
import { migrateDatabase, openDatabase } from '../src/platform/db/client.ts'
import { buildAgendaItem, buildBody, buildMeeting } from '../test/support/builders.ts'
import { buildPaper } from '../test/support/packs-builders.ts'

/** A paper of `pages` A4 pages, each with forty lines of text (a typical report page). */
async function reportPdf(pages: number, label: string): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const line = 'The partnership board noted the report and agreed the recommendations set out in section four.'
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595.28, 841.89])
    page.drawText(`${label}, page ${p}`, { x: 56, y: 780, size: 14, font })
    for (let l = 0; l < 40; l++) page.drawText(line, { x: 56, y: 750 - l * 17, size: 10, font })
  }
  return Buffer.from(await doc.save())
}

export type PackBench = {
  pages: number
  megabytes: number
  buildMs: number
  peakHeapMb: number
  peakRssMb: number
  heapBeforeMb: number
  rssBeforeMb: number
  cachedServeMs: number
}

const mb = (n: number) => Math.round(n / 1024 / 1024)

/**
 * A 300-page agenda pack: ten 30-page PDF papers on ten agenda items, built through the HTTP route (so the
 * figures include the queries, the layout passes, merging, outline, page numbers, writing the cache file and
 * streaming it), then served again from the disk cache. Peak memory is sampled every 5 ms during the build.
 */
export async function benchPacks(papers = 10, pagesEach = 30): Promise<PackBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-bench-packs-'))
  const database = await openDatabase({ kind: 'pglite' })
  try {
    await migrateDatabase(database)
    const config = { ...loadConfig({ NODE_ENV: 'test', DEMO: 'false', LOG_LEVEL: 'silent' }), dataDir }
    const services = buildServices(config, database)
    const app = createApp(services, { error: (msg) => console.error(msg), info: () => {} })
    const db = database.db
    const body = await buildBody(db, { name: 'Benchmark Board' })
    const meeting = await buildMeeting(db, { bodyId: body.id }, 'agendaPublished')
    for (let i = 0; i < papers; i++) {
      const item = await buildAgendaItem(db, { meetingId: meeting.id, title: `Report ${i + 1}`, position: i })
      await buildPaper(db, { meetingId: meeting.id, itemId: item.id, title: `Report ${i + 1}`, content: await reportPdf(pagesEach, `Report ${i + 1}`) })
    }
    const url = `http://localhost/meetings/${meeting.id}/pack.pdf`
    const fetchAll = async () => {
      const res = await app.request(url)
      if (res.status !== 200) throw new Error(`pack request failed: ${res.status}`)
      let size = 0
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength
      return size
    }

    global.gc?.()
    const before = process.memoryUsage()
    let peakHeap = before.heapUsed
    let peakRss = before.rss
    const sampler = setInterval(() => {
      const m = process.memoryUsage()
      peakHeap = Math.max(peakHeap, m.heapUsed)
      peakRss = Math.max(peakRss, m.rss)
    }, 5)
    const started = performance.now()
    const size = await fetchAll()
    const buildMs = performance.now() - started
    clearInterval(sampler)
    const after = process.memoryUsage()
    peakHeap = Math.max(peakHeap, after.heapUsed)
    peakRss = Math.max(peakRss, after.rss)
    if (services.packs.stats.builds !== 1) throw new Error('the pack was not built exactly once')

    const rounds = 20
    const serveStarted = performance.now()
    for (let i = 0; i < rounds; i++) await fetchAll()
    const cachedServeMs = (performance.now() - serveStarted) / rounds
    if (services.packs.stats.builds !== 1) throw new Error('serving from the cache rebuilt the pack')

    const pages = (await PDFDocument.load(fs.readFileSync(path.join(dataDir, 'cache', 'packs', fs.readdirSync(path.join(dataDir, 'cache', 'packs'))[0]!)))).getPageCount()
    return {
      pages,
      megabytes: Math.round((size / 1024 / 1024) * 10) / 10,
      buildMs: Math.round(buildMs),
      peakHeapMb: mb(peakHeap),
      peakRssMb: mb(peakRss),
      heapBeforeMb: mb(before.heapUsed),
      rssBeforeMb: mb(before.rss),
      cachedServeMs: Math.round(cachedServeMs * 10) / 10,
    }
  } finally {
    await database.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The line `npm run bench` prints. */
export async function packsBenchLine(): Promise<string> {
  const r = await benchPacks()
  return `agenda pack: ${r.pages} pages (${r.megabytes} MB) built in ${r.buildMs} ms (peak heap ${r.peakHeapMb} MB from ${r.heapBeforeMb} MB, peak RSS ${r.peakRssMb} MB from ${r.rssBeforeMb} MB); served from cache in ${r.cachedServeMs} ms`
}
