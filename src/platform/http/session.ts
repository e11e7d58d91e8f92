import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { createHash } from 'node:crypto'
import { clearAppCookie, setAppCookie } from './cookies.ts'
import type { AppEnv, CurrentUser } from './types.ts'

export const SESSION_COOKIE = 'ju_session'

/** A resumed session; `rotatedToken` when the session id was just replaced (after a change of roles). */
export type ResolvedSession = { user: CurrentUser; rotatedToken?: string }

/**
 * Loads the signed-in user from the session cookie; the lookup is the accounts module's. It may rotate the
 * session id, only on safe (GET/HEAD) requests: the new id goes out as the cookie at once.
 */
export function session(resolve: (token: string, opts: { mayRotate: boolean }) => Promise<CurrentUser | ResolvedSession | null>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, SESSION_COOKIE)
    let user: CurrentUser | null = null
    if (token) {
      const resolved = await resolve(token, { mayRotate: c.req.method === 'GET' || c.req.method === 'HEAD' })
      user = resolved && 'user' in resolved ? resolved.user : resolved
      if (resolved && 'user' in resolved && resolved.rotatedToken) {
        token = resolved.rotatedToken
        setAppCookie(c, SESSION_COOKIE, token)
      }
      if (!user) clearAppCookie(c, SESSION_COOKIE)
    }
    c.set('user', user)
    c.set('sessionTokenHash', user && token ? createHash('sha256').update(token).digest('base64url') : null)
    const flashCookie = getCookie(c, 'ju_flash')
    c.set('flash', null)
    if (flashCookie && c.req.method === 'GET') {
      try {
        c.set('flash', decodeURIComponent(flashCookie).slice(0, 300))
      } catch {
        /* ignore a malformed flash */
      }
      clearAppCookie(c, 'ju_flash')
    }
    await next()
    if (user) c.header('Cache-Control', 'no-store')
  }
}
