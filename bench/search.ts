import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { loadConfig } from '../src/config.ts'
import { buildServices } from '../src/services.ts'
import { migrateDatabase, openDatabase, vacuum, type Database } from '../src/platform/db/client.ts'
import { searchRepository } from '../src/modules/search/search.repository.ts'
import { SEARCH_KINDS } from '../src/modules/search/search.schemas.ts'
import type { SearchInput } from '../src/modules/search/search.service.ts'
import { generateSearchData, type GeneratedCounts } from './generate-search-data.ts'

export type SearchBench = {
  database: string
  generated: GeneratedCounts
  queries: number
  medianMs: number
  p95Ms: number
  maxMs: number
  usesGin: boolean
}

const all = [...SEARCH_KINDS]
const base: SearchInput = { q: '', kinds: [], order: 'relevance', page: 1 }

/** ~50 searches of varied shape: common, middling and rare words, phrases, OR, exclusions, filters, ordering, later pages. */
export function benchQueries(): SearchInput[] {
  const words = [
    'partnership', 'budget', 'report', 'housing', 'safeguarding', 'homelessness', 'dementia', 'flooding', 'broadband', 'apprenticeships',
    'kingfisher', 'maverick', 'lido', 'velodrome', 'scrutiny', 'devolution', 'tourism', 'carnival', 'otter', 'procurement',
  ]
  const queries: SearchInput[] = words.map((q) => ({ ...base, q }))
  for (const q of ['community safety', 'domestic abuse', 'mental health', 'youth offending', 'climate carbon']) queries.push({ ...base, q })
  for (const q of ['"community safety"', '"domestic abuse"', '"digital inclusion"']) queries.push({ ...base, q })
  for (const q of ['otter or kingfisher', 'lido or velodrome', 'cycling or walking']) queries.push({ ...base, q })
  for (const q of ['housing -homelessness', 'budget -audit', 'health -mental']) queries.push({ ...base, q })
  for (const q of ['budget', 'housing', 'dementia']) queries.push({ ...base, q, order: 'date' })
  for (const q of ['partnership', 'report', 'funding']) queries.push({ ...base, q, page: 3 })
  for (const q of ['funding', 'evaluation', 'heronry']) queries.push({ ...base, q, from: '2010-01-01', to: '2012-12-31' })
  for (const q of ['budget', 'grant', 'masterplan']) queries.push({ ...base, q, bodySlug: 'benchmark-body-7' })
  queries.push({ ...base, q: 'safeguarding', kinds: ['paper'] })
  queries.push({ ...base, q: 'safeguarding', kinds: ['minutes'] })
  queries.push({ ...base, q: 'children families', kinds: ['item'] })
  queries.push({ ...base, q: 'resolved approve', kinds: ['decision'] })
  queries.push({ ...base, q: 'allotments', kinds: ['action'] })
  return queries
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

async function benchOn(database: Database, label: string, items: number): Promise<SearchBench> {
  await migrateDatabase(database)
  const generated = await generateSearchData(database.db, items)
  await vacuum(database) // as the server's timer does: statistics, and GIN pending lists merged
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'false', LOG_LEVEL: 'silent' })
  const services = buildServices(config, database)
  const queries = benchQueries()
  for (const q of queries.slice(0, 5)) await services.search.search(q) // warm up
  const times: number[] = []
  let hits = 0
  for (const q of queries) {
    const started = performance.now()
    const result = await services.search.search(q)
    times.push(performance.now() - started)
    hits += result.total
  }
  if (hits === 0) throw new Error('the searches found nothing: the benchmark measured nothing')
  const repo = searchRepository(database.db)
  const { match } = await repo.parseQueries('kingfisher', '')
  const plan = await repo.explain({ match, exclude: null, kinds: all, order: 'relevance', limit: 20, offset: 0 })
  const usesGin = ['agenda_items_search_idx', 'decisions_search_idx', 'documents_search_idx', 'actions_search_idx'].every((i) => plan.includes(i))
  const sorted = [...times].sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    database: label,
    generated,
    queries: times.length,
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted[sorted.length - 1]!),
    usesGin,
  }
}

export function formatSearchFigures(f: SearchBench): string {
  const g = f.generated
  return (
    `search (${f.database}, ${g.total.toLocaleString('en-GB')} items: ${g.items} agenda items with minutes, ${g.decisions} decisions, ` +
    `${g.papers} papers, ${g.actions} actions; generated in ${(g.ms / 1000).toFixed(1)} s): ` +
    `${f.queries} queries median ${f.medianMs} ms, p95 ${f.p95Ms} ms, max ${f.maxMs} ms; GIN indexes used: ${f.usesGin ? 'yes' : 'NO'}`
  )
}

/**
 * Public search over `items` generated records: PGlite in memory always; PostgreSQL too when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set (in a new database created and dropped for the run).
 */
export async function benchSearch(items = Number(process.env.BENCH_SEARCH_ITEMS ?? 200_000)): Promise<SearchBench[]> {
  const results: SearchBench[] = []
  const lite = await openDatabase({ kind: 'pglite' })
  try {
    results.push(await benchOn(lite, 'PGlite', items))
  } finally {
    await lite.close()
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (!url) return results
  const name = `ju_bench_search_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
    const dbUrl = new URL(url)
    dbUrl.pathname = `/${name}`
    const database = await openDatabase({ kind: 'postgres', url: dbUrl.toString(), max: 4 })
    try {
      results.push(await benchOn(database, 'PostgreSQL', items))
    } finally {
      await database.close()
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {})
    await admin.end()
  }
  return results
}

export async function searchBenchLines(): Promise<string> {
  return (await benchSearch()).map(formatSearchFigures).join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await searchBenchLines())
}
