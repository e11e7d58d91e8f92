/**
 * The declared read surface of this module (ADR 0002): the rows other modules may read and join, for read models
 * (search, API, open data, feeds, packs) and for reading what they link to. Reading only: a module writes only
 * its own tables (eslint local/no-foreign-writes); to change these records, call this module's service.
 */
export { organisations, partnerships, partnershipOrganisations, bodies, people, memberships, closureDays } from './structure.tables.ts'
export type { OrganisationType, BodyKind, Regime, NumberingScheme, BankHolidayRegion, MembershipRole } from './structure.tables.ts'
export { ORGANISATION_TYPES, BODY_KINDS, REGIMES, MEMBERSHIP_ROLES } from './structure.tables.ts'
