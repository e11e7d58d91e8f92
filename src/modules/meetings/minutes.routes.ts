import { Hono, type Context } from 'hono'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { forbidden, type FieldErrors } from '../../platform/http/errors.ts'
import type { z } from 'zod'
import { formHandler, type FormSpec, type FormState } from '../../platform/http/form-route.ts'
import { errorSummary } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from './meetings.paths.ts'
import { MINUTES_CONFLICT } from './minutes.service.ts'
import {
  ApproveMinutesSchema,
  AttendanceFormSchema,
  ItemMinutesActionSchema,
  PublishDraftMinutesSchema,
  idParam,
} from './minutes.schemas.ts'
import {
  approveMinutesPage,
  attendanceFormPage,
  itemMinutesPage,
  minutesOverviewPage,
} from './minutes.presenter.ts'
import { formatLongDate } from '../../shared/dates.ts'

const VIEWS = {
  attendance: 'meetings/views/attendance-form.njk',
  overview: 'meetings/views/minutes-overview.njk',
  item: 'meetings/views/minutes-item.njk',
  approve: 'meetings/views/minutes-approve.njk',
}

const P = meetingPaths

/**
 * What modules above meetings show on its staff pages, passed in by the app (meetings may not import them):
 * the "Actions" section under an item's minutes, listing the actions raised under it with a link to add one.
 */
export type MinutesPageSections = {
  itemActions: (itemId: string) => Promise<object>
}

/** After a conflict (409) the use case's message, shown against `field`; otherwise the form's own errors. */
const errorsOf = (form: FormState, field: string): FieldErrors =>
  form.status === 409 ? { [field]: form.errorSummary[0]?.text ?? '' } : form.errors

export function minutesRoutes(services: Services, sections: MinutesPageSections) {
  const app = new Hono<AppEnv>()
  const minutes = services.minutes
  const { itemActions } = sections

  attendanceRoutes(app, minutes)
  minutesWritingRoutes(app, minutes, itemActions)
  approvalRoutes(app, minutes)
  return app
}

type App = Hono<AppEnv>
type Minutes = Services['minutes']
type LoadForUser<T> = (id: string, user: CurrentUser) => Promise<T>

/** A staff page of one meeting: what the use case loads for the signed-in user, presented. */
function meetingPage<T>(view: string, load: LoadForUser<T>, present: (data: T) => Record<string, unknown>) {
  return async (c: Context<AppEnv>) => {
    const { user, id } = meetingOf(c)
    return render(c, view, present(await load(id, user)))
  }
}

/** A meeting's form shown again with the user's input and errors (a conflict's message against `field`). */
function formAgain<T>(view: string, field: string, load: LoadForUser<T>, present: (data: T, values: FormState['values'], errors: FieldErrors) => Record<string, unknown>) {
  return async (c: Context<AppEnv>, { user, id }: { user: CurrentUser; id: string }, form: FormState) => {
    const errors = errorsOf(form, field)
    const page = present(await load(id, user), form.values, errors)
    return render(c, view, { ...page, errors, errorSummary: errorSummary(errors) }, form.status)
  }
}

const meetingOf = (c: Context<AppEnv>) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Meeting') })
type MeetingRef = ReturnType<typeof meetingOf>

/** A form of one meeting's minutes pages: `save` records the input and says what to flash on the minutes page. */
function minutesForm<S extends z.ZodType>(
  spec: Omit<FormSpec<S, MeetingRef>, 'load' | 'submit'> & { save: (input: z.infer<S>, ref: MeetingRef) => Promise<string> },
) {
  const { save, ...rest } = spec
  return formHandler({
    ...rest,
    load: meetingOf,
    submit: async (_c, input, ref) => ({ redirect: P.manage.minutes(ref.id), flash: await save(input, ref) }),
  })
}

const itemOf = (c: Context<AppEnv>) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Agenda item') })

// ---------- attendance ----------

function attendanceRoutes(app: App, minutes: Minutes) {
  app.get(P.manage.attendance(':id'), meetingPage(VIEWS.attendance, minutes.attendanceForm, (data) => attendanceFormPage(data, undefined)))

  app.post(
    P.manage.attendance(':id'),
    minutesForm({
      schema: AttendanceFormSchema,
      page: formAgain(VIEWS.attendance, 'attendance', minutes.attendanceForm, attendanceFormPage),
      save: async (input, { user, id }) => {
        await minutes.recordAttendance(id, user, input)
        return 'Attendance saved'
      },
      currentVersion: async (_c, { user, id }) => (await minutes.attendanceForm(id, user)).meeting.version,
    }),
  )
}

// ---------- minutes ----------

function minutesWritingRoutes(app: App, minutes: Minutes, itemActions: MinutesPageSections['itemActions']) {
  app.get(P.manage.minutes(':id'), meetingPage(VIEWS.overview, minutes.minutesOverview, minutesOverviewPage))

  /** Put the draft minutes on the public page (saving minutes keeps them private until then). */
  app.post(
    P.manage.publishDraftMinutes(':id'),
    minutesForm({
      schema: PublishDraftMinutesSchema,
      page: async (c, { user, id }, form) => {
        // Only a hidden version: without it the page was not ours, or is out of date.
        const summary = form.errors.version
          ? [{ text: 'The form was incomplete: reload the page and try again', href: '#publishDraft' }]
          : form.errorSummary
        const overview = await minutes.minutesOverview(id, user)
        // A read-only officer may read the page, never post to it.
        if (!overview.canManage) throw forbidden('You do not have permission to manage this partnership')
        return render(c, VIEWS.overview, { ...minutesOverviewPage(overview), errorSummary: summary }, form.status)
      },
      save: async (input, { user, id }) => {
        await minutes.publishDraftMinutes(id, user, input)
        return 'Draft minutes published'
      },
      conflictHref: '#publishDraft',
    }),
  )

  app.get(P.manage.itemMinutes(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Agenda item')
    const data = await minutes.itemMinutesForm(id, user)
    return render(c, VIEWS.item, { ...itemMinutesPage(data), actions: await itemActions(id) })
  })

  /** One form per button: save the minutes, add, change or delete a decision. */
  app.post(
    P.manage.itemMinutes(':id'),
    formHandler({
      load: itemOf,
      schema: ItemMinutesActionSchema,
      page: async (c, { user, id }, form) => {
        const { errors, theirs, keepDecision } = itemMinutesErrors(form)
        const values = form.values
        const decisionId = typeof values.decisionId === 'string' ? values.decisionId : ''
        const data = await minutes.itemMinutesForm(id, user)
        const decision = data.item.decisions.find((d) => d.id === decisionId)
        const page = itemMinutesPage(data, {
          // The minutes form keeps what the user typed; on a conflict it carries the new version so they can save again.
          values:
            values.action === 'save-minutes'
              ? { ...values, version: theirs ? String(data.item.version) : values.version }
              : { newDecision: values.newDecision },
          errors,
          ...(theirs ? { theirs: data.item.minutes } : {}),
          ...(keepDecision && decision
            ? {
                decisionValues: {
                  id: decision.id,
                  text: typeof values.text === 'string' ? values.text : decision.text,
                  version: form.status === 409 ? String(decision.version) : String(values.version ?? decision.version),
                },
              }
            : {}),
        })
        const context = { ...page, actions: await itemActions(id), errors, errorSummary: errorSummary(errors) }
        return render(c, VIEWS.item, context, form.status)
      },
      submit: async (_c, input, { user, id }) => {
        const flash = {
          'save-minutes': 'Minutes saved',
          'add-decision': 'Decision added',
          'save-decision': 'Decision saved',
          'delete-decision': 'Decision deleted',
        }[input.action]
        switch (input.action) {
          case 'save-minutes':
            await minutes.saveItemMinutes(id, user, input)
            break
          case 'add-decision':
            await minutes.addDecision(id, user, input.newDecision)
            break
          case 'save-decision':
            await minutes.updateDecision(id, user, input)
            break
          case 'delete-decision':
            await minutes.deleteDecision(id, user, input)
            break
        }
        return { redirect: P.manage.itemMinutes(id), flash }
      },
    }),
  )
}

// ---------- approving an earlier meeting's minutes at this (later) meeting ----------

function approvalRoutes(app: App, minutes: Minutes) {
  app.get(P.manage.approveMinutes(':id'), meetingPage(VIEWS.approve, minutes.approvalForm, (data) => approveMinutesPage(data)))

  app.post(
    P.manage.approveMinutes(':id'),
    minutesForm({
      schema: ApproveMinutesSchema,
      page: formAgain(VIEWS.approve, 'earlierMeetingId', minutes.approvalForm, approveMinutesPage),
      save: async (input, { user, id }) => approvedFlash(await minutes.approveMinutes(id, user, input)),
    }),
  )
}

function approvedFlash(r: { earlierDate: string; approved: boolean; corrections: number }): string {
  const day = formatLongDate(r.earlierDate)
  const corrections = r.corrections === 1 ? '1 correction' : `${r.corrections} corrections`
  return r.approved
    ? `Minutes of ${day} approved as a correct record${r.corrections ? `, with ${corrections}` : ''}`
    : `${corrections[0]!.toUpperCase()}${corrections.slice(1)} recorded to the minutes of ${day}`
}

/**
 * Where the item minutes page shows what went wrong: a stale save of the minutes keeps the user's text and
 * shows the other person's; a decision's error sits on that decision (keeping its text) or, once it is gone,
 * on the list of decisions.
 */
function itemMinutesErrors(form: FormState): { errors: FieldErrors; theirs: boolean; keepDecision: boolean } {
  const { action, decisionId } = form.values
  const onDecision = `decisions.${typeof decisionId === 'string' ? decisionId : ''}`
  if (form.status === 409) {
    if (action === 'save-minutes') {
      const minutes = `${MINUTES_CONFLICT}. Your text has not been saved: it is still in the box below. Their version is underneath.`
      return { errors: { minutes }, theirs: true, keepDecision: false }
    }
    const stillThere = action === 'save-decision'
    return { errors: { [stillThere ? onDecision : 'decisions']: form.errorSummary[0]?.text ?? '' }, theirs: false, keepDecision: stillThere }
  }
  if (action === 'save-decision' && form.errors.text) return { errors: { [onDecision]: form.errors.text }, theirs: false, keepDecision: true }
  return { errors: form.errors, theirs: false, keepDecision: false }
}
