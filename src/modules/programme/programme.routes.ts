import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import type { FormBody } from '../../platform/http/forms.ts'
import { blankForm, formHandler, renderForm, type FormState } from '../../platform/http/form-route.ts'
import { idParam } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import { londonToday } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { strategyPaths } from '../strategy/strategy.paths.ts'
import { programmePaths } from './programme.paths.ts'
import {
  AddLinksSchema,
  EditMilestoneSchema,
  EditWorkstreamSchema,
  LINK_LIST_FIELDS,
  LinkPickQuery,
  MilestoneSchema,
  ProgressUpdateSchema,
  RemoveLinkSchema,
  TimelinePageQuery,
  WorkstreamSchema,
} from './programme.schemas.ts'
import type { LinkOwner } from './programme-links.repository.ts'
import * as present from './programme.presenter.ts'

const VIEWS = {
  programme: 'programme/views/programme.njk',
  form: 'programme/views/workstream-form.njk',
  workstream: 'programme/views/workstream.njk',
  milestone: 'programme/views/milestone-form.njk',
  links: 'programme/views/link-records.njk',
  theme: 'programme/views/theme.njk',
  publicTheme: 'programme/views/public-theme.njk',
  publicWorkstream: 'programme/views/public-workstream.njk',
}

const P = programmePaths
type C = Context<AppEnv>
type App = Hono<AppEnv>
type Programme = Services['programme']

const pageOf = (c: C) => TimelinePageQuery.parse({ page: c.req.query('page') }).page
const loadWorkstream = (c: C) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Workstream') })
type WorkstreamRef = ReturnType<typeof loadWorkstream>

/** The programme page, and recording and changing a workstream. */
function workstreamRoutes(app: App, programme: Programme) {
  app.get(P.manage.programme(':id'), async (c) => {
    const data = await programme.programmeOverview(requireUser(c), idParam(c.req.param('id'), 'Partnership'))
    return render(c, VIEWS.programme, present.programmePage(data))
  })

  const loadPartnership = async (c: C) => {
    const user = requireUser(c)
    return { user, data: await programme.newWorkstreamForm(user, idParam(c.req.param('id'), 'Partnership')) }
  }
  type PartnershipRef = Awaited<ReturnType<typeof loadPartnership>>
  const newView = (c: C, { data }: PartnershipRef, form: FormState) =>
    renderForm(
      c,
      VIEWS.form,
      present.workstreamFormPage({
        heading: 'Add a workstream',
        caption: `${data.partnership.name} programme`,
        action: P.manage.newWorkstream(data.partnership.id),
        submitText: 'Add workstream',
        choices: data.choices,
        values: form.values,
        errors: form.errors,
        backHref: P.manage.programme(data.partnership.id),
      }),
      form,
    )
  app.get(P.manage.newWorkstream(':id'), async (c) => newView(c, await loadPartnership(c), blankForm()))
  app.post(
    P.manage.newWorkstream(':id'),
    formHandler({
      load: loadPartnership,
      schema: WorkstreamSchema,
      page: newView,
      submit: async (_c, input, { user, data }) => {
        const row = await programme.createWorkstream(user, data.partnership.id, input)
        return { redirect: P.manage.workstream(row.id), flash: 'Workstream added' }
      },
    }),
  )

  const editView = async (c: C, { user, id }: WorkstreamRef, form: FormState) => {
    const data = await programme.editWorkstreamForm(user, id)
    const values = Object.keys(form.values).length ? form.values : present.workstreamValues(data.workstream)
    const view = present.workstreamFormPage({
      heading: 'Change the workstream',
      caption: data.workstream.title,
      action: P.manage.editWorkstream(id),
      submitText: 'Save changes',
      choices: data.choices,
      values,
      errors: form.errors,
      backHref: P.manage.workstream(id),
    })
    return renderForm(c, VIEWS.form, view, { ...form, values })
  }
  app.get(P.manage.editWorkstream(':id'), async (c) => editView(c, loadWorkstream(c), blankForm()))
  app.post(
    P.manage.editWorkstream(':id'),
    formHandler({
      load: loadWorkstream,
      schema: EditWorkstreamSchema,
      page: editView,
      currentVersion: async (_c, { id }) => (await programme.findWorkstream(id))?.version,
      conflictHref: '#title',
      submit: async (_c, input, { user, id }) => {
        await programme.updateWorkstream(user, id, input)
        return { redirect: P.manage.workstream(id), flash: 'Workstream saved' }
      },
    }),
  )
}

/** A workstream's page, its progress updates and milestones. */
function workstreamPageRoutes(app: App, programme: Programme) {
  const pageView = async (c: C, { user, id }: WorkstreamRef, form: FormState = blankForm(), which: 'update' | 'milestone' | null = null) => {
    const data = await programme.workstreamPage(user, id, pageOf(c))
    const version = form.status === 409 && typeof form.values.version === 'string' ? form.values.version : undefined
    const view = present.workstreamPage(data, { ...(which ? { [which]: form.values } : {}), errors: form.errors, ...(version ? { version } : {}) })
    return render(c, VIEWS.workstream, { ...view, errors: form.errors, errorSummary: form.errorSummary }, form.status)
  }
  app.get(P.manage.workstream(':id'), async (c) => pageView(c, loadWorkstream(c)))

  app.post(
    P.manage.addUpdate(':id'),
    formHandler({
      load: loadWorkstream,
      schema: ProgressUpdateSchema,
      page: (c, ref, form) => pageView(c, ref, form, 'update'),
      currentVersion: async (_c, { id }) => (await programme.findWorkstream(id))?.version,
      conflictHref: '#text',
      submit: async (_c, input, { user, id }) => {
        await programme.addProgressUpdate(user, id, input)
        return { redirect: `${P.manage.workstream(id)}#updates`, flash: 'Progress update added' }
      },
    }),
  )

  app.post(
    P.manage.addMilestone(':id'),
    formHandler({
      load: loadWorkstream,
      schema: MilestoneSchema,
      page: (c, ref, form) => pageView(c, ref, form, 'milestone'),
      submit: async (_c, input, { user, id }) => {
        await programme.addMilestone(user, id, input)
        return { redirect: `${P.manage.workstream(id)}#milestones`, flash: 'Milestone added' }
      },
    }),
  )

  const loadMilestone = (c: C) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Milestone') })
  type MilestoneRef = ReturnType<typeof loadMilestone>
  const milestoneView = async (c: C, { user, id }: MilestoneRef, form: FormState) => {
    const { milestone, workstream } = await programme.getManagedMilestone(user, id)
    const values = Object.keys(form.values).length ? form.values : present.milestoneValues(milestone)
    return renderForm(c, VIEWS.milestone, present.milestoneFormPage({ milestoneId: id, workstream, values, errors: form.errors }), { ...form, values })
  }
  app.get(P.manage.editMilestone(':id'), async (c) => milestoneView(c, loadMilestone(c), blankForm()))
  app.post(
    P.manage.editMilestone(':id'),
    formHandler({
      load: loadMilestone,
      schema: EditMilestoneSchema,
      page: milestoneView,
      currentVersion: async (_c, { id }) => (await programme.findMilestone(id))?.version,
      conflictHref: '#title',
      submit: async (_c, input, { user, id }) => {
        const row = await programme.updateMilestone(user, id, input)
        return { redirect: `${P.manage.workstream(row.workstreamId)}#milestones`, flash: 'Milestone saved' }
      },
    }),
  )
}

/** Linking records to a theme or a workstream (its page has the picker), and a theme's page. */
function linkRoutes(app: App, programme: Programme) {
  for (const kind of ['workstream', 'theme'] as const) {
    const loadOwner = (c: C) => {
      const owner: LinkOwner = { kind, id: idParam(c.req.param('id'), kind === 'theme' ? 'Theme' : 'Workstream') }
      return { user: requireUser(c), owner }
    }
    type OwnerRef = ReturnType<typeof loadOwner>
    const pickerView = async (c: C, { user, owner }: OwnerRef, meetingId: string | undefined, form: FormState) => {
      const data = await programme.linkPicker(user, owner, meetingId)
      return renderForm(c, VIEWS.links, present.linkPickerPage(data, form.errors), form)
    }
    app.get(P.manage.links(kind, ':id'), async (c) => pickerView(c, loadOwner(c), LinkPickQuery.parse(c.req.query()).meeting, blankForm()))

    // Ticked boxes of one name arrive as several values: the whole body is read here, and the schema uses it.
    const loadWithBody = async (c: C) => {
      const body = (await c.req.parseBody({ all: true })) as FormBody
      const one = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[v.length - 1] : v)
      const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, (LINK_LIST_FIELDS as readonly string[]).includes(k) ? v : one(v)]))
      return { ...loadOwner(c), fields }
    }
    app.post(
      P.manage.links(kind, ':id'),
      formHandler({
        load: loadWithBody,
        schema: ({ fields }) => z.preprocess(() => fields, AddLinksSchema),
        page: (c, ref, form) => pickerView(c, ref, typeof form.values.meetingId === 'string' ? LinkPickQuery.parse({ meeting: form.values.meetingId }).meeting : undefined, form),
        submit: async (_c, input, { user, owner }) => {
          const made = await programme.addLinks(user, owner, input)
          const back = owner.kind === 'theme' ? P.manage.theme(owner.id) : P.manage.workstream(owner.id)
          return { redirect: `${back}#linked`, flash: made === 1 ? '1 record linked' : `${made} records linked` }
        },
      }),
    )

    app.post(
      P.manage.removeLink(kind, ':id'),
      formHandler({
        load: loadOwner,
        schema: RemoveLinkSchema,
        page: async (c, { user, owner }, form) => {
          if (owner.kind === 'theme') {
            const view = present.themePage(await programme.themePage(user, owner.id, 1))
            return render(c, VIEWS.theme, { ...view, errors: form.errors, errorSummary: form.errorSummary }, form.status)
          }
          const view = present.workstreamPage(await programme.workstreamPage(user, owner.id, 1))
          return render(c, VIEWS.workstream, { ...view, errors: form.errors, errorSummary: form.errorSummary }, form.status)
        },
        submit: async (_c, input, { user, owner }) => {
          await programme.removeLink(user, owner, input.linkId)
          const back = owner.kind === 'theme' ? P.manage.theme(owner.id) : P.manage.workstream(owner.id)
          return { redirect: `${back}#linked`, flash: 'Link removed' }
        },
      }),
    )
  }

  app.get(P.manage.theme(':id'), async (c) => {
    const data = await programme.themePage(requireUser(c), idParam(c.req.param('id'), 'Theme'), pageOf(c))
    return render(c, VIEWS.theme, present.themePage(data))
  })
}

/** The public's theme and workstream pages: public workstreams, public updates and public linked records only. */
function publicRoutes(app: App, programme: Programme) {
  app.get(strategyPaths.public.theme(':slug', ':theme'), async (c) => {
    const data = await programme.findPublishedTheme(c.req.param('slug') ?? '', c.req.param('theme') ?? '', pageOf(c))
    return render(c, VIEWS.publicTheme, present.publicThemePage(data))
  })
  app.get(P.public.workstream(':slug', ':workstream'), async (c) => {
    const data = await programme.findPublishedWorkstream(c.req.param('slug') ?? '', c.req.param('workstream') ?? '', pageOf(c))
    return render(c, VIEWS.publicWorkstream, present.publicWorkstreamPage(data, londonToday()))
  })
}

/** The programme: the secretariat runs workstreams, milestones, updates and links; the public reads what is public. */
export function programmeRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  workstreamRoutes(app, services.programme)
  workstreamPageRoutes(app, services.programme)
  linkRoutes(app, services.programme)
  publicRoutes(app, services.programme)
  return app
}
