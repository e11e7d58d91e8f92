import { sql } from 'drizzle-orm'
import type { Db } from '../src/platform/db/client.ts'
import { bodies, partnerships } from '../src/modules/structure/structure.tables.ts'

/**
 * A deterministic governance record for the search benchmark: the same words in the same rows on every
 * run and database. Everything is generated inside the database with generate_series (no per-row round
 * trips); ids are md5-derived UUIDs so rows can refer to each other without reading them back.
 *
 * `items` searchable records split as: 50% agenda items (each with minutes, half with a description),
 * 20% decisions, 15% papers (about 1,700 characters of extracted text each), 15% actions. Meetings hold
 * 12 items each over 24 bodies, one a day from 2000; text drawn from a seeded pool of sentences; one meeting in 20 has a published agenda but no
 * minutes, one in 20 is unpublished, one item in 29 is exempt, one paper in 31 is exempt and one action
 * in 5 is private, so the public-visibility rules do real work.
 */
export const VOCABULARY = [
  // common in minutes
  'partnership', 'board', 'report', 'agreed', 'noted', 'update', 'members', 'meeting', 'chair', 'officers',
  'council', 'plan', 'review', 'progress', 'action', 'budget', 'funding', 'services', 'community', 'partners',
  'strategy', 'delivery', 'performance', 'priority', 'priorities', 'group', 'proposal', 'recommendations', 'risk', 'data',
  'health', 'safety', 'housing', 'transport', 'education', 'children', 'families', 'residents', 'police', 'fire',
  'wellbeing', 'prevention', 'safeguarding', 'homelessness', 'employment', 'skills', 'economy', 'investment', 'climate', 'carbon',
  'quarter', 'annual', 'year', 'target', 'outcomes', 'evaluation', 'evidence', 'consultation', 'engagement', 'workshop',
  'presentation', 'discussion', 'questions', 'concerns', 'support', 'resources', 'staff', 'volunteers', 'voluntary', 'sector',
  'neighbourhood', 'locality', 'district', 'county', 'borough', 'town', 'centre', 'hospital', 'clinical', 'commissioning',
  'contract', 'procurement', 'tender', 'audit', 'governance', 'terms', 'reference', 'membership', 'quorum', 'minutes',
  'agenda', 'item', 'paper', 'appendix', 'decision', 'resolved', 'approve', 'endorse', 'consider', 'receive',
  // less common
  'domestic', 'abuse', 'violence', 'youth', 'offending', 'substance', 'misuse', 'alcohol', 'mental', 'dementia',
  'loneliness', 'isolation', 'obesity', 'physical', 'activity', 'leisure', 'libraries', 'museum', 'heritage', 'tourism',
  'flooding', 'drainage', 'highways', 'cycling', 'walking', 'buses', 'parking', 'broadband', 'digital', 'inclusion',
  'apprenticeships', 'regeneration', 'masterplan', 'planning', 'allocation', 'grant', 'bid', 'lottery', 'devolution', 'combined',
  'authority', 'mayor', 'scrutiny', 'cabinet', 'executive', 'portfolio', 'holder', 'dashboard', 'indicator', 'baseline',
  // rare
  'kingfisher', 'heronry', 'otter', 'woodland', 'allotments', 'orchard', 'beekeeping', 'canal', 'towpath', 'bridleway',
  'maverick', 'awayday', 'hackathon', 'pilot', 'prototype', 'innovation', 'asset', 'transfer', 'cooperative', 'mutual',
  'fairtrade', 'twinning', 'eisteddfod', 'carnival', 'pantomime', 'bandstand', 'lido', 'velodrome', 'observatory', 'planetarium',
]

const POOL = 4096

/** mulberry32: a small seeded PRNG, so the text is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `POOL` sentences of 12 words and `POOL` titles of 4 or 5 words, Zipf-like (early words are common). */
export function textPool(seed = 20150327): { sentences: string[]; titles: string[] } {
  const random = prng(seed)
  const word = () => VOCABULARY[Math.floor(VOCABULARY.length * Math.pow(random(), 2.2))]!
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ')
  const sentences = Array.from({ length: POOL }, () => {
    const s = phrase(12)
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`
  })
  const titles = Array.from({ length: POOL }, (_, i) => phrase(4 + (i % 2)).replace(/\b\w/g, (c) => c.toUpperCase()))
  return { sentences, titles }
}

/** SQL: `count` pooled sentences for row `g` (index lookups, so generation stays fast). */
const sentences = (count: number, salt: number) =>
  sql.raw(
    `(select string_agg(p.sentence, ' ' order by i) from generate_series(1, ${count}) i
      join bench_text_pool p on p.id = ((g::bigint * 2654435761 + i * 40503 + ${salt} * 7919) % 1000003) % ${POOL})`,
  )
const title = (salt: number) => sql.raw(`(select p.title from bench_text_pool p where p.id = ((g::bigint * 40503 + ${salt} * 7919) % 1000003) % ${POOL})`)

export type GeneratedCounts = { meetings: number; items: number; decisions: number; papers: number; actions: number; total: number; ms: number }

export async function generateSearchData(db: Db, items = 200_000): Promise<GeneratedCounts> {
  const started = performance.now()
  const agenda = Math.round(items * 0.5)
  const decisionCount = Math.round(items * 0.2)
  const paperCount = Math.round(items * 0.15)
  const actionCount = items - agenda - decisionCount - paperCount
  const meetingCount = Math.ceil(agenda / 12)

  const [partnership] = await db.insert(partnerships).values({ name: 'Benchmark Partnership', slug: 'benchmark-partnership' }).returning()
  const bodyRows = await db
    .insert(bodies)
    .values(Array.from({ length: 24 }, (_, i) => ({ partnershipId: partnership!.id, name: `Benchmark Body ${i + 1}`, slug: `benchmark-body-${i + 1}`, kind: 'board' as const })))
    .returning({ id: bodies.id })
  const bodyIds = bodyRows.map((b) => b.id)
  const pool = textPool()
  await db.execute(sql`create table bench_text_pool (id int primary key, sentence text not null, title text not null)`)
  for (let i = 0; i < POOL; i += 1024) {
    const rows = pool.sentences.slice(i, i + 1024).map((sentence, k) => sql`(${i + k}, ${sentence}, ${pool.titles[i + k]!})`)
    await db.execute(sql`insert into bench_text_pool (id, sentence, title) values ${sql.join(rows, sql`, `)}`)
  }

  await db.execute(sql`
    insert into meetings (id, body_id, date, start_time, status, agenda_published_at, minutes_approved_at, venue)
    select md5('m' || g)::uuid, (${`{${bodyIds.join(',')}}`}::uuid[])[1 + g % 24], date '2000-01-01' + g, '14:00',
      case g % 20 when 0 then 'agenda_published' when 1 then 'scheduled' else 'minutes_approved' end,
      case g % 20 when 1 then null else timestamptz '2000-01-01 09:00Z' + g * interval '1 day' end,
      case when g % 20 > 1 then timestamptz '2000-02-01 09:00Z' + g * interval '1 day' end,
      'Town Hall'
    from generate_series(0, ${meetingCount - 1}) g`)

  await db.execute(sql`
    insert into agenda_items (id, meeting_id, position, title, description, minutes, is_exempt, exempt_paragraph)
    select md5('i' || g)::uuid, md5('m' || (g / 12))::uuid, g % 12,
      ${title(1)},
      case when g % 2 = 0 then ${sentences(1, 2)} end,
      ${sentences(5, 3)},
      g % 29 = 0, case when g % 29 = 0 then 3 end
    from generate_series(0, ${agenda - 1}) g`)

  await db.execute(sql`
    insert into decisions (item_id, position, text)
    select md5('i' || (g::bigint * ${agenda} / ${decisionCount}))::uuid, 0, 'RESOLVED: ' || ${sentences(2, 4)}
    from generate_series(0, ${decisionCount - 1}) g`)

  await db.execute(sql`
    insert into documents (meeting_id, item_id, position, title, filename, media_type, size_bytes, sha256, content,
      text_content, text_status, page_count, is_exempt, exempt_paragraph)
    select md5('m' || (g::bigint * ${meetingCount} / ${paperCount}))::uuid,
      md5('i' || ((g::bigint * ${meetingCount} / ${paperCount}) * 12 + g % 12))::uuid, 0,
      ${title(5)} || ' report', 'paper-' || g || '.pdf', 'application/pdf', 4, 'bench', '\\x25504446'::bytea,
      ${sentences(20, 6)}, 'extracted', 3, g % 31 = 0, case when g % 31 = 0 then 1 end
    from generate_series(0, ${paperCount - 1}) g
    where (g::bigint * ${meetingCount} / ${paperCount}) * 12 + g % 12 < ${agenda}`)

  await db.execute(sql`
    insert into actions (body_id, meeting_id, item_id, description, raised_on, status, is_public)
    select m.body_id, m.id, i.id, ${sentences(1, 7)}, m.date, 'open', g % 5 <> 0
    from generate_series(0, ${actionCount - 1}) g
    join agenda_items i on i.id = md5('i' || (g::bigint * ${agenda} / ${actionCount}))::uuid
    join meetings m on m.id = i.meeting_id`)

  await db.execute(sql`drop table bench_text_pool`)
  const result: unknown = await db.execute(sql`select
      (select count(*) from meetings) as meetings, (select count(*) from agenda_items) as items,
      (select count(*) from decisions) as decisions, (select count(*) from documents) as papers,
      (select count(*) from actions) as actions`)
  const counts = (result as { rows: Record<string, string | number>[] }).rows[0]
  const n = (k: string) => Number(counts![k])
  const total = n('items') + n('decisions') + n('papers') + n('actions')
  return { meetings: n('meetings'), items: n('items'), decisions: n('decisions'), papers: n('papers'), actions: n('actions'), total, ms: Math.round(performance.now() - started) }
}
