import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { createHash } from 'node:crypto'
import { clearAppCookie } from './cookies.ts'
import type { AppEnv, CurrentUser } from './types.ts'

export const SESSION_COOKIE = 'ju_session'

/** Loads the signed-in user from the session cookie; the lookup is the accounts module's. */
export function session(resolve: (token: string) => Promise<CurrentUser | null>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    let user: CurrentUser | null = null
    if (token) {
      user = await resolve(token)
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
