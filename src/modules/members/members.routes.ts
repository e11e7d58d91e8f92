import { Hono, type Context } from 'hono'
import { requireUser } from '../../platform/http/auth.ts'
import { blankForm, formHandler, renderForm, type FormState } from '../../platform/http/form-route.ts'
import type { AppEnv } from '../../platform/http/types.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { accountPaths } from '../accounts/accounts.paths.ts'
import { memberPaths } from './members.paths.ts'
import { actionPage, homePage } from './members.presenter.ts'
import { idParam, MemberUpdateSchema } from './members.schemas.ts'

const VIEWS = { home: 'members/views/home.njk', action: 'members/views/action.njk' }
type C = Context<AppEnv>

/**
 * The members' home (issue 10): a signed-in member's bodies, their next meetings with papers (exempt ones of their
 * own bodies too: the paper download lets a member have them), and the actions they own, with a page to update each.
 * Anonymous visitors are sent to sign in.
 */
export function membersRoutes({ members }: Services) {
  const app = new Hono<AppEnv>()

  app.get(memberPaths.home(), async (c) => {
    const user = requireUser(c)
    return render(c, VIEWS.home, { ...homePage(user, await members.memberHome(user)), accountHref: accountPaths.account() })
  })

  /** The action in the URL, once it is one the user's person owns and it is still on its log (else 404). */
  const ownAction = async (c: C) => {
    const user = requireUser(c)
    return { user, ...(await members.ownAction(user, idParam(c.req.param('id'), 'Action'))) }
  }
  type Own = Awaited<ReturnType<typeof ownAction>>
  const page = (c: C, own: Own, form: FormState) =>
    renderForm(c, VIEWS.action, actionPage(own, { values: form.values, errors: form.errors }), form)

  app.get(memberPaths.action(':id'), async (c) => page(c, await ownAction(c), blankForm()))

  app.post(
    memberPaths.action(':id'),
    formHandler({
      load: ownAction,
      schema: MemberUpdateSchema,
      page,
      submit: async (_c, input, { user, action }) => {
        const done = await members.recordUpdate(user, action.id, input)
        return { redirect: memberPaths.home(), flash: done.completed ? 'Thank you: your update was recorded and the action marked completed' : 'Thank you: your update was recorded' }
      },
    }),
  )

  return app
}
