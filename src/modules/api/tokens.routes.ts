import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { blankForm, formHandler, renderForm, type FormState } from '../../platform/http/form-route.ts'
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

  type Partnership = Awaited<ReturnType<typeof tokens.newTokenForm>>
  const loadNew = (c: C) => tokens.newTokenForm(requireUser(c), partnershipId(c))
  const newPage = (c: C, partnership: Partnership, form: FormState) =>
    renderForm(
      c,
      'api/views/token-new.njk',
      { pageTitle: 'Create an API token', partnership, action: apiPaths.manage.newToken(partnership.id), backLink: { href: apiPaths.manage.tokens(partnership.id) } },
      form,
    )

  app.get('/manage/partnerships/:id/api-tokens/new', async (c) => newPage(c, await loadNew(c), blankForm()))

  app.post(
    '/manage/partnerships/:id/api-tokens/new',
    formHandler({
      load: loadNew,
      schema: NewTokenSchema,
      page: newPage,
      submit: async (c, data, partnership) => {
        const { token, secret } = await tokens.createToken(requireUser(c), partnership.id, data.name)
        // Shown once, never redirected to: the secret is in this response only.
        c.header('Cache-Control', 'no-store')
        const tokensHref = apiPaths.manage.tokens(partnership.id)
        return render(c, 'api/views/token-created.njk', { pageTitle: 'API token created', token, secret, tokensHref, docsHref: apiPaths.docs() }, 201)
      },
    }),
  )

  type Managed = Awaited<ReturnType<typeof tokens.getManagedToken>>
  const loadRevoke = (c: C) => tokens.getManagedToken(requireUser(c), partnershipId(c), idParam(c.req.param('tokenId'), 'API token'))
  const revokePage = (c: C, { partnership, token }: Managed, form: FormState) =>
    renderForm(
      c,
      'api/views/token-revoke.njk',
      {
        pageTitle: `Revoke the API token “${token.name}”`,
        partnership,
        token,
        action: apiPaths.manage.revokeToken(partnership.id, token.id),
        backLink: { href: apiPaths.manage.tokens(partnership.id) },
      },
      form,
    )

  app.get('/manage/partnerships/:id/api-tokens/:tokenId/revoke', async (c) => revokePage(c, await loadRevoke(c), blankForm()))

  app.post(
    '/manage/partnerships/:id/api-tokens/:tokenId/revoke',
    formHandler({
      load: loadRevoke,
      schema: RevokeTokenSchema,
      page: revokePage,
      submit: async (c, _data, { partnership, token }) => {
        const revoked = await tokens.revokeToken(requireUser(c), partnership.id, token.id)
        return { redirect: apiPaths.manage.tokens(partnership.id), flash: `The API token “${revoked.name}” has been revoked` }
      },
    }),
  )

  return app
}
