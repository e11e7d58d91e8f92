import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'

/** STUB: to be written. */
export function searchRoutes(services: Services) {
  void services
  return new Hono<AppEnv>()
}
