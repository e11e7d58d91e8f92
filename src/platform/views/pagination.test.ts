import { describe, expect, it } from 'vitest'
import { pagination } from './pagination.ts'

const href = (p: number) => `?page=${p}`

describe('GOV.UK pagination', () => {
  it('is null for a single page', () => {
    expect(pagination({ page: 1, pageCount: 1 }, href)).toBeNull()
  })

  it('shows the first and last pages, two either side of the current one, and an ellipsis per gap', () => {
    const p = pagination({ page: 10, pageCount: 20 }, href)!
    expect(p.items.map((i) => ('ellipsis' in i ? '…' : i.current ? `[${i.number}]` : String(i.number)))).toEqual([
      '1', '…', '8', '9', '[10]', '11', '12', '…', '20',
    ])
    expect(p.previous).toEqual({ href: '?page=9' })
    expect(p.next).toEqual({ href: '?page=11' })
  })

  it('has no previous link on the first page and no next link on the last', () => {
    expect(pagination({ page: 1, pageCount: 3 }, href)).toEqual({
      items: [1, 2, 3].map((n) => ({ number: n, href: href(n), current: n === 1 })),
      next: { href: '?page=2' },
    })
    expect(pagination({ page: 3, pageCount: 3 }, href)?.next).toBeUndefined()
  })
})
