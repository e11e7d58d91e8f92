import { Hono } from 'hono'
import { requireUser } from '../../../platform/http/auth.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import { render } from '../../../platform/views/render.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { canCreatePartnership, managedPartnershipIds } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import type { ManageNavigation } from './support.ts'

/** /manage: the partnerships the user manages (all, for an admin), and links to the rest of the management area. */
export function dashboardRoutes({ structure }: Services, nav: ManageNavigation) {
  const app = new Hono<AppEnv>()

  app.get('/manage', async (c) => {
    const user = requireUser(c)
    const partnerships = await structure.listPartnerships(managedPartnershipIds(user) ?? undefined)
    return render(c, 'structure/views/manage-home.njk', {
      pageTitle: 'Manage',
      user,
      partnerships: present.partnershipRowsForManage(partnerships),
      isStaff: user.isAdmin || user.secretariatOf.length > 0,
      canCreatePartnership: canCreatePartnership(user),
      moreLinks: nav.homeLinks(user),
      paths,
    })
  })
  app.get('/manage/partnerships', (c) => {
    requireUser(c)
    return c.redirect(paths.manage.home(), 302)
  })

  return app
}
