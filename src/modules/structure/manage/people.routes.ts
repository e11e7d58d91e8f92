import { Hono } from 'hono'
import { requireUser } from '../../../platform/http/auth.ts'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths, withQuery } from '../structure.paths.ts'
import { managedPartnershipIds, requirePersonEditor, requireStaff } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import { EditPersonSchema, IdParam, PersonSchema } from '../structure.schemas.ts'
import { actor, editableShared, editor, pageQuery, renderForm, renderList, safeReturn, type C } from './support.ts'

/**
 * The register of people. It is personal data (UK GDPR), so a secretariat sees, chooses and changes only the people
 * its partnerships use (issue 10); a person it adds belongs to the partnership it adds them for. Admins see everyone.
 */
export function peopleRoutes({ structure }: Services) {
  const app = new Hono<AppEnv>()

  /** The partnerships the user may add a person for: all for an admin, else those they manage. */
  const addingFor = async (c: C) => structure.listPartnerships(managedPartnershipIds(requireUser(c)) ?? undefined)

  const formPage = async (c: C, id: string | undefined, form: FormState) => {
    const partnerships = id ? [] : await addingFor(c)
    return renderForm(
      c,
      'structure/views/person-form.njk',
      {
        pageTitle: id ? 'Edit person' : 'Add a person',
        action: id ? paths.manage.editPerson(id) : paths.manage.newPerson(),
        organisationItems: present.organisationSelect(await structure.organisationOptions(), form.values.organisationId),
        // One partnership: it is the one adding the person (said, not asked). Several: the user chooses.
        addingFor: partnerships.length === 1 ? partnerships[0] : null,
        partnershipItems: partnerships.length > 1 ? present.parentPartnershipSelect(partnerships, form.values.partnershipId, 'Choose a partnership') : null,
        backLink: { href: safeReturn(form.values.returnTo) ?? paths.manage.people() },
      },
      form,
    )
  }

  /** The person in the URL, once the user may see and edit them (a partnership they manage uses the person). */
  const editable = editableShared(
    (id) => structure.getPerson(id),
    (id) => structure.partnershipIdsOfPerson(id),
    requirePersonEditor,
  )

  app.get('/manage/people', async (c) => {
    const user = requireStaff(c)
    const { page, q } = pageQuery(c)
    const result = await structure.listPeople(managedPartnershipIds(user), q, page)
    return renderList(
      c,
      'structure/views/people.njk',
      { pageTitle: 'People', result, rows: present.peopleRows(result.rows), href: paths.manage.people(), query: q ? { q } : {} },
      { q, isAdmin: user.isAdmin },
    )
  })

  app.get('/manage/people/new', async (c) => {
    requireStaff(c)
    const partnerships = await addingFor(c)
    const asked = IdParam.safeParse(c.req.query('partnershipId'))
    // Preselected: the partnership the user came from (adding a member), or their only one.
    const partnershipId = asked.success && partnerships.some((p) => p.id === asked.data) ? asked.data : partnerships.length === 1 ? partnerships[0]!.id : ''
    return formPage(c, undefined, blankForm({ returnTo: safeReturn(c.req.query('returnTo')) ?? '', partnershipId }))
  })
  app.post(
    '/manage/people/new',
    formHandler({
      load: (c) => requireStaff(c),
      schema: PersonSchema,
      page: (c, _user, form) => formPage(c, undefined, form),
      submit: async (c, input, _user, body) => {
        const row = await structure.createPerson(editor(c), input)
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
