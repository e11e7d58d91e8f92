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

/** Staff: anyone who may use the management area at all. */
export function isStaff(user: CurrentUser | null): boolean {
  return !!user && (user.isAdmin || user.secretariatOf.length > 0)
}

/**
 * The partnerships a user works in as staff: null (all) for an admin, else those whose secretariat they are. Also
 * the partnerships whose people they may see and choose (issue 10: a person is seen only where used).
 */
export function managedPartnershipIds(user: Pick<CurrentUser, 'isAdmin' | 'secretariatOf'>): string[] | null {
  return user.isAdmin ? null : user.secretariatOf
}
