import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { flash } from '../../platform/http/cookies.ts'
import { AppError, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, formValues, zodFieldErrors, type ErrorSummaryItem, type FormBody } from '../../platform/http/forms.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from './meetings.paths.ts'
import {
  breadcrumbs,
  itemFormView,
  itemValues,
  meetingFormView,
  meetingPageView,
  meetingTitle,
  meetingValues,
  paperFormView,
  publishView,
} from './meetings.presenter.ts'
import { agendaLockReason, type AgendaChange, type MeetingWithBody } from './meetings.service.ts'
import {
  CancelMeetingSchema,
  DeleteSchema,
  EditItemSchema,
  EditMeetingSchema,
  MoveItemSchema,
  NewItemSchema,
  PaperSchema,
  PublishAgendaSchema,
  ScheduleMeetingSchema,
  idParam,
} from './meetings.schemas.ts'
import { checkUpload } from './papers.ts'

const VIEWS = {
  meetingForm: 'meetings/views/meeting-form.njk',
  meetingPage: 'meetings/views/meeting-page.njk',
  cancel: 'meetings/views/meeting-cancel.njk',
  itemForm: 'meetings/views/item-form.njk',
  itemDelete: 'meetings/views/item-delete.njk',
  paperForm: 'meetings/views/paper-form.njk',
  publish: 'meetings/views/publish.njk',
}

type Values = Record<string, unknown>
/** Re-render a form with errors; `version` replaces the posted one after a conflict. */
type Show = (
  status: ContentfulStatusCode,
  errors: FieldErrors,
  opts?: { summary?: ErrorSummaryItem[]; version?: number },
) => Response | Promise<Response>

/**
 * The failure half of the GOV.UK round trip for errors a use case throws: field errors -> 400, a stale
 * version -> 409 with the user's input kept and the current version. Anything else goes to the error page.
 */
async function onFormError(err: unknown, show: Show, currentVersion?: () => Promise<number>): Promise<Response> {
  if (err instanceof AppError && err.code === 'VALIDATION' && err.fieldErrors) return show(400, err.fieldErrors)
  if (err instanceof AppError && err.code === 'CONFLICT') {
    const version = currentVersion ? await currentVersion() : undefined
    return show(409, {}, { summary: [{ text: err.message, href: '#main-content' }], ...(version ? { version } : {}) })
  }
  throw err
}

/** A form page for a change the meeting no longer allows is refused before it is shown. */
function assertChangeable(meeting: MeetingWithBody, change: AgendaChange): void {
  const reason = agendaLockReason(meeting, change)
  if (reason) throw new AppError('INVALID_STATE', reason)
}

const STALE_FORM = 'The form was incomplete or out of date: reload the page and try again'

function showWith(c: Context<AppEnv>, template: string, context: Values, body: FormBody): Show {
  return (status, errors, opts = {}) => {
    const values: Values = { ...formValues(body), ...(opts.version ? { version: String(opts.version) } : {}) }
    return render(c, template, { ...context, values, errors, errorSummary: opts.summary ?? errorSummary(errors) }, status)
  }
}

export function meetingsRoutes(services: Services) {
  const { meetings, config } = services
  const app = new Hono<AppEnv>()

  // ---- schedule and change meetings ----

  const newMeetingContext = (body: Awaited<ReturnType<typeof meetings.getBodyToSchedule>>, values: Values) => ({
    pageTitle: 'Schedule a meeting',
    heading: 'Schedule a meeting',
    action: meetingPaths.manage.newMeeting(body.id),
    submitText: 'Schedule meeting',
    breadcrumbs: breadcrumbs(body),
    ...meetingFormView(body, values),
  })

  app.get('/manage/bodies/:bodyId/meetings/new', async (c) => {
    const body = await meetings.getBodyToSchedule(requireUser(c), idParam(c.req.param('bodyId'), 'Body'))
    return render(c, VIEWS.meetingForm, newMeetingContext(body, { kind: 'ordinary' }))
  })

  app.post('/manage/bodies/:bodyId/meetings/new', async (c) => {
    const user = requireUser(c)
    const body = await meetings.getBodyToSchedule(user, idParam(c.req.param('bodyId'), 'Body'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.meetingForm, newMeetingContext(body, {}), form)
    const parsed = ScheduleMeetingSchema.safeParse(form)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      const meeting = await meetings.scheduleMeeting(user, body.id, parsed.data)
      flash(c, 'Meeting scheduled')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      return onFormError(err, show)
    }
  })

  /** The staff meeting page; after a failed change, with the message in the error summary. */
  async function showMeetingPage(
    c: Context<AppEnv>,
    meetingId: string,
    user: ReturnType<typeof requireUser>,
    status: ContentfulStatusCode = 200,
    message?: string,
  ) {
    const meeting = await meetings.getManagedMeeting(user, meetingId)
    const [agenda, papers, notice] = await Promise.all([
      meetings.findAgenda(meeting),
      meetings.findMeetingPapers(meeting),
      meetings.noticeStatus(meeting),
    ])
    const summary = message ? { errorSummary: [{ text: message, href: '#agenda' }] } : {}
    return render(c, VIEWS.meetingPage, { ...meetingPageView(meeting, agenda, papers, notice), ...summary }, status)
  }

  app.get('/manage/meetings/:id', async (c) => showMeetingPage(c, idParam(c.req.param('id'), 'Meeting'), requireUser(c)))

  const editMeetingContext = (meeting: Awaited<ReturnType<typeof meetings.getManagedMeeting>>, values: Values) => ({
    pageTitle: 'Change meeting details',
    heading: 'Change meeting details',
    caption: meetingTitle(meeting),
    action: meetingPaths.manage.editMeeting(meeting.id),
    submitText: 'Save changes',
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    ...meetingFormView(meeting.body, values, meeting),
  })

  app.get('/manage/meetings/:id/edit', async (c) => {
    const meeting = await meetings.getManagedMeeting(requireUser(c), idParam(c.req.param('id'), 'Meeting'))
    assertChangeable(meeting, 'edit')
    return render(c, VIEWS.meetingForm, editMeetingContext(meeting, meetingValues(meeting)))
  })

  app.post('/manage/meetings/:id/edit', async (c) => {
    const user = requireUser(c)
    const meeting = await meetings.getManagedMeeting(user, idParam(c.req.param('id'), 'Meeting'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.meetingForm, editMeetingContext(meeting, {}), form)
    const parsed = EditMeetingSchema.safeParse(form)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      await meetings.updateMeeting(user, meeting.id, parsed.data)
      flash(c, 'Meeting details saved')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      return onFormError(err, show, async () => (await meetings.getMeeting(meeting.id)).version)
    }
  })

  const cancelContext = (meeting: Awaited<ReturnType<typeof meetings.getManagedMeeting>>) => ({
    pageTitle: 'Cancel this meeting',
    meeting,
    action: meetingPaths.manage.cancelMeeting(meeting.id),
    title: meetingTitle(meeting),
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    backLink: { href: meetingPaths.manage.meeting(meeting.id) },
  })

  app.get('/manage/meetings/:id/cancel', async (c) => {
    const meeting = await meetings.getManagedMeeting(requireUser(c), idParam(c.req.param('id'), 'Meeting'))
    if (meeting.status === 'cancelled') throw new AppError('INVALID_STATE', 'This meeting has already been cancelled.')
    return render(c, VIEWS.cancel, { ...cancelContext(meeting), values: { version: String(meeting.version) } })
  })

  app.post('/manage/meetings/:id/cancel', async (c) => {
    const user = requireUser(c)
    const meeting = await meetings.getManagedMeeting(user, idParam(c.req.param('id'), 'Meeting'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.cancel, cancelContext(meeting), form)
    const parsed = CancelMeetingSchema.safeParse(form)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      await meetings.cancelMeeting(user, meeting.id, parsed.data)
      flash(c, 'Meeting cancelled')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      return onFormError(err, show, async () => (await meetings.getMeeting(meeting.id)).version)
    }
  })

  // ---- agenda items ----

  async function itemContext(
    meeting: Awaited<ReturnType<typeof meetings.getManagedMeeting>>,
    values: Values,
    item?: { id: string; addedAfterPublication: boolean },
  ) {
    const [agenda, notice] = await Promise.all([meetings.findAgenda(meeting), meetings.noticeStatus(meeting)])
    const number = item ? agenda.find((i) => i.id === item.id)?.number : undefined
    return {
      pageTitle: item ? 'Change agenda item' : 'Add an agenda item',
      heading: item ? `Change item ${number ?? ''}`.trim() : 'Add an agenda item',
      caption: meetingTitle(meeting),
      action: item ? meetingPaths.manage.editItem(item.id) : meetingPaths.manage.newItem(meeting.id),
      submitText: item ? 'Save changes' : 'Add item',
      ...itemFormView(meeting, agenda, values, notice, item),
    }
  }

  app.get('/manage/meetings/:id/items/new', async (c) => {
    const meeting = await meetings.getManagedMeeting(requireUser(c), idParam(c.req.param('id'), 'Meeting'))
    assertChangeable(meeting, 'edit')
    return render(c, VIEWS.itemForm, await itemContext(meeting, { parentItemId: c.req.query('parent') ?? '' }))
  })

  app.post('/manage/meetings/:id/items/new', async (c) => {
    const user = requireUser(c)
    const meeting = await meetings.getManagedMeeting(user, idParam(c.req.param('id'), 'Meeting'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.itemForm, await itemContext(meeting, {}), form)
    const parsed = NewItemSchema.safeParse(form)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      const item = await meetings.addItem(user, meeting.id, parsed.data)
      flash(c, 'Agenda item added')
      return c.redirect(`${meetingPaths.manage.meeting(meeting.id)}#item-${item.id}`, 303)
    } catch (err) {
      return onFormError(err, show)
    }
  })

  app.get('/manage/items/:id/edit', async (c) => {
    const { item, meeting } = await meetings.getManagedItem(requireUser(c), idParam(c.req.param('id'), 'Agenda item'))
    assertChangeable(meeting, 'edit')
    return render(c, VIEWS.itemForm, await itemContext(meeting, itemValues(item), item))
  })

  app.post('/manage/items/:id/edit', async (c) => {
    const user = requireUser(c)
    const { item, meeting } = await meetings.getManagedItem(user, idParam(c.req.param('id'), 'Agenda item'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.itemForm, await itemContext(meeting, {}, item), form)
    const parsed = EditItemSchema.safeParse(form)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      await meetings.updateItem(user, item.id, parsed.data)
      flash(c, 'Agenda item saved')
      return c.redirect(`${meetingPaths.manage.meeting(meeting.id)}#item-${item.id}`, 303)
    } catch (err) {
      return onFormError(err, show, async () => (await meetings.getManagedItem(user, item.id)).item.version)
    }
  })

  app.post('/manage/items/:id/move', async (c) => {
    const user = requireUser(c)
    const { item, meeting } = await meetings.getManagedItem(user, idParam(c.req.param('id'), 'Agenda item'))
    const parsed = MoveItemSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw new AppError('VALIDATION', STALE_FORM)
    try {
      await meetings.moveItem(user, item.id, parsed.data)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return showMeetingPage(c, meeting.id, user, 409, err.message)
      throw err
    }
    return c.redirect(`${meetingPaths.manage.meeting(meeting.id)}#item-${item.id}`, 303)
  })

  /** The delete confirmation, from what is stored now; on a conflict with the message and the new version. */
  async function deletePage(c: Context<AppEnv>, itemId: string, user: ReturnType<typeof requireUser>, status: ContentfulStatusCode = 200, message?: string) {
    const { item, meeting } = await meetings.getManagedItem(user, itemId)
    assertChangeable(meeting, 'restructure')
    const agenda = await meetings.findAgenda(meeting)
    const entry = agenda.find((i) => i.id === item.id)
    const subItems = agenda.filter((i) => i.parentItemId === item.id)
    return render(
      c,
      VIEWS.itemDelete,
      {
        pageTitle: 'Delete agenda item',
        item: entry,
        version: String(item.version),
        subItems,
        paperCount: (entry?.papers.length ?? 0) + subItems.reduce((n, s) => n + s.papers.length, 0),
        action: meetingPaths.manage.deleteItem(item.id),
        breadcrumbs: breadcrumbs(meeting.body, meeting),
        backLink: { href: meetingPaths.manage.meeting(meeting.id) },
        ...(message ? { errorSummary: [{ text: message, href: '#main-content' }] } : {}),
      },
      status,
    )
  }

  app.get('/manage/items/:id/delete', async (c) => deletePage(c, idParam(c.req.param('id'), 'Agenda item'), requireUser(c)))

  app.post('/manage/items/:id/delete', async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Agenda item')
    const parsed = DeleteSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw new AppError('VALIDATION', STALE_FORM)
    try {
      const meeting = await meetings.deleteItem(user, id, parsed.data)
      flash(c, 'Agenda item deleted')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return deletePage(c, id, user, 409, err.message)
      throw err
    }
  })

  // ---- papers ----

  async function paperContext(meeting: Awaited<ReturnType<typeof meetings.getManagedMeeting>>, values: Values) {
    const agenda = await meetings.findAgenda(meeting)
    return {
      pageTitle: 'Upload a paper',
      caption: meetingTitle(meeting),
      action: meetingPaths.manage.newPaper(meeting.id),
      ...paperFormView(meeting, agenda, values, config.maxUploadBytes),
    }
  }

  app.get('/manage/meetings/:id/papers/new', async (c) => {
    const meeting = await meetings.getManagedMeeting(requireUser(c), idParam(c.req.param('id'), 'Meeting'))
    assertChangeable(meeting, 'edit')
    return render(c, VIEWS.paperForm, await paperContext(meeting, { itemId: c.req.query('item') ?? '' }))
  })

  app.post('/manage/meetings/:id/papers/new', async (c) => {
    const user = requireUser(c)
    const meeting = await meetings.getManagedMeeting(user, idParam(c.req.param('id'), 'Meeting'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.paperForm, await paperContext(meeting, {}), form)
    const parsed = PaperSchema.safeParse(form)
    const errors: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error)
    const upload = await checkUpload(form.file, config.maxUploadBytes)
    if (!upload.ok) errors.file = upload.message
    if (!parsed.success || !upload.ok) return show(400, errors)
    try {
      await meetings.addPaper(user, meeting.id, parsed.data, upload.paper)
      flash(c, 'Paper uploaded')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      return onFormError(err, show)
    }
  })

  app.post('/manage/papers/:id/delete', async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Paper')
    const { meeting } = await meetings.getManagedPaper(user, id)
    const parsed = DeleteSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw new AppError('VALIDATION', STALE_FORM)
    try {
      await meetings.deletePaper(user, id, parsed.data)
      flash(c, 'Paper deleted')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return showMeetingPage(c, meeting.id, user, 409, err.message)
      throw err
    }
  })

  app.get('/papers/:id/:filename', async (c) => {
    const id = idParam(c.req.param('id'), 'Paper')
    const { paper, content } = await meetings.findPaperForDownload(c.var.user, id, c.req.param('filename'))
    const disposition = paper.mediaType === 'application/pdf' ? 'inline' : 'attachment'
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': paper.mediaType,
      'Content-Length': String(content.length),
      'Content-Disposition': `${disposition}; filename="${paper.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    })
  })

  // ---- publication ----

  async function publishContext(meeting: Awaited<ReturnType<typeof meetings.getManagedMeeting>>, values: Values) {
    return publishView(meeting, await meetings.checkPublication(meeting), values)
  }

  app.get('/manage/meetings/:id/publish', async (c) => {
    const meeting = await meetings.getManagedMeeting(requireUser(c), idParam(c.req.param('id'), 'Meeting'))
    return render(c, VIEWS.publish, await publishContext(meeting, { version: String(meeting.version) }))
  })

  app.post('/manage/meetings/:id/publish', async (c) => {
    const user = requireUser(c)
    const meeting = await meetings.getManagedMeeting(user, idParam(c.req.param('id'), 'Meeting'))
    const form = await c.req.parseBody()
    const show = showWith(c, VIEWS.publish, await publishContext(meeting, {}), form)
    const parsed = PublishAgendaSchema.safeParse(form)
    if (!parsed.success) return show(400, zodFieldErrors(parsed.error))
    try {
      await meetings.publishAgenda(user, meeting.id, parsed.data)
      flash(c, 'Agenda published')
      return c.redirect(meetingPaths.manage.meeting(meeting.id), 303)
    } catch (err) {
      return onFormError(err, show, async () => (await meetings.getMeeting(meeting.id)).version)
    }
  })

  return app
}
