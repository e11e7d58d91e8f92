import { Hono } from 'hono'
import { AppError } from '../../../platform/http/errors.ts'
import { formHandler, type FormState } from '../../../platform/http/form-route.ts'
import { idParam } from '../../../platform/http/params.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import type { PartnershipRow } from '../structure.service.ts'
import { AddPartnerSchema, MovePartnerSchema, RemovePartnerSchema } from '../structure.schemas.ts'
import { partnershipPage } from './partnership-page.ts'
import { actor, type C, type ManageNavigation } from './support.ts'

const STALE_FORM = 'The form was incomplete or out of date: reload the page and try again'

/** A partnership's partner organisations: adding one, and moving or removing one (buttons on the manage page). */
export function partnerRoutes({ structure }: Services, nav: Pick<ManageNavigation, 'partnershipLinks'>) {
  const app = new Hono<AppEnv>()
  const { managed, managePage } = partnershipPage(structure, nav)

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
