import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { AppError, validation } from '../../platform/http/errors.ts'
import { formHandler, type FormState } from '../../platform/http/form-route.ts'
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
  paperFormView,
  publishView,
} from './meetings.presenter.ts'
import { agendaLockReason, type AgendaChange, type MeetingWithBody } from './meetings.service.ts'
import {
  CancelMeetingSchema,
  DeleteSchema,
  EditItemSchema,
  editMeetingValues,
  EditMeetingSchema,
  MoveItemSchema,
  NewItemSchema,
  PublishAgendaSchema,
  ScheduleMeetingSchema,
  idParam,
  paperSchema,
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

/** A form page for a change the meeting no longer allows is refused before it is shown. */
function assertChangeable(meeting: MeetingWithBody, change: AgendaChange): void {
  const reason = agendaLockReason(meeting, change)
  if (reason) throw new AppError('INVALID_STATE', reason)
}

const STALE_FORM = 'The form was incomplete or out of date: reload the page and try again'

/**
 * The message a button with no fields of its own (delete, move) comes back with: a stale version's (409).
 * Such a post without its version or direction was not sent by our page: refused, not re-rendered.
 */
function buttonMessage(form: FormState): string | undefined {
  if (form.status === 400) throw new AppError('VALIDATION', STALE_FORM)
  return form.errorSummary[0]?.text
}

/** What the user typed and what is wrong with it, for a form template. */
const typed = (form: FormState) => ({ values: form.values, errors: form.errors, errorSummary: form.errorSummary })

type App = Hono<AppEnv>
type Meetings = Services['meetings']

/**
 * A form that adds something (an item, a paper) to a meeting whose agenda can still change: blank, prefilled from
 * the query string; or again with what the user typed and what is wrong with it.
 */
function addToMeetingForm(
  loadMeeting: (c: Context<AppEnv>) => Promise<MeetingWithBody>,
  view: string,
  context: (meeting: MeetingWithBody, values: Values) => Promise<Record<string, unknown>>,
) {
  return {
    blank: (prefill: (c: Context<AppEnv>) => Values) => async (c: Context<AppEnv>) => {
      const meeting = await loadMeeting(c)
      assertChangeable(meeting, 'edit')
      return render(c, view, await context(meeting, prefill(c)))
    },
    again: async (c: Context<AppEnv>, meeting: MeetingWithBody, form: FormState) =>
      render(c, view, { ...(await context(meeting, {})), ...typed(form) }, form.status),
  }
}

/** The staff pages of meetings, their agendas, papers and publication; the paper download. */
/**
 * Links the staff meeting page shows into modules above meetings (matters arising, an item's topics): passed in by
 * the composition root, so meetings imports none of them.
 */
export type MeetingPageLinks = {
  mattersArising: (meetingId: string) => string
  generateMattersArising: (meetingId: string) => string
  itemTopics: (itemId: string) => string
  /** The audit log filtered to this meeting. */
  history: (meetingId: string) => string
}

export function meetingsRoutes(services: Services, links: MeetingPageLinks) {
  const app = new Hono<AppEnv>()
  scheduleRoutes(app, services.meetings, links)
  agendaItemRoutes(app, services.meetings, links)
  paperRoutes(app, services.meetings, links, services.config.maxUploadBytes)
  publicationRoutes(app, services.meetings)
  return app
}

const managedMeeting = (meetings: Meetings, c: Context<AppEnv>) =>
  meetings.getManagedMeeting(requireUser(c), idParam(c.req.param('id'), 'Meeting'))

/** The staff meeting page; after a failed change, with the message in the error summary. */
async function showMeetingPage(
  meetings: Meetings,
  links: MeetingPageLinks,
  c: Context<AppEnv>,
  meetingId: string,
  user: CurrentUser,
  status: ContentfulStatusCode = 200,
  message?: string,
) {
  // A read-only officer of the partnership sees it too: without exempt content, and offered no change.
  const { meeting, canManage, agenda, papers, notice } = await meetings.viewMeeting(user, meetingId)
  const summary = message ? { errorSummary: [{ text: message, href: '#agenda' }] } : {}
  return render(c, VIEWS.meetingPage, { ...meetingPageView(meeting, agenda, papers, notice, canManage), moduleLinks: links, ...summary }, status)
}

// ---- schedule and change meetings ----

function scheduleRoutes(app: App, meetings: Meetings, links: MeetingPageLinks) {
  const loadMeeting = (c: Context<AppEnv>) => managedMeeting(meetings, c)

  const newMeetingContext = (body: Awaited<ReturnType<typeof meetings.getBodyToSchedule>>, values: Values) => ({
    pageTitle: 'Schedule a meeting',
    heading: 'Schedule a meeting',
    action: meetingPaths.manage.newMeeting(body.id),
    submitText: 'Schedule meeting',
    breadcrumbs: breadcrumbs(body),
    ...meetingFormView(body, values),
  })
  const bodyToSchedule = (c: Context<AppEnv>) => meetings.getBodyToSchedule(requireUser(c), idParam(c.req.param('bodyId'), 'Body'))

  app.get('/manage/bodies/:bodyId/meetings/new', async (c) =>
    render(c, VIEWS.meetingForm, newMeetingContext(await bodyToSchedule(c), { kind: 'ordinary' })),
  )

  app.post(
    '/manage/bodies/:bodyId/meetings/new',
    formHandler({
      load: bodyToSchedule,
      schema: ScheduleMeetingSchema,
      page: (c, body, form) => render(c, VIEWS.meetingForm, { ...newMeetingContext(body, {}), ...typed(form) }, form.status),
      submit: async (c, input, body) => {
        const meeting = await meetings.scheduleMeeting(requireUser(c), body.id, input)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Meeting scheduled' }
      },
    }),
  )

  app.get('/manage/meetings/:id', async (c) => showMeetingPage(meetings, links, c, idParam(c.req.param('id'), 'Meeting'), requireUser(c)))

  const editMeetingContext = (meeting: MeetingWithBody, values: Values) => ({
    pageTitle: 'Change meeting details',
    heading: 'Change meeting details',
    caption: meetingTitle(meeting),
    action: meetingPaths.manage.editMeeting(meeting.id),
    submitText: 'Save changes',
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    ...meetingFormView(meeting.body, values, meeting),
  })

  app.get('/manage/meetings/:id/edit', async (c) => {
    const meeting = await loadMeeting(c)
    assertChangeable(meeting, 'edit')
    return render(c, VIEWS.meetingForm, editMeetingContext(meeting, editMeetingValues(meeting)))
  })

  app.post(
    '/manage/meetings/:id/edit',
    formHandler({
      load: loadMeeting,
      schema: EditMeetingSchema,
      page: (c, meeting, form) => render(c, VIEWS.meetingForm, { ...editMeetingContext(meeting, {}), ...typed(form) }, form.status),
      submit: async (c, input, meeting) => {
        await meetings.updateMeeting(requireUser(c), meeting.id, input)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Meeting details saved' }
      },
      currentVersion: async (_c, meeting) => (await meetings.getMeeting(meeting.id)).version,
    }),
  )

  const cancelContext = (meeting: MeetingWithBody) => ({
    pageTitle: 'Cancel this meeting',
    meeting,
    action: meetingPaths.manage.cancelMeeting(meeting.id),
    title: meetingTitle(meeting),
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    backLink: { href: meetingPaths.manage.meeting(meeting.id) },
  })

  app.get('/manage/meetings/:id/cancel', async (c) => {
    const meeting = await loadMeeting(c)
    if (meeting.status === 'cancelled') throw new AppError('INVALID_STATE', 'This meeting has already been cancelled.')
    return render(c, VIEWS.cancel, { ...cancelContext(meeting), values: { version: String(meeting.version) } })
  })

  app.post(
    '/manage/meetings/:id/cancel',
    formHandler({
      load: loadMeeting,
      schema: CancelMeetingSchema,
      page: (c, meeting, form) => render(c, VIEWS.cancel, { ...cancelContext(meeting), ...typed(form) }, form.status),
      submit: async (c, input, meeting) => {
        await meetings.cancelMeeting(requireUser(c), meeting.id, input)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Meeting cancelled' }
      },
      currentVersion: async (_c, meeting) => (await meetings.getMeeting(meeting.id)).version,
    }),
  )
}

// ---- agenda items ----

function agendaItemRoutes(app: App, meetings: Meetings, links: MeetingPageLinks) {
  const loadMeeting = (c: Context<AppEnv>) => managedMeeting(meetings, c)
  const managedItem = (c: Context<AppEnv>) => meetings.getManagedItem(requireUser(c), idParam(c.req.param('id'), 'Agenda item'))

  async function itemContext(meeting: MeetingWithBody, values: Values, item?: { id: string; addedAfterPublication: boolean }) {
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

  const itemForm = addToMeetingForm(loadMeeting, VIEWS.itemForm, (meeting, values) => itemContext(meeting, values))
  app.get('/manage/meetings/:id/items/new', itemForm.blank((c) => ({ parentItemId: c.req.query('parent') ?? '' })))

  app.post(
    '/manage/meetings/:id/items/new',
    formHandler({
      load: loadMeeting,
      schema: NewItemSchema,
      page: itemForm.again,
      submit: async (c, input, meeting) => {
        const item = await meetings.addItem(requireUser(c), meeting.id, input)
        return { redirect: `${meetingPaths.manage.meeting(meeting.id)}#item-${item.id}`, flash: 'Agenda item added' }
      },
    }),
  )

  app.get('/manage/items/:id/edit', async (c) => {
    const { item, meeting } = await managedItem(c)
    assertChangeable(meeting, 'edit')
    return render(c, VIEWS.itemForm, await itemContext(meeting, itemValues(item), item))
  })

  app.post(
    '/manage/items/:id/edit',
    formHandler({
      load: managedItem,
      schema: EditItemSchema,
      page: async (c, { item, meeting }, form) =>
        render(c, VIEWS.itemForm, { ...(await itemContext(meeting, {}, item)), ...typed(form) }, form.status),
      submit: async (c, input, { item, meeting }) => {
        await meetings.updateItem(requireUser(c), item.id, input)
        return { redirect: `${meetingPaths.manage.meeting(meeting.id)}#item-${item.id}`, flash: 'Agenda item saved' }
      },
      currentVersion: async (c, { item }) => (await meetings.getManagedItem(requireUser(c), item.id)).item.version,
    }),
  )

  app.post(
    '/manage/items/:id/move',
    formHandler({
      load: managedItem,
      schema: MoveItemSchema,
      page: (c, { meeting }, form) => showMeetingPage(meetings, links, c, meeting.id, requireUser(c), form.status, buttonMessage(form)),
      submit: async (c, input, { item, meeting }) => {
        await meetings.moveItem(requireUser(c), item.id, input)
        return { redirect: `${meetingPaths.manage.meeting(meeting.id)}#item-${item.id}` }
      },
    }),
  )

  /** The delete confirmation, from what is stored now; on a conflict with the message and the new version. */
  async function deletePage(c: Context<AppEnv>, itemId: string, user: CurrentUser, status: ContentfulStatusCode = 200, message?: string) {
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

  app.post(
    '/manage/items/:id/delete',
    formHandler({
      load: (c) => ({ user: requireUser(c), id: idParam(c.req.param('id'), 'Agenda item') }),
      schema: DeleteSchema,
      page: (c, { user, id }, form) => deletePage(c, id, user, form.status, buttonMessage(form)),
      submit: async (_c, input, { user, id }) => {
        const meeting = await meetings.deleteItem(user, id, input)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Agenda item deleted' }
      },
    }),
  )
}

// ---- papers ----

function paperRoutes(app: App, meetings: Meetings, links: MeetingPageLinks, maxUploadBytes: number) {
  const loadMeeting = (c: Context<AppEnv>) => managedMeeting(meetings, c)

  async function paperContext(meeting: MeetingWithBody, values: Values) {
    const agenda = await meetings.findAgenda(meeting)
    return {
      pageTitle: 'Upload a paper',
      caption: meetingTitle(meeting),
      action: meetingPaths.manage.newPaper(meeting.id),
      ...paperFormView(meeting, agenda, values, maxUploadBytes),
    }
  }

  const paperForm = addToMeetingForm(loadMeeting, VIEWS.paperForm, paperContext)
  app.get('/manage/meetings/:id/papers/new', paperForm.blank((c) => ({ itemId: c.req.query('item') ?? '' })))

  app.post(
    '/manage/meetings/:id/papers/new',
    formHandler({
      /** The file is checked by its bytes first: a refused file is reported with the other fields' errors. */
      load: async (c) => {
        const meeting = await loadMeeting(c)
        return { meeting, upload: await checkUpload((await c.req.parseBody()).file, maxUploadBytes) }
      },
      schema: ({ upload }) => paperSchema(upload.ok ? null : upload.message),
      page: (c, { meeting }, form) => paperForm.again(c, meeting, form),
      submit: async (c, input, { meeting, upload }) => {
        if (!upload.ok) throw validation({ file: upload.message })
        await meetings.addPaper(requireUser(c), meeting.id, input, upload.paper)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Paper uploaded' }
      },
    }),
  )

  app.post(
    '/manage/papers/:id/delete',
    formHandler({
      load: async (c) => {
        const user = requireUser(c)
        const id = idParam(c.req.param('id'), 'Paper')
        return { user, id, meeting: (await meetings.getManagedPaper(user, id)).meeting }
      },
      schema: DeleteSchema,
      page: (c, { user, meeting }, form) => showMeetingPage(meetings, links, c, meeting.id, user, form.status, buttonMessage(form)),
      submit: async (_c, input, { user, id, meeting }) => {
        await meetings.deletePaper(user, id, input)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Paper deleted' }
      },
    }),
  )

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
}

// ---- publication ----

function publicationRoutes(app: App, meetings: Meetings) {
  const loadMeeting = (c: Context<AppEnv>) => managedMeeting(meetings, c)

  async function publishContext(meeting: MeetingWithBody, values: Values) {
    return publishView(meeting, await meetings.checkPublication(meeting), values)
  }

  app.get('/manage/meetings/:id/publish', async (c) => {
    const meeting = await loadMeeting(c)
    return render(c, VIEWS.publish, await publishContext(meeting, { version: String(meeting.version) }))
  })

  app.post(
    '/manage/meetings/:id/publish',
    formHandler({
      load: loadMeeting,
      schema: PublishAgendaSchema,
      page: async (c, meeting, form) => render(c, VIEWS.publish, { ...(await publishContext(meeting, {})), ...typed(form) }, form.status),
      submit: async (c, input, meeting) => {
        await meetings.publishAgenda(requireUser(c), meeting.id, input)
        return { redirect: meetingPaths.manage.meeting(meeting.id), flash: 'Agenda published' }
      },
      currentVersion: async (_c, meeting) => (await meetings.getMeeting(meeting.id)).version,
    }),
  )
}
