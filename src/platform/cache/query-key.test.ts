import { describe, expect, it } from 'vitest'
import { queryNormaliser } from './query-key.ts'

describe('queryNormaliser', () => {
  const normalise = queryNormaliser([
    { path: '/search', params: ['q', 'kind', 'page'] },
    { path: '/bodies/:slug', params: ['page'] },
    { path: '/api/v1/*', params: ['limit', 'cursor'] },
  ])

  it('drops parameters the page does not read', () => {
    expect(normalise('/search', '?q=x&junk=1')).toBe('?q=x')
    expect(normalise('/search', '?junk=1')).toBe('')
    expect(normalise('/search', '?')).toBe('')
  })

  it('keeps the parameters the page reads, names in one order, repeated values in theirs', () => {
    expect(normalise('/search', '?page=2&q=x')).toBe('?page=2&q=x')
    expect(normalise('/search', '?q=x&page=2')).toBe('?page=2&q=x')
    expect(normalise('/search', '?kind=paper&q=x&kind=item')).toBe('?kind=paper&kind=item&q=x')
    expect(normalise('/search', '?kind=item&q=x&kind=paper')).toBe('?kind=item&kind=paper&q=x')
  })

  it('spells each value one way, as the page decodes it', () => {
    expect(normalise('/search', '?q=a+b')).toBe(normalise('/search', '?q=a%20b'))
    expect(normalise('/search', '?%71=%61')).toBe('?q=a')
    expect(normalise('/search', '?q=%E0%A4%A')).toBe('?q=%E0%A4%A') // malformed: keyed as sent
    expect(normalise('/search', '?q')).toBe('?q')
  })

  it('matches :name segments and /* prefixes; a path no rule names reads nothing', () => {
    expect(normalise('/bodies/health-board', '?page=3&q=x')).toBe('?page=3')
    expect(normalise('/bodies/health-board/actions', '?page=3')).toBe('')
    expect(normalise('/api/v1/meetings', '?cursor=abc&x=1')).toBe('?cursor=abc')
    expect(normalise('/api/v1', '?limit=5')).toBe('?limit=5')
    expect(normalise('/api/v10', '?limit=5')).toBe('')
    expect(normalise('/meetings/1', '?junk=1')).toBe('')
  })

  it('keeps the query as sent when no rules are given', () => {
    expect(queryNormaliser(undefined)('/anything', '?b=2&a=1')).toBe('?b=2&a=1')
  })
})
