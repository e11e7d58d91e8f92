import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, forbidden, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import type { AccountsRepository, UserRow } from './accounts.repository.ts'
import { issueAccountLink, LINK_LIFETIME_MS } from './account-links.ts'
import { invitationEmail } from './account-emails.ts'
import {
  assertCanGrant,
  assertCanGrantAdmin,
  assertCanManageAccount,
  assertCanManagePeople,
  canSeeAccount,
  managedPartnershipIds,
  type Grant,
  type TargetAccount,
} from './accounts.policy.ts'

export type AdminDeps = { db: Db; repo: AccountsRepository; mailer: Mailer; publicUrl: string }
export type InviteInput = { email: string; displayName: string; role: Grant['role'] | 'admin'; partnershipId?: string; organisationId?: string }

type Loaded = { user: UserRow; roles: Grant[]; target: TargetAccount }

/**
 * The partnership an event about this account belongs to, for the audit log: its only partnership when all its
 * roles are in one (that partnership's secretariat sees the event), else none (admins only).
 */
const soleOf = (target: TargetAccount): string | null => (target.partnershipIds.length === 1 ? target.partnershipIds[0]! : null)

async function load(repo: AccountsRepository, userId: string, tx?: Db): Promise<Loaded> {
  const user = await repo.findUserById(userId, tx)
  if (!user) throw notFound('Account')
  const [roles, providers] = await Promise.all([repo.rolesOf(user.id, tx), repo.dataProviderRolesOf(user.id, tx)])
  const grants: Grant[] = [...roles, ...providers.map((p) => ({ ...p, role: 'data_provider' as const }))]
  return { user, roles: grants, target: { id: user.id, isAdmin: user.isAdmin, partnershipIds: [...new Set(grants.map((g) => g.partnershipId))] } }
}

/** The account, if the actor may see it (403 otherwise). */
export async function loadVisibleAccount({ repo }: AdminDeps, actor: CurrentUser, userId: string): Promise<Loaded> {
  assertCanManagePeople(actor)
  const loaded = await load(repo, userId)
  if (!canSeeAccount(actor, loaded.target)) throw forbidden('This account belongs to another partnership')
  return loaded
}

/** Accounts the actor may see, with their roles, newest sign-in information and whether disabled. */
export async function listAccounts({ repo }: AdminDeps, actor: CurrentUser) {
  assertCanManagePeople(actor)
  const scope = managedPartnershipIds(actor)
  const users = await repo.listUsers(scope ? await repo.userIdsWithRolesIn(scope) : undefined)
  return Promise.all(users.map(async (user) => ({ user, roles: (await load(repo, user.id)).roles })))
}

/** Partnerships (and their partner organisations) in which the actor may give roles. */
export async function grantOptions({ repo }: AdminDeps, actor: CurrentUser) {
  const scope = managedPartnershipIds(actor)
  const [partnerships, organisations] = await Promise.all([repo.partnershipNames(scope), repo.partnerOrganisations(scope)])
  return { partnerships, organisations, canGrantAdmin: actor.isAdmin }
}

async function grantIn(repo: AccountsRepository, actor: CurrentUser, userId: string, grant: Grant, tx: Db): Promise<boolean> {
  assertCanGrant(actor, grant)
  if (grant.role === 'data_provider') {
    if (!grant.organisationId) throw validation({ organisationId: 'Select the organisation they provide data for' })
    const partners = await repo.partnerOrganisations([grant.partnershipId], tx)
    if (!partners.some((o) => o.organisationId === grant.organisationId)) throw validation({ organisationId: 'Select an organisation of this partnership' })
    return repo.grantDataProvider(userId, grant.partnershipId, grant.organisationId, tx)
  }
  return repo.grantRole(userId, grant.partnershipId, grant.role, tx)
}

/** After any change of what a user may do: their sessions get new ids on their next page (sessions.ts). */
async function rolesChanged(
  repo: AccountsRepository,
  actor: CurrentUser,
  userId: string,
  event: string,
  data: Record<string, unknown>,
  partnershipId: string | null,
  tx: Db,
) {
  await repo.markSessionsToRotate(userId, tx)
  await recordAudit(tx, { userId: actor.id }, { event, subjectType: 'user', subjectId: userId, partnershipId, data })
}

/**
 * Invites someone by email: a new account with no password and a single-use link to set one (72 hours), with
 * the role given. An address that already has an account just gets the role (and, while it has never set a
 * password, a fresh link). Returns whether an email went out.
 */
export async function inviteUser(deps: AdminDeps, actor: CurrentUser, input: InviteInput): Promise<{ userId: string; existing: boolean; emailed: boolean }> {
  const { db, repo } = deps
  assertCanManagePeople(actor)
  if (input.role === 'admin') assertCanGrantAdmin(actor)
  else if (!input.partnershipId) throw validation({ partnershipId: 'Select a partnership' })
  const grant: Grant | null = input.role === 'admin' ? null : { partnershipId: input.partnershipId!, role: input.role, organisationId: input.organisationId }
  if (grant) assertCanGrant(actor, grant)
  const result = await db.transaction(async (tx) => {
    let user = await repo.findUserByEmail(input.email, tx)
    const existing = !!user
    if (user?.disabled) throw validation({ email: 'This account is disabled: re-enable it from its page first' })
    user ??= await repo.insertUser({ email: input.email.trim(), displayName: input.displayName.trim(), passwordHash: null }, tx)
    const partnershipId = grant?.partnershipId ?? null
    if (!existing) await recordAudit(tx, { userId: actor.id }, { event: 'user.invited', subjectType: 'user', subjectId: user.id, partnershipId })
    if (grant && (await grantIn(repo, actor, user.id, grant, tx))) await rolesChanged(repo, actor, user.id, 'user.role_granted', grant, partnershipId, tx)
    if (input.role === 'admin' && !user.isAdmin) {
      await repo.updateUser(user.id, { isAdmin: true }, tx)
      await rolesChanged(repo, actor, user.id, 'user.role_granted', { role: 'admin' }, null, tx)
    }
    const link = user.passwordHash ? null : await issueAccountLink(repo, deps.publicUrl, user.id, 'set_password', LINK_LIFETIME_MS.invitation, tx)
    return { user, existing, link }
  })
  let emailed = false
  if (result.link) {
    try {
      await deps.mailer.send(invitationEmail(result.user.email, { name: result.user.displayName, invitedBy: actor.displayName, url: result.link.url, expiresAt: result.link.expiresAt }))
      emailed = true
    } catch {
      emailed = false // the account and role stand; the page offers to send the invitation again
    }
  }
  return { userId: result.user.id, existing: result.existing, emailed }
}

/** Sends a fresh invitation link to an account that has never set a password. */
export async function resendInvitation(deps: AdminDeps, actor: CurrentUser, userId: string): Promise<void> {
  const { user, target } = await loadVisibleAccount(deps, actor, userId)
  if (user.passwordHash) throw new AppError('INVALID_STATE', 'This person has already set a password')
  const link = await deps.db.transaction(async (tx) => {
    const l = await issueAccountLink(deps.repo, deps.publicUrl, user.id, 'set_password', LINK_LIFETIME_MS.invitation, tx)
    await recordAudit(tx, { userId: actor.id }, { event: 'user.invited', subjectType: 'user', subjectId: user.id, partnershipId: soleOf(target), data: { again: true } })
    return l
  })
  await deps.mailer.send(invitationEmail(user.email, { name: user.displayName, invitedBy: actor.displayName, url: link.url, expiresAt: link.expiresAt }))
}

export async function grantRole(deps: AdminDeps, actor: CurrentUser, userId: string, grant: Grant): Promise<void> {
  await loadVisibleAccount(deps, actor, userId)
  await deps.db.transaction(async (tx) => {
    if (await grantIn(deps.repo, actor, userId, grant, tx)) await rolesChanged(deps.repo, actor, userId, 'user.role_granted', grant, grant.partnershipId, tx)
  })
}

export async function removeRole(deps: AdminDeps, actor: CurrentUser, userId: string, grant: Grant): Promise<void> {
  const { repo } = deps
  await loadVisibleAccount(deps, actor, userId)
  assertCanGrant(actor, grant)
  await deps.db.transaction(async (tx) => {
    const removed =
      grant.role === 'data_provider'
        ? grant.organisationId !== undefined && (await repo.revokeDataProvider(userId, grant.partnershipId, grant.organisationId, tx))
        : await repo.revokeRole(userId, grant.partnershipId, grant.role, tx)
    if (removed) await rolesChanged(repo, actor, userId, 'user.role_removed', grant, grant.partnershipId, tx)
  })
}

/** Disables (every session ends at once, in the same transaction) or re-enables an account. */
export async function setDisabled(deps: AdminDeps, actor: CurrentUser | null, userId: string, disabled: boolean): Promise<void> {
  const { repo } = deps
  if (actor) assertCanManageAccount(actor, (await loadVisibleAccount(deps, actor, userId)).target)
  await deps.db.transaction(async (tx) => {
    const { user, target } = await load(repo, userId, tx)
    if (user.disabled === disabled) return
    await repo.updateUser(userId, { disabled }, tx)
    if (disabled) {
      await repo.deleteSessionsOf(userId, tx)
      await repo.retireTokensOf(userId, new Date(), tx)
    }
    await recordAudit(tx, actor ? { userId: actor.id } : { system: 'cli' }, {
      event: disabled ? 'user.disabled' : 'user.enabled',
      subjectType: 'user',
      subjectId: userId,
      partnershipId: soleOf(target),
    })
  })
}

/** Links the account to a person record (their seats then give member access), or unlinks it (null). */
export async function linkPerson(deps: AdminDeps, actor: CurrentUser, userId: string, personId: string | null): Promise<void> {
  const { repo } = deps
  const { target } = await loadVisibleAccount(deps, actor, userId)
  assertCanManageAccount(actor, target)
  if (personId) {
    const allowed = await repo.peopleSeatedIn(managedPartnershipIds(actor))
    if (!(await repo.findPerson(personId)) || !allowed.some((p) => p.id === personId)) throw validation({ personId: 'Select a person from the list' })
  }
  await deps.db.transaction(async (tx) => {
    await repo.updateUser(userId, { personId }, tx)
    await rolesChanged(repo, actor, userId, personId ? 'user.person_linked' : 'user.person_unlinked', { personId }, soleOf(target), tx)
  })
}

/** The single sign-on identities linked to an account the actor may see. */
export async function identitiesOfAccount(deps: AdminDeps, actor: CurrentUser, userId: string) {
  await loadVisibleAccount(deps, actor, userId)
  return deps.repo.identitiesOf(userId)
}

/**
 * Unlinks a single sign-on identity (audited): the person can then link another by signing in with a verified
 * email again, e.g. after their directory account was recreated with a new subject. Their sessions stay.
 */
export async function unlinkIdentity(deps: AdminDeps, actor: CurrentUser, userId: string, identity: { issuer: string; subject: string }): Promise<void> {
  assertCanManageAccount(actor, (await loadVisibleAccount(deps, actor, userId)).target)
  await deps.db.transaction(async (tx) => {
    if (!(await deps.repo.deleteIdentity(userId, identity.issuer, identity.subject, tx))) throw notFound('Single sign-on link')
    await recordAudit(tx, { userId: actor.id }, { event: 'user.sso_unlinked', subjectType: 'user', subjectId: userId, data: identity })
  })
}

/**
 * The first admin (or another one), from the command line: an account with no password and a link, valid for
 * 24 hours, to set it. Nothing secret passes on the command line; the link is printed once and only its hash kept.
 */
export async function createAdmin(deps: AdminDeps, input: { email: string; displayName: string }): Promise<{ url: string; expiresAt: Date }> {
  const { db, repo } = deps
  return db.transaction(async (tx) => {
    if (await repo.findUserByEmail(input.email, tx)) throw validation({ email: `An account for ${input.email} already exists` })
    const user = await repo.insertUser({ email: input.email.trim(), displayName: input.displayName.trim(), passwordHash: null, isAdmin: true }, tx)
    await recordAudit(tx, { system: 'cli' }, { event: 'user.created', subjectType: 'user', subjectId: user.id, data: { admin: true } })
    const link = await issueAccountLink(repo, deps.publicUrl, user.id, 'set_password', LINK_LIFETIME_MS.firstAdmin, tx)
    return { url: link.url, expiresAt: link.expiresAt }
  })
}
