import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
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
    /** The TOTP shared secret (sealed with the session secret, see two-factor code); null until 2FA is set up. */
    totpSecret: text('totp_secret'),
    /** When the user confirmed a first TOTP code: from then on sign-in asks for a second factor. */
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last TOTP time step (30-second counter) accepted: a code is never accepted twice (replay). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
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
    /** How the session began, for "your sessions": password, password+totp, passkey, sso ... */
    method: text('method').notNull().default('password'),
    /** The browser (User-Agent, cut to 200 characters) and client address it began from, for "your sessions". */
    userAgent: text('user_agent'),
    client: text('client'),
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

/** One-time recovery codes for two-factor sign-in; only a hash is kept, and a used code is spent. */
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    userId: userRef(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
)

/** WebAuthn credentials (passkeys) a user registered as a second factor or to sign in. */
export const userPasskeys = pgTable(
  'user_passkeys',
  {
    /** The credential id, base64url. */
    id: text('id').primaryKey(),
    userId: userRef(),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports'),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('user_passkeys_user_idx').on(t.userId)],
)

/** A single sign-on identity (OpenID Connect issuer + subject) linked to an invited account. */
export const userIdentities = pgTable(
  'user_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: userRef(),
    /** The verified email the provider gave when the identity was linked. */
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('user_identities_user_idx').on(t.userId)],
)

/**
 * A password accepted, a second factor still owed: never a session. Only a hash of the cookie token is stored;
 * it expires within minutes and counts wrong codes.
 */
export const secondFactorChallenges = pgTable(
  'second_factor_challenges',
  {
    idHash: text('id_hash').primaryKey(),
    userId: userRef(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
  },
  (t) => [index('second_factor_challenges_user_idx').on(t.userId)],
)

/** Service-wide security settings an admin changes: one row (id = 1). */
export const securitySettings = pgTable(
  'security_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Admins and secretariats must set up two-factor sign-in before they can use the service. */
    requireTwoFactorForStaff: boolean('require_two_factor_for_staff').notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('security_settings_single_row', sql`id = 1`)],
)
