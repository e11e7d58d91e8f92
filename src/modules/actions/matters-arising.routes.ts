import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { flash } from '../../platform/http/cookies.ts'
import { AppError, notFound, type FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary, formValues, zodFieldErrors, type FormBody } from '../../platform/http/forms.ts'
import { render, viewEnvironment } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { actionPaths } from './actions.paths.ts'
import { parseMattersArisingForm } from './matters-arising.schemas.ts'
import { mattersArisingPage } from './matters-arising.presenter.ts'
import { DecisionQuerySchema } from './decisions.schemas.ts'
import { decisionsPage } from './decisions.presenter.ts'
import { RemoveTopicSchema, TopicChoiceSchema } from './topics.schemas.ts'
import { itemTopicsPage, topicPage } from './topics.presenter.ts'

const VIEWS = {
  mattersArising: 'actions/views/matters-arising.njk',
  decisions: 'actions/views/decisions.njk',
  topic: 'actions/views/topic.njk',
  itemTopics: 'actions/views/topic-item.njk',
}

const P = actionPaths
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const idParam = (v: string | undefined, what: string): string => {
  if (!v || !UUID.test(v)) throw notFound(what)
  return v.toLowerCase()
}
const isAppError = (e: unknown, code: AppError['code']): e is AppError => e instanceof AppError && e.code === code

/** Matters arising, the decisions register and topic histories. */
export function mattersArisingRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const ma = services.mattersArising
  // Templates of other modules (the staff meeting page) link here without writing the URL a second time.
  viewEnvironment().addGlobal('actionPaths', actionPaths)

  // ---------- matters arising ----------

  app.post(P.manage.generateMattersArising(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Meeting')
    const { created } = await ma.ensureMattersArising(user, id)
    flash(c, created ? 'Matters arising added to the agenda' : 'This meeting already has its matters arising item')
    return c.redirect(`${meetingPaths.manage.meeting(id)}#agenda`, 303)
  })

  app.get(P.manage.mattersArising(':id'), async (c) => {
    const user = requireUser(c)
    const view = await ma.mattersArisingPage(user, idParam(c.req.param('id'), 'Meeting'))
    return render(c, VIEWS.mattersArising, mattersArisingPage(view))
  })

  app.post(P.manage.mattersArising(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Meeting')
    const body = (await c.req.parseBody({ all: true })) as FormBody
    const values = formValues(body)
    const again = async (status: 400 | 409, errors: FieldErrors, summary?: { text: string; href: string }[]) => {
      const view = await ma.mattersArisingPage(user, id)
      // After a conflict the form carries the current versions, so saving again applies the user's input.
      const kept = status === 409 ? { ...values, ...Object.fromEntries(view.entries.map((e) => [`version.${e.id}`, String(e.version)])) } : values
      return render(
        c,
        VIEWS.mattersArising,
        { ...mattersArisingPage(view, kept, errors), errors, errorSummary: summary ?? errorSummary(errors) },
        status,
      )
    }
    const parsed = parseMattersArisingForm(body)
    if (!parsed.ok) return again(400, parsed.errors)
    try {
      const { changed } = await ma.recordMattersArising(user, id, parsed.input)
      flash(c, changed === 0 ? 'Nothing to record: no updates or changes were entered' : `Matters arising recorded (${changed} ${changed === 1 ? 'action' : 'actions'})`)
    } catch (e) {
      if (isAppError(e, 'VALIDATION') && e.fieldErrors) return again(400, e.fieldErrors)
      if (isAppError(e, 'CONFLICT')) return again(409, {}, [{ text: e.message, href: '#actions' }])
      throw e
    }
    return c.redirect(P.manage.mattersArising(id), 303)
  })

  // ---------- decisions register ----------

  const register = (staff: boolean) => async (c: Context<AppEnv>) => {
    const user = staff ? requireUser(c) : null
    const query = c.req.query()
    const parsed = DecisionQuerySchema.safeParse(query)
    const errors = parsed.success ? undefined : zodFieldErrors(parsed.error)
    const input = parsed.success
      ? { partnershipSlug: parsed.data.partnership, bodySlug: parsed.data.body, from: parsed.data.from, to: parsed.data.to, q: parsed.data.q, page: parsed.data.page }
      : { page: 1 }
    const data = user ? await ma.decisions.findDecisionsForStaff(user, input) : await ma.decisions.findPublishedDecisions(input)
    const status = errors ? 400 : 200
    return render(c, VIEWS.decisions, { ...decisionsPage(data, query, { staff, errors }), errors, errorSummary: errorSummary(errors) }, status)
  }
  app.get(P.public.decisions(), register(false))
  app.get(P.manage.decisions(), register(true))

  // ---------- topics ----------

  app.get(P.public.topic(':partnership', ':topic'), async (c) => {
    const view = await ma.topics.findPublishedTopic(c.req.param('partnership') ?? '', c.req.param('topic') ?? '')
    return render(c, VIEWS.topic, topicPage(view))
  })

  app.get(P.manage.itemTopics(':id'), async (c) => {
    const user = requireUser(c)
    const data = await ma.topics.itemTopicsForm(user, idParam(c.req.param('id'), 'Agenda item'))
    return render(c, VIEWS.itemTopics, itemTopicsPage(data))
  })

  app.post(P.manage.itemTopics(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Agenda item')
    const body = await c.req.parseBody()
    const values = formValues(body)
    const again = async (errors: FieldErrors) => {
      const data = await ma.topics.itemTopicsForm(user, id)
      return render(c, VIEWS.itemTopics, { ...itemTopicsPage(data, values, errors), errors, errorSummary: errorSummary(errors) }, 400)
    }
    if (values.action === 'remove') {
      const parsed = RemoveTopicSchema.safeParse(body)
      if (!parsed.success) return again(zodFieldErrors(parsed.error))
      await ma.topics.removeTopicFromItem(user, id, parsed.data.topicId)
      flash(c, 'Topic removed from the item')
      return c.redirect(P.manage.itemTopics(id), 303)
    }
    const parsed = TopicChoiceSchema.safeParse(body)
    if (!parsed.success) return again(zodFieldErrors(parsed.error))
    try {
      const topic = await ma.topics.addTopicToItem(user, id, parsed.data)
      flash(c, `Item tagged with ${topic.name}`)
    } catch (e) {
      if (isAppError(e, 'VALIDATION') && e.fieldErrors) return again(e.fieldErrors)
      throw e
    }
    return c.redirect(P.manage.itemTopics(id), 303)
  })

  return app
}
