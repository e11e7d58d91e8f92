import { structurePaths } from '../structure/structure.paths.ts'
import { BODY_KEYS, MEMBERSHIP_KEYS, ORGANISATION_KEYS, PARTNERSHIP_KEYS, PERSON_KEYS, type ApiRepository } from './api.repository.ts'
import { BodiesQuerySchema, MembershipsQuerySchema, PageQuerySchema } from './api.schemas.ts'
import { iso, listing } from './paging.ts'

/** The API's lists of the structure: partnerships, organisations, bodies, people with seats, memberships. */
export function structureLists(repo: ApiRepository, abs: (path: string) => string) {
  return {
    listPartnerships: listing({
      query: PageQuerySchema,
      keys: PARTNERSHIP_KEYS,
      find: (_q, page) => repo.findPartnerships(page),
      key: (r) => [r.name, r.id],
      present: (r) => ({ ...r, url: abs(structurePaths.public.partnership(r.slug)), updatedAt: iso(r.updatedAt) }),
    }),

    listOrganisations: listing({
      query: PageQuerySchema,
      keys: ORGANISATION_KEYS,
      find: (_q, page) => repo.findOrganisations(page),
      key: (r) => [r.name, r.id],
      present: (r) => ({ ...r, updatedAt: iso(r.updatedAt) }),
    }),

    listBodies: listing({
      query: BodiesQuerySchema,
      keys: BODY_KEYS,
      find: (q, page) => repo.findBodies({ partnershipId: q.partnership }, page),
      key: (r) => [r.name, r.id],
      present: (r) => ({ ...r, url: abs(structurePaths.public.body(r.slug)), updatedAt: iso(r.updatedAt) }),
    }),

    /** Names and public job titles only, never contact details (the repository selects nothing else). */
    listPeople: listing({
      query: PageQuerySchema,
      keys: PERSON_KEYS,
      find: (_q, page) => repo.findPeople(page),
      key: (r) => [r.fullName, r.id],
      present: (r) => r,
    }),

    listMemberships: listing({
      query: MembershipsQuerySchema,
      keys: MEMBERSHIP_KEYS,
      find: (q, page) => repo.findMemberships({ bodyId: q.body, personId: q.person }, page),
      key: (r) => [r.id],
      present: ({ personId, personHonorific, personName, ...r }) => ({
        id: r.id,
        person: { id: personId, honorific: personHonorific, fullName: personName },
        bodyId: r.bodyId,
        role: r.role,
        onBehalfOfOrganisationId: r.onBehalfOfOrganisationId,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        deputyForMembershipId: r.deputyForMembershipId,
      }),
    }),
  }
}
