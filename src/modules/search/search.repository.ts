import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { SEARCH_TEXT_LIMIT } from '../../platform/db/columns.ts'
import { agendaPublicSql, itemOpenSql, minutesPublicSql, paperPublicSql } from '../meetings/public-rules.ts'
import { publishedActionSql } from '../actions/actions.read.ts'
import type { OrganisationType } from '../structure/structure.read.ts'
import type { SearchKind, SearchOrder } from './search.schemas.ts'
import {
  bodiesBranch,
  organisationsBranch,
  partnershipsBranch,
  peopleBranch,
  structureDetailQueries,
  type PersonSeat,
  type StructureDetails,
} from './search-structure.ts'

/** ts_headline markers: private-use characters, removed from the text first, turned into <mark> after escaping. */
export const MARK_START = '\uE000'
export const MARK_STOP = '\uE001'

export type SearchQuery = {
  /** tsquery text (from websearch_to_tsquery) of the words to find; never empty. */
  match: string
  /** tsquery text of the words to exclude, or null. */
  exclude: string | null
  kinds: readonly SearchKind[]
  bodyId?: string
  from?: string
  to?: string
  order: SearchOrder
  limit: number
  offset: number
}

export type SearchHit = {
  kind: SearchKind
  id: string
  meetingId: string | null
  itemId: string | null
  filename: string | null
  /** The meeting's or action's body (a body hit's own id); null for partnerships, organisations and people. */
  bodyId: string | null
  bodyName: string | null
  /** The meeting's date (an action's raising); null for the structure, which is not dated. */
  date: string | null
  /** Title and snippet from ts_headline, with MARK_START/MARK_STOP around matches: plain text, not HTML. */
  titleMarked: string
  snippetMarked: string
  rank: number
}

export type BodyOption = { id: string; slug: string; name: string; partnershipName: string }

const LIMIT = sql.raw(String(SEARCH_TEXT_LIMIT))
/** The characters of the snippet source ts_headline reads: enough for a passage, bounded for speed. */
const SNIPPET_SOURCE_CHARS = sql.raw('100000')

/** A weighted vector built exactly as the generated search_vector columns build each part. */
const part = (column: SQL, weight: 'A' | 'B' | 'C') =>
  sql`setweight(to_tsvector('english'::regconfig, left(coalesce(${column}, ''), ${LIMIT})), '${sql.raw(weight)}')`

const stripMarks = (text: SQL) => sql`translate(${text}, ${MARK_START + MARK_STOP}, '')`

const TITLE_OPTIONS = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_STOP}`
const SNIPPET_OPTIONS = `MaxWords=35, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${MARK_START}, StopSel=${MARK_STOP}`

// ---- the SQL of each kind of record (pure builders; the repository runs them) ----

function itemsBranch(q: SearchQuery, match: SQL, wantItem: boolean, wantMinutes: boolean): SQL {
  const titleVec = part(sql`agenda_items.title`, 'A')
  const agendaVec = sql`(${titleVec} || case when o.open then ${part(sql`agenda_items.description`, 'B')} else ''::tsvector end)`
  let visible: SQL
  let kind: SQL
  let showDesc: SQL
  let showMinutes: SQL
  let extra = sql``
  if (wantItem && wantMinutes) {
    // The whole stored vector is public when the item is open and its minutes are published: use it as is.
    visible = sql`case when o.open and o.minutes_public then agenda_items.search_vector else ${agendaVec} end`
    kind = sql`case when o.open and o.minutes_public and coalesce(agenda_items.minutes, '') <> '' then 'minutes' else 'item' end`
    showDesc = sql`o.open`
    showMinutes = sql`(o.open and o.minutes_public)`
  } else if (wantItem) {
    visible = agendaVec
    kind = sql`'item'`
    showDesc = sql`o.open`
    showMinutes = sql`false`
  } else {
    visible = part(sql`agenda_items.minutes`, 'B')
    kind = sql`'minutes'`
    showDesc = sql`false`
    showMinutes = sql`true`
    extra = sql` and o.open and o.minutes_public and agenda_items.minutes is not null`
  }
  return sql`select ${kind} as kind, agenda_items.id as id, meetings.id as meeting_id, agenda_items.id as item_id,
      null::text as filename, meetings.body_id as body_id, meetings.date::text as date, agenda_items.title as title,
      ${showDesc} as show_desc, ${showMinutes} as show_minutes, ts_rank_cd(v.vis, ${match}) as rank
    from agenda_items
    join meetings on meetings.id = agenda_items.meeting_id
    cross join lateral (select ${itemOpenSql()} as open, ${minutesPublicSql()} as minutes_public) o
    cross join lateral (select ${visible} as vis) v
    where agenda_items.search_vector @@ ${match} and ${agendaPublicSql()}${extra}
      and v.vis @@ ${match}${excluding(q, sql`v.vis`)}${meetingFilters(q)}`
}

function excluding(q: SearchQuery, vector: SQL): SQL {
  return q.exclude ? sql` and not (${vector} @@ ${q.exclude}::tsquery)` : sql``
}

function meetingFilters(q: SearchQuery): SQL {
  return sql.join(
    [
      q.bodyId ? sql` and meetings.body_id = ${q.bodyId}` : sql``,
      q.from ? sql` and meetings.date >= ${q.from}::date` : sql``,
      q.to ? sql` and meetings.date <= ${q.to}::date` : sql``,
    ],
    sql``,
  )
}

function decisionsBranch(q: SearchQuery, match: SQL): SQL {
  return sql`select 'decision' as kind, decisions.id as id, meetings.id as meeting_id, agenda_items.id as item_id,
      null::text as filename, meetings.body_id as body_id, meetings.date::text as date, agenda_items.title as title,
      false as show_desc, false as show_minutes, ts_rank_cd(decisions.search_vector, ${match}) as rank
    from decisions
    join agenda_items on agenda_items.id = decisions.item_id
    join meetings on meetings.id = agenda_items.meeting_id
    where decisions.search_vector @@ ${match} and ${minutesPublicSql()} and ${itemOpenSql()}
      ${excluding(q, sql`decisions.search_vector`)}${meetingFilters(q)}`
}

function papersBranch(q: SearchQuery, match: SQL): SQL {
  return sql`select 'paper' as kind, documents.id as id, meetings.id as meeting_id, documents.item_id as item_id,
      documents.filename as filename, meetings.body_id as body_id, meetings.date::text as date, documents.title as title,
      false as show_desc, false as show_minutes, ts_rank_cd(documents.search_vector, ${match}) as rank
    from documents
    join meetings on meetings.id = documents.meeting_id
    where documents.search_vector @@ ${match} and ${paperPublicSql()}
      ${excluding(q, sql`documents.search_vector`)}${meetingFilters(q)}`
}

function actionsBranch(q: SearchQuery, match: SQL): SQL {
  return sql`select 'action' as kind, actions.id as id,
      coalesce((select ai.meeting_id from agenda_items ai where ai.id = actions.item_id), actions.meeting_id) as meeting_id,
      actions.item_id as item_id, null::text as filename, actions.body_id as body_id, actions.raised_on::text as date,
      left(actions.description, 200) as title, false as show_desc, false as show_minutes,
      ts_rank_cd(actions.search_vector, ${match}) as rank
    from actions
    where actions.search_vector @@ ${match} and ${publishedActionSql()}
      ${excluding(q, sql`actions.search_vector`)}
      ${q.bodyId ? sql` and actions.body_id = ${q.bodyId}` : sql``}
      ${q.from ? sql` and actions.raised_on >= ${q.from}::date` : sql``}
      ${q.to ? sql` and actions.raised_on <= ${q.to}::date` : sql``}`
}

function unionOf(q: SearchQuery): SQL | null {
  const match = sql`${q.match}::tsquery`
  const kinds = new Set(q.kinds)
  const branches: SQL[] = []
  if (kinds.has('item') || kinds.has('minutes')) branches.push(itemsBranch(q, match, kinds.has('item'), kinds.has('minutes')))
  if (kinds.has('decision')) branches.push(decisionsBranch(q, match))
  if (kinds.has('paper')) branches.push(papersBranch(q, match))
  if (kinds.has('action')) branches.push(actionsBranch(q, match))
  // The structure is not dated: a search limited to dates is a search of meetings and what they recorded.
  if (!q.from && !q.to) {
    const f = { exclude: q.exclude, bodyId: q.bodyId }
    if (kinds.has('partnership')) branches.push(partnershipsBranch(f, match))
    if (kinds.has('body')) branches.push(bodiesBranch(f, match))
    if (kinds.has('organisation')) branches.push(organisationsBranch(f, match))
    if (kinds.has('person')) branches.push(peopleBranch(f, match))
  }
  if (branches.length === 0) return null
  return sql.join(
    branches.map((b) => sql`(${b})`),
    sql` union all `,
  )
}

const orderBy = (order: SearchOrder, p: string) =>
  sql.raw(
    order === 'date'
      ? `${p}.date desc nulls last, ${p}.rank desc, ${p}.kind, ${p}.id`
      : `${p}.rank desc, ${p}.date desc nulls last, ${p}.kind, ${p}.id`,
  )

/**
 * Public full-text search: Drizzle/SQL only. What the public may see is decided by the shared rules in
 * meetings/public-rules.ts and publishedActionSql(); nothing here tests is_exempt or a status itself.
 *
 * Every branch narrows by the GIN-indexed stored `search_vector @@ query` first. Where the stored vector
 * also holds withheld text (an exempt item's description and minutes; minutes not yet published), the
 * match is re-checked against a vector of only the public parts, built as the stored one is, so it is a
 * prefix of it: a record is found only by what the public can read. Exclusions ("-word") test only that
 * public vector, so they cannot reveal what withheld text contains.
 */
export function searchRepository(db: Db) {
  const rowsOf = async <T>(query: SQL): Promise<T[]> => {
    const result: unknown = await db.execute(query)
    return (result as { rows: T[] }).rows
  }

  return {
    /** websearch_to_tsquery of each part, as tsquery text ('' when the words hold nothing searchable). */
    async parseQueries(positive: string, negative: string): Promise<{ match: string; exclude: string }> {
      const [row] = await rowsOf<{ match: string; exclude: string }>(
        sql`select websearch_to_tsquery('english', ${positive})::text as match, websearch_to_tsquery('english', ${negative})::text as exclude`,
      )
      return row ?? { match: '', exclude: '' }
    },

    /** One page of hits and the total count. */
    async search(q: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
      const union = unionOf(q)
      if (!union) return { hits: [], total: 0 }
      const match = sql`${q.match}::tsquery`
      const rows = await rowsOf<{
        kind: SearchKind
        id: string
        meeting_id: string | null
        item_id: string | null
        filename: string | null
        body_id: string | null
        body_name: string | null
        date: string | null
        rank: number | string
        total: number | string
        title_marked: string | null
        snippet_marked: string | null
      }>(sql`
        select p.kind, p.id, p.meeting_id, p.item_id, p.filename, p.body_id, bodies.name as body_name, p.date, p.rank, p.total,
          ts_headline('english', ${stripMarks(sql`p.title`)}, ${match}, ${TITLE_OPTIONS}) as title_marked,
          ts_headline('english', ${stripMarks(sql`left(coalesce(d.doc, ''), ${SNIPPET_SOURCE_CHARS})`)}, ${match}, ${SNIPPET_OPTIONS}) as snippet_marked
        from (
          select r.*, count(*) over () as total from (${union}) r
          order by ${orderBy(q.order, 'r')}
          limit ${q.limit} offset ${q.offset}
        ) p
        left join bodies on bodies.id = p.body_id
        cross join lateral (select case p.kind
          when 'decision' then (select x.text from decisions x where x.id = p.id)
          when 'partnership' then (select concat_ws(E'\\n\\n', x.summary, x.purpose, x.vision) from partnerships x where x.id = p.id)
          when 'body' then (select x.terms_of_reference from bodies x where x.id = p.id)
          when 'organisation' then null
          when 'person' then null
          when 'paper' then (select x.text_content from documents x where x.id = p.id)
          when 'action' then (select case when length(x.description) > 200 then x.description end from actions x where x.id = p.id)
          else (select concat_ws(E'\\n\\n', case when p.show_desc then x.description end, case when p.show_minutes then x.minutes end)
                from agenda_items x where x.id = p.id)
          end as doc) d
        order by ${orderBy(q.order, 'p')}`)
      const hits = rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        meetingId: r.meeting_id,
        itemId: r.item_id,
        filename: r.filename,
        bodyId: r.body_id,
        bodyName: r.body_name,
        date: r.date,
        titleMarked: r.title_marked ?? '',
        snippetMarked: r.snippet_marked ?? '',
        rank: Number(r.rank),
      }))
      if (rows.length > 0) return { hits, total: Number(rows[0]!.total) }
      if (q.offset === 0) return { hits, total: 0 }
      const [count] = await rowsOf<{ total: number | string }>(sql`select count(*) as total from (${union}) r`)
      return { hits, total: Number(count?.total ?? 0) }
    },

    /** Where each structure hit on a page leads and what it says (see search-structure.ts). */
    async structureDetails(hits: Pick<SearchHit, 'kind' | 'id'>[]): Promise<StructureDetails> {
      const of = (kind: SearchKind) => hits.filter((h) => h.kind === kind).map((h) => h.id)
      const run = <T>(list: string[], query: (l: string[]) => SQL) => (list.length ? rowsOf<T>(query(list)) : Promise.resolve([] as T[]))
      const [partnerships, bodies, organisations, people] = await Promise.all([
        run<{ id: string; slug: string; summary: string | null }>(of('partnership'), structureDetailQueries.partnerships),
        run<{ id: string; slug: string; partnership_name: string }>(of('body'), structureDetailQueries.bodies),
        run<{ id: string; type: string; partner_of: unknown; seats_on: unknown }>(of('organisation'), structureDetailQueries.organisations),
        run<{ id: string; job_title: string | null; seats: unknown }>(of('person'), structureDetailQueries.people),
      ])
      const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T))
      return {
        partnerships: new Map(partnerships.map((r) => [r.id, { slug: r.slug, summary: r.summary }])),
        bodies: new Map(bodies.map((r) => [r.id, { slug: r.slug, partnershipName: r.partnership_name }])),
        organisations: new Map(
          organisations.map((r) => [
            r.id,
            {
              type: r.type as OrganisationType,
              partnerOf: json<{ name: string; slug: string }[]>(r.partner_of),
              seatsOn: json<{ name: string; slug: string }[]>(r.seats_on).sort((a, b) => a.name.localeCompare(b.name)),
            },
          ]),
        ),
        people: new Map(people.map((r) => [r.id, { jobTitle: r.job_title, seats: json<PersonSeat[]>(r.seats) }])),
      }
    },

    /** Bodies for the filter, by partnership then name. */
    async bodyOptions(): Promise<BodyOption[]> {
      return rowsOf<BodyOption>(sql`
        select bodies.id, bodies.slug, bodies.name, partnerships.name as "partnershipName"
        from bodies join partnerships on partnerships.id = bodies.partnership_id
        order by partnerships.name, bodies.name, bodies.id`)
    },

    /** The query plan of a search (tests and the benchmark check the GIN indexes are used). */
    async explain(q: SearchQuery): Promise<string> {
      const union = unionOf(q)
      if (!union) return ''
      const rows = await rowsOf<{ 'QUERY PLAN': string }>(sql`explain select count(*) from (${union}) r`)
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    },
  }
}
export type SearchRepository = ReturnType<typeof searchRepository>
