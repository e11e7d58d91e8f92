import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/http/types.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { render } from '../../platform/views/render.ts'
import { errorSummary, formValues, zodFieldErrors } from '../../platform/http/forms.ts'
import { clearAppCookie, setAppCookie, flash } from '../../platform/http/cookies.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import type { AccountsService } from './accounts.service.ts'
import { SignInSchema, safeNext } from './accounts.schemas.ts'

export function accountsRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()

  app.get('/sign-in', (c) => {
    if (c.var.user) return c.redirect(safeNext(c.req.query('next')))
    return render(c, 'accounts/views/sign-in.njk', { pageTitle: 'Sign in', values: { next: c.req.query('next') ?? '' } })
  })

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody()
    const values = formValues(body)
    delete values.password
    const parsed = SignInSchema.safeParse(body)
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error)
      return render(c, 'accounts/views/sign-in.njk', { pageTitle: 'Sign in', values, errors, errorSummary: errorSummary(errors) }, 400)
    }
    const result = await accounts.signIn(parsed.data.email, parsed.data.password, clientAddress(c))
    if (result.kind !== 'signed_in') {
      const errors = {
        email:
          result.kind === 'throttled'
            ? `Too many failed attempts. Wait ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? '' : 's'} and try again`
            : 'Enter a correct email address and password',
      }
      return render(c, 'accounts/views/sign-in.njk', { pageTitle: 'Sign in', values, errors, errorSummary: errorSummary(errors) }, result.kind === 'throttled' ? 429 : 400)
    }
    // A fresh session: also rotates the CSRF binding, since tokens are bound to the session.
    setAppCookie(c, SESSION_COOKIE, result.token)
    return c.redirect(safeNext(parsed.data.next), 303)
  })

  app.post('/sign-out', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await accounts.signOut(token)
    clearAppCookie(c, SESSION_COOKIE)
    flash(c, 'You have signed out')
    return c.redirect('/', 303)
  })

  return app
}
