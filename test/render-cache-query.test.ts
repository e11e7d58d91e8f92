import { describe, expect, it } from 'vitest'
import { useTestApp } from './support/use-test-app.ts'

/**
 * Issue 10, defect 4: an extra query parameter no longer makes a new cache entry. The key, and the request the
 * page renders, keep only the parameters the page reads (src/cache-query-params.ts).
 */
describe('the render cache key on the real app', () => {
  const t = useTestApp()
  const get = async (path: string) => {
    const res = await t.app.request(`http://localhost${path}`)
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() }
  }

  it('serves /search?q=x&junk=N from the entry for /search?q=x', async () => {
    expect((await get('/search?q=minutes')).cache).toBe('miss')
    expect((await get('/search?q=minutes')).cache).toBe('hit')
    for (let n = 0; n < 5; n++) {
      const res = await get(`/search?q=minutes&junk=${n}`)
      expect(res.status).toBe(200)
      expect(res.cache).toBe('hit')
    }
    expect((await get('/search?utm_source=x&q=minutes')).cache).toBe('hit')
  })

  it('still varies the key by the parameters the page reads', async () => {
    expect((await get('/search?q=agenda')).cache).toBe('miss')
    expect((await get('/search?q=agenda&page=2')).cache).toBe('miss')
    expect((await get('/search?page=2&q=agenda')).cache).toBe('hit')
    expect((await get('/search?q=agenda&order=date')).cache).toBe('miss')
    expect((await get('/calendar?view=list')).cache).toBe('miss')
    expect((await get('/calendar?view=list&junk=1')).cache).toBe('hit')
    expect((await get('/calendar?view=month')).cache).toBe('miss')
  })

  it('renders the page without the dropped parameters, so an entry never carries them', async () => {
    // The API echoes its request in links.self: the page saw only what its key holds.
    const first = await get('/api/v1/partnerships?junk=canary123&limit=5')
    expect(first.status).toBe(200)
    expect(first.cache).toBe('miss')
    expect(JSON.parse(first.body).links.self).toBe('/api/v1/partnerships?limit=5')
    const again = await get('/api/v1/partnerships?limit=5')
    expect(again.cache).toBe('hit')
    expect(again.body).not.toContain('canary123')
  })

  it('a page that reads no parameter has one entry whatever is added', async () => {
    expect((await get('/open-data?x=1')).cache).toBe('miss')
    expect((await get('/open-data?x=2')).cache).toBe('hit')
    expect((await get('/open-data')).cache).toBe('hit')
  })
})
