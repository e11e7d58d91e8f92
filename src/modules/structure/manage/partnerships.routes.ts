import { Hono } from 'hono'
import { requireUser } from '../../../platform/http/auth.ts'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { canAttachUnder, requireAdmin } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import type { PartnershipRow } from '../structure.service.ts'
import { EditPartnershipSchema, PartnershipSchema } from '../structure.schemas.ts'
import { partnershipPage } from './partnership-page.ts'
import { actor, renderForm, type C, type ManageNavigation } from './support.ts'

/** Partnerships: creating one (admins), its manage page, and editing its details. */
export function partnershipRoutes({ structure }: Services, nav: Pick<ManageNavigation, 'partnershipLinks'>) {
  const app = new Hono<AppEnv>()
  const { managed, viewable, managePage } = partnershipPage(structure, nav)

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

  app.get('/manage/partnerships/:id', async (c) => {
    const { partnership, canManage } = await viewable(c)
    return managePage(c, partnership, {}, canManage)
  })
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

  return app
}
