import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'

/** The staff landing page: what the signed-in user can manage. */
export function manageRoutes(_services: Services) {
  const app = new Hono<AppEnv>()
  app.get('/manage', (c) => {
    const user = requireUser(c)
    return render(c, 'structure/views/manage-home.njk', { pageTitle: 'Manage', user })
  })
  return app
}
