import type { QueryParamRule } from './platform/cache/query-key.ts'
import { SearchQuerySchema } from './modules/search/search.schemas.ts'
import { searchPaths } from './modules/search/search.paths.ts'
import { CalendarQuerySchema } from './modules/publishing/calendar.schemas.ts'
import { DecisionQuerySchema } from './modules/decisions/decisions.schemas.ts'
import { decisionPaths } from './modules/decisions/decisions.paths.ts'
import { PageQuery } from './modules/structure/structure.schemas.ts'
import { EventsQuery, PopoloQuery } from './modules/opendata/opendata.schemas.ts'
import { openDataPaths } from './modules/opendata/opendata.paths.ts'
import {
  ActionsQuerySchema,
  BodiesQuerySchema,
  DecisionsQuerySchema,
  DocumentsQuerySchema,
  MeetingsQuerySchema,
  MembershipsQuerySchema,
  PageQuerySchema,
} from './modules/api/api.schemas.ts'
import { strategyPaths } from './modules/strategy/strategy.paths.ts'
import { PublicCompareQuery } from './modules/strategy/strategy.schemas.ts'
import { programmePaths } from './modules/programme/programme.paths.ts'
import { TimelinePageQuery } from './modules/programme/programme.schemas.ts'

const keys = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape)

/**
 * The query parameters each anonymous, cacheable page reads (issue 10, defect 4; see
 * platform/cache/query-key.ts). Taken from the schema each page parses its query with, so a parameter added to a
 * schema is kept in the cache key at once. Every other public page reads no parameter: its key is its path.
 * Pages never cached (staff pages, sign-in, secret links) are not listed: they see their query as sent.
 */
export const CACHED_PAGE_QUERY_PARAMS: readonly QueryParamRule[] = [
  { path: searchPaths.public.search(), params: keys(SearchQuerySchema) },
  { path: '/calendar', params: keys(CalendarQuerySchema) },
  { path: decisionPaths.public.decisions(), params: keys(DecisionQuerySchema) },
  { path: '/bodies/:slug', params: keys(PageQuery) },
  { path: strategyPaths.public.compare(':slug'), params: keys(PublicCompareQuery) },
  { path: strategyPaths.public.theme(':slug', ':theme'), params: keys(TimelinePageQuery) },
  { path: programmePaths.public.workstream(':slug', ':workstream'), params: keys(TimelinePageQuery) },
  { path: openDataPaths.events(), params: keys(EventsQuery) },
  { path: openDataPaths.popolo(), params: keys(PopoloQuery) },
  { path: '/api/v1/partnerships', params: keys(PageQuerySchema) },
  { path: '/api/v1/organisations', params: keys(PageQuerySchema) },
  { path: '/api/v1/people', params: keys(PageQuerySchema) },
  { path: '/api/v1/bodies', params: keys(BodiesQuerySchema) },
  { path: '/api/v1/memberships', params: keys(MembershipsQuerySchema) },
  { path: '/api/v1/meetings', params: keys(MeetingsQuerySchema) },
  { path: '/api/v1/documents', params: keys(DocumentsQuerySchema) },
  { path: '/api/v1/decisions', params: keys(DecisionsQuerySchema) },
  { path: '/api/v1/actions', params: keys(ActionsQuerySchema) },
]
