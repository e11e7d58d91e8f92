import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import type { StructureService } from '../structure/structure.service.ts'
import { searchRepository, type BodyOption, type SearchHit } from './search.repository.ts'
import type { StructureDetails } from './search-structure.ts'
import { SEARCH_KINDS, splitQuery, type SearchKind, type SearchOrder } from './search.schemas.ts'

export const PAGE_SIZE = 20

export const NO_DETAILS: StructureDetails = { partnerships: new Map(), bodies: new Map(), organisations: new Map(), people: new Map() }

export type SearchInput = {
  q: string
  bodySlug?: string
  from?: string
  to?: string
  kinds: SearchKind[]
  order: SearchOrder
  page: number
}

export type SearchResults = {
  /** False when nothing searchable was asked (the form alone). */
  searched: boolean
  hits: SearchHit[]
  total: number
  page: number
  pageCount: number
  bodies: BodyOption[]
  /** Where the page's partnership, body, organisation and person hits lead, and what they say. */
  details: StructureDetails
  /** Filter errors found while running (an unknown body). */
  errors?: FieldErrors
}

/**
 * Public full-text search over agenda items, minutes, decisions, public papers and public actions, and the
 * structure: partnerships, bodies, organisations and people by their public roles (search-structure.ts).
 */
export function searchService(db: Db, deps: { structure: StructureService; config: Config }) {
  void deps
  const repo = searchRepository(db)

  return {
    /** The bodies the filter offers (public: names only). */
    bodyOptions: (): Promise<BodyOption[]> => repo.bodyOptions(),

    async search(input: SearchInput): Promise<SearchResults> {
      const bodies = await repo.bodyOptions()
      const empty = (errors?: FieldErrors): SearchResults => ({ searched: false, hits: [], total: 0, page: 1, pageCount: 0, bodies, details: NO_DETAILS, errors })
      let bodyId: string | undefined
      if (input.bodySlug) {
        bodyId = bodies.find((b) => b.slug === input.bodySlug)?.id
        if (!bodyId) return empty({ body: 'Select a body from the list' })
      }
      if (input.q === '') return empty()
      const { positive, negative } = splitQuery(input.q)
      const parsed = await repo.parseQueries(positive, negative.join(' or '))
      const exclude = parsed.exclude
      let match = parsed.match
      if (match.includes('!')) {
        // Belt and braces: the words to find must hold no exclusion (see splitQuery); read '-' as a space.
        match = (await repo.parseQueries(positive.replace(/-/g, ' '), '')).match
      }
      if (match === '') return { ...empty(), searched: true }
      const kinds = input.kinds.length ? input.kinds : [...SEARCH_KINDS]
      const page = Math.max(1, input.page)
      const { hits, total } = await repo.search({
        match,
        exclude: exclude === '' ? null : exclude,
        kinds,
        bodyId,
        from: input.from,
        to: input.to,
        order: input.order,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      })
      const details = await repo.structureDetails(hits)
      return { searched: true, hits, total, page, pageCount: Math.ceil(total / PAGE_SIZE), bodies, details }
    },
  }
}
export type SearchService = ReturnType<typeof searchService>
