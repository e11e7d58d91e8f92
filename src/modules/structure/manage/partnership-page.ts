import { render } from '../../../platform/views/render.ts'
import { idParam } from '../../../platform/http/params.ts'
import type { FormState } from '../../../platform/http/form-route.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { canManage, requirePartnershipManager, requirePartnershipViewer } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import type { PartnershipRow, StructureService } from '../structure.service.ts'
import type { C, ManageNavigation } from './support.ts'

/** A partnership's manage page (its bodies, partners and children), shared by its routes and its partner forms. */
export function partnershipPage(structure: StructureService, nav: Pick<ManageNavigation, 'partnershipLinks'>) {
  /** The partnership in the URL, once the user may manage it. */
  const managed = async (c: C) => {
    const partnership = await structure.getPartnership(idParam(c.req.param('id')))
    requirePartnershipManager(c, partnership.id)
    return partnership
  }

  /** The partnership in the URL, once the user may see it (a read-only officer too), and whether they manage it. */
  const viewable = async (c: C) => {
    const partnership = await structure.getPartnership(idParam(c.req.param('id')))
    const user = requirePartnershipViewer(c, partnership.id)
    return { partnership, canManage: canManage(user, partnership.id) }
  }

  /** The page; with canManage false (a read-only officer) it offers nothing that changes the partnership. */
  const managePage = async (c: C, partnership: PartnershipRow, form: Partial<FormState> = {}, canManage = true) => {
    const { id } = partnership
    const [bodies, partners, children, organisations, parent] = await Promise.all([
      structure.bodiesOfPartnership(id),
      structure.partnersOf(id),
      structure.childPartnerships(id),
      structure.organisationOptions(),
      partnership.parentPartnershipId ? structure.getPartnership(partnership.parentPartnershipId) : Promise.resolve(null),
    ])
    const partnerIds = new Set(partners.map((p) => p.id))
    const { values = {}, errors, errorSummary, status } = form
    return render(
      c,
      'structure/views/manage-partnership.njk',
      {
        pageTitle: partnership.name,
        partnership,
        parent: parent ? { name: parent.name, href: paths.manage.partnership(parent.id) } : null,
        publicHref: paths.public.partnership(partnership.slug),
        links: canManage ? nav.partnershipLinks(partnership) : [],
        canManage,
        bodies: present.bodyRowsForManage(bodies),
        partners: present.partnerRows(id, partners, partnership.version),
        children: present.partnershipRowsForManage(children),
        organisationItems: present.organisationSelect(
          organisations.filter((o) => !partnerIds.has(o.id)),
          values.organisationId,
        ),
        paths,
        breadcrumbs: [{ text: 'Manage', href: paths.manage.home() }],
        values,
        errors,
        errorSummary,
      },
      status,
    )
  }

  return { managed, viewable, managePage }
}
