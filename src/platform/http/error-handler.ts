import type { Context, ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AppError, isMalformedBodyError, MALFORMED_BODY_MESSAGE } from './errors.ts'
import { render } from '../views/render.ts'
import type { AppEnv } from './types.ts'

const TITLES: Record<number, string> = {
  400: 'There is a problem with your request',
  401: 'You need to sign in',
  403: 'You do not have permission to see this page',
  404: 'Page not found',
  409: 'This could not be done',
  413: 'The file is too large',
  500: 'Sorry, there is a problem with the service',
}

export function wantsJson(c: Context): boolean {
  return c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json')
}

export function problem(c: Context, status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra }), status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
  })
}

export function errorPage(c: Context<AppEnv>, status: number, message: string): Response {
  const title = TITLES[status] ?? TITLES[500]!
  if (wantsJson(c)) return problem(c, status, title, message)
  try {
    return render(c, 'error.njk', { pageTitle: title, message, status }, status as ContentfulStatusCode)
  } catch {
    return c.text(`${title}\n\n${message}`, status as ContentfulStatusCode)
  }
}

/**
 * PostgreSQL errors that mean the request named something that cannot exist (a malformed id in the
 * URL) or a number out of range: the user's input, not a fault. Routes validate ids too; this is the net.
 */
function databaseInputError(err: unknown): { status: number; message: string } | null {
  let e: unknown = err
  for (let depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const code = (e as { code?: unknown }).code
    if (code === '22P02') return { status: 404, message: 'If you typed the web address, check it is correct.' }
    if (code === '22003') return { status: 400, message: 'A number in the request is too large.' }
    if (code === '22007' || code === '22008') return { status: 400, message: 'A date in the request is not a real date.' }
    // 22021: text PostgreSQL cannot store, such as a NUL byte in a search box.
    if (code === '22021') return { status: 400, message: 'The request contains characters that cannot be used.' }
    e = (e as { cause?: unknown }).cause
  }
  return null
}

/** Never a stack trace: AppErrors carry a user message; anything else is logged and shown as 500. */
export function onError(log: (err: unknown, c: Context) => void): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof AppError) {
      if (err.code === 'UNAUTHENTICATED' && !wantsJson(c) && c.req.method === 'GET') {
        return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 302)
      }
      if (wantsJson(c)) {
        return problem(c, err.status, TITLES[err.status] ?? 'Error', err.message, err.fieldErrors ? { errors: err.fieldErrors } : {})
      }
      return errorPage(c, err.status, err.message)
    }
    if (err instanceof HTTPException) {
      const status = err.status
      const message = status === 413 ? 'The upload is larger than this service accepts.' : err.message || 'The request could not be handled.'
      return errorPage(c, status, message)
    }
    if (isMalformedBodyError(err)) return errorPage(c, 400, MALFORMED_BODY_MESSAGE)
    const input = databaseInputError(err)
    if (input) return errorPage(c, input.status, input.message)
    log(err, c)
    return errorPage(c, 500, 'Try again later. If the problem continues, contact your partnership secretariat.')
  }
}
