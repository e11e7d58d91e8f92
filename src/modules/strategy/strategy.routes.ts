import { Hono, type Context } from 'hono'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { notFound } from '../../platform/http/errors.ts'
import { blankForm, formHandler, renderForm, type FormState } from '../../platform/http/form-route.ts'
import { idParam } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { strategyPaths } from './strategy.paths.ts'
import {
  ApprovalSchema,
  ApprovalStepQuery,
  CompareQuery,
  DraftSchema,
  EditDraftSchema,
  MoveThemeSchema,
  PublicCompareQuery,
  ThemeSchema,
  VersionOnlySchema,
} from './strategy.schemas.ts'
import * as present from './strategy.presenter.ts'

const VIEWS = {
  overview: 'strategy/views/manage-strategy.njk',
  version: 'strategy/views/version.njk',
  form: 'strategy/views/version-form.njk',
  theme: 'strategy/views/theme-form.njk',
  approve: 'strategy/views/approve.njk',
  compare: 'strategy/views/compare.njk',
  publicStrategy: 'strategy/views/public-strategy.njk',
  publicVersion: 'strategy/views/public-version.njk',
}

const P = strategyPaths
type C = Context<AppEnv>
type Strategy = Services['strategy']
type App = Hono<AppEnv>

/** Every POST about one version: the signed-in user and the version's id. */
const loadVersion = (c: C) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Strategy version') })
type VersionRef = ReturnType<typeof loadVersion>

/** The version's page, with the theme form's input kept and the form's errors. */
async function versionView(c: C, strategy: Strategy, user: CurrentUser, id: string, form: FormState = blankForm(), themeInput = false) {
  const data = await strategy.getManagedVersion(user, id)
  const version = typeof form.values.version === 'string' && form.status === 409 ? form.values.version : undefined
  const view = present.versionPage(data, { ...(themeInput ? { theme: form.values } : {}), errors: form.errors, ...(version ? { version } : {}) })
  return render(c, VIEWS.version, { ...view, errors: form.errors, errorSummary: form.errorSummary }, form.status)
}

const currentVersionOf = (strategy: Strategy) => async (_c: C, { id }: VersionRef) => (await strategy.getVersion(id))?.version

/** The overview, the first draft, a version's page and its details. */
function versionRoutes(app: App, strategy: Strategy) {
  app.get(P.manage.strategy(':id'), async (c) => {
    const data = await strategy.overview(requireUser(c), idParam(c.req.param('id'), 'Partnership'))
    return render(c, VIEWS.overview, present.overviewPage(data))
  })

  const loadPartnership = async (c: C) => {
    const user = requireUser(c)
    const data = await strategy.overview(user, idParam(c.req.param('id'), 'Partnership'))
    return { user, data }
  }
  type PartnershipRef = Awaited<ReturnType<typeof loadPartnership>>
  const newDraftView = (c: C, { data }: PartnershipRef, form: FormState) =>
    renderForm(
      c,
      VIEWS.form,
      present.versionFormPage({
        heading: 'Create the first draft',
        caption: `${data.partnership.name} strategy`,
        action: P.manage.newDraft(data.partnership.id),
        submitText: 'Save draft',
        values: form.values,
        errors: form.errors,
        backHref: P.manage.strategy(data.partnership.id),
        showChangeNote: false,
      }),
      form,
    )
  app.get(P.manage.newDraft(':id'), async (c) => newDraftView(c, await loadPartnership(c), blankForm()))
  app.post(
    P.manage.newDraft(':id'),
    formHandler({
      load: loadPartnership,
      schema: DraftSchema,
      page: newDraftView,
      submit: async (_c, input, { user, data }) => {
        const row = await strategy.createFirstDraft(user, data.partnership.id, input)
        return { redirect: P.manage.version(row.id), flash: 'Draft saved. Add its themes below.' }
      },
    }),
  )

  app.get(P.manage.version(':id'), async (c) => {
    const { user, id } = loadVersion(c)
    return versionView(c, strategy, user, id)
  })

  const editView = async (c: C, { user, id }: VersionRef, form: FormState) => {
    const data = await strategy.getManagedVersion(user, id)
    const values = Object.keys(form.values).length ? form.values : present.versionValues(data.version)
    return renderForm(
      c,
      VIEWS.form,
      present.versionFormPage({
        heading: 'Change the draft',
        caption: present.versionName(data.version),
        action: P.manage.editVersion(id),
        submitText: 'Save changes',
        values,
        errors: form.errors,
        backHref: P.manage.version(id),
        showChangeNote: data.version.number > 1,
      }),
      { ...form, values },
    )
  }
  app.get(P.manage.editVersion(':id'), async (c) => editView(c, loadVersion(c), blankForm()))
  app.post(
    P.manage.editVersion(':id'),
    formHandler({
      load: loadVersion,
      schema: EditDraftSchema,
      page: editView,
      currentVersion: currentVersionOf(strategy),
      conflictHref: '#title',
      submit: async (_c, input, { user, id }) => {
        await strategy.updateDraft(user, id, input)
        return { redirect: P.manage.version(id), flash: 'Draft saved' }
      },
    }),
  )

  app.post(
    P.manage.newVersion(':id'),
    formHandler({
      load: loadVersion,
      schema: VersionOnlySchema,
      page: (c, { user, id }, form) => versionView(c, strategy, user, id, form),
      currentVersion: currentVersionOf(strategy),
      submit: async (_c, input, { user, id }) => {
        const row = await strategy.startNewVersion(user, id, input.version)
        return { redirect: P.manage.version(row.id), flash: `Version ${row.number} started as a draft` }
      },
    }),
  )
}

/** A draft's themes: add, change, move and remove. */
function themeRoutes(app: App, strategy: Strategy) {
  const onVersionPage = (themeInput: boolean) => (c: C, { user, id }: VersionRef, form: FormState) => versionView(c, strategy, user, id, form, themeInput)

  app.post(
    P.manage.addTheme(':id'),
    formHandler({
      load: loadVersion,
      schema: ThemeSchema,
      page: onVersionPage(true),
      currentVersion: currentVersionOf(strategy),
      conflictHref: '#title',
      submit: async (_c, input, { user, id }) => {
        const theme = await strategy.addTheme(user, id, input)
        return { redirect: `${P.manage.version(id)}#themes`, flash: `Theme added: ${theme.title}` }
      },
    }),
  )

  const loadTheme = (c: C) => ({ ...loadVersion(c), themeId: idParam(c.req.param('themeId'), 'Theme') })
  type ThemeRef = ReturnType<typeof loadTheme>
  const themeView = async (c: C, { user, id, themeId }: ThemeRef, form: FormState) => {
    const { version, theme } = await strategy.getDraftTheme(user, id, themeId)
    const values = Object.keys(form.values).length ? form.values : { title: theme.title, description: theme.description ?? '', version: String(version.version) }
    return renderForm(c, VIEWS.theme, present.themeFormPage({ versionId: id, versionName: present.versionName(version), themeId, values, errors: form.errors }), { ...form, values })
  }
  app.get(P.manage.editTheme(':id', ':themeId'), async (c) => themeView(c, loadTheme(c), blankForm()))
  app.post(
    P.manage.editTheme(':id', ':themeId'),
    formHandler({
      load: loadTheme,
      schema: ThemeSchema,
      page: themeView,
      currentVersion: currentVersionOf(strategy),
      conflictHref: '#title',
      submit: async (_c, input, { user, id, themeId }) => {
        await strategy.updateTheme(user, id, themeId, input)
        return { redirect: `${P.manage.version(id)}#themes`, flash: 'Theme saved' }
      },
    }),
  )

  app.post(
    P.manage.moveTheme(':id', ':themeId'),
    formHandler({
      load: loadTheme,
      schema: MoveThemeSchema,
      page: onVersionPage(false),
      currentVersion: currentVersionOf(strategy),
      submit: async (_c, input, { user, id, themeId }) => {
        await strategy.moveTheme(user, id, themeId, input.direction, input.version)
        return { redirect: `${P.manage.version(id)}#themes`, flash: 'Theme moved' }
      },
    }),
  )

  app.post(
    P.manage.removeTheme(':id', ':themeId'),
    formHandler({
      load: loadTheme,
      schema: VersionOnlySchema,
      page: onVersionPage(false),
      currentVersion: currentVersionOf(strategy),
      submit: async (_c, input, { user, id, themeId }) => {
        await strategy.removeTheme(user, id, themeId, input.version)
        return { redirect: `${P.manage.version(id)}#themes`, flash: 'Theme removed from the draft' }
      },
    }),
  )
}

/** Recording approval, and comparing versions. */
function approvalRoutes(app: App, strategy: Strategy) {
  const approveView = async (c: C, user: CurrentUser, id: string, meeting: string | undefined, form: FormState) => {
    const data = await strategy.approvalForm(user, id, meeting)
    return renderForm(c, VIEWS.approve, present.approvalPage(data, form.values, form.errors), form)
  }
  app.get(P.manage.approve(':id'), async (c) => {
    const { user, id } = loadVersion(c)
    const { meeting } = ApprovalStepQuery.parse(c.req.query())
    return approveView(c, user, id, meeting, blankForm())
  })
  app.post(
    P.manage.approve(':id'),
    formHandler({
      load: loadVersion,
      schema: ApprovalSchema,
      page: (c, { user, id }, form) => {
        const meetingId = typeof form.values.meetingId === 'string' && form.values.meetingId ? form.values.meetingId : 'none'
        return approveView(c, user, id, meetingId, form)
      },
      currentVersion: currentVersionOf(strategy),
      submit: async (_c, input, { user, id }) => {
        const row = await strategy.recordApproval(user, id, input)
        return { redirect: P.manage.version(row.id), flash: `Approval recorded: version ${row.number} is now the current strategy` }
      },
    }),
  )

  app.get(P.manage.compare(':id'), async (c) => {
    const q = CompareQuery.parse(c.req.query())
    const data = await strategy.compareManaged(requireUser(c), idParam(c.req.param('id'), 'Partnership'), q.from, q.to)
    return render(c, VIEWS.compare, present.comparePage(data, { staff: true }))
  })
}

/** The public's strategy pages: the current strategy and its history, one approved version, and what changed. */
function publicRoutes(app: App, strategy: Strategy) {
  app.get(P.public.strategy(':slug'), async (c) => {
    const data = await strategy.findPublishedHistory(c.req.param('slug') ?? '')
    return render(c, VIEWS.publicStrategy, present.publicHistoryPage(data))
  })
  app.get(P.public.version(':slug', ':number'), async (c) => {
    const number = Number(c.req.param('number'))
    if (!Number.isInteger(number) || number < 1 || number > 100_000) throw notFound('Strategy version')
    const data = await strategy.findPublishedVersion(c.req.param('slug') ?? '', number)
    return render(c, VIEWS.publicVersion, present.publicVersionPage(data))
  })
  app.get(P.public.compare(':slug'), async (c) => {
    const q = PublicCompareQuery.parse(c.req.query())
    const data = await strategy.comparePublished(c.req.param('slug') ?? '', q.from, q.to)
    return render(c, VIEWS.compare, present.comparePage(data, { staff: false }))
  })
}

/** The strategy: the secretariat keeps its versions; the public reads the approved ones. */
export function strategyRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  versionRoutes(app, services.strategy)
  themeRoutes(app, services.strategy)
  approvalRoutes(app, services.strategy)
  publicRoutes(app, services.strategy)
  return app
}
