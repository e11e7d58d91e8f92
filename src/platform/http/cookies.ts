import type { Context } from 'hono'
import { setCookie, deleteCookie } from 'hono/cookie'
import type { AppEnv } from './types.ts'

export function setAppCookie(c: Context<AppEnv>, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.config.secureCookies,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  })
}

export function clearAppCookie(c: Context<AppEnv>, name: string): void {
  deleteCookie(c, name, { path: '/', secure: c.var.config.secureCookies })
}

/** A one-time message shown on the next page (GOV.UK success notification banner). */
export function flash(c: Context<AppEnv>, message: string): void {
  setAppCookie(c, 'ju_flash', encodeURIComponent(message), 60)
}
