import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { routeParam, privatePage } from '../../platform/http/params.ts'
import { assertCanManagePartnership, requireUser } from '../../platform/http/auth.ts'
import { notFound } from '../../platform/http/errors.ts'
import { blankForm, formHandler, outcome, type FormState } from '../../platform/http/form-route.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import { formatDateTime } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { reminderPaths } from './reminders.paths.ts'
import { ownerFormRows, ownerFormSchema, ownerPosted, SendOwnerLinkSchema } from './owner.schemas.ts'
import { ownerActionsView, ownerRecordedView } from './reminders.presenter.ts'
import type { OwnerLinkView } from './reminders.types.ts'

const VIEWS = {
  actions: 'reminders/views/owner-actions.njk',
  expired: 'reminders/views/owner-link-expired.njk',
  sent: 'reminders/views/owner-update-sent.njk',
  optOut: 'reminders/views/owner-opt-out.njk',
  optedOut: 'reminders/views/owner-opted-out.njk',
}

type ValidLink = Extract<OwnerLinkView, { state: 'valid' }>

const expired = (c: Context<AppEnv>) =>
  render(c, VIEWS.expired, { pageTitle: 'This link has expired or has already been used' }, 410)

function ownerPage(c: Context<AppEnv>, view: ValidLink, token: string, form: FormState) {
  return render(
    c,
    VIEWS.actions,
    {
      pageTitle: 'Your actions',
      fullName: view.fullName,
      expiresAt: formatDateTime(view.expiresAt),
      formAction: reminderPaths.ownerActions(token),
      actions: ownerActionsView(view.actions, { today: view.today, errors: form.errors, posted: ownerPosted(form.values) }),
      errors: form.errors,
      errorSummary: form.errorSummary,
    },
    form.status,
  )
}

/**
 * The personal links owners without an account use to update their own actions, the secretariat's
 * "send the owner a link", and the reminder opt-out. A link is not a session: it reaches only its own page.
 */
export function ownerRoutes(services: Services) {
  const { reminders } = services
  const app = new Hono<AppEnv>()

  // A button on the action page (an optional owner, no form to show again): a bad value is a plain 400.
  app.post(actionPaths.manage.sendOwnerLink(':id'), async (c) => {
    const user = requireUser(c)
    const id = routeParam(c, 'id')
    const { body } = await reminders.getActionWithBody(id)
    assertCanManagePartnership(user, body.partnershipId)
    const { personId } = parseForm(SendOwnerLinkSchema, await c.req.parseBody())
    const names = await reminders.sendOwnerLink({ userId: user.id }, id, personId)
    return outcome(c, { redirect: actionPaths.manage.action(id), flash: `A link to update their actions was emailed to ${names.join(' and ')}` })
  })

  app.get(reminderPaths.ownerActions(':token'), async (c) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    const view = await reminders.viewOwnerLink(token)
    if (view.state === 'expired') return expired(c)
    return ownerPage(c, view, token, blankForm())
  })

  /**
   * The link, and the rows posted: every row must be one of this person's actions on the log, once; otherwise
   * NOT_FOUND, and nothing is read or used up.
   */
  const loadLink = async (c: Context<AppEnv>) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    const view = await reminders.viewOwnerLink(token)
    if (view.state === 'expired') return { token, view }
    const rows = ownerFormRows(await c.req.parseBody())
    const owned = new Set(view.actions.map((a) => a.id))
    if (!rows || rows.some((r) => !owned.has(r.id)) || new Set(rows.map((r) => r.id)).size !== rows.length) throw notFound('Action')
    return { token, view }
  }

  app.post(
    reminderPaths.ownerActions(':token'),
    formHandler({
      load: loadLink,
      // An expired link reads nothing: its submit shows the expired page.
      schema: ({ view }) => ownerFormSchema(view.state === 'valid' ? view.actions : []),
      page: (c, { view, token }, form) => (view.state === 'valid' ? ownerPage(c, view, token, form) : expired(c)),
      submit: async (c, updates, { view, token }) => {
        if (view.state === 'expired') return expired(c)
        const result = await reminders.postOwnerUpdates(token, updates)
        if (result.state === 'expired') return expired(c)
        return render(c, VIEWS.sent, { pageTitle: 'Updates sent', recorded: ownerRecordedView(result.recorded) })
      },
    }),
  )

  app.get(reminderPaths.optOut(':token'), (c) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    reminders.checkOptOutToken(token)
    return render(c, VIEWS.optOut, { pageTitle: 'Stop action reminder emails', formAction: reminderPaths.optOut(token) })
  })

  // A confirmation button with no fields.
  app.post(reminderPaths.optOut(':token'), async (c) => {
    privatePage(c)
    await reminders.optOut(routeParam(c, 'token'))
    return render(c, VIEWS.optedOut, { pageTitle: 'You will not get action reminder emails' })
  })

  return app
}
