import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { errorSummary, zodFieldErrors } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { decisionPaths } from './decisions.paths.ts'
import { DecisionQuerySchema } from './decisions.schemas.ts'
import { decisionsPage } from './decisions.presenter.ts'

const VIEW = 'decisions/views/decisions.njk'

/** The decisions register: public, and the staff view with exempt decisions and private actions. */
export function decisionsRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const decisions = services.decisions

  const register = (staff: boolean) => async (c: Context<AppEnv>) => {
    const user = staff ? requireUser(c) : null
    const query = c.req.query()
    const parsed = DecisionQuerySchema.safeParse(query)
    // A bad filter is shown as an error on the page, and the results ignore it.
    const errors = parsed.success ? undefined : zodFieldErrors(parsed.error)
    const input = parsed.success
      ? { partnershipSlug: parsed.data.partnership, bodySlug: parsed.data.body, from: parsed.data.from, to: parsed.data.to, q: parsed.data.q, page: parsed.data.page }
      : { page: 1 }
    const data = user ? await decisions.findDecisionsForStaff(user, input) : await decisions.findPublishedDecisions(input)
    const status = errors ? 400 : 200
    return render(c, VIEW, { ...decisionsPage(data, query, { staff, errors }), errors, errorSummary: errorSummary(errors) }, status)
  }
  app.get(decisionPaths.public.decisions(), register(false))
  app.get(decisionPaths.manage.decisions(), register(true))

  return app
}
