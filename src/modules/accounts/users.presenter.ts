import { formatDateTime } from '../../shared/dates.ts'
import { accountPaths } from './accounts.paths.ts'
import type { Grant } from './accounts.policy.ts'
import type { IdentityRow, UserRow } from './accounts.repository.ts'

export type Names = { partnerships: Map<string, string>; organisations: Map<string, string> }

export const ROLE_LABELS = { secretariat: 'Secretariat', read_only: 'Read-only officer', data_provider: 'Data provider' } as const

export function roleText(grant: Grant, names: Names): string {
  const where = names.partnerships.get(grant.partnershipId) ?? 'Unknown partnership'
  const org = grant.organisationId ? ` for ${names.organisations.get(grant.organisationId) ?? 'an organisation'}` : ''
  return `${ROLE_LABELS[grant.role]}${org}, ${where}`
}

export function statusText(user: UserRow): string {
  if (user.disabled) return 'Disabled'
  if (!user.passwordHash) return 'Invited'
  return 'Active'
}

export function lastSignIn(user: UserRow): string {
  return user.lastSignedInAt ? formatDateTime(user.lastSignedInAt) : 'Never'
}

/** The people list: a GOV.UK table's rows. */
export function userRows(list: { user: UserRow; roles: Grant[] }[], names: Names) {
  return list.map(({ user, roles }) => ({
    name: user.displayName,
    email: user.email,
    href: accountPaths.manage.user(user.id),
    roles: [...(user.isAdmin ? ['Admin'] : []), ...roles.map((r) => roleText(r, names))],
    lastSignIn: lastSignIn(user),
    status: statusText(user),
  }))
}

/** The role rows of one account, each with what the remove button sends. */
export function roleRows(roles: Grant[], names: Names, managed: string[] | undefined) {
  return roles.map((r) => ({
    text: roleText(r, names),
    canRemove: !managed || managed.includes(r.partnershipId),
    fields: { role: r.role, partnershipId: r.partnershipId, organisationId: r.organisationId ?? '' },
  }))
}

export const nameMaps = (partnerships: { id: string; name: string }[], organisations: { id: string; name: string }[]): Names => ({
  partnerships: new Map(partnerships.map((p) => [p.id, p.name])),
  organisations: new Map(organisations.map((o) => [o.id, o.name])),
})

/** Single sign-on links of an account: who vouched (issuer), for which email, since when, last used. */
export function identityRows(identities: IdentityRow[]) {
  return identities.map((i) => ({
    issuer: i.issuer,
    subject: i.subject,
    email: i.email,
    linked: formatDateTime(i.createdAt),
    lastUsed: i.lastUsedAt ? formatDateTime(i.lastUsedAt) : 'Never',
  }))
}
