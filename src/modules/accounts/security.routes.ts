import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { blankForm, formHandler, type FormState } from '../../platform/http/form-route.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths } from './accounts.paths.ts'
import { SecuritySettingsSchema } from './accounts.schemas.ts'

type C = Context<AppEnv>

/** /manage/security: service-wide security settings, for admins only (a secretariat gets 403). */
export function securityRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()
  const view = (c: C, form: FormState) =>
    render(c, 'accounts/views/security-settings.njk', { pageTitle: 'Security settings', paths: accountPaths, ...form }, form.status)
  const valuesOf = (s: { requireTwoFactorForStaff: boolean; version: number }) => ({ requireTwoFactorForStaff: s.requireTwoFactorForStaff ? 'yes' : 'no', version: String(s.version) })

  app.get(accountPaths.manage.security(), async (c) => view(c, blankForm(valuesOf(await accounts.securitySettings(requireUser(c))))))
  app.post(
    accountPaths.manage.security(),
    formHandler({
      load: (c) => accounts.securitySettings(requireUser(c)),
      schema: SecuritySettingsSchema,
      page: (c, _settings, form) => view(c, form),
      submit: async (c, data) => {
        await accounts.updateSecuritySettings(requireUser(c), data)
        return {
          redirect: accountPaths.manage.security(),
          flash: data.requireTwoFactorForStaff ? 'Admins and secretariats must now use two-factor authentication' : 'Two-factor authentication is now optional',
        }
      },
      currentVersion: async (c) => (await accounts.securitySettings(requireUser(c))).version,
    }),
  )
  return app
}

/**
 * When an admin requires two-factor authentication for staff, an admin or secretariat without it is sent to set
 * it up before any management page works. Signing out and the account pages (outside /manage) stay open.
 */
export function twoFactorGate(accounts: AccountsService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user
    // The two-factor page says why the user was sent there.
    if (user && (await accounts.mustSetUpTwoFactor(user))) return c.redirect(accountPaths.twoFactor(), 303)
    return next()
  }
}
