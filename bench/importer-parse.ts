import fs from 'node:fs'
import path from 'node:path'
import { parseMeetingRecord } from '../src/modules/importer/parser/parse-meeting.ts'

/**
 * Parser throughput over 1,000 documents: the two seed pages and the format fixtures, round robin.
 * Reports documents per second and memory; speed targets live here, never in timed unit tests.
 */
export function benchImporterParse(count = 1000): { documents: number; ms: number; perSecond: number; heapMb: number } {
  const dir = path.resolve(import.meta.dirname, '../src/modules/importer/parser/fixtures')
  const docs = fs
    .readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .map((f) => (f.endsWith('.html') ? { html: fs.readFileSync(path.join(dir, f), 'utf8'), fileName: f } : { text: fs.readFileSync(path.join(dir, f), 'utf8'), fileName: f }))
  for (let i = 0; i < 50; i++) parseMeetingRecord(docs[i % docs.length]!) // warm up
  const started = performance.now()
  let items = 0
  for (let i = 0; i < count; i++) items += parseMeetingRecord(docs[i % docs.length]!).items.length
  const ms = performance.now() - started
  if (items === 0) throw new Error('the parser recognised no items: the benchmark measured nothing')
  return { documents: count, ms: Math.round(ms), perSecond: Math.round((count / ms) * 1000), heapMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024) }
}
