import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { setAppCookie } from '../../platform/http/cookies.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { AppError } from '../../platform/http/errors.ts'
import { privatePage, routeParam } from '../../platform/http/params.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths } from './accounts.paths.ts'
import { ChangePasswordSchema, ResetRequestSchema, SetPasswordSchema } from './accounts.schemas.ts'
import { MIN_PASSWORD_LENGTH } from './password-policy.ts'

type C = Context<AppEnv>
type Link = NonNullable<Awaited<ReturnType<AccountsService['describeLink']>>>

/** Password fields are never sent back to the browser. */
const withoutPasswords = (form: FormState): FormState => {
  const { password: _p, confirmPassword: _c, currentPassword: _k, ...values } = form.values
  return { ...form, values }
}
const common = { paths: accountPaths, minLength: MIN_PASSWORD_LENGTH }

const expiredPage = (c: C) =>
  render(c, 'accounts/views/link-expired.njk', { pageTitle: 'This link has expired or has already been used', paths: accountPaths }, 404)

/** Set a password from an emailed (or printed) link; reset a forgotten one; change it when signed in. */
export function accountPagesRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()
  const setPasswordView = (c: C, token: string, link: Link, form: FormState) =>
    render(
      c,
      'accounts/views/set-password.njk',
      { ...common, pageTitle: link.purpose === 'reset_password' ? 'Choose a new password' : 'Set your password', link, action: accountPaths.setPassword(token), ...withoutPasswords(form) },
      form.status,
    )

  app.get(accountPaths.setPassword(':token'), async (c) => {
    privatePage(c)
    const token = routeParam(c, 'token')
    const link = await accounts.describeLink(token)
    return link ? setPasswordView(c, token, link, blankForm()) : expiredPage(c)
  })

  app.post(
    accountPaths.setPassword(':token'),
    formHandler({
      load: async (c) => {
        privatePage(c)
        const token = routeParam(c, 'token')
        const link = await accounts.describeLink(token)
        if (!link) throw new AppError('NOT_FOUND', 'This link has expired or has already been used. Ask for a new one.')
        return { token, link }
      },
      schema: SetPasswordSchema,
      page: (c, { token, link }, form) => setPasswordView(c, token, link, form),
      submit: async (_c, data, { token }) => {
        await accounts.setPasswordFromLink(token, data)
        return { redirect: accountPaths.signIn(), flash: 'Your password has been set. Sign in with it now' }
      },
    }),
  )

  const resetView = (c: C, form: FormState) => render(c, 'accounts/views/reset-request.njk', { ...common, pageTitle: 'Reset your password', ...form }, form.status)
  app.get(accountPaths.requestReset(), (c) => resetView(c, blankForm()))
  app.post(
    accountPaths.requestReset(),
    formHandler({
      load: () => null,
      schema: ResetRequestSchema,
      page: (c, _l, form) => resetView(c, form),
      submit: (c, data) => {
        // The same answer whether or not the address has an account; the email goes out after it.
        accounts.requestPasswordReset(data.email, clientAddress(c))
        return { redirect: accountPaths.resetSent() }
      },
    }),
  )
  app.get(accountPaths.resetSent(), (c) => render(c, 'accounts/views/reset-sent.njk', { ...common, pageTitle: 'Check your email' }))

  const changeView = (c: C, form: FormState) => render(c, 'accounts/views/change-password.njk', { ...common, pageTitle: 'Change your password', ...withoutPasswords(form) }, form.status)
  app.get(accountPaths.changePassword(), (c) => {
    requireUser(c)
    return changeView(c, blankForm())
  })
  app.post(
    accountPaths.changePassword(),
    formHandler({
      load: (c) => requireUser(c),
      schema: ChangePasswordSchema,
      page: (c, _u, form) => changeView(c, form),
      submit: async (c, data, user) => {
        const token = await accounts.changePassword(user, data, { client: clientAddress(c), sessionToken: getCookie(c, SESSION_COOKIE), userAgent: c.req.header('user-agent') })
        setAppCookie(c, SESSION_COOKIE, token) // every other session has ended; this one has a new id
        return { redirect: accountPaths.changePassword(), flash: 'Your password has been changed. You have been signed out everywhere else' }
      },
    }),
  )

  return app
}
