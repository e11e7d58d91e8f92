import { forbidden } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { PartnershipRole } from './accounts.tables.ts'

/**
 * Who may manage whose account. Admins: everyone. A secretariat: people with a role in its own partnerships,
 * roles only within those partnerships, and never more than it holds (a secretariat never makes an admin).
 */
export type Grant = { partnershipId: string; role: PartnershipRole | 'data_provider'; organisationId?: string }
export type TargetAccount = { id: string; isAdmin: boolean; partnershipIds: string[] }

/** The partnerships whose people this user manages: undefined for an admin (all of them). */
export function managedPartnershipIds(actor: CurrentUser): string[] | undefined {
  return actor.isAdmin ? undefined : actor.secretariatOf
}

export function canManagePeople(actor: CurrentUser | null): actor is CurrentUser {
  return !!actor && (actor.isAdmin || actor.secretariatOf.length > 0)
}

export function assertCanManagePeople(actor: CurrentUser): void {
  if (!canManagePeople(actor)) throw forbidden('Only an admin or a partnership’s secretariat can manage people’s accounts')
}

/** Sees the account: an admin; a secretariat when the account holds a role in one of its partnerships. */
export function canSeeAccount(actor: CurrentUser, target: TargetAccount): boolean {
  if (actor.isAdmin || actor.id === target.id) return true
  return target.partnershipIds.some((p) => actor.secretariatOf.includes(p))
}

/** Grants or removes a role: an admin anywhere; a secretariat only in its own partnerships. */
export function assertCanGrant(actor: CurrentUser, grant: Grant): void {
  if (actor.isAdmin) return
  if (!actor.secretariatOf.includes(grant.partnershipId)) throw forbidden('You can only give roles in your own partnerships')
}

/** Making someone an admin (or taking it away): only an admin. */
export function assertCanGrantAdmin(actor: CurrentUser): void {
  if (!actor.isAdmin) throw forbidden('Only an admin can make someone an admin')
}

/**
 * Disables, re-enables or links an account to a person: an admin (never their own account); a secretariat only
 * when every role the account holds is in the secretariat's own partnerships, and it is no admin's.
 */
export function assertCanManageAccount(actor: CurrentUser, target: TargetAccount): void {
  if (actor.id === target.id) throw forbidden('You cannot do this to your own account')
  if (actor.isAdmin) return
  const own = target.partnershipIds.length > 0 && target.partnershipIds.every((p) => actor.secretariatOf.includes(p))
  if (target.isAdmin || !own) throw forbidden('This account also works for other partnerships: ask an admin')
}

/** Service-wide security settings (requiring two-factor sign-in): only an admin. */
export function assertCanManageSecurity(actor: CurrentUser): void {
  if (!actor.isAdmin) throw forbidden('Only an admin can change the security settings')
}

/** Resets someone's two-factor sign-in (lost phone and recovery codes): only an admin, never for their own account. */
export function assertCanResetTwoFactor(actor: CurrentUser, targetUserId: string): void {
  if (!actor.isAdmin) throw forbidden('Only an admin can reset someone’s two-factor authentication')
  if (actor.id === targetUserId) throw forbidden('Turn off your own two-factor authentication from your account page')
}
