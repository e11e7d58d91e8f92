import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { formValues, type FormBody } from '../../platform/http/forms.ts'
import { formHandler, outcome } from '../../platform/http/form-route.ts'
import { idParam } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { actionPaths } from './actions.paths.ts'
import { MattersArisingFormSchema } from './matters-arising.schemas.ts'
import { mattersArisingPage } from './matters-arising.presenter.ts'

const VIEW = 'actions/views/matters-arising.njk'
const P = actionPaths

/** Matters arising: generating the agenda item, and the secretariat's one pass over the log at a meeting. */
export function mattersArisingRoutes(services: Services) {
  const app = new Hono<AppEnv>()
  const ma = services.mattersArising

  // A button on the staff meeting page, no fields.
  app.post(P.manage.generateMattersArising(':id'), async (c) => {
    const user = requireUser(c)
    const id = idParam(c.req.param('id'), 'Meeting')
    const { created } = await ma.ensureMattersArising(user, id)
    return outcome(c, {
      redirect: `${meetingPaths.manage.meeting(id)}#agenda`,
      flash: created ? 'Matters arising added to the agenda' : 'This meeting already has its matters arising item',
    })
  })

  app.get(P.manage.mattersArising(':id'), async (c) => {
    const user = requireUser(c)
    const view = await ma.mattersArisingPage(user, idParam(c.req.param('id'), 'Meeting'))
    return render(c, VIEW, mattersArisingPage(view))
  })

  /** The form repeats `ids` (one per action): the whole body is read here, as a list where it repeats. */
  const loadForm = async (c: Context<AppEnv>) => ({
    user: requireUser(c),
    id: idParam(c.req.param('id'), 'Meeting'),
    body: (await c.req.parseBody({ all: true })) as FormBody,
  })

  app.post(
    P.manage.mattersArising(':id'),
    formHandler({
      load: loadForm,
      schema: ({ body }) => z.preprocess(() => body, MattersArisingFormSchema),
      conflictHref: '#actions',
      page: async (c, { user, id, body }, form) => {
        const view = await ma.mattersArisingPage(user, id)
        const values = formValues(body)
        // After a conflict the form carries the current versions, so saving again applies the user's input.
        const kept = form.status === 409 ? { ...values, ...Object.fromEntries(view.entries.map((e) => [`version.${e.id}`, String(e.version)])) } : values
        return render(c, VIEW, { ...mattersArisingPage(view, kept, form.errors), errors: form.errors, errorSummary: form.errorSummary }, form.status)
      },
      submit: async (_c, input, { user, id }) => {
        const { changed } = await ma.recordMattersArising(user, id, input)
        const flash = changed === 0 ? 'Nothing to record: no updates or changes were entered' : `Matters arising recorded (${changed} ${changed === 1 ? 'action' : 'actions'})`
        return { redirect: P.manage.mattersArising(id), flash }
      },
    }),
  )

  return app
}
