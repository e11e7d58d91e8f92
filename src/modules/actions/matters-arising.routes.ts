import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'

/** Matters arising, the decisions register and topic histories. */
export function mattersArisingRoutes(_services: Services) {
  return new Hono<AppEnv>()
}
