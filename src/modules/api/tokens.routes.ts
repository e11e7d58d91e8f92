import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { errorSummary, formValues, zodFieldErrors } from '../../platform/http/forms.ts'
import { flash } from '../../platform/http/cookies.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { render } from '../../platform/views/render.ts'
import type { Services } from '../../services.ts'
import { idParam } from '../meetings/meetings.schemas.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { apiPaths } from './api.paths.ts'
import { tokenRows } from './api.presenter.ts'
import { NewTokenSchema, RevokeTokenSchema } from './api.schemas.ts'

type C = Context<AppEnv>

/** A partnership secretariat's API tokens: list, create (the secret shown once), revoke. */
export function apiTokensRoutes(services: Services) {
  const { tokens } = services.api
  const app = new Hono<AppEnv>()
  const partnershipId = (c: C) => idParam(c.req.param('id'), 'Partnership')
  const crumbs = (p: { id: string; name: string }) => [
    { href: structurePaths.manage.home(), text: 'Manage' },
    { href: structurePaths.manage.partnership(p.id), text: p.name },
  ]

  app.get('/manage/partnerships/:id/api-tokens', async (c) => {
    const { partnership, tokens: rows } = await tokens.listTokens(requireUser(c), partnershipId(c))
    return render(c, 'api/views/tokens.njk', {
      pageTitle: `API tokens: ${partnership.name}`,
      partnership,
      rows: tokenRows(partnership.id, rows),
      newHref: apiPaths.manage.newToken(partnership.id),
      docsHref: apiPaths.docs(),
      breadcrumbs: crumbs(partnership),
    })
  })

  const newForm = async (c: C, state: { values: Record<string, unknown>; errors?: FieldErrors }, status: 200 | 400 = 200) => {
    const partnership = await tokens.newTokenForm(requireUser(c), partnershipId(c))
    return render(
      c,
      'api/views/token-new.njk',
      {
        pageTitle: 'Create an API token',
        partnership,
        action: apiPaths.manage.newToken(partnership.id),
        values: state.values,
        errors: state.errors ?? {},
        errorSummary: errorSummary(state.errors),
        backLink: { href: apiPaths.manage.tokens(partnership.id) },
      },
      status,
    )
  }

  app.get('/manage/partnerships/:id/api-tokens/new', (c) => newForm(c, { values: {} }))

  app.post('/manage/partnerships/:id/api-tokens/new', async (c) => {
    const user = requireUser(c)
    const id = partnershipId(c)
    const body = await c.req.parseBody()
    const parsed = NewTokenSchema.safeParse(body)
    if (!parsed.success) return newForm(c, { values: formValues(body), errors: zodFieldErrors(parsed.error) }, 400)
    const { token, secret } = await tokens.createToken(user, id, parsed.data.name)
    // Shown once, never redirected to: the secret is in this response only.
    c.header('Cache-Control', 'no-store')
    return render(
      c,
      'api/views/token-created.njk',
      { pageTitle: 'API token created', token, secret, tokensHref: apiPaths.manage.tokens(id), docsHref: apiPaths.docs() },
      201,
    )
  })

  const revokeForm = async (c: C, errors?: FieldErrors, status: 200 | 400 = 200) => {
    const { partnership, token } = await tokens.getManagedToken(requireUser(c), partnershipId(c), idParam(c.req.param('tokenId'), 'API token'))
    return render(
      c,
      'api/views/token-revoke.njk',
      {
        pageTitle: `Revoke the API token “${token.name}”`,
        partnership,
        token,
        action: apiPaths.manage.revokeToken(partnership.id, token.id),
        errors: errors ?? {},
        errorSummary: errorSummary(errors),
        backLink: { href: apiPaths.manage.tokens(partnership.id) },
      },
      status,
    )
  }

  app.get('/manage/partnerships/:id/api-tokens/:tokenId/revoke', (c) => revokeForm(c))

  app.post('/manage/partnerships/:id/api-tokens/:tokenId/revoke', async (c) => {
    const user = requireUser(c)
    const id = partnershipId(c)
    const tokenId = idParam(c.req.param('tokenId'), 'API token')
    const parsed = RevokeTokenSchema.safeParse(await c.req.parseBody())
    if (!parsed.success) return revokeForm(c, zodFieldErrors(parsed.error), 400)
    const token = await tokens.revokeToken(user, id, tokenId)
    flash(c, `The API token “${token.name}” has been revoked`)
    return c.redirect(apiPaths.manage.tokens(id), 303)
  })

  return app
}
