import { Hono } from 'hono'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths, withQuery } from '../structure.paths.ts'
import { requirePersonEditor, requireStaff } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import { EditPersonSchema, PersonSchema } from '../structure.schemas.ts'
import { actor, editableShared, pageQuery, renderForm, renderList, safeReturn, type C } from './support.ts'

/** The shared register of people: any staff user adds one; editing one is for the partnerships they sit in. */
export function peopleRoutes({ structure }: Services) {
  const app = new Hono<AppEnv>()

  const formPage = async (c: C, id: string | undefined, form: FormState) =>
    renderForm(
      c,
      'structure/views/person-form.njk',
      {
        pageTitle: id ? 'Edit person' : 'Add a person',
        action: id ? paths.manage.editPerson(id) : paths.manage.newPerson(),
        organisationItems: present.organisationSelect(await structure.organisationOptions(), form.values.organisationId),
        backLink: { href: safeReturn(form.values.returnTo) ?? paths.manage.people() },
      },
      form,
    )

  /** The person in the URL, once the user may edit them. */
  const editable = editableShared(
    (id) => structure.getPerson(id),
    (id) => structure.partnershipIdsOfPerson(id),
    requirePersonEditor,
  )

  app.get('/manage/people', async (c) => {
    requireStaff(c)
    const { page, q } = pageQuery(c)
    const result = await structure.listPeople(q, page)
    return renderList(
      c,
      'structure/views/people.njk',
      { pageTitle: 'People', result, rows: present.peopleRows(result.rows), href: paths.manage.people(), query: q ? { q } : {} },
      { q },
    )
  })

  app.get('/manage/people/new', async (c) => {
    requireStaff(c)
    return formPage(c, undefined, blankForm({ returnTo: safeReturn(c.req.query('returnTo')) ?? '' }))
  })
  app.post(
    '/manage/people/new',
    formHandler({
      load: (c) => requireStaff(c),
      schema: PersonSchema,
      page: (c, _user, form) => formPage(c, undefined, form),
      submit: async (c, input, _user, body) => {
        const row = await structure.createPerson(actor(c), input)
        // Back to the form that sent the user here (adding a member), with the new person chosen.
        const back = safeReturn(body.returnTo)
        return { redirect: back ? withQuery(back, { personId: row.id }) : paths.manage.people(), flash: `${present.personName(row)} added` }
      },
    }),
  )

  app.get('/manage/people/:id/edit', async (c) => {
    const row = await editable(c)
    return formPage(c, row.id, blankForm(present.personValues(row)))
  })
  app.post(
    '/manage/people/:id/edit',
    formHandler({
      load: editable,
      schema: EditPersonSchema,
      page: (c, row, form) => formPage(c, row.id, form),
      submit: async (c, input, { id }) => {
        const row = await structure.updatePerson(actor(c), id, input)
        return { redirect: paths.manage.people(), flash: `${present.personName(row)} updated` }
      },
      currentVersion: async (_c, { id }) => (await structure.getPerson(id)).version,
      conflictHref: '#fullName',
    }),
  )

  return app
}
