import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { flash } from '../../platform/http/cookies.ts'
import { AppError, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, formValues, zodFieldErrors, type FormBody } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { formatLongDate } from '../../shared/dates.ts'
import { actionPaths } from './actions.paths.ts'
import {
  ActionSchema,
  EditActionSchema,
  idParam,
  LinkSchema,
  StatusSchema,
  TrackerQuerySchema,
  UpdateSchema,
  type TrackerQuery,
} from './actions.schemas.ts'
import * as present from './actions.presenter.ts'

const VIEWS = {
  form: 'actions/views/action-form.njk',
  action: 'actions/views/action-page.njk',
  status: 'actions/views/action-status.njk',
  tracker: 'actions/views/tracker.njk',
  publicSheet: 'actions/views/public-actions.njk',
}

const P = actionPaths
const isAppError = (e: unknown, code: AppError['code']): e is AppError => e instanceof AppError && e.code === code

function page(c: Context<AppEnv>, view: string, data: object, errors: FieldErrors | undefined, status: ContentfulStatusCode = 200) {
  return render(c, view, { ...data, errors, errorSummary: errorSummary(errors) }, status)
}

/** Repeated fields (several owner selects, several statuses) arrive as arrays. */
const parseAll = (c: Context<AppEnv>) => c.req.parseBody({ all: true }) as Promise<FormBody>

/** A single value from a form body that may hold arrays. */
const one = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[v.length - 1] : v)
const singles = (body: FormBody, keys: string[]): FormBody =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, keys.includes(k) ? v : one(v)])) as FormBody

const MULTI = ['personIds', 'organisationIds', 'groups']

export function actionsRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const actions = services.actions

  // ---------- public ----------

  app.get(P.public.bodyActions(':slug'), async (c) => {
    const sheet = await actions.findPublishedActionsOfBody(c.req.param('slug') ?? '')
    return render(c, VIEWS.publicSheet, present.publicSheetPage(sheet))
  })

  // ---------- the tracker ----------

  const trackerQuery = (c: Context<AppEnv>) =>
    TrackerQuerySchema.parse({ ...c.req.query(), status: c.req.queries('status') ?? [] })

  const trackerView = async (c: Context<AppEnv>, user: CurrentUser, q: TrackerQuery, errors?: FieldErrors, status?: ContentfulStatusCode) => {
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

  // ---------- recording an action against an agenda item ----------

  const newForm = async (c: Context<AppEnv>, user: CurrentUser, itemId: string, values: Record<string, unknown>, errors?: FieldErrors, status?: ContentfulStatusCode) => {
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

  app.post(P.manage.newAction(':id'), async (c) => {
    const user = requireUser(c)
    const itemId = idParam(c.req.param('id'), 'Agenda item')
    const body = await parseAll(c)
    const input = singles(body, MULTI)
    const values = formValues(input)
    const parsed = ActionSchema.safeParse(input)
    if (!parsed.success) return newForm(c, user, itemId, values, zodFieldErrors(parsed.error), 400)
    let created
    try {
      created = await actions.createAction(user, itemId, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return newForm(c, user, itemId, values, e.fieldErrors, 400)
      throw e
    }
    flash(c, 'Action added')
    return c.redirect(P.manage.action(created.id), 303)
  })

  // ---------- the action page, its updates, status and links ----------

  const actionView = async (
    c: Context<AppEnv>,
    user: CurrentUser,
    id: string,
    form: Parameters<typeof present.actionPage>[1] = {},
    status: ContentfulStatusCode = 200,
  ) => page(c, VIEWS.action, present.actionPage(await actions.getManagedAction(user, id), form), form.errors, status)

  app.get(P.manage.action(':id'), async (c) => {
    const user = requireUser(c)
    return actionView(c, user, idParam(c.req.param('id'), 'Action'))
  })

  app.post(P.manage.addUpdate(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Action')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const parsed = UpdateSchema.safeParse(body)
    if (!parsed.success) return actionView(c, user, id, { update: values, errors: zodFieldErrors(parsed.error) }, 400)
    try {
      await actions.addUpdate(user, id, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return actionView(c, user, id, { update: values, errors: e.fieldErrors }, 400)
      if (isAppError(e, 'CONFLICT')) {
        // The text is kept; the form now carries the current version so it can be sent again.
        const fresh = await actions.getAction(id)
        return actionView(c, user, id, { update: { ...values, version: String(fresh.version) }, errors: { text: e.message } }, 409)
      }
      throw e
    }
    flash(c, parsed.data.statusTo ? 'Update added and status changed' : 'Update added')
    return c.redirect(P.manage.action(id), 303)
  })

  const statusView = async (c: Context<AppEnv>, user: CurrentUser, id: string, values: Record<string, unknown> = {}, errors?: FieldErrors, status?: ContentfulStatusCode) =>
    page(c, VIEWS.status, present.statusPage(await actions.getManagedAction(user, id), values, errors), errors, status)

  app.get(P.manage.changeStatus(':id'), async (c) => {
    const user = requireUser(c)
    return statusView(c, user, idParam(c.req.param('id'), 'Action'))
  })

  app.post(P.manage.changeStatus(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Action')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const parsed = StatusSchema.safeParse(body)
    if (!parsed.success) return statusView(c, user, id, values, zodFieldErrors(parsed.error), 400)
    try {
      await actions.changeStatus(user, id, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return statusView(c, user, id, values, e.fieldErrors, 400)
      if (isAppError(e, 'CONFLICT')) {
        const fresh = await actions.getAction(id)
        return statusView(c, user, id, { ...values, version: String(fresh.version) }, { statusTo: e.message }, 409)
      }
      throw e
    }
    flash(c, 'Status changed')
    return c.redirect(P.manage.action(id), 303)
  })

  app.post(P.manage.links(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Action')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const parsed = LinkSchema.safeParse(body)
    if (!parsed.success) return actionView(c, user, id, { link: values, errors: zodFieldErrors(parsed.error) }, 400)
    try {
      await actions.linkActions(user, id, parsed.data.linkedActionId)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return actionView(c, user, id, { link: values, errors: e.fieldErrors }, 400)
      throw e
    }
    flash(c, 'Actions linked')
    return c.redirect(P.manage.action(id), 303)
  })

  app.post(P.manage.unlink(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Action')
    const body = await c.req.parseBody()
    const parsed = LinkSchema.safeParse(body)
    if (!parsed.success) return actionView(c, user, id, { errors: { linkedActionId: 'Select a linked action' } }, 400)
    await actions.unlinkActions(user, id, parsed.data.linkedActionId)
    flash(c, 'Link removed')
    return c.redirect(P.manage.action(id), 303)
  })

  // ---------- editing ----------

  const editForm = async (c: Context<AppEnv>, user: CurrentUser, id: string, values: Record<string, unknown> | null, errors?: FieldErrors, status?: ContentfulStatusCode) => {
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
    return page(c, VIEWS.form, view, errors, status)
  }

  app.get(P.manage.editAction(':id'), async (c) => {
    const user = requireUser(c)
    return editForm(c, user, idParam(c.req.param('id'), 'Action'), null)
  })

  app.post(P.manage.editAction(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Action')
    const body = await parseAll(c)
    const input = singles(body, MULTI)
    const values = formValues(input)
    const parsed = EditActionSchema.safeParse(input)
    if (!parsed.success) return editForm(c, user, id, values, zodFieldErrors(parsed.error), 400)
    try {
      await actions.updateAction(user, id, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return editForm(c, user, id, values, e.fieldErrors, 400)
      if (isAppError(e, 'CONFLICT')) {
        const fresh = await actions.getAction(id)
        return editForm(c, user, id, { ...values, version: String(fresh.version) }, { description: e.message }, 409)
      }
      throw e
    }
    flash(c, 'Action saved')
    return c.redirect(P.manage.action(id), 303)
  })

  return app
}
