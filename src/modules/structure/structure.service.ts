import type { Db } from '../../platform/db/client.ts'
import type { Paged } from '../../platform/db/paging.ts'
import type { StructureRepository } from './structure.repository.ts'
import { bodyUseCases } from './bodies.ts'
import { membershipUseCases } from './memberships.ts'
import { organisationUseCases } from './organisations.ts'
import { partnerUseCases } from './partners.ts'
import { partnershipUseCases } from './partnerships.ts'
import { peopleUseCases } from './people.ts'

export type {
  BodyInPartnership,
  BodyRow,
  BodyWithPartnership,
  MembershipRow,
  MembershipView,
  OrganisationRow,
  Option,
  PartnerView,
  PartnershipRow,
  PartnershipSummary,
  PersonListRow,
  PersonOption,
  PersonRow,
} from './structure.repository.ts'
export type { Paged }
export type { StructureActor, StructureEditor } from './structure.support.ts'
export { ORGANISATIONS_PER_PAGE } from './organisations.ts'
export { PEOPLE_PER_PAGE } from './people.ts'
export { PARTNERS_CHANGED } from './partners.ts'

/**
 * A meeting as a body's pages list it. The meetings module owns meetings and this query
 * (meetings/body-meetings.ts); structure knows only this shape, and the composition root passes the query in.
 */
export type MeetingListRow = { id: string; date: string; startTime: string; status: string }
export type MeetingsOfBody = (
  bodyId: string,
  range: { fromDate?: string; beforeDate?: string },
  page?: number,
  perPage?: number,
) => Promise<Paged<MeetingListRow>>

const notWired: MeetingsOfBody = () => Promise.reject(new Error('structureService: meetingsOfBody was not passed in'))

/**
 * Organisations, people, partnerships (and their partners), bodies and memberships: one file of use cases each;
 * this factory only assembles them.
 */
export function structureService(db: Db, repo: StructureRepository, opts: { meetingsOfBody?: MeetingsOfBody } = {}) {
  const deps = { db, repo }
  return {
    ...organisationUseCases(deps),
    ...peopleUseCases(deps),
    ...partnershipUseCases(deps),
    ...partnerUseCases(deps),
    ...bodyUseCases(deps),
    ...membershipUseCases(deps),
    /**
     * A page of a body's meetings: upcoming (from a date), past (before a date) or all.
     * @deprecated Kept for callers that still reach it through structure (the public body page, actions'
     * meeting options); use `services.bodyMeetings.meetingsOfBody`, which this only forwards to.
     */
    meetingsOfBody: opts.meetingsOfBody ?? notWired,
  }
}
export type StructureService = ReturnType<typeof structureService>
