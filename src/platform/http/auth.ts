import type { Context } from 'hono'
import { AppError } from './errors.ts'
import type { AppEnv, CurrentUser } from './types.ts'

/** The signed-in user, or a 401 (pages redirect to sign in). */
export function requireUser(c: Context<AppEnv>): CurrentUser {
  const user = c.var.user
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue')
  return user
}

export function canManagePartnership(user: CurrentUser | null, partnershipId: string): boolean {
  return !!user && (user.isAdmin || user.secretariatOf.includes(partnershipId))
}

export function assertCanManagePartnership(user: CurrentUser, partnershipId: string): void {
  if (!canManagePartnership(user, partnershipId)) {
    throw new AppError('FORBIDDEN', 'You do not have permission to manage this partnership')
  }
}

/** Staff: anyone who may manage something (an admin, or a partnership's secretariat). */
export function isStaff(user: CurrentUser | null): boolean {
  return !!user && (user.isAdmin || user.secretariatOf.length > 0)
}

/**
 * May open the partnership's staff pages and see its private records (meetings before publication, drafts, the
 * action log), never its exempt content: a read-only officer of it. Everyone who may manage it may view it too.
 * Viewing never grants a change: every change still asks canManagePartnership.
 */
export function canViewPartnership(user: CurrentUser | null, partnershipId: string): boolean {
  return canManagePartnership(user, partnershipId) || !!user?.readOnlyOf?.includes(partnershipId)
}

export function assertCanViewPartnership(user: CurrentUser, partnershipId: string): void {
  if (!canViewPartnership(user, partnershipId)) {
    throw new AppError('FORBIDDEN', 'You do not have permission to see this partnership’s records')
  }
}

/** The partnerships whose staff pages the user may open: null (all) for an admin. */
export function viewablePartnershipIds(user: CurrentUser): string[] | null {
  return user.isAdmin ? null : [...new Set([...user.secretariatOf, ...(user.readOnlyOf ?? [])])]
}

/** Anyone with a place in the management area: staff, and read-only officers. */
export function mayUseManagement(user: CurrentUser | null): boolean {
  return isStaff(user) || (user?.readOnlyOf?.length ?? 0) > 0
}

/**
 * The partnerships a user works in as staff: null (all) for an admin, else those whose secretariat they are. Also
 * the partnerships whose people they may see and choose (issue 10: a person is seen only where used).
 */
export function managedPartnershipIds(user: Pick<CurrentUser, 'isAdmin' | 'secretariatOf'>): string[] | null {
  return user.isAdmin ? null : user.secretariatOf
}
