import { etagMatches, strongEtag } from '../http/etag.ts'
import { createHash } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { eq, sql } from 'drizzle-orm'
import type { PGlite } from '@electric-sql/pglite'
import { londonOffsetMinutes, londonToday } from '../../shared/dates.ts'
import type { Database } from '../db/client.ts'
import type { AppEnv } from '../http/types.ts'
import { SESSION_COOKIE } from '../http/session.ts'
import { publicRecordVersion } from './cache.tables.ts'
import { queryNormaliser, type QueryParamRule } from './query-key.ts'

/**
 * The public render cache (issue 5): anonymous GET/HEAD responses are kept in an in-process LRU bounded by
 * total bytes, keyed by path + query, each entry stamped with the public_record_version it was rendered at.
 * Every request reads the current stamp (one primary-key select, batched across concurrent requests; on
 * embedded PGlite skipped while no other statement ran, see pgliteStamp) and re-renders when it moved, so a change made through any app instance on the same database is served by
 * every instance at once. Database triggers (migration 0002) bump the version on any change to a table the
 * public record is drawn from. Pages also depend on "today" (a body's upcoming and past meetings, the calendar's
 * default month, open data's event status, overdue actions), so an entry is also tied to the London date and
 * hour it was rendered in (londonHour): on a quiet day nothing is served more than an hour out of date, and
 * nothing from yesterday after midnight.
 *
 * Cached and freshly rendered cacheable responses carry a strong ETag (hash of the body) and
 * `Cache-Control: public, max-age=0, must-revalidate`: browsers and proxies may keep the bytes but must ask
 * again every time (the answer is a cheap 304), so nobody sees a stale agenda or minutes after a change and
 * the revalidation costs one version read. (A route that sets its own strong ETag or Cache-Control, e.g. a
 * feed or open-data export, keeps them.) X-Cache: hit|miss says which path served the response.
 */

/** Cookie names written by src/platform/http (csrf.ts and cookies.ts keep them private). */
const CSRF_COOKIE = 'ju_csrf'
const FLASH_COOKIE = 'ju_flash'

/** Never cached: the health and readiness checks (they must answer for now), staff pages, sign-in, and pages reached through a secret link (owner links, subscriptions). */
const EXCLUDED_PREFIXES = ['/health', '/ready', '/manage', '/sign-in', '/sign-out', '/my-actions', '/subscriptions']

/**
 * Search results get their own small share of the bytes: one entry per query typed would otherwise push the
 * meeting pages everybody reads out of the cache, for pages hardly anyone asks for twice. (They are still
 * cached, not excluded, so they keep the cookie-free, ETag/304 treatment of every other public page.)
 */
const SEPARATE_PREFIXES = ['/search']
const SEPARATE_SHARE = 1 / 16

const CACHEABLE_TYPES = [
  /^text\/html\b/i,
  /^application\/xhtml\+xml\b/i,
  /^(application|text)\/xml\b/i,
  /^application\/(atom|rss)\+xml\b/i,
  /^text\/calendar\b/i,
  /^application\/([a-z0-9.-]+\+)?json\b/i,
]

/** Headers not stored with an entry: cookies, and those set for each response served. */
const UNSTORED_HEADERS = new Set(['set-cookie', 'date', 'content-length', 'x-cache', 'etag', 'cache-control'])

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate'
const MAX_KEY_LENGTH = 2048

export type CachedPage = {
  stamp: string
  etag: string
  body: Uint8Array
  /** Everything a hit sends, built once: a plain object is the fastest path through @hono/node-server. */
  headers: Record<string, string>
  size: number
}

/** A least-recently-used map bounded by the total `size` of its values (bytes). */
export class ByteLru<V extends { size: number }> {
  private readonly map = new Map<string, V>()
  private total = 0
  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.total
  }
  get count(): number {
    return this.map.size
  }

  get(key: string): V | undefined {
    const value = this.map.get(key)
    if (value) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.map.delete(key)
      this.map.set(key, value)
    }
    return value
  }

  /** Stores the value unless it alone exceeds the bound; evicts the least recently used until it fits. */
  set(key: string, value: V): boolean {
    this.delete(key)
    if (value.size > this.maxBytes) return false
    this.map.set(key, value)
    this.total += value.size
    while (this.total > this.maxBytes) {
      const oldest = this.map.keys().next().value
      if (oldest === undefined) break
      this.delete(oldest)
    }
    return true
  }

  delete(key: string): void {
    const value = this.map.get(key)
    if (value) {
      this.map.delete(key)
      this.total -= value.size
    }
  }

  clear(): void {
    this.map.clear()
    this.total = 0
  }
}

/**
 * Reads the public record stamp with at most one query in flight plus one queued: a request arriving while a
 * read is in flight waits for the next read, which starts after it arrived. So every request sees a stamp
 * read after it arrived (a change committed before the request is never missed), while N concurrent
 * requests cost about two queries instead of N.
 */
export function batchedReader(read: () => Promise<string>): () => Promise<string> {
  let inFlight: Promise<string> | null = null
  let queued: Promise<string> | null = null
  const start = (): Promise<string> => {
    const p: Promise<string> = read().finally(() => {
      if (inFlight === p) inFlight = null
    })
    inFlight = p
    return p
  }
  return () => {
    if (!inFlight) return start()
    if (!queued) {
      queued = inFlight
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          queued = null
          return start()
        })
    }
    return queued
  }
}

/**
 * The stamp is the version and the time it last moved: a database emptied and re-seeded (tests, a restore)
 * starts the counter again, and the time keeps an old entry from matching a new counter value.
 */
export function publicRecordStamp(database: Database): () => Promise<string> {
  // Through the driver, not the query builder: this runs on every anonymous request.
  const text = `select version::text || '@' || changed_at::text as stamp from public_record_version where id = 1`
  const { pglite, pool } = database
  if (pglite) return pgliteStamp(pglite, text)
  if (pool) return async () => (await pool.query<{ stamp: string }>({ name: 'ju_public_record_stamp', text })).rows[0]?.stamp ?? 'none'
  return async () => {
    const rows = await database.db
      .select({ stamp: sql<string>`${publicRecordVersion.version}::text || '@' || ${publicRecordVersion.changedAt}::text` })
      .from(publicRecordVersion)
      .where(eq(publicRecordVersion.id, 1))
    return rows[0]?.stamp ?? 'none'
  }
}

/**
 * The London date and hour of an instant ('2026-11-23T18'): part of every entry's stamp, so pages computed from
 * "today" roll over at midnight and at least hourly. London's hours start on UTC hours (its offset is whole
 * hours), so the value is worked out once per UTC hour.
 */
let lastHour: { utcHour: number; value: string } | null = null
export function londonHour(now: Date): string {
  const utcHour = Math.floor(now.getTime() / 3_600_000)
  if (lastHour?.utcHour === utcHour) return lastHour.value
  const local = new Date(now.getTime() + londonOffsetMinutes(now) * 60_000)
  const value = `${londonToday(now)}T${String(local.getUTCHours()).padStart(2, '0')}`
  lastHour = { utcHour, value }
  return value
}

type StatementTracker = { generation: number; active: number; query: PGlite['query'] }
const trackers = new WeakMap<PGlite, StatementTracker>()
const TRACKED_METHODS = ['query', 'exec', 'transaction'] as const

/**
 * PGlite is embedded: one connection, in this process only (the data directory is locked), so every
 * statement that can change the public record passes through this instance's query, exec or transaction
 * (drizzle, migrations, the sql tag all do). Those are wrapped once to count statements. A stamp read is
 * reused while no other statement started or was running since it began: nothing can have changed the
 * version. So a burst of cache hits costs no query at all, where PGlite would otherwise run one on the main
 * thread per batch. Any query (a cache miss rendering a page, a write) makes the next request read again.
 * On PostgreSQL other instances write too, and the stamp is always read.
 */
function pgliteStamp(pglite: PGlite, text: string): () => Promise<string> {
  let known: { stamp: string; generation: number } | null = null
  return async () => {
    const tr = trackStatements(pglite) // on first use, so a disabled cache leaves the client alone
    if (known && tr.active === 0 && tr.generation === known.generation) return known.stamp
    const clean = tr.active === 0
    const before = tr.generation
    const stamp = (await tr.query<{ stamp: string }>(text)).rows[0]?.stamp ?? 'none'
    known = clean && tr.generation === before ? { stamp, generation: before } : null
    return stamp
  }
}

/** Wraps the instance's query, exec and transaction once (shared by every app instance on it). */
function trackStatements(pglite: PGlite): StatementTracker {
  const existing = trackers.get(pglite)
  if (existing) return existing
  const t: StatementTracker = { generation: 0, active: 0, query: pglite.query.bind(pglite) }
  const target = pglite as unknown as Record<string, unknown>
  for (const name of TRACKED_METHODS) {
    const original = (target[name] as (...args: unknown[]) => Promise<unknown>).bind(pglite)
    target[name] = async (...args: unknown[]) => {
      t.generation++
      t.active++
      try {
        return await original(...args)
      } finally {
        t.active--
        t.generation++
      }
    }
  }
  trackers.set(pglite, t)
  return t
}

export type RenderCacheOptions = {
  /** Reads the current public record stamp; usually publicRecordStamp(database). */
  readStamp: () => Promise<string>
  /** Upper bound on the bytes held (bodies + headers). Default 64 MB. */
  maxBytes?: number
  /** Default: on. The app passes config.renderCache (RENDER_CACHE=off turns it off; the benchmark measures both). */
  enabled?: boolean
  onError?: (err: unknown) => void
  /** The clock for the date and hour in the stamp (see londonHour). Default: real time; tests move it. */
  now?: () => Date
  /**
   * The query parameters each cached page reads (see query-key.ts): the key, and the request the page renders,
   * keep only those, in one order; a path no rule names reads none. Default: the query is kept as sent.
   */
  queryParams?: readonly QueryParamRule[]
}

export type RenderCacheMiddleware = MiddlewareHandler<AppEnv> & { cache: ByteLru<CachedPage>; searchCache: ByteLru<CachedPage> }

const underAny = (prefixes: string[], path: string) => prefixes.some((p) => path === p || path.startsWith(`${p}/`))

function isExcludedPath(path: string): boolean {
  return underAny(EXCLUDED_PREFIXES, path)
}

/** Anonymous, and nothing in the request that makes the response personal. */
function isAnonymousRequest(c: Context<AppEnv>): boolean {
  if (c.var.user) return false
  if (c.req.header('authorization')) return false
  const cookies = c.req.header('cookie')
  if (cookies) {
    // A session cookie (even one that no longer resolves: the session middleware is clearing it) or a flash
    // message to show makes this request's page its own.
    if (getCookie(c, SESSION_COOKIE) !== undefined || getCookie(c, FLASH_COOKIE) !== undefined) return false
  }
  return true
}

/** Set-Cookie lines other than the CSRF cookie: any of those makes a response personal. */
function otherCookies(headers: Headers): string[] {
  return headers.getSetCookie().filter((line) => !line.startsWith(`${CSRF_COOKIE}=`))
}

/** Cheap checks on the rendered response before its body is read. */
function isStorableResponse(res: Response, maxEntryBytes: number): boolean {
  if (res.status !== 200) return false
  const type = res.headers.get('content-type') ?? ''
  if (!CACHEABLE_TYPES.some((re) => re.test(type))) return false
  const cacheControl = res.headers.get('cache-control') ?? ''
  if (/\b(no-store|private)\b/i.test(cacheControl)) return false
  const vary = res.headers.get('vary')
  if (vary && vary.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding')) return false
  if (otherCookies(res.headers).length > 0) return false
  const length = Number(res.headers.get('content-length') ?? '0')
  if (length > maxEntryBytes) return false
  return true
}

/**
 * CSP and cached pages. security-headers.ts gives every response a fresh nonce and the GOV.UK template has
 * one inline script carrying it. This middleware runs OUTSIDE security-headers (registered before it), so a
 * cached response keeps the headers it was rendered with and its CSP always matches its own body, including
 * after a 304 (a browser merges the 304's headers into its stored copy, and our 304s carry no CSP). Replaying
 * the rendering nonce to every visitor would make it predictable, so a stored page's CSP allows its inline
 * scripts by their SHA-256 hashes instead: 'nonce-...' is swapped for the hash of each inline script in the
 * body. The nonce attributes are stripped from the stored body (withoutNonce), so no nonce is ever reused, two
 * renders of the same content are byte-identical (one ETag, so revalidations get 304s across renders and app
 * instances), and an injected script could only run if it were byte-for-byte one of the scripts the template
 * itself rendered.
 */
export function cspWithScriptHashes(csp: string, html: string): string {
  const hashes = new Set<string>()
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue
    hashes.add(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`)
  }
  return csp
    .split(';')
    .map((directive) => {
      if (!/'nonce-[^']*'/.test(directive)) return directive
      const kept = directive.replace(/\s*'nonce-[^']*'/g, '')
      return hashes.size ? `${kept} ${[...hashes].join(' ')}` : kept
    })
    .join(';')
}

/** The body with this request's ` nonce="..."` attributes removed (the same bytes when there are none). */
export function withoutNonce(body: Uint8Array, nonce: string | undefined): Uint8Array {
  if (!nonce) return body
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (!buffer.includes(nonce)) return body
  const html = buffer.toString('utf8')
  return new Uint8Array(Buffer.from(html.split(` nonce="${nonce}"`).join(''), 'utf8'))
}

function serve(c: Context<AppEnv>, entry: CachedPage, xCache: 'hit' | 'miss'): Response {
  if (etagMatches(c.req.header('if-none-match'), entry.etag)) {
    return new Response(null, { status: 304, headers: { etag: entry.etag, 'cache-control': entry.headers['cache-control'] ?? PUBLIC_CACHE_CONTROL, 'x-cache': xCache } })
  }
  return new Response(entry.body, { status: 200, headers: xCache === 'hit' ? entry.headers : { ...entry.headers, 'x-cache': 'miss' } })
}

/** X-Cache: miss on a response that was rendered (informative: a response with immutable headers is left alone). */
function markMiss(res: Response): void {
  try {
    res.headers.set('X-Cache', 'miss')
  } catch {
    /* immutable headers */
  }
}

/** Replaces the context's response without Hono merging the old response's headers (and cookies) back in. */
function replaceResponse(c: Context<AppEnv>, res: Response): void {
  c.res = undefined
  c.res = res
}

function rebuild(res: Response, body: Uint8Array, extra: Record<string, string>): Response {
  const headers = new Headers(res.headers)
  for (const [k, v] of Object.entries(extra)) headers.set(k, v)
  return new Response(body, { status: res.status, statusText: res.statusText, headers })
}

/**
 * Register before security headers (see cspWithScriptHashes), session and CSRF: a hit costs one stamp read
 * and sets no cookie. Whether a request is anonymous is judged from its cookies (any session cookie, valid or
 * not, bypasses the cache) and an Authorization header; c.var.user is also checked in case the order changes.
 * A response is stored only if: anonymous GET/HEAD, not an excluded path, status 200, a cacheable type
 * (HTML, XML/Atom/RSS, calendar, JSON), no Cache-Control private/no-store, no Vary, no Set-Cookie except the
 * CSRF cookie, no CSRF token in the body, and at most a quarter of its LRU's bytes (search results have their
 * own small LRU, see SEPARATE_PREFIXES).
 *
 * The CSRF middleware gives a first-time visitor a ju_csrf cookie on every page. A page whose body does not
 * carry the CSRF token does not need it, so that cookie is dropped from such responses and they are shared;
 * the visitor gets it on the first page with a form. A page whose body carries the token (a form on a public
 * page) is personal: it is never stored and is marked no-store, so no visitor is ever handed another's token.
 */
export function renderCache(opts: RenderCacheOptions): RenderCacheMiddleware {
  const enabled = opts.enabled ?? true
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024
  const searchBytes = Math.floor(maxBytes * SEPARATE_SHARE)
  const cache = new ByteLru<CachedPage>(maxBytes - searchBytes)
  const searchCache = new ByteLru<CachedPage>(searchBytes)
  const lruFor = (path: string) => (underAny(SEPARATE_PREFIXES, path) ? searchCache : cache)
  const maxEntryOf = (lru: ByteLru<CachedPage>) => Math.max(1, Math.floor(lru.maxBytes / 4))
  const readStamp = batchedReader(opts.readStamp)
  const now = opts.now ?? (() => new Date())
  const rendering = new Map<string, { stamp: string; page: Promise<CachedPage | null> }>()
  const normaliseQuery = queryNormaliser(opts.queryParams)

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const method = c.req.method
    if (!enabled) return next()
    if ((method !== 'GET' && method !== 'HEAD') || isExcludedPath(c.req.path) || !isAnonymousRequest(c)) {
      await next()
      markMiss(c.res)
      return
    }
    const url = c.req.url
    const q = url.indexOf('?')
    const search = q === -1 ? '' : url.slice(q)
    const kept = normaliseQuery(c.req.path, search)
    // The page renders the address its key names, so an entry never holds what a dropped parameter changed.
    if (kept !== search) c.req.raw = new Request(url.slice(0, q) + kept, c.req.raw)
    const key = c.req.path + kept
    if (key.length > MAX_KEY_LENGTH) {
      await next()
      markMiss(c.res)
      return
    }

    let stamp: string
    try {
      stamp = `${await readStamp()}|${londonHour(now())}`
    } catch (err) {
      // Without the stamp nothing can be served from the cache: render as if there were none.
      opts.onError?.(err)
      await next()
      return
    }
    const lru = lruFor(c.req.path)
    const entry = lru.get(key)
    if (entry && entry.stamp === stamp) return serve(c, entry, 'hit')

    // One render per page and stamp: requests for a page being rendered at the same stamp wait for it
    // (after a change on a busy day, 50 visitors cost one render, not 50).
    const pending = rendering.get(key)
    if (pending && pending.stamp === stamp) {
      const page = await pending.page
      if (page) return serve(c, page, 'hit')
    }
    let settle: (page: CachedPage | null) => void = () => {}
    const mine = { stamp, page: new Promise<CachedPage | null>((resolve) => (settle = resolve)) }
    rendering.set(key, mine)
    let stored: CachedPage | null = null
    try {
      await next()
      stored = await store(c, key, stamp, lru)
    } finally {
      settle(stored)
      if (rendering.get(key) === mine) rendering.delete(key)
    }
  }

  /** Stores the rendered response when it may be shared, and sets what the visitor gets; null when not stored. */
  async function store(c: Context<AppEnv>, key: string, stamp: string, lru: ByteLru<CachedPage>): Promise<CachedPage | null> {
    const res = c.res
    const maxEntryBytes = maxEntryOf(lru)
    if (!isStorableResponse(res, maxEntryBytes)) {
      markMiss(res)
      return null
    }
    const rendered = new Uint8Array(await res.arrayBuffer())
    const token = c.get('csrfToken')
    if (token && Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength).includes(token)) {
      replaceResponse(c, rebuild(res, rendered, { 'Cache-Control': 'no-store', 'X-Cache': 'miss' }))
      return null
    }
    const body = withoutNonce(rendered, c.get('cspNonce'))
    const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
    if (body.byteLength > maxEntryBytes) {
      // Not stored: sent as rendered, with the nonces its own CSP names.
      replaceResponse(c, rebuild(res, rendered, { 'X-Cache': 'miss' }))
      return null
    }
    // A route's own strong validator and caching rule (feeds, calendars, open data) are kept, so its 304s
    // and ours agree; otherwise the ETag is a hash of the body and the rule is PUBLIC_CACHE_CONTROL.
    const routeEtag = res.headers.get('etag')
    const etag = routeEtag && routeEtag.startsWith('"') ? routeEtag : strongEtag(body)
    const cacheControl = res.headers.get('cache-control') ?? PUBLIC_CACHE_CONTROL
    const headers: Record<string, string> = {}
    let headerBytes = 0
    res.headers.forEach((value, name) => {
      if (UNSTORED_HEADERS.has(name)) return
      headers[name] = name === 'content-security-policy' ? cspWithScriptHashes(value, buffer.toString('utf8')) : value
      headerBytes += name.length + headers[name].length + 4
    })
    headers.etag = etag
    headers['cache-control'] = cacheControl
    headers['content-length'] = String(body.byteLength)
    headers['x-cache'] = 'hit'
    const page: CachedPage = { stamp, etag, body, headers, size: body.byteLength + headerBytes + key.length * 2 + 256 }
    lru.set(key, page)
    replaceResponse(c, serve(c, page, 'miss'))
    return page
  }
  return Object.assign(middleware, { cache, searchCache })
}
