import { Hono } from 'hono'
import { blankForm, formHandler, type FormState } from '../../../platform/http/form-route.ts'
import { requireUser } from '../../../platform/http/auth.ts'
import { idParam } from '../../../platform/http/params.ts'
import type { AppEnv } from '../../../platform/http/types.ts'
import { londonToday } from '../../../shared/dates.ts'
import type { Services } from '../../../services.ts'
import { structurePaths as paths, withQuery } from '../structure.paths.ts'
import { managedPartnershipIds, requirePartnershipManager } from '../structure.policy.ts'
import * as present from '../structure.presenter.ts'
import { EditMembershipSchema, EndMembershipSchema, IdParam, MembershipSchema } from '../structure.schemas.ts'
import { actor, editor, renderForm, type C } from './support.ts'

type BodyRef = { id: string; name: string; partnershipId: string }

/** Seats on a body: adding a member, editing a membership and ending one. */
export function membershipRoutes({ structure }: Services) {
  const app = new Hono<AppEnv>()

  const formPage = async (c: C, body: BodyRef, id: string | undefined, form: FormState) => {
    const [people, organisations, seats] = await Promise.all([
      // Only the people the user's partnerships work with (issue 10); choosing one makes this partnership use them.
      structure.personOptions(managedPartnershipIds(requireUser(c))),
      structure.organisationOptions(),
      structure.allMembershipsOfBody(body.id),
    ])
    const { values } = form
    return renderForm(
      c,
      'structure/views/membership-form.njk',
      {
        pageTitle: id ? 'Edit membership' : 'Add a member',
        bodyName: body.name,
        action: id ? paths.manage.editMembership(id) : paths.manage.newMembership(body.id),
        isNew: !id,
        personItems: present.personSelect(people, values.personId),
        newPersonHref: withQuery(paths.manage.newPerson(), { returnTo: paths.manage.newMembership(body.id), partnershipId: body.partnershipId }),
        roleItems: present.roleItems(values.role),
        organisationItems: present.organisationSelect(
          organisations,
          values.onBehalfOfOrganisationId,
          id ? 'Not on behalf of an organisation' : "The person's own organisation",
        ),
        deputyItems: present.deputyForSelect(seats, id ?? null, values.deputyForMembershipId),
        backLink: { href: paths.manage.body(body.id) },
      },
      form,
    )
  }

  const endPage = async (c: C, { membership, body }: Managed, form: FormState) => {
    const [person] = await structure.findPeopleByIds([membership.personId])
    return renderForm(
      c,
      'structure/views/end-membership.njk',
      {
        pageTitle: 'End membership',
        action: paths.manage.endMembership(membership.id),
        id: membership.id,
        bodyId: body.id,
        bodyName: body.name,
        personName: person ? present.personName(person) : '',
        backLink: { href: paths.manage.body(body.id) },
      },
      form,
    )
  }

  /** The body in the URL, once the user may manage its partnership. */
  const managedBody = async (c: C) => {
    const body = await structure.getBody(idParam(c.req.param('id')))
    requirePartnershipManager(c, body.partnershipId)
    return body
  }
  /** The membership in the URL with its body, once the user may manage the body's partnership. */
  const managed = async (c: C) => {
    const membership = await structure.getMembership(idParam(c.req.param('id')))
    const body = await structure.getBody(membership.bodyId)
    requirePartnershipManager(c, body.partnershipId)
    return { membership, body }
  }
  type Managed = Awaited<ReturnType<typeof managed>>
  const currentVersion = async (_c: C, { membership }: Managed) => (await structure.getMembership(membership.id)).version

  app.get('/manage/bodies/:id/memberships/new', async (c) => {
    const body = await managedBody(c)
    const personId = IdParam.safeParse(c.req.query('personId'))
    return formPage(c, body, undefined, blankForm({ role: 'member', personId: personId.success ? personId.data : '' }))
  })
  app.post(
    '/manage/bodies/:id/memberships/new',
    formHandler({
      load: managedBody,
      schema: MembershipSchema,
      page: (c, body, form) => formPage(c, body, undefined, form),
      submit: async (c, input, body) => {
        await structure.createMembership(editor(c), body.id, input)
        return { redirect: paths.manage.body(body.id), flash: 'Member added' }
      },
    }),
  )

  app.get('/manage/memberships/:id/edit', async (c) => {
    const { membership, body } = await managed(c)
    return formPage(c, body, membership.id, blankForm(present.membershipValues(membership)))
  })
  app.post(
    '/manage/memberships/:id/edit',
    formHandler({
      load: managed,
      schema: EditMembershipSchema,
      page: (c, { membership, body }, form) => formPage(c, body, membership.id, form),
      submit: async (c, input, { membership, body }) => {
        await structure.updateMembership(editor(c), membership.id, input)
        return { redirect: paths.manage.body(body.id), flash: 'Membership updated' }
      },
      currentVersion,
      conflictHref: '#personId',
    }),
  )

  app.get('/manage/memberships/:id/end', async (c) => {
    const loaded = await managed(c)
    const { membership } = loaded
    return endPage(c, loaded, blankForm({ endsOn: membership.endsOn ?? londonToday(), version: String(membership.version) }))
  })
  app.post(
    '/manage/memberships/:id/end',
    formHandler({
      load: managed,
      schema: EndMembershipSchema,
      page: endPage,
      submit: async (c, input, { membership, body }) => {
        await structure.endMembership(actor(c), membership.id, input)
        return { redirect: paths.manage.body(body.id), flash: 'Membership ended' }
      },
      currentVersion,
      conflictHref: '#endsOn',
    }),
  )

  return app
}
