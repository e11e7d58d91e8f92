import { z } from 'zod'
import { optionalDate } from '../../platform/http/schemas.ts'

export const SEARCH_KINDS = ['item', 'minutes', 'decision', 'paper', 'action', 'partnership', 'body', 'organisation', 'person'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]
export const SEARCH_ORDERS = ['relevance', 'date'] as const
export type SearchOrder = (typeof SEARCH_ORDERS)[number]

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v)
const asList = (v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v])

/** The search form, from the query string (`kind` may repeat). Unknown kinds or orders fall back quietly. */
export const SearchQuerySchema = z
  .object({
    q: z.preprocess(
      // eslint-disable-next-line no-control-regex -- NUL cannot reach PostgreSQL
      (v) => (typeof v === 'string' ? v.replace(/\u0000/g, '').trim() : ''),
      z.string().max(200, 'Search words must be 200 characters or fewer'),
    ),
    body: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
      z.string().max(120).regex(/^[a-z0-9-]+$/, 'Select a body from the list').optional(),
    ),
    from: optionalDate('the date from'),
    to: optionalDate('the date to'),
    kind: z.preprocess(
      (v) => asList(v).filter((k): k is SearchKind => (SEARCH_KINDS as readonly unknown[]).includes(k)),
      z.array(z.enum(SEARCH_KINDS)),
    ),
    order: z.preprocess((v) => (v === 'date' ? 'date' : 'relevance'), z.enum(SEARCH_ORDERS)),
    page: z.preprocess((v) => (typeof trimmed(v) === 'string' && /^\d{1,5}$/.test(trimmed(v) as string) ? Number(trimmed(v)) : 1), z.number().int().min(1)),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The date to must be the same as or after the date from' })
    }
  })
export type SearchQueryInput = z.infer<typeof SearchQuerySchema>

/**
 * Split what the user typed into the words to find and the words to exclude ("-word", "-\"a phrase\""), as
 * websearch_to_tsquery reads them. Exclusions are applied only to what the public may see of a record,
 * never to the stored index, which also holds withheld text: excluding on it would let a search reveal
 * whether a withheld record contains a word. Quoted phrases stay quoted.
 */
export function splitQuery(q: string): { positive: string; negative: string[] } {
  const positive: string[] = []
  const negative: string[] = []
  let i = 0
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i]!)) i++
    if (i >= q.length) break
    let negated = false
    if (q[i] === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) {
      negated = true
      i++
    }
    let token: string
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1)
      const stop = end === -1 ? q.length : end + 1
      token = q.slice(i, stop)
      if (end === -1) token += '"'
      i = stop
    } else {
      const start = i
      while (i < q.length && !/\s/.test(q[i]!) && q[i] !== '"') i++
      token = q.slice(start, i)
    }
    if (token === '' || token === '""') continue
    ;(negated ? negative : positive).push(token)
  }
  return { positive: positive.join(' '), negative }
}
