import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'

export function actionsRoutes(_services: Services) {
  return new Hono<AppEnv>()
}
