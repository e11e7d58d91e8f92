import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, formValues, type ErrorSummaryItem, type FormBody } from '../../platform/http/forms.ts'
import { formHandler, type FormSpec, type FormState } from '../../platform/http/form-route.ts'
import { idParam } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { formatLongDate } from '../../shared/dates.ts'
import { actionPaths } from './actions.paths.ts'
import { ActionSchema, EditActionSchema, LinkSchema, StatusSchema, TrackerQuerySchema, UnlinkSchema, UpdateSchema, type TrackerQuery } from './actions.schemas.ts'
import * as present from './actions.presenter.ts'
import { publicSheetPage } from './public-sheet.presenter.ts'

const VIEWS = {
  form: 'actions/views/action-form.njk',
  action: 'actions/views/action-page.njk',
  status: 'actions/views/action-status.njk',
  tracker: 'actions/views/tracker.njk',
  publicSheet: 'actions/views/public-actions.njk',
}

const P = actionPaths
type C = Context<AppEnv>

/** A page with its form's errors; `summary` is given when it says more than the field errors (after a conflict). */
function page(c: C, view: string, data: object, errors: FieldErrors | undefined, status: ContentfulStatusCode = 200, summary?: ErrorSummaryItem[]) {
  return render(c, view, { ...data, errors, errorSummary: summary ?? errorSummary(errors) }, status)
}

/** A single value from a form body that may hold arrays. */
const one = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[v.length - 1] : v)
const MULTI = ['personIds', 'organisationIds', 'groups']

/**
 * The action form's repeated fields (several owner selects) arrive as arrays, which formHandler's one-value-a-field
 * body would cut to the last: its `load` reads the whole body here, and its schema and page use that.
 */
async function actionFormBody(c: C): Promise<FormBody> {
  const body = (await c.req.parseBody({ all: true })) as FormBody
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, MULTI.includes(k) ? v : one(v)])) as FormBody
}
/** The schema over that whole body (the body formHandler passes in is set aside). */
const overBody = <S extends z.ZodType>(body: FormBody, schema: S) => z.preprocess(() => body, schema)

type App = Hono<AppEnv>
type Actions = Services['actions']

/** Every POST about one action: the signed-in user and the action's id. */
const loadAction = (c: C) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Action') })
type ActionRef = ReturnType<typeof loadAction>
/** After a conflict: the action's current version, put back in the form. */
const currentVersionOf = (actions: Actions) => async (_c: C, { id }: ActionRef) => (await actions.getAction(id)).version
/** A form about the action in the URL: `change` runs the use case, then back to the action's page with its message. */
const actionForm = <S extends z.ZodType>(
  spec: Omit<FormSpec<S, ActionRef>, 'load' | 'submit'> & { change: (input: z.infer<S>, ref: ActionRef) => Promise<string> },
) =>
  formHandler<S, ActionRef>({
    ...spec,
    load: loadAction,
    submit: async (_c, input, ref) => ({ redirect: P.manage.action(ref.id), flash: await spec.change(input, ref) }),
  })

/** The public action sheet and the staff tracker (with its CSV export). */
function listRoutes(app: App, actions: Actions) {
  // ---------- public ----------

  app.get(P.public.bodyActions(':slug'), async (c) => {
    const sheet = await actions.findPublishedActionsOfBody(c.req.param('slug') ?? '')
    return render(c, VIEWS.publicSheet, publicSheetPage(sheet))
  })

  // ---------- the tracker ----------

  const trackerQuery = (c: C) => TrackerQuerySchema.parse({ ...c.req.query(), status: c.req.queries('status') ?? [] })

  const trackerView = async (c: C, user: CurrentUser, q: TrackerQuery, errors?: FieldErrors, status?: ContentfulStatusCode) => {
    const [data, options] = await Promise.all([actions.findTracker(user, q), actions.trackerOptions(user)])
    return page(c, VIEWS.tracker, present.trackerPage(data, options, q), errors, status)
  }

  app.get(P.manage.tracker(), async (c) => {
    const user = requireUser(c)
    return trackerView(c, user, trackerQuery(c))
  })

  app.get(P.manage.trackerCsv(), async (c) => {
    const user = requireUser(c)
    const q = trackerQuery(c)
    const data = await actions.findTrackerExport(user, q)
    // Refused rather than cut: a file missing rows would look complete to whoever opens it.
    if (data.tooMany) return trackerView(c, user, q, { q: present.csvTooManyMessage(data.total, data.limit) }, 400)
    return c.body(present.trackerCsv(data), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${present.csvFilename(data.today)}"`,
    })
  })
}

/** Recording an action against an agenda item, and changing what it says. */
function recordingRoutes(app: App, actions: Actions) {
  // ---------- recording an action against an agenda item ----------

  const newForm = async (c: C, user: CurrentUser, itemId: string, values: Record<string, unknown>, errors?: FieldErrors, status?: ContentfulStatusCode) => {
    const data = await actions.newActionForm(user, itemId)
    const view = present.actionFormPage({
      heading: 'Add an action',
      caption: `${data.item.number} ${data.item.title}`.trim(),
      action: P.manage.newAction(itemId),
      submitText: 'Add action',
      people: data.people,
      organisations: data.organisations,
      decisions: data.item.decisions,
      withheld: data.withheld,
      values,
      errors,
      backHref: meetingPaths.manage.itemMinutes(itemId),
    })
    return page(c, VIEWS.form, { ...view, meetingText: `${data.meeting.body.name}, ${formatLongDate(data.meeting.date)}` }, errors, status)
  }

  app.get(P.manage.newAction(':id'), async (c) => {
    const user = requireUser(c)
    return newForm(c, user, idParam(c.req.param('id'), 'Agenda item'), {})
  })

  app.post(
    P.manage.newAction(':id'),
    formHandler({
      load: async (c) => ({ user: requireUser(c), itemId: idParam(c.req.param('id'), 'Agenda item'), body: await actionFormBody(c) }),
      schema: ({ body }) => overBody(body, ActionSchema),
      page: (c, { user, itemId, body }, form) => newForm(c, user, itemId, formValues(body), form.errors, form.status),
      submit: async (_c, input, { user, itemId }) => {
        const created = await actions.createAction(user, itemId, input)
        return { redirect: P.manage.action(created.id), flash: 'Action added' }
      },
    }),
  )

  // ---------- editing ----------

  const editForm = async (
    c: C,
    user: CurrentUser,
    id: string,
    values: Record<string, unknown> | null,
    errors?: FieldErrors,
    status?: ContentfulStatusCode,
    summary?: ErrorSummaryItem[],
  ) => {
    const data = await actions.editActionForm(user, id)
    const view = present.actionFormPage({
      heading: 'Change the action',
      caption: `${data.action.bodyName} action`,
      action: P.manage.editAction(id),
      submitText: 'Save changes',
      people: data.people,
      organisations: data.organisations,
      decisions: data.source.item?.decisions ?? [],
      withheld: data.source.withheld,
      values: values ?? present.actionValues(data.action),
      errors,
      backHref: P.manage.action(id),
    })
    return page(c, VIEWS.form, view, errors, status, summary)
  }

  app.get(P.manage.editAction(':id'), async (c) => {
    const user = requireUser(c)
    return editForm(c, user, idParam(c.req.param('id'), 'Action'), null)
  })

  app.post(
    P.manage.editAction(':id'),
    formHandler({
      load: async (c) => ({ ...loadAction(c), body: await actionFormBody(c) }),
      schema: ({ body }) => overBody(body, EditActionSchema),
      // What was typed (owners included), with the version formHandler puts back after a conflict.
      page: (c, { user, id, body }, form) => editForm(c, user, id, { ...formValues(body), version: form.values.version }, form.errors, form.status, form.errorSummary),
      currentVersion: currentVersionOf(actions),
      conflictHref: '#description',
      submit: async (_c, input, { user, id }) => {
        await actions.updateAction(user, id, input)
        return { redirect: P.manage.action(id), flash: 'Action saved' }
      },
    }),
  )
}

/** The action page: its updates, status and links. */
function actionPageRoutes(app: App, actions: Actions) {
  // ---------- the action page, its updates, status and links ----------

  /**
   * The action page: to read (its secretariat or a read-only officer), or again after one of its forms failed,
   * loaded as managed, so a read-only officer's post is refused (403) before any form is shown back.
   */
  const actionView = async (
    c: C,
    user: CurrentUser,
    id: string,
    form: Parameters<typeof present.actionPage>[1] = {},
    status: ContentfulStatusCode = 200,
    summary?: ErrorSummaryItem[],
    load: (user: CurrentUser, id: string) => Promise<Parameters<typeof present.actionPage>[0]> = actions.getViewableAction,
  ) => page(c, VIEWS.action, present.actionPage(await load(user, id), form), form.errors, status, summary)

  /** The action page again with one of its forms' input kept (`update` or `link`) and the errors. */
  const actionPageWith =
    (key: 'update' | 'link' | null) =>
    async (c: C, { user, id }: ActionRef, form: FormState) =>
      actionView(c, user, id, { ...(key ? { [key]: form.values } : {}), errors: form.errors }, form.status, form.errorSummary, actions.getManagedAction)

  app.get(P.manage.action(':id'), async (c) => {
    const user = requireUser(c)
    return actionView(c, user, idParam(c.req.param('id'), 'Action'))
  })

  app.post(
    P.manage.addUpdate(':id'),
    actionForm({
      schema: UpdateSchema,
      page: actionPageWith('update'),
      // The text is kept; the form then carries the current version so it can be sent again.
      currentVersion: currentVersionOf(actions),
      conflictHref: '#text',
      change: async (input, { user, id }) => {
        await actions.addUpdate(user, id, input)
        return input.statusTo ? 'Update added and status changed' : 'Update added'
      },
    }),
  )

  const statusView = async (c: C, user: CurrentUser, id: string, values: Record<string, unknown> = {}, errors?: FieldErrors, status?: ContentfulStatusCode, summary?: ErrorSummaryItem[]) =>
    page(c, VIEWS.status, present.statusPage(await actions.getManagedAction(user, id), values, errors), errors, status, summary)

  app.get(P.manage.changeStatus(':id'), async (c) => {
    const user = requireUser(c)
    return statusView(c, user, idParam(c.req.param('id'), 'Action'))
  })

  app.post(
    P.manage.changeStatus(':id'),
    actionForm({
      schema: StatusSchema,
      page: (c, { user, id }, form) => statusView(c, user, id, form.values, form.errors, form.status, form.errorSummary),
      currentVersion: currentVersionOf(actions),
      conflictHref: '#statusTo',
      change: async (input, { user, id }) => {
        await actions.changeStatus(user, id, input)
        return 'Status changed'
      },
    }),
  )

  app.post(
    P.manage.links(':id'),
    actionForm({
      schema: LinkSchema,
      page: actionPageWith('link'),
      change: async (input, { user, id }) => {
        await actions.linkActions(user, id, input.linkedActionId)
        return 'Actions linked'
      },
    }),
  )

  app.post(
    P.manage.unlink(':id'),
    actionForm({
      schema: UnlinkSchema,
      page: actionPageWith(null),
      change: async (input, { user, id }) => {
        await actions.unlinkActions(user, id, input.linkedActionId)
        return 'Link removed'
      },
    }),
  )
}

export function actionsRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  listRoutes(app, services.actions)
  recordingRoutes(app, services.actions)
  actionPageRoutes(app, services.actions)
  return app
}
