import { describe, expect, it } from 'vitest'
import { queryNormaliser } from './query-key.ts'

describe('queryNormaliser', () => {
  const normalise = queryNormaliser([
    { path: '/search', params: ['q', 'kind', 'page'] },
    { path: '/bodies/:slug', params: ['page'] },
    { path: '/api/v1/*', params: ['limit', 'cursor'] },
  ])

  /** Asserts each [path, query] normalises to its key. */
  const expectKeys = (cases: [path: string, query: string, key: string][]) => {
    for (const [p, query, key] of cases) expect(normalise(p, query), `${p}${query}`).toBe(key)
  }

  it('drops parameters the page does not read', () => {
    expectKeys([
      ['/search', '?q=x&junk=1', '?q=x'],
      ['/search', '?junk=1', ''],
      ['/search', '?', ''],
    ])
  })

  it('keeps the parameters the page reads, names in one order, repeated values in theirs', () => {
    expectKeys([
      ['/search', '?page=2&q=x', '?page=2&q=x'],
      ['/search', '?q=x&page=2', '?page=2&q=x'],
      ['/search', '?kind=paper&q=x&kind=item', '?kind=paper&kind=item&q=x'],
      ['/search', '?kind=item&q=x&kind=paper', '?kind=item&kind=paper&q=x'],
    ])
  })

  it('spells each value one way, as the page decodes it', () => {
    expect(normalise('/search', '?q=a+b')).toBe(normalise('/search', '?q=a%20b'))
    expect(normalise('/search', '?%71=%61')).toBe('?q=a')
    expect(normalise('/search', '?q=%E0%A4%A')).toBe('?q=%E0%A4%A') // malformed: keyed as sent
    expect(normalise('/search', '?q')).toBe('?q')
  })

  it('matches :name segments and /* prefixes; a path no rule names reads nothing', () => {
    expectKeys([
      ['/bodies/health-board', '?page=3&q=x', '?page=3'],
      ['/bodies/health-board/actions', '?page=3', ''],
      ['/api/v1/meetings', '?cursor=abc&x=1', '?cursor=abc'],
      ['/api/v1', '?limit=5', '?limit=5'],
      ['/api/v10', '?limit=5', ''],
      ['/meetings/1', '?junk=1', ''],
    ])
  })

  it('keeps the query as sent when no rules are given', () => {
    expect(queryNormaliser(undefined)('/anything', '?b=2&a=1')).toBe('?b=2&a=1')
  })
})
