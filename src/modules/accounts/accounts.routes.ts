import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/http/types.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { render } from '../../platform/views/render.ts'
import { errorSummary, formValues } from '../../platform/http/forms.ts'
import { clearAppCookie, setAppCookie, flash } from '../../platform/http/cookies.ts'
import { validation } from '../../platform/http/errors.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import type { AccountsService } from './accounts.service.ts'
import { SignInSchema, safeNext } from './accounts.schemas.ts'

type C = Context<AppEnv>

/** The sign-in page; a typed password is never sent back. */
function signInPage(c: C, form: FormState): Response | Promise<Response> {
  const { password: _password, ...values } = form.values
  return render(c, 'accounts/views/sign-in.njk', { pageTitle: 'Sign in', ...form, values }, form.status)
}

export function accountsRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()

  app.get('/sign-in', (c) => {
    if (c.var.user) return c.redirect(safeNext(c.req.query('next')))
    return signInPage(c, blankForm({ next: c.req.query('next') ?? '' }))
  })

  app.post(
    '/sign-in',
    formHandler({
      load: () => undefined,
      schema: SignInSchema,
      page: (c, _loaded, form) => signInPage(c, form),
      submit: async (c, input, _loaded, body) => {
        const result = await accounts.signIn(input.email, input.password, clientAddress(c))
        if (result.kind === 'wrong') throw validation({ email: 'Enter a correct email address and password' })
        if (result.kind === 'throttled') {
          const minutes = result.retryAfterMinutes
          const errors = { email: `Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again` }
          return signInPage(c, { values: formValues(body), errors, errorSummary: errorSummary(errors), status: 429 })
        }
        // A fresh session: also rotates the CSRF binding, since tokens are bound to the session.
        setAppCookie(c, SESSION_COOKIE, result.token)
        return { redirect: safeNext(input.next) }
      },
    }),
  )

  app.post('/sign-out', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await accounts.signOut(token)
    clearAppCookie(c, SESSION_COOKIE)
    flash(c, 'You have signed out')
    return c.redirect('/', 303)
  })

  return app
}
