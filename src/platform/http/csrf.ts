import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { AppError, isMalformedBodyError, MALFORMED_BODY_MESSAGE } from './errors.ts'
import { setAppCookie } from './cookies.ts'
import type { AppEnv } from './types.ts'

const COOKIE = 'ju_csrf'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function csrfTokenFor(secret: string, cookieValue: string, sessionTokenHash: string | null): string {
  return createHmac('sha256', secret)
    .update(`${cookieValue}|${sessionTokenHash ?? ''}`)
    .digest('base64url')
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}

/**
 * Signed double-submit CSRF protection for every form: a random cookie, and a hidden field holding
 * an HMAC of it bound to the session. Requests under /api/ authenticate with bearer tokens instead.
 * Runs after the session middleware.
 */
export function csrf(opts: { skip?: (path: string) => boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (opts.skip?.(c.req.path)) return next()
    let cookie = getCookie(c, COOKIE)
    const secret = c.var.config.sessionSecret
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin')
      if (origin && origin !== 'null') {
        const host = c.req.header('host')
        let originHost: string | null = null
        try {
          originHost = new URL(origin).host
        } catch {
          /* malformed */
        }
        if (!host || originHost !== host) throw new AppError('FORBIDDEN', 'This form was sent from another site.')
      }
      if (!cookie) {
        // Refuse before reading (and buffering) a body that cannot be valid.
        throw new AppError(
          'FORBIDDEN',
          'Your form could not be sent because your session has expired or the page was out of date. Go back, reload the page and try again.',
        )
      }
      const contentType = c.req.header('content-type') ?? ''
      let submitted: string | undefined = c.req.header('x-csrf-token')
      if (!submitted && /form/.test(contentType)) {
        let body: Record<string, unknown>
        try {
          body = await c.req.parseBody({ all: true })
        } catch (err) {
          // Issue 10: a body that cannot be parsed is a 400 for the sender, not a 500 on every form route.
          if (isMalformedBodyError(err)) throw new AppError('VALIDATION', MALFORMED_BODY_MESSAGE)
          throw err
        }
        const v = body._csrf
        submitted = typeof v === 'string' ? v : undefined
      }
      const expected = csrfTokenFor(secret, cookie, c.var.sessionTokenHash)
      if (!submitted || !safeEqual(expected, submitted)) {
        throw new AppError(
          'FORBIDDEN',
          'Your form could not be sent because your session has expired or the page was out of date. Go back, reload the page and try again.',
        )
      }
    }
    if (!cookie) {
      cookie = randomBytes(24).toString('base64url')
      setAppCookie(c, COOKIE, cookie)
    }
    c.set('csrfToken', csrfTokenFor(secret, cookie, c.var.sessionTokenHash))
    return next()
  }
}
