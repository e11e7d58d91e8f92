import { Hono, type Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { requireUser } from '../../platform/http/auth.ts'
import { blankForm, formHandler, outcome, type FormState } from '../../platform/http/form-route.ts'
import { notFound } from '../../platform/http/errors.ts'
import { idParam } from '../../platform/http/params.ts'
import { render } from '../../platform/views/render.ts'
import type { AccountsService } from './accounts.service.ts'
import { accountPaths as paths } from './accounts.paths.ts'
import { assertCanManagePeople, managedPartnershipIds } from './accounts.policy.ts'
import { InviteSchema, LinkPersonSchema, RoleSchema, UnlinkIdentitySchema } from './accounts.schemas.ts'
import { identityRows, lastSignIn, nameMaps, roleRows, statusText, userRows, ROLE_LABELS } from './users.presenter.ts'

type C = Context<AppEnv>

/** People management for admins and secretariats: accounts, invitations, roles, disabling, person links. */
export function usersRoutes(accounts: AccountsService) {
  const app = new Hono<AppEnv>()

  const manager = (c: C): CurrentUser => {
    const user = requireUser(c)
    assertCanManagePeople(user)
    return user
  }
  const names = async (actor: CurrentUser, extraOrgIds: string[] = []) => {
    const options = await accounts.grantOptions(actor)
    const [allPartnerships, orgs] = await Promise.all([accounts.partnershipNames(), accounts.organisationNames(extraOrgIds)])
    return { options, names: nameMaps(allPartnerships, [...options.organisations.map((o) => ({ id: o.organisationId, name: o.name })), ...orgs]) }
  }
  const roleChoices = (canGrantAdmin: boolean) => [
    ...Object.entries(ROLE_LABELS).map(([value, text]) => ({ value, text })),
    ...(canGrantAdmin ? [{ value: 'admin', text: 'Admin (every partnership)' }] : []),
  ]

  app.get(paths.manage.users(), async (c) => {
    const actor = manager(c)
    const [list, { names: n }] = await Promise.all([accounts.listAccounts(actor), names(actor)])
    return render(c, 'accounts/views/users.njk', { pageTitle: 'People’s accounts', paths, rows: userRows(list, n) })
  })

  const inviteView = async (c: C, actor: CurrentUser, form: FormState) => {
    const { options } = await names(actor)
    return render(c, 'accounts/views/invite.njk', { pageTitle: 'Invite someone', paths, options, roles: roleChoices(options.canGrantAdmin), ...form }, form.status)
  }
  app.get(paths.manage.invite(), async (c) => inviteView(c, manager(c), blankForm()))
  app.post(
    paths.manage.invite(),
    formHandler({
      load: manager,
      schema: InviteSchema,
      page: inviteView,
      submit: async (_c, data, actor) => {
        const r = await accounts.inviteUser(actor, data)
        const flash = r.emailed
          ? `Invitation sent to ${data.email}`
          : r.existing
            ? `${data.email} already had an account: the role has been given`
            : `The account was created but the invitation email could not be sent: send it again from this page`
        return { redirect: paths.manage.user(r.userId), flash }
      },
    }),
  )

  const userView = async (c: C, actor: CurrentUser, userId: string, forms: { role?: FormState; person?: FormState } = {}) => {
    const account = await accounts.getAccount(actor, userId)
    const { options, names: n } = await names(actor, account.roles.flatMap((r) => (r.organisationId ? [r.organisationId] : [])))
    const person = account.user.personId ? await accounts.findPerson(account.user.personId) : undefined
    const identities = identityRows(await accounts.identitiesOfAccount(actor, userId))
    const status = forms.role?.status ?? forms.person?.status ?? 200
    return render(
      c,
      'accounts/views/user.njk',
      {
        pageTitle: account.user.displayName,
        paths,
        account: { ...account.user, status: statusText(account.user), lastSignIn: lastSignIn(account.user), invited: !account.user.passwordHash, twoFactorOn: !!account.user.totpEnabledAt },
        roles: roleRows(account.roles, n, managedPartnershipIds(actor)),
        options,
        roleChoices: roleChoices(false),
        person,
        identities,
        ssoEnabled: !!accounts.sso,
        people: await accounts.peopleToLink(actor),
        isSelf: actor.id === userId,
        canResetTwoFactor: actor.isAdmin && actor.id !== userId,
        roleForm: forms.role ?? blankForm(),
        personForm: forms.person ?? blankForm({ personId: account.user.personId ?? '' }),
        errorSummary: forms.role?.errorSummary ?? forms.person?.errorSummary ?? [],
      },
      status,
    )
  }
  const target = (c: C) => ({ actor: manager(c), userId: idParam(c.req.param('id'), 'Account') })

  app.get(paths.manage.user(':id'), async (c) => {
    const { actor, userId } = target(c)
    return userView(c, actor, userId)
  })
  /** A form on the account page: the submit changes the account, then back to the page with a message. */
  const userForm = <S extends z.ZodType>(
    schema: S,
    key: 'role' | 'person',
    change: (t: ReturnType<typeof target>, data: z.infer<S>) => Promise<string>,
  ) =>
    formHandler({
      load: target,
      schema,
      page: (c, t, form) => userView(c, t.actor, t.userId, { [key]: form }),
      submit: async (_c, data, t) => ({ redirect: paths.manage.user(t.userId), flash: await change(t, data) }),
    })
  app.post(
    paths.manage.addRole(':id'),
    userForm(RoleSchema, 'role', async (t, data) => {
      await accounts.grantRole(t.actor, t.userId, data)
      return 'Role given'
    }),
  )
  app.post(
    paths.manage.removeRole(':id'),
    userForm(RoleSchema, 'role', async (t, data) => {
      await accounts.removeRole(t.actor, t.userId, data)
      return 'Role removed'
    }),
  )
  app.post(
    paths.manage.linkPerson(':id'),
    userForm(LinkPersonSchema, 'person', async (t, data) => {
      await accounts.linkPerson(t.actor, t.userId, data.personId ?? null)
      return data.personId ? 'Person record linked' : 'Person record unlinked'
    }),
  )
  // Buttons with no fields: a POST that changes one thing and redirects.
  for (const [path, disabled] of [[paths.manage.disable(':id'), true], [paths.manage.enable(':id'), false]] as const) {
    app.post(path, async (c) => {
      const { actor, userId } = target(c)
      await accounts.setDisabled(actor, userId, disabled)
      return outcome(c, { redirect: paths.manage.user(userId), flash: disabled ? 'Account disabled: every session has ended' : 'Account re-enabled' })
    })
  }
  app.post(paths.manage.unlinkIdentity(':id'), async (c) => {
    const { actor, userId } = target(c)
    const parsed = UnlinkIdentitySchema.safeParse(await c.req.parseBody())
    if (!parsed.success) throw notFound('Single sign-on link')
    await accounts.unlinkIdentity(actor, userId, parsed.data)
    return outcome(c, { redirect: paths.manage.user(userId), flash: 'Single sign-on unlinked' })
  })
  app.post(paths.manage.resetTwoFactor(':id'), async (c) => {
    const { actor, userId } = target(c)
    await accounts.resetTwoFactor(actor, userId)
    return outcome(c, { redirect: paths.manage.user(userId), flash: 'Two-factor authentication reset: they sign in with their password and can set it up again' })
  })
  app.post(paths.manage.inviteAgain(':id'), async (c) => {
    const { actor, userId } = target(c)
    await accounts.resendInvitation(actor, userId)
    return outcome(c, { redirect: paths.manage.user(userId), flash: 'Invitation sent again' })
  })

  return app
}
