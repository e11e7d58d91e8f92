import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { serveStatic } from '@hono/node-server/serve-static'
import path from 'node:path'
import type { AppEnv } from './platform/http/types.ts'
import type { Services } from './services.ts'
import { securityHeaders } from './platform/http/security-headers.ts'
import { session } from './platform/http/session.ts'
import { csrf } from './platform/http/csrf.ts'
import { publicRecordStamp, renderCache } from './platform/cache/render-cache.ts'
import { onError, errorPage } from './platform/http/error-handler.ts'
import { CACHED_PAGE_QUERY_PARAMS } from './cache-query-params.ts'
import { healthRoutes } from './platform/http/health.ts'
import { createViewEnvironment, GOVUK_DIST, SRC_ROOT } from './platform/views/nunjucks.ts'
import { render, setViewEnvironment } from './platform/views/render.ts'
import { accountsRoutes } from './modules/accounts/accounts.routes.ts'
import { structureRoutes } from './modules/structure/structure.routes.ts'
import { meetingsRoutes } from './modules/meetings/meetings.routes.ts'
import { minutesRoutes } from './modules/meetings/minutes.routes.ts'
import { manageRoutes } from './modules/structure/manage.routes.ts'
import { actionsRoutes } from './modules/actions/actions.routes.ts'
import { mattersArisingRoutes } from './modules/actions/matters-arising.routes.ts'
import { ownerRoutes } from './modules/actions/owner.routes.ts'
import { calendarRoutes } from './modules/publishing/calendar.routes.ts'
import { feedsRoutes } from './modules/publishing/feeds.routes.ts'
import { searchRoutes } from './modules/search/search.routes.ts'
import { apiRoutes } from './modules/api/api.routes.ts'
import { apiTokensRoutes } from './modules/api/tokens.routes.ts'
import { openDataRoutes } from './modules/opendata/opendata.routes.ts'
import { packsRoutes } from './modules/packs/packs.routes.ts'
import { importerRoutes } from './modules/importer/importer.routes.ts'

export type Logger = { error: (msg: string, meta?: Record<string, unknown>) => void; info: (msg: string, meta?: Record<string, unknown>) => void }

export const consoleLogger: Logger = {
  error: (msg, meta) => console.error(JSON.stringify({ level: 'error', msg, ...meta })),
  info: (msg, meta) => console.log(JSON.stringify({ level: 'info', msg, ...meta })),
}

export function createApp(services: Services, logger: Logger = consoleLogger) {
  const { config } = services
  setViewEnvironment(createViewEnvironment({ cache: config.env !== 'development' }))
  const app = new Hono<AppEnv>()

  // Static assets first: no session, no CSRF, long-lived caching.
  const govukDir = path.join(GOVUK_DIST, 'govuk')
  app.use('/assets/*', serveStatic({ root: govukDir, rewriteRequestPath: (p) => p.replace(/^\/assets/, ''), onFound: (_p, c) => { c.header('Cache-Control', 'public, max-age=86400') } }))
  app.use('/assets/*', serveStatic({ root: path.join(govukDir, 'assets'), rewriteRequestPath: (p) => p.replace(/^\/assets/, ''), onFound: (_p, c) => { c.header('Cache-Control', 'public, max-age=86400') } }))
  app.use('/static/*', serveStatic({ root: path.join(SRC_ROOT, 'platform/views/static'), rewriteRequestPath: (p) => p.replace(/^\/static/, '') }))

  app.use('*', async (c, next) => {
    c.set('config', config)
    await next()
  })
  // Anonymous public pages from the render cache: outside security headers (a cached page keeps the CSP that
  // matches its body), session and CSRF (a hit costs one version read and sets no cookie). See render-cache.ts.
  app.use('*', renderCache({ enabled: config.renderCache, maxBytes: config.renderCacheBytes, readStamp: publicRecordStamp(services.database), queryParams: CACHED_PAGE_QUERY_PARAMS, onError: (err) => logger.error('render cache: version read failed', { error: String(err) }) }))
  app.use('*', securityHeaders())
  app.use('*', bodyLimit({ maxSize: config.maxUploadBytes + 1024 * 1024, onError: (c) => errorPage(c as never, 413, `Files must be smaller than ${Math.round(config.maxUploadBytes / 1024 / 1024)} MB.`) }))
  // Liveness and readiness probes: before the session and CSRF middleware (no session lookup, no cookie).
  app.route('/', healthRoutes({ database: services.database, onError: (err) => logger.info('readiness check failed', { level: 'warn', error: String(err) }) }))
  app.use('*', session((token) => services.accounts.resolveSession(token)))
  app.use('*', csrf({ skip: (p) => p.startsWith('/api/') || /^\/subscriptions\/unsubscribe\/[\w-]{20,100}$/.test(p) })) // RFC 8058 one-click unsubscribe

  app.get('/accessibility', (c) => render(c, 'accessibility.njk', { pageTitle: 'Accessibility statement' }))

  app.route('/', accountsRoutes(services.accounts))
  app.route('/', manageRoutes(services))
  app.route('/', structureRoutes(services))
  app.route('/', meetingsRoutes(services))
  app.route('/', minutesRoutes(services))
  app.route('/', actionsRoutes(services))
  app.route('/', mattersArisingRoutes(services))
  app.route('/', ownerRoutes(services))
  app.route('/', calendarRoutes(services))
  app.route('/', feedsRoutes(services))
  app.route('/', searchRoutes(services))
  app.route('/', apiRoutes(services))
  app.route('/', apiTokensRoutes(services))
  app.route('/', openDataRoutes(services))
  app.route('/', packsRoutes(services))
  app.route('/', importerRoutes(services))

  app.notFound((c) => errorPage(c, 404, 'If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.'))
  app.onError(onError((err, c) => logger.error('unhandled error', { path: c.req.path, method: c.req.method, error: err instanceof Error ? err.stack : String(err) })))
  return app
}
export type App = ReturnType<typeof createApp>
