import { Hono } from 'hono'
import { isStaff, mayUseManagement, requireUser, viewablePartnershipIds } from '../../../platform/http/auth.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import { render } from '../../../platform/views/render.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { canCreatePartnership, canManage } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import type { ManageNavigation } from './support.ts'

/** /manage: the partnerships the user manages (all, for an admin), and links to the rest of the management area. */
export function dashboardRoutes({ structure }: Services, nav: ManageNavigation) {
  const app = new Hono<AppEnv>()

  app.get('/manage', async (c) => {
    const user = requireUser(c)
    // A member with no staff or read-only role lands here after signing in: their place is the members' home.
    if (!mayUseManagement(user) && (user.memberOf.length > 0 || user.personId)) return c.redirect(nav.memberHomeHref, 302)
    // Those it manages, and those it only sees as a read-only officer (marked so).
    const partnerships = await structure.listPartnerships(viewablePartnershipIds(user) ?? undefined)
    return render(c, 'structure/views/manage-home.njk', {
      pageTitle: 'Manage',
      user,
      partnerships: present.partnershipRowsForManage(partnerships).map((row, i) => ({ ...row, readOnly: !canManage(user, partnerships[i]!.id) })),
      isStaff: isStaff(user),
      trackerHref: mayUseManagement(user) ? nav.trackerHref : null,
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
