import type { Context } from 'hono'
import type nunjucks from 'nunjucks'
import type { AppEnv } from '../http/types.ts'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

let environment: nunjucks.Environment | null = null

export function setViewEnvironment(env: nunjucks.Environment): void {
  environment = env
}

export function viewEnvironment(): nunjucks.Environment {
  if (!environment) throw new Error('View environment not set: call setViewEnvironment in createApp')
  return environment
}

/** Render a template with the request's common context (user, CSRF token, nonce, flash). */
export function render(
  c: Context<AppEnv>,
  template: string,
  context: Record<string, unknown> = {},
  status: ContentfulStatusCode = 200,
): Response {
  const html = viewEnvironment().render(template, {
    currentUser: c.var.user,
    csrfToken: c.var.csrfToken,
    cspNonce: c.var.cspNonce,
    flash: c.var.flash,
    currentPath: c.req.path,
    ...context,
  })
  return c.html(html, status)
}
