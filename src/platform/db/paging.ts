/** A page of rows from a repository: the rows and how many there are in all. */
export type Page<T> = { rows: T[]; total: number }
/** What a repository is asked for: a LIMIT and an OFFSET. */
export type PageRequest = { limit: number; offset: number }
/** A page as a use case returns it: numbered from 1, with how many pages there are. */
export type Paged<T> = Page<T> & { page: number; pageCount: number }

/** The LIMIT and OFFSET of page `page` (from 1) of `size` rows. */
export const pageOf = (page: number, size: number): PageRequest => ({ limit: size, offset: (Math.max(1, page) - 1) * size })

/** A repository's page, numbered. */
export const paged = <T>(result: Page<T>, page: number, size: number): Paged<T> => ({
  ...result,
  page,
  pageCount: Math.max(1, Math.ceil(result.total / size)),
})
