import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'

/** The personal links owners without an account use to update their own actions. */
export function ownerRoutes(_services: Services) {
  return new Hono<AppEnv>()
}
