import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'

export function structureRoutes(_services: Services) {
  const app = new Hono<AppEnv>()
  return app
}
