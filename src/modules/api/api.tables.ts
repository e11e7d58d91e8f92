import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { partnerships } from '../structure/structure.tables.ts'
import { users } from '../accounts/accounts.tables.ts'
import { requiredRef } from '../../platform/db/columns.ts'

/**
 * API tokens for staff writes through /api/v1, scoped to one partnership. Only a sha256 of the secret is
 * kept; the secret is shown once at creation. A revoked token stays listed (who revoked it, when).
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the secret, to tell tokens apart in the list. */
    tokenPrefix: text('token_prefix').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByUserId: uuid('revoked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), index('api_tokens_partnership_idx').on(t.partnershipId, t.createdAt)],
)
