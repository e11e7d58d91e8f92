import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { flash } from '../../platform/http/cookies.ts'
import { AppError, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, formValues, zodFieldErrors } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from './meetings.paths.ts'
import { MINUTES_CONFLICT } from './minutes.service.ts'
import {
  ApproveMinutesSchema,
  AttendanceSchema,
  ItemMinutesActionSchema,
  PublishDraftMinutesSchema,
  attendanceFormInput,
  idParam,
} from './minutes.schemas.ts'
import {
  approveMinutesPage,
  attendanceFormPage,
  itemMinutesPage,
  minutesOverviewPage,
} from './minutes.presenter.ts'
import { formatLongDate } from '../../shared/dates.ts'
import { itemActionsSection } from '../actions/actions.presenter.ts'

const VIEWS = {
  attendance: 'meetings/views/attendance-form.njk',
  overview: 'meetings/views/minutes-overview.njk',
  item: 'meetings/views/minutes-item.njk',
  approve: 'meetings/views/minutes-approve.njk',
}

const P = meetingPaths
const isAppError = (e: unknown, code: AppError['code']): e is AppError => e instanceof AppError && e.code === code

/** Render a form page with its errors and error summary. */
function formPage(c: Context<AppEnv>, view: string, page: object, errors: FieldErrors | undefined, status: ContentfulStatusCode) {
  return render(c, view, { ...page, errors, errorSummary: errorSummary(errors) }, status)
}

export function minutesRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const minutes = services.minutes
  /** The item's actions, listed under its minutes with a link to add one. */
  const itemActions = async (itemId: string) =>
    itemActionsSection(itemId, await services.actions.actionsOfItem(itemId), services.actions.today())

  // ---------- attendance ----------

  app.get(P.manage.attendance(':id'), async (c) => {
    const user = requireUser(c)
    const data = await minutes.attendanceForm(idParam(c.req.param('id'), 'Meeting'), user)
    return render(c, VIEWS.attendance, attendanceFormPage(data, undefined))
  })

  app.post(P.manage.attendance(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Meeting')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const again = async (status: ContentfulStatusCode, errors: FieldErrors | undefined, newVersion = false) => {
      const data = await minutes.attendanceForm(id, user)
      const kept = newVersion ? { ...values, version: String(data.meeting.version) } : values
      return formPage(c, VIEWS.attendance, attendanceFormPage(data, kept, errors), errors, status)
    }
    const parsed = AttendanceSchema.safeParse(attendanceFormInput(body))
    if (!parsed.success) return again(400, zodFieldErrors(parsed.error))
    try {
      await minutes.recordAttendance(id, user, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return again(400, e.fieldErrors)
      if (isAppError(e, 'CONFLICT')) return again(409, { attendance: e.message }, true)
      throw e
    }
    flash(c, 'Attendance saved')
    return c.redirect(P.manage.minutes(id), 303)
  })

  // ---------- minutes ----------

  app.get(P.manage.minutes(':id'), async (c) => {
    const user = requireUser(c)
    const data = await minutes.minutesOverview(idParam(c.req.param('id'), 'Meeting'), user)
    return render(c, VIEWS.overview, minutesOverviewPage(data))
  })

  /** Put the draft minutes on the public page (saving minutes keeps them private until then). */
  app.post(P.manage.publishDraftMinutes(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Meeting')
    const again = async (status: ContentfulStatusCode, message: string) =>
      render(
        c,
        VIEWS.overview,
        { ...minutesOverviewPage(await minutes.minutesOverview(id, user)), errorSummary: [{ text: message, href: '#publishDraft' }] },
        status,
      )
    const parsed = PublishDraftMinutesSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) return again(400, 'The form was incomplete: reload the page and try again')
    try {
      await minutes.publishDraftMinutes(id, user, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return again(400, Object.values(e.fieldErrors ?? {})[0] ?? e.message)
      if (isAppError(e, 'CONFLICT')) return again(409, e.message)
      throw e
    }
    flash(c, 'Draft minutes published')
    return c.redirect(P.manage.minutes(id), 303)
  })

  app.get(P.manage.itemMinutes(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Agenda item')
    const data = await minutes.itemMinutesForm(id, user)
    return render(c, VIEWS.item, { ...itemMinutesPage(data), actions: await itemActions(id) })
  })

  /** One form per button: save the minutes, add, change or delete a decision. */
  app.post(P.manage.itemMinutes(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Agenda item')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const decisionId = typeof body.decisionId === 'string' ? body.decisionId : ''
    const again = async (
      status: ContentfulStatusCode,
      errors: FieldErrors,
      form: { theirs?: boolean; keepDecision?: boolean } = {},
    ) => {
      const data = await minutes.itemMinutesForm(id, user)
      const isMinutes = values.action === 'save-minutes'
      const decision = data.item.decisions.find((d) => d.id === decisionId)
      const page = itemMinutesPage(data, {
        // The minutes form keeps what the user typed; on a conflict it carries the new version so they can save again.
        values: isMinutes
          ? { ...values, version: form.theirs ? String(data.item.version) : values.version }
          : { newDecision: values.newDecision },
        errors,
        ...(form.theirs ? { theirs: data.item.minutes } : {}),
        ...(form.keepDecision && decision
          ? {
              decisionValues: {
                id: decision.id,
                text: typeof values.text === 'string' ? values.text : decision.text,
                version: status === 409 ? String(decision.version) : String(values.version ?? decision.version),
              },
            }
          : {}),
      })
      return formPage(c, VIEWS.item, { ...page, actions: await itemActions(id) }, errors, status)
    }

    const parsed = ItemMinutesActionSchema.safeParse(body)
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error)
      if (values.action === 'save-decision' && errors.text) {
        return again(400, { [`decisions.${decisionId}`]: errors.text }, { keepDecision: true })
      }
      return again(400, errors)
    }
    const input = parsed.data
    try {
      switch (input.action) {
        case 'save-minutes':
          await minutes.saveItemMinutes(id, user, input)
          flash(c, 'Minutes saved')
          break
        case 'add-decision':
          await minutes.addDecision(id, user, input.newDecision)
          flash(c, 'Decision added')
          break
        case 'save-decision':
          await minutes.updateDecision(id, user, input)
          flash(c, 'Decision saved')
          break
        case 'delete-decision':
          await minutes.deleteDecision(id, user, input)
          flash(c, 'Decision deleted')
          break
      }
    } catch (e) {
      if (isAppError(e, 'CONFLICT')) {
        if (input.action === 'save-minutes') {
          return again(409, { minutes: `${MINUTES_CONFLICT}. Your text has not been saved: it is still in the box below. Their version is underneath.` }, { theirs: true })
        }
        const stillThere = input.action === 'save-decision'
        return again(409, { [stillThere ? `decisions.${decisionId}` : 'decisions']: e.message }, { keepDecision: stillThere })
      }
      throw e
    }
    return c.redirect(P.manage.itemMinutes(id), 303)
  })

  // ---------- approving an earlier meeting's minutes at this (later) meeting ----------

  app.get(P.manage.approveMinutes(':id'), async (c) => {
    const user = requireUser(c)
    const data = await minutes.approvalForm(idParam(c.req.param('id'), 'Meeting'), user)
    return render(c, VIEWS.approve, approveMinutesPage(data))
  })

  app.post(P.manage.approveMinutes(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Meeting')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const again = async (status: ContentfulStatusCode, errors: FieldErrors | undefined) =>
      formPage(c, VIEWS.approve, approveMinutesPage(await minutes.approvalForm(id, user), values, errors), errors, status)
    const parsed = ApproveMinutesSchema.safeParse(body)
    if (!parsed.success) return again(400, zodFieldErrors(parsed.error))
    let result
    try {
      result = await minutes.approveMinutes(id, user, parsed.data)
    } catch (e) {
      if (isAppError(e, 'VALIDATION')) return again(400, e.fieldErrors)
      if (isAppError(e, 'CONFLICT')) return again(409, { earlierMeetingId: e.message })
      throw e
    }
    flash(c, approvedFlash(result))
    return c.redirect(P.manage.minutes(id), 303)
  })

  return app
}

function approvedFlash(r: { earlierDate: string; approved: boolean; corrections: number }): string {
  const day = formatLongDate(r.earlierDate)
  const corrections = r.corrections === 1 ? '1 correction' : `${r.corrections} corrections`
  return r.approved
    ? `Minutes of ${day} approved as a correct record${r.corrections ? `, with ${corrections}` : ''}`
    : `${corrections[0]!.toUpperCase()}${corrections.slice(1)} recorded to the minutes of ${day}`
}
