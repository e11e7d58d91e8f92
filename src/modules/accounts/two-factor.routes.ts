import { Hono, type Context } from 'hono'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { clientAddress } from '../../platform/http/client-address.ts'
import { blankForm, formHandler, outcome, type FormState } from '../../platform/http/form-route.ts'
import { privatePage } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths } from './accounts.paths.ts'
import { CurrentPasswordSchema, SetUpTwoFactorSchema } from './accounts.schemas.ts'
import { formatDateTime } from '../../shared/dates.ts'

type C = Context<AppEnv>
const VIEWS = {
  account: 'accounts/views/account.njk',
  status: 'accounts/views/two-factor.njk',
  setUp: 'accounts/views/two-factor-set-up.njk',
  codes: 'accounts/views/recovery-codes.njk',
  password: 'accounts/views/two-factor-password.njk',
}

/** Password fields are never sent back to the browser; neither is a code. */
const blankSecrets = (form: FormState): FormState => {
  const { currentPassword: _p, code: _c, ...values } = form.values
  return { ...form, values }
}

/**
 * The signed-in user's own account: an overview, and two-factor authentication (set up with a QR code drawn on
 * the server, confirm with a first code, see recovery codes once, get new ones, turn it off). No JavaScript.
 */
export function twoFactorRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()
  const signedIn = (c: C): CurrentUser => {
    privatePage(c)
    return requireUser(c)
  }

  app.get(accountPaths.account(), async (c) => {
    const user = signedIn(c)
    const [status, passkeys] = await Promise.all([accounts.twoFactorStatus(user), accounts.listPasskeys(user)])
    return render(c, VIEWS.account, { pageTitle: 'Your account', paths: accountPaths, status, passkeyCount: passkeys.length, isAdmin: user.isAdmin })
  })

  app.get(accountPaths.twoFactor(), async (c) => {
    const user = signedIn(c)
    const [status, required] = await Promise.all([accounts.twoFactorStatus(user), accounts.mustSetUpTwoFactor(user)])
    const enabledAt = status.enabledAt ? formatDateTime(status.enabledAt) : null
    return render(c, VIEWS.status, { pageTitle: 'Two-factor authentication', paths: accountPaths, status, enabledAt, required })
  })

  app.post(accountPaths.twoFactorStart(), async (c) => {
    await accounts.beginTwoFactorSetUp(signedIn(c))
    return outcome(c, { redirect: accountPaths.twoFactorSetUp() })
  })

  const setUpPage = async (c: C, user: CurrentUser, form: FormState) => {
    const details = await accounts.twoFactorSetUpDetails(user)
    if (!details) return c.redirect(accountPaths.twoFactor())
    return render(c, VIEWS.setUp, { pageTitle: 'Set up two-factor authentication', paths: accountPaths, details, ...blankSecrets(form) }, form.status)
  }
  app.get(accountPaths.twoFactorSetUp(), async (c) => setUpPage(c, signedIn(c), blankForm()))
  app.post(
    accountPaths.twoFactorSetUp(),
    formHandler({
      load: signedIn,
      schema: SetUpTwoFactorSchema,
      page: setUpPage,
      submit: async (c, data, user) => {
        const codes = await accounts.confirmTwoFactorSetUp(user, data.code)
        return render(c, VIEWS.codes, { pageTitle: 'Two-factor authentication is on: save your recovery codes', paths: accountPaths, codes, justEnabled: true })
      },
    }),
  )

  const passwordPage = (kind: 'codes' | 'turnOff') => (c: C, _u: CurrentUser, form: FormState) =>
    render(
      c,
      VIEWS.password,
      kind === 'codes'
        ? { pageTitle: 'Get new recovery codes', action: accountPaths.recoveryCodes(), button: 'Get new recovery codes', kind, paths: accountPaths, ...blankSecrets(form) }
        : { pageTitle: 'Turn off two-factor authentication', action: accountPaths.twoFactorTurnOff(), button: 'Turn off two-factor authentication', kind, paths: accountPaths, ...blankSecrets(form) },
      form.status,
    )

  app.get(accountPaths.recoveryCodes(), (c) => passwordPage('codes')(c, signedIn(c), blankForm()))
  app.post(
    accountPaths.recoveryCodes(),
    formHandler({
      load: signedIn,
      schema: CurrentPasswordSchema,
      page: passwordPage('codes'),
      submit: async (c, data, user) => {
        const codes = await accounts.regenerateRecoveryCodes(user, data.currentPassword, clientAddress(c))
        return render(c, VIEWS.codes, { pageTitle: 'Your new recovery codes', paths: accountPaths, codes, justEnabled: false })
      },
    }),
  )

  app.get(accountPaths.twoFactorTurnOff(), (c) => passwordPage('turnOff')(c, signedIn(c), blankForm()))
  app.post(
    accountPaths.twoFactorTurnOff(),
    formHandler({
      load: signedIn,
      schema: CurrentPasswordSchema,
      page: passwordPage('turnOff'),
      submit: async (c, data, user) => {
        await accounts.disableTwoFactor(user, data.currentPassword, clientAddress(c))
        return { redirect: accountPaths.twoFactor(), flash: 'Two-factor authentication is off. Signing in needs only your password' }
      },
    }),
  )

  return app
}
