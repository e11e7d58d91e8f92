import { bigserial, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { people } from '../structure/structure.tables.ts'
import { requiredRef } from '../../platform/db/columns.ts'

/** A personal, expiring, single-use link for an owner without an account. Only the hash is kept. */
export const ownerAccessTokens = pgTable(
  'owner_access_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: requiredRef('person_id', () => people.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('owner_access_tokens_hash_idx').on(t.tokenHash), index('owner_access_tokens_person_idx').on(t.personId)],
)

/**
 * One row per email sent by a scheduled job: the unique key makes a second run on the same day (or a
 * second instance) skip what was already sent.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'owner_digest' (daily) or 'body_summary' (weekly). */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    /** The day ('2026-11-23') or ISO week ('2026-W48') it covers. */
    period: text('period').notNull(),
    /** The body for a weekly summary; the person for a digest (two people may share an address). */
    scope: text('scope').notNull().default(''),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminder_deliveries_unique_idx').on(t.kind, t.recipient, t.period, t.scope)],
)
