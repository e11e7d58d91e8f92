import { describe, expect, it } from 'vitest'
import { etagMatches, strongEtag } from './etag.ts'

describe('ETags', () => {
  it('are strong, stable per body and different for different bodies (text or bytes alike)', () => {
    const a = strongEtag('one')
    expect(a).toMatch(/^"[\w-]{32}"$/)
    expect(strongEtag('one')).toBe(a)
    expect(strongEtag(new TextEncoder().encode('one'))).toBe(a)
    expect(strongEtag('two')).not.toBe(a)
  })

  it('match If-None-Match by the weak comparison', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches('"b", "a"', '"a"')).toBe(true)
    expect(etagMatches('"nope", W/"a"', '"a"')).toBe(true)
    expect(etagMatches('*', '"a"')).toBe(true)
    expect(etagMatches('"b"', '"a"')).toBe(false)
    expect(etagMatches(undefined, '"a"')).toBe(false)
    expect(etagMatches(null, '"a"')).toBe(false)
  })
})
