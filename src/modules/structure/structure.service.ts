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
export type { NotePeopleUse, PeopleScope } from './structure.types.ts'
export type { StructureActor, StructureEditor } from './structure.support.ts'
export { ORGANISATIONS_PER_PAGE } from './organisations.ts'
export { PEOPLE_PER_PAGE } from './people.ts'
export { PARTNERS_CHANGED } from './partners.ts'

/**
 * Organisations, people, partnerships (and their partners), bodies and memberships: one file of use cases each;
 * this factory only assembles them.
 */
export function structureService(db: Db, repo: StructureRepository) {
  const deps = { db, repo }
  return {
    ...organisationUseCases(deps),
    ...peopleUseCases(deps),
    ...partnershipUseCases(deps),
    ...partnerUseCases(deps),
    ...bodyUseCases(deps),
    ...membershipUseCases(deps),
  }
}
export type StructureService = ReturnType<typeof structureService>
