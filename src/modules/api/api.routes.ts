import { Hono, type Context, type ErrorHandler } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { AppError } from '../../platform/http/errors.ts'
import { problem } from '../../platform/http/error-handler.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { idParam } from '../meetings/meetings.schemas.ts'
import { openApiDocument } from './openapi.ts'
import { MeetingPatchSchema } from './api.schemas.ts'
import type { Page } from './api.service.ts'
import { formFields, jsonHandler } from '../../platform/http/json-route.ts'
import { ScheduleMeetingSchema, NewItemSchema } from '../meetings/meetings.schemas.ts'
import { UpdateSchema } from '../actions/actions.schemas.ts'
import { docsPage } from './api.presenter.ts'
import { apiPaths } from './api.paths.ts'

type C = Context<AppEnv>

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  422: 'Unprocessable content',
}

/** Every error under /api/v1 as application/problem+json; anything unexpected goes on to the app's handler (logged, 500). */
const apiOnError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) {
    // A rule a service applies to a field of a well-formed body is the same kind of refusal as a schema's: 422.
    if (err.code === 'VALIDATION' && err.fieldErrors && c.req.method !== 'GET') {
      return problem(c, 422, TITLES[422]!, err.message, { errors: err.fieldErrors })
    }
    const res = problem(c, err.status, TITLES[err.status] ?? 'Error', err.message, err.fieldErrors ? { errors: err.fieldErrors } : {})
    if (err.code === 'UNAUTHENTICATED') res.headers.set('WWW-Authenticate', 'Bearer realm="joined-up"')
    return res
  }
  throw err
}

/** The query string as plain values (the first of each repeated name). */
function queryOf(c: C): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of new URL(c.req.url).searchParams) if (!(k in out)) out[k] = v
  return out
}

/** `{ data, links: { self, next } }`: next keeps the request's filters and carries the new cursor. */
function pageResponse<T>(c: C, result: Page<T>) {
  const u = new URL(c.req.url)
  const self = `${u.pathname}${u.search}`
  let next: string | null = null
  if (result.nextCursor) {
    u.searchParams.set('cursor', result.nextCursor)
    next = `${u.pathname}?${u.searchParams.toString()}`
  }
  return c.json({ data: result.data, links: { self, next } })
}

/** The versioned JSON API, its OpenAPI document and the docs page rendered from it. */
export function apiRoutes(services: Services) {
  const { api } = services
  const app = new Hono<AppEnv>()
  app.onError(apiOnError)

  const document = () => openApiDocument(services.config.publicUrl.replace(/\/$/, ''))
  const list = (path: string, fn: (q: Record<string, string>) => Promise<Page<unknown>>) =>
    app.get(path, async (c) => pageResponse(c, await fn(queryOf(c))))
  const actor = (c: C) => api.tokens.authenticate(c.req.header('authorization'))

  app.get(apiPaths.openapi(), (c) => {
    return c.json(document())
  })
  app.get(apiPaths.docs(), (c) => render(c, 'api/views/docs.njk', { pageTitle: 'Joined Up API', ...docsPage(document()) }))

  list('/api/v1/partnerships', (q) => api.listPartnerships(q))
  list('/api/v1/organisations', (q) => api.listOrganisations(q))
  list('/api/v1/bodies', (q) => api.listBodies(q))
  list('/api/v1/people', (q) => api.listPeople(q))
  list('/api/v1/memberships', (q) => api.listMemberships(q))
  list('/api/v1/meetings', (q) => api.listMeetings(q))
  list('/api/v1/documents', (q) => api.listDocuments(q))
  list('/api/v1/decisions', (q) => api.listDecisions(q))
  list('/api/v1/actions', (q) => api.listActions(q))

  app.get('/api/v1/meetings/:id', async (c) => {
    return c.json(await api.getMeeting(idParam(c.req.param('id'), 'Meeting')))
  })

  // ---- writes: Authorization: Bearer <token>; never a session cookie (no CSRF check under /api/) ----

  const write = (what: string) => async (c: C) => {
    const { user } = await actor(c)
    return { user, id: idParam(c.req.param('id'), what) }
  }
  app.post(
    '/api/v1/bodies/:id/meetings',
    jsonHandler({
      load: write('Body'),
      input: formFields,
      schema: ScheduleMeetingSchema,
      run: (input, { user, id }) => api.scheduleMeeting(user, id, input),
      status: 201,
      location: (meeting) => apiPaths.meeting(meeting.id),
    }),
  )
  app.patch(
    '/api/v1/meetings/:id',
    jsonHandler({ load: write('Meeting'), input: formFields, schema: MeetingPatchSchema, run: (patch, { user, id }) => api.updateMeeting(user, id, patch) }),
  )
  app.post(
    '/api/v1/meetings/:id/items',
    jsonHandler({ load: write('Meeting'), input: formFields, schema: NewItemSchema, run: (input, { user, id }) => api.addItem(user, id, input), status: 201 }),
  )
  app.post(
    '/api/v1/actions/:id/updates',
    jsonHandler({ load: write('Action'), input: formFields, schema: UpdateSchema, run: (input, { user, id }) => api.addActionUpdate(user, id, input), status: 201 }),
  )

  // Anything else under /api/ falls to the app's notFound, which answers /api/ paths with problem+json.
  return app
}
