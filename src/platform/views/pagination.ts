/**
 * GOV.UK pagination component parameters for numbered pages, or null when there is only one page: the
 * first and last page, two either side of the current one, and an ellipsis for each gap.
 */
export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true }
export type Pagination = { items: PaginationItem[]; previous?: { href: string }; next?: { href: string } }

export function pagination(paged: { page: number; pageCount: number }, href: (page: number) => string): Pagination | null {
  const { page, pageCount } = paged
  if (pageCount <= 1) return null
  const items: PaginationItem[] = []
  let last = 0
  for (let p = 1; p <= pageCount; p++) {
    if (p !== 1 && p !== pageCount && Math.abs(p - page) > 2) continue
    if (p - last > 1) items.push({ ellipsis: true })
    items.push({ number: p, href: href(p), current: p === page })
    last = p
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: href(page + 1) } } : {}),
  }
}
