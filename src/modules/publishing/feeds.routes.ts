import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { routeParam } from '../../platform/http/params.ts'
import { PUBLIC_CACHE_CONTROL } from '../../platform/cache/render-cache.ts'
import { etagMatches } from '../../platform/http/etag.ts'
import type { Services } from '../../services.ts'
import { feedPaths } from './feeds.paths.ts'
import type { FeedDocument } from './feeds.service.ts'
import { subscriptionsRoutes } from './subscriptions.routes.ts'

function sendFeed(c: Context<AppEnv>, doc: FeedDocument): Response {
  c.header('ETag', doc.etag)
  // As the render cache answers: keep the bytes, but ask again each time (a cheap 304).
  c.header('Cache-Control', PUBLIC_CACHE_CONTROL)
  c.header('Vary', 'Accept-Encoding')
  if (etagMatches(c.req.header('if-none-match'), doc.etag)) return c.body(null, 304)
  c.header('Content-Type', doc.contentType)
  return c.body(doc.xml, 200)
}

/** Atom and RSS feeds of a body and of a partnership; email alerts (subscriptions.routes.ts). */
export function feedsRoutes(services: Services) {
  const { feeds } = services
  const app = new Hono<AppEnv>()

  app.get(feedPaths.bodyAtom(':slug'), async (c) => sendFeed(c, await feeds.bodyFeed(routeParam(c, 'slug'), 'atom')))
  app.get(feedPaths.bodyRss(':slug'), async (c) => sendFeed(c, await feeds.bodyFeed(routeParam(c, 'slug'), 'rss')))
  app.get(feedPaths.partnershipAtom(':slug'), async (c) => sendFeed(c, await feeds.partnershipFeed(routeParam(c, 'slug'), 'atom')))
  app.get(feedPaths.partnershipRss(':slug'), async (c) => sendFeed(c, await feeds.partnershipFeed(routeParam(c, 'slug'), 'rss')))

  app.route('/', subscriptionsRoutes(services))
  return app
}
