import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/http/types.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { render } from '../../platform/views/render.ts'
import { errorSummary } from '../../platform/http/forms.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { clearAppCookie, setAppCookie, flash } from '../../platform/http/cookies.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import type { AccountsService } from './accounts.service.ts'
import { SignInSchema, safeNext } from './accounts.schemas.ts'
import { accountPaths } from './accounts.paths.ts'
import { CHALLENGE_COOKIE, CHALLENGE_COOKIE_MAX_AGE_S } from './second-factor.routes.ts'

const VIEW = 'accounts/views/sign-in.njk'

export function accountsRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()
  /** The sign-in page (with "Sign in with ..." when single sign-on is configured); what was typed comes back, never the password. */
  const signInPage = (c: Context<AppEnv>, form: FormState) => {
    const { password: _never, ...values } = form.values
    const next = typeof values.next === 'string' && values.next ? `?next=${encodeURIComponent(values.next)}` : ''
    const sso = accounts.sso ? { buttonText: `Sign in with ${accounts.sso.displayName}`, href: `${accountPaths.ssoStart()}${next}` } : null
    return render(c, VIEW, { pageTitle: 'Sign in', paths: accountPaths, sso, ...form, values }, form.status)
  }

  app.get(accountPaths.signIn(), (c) => {
    if (c.var.user) return c.redirect(safeNext(c.req.query('next')))
    return signInPage(c, blankForm({ next: c.req.query('next') ?? '' }))
  })

  app.post(
    accountPaths.signIn(),
    formHandler({
      load: () => null,
      schema: SignInSchema,
      page: (c, _l, form) => signInPage(c, form),
      submit: async (c, data, _l, body) => {
        const result = await accounts.signIn(data.email, data.password, clientAddress(c), getCookie(c, SESSION_COOKIE), c.req.header('user-agent'))
        if (result.kind === 'second_factor') {
          // No session yet: a short-lived cookie leads to the code page (second-factor.routes.ts).
          setAppCookie(c, CHALLENGE_COOKIE, result.challengeToken, CHALLENGE_COOKIE_MAX_AGE_S)
          const next = data.next ? `?next=${encodeURIComponent(safeNext(data.next))}` : ''
          return { redirect: `${accountPaths.signInCode()}${next}` }
        }
        if (result.kind !== 'signed_in') {
          const throttled = result.kind === 'throttled'
          const errors = {
            email: throttled
              ? `Too many failed attempts. Wait ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? '' : 's'} and try again`
              : 'Enter a correct email address and password',
          }
          const values = { email: data.email, next: typeof body.next === 'string' ? body.next : '' }
          return signInPage(c, { values, errors, errorSummary: errorSummary(errors), status: throttled ? 429 : 400 })
        }
        // A fresh session id: also rotates the CSRF binding, since tokens are bound to the session.
        setAppCookie(c, SESSION_COOKIE, result.token)
        return { redirect: safeNext(data.next) }
      },
    }),
  )

  app.post(accountPaths.signOut(), async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await accounts.signOut(token)
    clearAppCookie(c, SESSION_COOKIE)
    flash(c, 'You have signed out')
    return c.redirect('/', 303)
  })

  return app
}
