/**
 * The declared read surface of this module (ADR 0002): the rows other modules may read and join, for read models
 * (search, API, open data, feeds, packs) and for reading what they link to. Reading only: a module writes only
 * its own tables (eslint local/no-foreign-writes); to change these records, call this module's service.
 */
import { organisations, people } from './structure.tables.ts'
export { organisations, partnerships, partnershipOrganisations, bodies, people, memberships, closureDays, personPartnerships } from './structure.tables.ts'
export type { OrganisationType, BodyKind, Regime, NumberingScheme, BankHolidayRegion, MembershipRole } from './structure.tables.ts'
export { ORGANISATION_TYPES, BODY_KINDS, REGIMES, MEMBERSHIP_ROLES } from './structure.tables.ts'

/** A person as the public record shows them (members, attendees): name, honorific and job title, never contact details. */
export const publicPersonColumns = { id: people.id, fullName: people.fullName, honorific: people.honorific, jobTitle: people.jobTitle }

/** An organisation as the public record shows it (open data, API): its names, type and website. */
export const publicOrganisationColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  shortName: organisations.shortName,
  type: organisations.type,
  website: organisations.website,
}

