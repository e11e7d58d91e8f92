import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { inList, searchVector, timestamps, versionColumn, requiredRef } from '../../platform/db/columns.ts'

export const ORGANISATION_TYPES = [
  'council',
  'nhs',
  'police',
  'fire',
  'dwp',
  'education',
  'voluntary_sector',
  'other',
] as const
export type OrganisationType = (typeof ORGANISATION_TYPES)[number]

export const BODY_KINDS = ['board', 'executive', 'implementation_group', 'thematic_partnership', 'working_group'] as const
export type BodyKind = (typeof BODY_KINDS)[number]

export const REGIMES = ['statutory_committee', 'executive', 'hwb', 'csp', 'informal'] as const
export type Regime = (typeof REGIMES)[number]

/** How a body numbers its agenda items: see src/shared/agenda-numbering.ts. */
export const NUMBERING_SCHEMES = ['per_meeting', 'continuing', 'year_sequence'] as const
export type NumberingScheme = (typeof NUMBERING_SCHEMES)[number]

export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number]

export const MEMBERSHIP_ROLES = ['chair', 'vice_chair', 'member', 'deputy', 'secretariat', 'observer'] as const
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number]



export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').$type<OrganisationType>().notNull(),
    website: text('website'),
    /** Public search (the names only). */
    searchVector: searchVector([
      { column: 'name', weight: 'A' },
      { column: 'short_name', weight: 'A' },
    ]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('organisations_slug_idx').on(t.slug),
    index('organisations_search_idx').using('gin', t.searchVector),
    index('organisations_name_idx').on(t.name),
    check('organisations_type_check', inList('type', ORGANISATION_TYPES)),
  ],
)

export const partnerships = pgTable(
  'partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    parentPartnershipId: uuid('parent_partnership_id').references((): AnyPgColumn => partnerships.id, {
      onDelete: 'set null',
    }),
    summary: text('summary'),
    purpose: text('purpose'),
    vision: text('vision'),
    /** Public search: the name, then what the partnership page says of it. */
    searchVector: searchVector([
      { column: 'name', weight: 'A' },
      { column: 'summary', weight: 'B' },
      { column: 'purpose', weight: 'C' },
      { column: 'vision', weight: 'C' },
    ]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('partnerships_slug_idx').on(t.slug),
    index('partnerships_parent_idx').on(t.parentPartnershipId),
    index('partnerships_search_idx').using('gin', t.searchVector),
  ],
)

export const partnershipOrganisations = pgTable(
  'partnership_organisations',
  {
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    organisationId: requiredRef('organisation_id', () => organisations.id, 'restrict'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.organisationId] }),
    index('partnership_organisations_org_idx').on(t.organisationId),
  ],
)

export const bodies = pgTable(
  'bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id, 'restrict'),
    name: text('name').notNull(),
    kind: text('kind').$type<BodyKind>().notNull(),
    regime: text('regime').$type<Regime>().notNull().default('informal'),
    termsOfReference: text('terms_of_reference'),
    quorum: integer('quorum'),
    meetingFrequency: text('meeting_frequency'),
    accountableToBodyId: uuid('accountable_to_body_id').references((): AnyPgColumn => bodies.id, {
      onDelete: 'set null',
    }),
    numberingScheme: text('numbering_scheme').$type<NumberingScheme>().notNull().default('per_meeting'),
    /** The number the next meeting's first item takes under a continuing scheme. */
    nextItemNumber: integer('next_item_number').notNull().default(1),
    noticeClearDays: integer('notice_clear_days').notNull().default(5),
    region: text('region').$type<BankHolidayRegion>().notNull().default('england-and-wales'),
    /** Public search: the name and the terms of reference (both on the body page). */
    searchVector: searchVector([
      { column: 'name', weight: 'A' },
      { column: 'terms_of_reference', weight: 'C' },
    ]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('bodies_slug_idx').on(t.slug),
    index('bodies_search_idx').using('gin', t.searchVector),
    index('bodies_partnership_idx').on(t.partnershipId),
    index('bodies_accountable_to_idx').on(t.accountableToBodyId),
    check('bodies_kind_check', inList('kind', BODY_KINDS)),
    check('bodies_regime_check', inList('regime', REGIMES)),
    check('bodies_numbering_check', inList('numbering_scheme', NUMBERING_SCHEMES)),
    check('bodies_region_check', inList('region', BANK_HOLIDAY_REGIONS)),
    check('bodies_quorum_check', sql`quorum is null or quorum > 0`),
    check('bodies_notice_check', sql`notice_clear_days >= 0 and notice_clear_days <= 60`),
  ],
)

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** e.g. "Cllr", "Dr", "CI" */
    honorific: text('honorific'),
    fullName: text('full_name').notNull(),
    /** Public job title, e.g. "Chief Executive". Officers are named by role in public records. */
    jobTitle: text('job_title'),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** Contact details are never shown publicly. */
    email: text('email'),
    phone: text('phone'),
    /** The person asked not to get action reminder emails. */
    remindersOptOut: boolean('reminders_opt_out').notNull().default(false),
    /**
     * Public search over what the public record prints of a person (name and public job title), never their
     * contact details; search shows only people with a seat on a body (their public role).
     */
    searchVector: searchVector([
      { column: 'full_name', weight: 'A' },
      { column: 'job_title', weight: 'B' },
    ]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index('people_name_idx').on(t.fullName),
    index('people_organisation_idx').on(t.organisationId),
    index('people_search_idx').using('gin', t.searchVector),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: requiredRef('body_id', () => bodies.id),
    personId: requiredRef('person_id', () => people.id, 'restrict'),
    role: text('role').$type<MembershipRole>().notNull(),
    onBehalfOfOrganisationId: uuid('on_behalf_of_organisation_id').references(() => organisations.id, {
      onDelete: 'set null',
    }),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    /** For a deputy: the membership of the member they stand in for. */
    deputyForMembershipId: uuid('deputy_for_membership_id').references((): AnyPgColumn => memberships.id, {
      onDelete: 'set null',
    }),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index('memberships_body_idx').on(t.bodyId),
    index('memberships_person_idx').on(t.personId),
    check('memberships_role_check', inList('role', MEMBERSHIP_ROLES)),
    check('memberships_dates_check', sql`ends_on is null or starts_on is null or ends_on >= starts_on`),
  ],
)

/**
 * The partnerships that use a person record: the one that created it, and every one that seats, minutes or gives
 * an action to that person. Only these see the person's contact details or may edit the record (issue 10, defect 1:
 * the people register is personal data). Higher modules add a row through structure's write port when they first
 * refer to a person.
 */
export const personPartnerships = pgTable(
  'person_partnerships',
  {
    personId: requiredRef('person_id', () => people.id),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.partnershipId] }), index('person_partnerships_partnership_idx').on(t.partnershipId)],
)

/** Local closure days (CONFIG), e.g. 24 December, that do not count as clear working days. */
export const closureDays = pgTable(
  'closure_days',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('closure_days_unique_idx').on(t.partnershipId, t.date)],
)
