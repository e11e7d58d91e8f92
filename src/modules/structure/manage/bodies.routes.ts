import { Hono } from 'hono'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import { idParam } from '../../../platform/http/params.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import { render } from '../../../platform/views/render.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { canManage, requirePartnershipManager, requirePartnershipViewer } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import { BodySchema, EditBodySchema } from '../structure.schemas.ts'
import { actor, pageQuery, renderForm, type C, type ManageNavigation } from './support.ts'

/** A partnership's bodies: adding and editing one, and its manage page with its seats and meetings. */
export function bodyRoutes({ structure }: Services, nav: Pick<ManageNavigation, 'bodyMeetings'>) {
  const app = new Hono<AppEnv>()

  const formPage = async (c: C, opts: { partnershipId: string; id?: string }, form: FormState) =>
    renderForm(
      c,
      'structure/views/body-form.njk',
      {
        pageTitle: opts.id ? 'Edit body' : 'Add a body',
        action: opts.id ? paths.manage.editBody(opts.id) : paths.manage.newBody(opts.partnershipId),
        kindItems: present.bodyKindItems(form.values.kind),
        regimeItems: present.regimeItems(form.values.regime),
        numberingItems: present.numberingItems(form.values.numberingScheme),
        regionItems: present.regionSelect(form.values.region),
        accountableItems: present.accountableToSelect(
          await structure.bodiesOfPartnership(opts.partnershipId),
          opts.id ?? null,
          form.values.accountableToBodyId,
        ),
        backLink: { href: opts.id ? paths.manage.body(opts.id) : paths.manage.partnership(opts.partnershipId) },
      },
      form,
    )

  /** The partnership in the URL, once the user may manage it: a new body goes there. */
  const managedPartnership = async (c: C) => {
    const partnershipId = (await structure.getPartnership(idParam(c.req.param('id')))).id
    requirePartnershipManager(c, partnershipId)
    return { partnershipId }
  }
  /** The body in the URL, once the user may manage its partnership. */
  const managed = async (c: C) => {
    const body = await structure.getBody(idParam(c.req.param('id')))
    requirePartnershipManager(c, body.partnershipId)
    return body
  }

  app.get('/manage/partnerships/:id/bodies/new', async (c) =>
    formPage(c, await managedPartnership(c), blankForm(present.NEW_BODY_VALUES)),
  )
  app.post(
    '/manage/partnerships/:id/bodies/new',
    formHandler({
      load: managedPartnership,
      schema: BodySchema,
      page: formPage,
      submit: async (c, input, { partnershipId }) => {
        const row = await structure.createBody(actor(c), partnershipId, input)
        return { redirect: paths.manage.body(row.id), flash: `${row.name} added` }
      },
    }),
  )

  app.get('/manage/bodies/:id', async (c) => {
    // A read-only officer of the partnership sees the page too, without anything that changes the body.
    const body = await structure.getBody(idParam(c.req.param('id')))
    const user = requirePartnershipViewer(c, body.partnershipId)
    const { page } = pageQuery(c)
    const [seats, meetings, accountableTo] = await Promise.all([
      structure.allMembershipsOfBody(body.id),
      nav.bodyMeetings.page(body.id, page),
      body.accountableToBodyId ? structure.getBody(body.accountableToBodyId) : Promise.resolve(null),
    ])
    return render(c, 'structure/views/manage-body.njk', {
      pageTitle: body.name,
      body,
      summaryRows: present.bodySummaryRows(body, accountableTo),
      memberships: present.membershipRowsForManage(seats),
      meetings: meetings.rows,
      meetingsPagination: present.pagination(meetings, present.pageHref(paths.manage.body(body.id))),
      newMeetingHref: nav.bodyMeetings.scheduleHref(body.id),
      canManage: canManage(user, body.partnershipId),
      publicHref: paths.public.body(body.slug),
      paths,
      breadcrumbs: [
        { text: 'Manage', href: paths.manage.home() },
        { text: body.partnership.name, href: paths.manage.partnership(body.partnershipId) },
      ],
    })
  })
  app.get('/manage/bodies/:id/edit', async (c) => {
    const body = await managed(c)
    return formPage(c, { partnershipId: body.partnershipId, id: body.id }, blankForm(present.bodyValues(body)))
  })
  app.post(
    '/manage/bodies/:id/edit',
    formHandler({
      load: managed,
      schema: EditBodySchema,
      page: (c, body, form) => formPage(c, { partnershipId: body.partnershipId, id: body.id }, form),
      submit: async (c, input, { id }) => {
        const row = await structure.updateBody(actor(c), id, input)
        return { redirect: paths.manage.body(id), flash: `${row.name} updated` }
      },
      currentVersion: async (_c, { id }) => (await structure.getBody(id)).version,
      conflictHref: '#name',
    }),
  )

  return app
}
