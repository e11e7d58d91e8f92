import { Hono, type Context } from 'hono'
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
import { accountPagesRoutes } from './modules/accounts/account-pages.routes.ts'
import { usersRoutes } from './modules/accounts/users.routes.ts'
import { sessionsRoutes } from './modules/accounts/sessions.routes.ts'
import { ssoRoutes } from './modules/accounts/sso.routes.ts'
import { secondFactorRoutes } from './modules/accounts/second-factor.routes.ts'
import { twoFactorRoutes } from './modules/accounts/two-factor.routes.ts'
import { securityRoutes, twoFactorGate } from './modules/accounts/security.routes.ts'
import { passkeysRoutes } from './modules/accounts/passkeys.routes.ts'
import { meetingsRoutes } from './modules/meetings/meetings.routes.ts'
import { minutesRoutes } from './modules/meetings/minutes.routes.ts'
import { manageRoutes, type ManageNavigation } from './modules/structure/manage.routes.ts'
import { meetingPaths } from './modules/meetings/meetings.paths.ts'
import { importerPaths } from './modules/importer/importer.paths.ts'
import { apiPaths } from './modules/api/api.paths.ts'
import { actionPaths } from './modules/actions/actions.paths.ts'
import { topicPaths } from './modules/topics/topics.paths.ts'
import { actionsRoutes } from './modules/actions/actions.routes.ts'
import { itemActionsSection } from './modules/actions/actions.presenter.ts'
import { mattersArisingRoutes } from './modules/actions/matters-arising.routes.ts'
import { decisionsRoutes } from './modules/decisions/decisions.routes.ts'
import { topicsRoutes } from './modules/topics/topics.routes.ts'
import { ownerRoutes } from './modules/reminders/owner.routes.ts'
import { calendarRoutes } from './modules/publishing/calendar.routes.ts'
import { feedsRoutes } from './modules/publishing/feeds.routes.ts'
import { searchRoutes } from './modules/search/search.routes.ts'
import { apiRoutes } from './modules/api/api.routes.ts'
import { apiTokensRoutes } from './modules/api/tokens.routes.ts'
import { openDataRoutes } from './modules/opendata/opendata.routes.ts'
import { packsRoutes } from './modules/packs/packs.routes.ts'
import { importerRoutes } from './modules/importer/importer.routes.ts'
import { publicRoutes } from './modules/public/public.routes.ts'
import { strategyRoutes } from './modules/strategy/strategy.routes.ts'
import { programmeRoutes } from './modules/programme/programme.routes.ts'
import { strategyPaths } from './modules/strategy/strategy.paths.ts'
import { programmePaths } from './modules/programme/programme.paths.ts'
import { auditLogRoutes } from './modules/auditlog/auditlog.routes.ts'
import { auditPaths } from './modules/auditlog/auditlog.paths.ts'
import { accountPaths } from './modules/accounts/accounts.paths.ts'
import { canManagePeople } from './modules/accounts/accounts.policy.ts'
import { canSeeAuditLog } from './modules/auditlog/auditlog.policy.ts'
import { membersRoutes } from './modules/members/members.routes.ts'
import { memberPaths } from './modules/members/members.paths.ts'

export type Logger = { error: (msg: string, meta?: Record<string, unknown>) => void; info: (msg: string, meta?: Record<string, unknown>) => void }

export const consoleLogger: Logger = {
  error: (msg, meta) => console.error(JSON.stringify({ level: 'error', msg, ...meta })),
  info: (msg, meta) => console.log(JSON.stringify({ level: 'info', msg, ...meta })),
}

type HonoApp = Hono<AppEnv>

/**
 * The app, assembled in the order a request meets it (read top to bottom). Each step is a named function below;
 * `services` is the composition root (src/services.ts). Tests build it with app.request(), without a socket.
 */
export function createApp(services: Services, logger: Logger = consoleLogger) {
  const app = new Hono<AppEnv>()
  setUpViews(services)
  setUpStaticAssets(app)
  setUpRequestContext(app, services)
  setUpRenderCache(app, services, logger)
  setUpWebSecurity(app, services)
  setUpProbes(app, services, logger)
  setUpSession(app, services)
  setUpOperationalPages(app)
  setUpModuleRoutes(app, services)
  setUpErrorHandling(app, logger)
  return app
}

function setUpViews({ config }: Services): void {
  setViewEnvironment(createViewEnvironment({ cache: config.env !== 'development' }))
}

/** Static assets first: no session, no CSRF, long-lived caching. */
function setUpStaticAssets(app: HonoApp): void {
  const govukDir = path.join(GOVUK_DIST, 'govuk')
  const longLived = { onFound: (_p: string, c: Context) => { c.header('Cache-Control', 'public, max-age=86400') } }
  const underAssets = (p: string) => p.replace(/^\/assets/, '')
  app.use('/assets/*', serveStatic({ root: govukDir, rewriteRequestPath: underAssets, ...longLived }))
  app.use('/assets/*', serveStatic({ root: path.join(govukDir, 'assets'), rewriteRequestPath: underAssets, ...longLived }))
  app.use('/static/*', serveStatic({ root: path.join(SRC_ROOT, 'platform/views/static'), rewriteRequestPath: (p) => p.replace(/^\/static/, '') }))
  // The icon browsers ask for at the root whatever the page says (scripts/favicon.ts draws it): a year in caches.
  for (const file of ['favicon.ico', 'favicon.svg']) {
    app.use(`/${file}`, async (c, next) => {
      await next()
      if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
    })
    app.use(`/${file}`, serveStatic({ path: path.join(SRC_ROOT, 'platform/views/static', file) }))
  }
}

/** The configuration slice the HTTP platform reads (HttpConfig) on every request. */
function setUpRequestContext(app: HonoApp, { config }: Services): void {
  app.use('*', async (c, next) => {
    c.set('config', config)
    await next()
  })
}

/**
 * Anonymous public pages from the render cache: outside security headers (a cached page keeps the CSP that
 * matches its body), session and CSRF (a hit costs one version read and sets no cookie). See render-cache.ts.
 */
function setUpRenderCache(app: HonoApp, services: Services, logger: Logger): void {
  const { config } = services
  app.use('*', renderCache({ enabled: config.renderCache, maxBytes: config.renderCacheBytes, readStamp: publicRecordStamp(services.database), queryParams: CACHED_PAGE_QUERY_PARAMS, onError: (err) => logger.error('render cache: version read failed', { error: String(err) }) }))
}

/** Security headers (CSP with a nonce) and the body size limit. */
function setUpWebSecurity(app: HonoApp, { config }: Services): void {
  app.use('*', securityHeaders())
  app.use('*', bodyLimit({ maxSize: config.maxUploadBytes + 1024 * 1024, onError: (c) => errorPage(c as never, 413, `Files must be smaller than ${Math.round(config.maxUploadBytes / 1024 / 1024)} MB.`) }))
}

/** Liveness and readiness probes: before the session and CSRF middleware (no session lookup, no cookie). */
function setUpProbes(app: HonoApp, services: Services, logger: Logger): void {
  app.route('/', healthRoutes({ database: services.database, onError: (err) => logger.info('readiness check failed', { level: 'warn', error: String(err) }) }))
}

/** The signed-in user from the session cookie, then CSRF on unsafe methods (not the token-authenticated API). */
function setUpSession(app: HonoApp, services: Services): void {
  app.use('*', session((token, opts) => services.accounts.resumeSession(token, opts)))
  app.use('*', csrf({ skip: (p) => p.startsWith('/api/') || /^\/subscriptions\/unsubscribe\/[\w-]{20,100}$/.test(p) })) // RFC 8058 one-click unsubscribe
}

function setUpOperationalPages(app: HonoApp): void {
  app.get('/accessibility', (c) => render(c, 'accessibility.njk', { pageTitle: 'Accessibility statement' }))
}

/** Each module's routes. Order matters only where two modules could match one path (none today). */
function setUpModuleRoutes(app: HonoApp, services: Services): void {
  // When an admin requires it, staff without two-factor sign-in set it up before any management page works.
  const gate = twoFactorGate(services.accounts)
  app.use('/manage', gate)
  app.use('/manage/*', gate)
  app.route('/', accountsRoutes(services.accounts))
  app.route('/', secondFactorRoutes(services.accounts))
  app.route('/', accountPagesRoutes(services.accounts))
  app.route('/', twoFactorRoutes(services.accounts))
  app.route('/', passkeysRoutes(services.accounts))
  app.route('/', usersRoutes(services.accounts))
  app.route('/', sessionsRoutes(services.accounts))
  app.route('/', ssoRoutes(services.accounts))
  app.route('/', securityRoutes(services.accounts))
  app.route('/', manageRoutes(services, manageNavigation(services)))
  // The public record's pages (home, partnership, body, meeting): their paths collide with no staff route.
  app.route('/', publicRoutes(services))
  app.route('/', meetingsRoutes(services, {
    mattersArising: actionPaths.manage.mattersArising,
    generateMattersArising: actionPaths.manage.generateMattersArising,
    itemTopics: topicPaths.manage.itemTopics,
    history: (meetingId) => auditPaths.manage.ofRecord('meeting', meetingId),
  }))
  // The minutes item page lists the item's actions: a section of the actions module (above meetings), passed in.
  const itemActions = async (itemId: string) =>
    itemActionsSection(itemId, await services.actions.actionsOfItem(itemId), services.actions.today())
  app.route('/', minutesRoutes(services, { itemActions }))
  app.route('/', actionsRoutes(services))
  app.route('/', mattersArisingRoutes(services))
  app.route('/', decisionsRoutes(services))
  app.route('/', topicsRoutes(services)) // after matters arising: it extends the actionPaths template global
  app.route('/', strategyRoutes(services))
  app.route('/', programmeRoutes(services))
  app.route('/', ownerRoutes(services))
  app.route('/', calendarRoutes(services))
  app.route('/', feedsRoutes(services))
  app.route('/', searchRoutes(services))
  app.route('/', apiRoutes(services))
  app.route('/', apiTokensRoutes(services))
  app.route('/', openDataRoutes(services))
  app.route('/', packsRoutes(services))
  app.route('/', importerRoutes(services))
  app.route('/', auditLogRoutes(services))
  app.route('/', membersRoutes(services))
}

/** Not found, and every error as a GOV.UK page or problem+json; never a stack trace. */
function setUpErrorHandling(app: HonoApp, logger: Logger): void {
  app.notFound((c) => errorPage(c, 404, 'If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.'))
  app.onError(onError((err, c) => logger.error('unhandled error', { path: c.req.path, method: c.req.method, error: err instanceof Error ? err.stack : String(err) })))
}
export type App = ReturnType<typeof createApp>

/** What the structure's management pages link to in the modules above it (structure may not import them). */
function manageNavigation(services: Services): ManageNavigation {
  return {
    homeLinks: (user) => [
      ...(canManagePeople(user) ? [{ text: 'People’s accounts', href: accountPaths.manage.users() }] : []),
      ...(canSeeAuditLog(user) ? [{ text: 'Audit log', href: auditPaths.manage.log() }] : []),
    ],
    partnershipLinks: (partnership) => [
      { text: 'Strategy', href: strategyPaths.manage.strategy(partnership.id) },
      { text: 'Programme: workstreams, milestones and progress', href: programmePaths.manage.programme(partnership.id) },
      { text: 'Import published meeting records', href: importerPaths.upload(partnership.id) },
      { text: 'API tokens', href: apiPaths.manage.tokens(partnership.id) },
    ],
    trackerHref: actionPaths.manage.tracker(),
    memberHomeHref: memberPaths.home(),
    bodyMeetings: {
      scheduleHref: meetingPaths.manage.newMeeting,
      page: (bodyId, page) => services.bodyMeetings.meetingTable(bodyId, page, meetingPaths.manage.meeting),
    },
  }
}
