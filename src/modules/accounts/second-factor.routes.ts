import { Hono, type Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../platform/http/types.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { clearAppCookie, flash, setAppCookie } from '../../platform/http/cookies.ts'
import { errorSummary } from '../../platform/http/forms.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { privatePage } from '../../platform/http/params.ts'
import { SESSION_COOKIE } from '../../platform/http/session.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService, SecondFactorResult } from './accounts.service.ts'
import { accountPaths } from './accounts.paths.ts'
import { RecoveryCodeSchema, safeNext, TotpCodeSchema } from './accounts.schemas.ts'

type C = Context<AppEnv>

/** The cookie that carries a sign-in from the password to the code: HttpOnly, ten minutes. */
export const CHALLENGE_COOKIE = 'ju_2fa'
export const CHALLENGE_COOKIE_MAX_AGE_S = 10 * 60

const METHODS = {
  totp: {
    path: accountPaths.signInCode,
    view: 'accounts/views/sign-in-code.njk',
    title: 'Enter the code from your authenticator app',
    schema: TotpCodeSchema,
  },
  'recovery-code': {
    path: accountPaths.signInRecoveryCode,
    view: 'accounts/views/sign-in-recovery-code.njk',
    title: 'Enter a recovery code',
    schema: RecoveryCodeSchema,
  },
} as const
type Method = keyof typeof METHODS

const nextOf = (c: C, body?: Record<string, unknown>): string => {
  const v = body ? body.next : c.req.query('next')
  return typeof v === 'string' ? v : ''
}
const withNext = (path: string, next: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path)

function wrongCodeMessage(method: Method, result: Extract<SecondFactorResult, { kind: 'wrong' | 'throttled' }>): string {
  if (result.kind === 'throttled') return `Too many wrong codes. Wait ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? '' : 's'} and try again`
  const what = method === 'totp' ? 'The code is not right, or it has been used already. Enter the code your app shows now' : 'This recovery code is not right, or it has been used already'
  return `${what}. You can try ${result.attemptsLeft} more time${result.attemptsLeft === 1 ? '' : 's'} before you must sign in again`
}

/**
 * The second step of signing in, for an account with two-factor authentication: the code from an authenticator
 * app, or one of the recovery codes. A plain form (no JavaScript); the challenge cookie says whose sign-in it is.
 */
export function secondFactorRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()

  const page = (c: C, method: Method, form: FormState) => {
    privatePage(c)
    const { path, view, title } = METHODS[method]
    const next = typeof form.values.next === 'string' ? form.values.next : ''
    return render(
      c,
      view,
      { pageTitle: title, paths: accountPaths, action: path(), otherHref: withNext(method === 'totp' ? accountPaths.signInRecoveryCode() : accountPaths.signInCode(), next), ...form },
      form.status,
    )
  }
  /** The challenge is gone (expired, used, too many wrong codes): start again from the password. */
  const signInAgain = (c: C, next: string) => {
    clearAppCookie(c, CHALLENGE_COOKIE)
    privatePage(c)
    return render(c, 'accounts/views/sign-in-again.njk', { pageTitle: 'Sign in again', paths: accountPaths, signInHref: withNext(accountPaths.signIn(), next) }, 401)
  }

  for (const method of Object.keys(METHODS) as Method[]) {
    const { path, schema } = METHODS[method]
    app.get(path(), async (c) => {
      const next = nextOf(c)
      if (c.var.user) return c.redirect(safeNext(next))
      const challenge = getCookie(c, CHALLENGE_COOKIE)
      if (!challenge || !(await accounts.challengeIsLive(challenge))) return c.redirect(withNext(accountPaths.signIn(), next))
      return page(c, method, blankForm({ next }))
    })

    app.post(
      path(),
      formHandler({
        load: () => null,
        schema,
        page: (c, _l, form) => page(c, method, { ...form, values: { next: form.values.next ?? '' } }),
        submit: async (c, data, _l, body) => {
          const next = nextOf(c, body)
          const challenge = getCookie(c, CHALLENGE_COOKIE)
          if (!challenge) return signInAgain(c, next)
          const from = { client: clientAddress(c), userAgent: c.req.header('user-agent'), replacing: getCookie(c, SESSION_COOKIE) }
          const result = await accounts.completeSecondFactor(challenge, method, data.code, from)
          if (result.kind === 'void') return signInAgain(c, next)
          if (result.kind !== 'signed_in') {
            const errors = { code: wrongCodeMessage(method, result) }
            return page(c, method, { values: { next }, errors, errorSummary: errorSummary(errors), status: result.kind === 'throttled' ? 429 : 400 })
          }
          clearAppCookie(c, CHALLENGE_COOKIE)
          setAppCookie(c, SESSION_COOKIE, result.token)
          if (result.recoveryCodesLeft !== undefined) {
            const left = result.recoveryCodesLeft
            flash(c, `You used a recovery code. You have ${left} left${left <= 3 ? ': get new ones from Two-factor authentication in your account' : ''}`)
          }
          return c.redirect(safeNext(next), 303)
        },
      }),
    )
  }
  return app
}
