import { importerPaths } from '../importer/importer.paths.ts'
import { apiPaths } from '../api/api.paths.ts'
import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { AppError, notFound, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, formValues, zodFieldErrors, type ErrorSummaryItem } from '../../platform/http/forms.ts'
import { flash } from '../../platform/http/cookies.ts'
import { render } from '../../platform/views/render.ts'
import { londonToday } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths as paths, withQuery } from './structure.paths.ts'
import {
  canAttachUnder,
  canCreatePartnership,
  managedPartnershipIds,
  requireAdmin,
  requireOrganisationEditor,
  requirePartnershipManager,
  requirePersonEditor,
  requireStaff,
} from './structure.policy.ts'
import * as present from './structure.presenter.ts'
import {
  AddPartnerSchema,
  BodySchema,
  EditBodySchema,
  EditMembershipSchema,
  EditOrganisationSchema,
  EditPartnershipSchema,
  EditPersonSchema,
  EndMembershipSchema,
  IdParam,
  MembershipSchema,
  MovePartnerSchema,
  OrganisationSchema,
  PageQuery,
  PartnershipSchema,
  PersonSchema,
  RemovePartnerSchema,
} from './structure.schemas.ts'

type C = Context<AppEnv>
type Values = Record<string, string | string[]>
type FormState = { values: Values; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[] }
type FormPage = (state: FormState, status?: ContentfulStatusCode) => Promise<Response> | Response

const STALE_FORM = 'The form was incomplete or out of date: reload the page and try again'

/** A uuid route parameter; anything else is a 404 (never a database error). */
function idParam(c: C, name = 'id'): string {
  const parsed = IdParam.safeParse(c.req.param(name))
  if (!parsed.success) throw notFound()
  return parsed.data
}

function pageQuery(c: C) {
  return PageQuery.parse({ page: c.req.query('page'), q: c.req.query('q') })
}

/** Only a path inside the management area is followed back after creating a person. */
function safeReturn(v: unknown): string | undefined {
  return typeof v === 'string' && /^\/manage\/[A-Za-z0-9/_-]*$/.test(v) ? v : undefined
}

/**
 * The GOV.UK form round trip: invalid input -> 400 with the errors and what was typed; a rule broken in the
 * service -> 400 with its field errors; someone else saved first -> 409 with the message, the input kept
 * and the current version so the user can save again.
 */
async function submitForm<S extends z.ZodType>(
  c: C,
  schema: S,
  page: FormPage,
  save: (data: z.infer<S>) => Promise<Response>,
  opts: { firstField: string; currentVersion?: () => Promise<number> } = { firstField: 'name' },
): Promise<Response> {
  const body = await c.req.parseBody()
  const values = formValues(body)
  delete values._csrf
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error)
    return page({ values, errors, errorSummary: errorSummary(errors) }, 400)
  }
  try {
    return await save(parsed.data)
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION' && err.fieldErrors) {
      return page({ values, errors: err.fieldErrors, errorSummary: errorSummary(err.fieldErrors) }, 400)
    }
    if (err instanceof AppError && err.code === 'CONFLICT' && opts.currentVersion) {
      values.version = String(await opts.currentVersion())
      return page({ values, errorSummary: [{ text: err.message, href: `#${opts.firstField}` }] }, 409)
    }
    throw err
  }
}

/** Staff screens for organisations, people, partnerships, bodies and memberships, and the /manage dashboard. */
export function manageRoutes(services: Services) {
  const { structure } = services
  const app = new Hono<AppEnv>()
  const actor = (c: C) => ({ userId: requireUser(c).id })

  // ---- dashboard ----

  app.get('/manage', async (c) => {
    const user = requireUser(c)
    const ids = managedPartnershipIds(user)
    const partnerships = await structure.listPartnerships(ids ?? undefined)
    return render(c, 'structure/views/manage-home.njk', {
      pageTitle: 'Manage',
      user,
      partnerships: present.partnershipRowsForManage(partnerships),
      isStaff: user.isAdmin || user.secretariatOf.length > 0,
      canCreatePartnership: canCreatePartnership(user),
      paths,
    })
  })
  app.get('/manage/partnerships', (c) => {
    requireUser(c)
    return c.redirect(paths.manage.home(), 302)
  })

  // ---- organisations ----

  app.get('/manage/organisations', async (c) => {
    requireStaff(c)
    const { page } = pageQuery(c)
    const result = await structure.listOrganisations(page)
    return render(c, 'structure/views/organisations.njk', {
      pageTitle: 'Organisations',
      rows: present.organisationRows(result.rows),
      total: result.total,
      pagination: present.pagination(result, present.pageHref(paths.manage.organisations())),
      paths,
      breadcrumbs: [{ text: 'Manage', href: paths.manage.home() }],
    })
  })

  const organisationPage =
    (c: C, opts: { id?: string }): FormPage =>
    (state, status) =>
      render(
        c,
        'structure/views/organisation-form.njk',
        {
          pageTitle: opts.id ? 'Edit organisation' : 'Add an organisation',
          action: opts.id ? paths.manage.editOrganisation(opts.id) : paths.manage.newOrganisation(),
          typeItems: present.organisationTypeItems(state.values.type),
          backLink: { href: paths.manage.organisations() },
          ...state,
        },
        status,
      )

  app.get('/manage/organisations/new', (c) => {
    requireStaff(c)
    return organisationPage(c, {})({ values: {} })
  })
  app.post('/manage/organisations/new', async (c) => {
    requireStaff(c)
    return submitForm(c, OrganisationSchema, organisationPage(c, {}), async (input) => {
      const row = await structure.createOrganisation(actor(c), input)
      flash(c, `${row.name} added`)
      return c.redirect(paths.manage.organisations(), 303)
    })
  })
  app.get('/manage/organisations/:id/edit', async (c) => {
    requireStaff(c)
    const row = await structure.getOrganisation(idParam(c))
    requireOrganisationEditor(c, await structure.partnershipIdsOfOrganisation(row.id))
    return organisationPage(c, { id: row.id })({ values: present.organisationValues(row) })
  })
  app.post('/manage/organisations/:id/edit', async (c) => {
    requireStaff(c)
    const id = (await structure.getOrganisation(idParam(c))).id
    requireOrganisationEditor(c, await structure.partnershipIdsOfOrganisation(id))
    return submitForm(
      c,
      EditOrganisationSchema,
      organisationPage(c, { id }),
      async (input) => {
        const row = await structure.updateOrganisation(actor(c), id, input)
        flash(c, `${row.name} updated`)
        return c.redirect(paths.manage.organisations(), 303)
      },
      { firstField: 'name', currentVersion: async () => (await structure.getOrganisation(id)).version },
    )
  })

  // ---- people ----

  app.get('/manage/people', async (c) => {
    requireStaff(c)
    const { page, q } = pageQuery(c)
    const result = await structure.listPeople(q, page)
    return render(c, 'structure/views/people.njk', {
      pageTitle: 'People',
      q,
      rows: present.peopleRows(result.rows),
      total: result.total,
      pagination: present.pagination(result, present.pageHref(paths.manage.people(), q ? { q } : {})),
      paths,
      breadcrumbs: [{ text: 'Manage', href: paths.manage.home() }],
    })
  })

  const personPage =
    (c: C, opts: { id?: string }): FormPage =>
    async (state, status) =>
      render(
        c,
        'structure/views/person-form.njk',
        {
          pageTitle: opts.id ? 'Edit person' : 'Add a person',
          action: opts.id ? paths.manage.editPerson(opts.id) : paths.manage.newPerson(),
          organisationItems: present.organisationSelect(await structure.organisationOptions(), state.values.organisationId),
          backLink: { href: safeReturn(state.values.returnTo) ?? paths.manage.people() },
          ...state,
        },
        status,
      )

  app.get('/manage/people/new', async (c) => {
    requireStaff(c)
    return personPage(c, {})({ values: { returnTo: safeReturn(c.req.query('returnTo')) ?? '' } })
  })
  app.post('/manage/people/new', async (c) => {
    requireStaff(c)
    return submitForm(
      c,
      PersonSchema,
      personPage(c, {}),
      async (input) => {
        const row = await structure.createPerson(actor(c), input)
        flash(c, `${present.personName(row)} added`)
        const back = safeReturn((await c.req.parseBody()).returnTo)
        return c.redirect(back ? withQuery(back, { personId: row.id }) : paths.manage.people(), 303)
      },
      { firstField: 'fullName' },
    )
  })
  app.get('/manage/people/:id/edit', async (c) => {
    requireStaff(c)
    const row = await structure.getPerson(idParam(c))
    requirePersonEditor(c, await structure.partnershipIdsOfPerson(row.id))
    return personPage(c, { id: row.id })({ values: present.personValues(row) })
  })
  app.post('/manage/people/:id/edit', async (c) => {
    requireStaff(c)
    const id = (await structure.getPerson(idParam(c))).id
    requirePersonEditor(c, await structure.partnershipIdsOfPerson(id))
    return submitForm(
      c,
      EditPersonSchema,
      personPage(c, { id }),
      async (input) => {
        const row = await structure.updatePerson(actor(c), id, input)
        flash(c, `${present.personName(row)} updated`)
        return c.redirect(paths.manage.people(), 303)
      },
      { firstField: 'fullName', currentVersion: async () => (await structure.getPerson(id)).version },
    )
  })

  // ---- partnerships ----

  /** Parents on offer: an admin may choose any; a secretariat only one they manage (or the current one). */
  const parentOptions = async (c: C, opts: { id?: string; currentParentId?: string | null }) => {
    const user = requireUser(c)
    const all = await structure.parentPartnershipOptions(opts.id)
    return all.filter((p) => canAttachUnder(user, p.id) || p.id === opts.currentParentId)
  }

  const partnershipPage =
    (c: C, opts: { id?: string; currentParentId?: string | null }): FormPage =>
    async (state, status) =>
      render(
        c,
        'structure/views/partnership-form.njk',
        {
          pageTitle: opts.id ? 'Edit partnership' : 'Create a partnership',
          action: opts.id ? paths.manage.editPartnership(opts.id) : paths.manage.newPartnership(),
          isNew: !opts.id,
          parentItems: present.parentPartnershipSelect(await parentOptions(c, opts), state.values.parentPartnershipId),
          backLink: { href: opts.id ? paths.manage.partnership(opts.id) : paths.manage.home() },
          ...state,
        },
        status,
      )

  app.get('/manage/partnerships/new', async (c) => {
    requireAdmin(c)
    return partnershipPage(c, {})({ values: {} })
  })
  app.post('/manage/partnerships/new', async (c) => {
    requireAdmin(c)
    return submitForm(c, PartnershipSchema, partnershipPage(c, {}), async (input) => {
      const row = await structure.createPartnership(actor(c), input)
      flash(c, `${row.name} created`)
      return c.redirect(paths.manage.partnership(row.id), 303)
    })
  })

  const partnershipManagePage = async (c: C, id: string, state: Partial<FormState> = {}, status?: ContentfulStatusCode) => {
    const partnership = await structure.getPartnership(id)
    requirePartnershipManager(c, partnership.id)
    const [bodies, partners, children, organisations, parent] = await Promise.all([
      structure.bodiesOfPartnership(id),
      structure.partnersOf(id),
      structure.childPartnerships(id),
      structure.organisationOptions(),
      partnership.parentPartnershipId ? structure.getPartnership(partnership.parentPartnershipId) : Promise.resolve(null),
    ])
    const partnerIds = new Set(partners.map((p) => p.id))
    return render(
      c,
      'structure/views/manage-partnership.njk',
      {
        pageTitle: partnership.name,
        partnership,
        parent: parent ? { name: parent.name, href: paths.manage.partnership(parent.id) } : null,
        publicHref: paths.public.partnership(partnership.slug),
        importHref: importerPaths.upload(partnership.id),
        apiTokensHref: apiPaths.manage.tokens(partnership.id),
        bodies: present.bodyRowsForManage(bodies),
        partners: present.partnerRows(id, partners, partnership.version),
        children: present.partnershipRowsForManage(children),
        organisationItems: present.organisationSelect(
          organisations.filter((o) => !partnerIds.has(o.id)),
          state.values?.organisationId,
        ),
        paths,
        breadcrumbs: [{ text: 'Manage', href: paths.manage.home() }],
        values: {},
        ...state,
      },
      status,
    )
  }

  app.get('/manage/partnerships/:id', (c) => partnershipManagePage(c, idParam(c)))
  app.get('/manage/partnerships/:id/edit', async (c) => {
    const row = await structure.getPartnership(idParam(c))
    requirePartnershipManager(c, row.id)
    return partnershipPage(c, { id: row.id, currentParentId: row.parentPartnershipId })({ values: present.partnershipValues(row) })
  })
  app.post('/manage/partnerships/:id/edit', async (c) => {
    const current = await structure.getPartnership(idParam(c))
    const id = current.id
    const user = requirePartnershipManager(c, id)
    return submitForm(
      c,
      EditPartnershipSchema,
      partnershipPage(c, { id, currentParentId: current.parentPartnershipId }),
      async (input) => {
        const row = await structure.updatePartnership(
          { userId: user.id, isAdmin: user.isAdmin, secretariatOf: user.secretariatOf },
          id,
          input,
        )
        flash(c, `${row.name} updated`)
        return c.redirect(paths.manage.partnership(id), 303)
      },
      { firstField: 'name', currentVersion: async () => (await structure.getPartnership(id)).version },
    )
  })

  app.post('/manage/partnerships/:id/partners', async (c) => {
    const id = (await structure.getPartnership(idParam(c))).id
    requirePartnershipManager(c, id)
    return submitForm(
      c,
      AddPartnerSchema,
      (state, status) => partnershipManagePage(c, id, state, status),
      async (input) => {
        await structure.addPartner(actor(c), id, input.organisationId)
        flash(c, 'Partner organisation added')
        return c.redirect(paths.manage.partnership(id), 303)
      },
      { firstField: 'organisationId' },
    )
  })
  /** A partner list change posted from a page that is out of date: the page again, with the message (409). */
  const partnersChanged = (c: C, id: string, err: unknown) => {
    if (err instanceof AppError && err.code === 'CONFLICT') {
      return partnershipManagePage(c, id, { errorSummary: [{ text: err.message, href: '#partners' }] }, 409)
    }
    throw err
  }
  app.post('/manage/partnerships/:id/partners/:organisationId/remove', async (c) => {
    const id = (await structure.getPartnership(idParam(c))).id
    requirePartnershipManager(c, id)
    const organisationId = idParam(c, 'organisationId')
    const parsed = RemovePartnerSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw new AppError('VALIDATION', STALE_FORM)
    try {
      await structure.removePartner(actor(c), id, organisationId, parsed.data.version)
    } catch (err) {
      return partnersChanged(c, id, err)
    }
    flash(c, 'Partner organisation removed')
    return c.redirect(paths.manage.partnership(id), 303)
  })
  app.post('/manage/partnerships/:id/partners/:organisationId/move', async (c) => {
    const id = (await structure.getPartnership(idParam(c))).id
    requirePartnershipManager(c, id)
    const organisationId = idParam(c, 'organisationId')
    const parsed = MovePartnerSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw new AppError('VALIDATION', STALE_FORM)
    try {
      await structure.movePartner(actor(c), id, organisationId, parsed.data)
    } catch (err) {
      return partnersChanged(c, id, err)
    }
    return c.redirect(`${paths.manage.partnership(id)}#partners`, 303)
  })

  // ---- bodies ----

  const bodyPage =
    (c: C, opts: { partnershipId: string; id?: string }): FormPage =>
    async (state, status) =>
      render(
        c,
        'structure/views/body-form.njk',
        {
          pageTitle: opts.id ? 'Edit body' : 'Add a body',
          action: opts.id ? paths.manage.editBody(opts.id) : paths.manage.newBody(opts.partnershipId),
          kindItems: present.bodyKindItems(state.values.kind),
          regimeItems: present.regimeItems(state.values.regime),
          numberingItems: present.numberingItems(state.values.numberingScheme),
          regionItems: present.regionSelect(state.values.region),
          accountableItems: present.accountableToSelect(
            await structure.bodiesOfPartnership(opts.partnershipId),
            opts.id ?? null,
            state.values.accountableToBodyId,
          ),
          backLink: { href: opts.id ? paths.manage.body(opts.id) : paths.manage.partnership(opts.partnershipId) },
          ...state,
        },
        status,
      )

  app.get('/manage/partnerships/:id/bodies/new', async (c) => {
    const partnershipId = (await structure.getPartnership(idParam(c))).id
    requirePartnershipManager(c, partnershipId)
    return bodyPage(c, { partnershipId })({ values: present.NEW_BODY_VALUES })
  })
  app.post('/manage/partnerships/:id/bodies/new', async (c) => {
    const partnershipId = (await structure.getPartnership(idParam(c))).id
    requirePartnershipManager(c, partnershipId)
    return submitForm(c, BodySchema, bodyPage(c, { partnershipId }), async (input) => {
      const row = await structure.createBody(actor(c), partnershipId, input)
      flash(c, `${row.name} added`)
      return c.redirect(paths.manage.body(row.id), 303)
    })
  })

  app.get('/manage/bodies/:id', async (c) => {
    const body = await structure.getBody(idParam(c))
    requirePartnershipManager(c, body.partnershipId)
    const { page } = pageQuery(c)
    const [seats, meetings, accountableTo] = await Promise.all([
      structure.allMembershipsOfBody(body.id),
      structure.meetingsOfBody(body.id, {}, page),
      body.accountableToBodyId ? structure.getBody(body.accountableToBodyId) : Promise.resolve(null),
    ])
    return render(c, 'structure/views/manage-body.njk', {
      pageTitle: body.name,
      body,
      summaryRows: present.bodySummaryRows(body, accountableTo),
      memberships: present.membershipRowsForManage(seats),
      meetings: present.meetingRows(meetings.rows, meetingPaths.manage.meeting),
      meetingsPagination: present.pagination(meetings, present.pageHref(paths.manage.body(body.id))),
      newMeetingHref: meetingPaths.manage.newMeeting(body.id),
      publicHref: paths.public.body(body.slug),
      paths,
      breadcrumbs: [
        { text: 'Manage', href: paths.manage.home() },
        { text: body.partnership.name, href: paths.manage.partnership(body.partnershipId) },
      ],
    })
  })
  app.get('/manage/bodies/:id/edit', async (c) => {
    const body = await structure.getBody(idParam(c))
    requirePartnershipManager(c, body.partnershipId)
    return bodyPage(c, { partnershipId: body.partnershipId, id: body.id })({ values: present.bodyValues(body) })
  })
  app.post('/manage/bodies/:id/edit', async (c) => {
    const body = await structure.getBody(idParam(c))
    requirePartnershipManager(c, body.partnershipId)
    return submitForm(
      c,
      EditBodySchema,
      bodyPage(c, { partnershipId: body.partnershipId, id: body.id }),
      async (input) => {
        const row = await structure.updateBody(actor(c), body.id, input)
        flash(c, `${row.name} updated`)
        return c.redirect(paths.manage.body(body.id), 303)
      },
      { firstField: 'name', currentVersion: async () => (await structure.getBody(body.id)).version },
    )
  })

  // ---- memberships ----

  const membershipPage =
    (c: C, opts: { bodyId: string; bodyName: string; id?: string }): FormPage =>
    async (state, status) => {
      const [people, organisations, seats] = await Promise.all([
        structure.personOptions(),
        structure.organisationOptions(),
        structure.allMembershipsOfBody(opts.bodyId),
      ])
      return render(
        c,
        'structure/views/membership-form.njk',
        {
          pageTitle: opts.id ? 'Edit membership' : 'Add a member',
          bodyName: opts.bodyName,
          action: opts.id ? paths.manage.editMembership(opts.id) : paths.manage.newMembership(opts.bodyId),
          isNew: !opts.id,
          personItems: present.personSelect(people, state.values.personId),
          newPersonHref: withQuery(paths.manage.newPerson(), { returnTo: paths.manage.newMembership(opts.bodyId) }),
          roleItems: present.roleItems(state.values.role),
          organisationItems: present.organisationSelect(
            organisations,
            state.values.onBehalfOfOrganisationId,
            opts.id ? 'Not on behalf of an organisation' : "The person's own organisation",
          ),
          deputyItems: present.deputyForSelect(seats, opts.id ?? null, state.values.deputyForMembershipId),
          backLink: { href: paths.manage.body(opts.bodyId) },
          ...state,
        },
        status,
      )
    }

  app.get('/manage/bodies/:id/memberships/new', async (c) => {
    const body = await structure.getBody(idParam(c))
    requirePartnershipManager(c, body.partnershipId)
    const personId = IdParam.safeParse(c.req.query('personId'))
    return membershipPage(c, { bodyId: body.id, bodyName: body.name })({
      values: { role: 'member', personId: personId.success ? personId.data : '' },
    })
  })
  app.post('/manage/bodies/:id/memberships/new', async (c) => {
    const body = await structure.getBody(idParam(c))
    requirePartnershipManager(c, body.partnershipId)
    return submitForm(
      c,
      MembershipSchema,
      membershipPage(c, { bodyId: body.id, bodyName: body.name }),
      async (input) => {
        await structure.createMembership(actor(c), body.id, input)
        flash(c, 'Member added')
        return c.redirect(paths.manage.body(body.id), 303)
      },
      { firstField: 'personId' },
    )
  })

  /** A membership with its body, after checking the user manages the body's partnership. */
  const managedMembership = async (c: C) => {
    const membership = await structure.getMembership(idParam(c))
    const body = await structure.getBody(membership.bodyId)
    requirePartnershipManager(c, body.partnershipId)
    return { membership, body }
  }

  app.get('/manage/memberships/:id/edit', async (c) => {
    const { membership, body } = await managedMembership(c)
    return membershipPage(c, { bodyId: body.id, bodyName: body.name, id: membership.id })({
      values: present.membershipValues(membership),
    })
  })
  app.post('/manage/memberships/:id/edit', async (c) => {
    const { membership, body } = await managedMembership(c)
    return submitForm(
      c,
      EditMembershipSchema,
      membershipPage(c, { bodyId: body.id, bodyName: body.name, id: membership.id }),
      async (input) => {
        await structure.updateMembership(actor(c), membership.id, input)
        flash(c, 'Membership updated')
        return c.redirect(paths.manage.body(body.id), 303)
      },
      { firstField: 'personId', currentVersion: async () => (await structure.getMembership(membership.id)).version },
    )
  })

  const endPage =
    (c: C, opts: { id: string; bodyId: string; bodyName: string; personName: string }): FormPage =>
    (state, status) =>
      render(
        c,
        'structure/views/end-membership.njk',
        {
          pageTitle: 'End membership',
          action: paths.manage.endMembership(opts.id),
          ...opts,
          backLink: { href: paths.manage.body(opts.bodyId) },
          ...state,
        },
        status,
      )
  const endPageFor = async (c: C) => {
    const { membership, body } = await managedMembership(c)
    const [person] = await structure.findPeopleByIds([membership.personId])
    const page = endPage(c, {
      id: membership.id,
      bodyId: body.id,
      bodyName: body.name,
      personName: person ? present.personName(person) : '',
    })
    return { membership, body, page }
  }

  app.get('/manage/memberships/:id/end', async (c) => {
    const { membership, page } = await endPageFor(c)
    return page({ values: { endsOn: membership.endsOn ?? londonToday(), version: String(membership.version) } })
  })
  app.post('/manage/memberships/:id/end', async (c) => {
    const { membership, body, page } = await endPageFor(c)
    return submitForm(
      c,
      EndMembershipSchema,
      page,
      async (input) => {
        await structure.endMembership(actor(c), membership.id, input)
        flash(c, 'Membership ended')
        return c.redirect(paths.manage.body(body.id), 303)
      },
      { firstField: 'endsOn', currentVersion: async () => (await structure.getMembership(membership.id)).version },
    )
  })

  return app
}
