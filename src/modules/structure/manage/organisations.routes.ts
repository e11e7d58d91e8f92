import { Hono } from 'hono'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { requireOrganisationEditor, requireStaff } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import { EditOrganisationSchema, OrganisationSchema } from '../structure.schemas.ts'
import { actor, editableShared, pageQuery, renderForm, renderList, type C } from './support.ts'

/** The shared register of organisations: any staff user adds one; editing one is for those it is tied to. */
export function organisationRoutes({ structure }: Services) {
  const app = new Hono<AppEnv>()

  const formPage = (c: C, id: string | undefined, form: FormState) =>
    renderForm(
      c,
      'structure/views/organisation-form.njk',
      {
        pageTitle: id ? 'Edit organisation' : 'Add an organisation',
        action: id ? paths.manage.editOrganisation(id) : paths.manage.newOrganisation(),
        typeItems: present.organisationTypeItems(form.values.type),
        backLink: { href: paths.manage.organisations() },
      },
      form,
    )

  /** The organisation in the URL, once the user may edit it. */
  const editable = editableShared(
    (id) => structure.getOrganisation(id),
    (id) => structure.partnershipIdsOfOrganisation(id),
    requireOrganisationEditor,
  )

  app.get('/manage/organisations', async (c) => {
    requireStaff(c)
    const { page } = pageQuery(c)
    const result = await structure.listOrganisations(page)
    return renderList(c, 'structure/views/organisations.njk', {
      pageTitle: 'Organisations',
      result,
      rows: present.organisationRows(result.rows),
      href: paths.manage.organisations(),
    })
  })

  app.get('/manage/organisations/new', (c) => {
    requireStaff(c)
    return formPage(c, undefined, blankForm())
  })
  app.post(
    '/manage/organisations/new',
    formHandler({
      load: (c) => requireStaff(c),
      schema: OrganisationSchema,
      page: (c, _user, form) => formPage(c, undefined, form),
      submit: async (c, input) => {
        const row = await structure.createOrganisation(actor(c), input)
        return { redirect: paths.manage.organisations(), flash: `${row.name} added` }
      },
    }),
  )

  app.get('/manage/organisations/:id/edit', async (c) => {
    const row = await editable(c)
    return formPage(c, row.id, blankForm(present.organisationValues(row)))
  })
  app.post(
    '/manage/organisations/:id/edit',
    formHandler({
      load: editable,
      schema: EditOrganisationSchema,
      page: (c, row, form) => formPage(c, row.id, form),
      submit: async (c, input, { id }) => {
        const row = await structure.updateOrganisation(actor(c), id, input)
        return { redirect: paths.manage.organisations(), flash: `${row.name} updated` }
      },
      currentVersion: async (_c, { id }) => (await structure.getOrganisation(id)).version,
      conflictHref: '#name',
    }),
  )

  return app
}
