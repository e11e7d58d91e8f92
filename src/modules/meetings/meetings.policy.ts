import { assertCanManagePartnership, canManagePartnership, canViewPartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'

/** Who may do what with meetings, agendas and papers. */
type BodyRef = { id: string; partnershipId: string }

/** Scheduling, agendas, papers and publication: admin or the secretariat of the body's partnership. */
export function assertCanManageBody(user: CurrentUser, body: BodyRef): void {
  assertCanManagePartnership(user, body.partnershipId)
}

export function canManageBody(user: CurrentUser | null, body: BodyRef): boolean {
  return canManagePartnership(user, body.partnershipId)
}

/**
 * Withheld papers (exempt, on an exempt item, or of an unpublished agenda): the partnership's staff and
 * the body's members may download them; the public may not.
 */
export function canSeeWithheldPapers(user: CurrentUser | null, body: BodyRef): boolean {
  return canManageBody(user, body) || (!!user && user.memberOf.includes(body.id))
}

/** Papers of an agenda not yet published, never exempt ones: a read-only officer of the partnership (issue 10). */
export function canSeeUnpublishedPapers(user: CurrentUser | null, body: BodyRef): boolean {
  return canViewPartnership(user, body.partnershipId)
}
