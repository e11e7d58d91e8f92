import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import type { AppEnv } from '../http/types.ts'
import { csrf } from '../http/csrf.ts'
import { session } from '../http/session.ts'
import { securityHeaders } from '../http/security-headers.ts'
import { loadConfig } from '../../config.ts'
import { batchedReader, ByteLru, cspWithScriptHashes, londonHour, renderCache, withoutNonce, PUBLIC_CACHE_CONTROL } from './render-cache.ts'

/** A small app with the real session and CSRF middleware around the cache, and a stamp the test moves. */
function cachedApp(opts: { maxBytes?: number; now?: () => Date } = {}) {
  let stamp = 1
  let reads = 0
  let renders = 0
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'false', LOG_LEVEL: 'silent' })
  const cache = renderCache({
    readStamp: () => {
      reads++
      return Promise.resolve(String(stamp))
    },
    enabled: true,
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  })
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    c.set('config', config)
    await next()
  })
  app.use('*', cache)
  app.use('*', securityHeaders())
  app.use('*', session((token) => Promise.resolve(token === 'good' ? { id: 'u1', email: 'a@example.org', displayName: 'A', isAdmin: false, secretariatOf: [], memberOf: [] } : null)))
  app.use('*', csrf())
  app.get('/page/:n', (c) => {
    renders++
    return c.html(`<!doctype html><p>page ${c.req.param('n')} at ${stamp} ${'x'.repeat(Number(c.req.query('pad') ?? '0'))}</p>`)
  })
  app.get('/form', (c) => {
    renders++
    return c.html(`<form method="post"><input type="hidden" name="_csrf" value="${c.var.csrfToken}"></form>`)
  })
  app.get('/fixed', (c) => {
    renders++
    return c.html('<p>the same bytes at every version</p>')
  })
  app.get('/inline', (c) => c.html(`<script nonce="${c.var.cspNonce}">document.body.className += ' js'</script><script src="/static/app.js" nonce="${c.var.cspNonce}"></script>`))
  app.get('/private', (c) => {
    c.header('Cache-Control', 'private')
    return c.html('<p>private</p>')
  })
  app.get('/cookie', (c) => {
    setCookie(c, 'other', 'v')
    return c.html('<p>cookie</p>')
  })
  app.get('/own-validator', (c) => c.body('{"a":1}', 200, { 'Content-Type': 'application/json', ETag: '"route-etag"', 'Cache-Control': 'public, max-age=300' }))
  app.get('/pdf', (c) => c.body('%PDF', 200, { 'Content-Type': 'application/pdf' }))
  app.get('/feed.ics', (c) => c.body('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', 200, { 'Content-Type': 'text/calendar; charset=utf-8' }))
  app.get('/manage/x', (c) => c.html('<p>staff</p>'))
  app.get('/search', (c) => {
    renders++
    return c.html(`<p>results for ${c.req.query('q') ?? ''}</p>`)
  })
  app.get('/missing', (c) => c.html('<p>gone</p>', 404))
  return {
    app,
    cache: cache.cache,
    searchCache: cache.searchCache,
    setStamp: (n: number) => {
      stamp = n
    },
    counts: () => ({ reads, renders }),
  }
}

describe('ByteLru', () => {
  it('keeps the total size within the bound, evicting the least recently used', () => {
    const lru = new ByteLru<{ size: number }>(100)
    lru.set('a', { size: 40 })
    lru.set('b', { size: 40 })
    lru.get('a') // a is now the most recently used
    lru.set('c', { size: 40 })
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBeDefined()
    expect(lru.get('c')).toBeDefined()
    expect(lru.bytes).toBe(80)
    expect(lru.set('huge', { size: 101 })).toBe(false)
    expect(lru.bytes).toBe(80)
    lru.set('a', { size: 10 })
    expect(lru.bytes).toBe(50)
  })
})

describe('batchedReader', () => {
  it('serves concurrent callers with reads that started after they called', async () => {
    let value = 0
    let calls = 0
    const releases: (() => void)[] = []
    const read = batchedReader(
      () =>
        new Promise<string>((resolve) => {
          calls++
          const seen = value
          releases.push(() => resolve(String(seen)))
        }),
    )
    const first = read()
    value = 1 // a change committed after the first read started
    const second = read()
    const third = read()
    expect(calls).toBe(1)
    releases.shift()!()
    expect(await first).toBe('0')
    await new Promise((r) => setTimeout(r, 0))
    expect(calls).toBe(2)
    releases.shift()!()
    expect(await second).toBe('1')
    expect(await third).toBe('1')
  })

  it('passes a failed read on to its callers and recovers', async () => {
    let fail = true
    const read = batchedReader(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve('ok')))
    await expect(read()).rejects.toThrow('down')
    fail = false
    expect(await read()).toBe('ok')
  })
})

describe('cspWithScriptHashes', () => {
  it('swaps the nonce for the hashes of the inline scripts', () => {
    const csp = "default-src 'self'; script-src 'self' 'nonce-abc=='; style-src 'self'"
    const html = '<script nonce="abc==">one()</script><script src="/x.js" nonce="abc=="></script><SCRIPT>two()</SCRIPT>'
    const out = cspWithScriptHashes(csp, html)
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`
    expect(out).toBe(`default-src 'self'; script-src 'self' ${hash('one()')} ${hash('two()')}; style-src 'self'`)
    expect(cspWithScriptHashes(csp, '<p>no scripts</p>')).toBe("default-src 'self'; script-src 'self'; style-src 'self'")
  })
})

describe('londonHour', () => {
  it('is the London date and hour, across midnight and the clock changes', () => {
    expect(londonHour(new Date('2026-11-23T23:59:59Z'))).toBe('2026-11-23T23')
    expect(londonHour(new Date('2026-11-24T00:00:00Z'))).toBe('2026-11-24T00')
    // British Summer Time: 23:30 UTC is 00:30 the next day in London.
    expect(londonHour(new Date('2026-06-30T22:59:00Z'))).toBe('2026-06-30T23')
    expect(londonHour(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01T00')
    expect(londonHour(new Date('2026-06-30T23:45:00Z'))).toBe('2026-07-01T00')
    // The spring-forward night: 01:00 UTC is 02:00 BST.
    expect(londonHour(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29T00')
    expect(londonHour(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29T02')
  })
})

describe('withoutNonce', () => {
  it("removes this request's nonce attributes and nothing else", () => {
    const bytes = (s: string) => new Uint8Array(Buffer.from(s))
    const html = '<script nonce="n+1/=">a()</script><script src="/x.js" nonce="n+1/="></script><p>nonce="other"</p>'
    expect(Buffer.from(withoutNonce(bytes(html), 'n+1/=')).toString()).toBe('<script>a()</script><script src="/x.js"></script><p>nonce="other"</p>')
    const plain = bytes('<p>none</p>')
    expect(withoutNonce(plain, 'n+1/=')).toBe(plain)
    expect(withoutNonce(plain, undefined)).toBe(plain)
  })
})

describe('renderCache middleware', () => {
  it('serves a hit until the stamp moves, with a strong ETag and a 304 for a matching If-None-Match', async () => {
    const t = cachedApp()
    const first = await t.app.request('/page/1')
    expect(first.status).toBe(200)
    expect(first.headers.get('x-cache')).toBe('miss')
    expect(first.headers.getSetCookie()).toEqual([]) // the CSRF cookie is not needed by a page without a form
    expect(first.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const body = await first.text()

    const second = await t.app.request('/page/1')
    expect(second.headers.get('x-cache')).toBe('hit')
    expect(second.headers.get('etag')).toBe(etag)
    expect(second.headers.get('content-type')).toContain('text/html')
    expect(await second.text()).toBe(body)
    expect(t.counts().renders).toBe(1)

    const notModified = await t.app.request('/page/1', { headers: { 'if-none-match': etag } })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
    expect(notModified.headers.get('etag')).toBe(etag)

    const head = await t.app.request('/page/1', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('x-cache')).toBe('hit')

    t.setStamp(2)
    const changed = await t.app.request('/page/1', { headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('x-cache')).toBe('miss')
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(await changed.text()).toContain('page 1 at 2')
  })

  it('answers a fresh render whose bytes did not change with a 304', async () => {
    const t = cachedApp()
    const first = await t.app.request('/fixed')
    const etag = first.headers.get('etag')!
    t.setStamp(2)
    const revalidated = await t.app.request('/fixed', { headers: { 'if-none-match': etag } })
    expect(revalidated.headers.get('x-cache')).toBe('miss')
    expect(revalidated.status).toBe(304)
    expect(await revalidated.text()).toBe('')
    expect(t.counts().renders).toBe(2)
  })

  it('serves a cached page with a CSP that allows its inline script by hash, never replaying a nonce', async () => {
    const t = cachedApp()
    const first = await t.app.request('/inline')
    const second = await t.app.request('/inline')
    expect(second.headers.get('x-cache')).toBe('hit')
    const csp = second.headers.get('content-security-policy')!
    expect(csp).toBe(first.headers.get('content-security-policy'))
    expect(csp).not.toContain('nonce-')
    const hash = createHash('sha256').update("document.body.className += ' js'").digest('base64')
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(second.headers.get('x-frame-options')).toBe('DENY')
    // A response that is not stored keeps its own per-request nonce.
    const private1 = await t.app.request('/private')
    expect(private1.headers.get('content-security-policy')).toMatch(/'nonce-[^']+'/)
  })

  it('stores pages without the nonce, so a re-render of the same content has the same ETag and answers 304', async () => {
    const t = cachedApp()
    const first = await t.app.request('/inline')
    const body = await first.text()
    expect(body).not.toContain('nonce')
    expect(body).toContain("<script>document.body.className += ' js'</script>")
    const etag = first.headers.get('etag')!
    t.setStamp(2)
    const again = await t.app.request('/inline')
    expect(again.headers.get('x-cache')).toBe('miss')
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe(body)
    t.setStamp(3)
    const revalidated = await t.app.request('/inline', { headers: { 'if-none-match': etag } })
    expect(revalidated.headers.get('x-cache')).toBe('miss')
    expect(revalidated.status).toBe(304)
  })

  it('re-renders when the London date or hour changes, even if the record did not', async () => {
    let clock = new Date('2026-11-23T23:10:00Z')
    const t = cachedApp({ now: () => clock })
    expect((await t.app.request('/page/1')).headers.get('x-cache')).toBe('miss')
    clock = new Date('2026-11-23T23:59:59Z')
    expect((await t.app.request('/page/1')).headers.get('x-cache')).toBe('hit')
    // Midnight in London: yesterday's page (its "upcoming meetings", its "today") is not served.
    clock = new Date('2026-11-24T00:00:01Z')
    expect((await t.app.request('/page/1')).headers.get('x-cache')).toBe('miss')
    expect((await t.app.request('/page/1')).headers.get('x-cache')).toBe('hit')
    // And at least hourly during the day.
    clock = new Date('2026-11-24T01:00:00Z')
    expect((await t.app.request('/page/1')).headers.get('x-cache')).toBe('miss')
    expect(t.counts().renders).toBe(3)
    // Midnight in summer is 23:00 UTC.
    clock = new Date('2026-06-30T22:30:00Z')
    await t.app.request('/page/1')
    clock = new Date('2026-06-30T23:00:01Z')
    expect((await t.app.request('/page/1')).headers.get('x-cache')).toBe('miss')
  })

  it('keeps search results in their own small share, so many queries never push pages out', async () => {
    const t = cachedApp({ maxBytes: 64_000 })
    for (let i = 0; i < 5; i++) await t.app.request(`/page/${i}`)
    expect(t.cache.count).toBe(5)
    const first = await t.app.request('/search?q=budget')
    expect(first.headers.getSetCookie()).toEqual([])
    expect(first.headers.get('etag')).toMatch(/^"/)
    expect((await t.app.request('/search?q=budget')).headers.get('x-cache')).toBe('hit')
    for (let i = 0; i < 200; i++) await t.app.request(`/search?q=query-${i}-${'x'.repeat(200)}`)
    expect(t.searchCache.bytes).toBeLessThanOrEqual(4000)
    expect(t.searchCache.count).toBeGreaterThan(0)
    expect(t.cache.count).toBe(5)
    expect(t.cache.bytes + t.searchCache.bytes).toBeLessThanOrEqual(64_000)
    for (let i = 0; i < 5; i++) expect((await t.app.request(`/page/${i}`)).headers.get('x-cache')).toBe('hit')
  })

  it('keys by path and query', async () => {
    const t = cachedApp()
    await t.app.request('/page/1?a=1')
    const other = await t.app.request('/page/1?a=2')
    expect(other.headers.get('x-cache')).toBe('miss')
    expect((await t.app.request('/page/1?a=1')).headers.get('x-cache')).toBe('hit')
  })

  it('never serves or stores for a signed-in user or a request with a session or flash cookie', async () => {
    const t = cachedApp()
    await t.app.request('/page/1')
    for (const cookie of ['ju_session=good', 'ju_session=stale', 'ju_flash=Saved']) {
      const res = await t.app.request('/page/1', { headers: { cookie } })
      expect(res.headers.get('x-cache')).not.toBe('hit')
      expect(res.headers.get('etag')).toBeNull()
    }
    const bearer = await t.app.request('/page/1', { headers: { authorization: 'Bearer x' } })
    expect(bearer.headers.get('x-cache')).not.toBe('hit')
    expect(t.counts().renders).toBe(5)
  })

  it('never stores a page carrying a CSRF token, and marks it no-store', async () => {
    const t = cachedApp()
    const a = await t.app.request('/form')
    const b = await t.app.request('/form')
    expect(a.headers.get('x-cache')).toBe('miss')
    expect(b.headers.get('x-cache')).toBe('miss')
    expect(a.headers.get('cache-control')).toBe('no-store')
    expect(a.headers.get('etag')).toBeNull()
    const tokenA = /value="([^"]+)"/.exec(await a.text())![1]
    const tokenB = /value="([^"]+)"/.exec(await b.text())![1]
    expect(tokenA).not.toBe(tokenB) // each visitor their own token, with its cookie
    expect(a.headers.getSetCookie().some((l) => l.startsWith('ju_csrf='))).toBe(true)
    expect(t.cache.count).toBe(0)
  })

  it('stores only 200s of cacheable types without private/no-store or other cookies, and never staff pages', async () => {
    const t = cachedApp()
    for (const path of ['/private', '/cookie', '/pdf', '/manage/x', '/missing']) {
      await t.app.request(path)
      const res = await t.app.request(path)
      expect(res.headers.get('x-cache'), path).not.toBe('hit')
    }
    expect(t.cache.count).toBe(0)
    await t.app.request('/feed.ics')
    const ics = await t.app.request('/feed.ics')
    expect(ics.headers.get('x-cache')).toBe('hit')
    expect(ics.headers.get('content-type')).toContain('text/calendar')
    await t.app.request('/own-validator')
    const own = await t.app.request('/own-validator', { headers: { 'if-none-match': '"route-etag"' } })
    expect(own.status).toBe(304)
    expect(own.headers.get('x-cache')).toBe('hit')
    expect(own.headers.get('cache-control')).toBe('public, max-age=300')
  })

  it('stays within its byte bound', async () => {
    const t = cachedApp({ maxBytes: 20_000 })
    for (let i = 0; i < 20; i++) await t.app.request(`/page/${i}?pad=2000`)
    expect(t.cache.bytes).toBeLessThanOrEqual(20_000)
    expect(t.cache.count).toBeGreaterThan(3)
    expect(t.cache.count).toBeLessThan(20)
    expect((await t.app.request('/page/19?pad=2000')).headers.get('x-cache')).toBe('hit')
    expect((await t.app.request('/page/0?pad=2000')).headers.get('x-cache')).toBe('miss')
  })

  it('renders a page once and reads the stamp about once for a burst of concurrent requests', async () => {
    const t = cachedApp()
    const cold = await Promise.all(Array.from({ length: 20 }, () => Promise.resolve(t.app.request('/page/1'))))
    expect(cold.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(t.counts().renders).toBe(1)
    expect(cold.filter((r) => r.headers.get('x-cache') === 'miss')).toHaveLength(1)
    const before = t.counts().reads
    const all = await Promise.all(Array.from({ length: 20 }, () => Promise.resolve(t.app.request('/page/1'))))
    expect(all.every((r) => r.headers.get('x-cache') === 'hit')).toBe(true)
    expect(t.counts().reads - before).toBeLessThanOrEqual(2)
    expect(t.counts().renders).toBe(1)
  })
})
