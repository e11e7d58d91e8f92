import { Hono } from 'hono'
import { requireUser } from '../../../platform/http/auth.ts'
import { AppError } from '../../../platform/http/errors.ts'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import { idParam } from '../../../platform/http/params.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import { render } from '../../../platform/views/render.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { canAttachUnder, requireAdmin, requirePartnershipManager } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import type { PartnershipRow } from '../structure.service.ts'
import { AddPartnerSchema, EditPartnershipSchema, MovePartnerSchema, PartnershipSchema, RemovePartnerSchema } from '../structure.schemas.ts'
import { actor, renderForm, type C, type ManageNavigation } from './support.ts'

const STALE_FORM = 'The form was incomplete or out of date: reload the page and try again'

/** Partnerships: creating (admins), editing, and the manage page with its bodies, partners and children. */
export function partnershipRoutes({ structure }: Services, nav: Pick<ManageNavigation, 'partnershipLinks'>) {
  const app = new Hono<AppEnv>()

  /** Parents on offer: an admin may choose any; a secretariat only one they manage (or the current one). */
  const parentOptions = async (c: C, current: PartnershipRow | undefined) => {
    const user = requireUser(c)
    const all = await structure.parentPartnershipOptions(current?.id)
    return all.filter((p) => canAttachUnder(user, p.id) || p.id === current?.parentPartnershipId)
  }

  const formPage = async (c: C, current: PartnershipRow | undefined, form: FormState) =>
    renderForm(
      c,
      'structure/views/partnership-form.njk',
      {
        pageTitle: current ? 'Edit partnership' : 'Create a partnership',
        action: current ? paths.manage.editPartnership(current.id) : paths.manage.newPartnership(),
        isNew: !current,
        parentItems: present.parentPartnershipSelect(await parentOptions(c, current), form.values.parentPartnershipId),
        backLink: { href: current ? paths.manage.partnership(current.id) : paths.manage.home() },
      },
      form,
    )

  /** The partnership in the URL, once the user may manage it. */
  const managed = async (c: C) => {
    const partnership = await structure.getPartnership(idParam(c.req.param('id')))
    requirePartnershipManager(c, partnership.id)
    return partnership
  }

  const managePage = async (c: C, partnership: PartnershipRow, form: Partial<FormState> = {}) => {
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
        links: nav.partnershipLinks(partnership),
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

  /** A partner of the partnership in the URL: the partnership (once the user may manage it) and the organisation. */
  const managedPartner = async (c: C) => ({ partnership: await managed(c), organisationId: idParam(c.req.param('organisationId')) })

  /**
   * Removing or moving a partner is a button carrying the version of the page it was on: a page that is out of
   * date is shown again with the message (409); a form that is not one of ours is refused.
   */
  const partnerButtonPage = (c: C, { partnership }: { partnership: PartnershipRow }, form: FormState) => {
    if (form.status === 409) return managePage(c, partnership, form)
    throw new AppError('VALIDATION', STALE_FORM)
  }

  app.get('/manage/partnerships/new', (c) => {
    requireAdmin(c)
    return formPage(c, undefined, blankForm())
  })
  app.post(
    '/manage/partnerships/new',
    formHandler({
      load: (c) => requireAdmin(c),
      schema: PartnershipSchema,
      page: (c, _user, form) => formPage(c, undefined, form),
      submit: async (c, input) => {
        const row = await structure.createPartnership(actor(c), input)
        return { redirect: paths.manage.partnership(row.id), flash: `${row.name} created` }
      },
    }),
  )

  app.get('/manage/partnerships/:id', async (c) => managePage(c, await managed(c)))
  app.get('/manage/partnerships/:id/edit', async (c) => {
    const row = await managed(c)
    return formPage(c, row, blankForm(present.partnershipValues(row)))
  })
  app.post(
    '/manage/partnerships/:id/edit',
    formHandler({
      load: managed,
      schema: EditPartnershipSchema,
      page: (c, current, form) => formPage(c, current, form),
      submit: async (c, input, { id }) => {
        const { isAdmin, secretariatOf } = requireUser(c)
        const row = await structure.updatePartnership({ ...actor(c), isAdmin, secretariatOf }, id, input)
        return { redirect: paths.manage.partnership(id), flash: `${row.name} updated` }
      },
      currentVersion: async (_c, { id }) => (await structure.getPartnership(id)).version,
      conflictHref: '#name',
    }),
  )

  app.post(
    '/manage/partnerships/:id/partners',
    formHandler({
      load: managed,
      schema: AddPartnerSchema,
      page: managePage,
      submit: async (c, input, { id }) => {
        await structure.addPartner(actor(c), id, input.organisationId)
        return { redirect: paths.manage.partnership(id), flash: 'Partner organisation added' }
      },
      conflictHref: '#organisationId',
    }),
  )
  app.post(
    '/manage/partnerships/:id/partners/:organisationId/remove',
    formHandler({
      load: managedPartner,
      schema: RemovePartnerSchema,
      page: partnerButtonPage,
      submit: async (c, input, { partnership: { id }, organisationId }) => {
        await structure.removePartner(actor(c), id, organisationId, input.version)
        return { redirect: paths.manage.partnership(id), flash: 'Partner organisation removed' }
      },
      conflictHref: '#partners',
    }),
  )
  app.post(
    '/manage/partnerships/:id/partners/:organisationId/move',
    formHandler({
      load: managedPartner,
      schema: MovePartnerSchema,
      page: partnerButtonPage,
      submit: async (c, input, { partnership: { id }, organisationId }) => {
        await structure.movePartner(actor(c), id, organisationId, input)
        return { redirect: `${paths.manage.partnership(id)}#partners` }
      },
      conflictHref: '#partners',
    }),
  )

  return app
}
