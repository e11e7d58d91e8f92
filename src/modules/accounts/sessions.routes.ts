import { Hono } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { clearAppCookie } from '../../platform/http/cookies.ts'
import { notFound } from '../../platform/http/errors.ts'
import { outcome } from '../../platform/http/form-route.ts'
import { privatePage, routeParam } from '../../platform/http/params.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths as paths } from './accounts.paths.ts'
import { limitsText, sessionRows } from './sessions.presenter.ts'

/** "Your sessions": where I am signed in, and signing out of any of it. Only ever my own. */
export function sessionsRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()

  app.get(paths.sessions(), async (c) => {
    const user = requireUser(c)
    privatePage(c)
    const rows = sessionRows(await accounts.listMySessions(user, c.var.sessionTokenHash))
    return render(c, 'accounts/views/sessions.njk', {
      pageTitle: 'Your sessions',
      paths,
      rows,
      othersCount: rows.filter((r) => !r.current).length,
      limits: limitsText(accounts.sessionTimeouts),
      backLink: { href: paths.account(), text: 'Your account' },
    })
  })

  app.post(paths.endSession(':id'), async (c) => {
    const user = requireUser(c)
    const id = routeParam(c, 'id')
    if (!/^[\w-]{22}$/.test(id)) throw notFound('Session')
    const { endedCurrent } = await accounts.endMySession(user, id, c.var.sessionTokenHash)
    if (endedCurrent) {
      clearAppCookie(c, SESSION_COOKIE)
      return outcome(c, { redirect: '/', flash: 'You have signed out' })
    }
    return outcome(c, { redirect: paths.sessions(), flash: 'That session has been signed out' })
  })

  app.post(paths.endOtherSessions(), async (c) => {
    const user = requireUser(c)
    const ended = await accounts.endOtherSessions(user, c.var.sessionTokenHash!)
    const flash = ended === 0 ? 'You were not signed in anywhere else' : `Signed out of ${ended} other session${ended === 1 ? '' : 's'}`
    return outcome(c, { redirect: paths.sessions(), flash })
  })

  return app
}
