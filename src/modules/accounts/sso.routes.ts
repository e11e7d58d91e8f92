import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/http/types.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { setAppCookie } from '../../platform/http/cookies.ts'
import { notFound } from '../../platform/http/errors.ts'
import { privatePage } from '../../platform/http/params.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths as paths } from './accounts.paths.ts'
import { safeNext } from './accounts.schemas.ts'
import type { SsoResult, SsoService } from './sso.ts'
import { PENDING_SSO_TTL_MS } from './sso-state.ts'

/** The sealed pending sign-in (sso-state.ts): sent only to /sign-in/sso and below, gone after the callback. */
export const SSO_COOKIE = 'ju_sso'

type C = Context<AppEnv>
type Failure = Extract<SsoResult, { kind: 'failed' }>['reason']

const FAILED_TITLES: Record<Failure, string> = {
  bad_state: 'Sign-in could not be finished',
  provider_said_no: 'You have not been signed in',
  unavailable: 'Single sign-on is not available',
}

/**
 * "Sign in with ..." and the provider's callback. The start is a link (GET), not a form: the app's CSP has
 * form-action 'self', which browsers also apply to where a form's response redirects, so a form could never
 * reach the provider. Starting a sign-in changes nothing but this browser's pending-sign-in cookie.
 */
export function ssoRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()
  const sso = (): SsoService => {
    if (!accounts.sso) throw notFound()
    return accounts.sso
  }
  const failed = (c: C, s: SsoService, reason: Failure) =>
    render(c, 'accounts/views/sso-failed.njk', { pageTitle: FAILED_TITLES[reason], reason, providerName: s.displayName, paths }, reason === 'unavailable' ? 503 : 400)

  app.get(paths.ssoStart(), async (c) => {
    const s = sso()
    privatePage(c)
    const begun = await s.begin(safeNext(c.req.query('next')))
    if ('kind' in begun) return failed(c, s, begun.reason)
    setCookie(c, SSO_COOKIE, begun.sealed, {
      path: paths.ssoStart(),
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET, which carries it; nothing cross-site else does.
      sameSite: 'Lax',
      secure: c.var.config.secureCookies,
      maxAge: PENDING_SSO_TTL_MS / 1000,
    })
    return c.redirect(begun.url, 303)
  })

  app.get(paths.ssoCallback(), async (c) => {
    const s = sso()
    privatePage(c)
    const sealed = getCookie(c, SSO_COOKIE)
    deleteCookie(c, SSO_COOKIE, { path: paths.ssoStart(), secure: c.var.config.secureCookies })
    const result = await s.finish({
      sealed,
      callback: new URL(c.req.url).searchParams,
      replacing: getCookie(c, SESSION_COOKIE),
      userAgent: c.req.header('user-agent'),
      client: clientAddress(c),
    })
    switch (result.kind) {
      case 'signed_in':
        // A fresh session id: also rotates the CSRF binding, since tokens are bound to the session.
        setAppCookie(c, SESSION_COOKIE, result.token)
        return c.redirect(result.next, 303)
      case 'refused':
        return render(
          c,
          'accounts/views/sso-refused.njk',
          { pageTitle: result.reason === 'disabled' ? 'Your account is disabled' : 'You cannot sign in with this account', reason: result.reason, email: result.email, providerName: s.displayName, paths },
          403,
        )
      case 'failed':
        return failed(c, s, result.reason)
    }
  })

  return app
}
