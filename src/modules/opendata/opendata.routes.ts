import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../platform/http/types.ts'
import { AppError } from '../../platform/http/errors.ts'
import { PUBLIC_CACHE_CONTROL } from '../../platform/cache/render-cache.ts'
import { etagMatches, strongEtag } from '../../platform/http/etag.ts'
import { problem } from '../../platform/http/error-handler.ts'
import { zodFieldErrors } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import { withQuery } from '../structure/structure.paths.ts'
import type { Services } from '../../services.ts'
import { openDataPaths } from './opendata.paths.ts'
import { EventsQuery, PopoloQuery } from './opendata.schemas.ts'

const TITLES: Record<number, string> = { 400: 'There is a problem with your request', 404: 'Not found' }

/**
 * JSON downloads: callable from any origin (no cookies are read or set), with the caching rule of every public
 * channel: anyone may keep the bytes but must ask again each time (withdrawn content must not linger in a
 * shared cache), and the answer is a cheap 304 while the document's strong ETag (a hash of it) still matches.
 */
function jsonDownload(c: Context<AppEnv>, body: unknown, extra: Record<string, string> = {}): Response {
  const text = JSON.stringify(body, null, 2)
  const etag = strongEtag(text)
  const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': PUBLIC_CACHE_CONTROL, ETag: etag, ...extra }
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
  return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
}

/** Runs a JSON handler; bad input is 400 and a missing record 404, both as problem+json (never an HTML page). */
async function asJson(c: Context<AppEnv>, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof z.ZodError) {
      return problem(c, 400, TITLES[400]!, 'Check the query parameters.', { errors: zodFieldErrors(err) })
    }
    if (err instanceof AppError && (err.status === 400 || err.status === 404)) {
      return problem(c, err.status, TITLES[err.status]!, err.message, err.fieldErrors ? { errors: err.fieldErrors } : {})
    }
    throw err
  }
}

/** Public open data: no sign-in; only what the public rules allow. */
export function openDataRoutes(services: Services) {
  const openData = services.openData
  const app = new Hono<AppEnv>()

  app.get(openDataPaths.index(), async (c) => {
    return render(c, 'opendata/views/open-data.njk', await openData.openDataPage())
  })

  app.get(openDataPaths.popolo(), (c) =>
    asJson(c, async () => {
      const query = PopoloQuery.parse(c.req.query())
      return jsonDownload(c, await openData.popolo(query))
    }),
  )

  app.get(openDataPaths.events(), (c) =>
    asJson(c, async () => {
      const query = EventsQuery.parse(c.req.query())
      const pageHref = (page: number) =>
        withQuery(openDataPaths.events(), {
          page,
          per_page: query.per_page,
          from: query.from,
          to: query.to,
          partnership: query.partnership,
          body: query.body,
        })
      const doc = await openData.eventsPage(query, pageHref)
      const links = [
        doc.pagination.next ? `<${doc.pagination.next}>; rel="next"` : null,
        doc.pagination.previous ? `<${doc.pagination.previous}>; rel="prev"` : null,
      ].filter((l): l is string => !!l)
      return jsonDownload(c, doc, links.length ? { Link: links.join(', ') } : {})
    }),
  )

  app.get(openDataPaths.meetingEvent(':id'), (c) =>
    asJson(c, async () => {
      const id = z.uuid().safeParse(c.req.param('id'))
      if (!id.success) return problem(c, 404, TITLES[404]!, 'Meeting not found')
      return jsonDownload(c, await openData.meetingEvent(id.data))
    }),
  )

  return app
}
