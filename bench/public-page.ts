import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { Worker } from 'node:worker_threads'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../src/config.ts'
import { migrateDatabase, openDatabase, type Database } from '../src/platform/db/client.ts'
import { buildServices } from '../src/services.ts'
import { createApp, type Logger } from '../src/app.ts'
import { seedDemoIfEmpty } from '../src/demo/demo.seed.ts'
import { meetingPaths } from '../src/modules/meetings/meetings.paths.ts'
import { startTempPostgres, type TempPostgres } from '../scripts/postgres.ts'

/**
 * Public meeting page throughput (issue 5): the demo's fullest public meeting page over HTTP on loopback,
 * with the render cache off and on, against the same bytes served by a static Hono route, all in one run.
 * The load comes from a worker thread (its own event loop) holding CONNECTIONS keep-alive connections,
 * each sending its next request as soon as the last answer arrived. The figure that matters is the ratio
 * to static (goal >= 0.5 with the cache on).
 */
const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const ROUNDS = 3

export type PageFigures = { database: string; bytes: number; staticRps: number; uncachedRps: number; cachedRps: number }

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const { port, path, connections, ms, warmupMs } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
let done = 0, failed = 0, counting = false, stop = false
function one() {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.on('data', () => {})
      res.on('end', () => { if (counting) { if (res.statusCode === 200) done++; else failed++ } resolve() })
    })
    req.on('error', () => { failed++; resolve() })
    req.end()
  })
}
async function loop() { while (!stop) await one() }
const loops = Array.from({ length: connections }, loop)
setTimeout(() => {
  counting = true
  const started = performance.now()
  setTimeout(async () => {
    counting = false
    const elapsed = performance.now() - started
    stop = true
    await Promise.all(loops)
    agent.destroy()
    parentPort.postMessage({ rps: Math.round(done / (elapsed / 1000)), failed })
  }, ms)
}, warmupMs)
`

function measure(port: number, path: string, seconds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { port, path, connections: CONNECTIONS, ms: seconds * 1000, warmupMs: 300 },
    })
    worker.once('message', (m: { rps: number; failed: number }) => {
      void worker.terminate()
      if (m.failed > 0) reject(new Error(`${m.failed} requests to ${path} failed`))
      else resolve(m.rps)
    })
    worker.once('error', reject)
  })
}

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}

const quietLogger: Logger = { error: (msg, meta) => console.error(msg, meta), info: () => {} }

async function benchOn(database: Database, label: string): Promise<PageFigures> {
  await migrateDatabase(database)
  const config = { ...loadConfig({ NODE_ENV: 'test', DEMO: 'true', LOG_LEVEL: 'silent' }), vacuumIntervalMinutes: 0 }
  const services = buildServices(config, database)
  await seedDemoIfEmpty(services)
  const rows = await database.db.execute<{ id: string }>(sql`
    select m.id from meetings m join agenda_items i on i.meeting_id = m.id
    where m.agenda_published_at is not null and m.status <> 'cancelled'
    group by m.id order by count(*) desc, m.id limit 1`)
  const meetingId = (rows as { rows: { id: string }[] }).rows[0]?.id
  if (!meetingId) throw new Error('the demo has no public meeting')
  const path = meetingPaths.public.meeting(meetingId)

  const uncachedApp = createApp({ ...services, config: { ...services.config, renderCache: false } }, quietLogger)
  const cachedApp = createApp({ ...services, config: { ...services.config, renderCache: true } }, quietLogger)

  const page = await cachedApp.request(`http://127.0.0.1${path}`)
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`)
  const bytes = new Uint8Array(await page.arrayBuffer())
  const contentType = page.headers.get('content-type') ?? 'text/html; charset=UTF-8'
  const staticApp = new Hono()
  staticApp.get('*', (c) => c.body(bytes, 200, { 'Content-Type': contentType }))

  const servers = await Promise.all([listen(staticApp.fetch), listen(uncachedApp.fetch), listen(cachedApp.fetch)])
  try {
    const [s, u, c] = servers
    // The machine is shared: static and cached alternate in short slices so that both see the same load.
    const slices = { static: [] as number[], cached: [] as number[] }
    for (let round = 0; round < ROUNDS; round++) {
      slices.static.push(await measure(s.port, path, SECONDS / ROUNDS))
      slices.cached.push(await measure(c.port, path, SECONDS / ROUNDS))
    }
    const uncachedRps = await measure(u.port, path, SECONDS)
    const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length)
    return { database: label, bytes: bytes.byteLength, staticRps: mean(slices.static), uncachedRps, cachedRps: mean(slices.cached) }
  } finally {
    await Promise.all(servers.map((s) => s.close()))
  }
}

export function formatPageFigures(f: PageFigures): string {
  const ratio = (n: number) => (n / f.staticRps).toFixed(2)
  return (
    `public meeting page (${f.database}, ${f.bytes} bytes, ${CONNECTIONS} connections, ${SECONDS} s each, static and cached interleaved): ` +
    `static ${f.staticRps} req/s; rendered without cache ${f.uncachedRps} req/s = ${ratio(f.uncachedRps)} of static; ` +
    `with render cache ${f.cachedRps} req/s = ${ratio(f.cachedRps)} of static (goal >= 0.5)`
  )
}

/**
 * PGlite in memory always; PostgreSQL on BENCH_DATABASE_URL when set, else on a throwaway local server when
 * the PostgreSQL binaries are installed (BENCH_POSTGRES=0 skips it).
 */
export async function benchPublicPage(): Promise<PageFigures[]> {
  const results: PageFigures[] = []
  const lite = await openDatabase({ kind: 'pglite' })
  try {
    results.push(await benchOn(lite, 'PGlite'))
  } finally {
    await lite.close()
  }
  if (process.env.BENCH_POSTGRES === '0') return results
  let temp: TempPostgres | null = null
  let url = process.env.BENCH_DATABASE_URL
  if (!url) {
    const noInstall = process.env.JU_NO_INSTALL
    process.env.JU_NO_INSTALL = '1' // a benchmark never installs packages
    try {
      temp = await startTempPostgres()
      url = temp.url
    } catch (err) {
      console.log(`public meeting page (PostgreSQL): skipped, ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
      return results
    } finally {
      if (noInstall === undefined) delete process.env.JU_NO_INSTALL
      else process.env.JU_NO_INSTALL = noInstall
    }
  }
  const pg = await openDatabase({ kind: 'postgres', url, max: 10 })
  try {
    results.push(await benchOn(pg, 'PostgreSQL'))
  } finally {
    await pg.close()
    temp?.stop()
  }
  return results
}

/** One printed line per database, for bench/run.ts. */
export async function publicPageBenchLines(): Promise<string[]> {
  return (await benchPublicPage()).map(formatPageFigures)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await publicPageBenchLines()) console.log(line)
}
