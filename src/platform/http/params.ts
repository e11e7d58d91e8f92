import { z } from 'zod'
import type { Context } from 'hono'
import { notFound } from './errors.ts'
import type { AppEnv } from './types.ts'

/** An id in a URL: anything that is not a UUID is simply not found (never a database error). */
export function idParam(value: string | undefined, what = 'Page'): string {
  const parsed = z.uuid().safeParse(value)
  if (!parsed.success) throw notFound(what)
  return parsed.data
}

/** A route parameter (the patterns are built by the path helpers, so Hono cannot type them), or NOT_FOUND. */
export function routeParam(c: Context<AppEnv>, name: string): string {
  const value: string | undefined = c.req.param(name)
  if (!value) throw notFound()
  return value
}

/** Pages reached by a secret in the URL, or holding a form token: never cached, never indexed. */
export function privatePage(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store')
  c.header('X-Robots-Tag', 'noindex, nofollow')
}
