import type { z } from 'zod'
import { shapeOf, type KeyCast, type PageArgs } from './api.repository.ts'
import { decodeCursor, encodeCursor, parseQuery, type CursorKey } from './api.schemas.ts'

/** One page of a list: the rows, and the cursor of the next page (null on the last). */
export type Page<T> = { data: T[]; nextCursor: string | null }

/** The query string as plain values (the first of each repeated name). */
export type Query = Record<string, string>

/** Trim the extra row, and make the next cursor from the last row kept. */
export function page<R, T>(rows: R[], limit: number, key: (row: R) => CursorKey, present: (row: R) => T): Page<T> {
  const more = rows.length > limit
  const kept = more ? rows.slice(0, limit) : rows
  const last = kept[kept.length - 1]
  return { data: kept.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null }
}

export const pageArgs = (q: { limit: number; cursor?: string | undefined }, keys: readonly { cast: KeyCast }[]): PageArgs => ({
  limit: q.limit,
  after: q.cursor !== undefined ? decodeCursor(q.cursor, shapeOf(keys)) : null,
})

/**
 * One list endpoint: parse the query (400 naming a bad parameter), read one page after the cursor in the order
 * of `keys`, and present each row.
 */
export function listing<S extends z.ZodType<{ limit: number; cursor?: string | undefined }>, R, T>(spec: {
  query: S
  keys: readonly { cast: KeyCast }[]
  find: (q: z.infer<S>, page: PageArgs) => Promise<R[]>
  key: (row: R) => CursorKey
  present: (row: R) => T
}): (query: Query) => Promise<Page<T>> {
  return async (query) => {
    const q = parseQuery(spec.query, query)
    const rows = await spec.find(q, pageArgs(q, spec.keys))
    return page(rows, q.limit, spec.key, spec.present)
  }
}

export const iso = (d: Date): string => d.toISOString()
