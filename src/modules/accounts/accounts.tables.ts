import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { organisations, partnerships, people } from '../structure/structure.tables.ts'
import { requiredRef } from '../../platform/db/columns.ts'

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** scrypt$N$r$p$salt$hash; null until an invited user sets a password from their link. */
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    /** Demo accounts exist only in demo mode; production refuses to start while any exist. */
    isDemo: boolean('is_demo').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    /** The person record of a member, so their seats give them member access. */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email_idx').on(sql`lower(${t.email})`), index('users_person_idx').on(t.personId)],
)

/** The user a row belongs to: it goes when the user goes. */
const userRef = () => requiredRef('user_id', () => users.id)
/** The partnership a role is held in: it goes when the partnership goes. */
const partnershipRef = () => requiredRef('partnership_id', () => partnerships.id)

/**
 * Roles a user holds in one partnership: its secretariat (manages it), or a read-only officer (sees its private
 * but never its exempt content). Data providers are per organisation (userDataProviderRoles); members come from
 * seats, through the user's person record.
 */
export const PARTNERSHIP_ROLES = ['secretariat', 'read_only'] as const
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number]

export const userPartnershipRoles = pgTable(
  'user_partnership_roles',
  {
    userId: userRef(),
    partnershipId: partnershipRef(),
    role: text('role').$type<PartnershipRole>().notNull().default('secretariat'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.partnershipId, t.role] }),
    index('user_partnership_roles_partnership_idx').on(t.partnershipId),
    check('user_partnership_roles_role_check', sql`role in ('secretariat', 'read_only')`),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token: a database leak does not hand out live sessions. */
    idHash: text('id_hash').primaryKey(),
    userId: userRef(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the user's roles change: the next page load swaps the session id for a new one. */
    mustRotate: boolean('must_rotate').notNull().default(false),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

/** A data provider: supplies figures for one organisation within one partnership (used by the indicators work). */
export const userDataProviderRoles = pgTable(
  'user_data_provider_roles',
  {
    userId: userRef(),
    partnershipId: partnershipRef(),
    organisationId: requiredRef('organisation_id', () => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.partnershipId, t.organisationId] }),
    index('user_data_provider_roles_partnership_idx').on(t.partnershipId),
  ],
)

export const ACCOUNT_TOKEN_PURPOSES = ['set_password', 'reset_password'] as const
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number]

/**
 * Single-use, expiring links to set a password (first admin, invitation) or reset it. Only the SHA-256 of the
 * token is stored: a database leak does not hand out live links.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    idHash: text('id_hash').primaryKey(),
    userId: userRef(),
    purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('account_tokens_user_idx').on(t.userId),
    check('account_tokens_purpose_check', sql`purpose in ('set_password', 'reset_password')`),
  ],
)
