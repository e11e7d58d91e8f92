import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { errorSummary, zodFieldErrors } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { searchPaths } from './search.paths.ts'
import { searchPage } from './search.presenter.ts'
import { SearchQuerySchema } from './search.schemas.ts'
import { NO_DETAILS } from './search.service.ts'

const VIEW = 'search/views/search.njk'

/** GET /search: a public page (no cookies, no staff data); the form works without JavaScript. */
export function searchRoutes(services: Services) {
  const app = new Hono<AppEnv>()

  app.get(searchPaths.public.search(), async (c) => {
    const values = c.req.queries()
    const single = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k === 'kind' ? v : v[v.length - 1]]))
    const parsed = SearchQuerySchema.safeParse(single)
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error)
      const results = { searched: false, hits: [], total: 0, page: 1, pageCount: 0, bodies: await services.search.bodyOptions(), details: NO_DETAILS }
      return render(c, VIEW, { ...searchPage(results, single, errors), errors, errorSummary: errorSummary(errors) }, 400)
    }
    const input = parsed.data
    const results = await services.search.search({ q: input.q, bodySlug: input.body, from: input.from, to: input.to, kinds: input.kind, order: input.order, page: input.page })
    if (results.errors) {
      return render(c, VIEW, { ...searchPage(results, single, results.errors), errors: results.errors, errorSummary: errorSummary(results.errors) }, 400)
    }
    return render(c, VIEW, searchPage(results, single))
  })

  return app
}
