import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import type { Services } from '../../services.ts'
import { bodyRoutes } from './manage/bodies.routes.ts'
import { dashboardRoutes } from './manage/dashboard.routes.ts'
import { membershipRoutes } from './manage/memberships.routes.ts'
import { organisationRoutes } from './manage/organisations.routes.ts'
import { partnerRoutes } from './manage/partners.routes.ts'
import { partnershipRoutes } from './manage/partnerships.routes.ts'
import { peopleRoutes } from './manage/people.routes.ts'
import type { ManageNavigation } from './manage/support.ts'

export type { ManageLink, ManageMeetingRow, ManageNavigation } from './manage/support.ts'

/**
 * Staff screens for organisations, people, partnerships, bodies and memberships, and the /manage dashboard.
 * `nav` is what these pages link to in higher modules (meetings, importer, API), built by the composition root.
 */
export function manageRoutes(services: Services, nav: ManageNavigation) {
  const app = new Hono<AppEnv>()
  app.route('/', dashboardRoutes(services, nav))
  app.route('/', organisationRoutes(services))
  app.route('/', peopleRoutes(services))
  app.route('/', partnershipRoutes(services, nav))
  app.route('/', partnerRoutes(services, nav))
  app.route('/', bodyRoutes(services, nav))
  app.route('/', membershipRoutes(services))
  return app
}
