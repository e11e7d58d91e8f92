import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { routeParam, privatePage } from '../../platform/http/params.ts'
import { assertCanManagePartnership, requireUser } from '../../platform/http/auth.ts'
import { flash } from '../../platform/http/cookies.ts'
import { notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, zodFieldErrors } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import { formatDateTime } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { actionPaths } from './actions.paths.ts'
import { ownerFormRows, parseOwnerUpdates, SendOwnerLinkSchema, type OwnerPosted } from './owner.schemas.ts'
import { ownerActionsView, ownerRecordedView, ownerUpdateErrors, reminderPaths } from './reminders.presenter.ts'
import type { OwnerLinkView } from './reminders.service.ts'

const VIEWS = {
  actions: 'actions/views/owner-actions.njk',
  expired: 'actions/views/owner-link-expired.njk',
  sent: 'actions/views/owner-update-sent.njk',
  optOut: 'actions/views/owner-opt-out.njk',
  optedOut: 'actions/views/owner-opted-out.njk',
}


const expired = (c: Context<AppEnv>) =>
  render(c, VIEWS.expired, { pageTitle: 'This link has expired or has already been used' }, 410)

function ownerPage(
  view: Extract<OwnerLinkView, { state: 'valid' }>,
  token: string,
  form: { errors?: FieldErrors; posted?: OwnerPosted } = {},
) {
  return {
    pageTitle: 'Your actions',
    fullName: view.fullName,
    expiresAt: formatDateTime(view.expiresAt),
    formAction: actionPaths.owner.actions(token),
    actions: ownerActionsView(view.actions, { today: view.today, ...form }),
    errors: form.errors ?? {},
    errorSummary: errorSummary(form.errors),
  }
}

/** Errors keyed by action id, as the fields' ids; with none but nothing filled in, one on the first field. */
function ownerFormErrors(view: Extract<OwnerLinkView, { state: 'valid' }>, byAction: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {}
  for (const action of view.actions) {
    if (byAction[action.id]) Object.assign(errors, ownerUpdateErrors(action.id, { update: byAction[action.id]! }))
  }
  if (Object.keys(errors).length === 0) {
    const first = view.actions[0]
    const message = 'Enter an update or mark an action as completed'
    Object.assign(errors, first ? ownerUpdateErrors(first.id, { update: message }) : { actions: message })
  }
  return errors
}

/**
 * The personal links owners without an account use to update their own actions, the secretariat's
 * "send the owner a link", and the reminder opt-out. A link is not a session: it reaches only its own page.
 */
export function ownerRoutes(services: Services) {
  const { reminders } = services
  const app = new Hono<AppEnv>()

  app.post(actionPaths.manage.sendOwnerLink(':id'), async (c) => {
    const user = requireUser(c)
    const id = routeParam(c, 'id')
    const { body } = await reminders.getActionWithBody(id)
    assertCanManagePartnership(user, body.partnershipId)
    const parsed = SendOwnerLinkSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw validation(zodFieldErrors(parsed.error))
    const names = await reminders.sendOwnerLink({ userId: user.id }, id, parsed.data.personId)
    flash(c, `A link to update their actions was emailed to ${names.join(' and ')}`)
    return c.redirect(actionPaths.manage.action(id), 303)
  })

  app.get(actionPaths.owner.actions(':token'), async (c) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    const view = await reminders.viewOwnerLink(token)
    if (view.state === 'expired') return expired(c)
    return render(c, VIEWS.actions, ownerPage(view, token))
  })

  app.post(actionPaths.owner.actions(':token'), async (c) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    const view = await reminders.viewOwnerLink(token)
    if (view.state === 'expired') return expired(c)
    const rows = ownerFormRows(await c.req.parseBody())
    // Every row must be one of this person's actions on the log, once: otherwise nothing is read or used up.
    const owned = new Map(view.actions.map((a) => [a.id, a]))
    if (!rows || rows.some((r) => !owned.has(r.id)) || new Set(rows.map((r) => r.id)).size !== rows.length) throw notFound('Action')
    const parsed = parseOwnerUpdates(rows, (id) => owned.get(id)?.status === 'completed')
    if (!parsed.ok || parsed.updates.length === 0) {
      const errors = ownerFormErrors(view, parsed.ok ? {} : parsed.errors)
      return render(c, VIEWS.actions, ownerPage(view, token, { errors, posted: parsed.posted }), 400)
    }
    const result = await reminders.postOwnerUpdates(token, parsed.updates)
    if (result.state === 'expired') return expired(c)
    return render(c, VIEWS.sent, { pageTitle: 'Updates sent', recorded: ownerRecordedView(result.recorded) })
  })

  app.get(reminderPaths.optOut(':token'), (c) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    reminders.checkOptOutToken(token)
    return render(c, VIEWS.optOut, { pageTitle: 'Stop action reminder emails', formAction: reminderPaths.optOut(token) })
  })

  app.post(reminderPaths.optOut(':token'), async (c) => {
    privatePage(c)
    await reminders.optOut(routeParam(c, 'token'))
    return render(c, VIEWS.optedOut, { pageTitle: 'You will not get action reminder emails' })
  })

  return app
}
