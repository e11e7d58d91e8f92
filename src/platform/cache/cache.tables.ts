import { bigint, check, integer, pgTable, timestamp } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'

/**
 * One row: a counter that database triggers bump on any change to a table the public record is drawn
 * from (see the migration 0002). Every app instance compares it with the version its render cache was
 * filled at, so a change through one instance is seen by all of them at once.
 */
export const publicRecordVersion = pgTable(
  'public_record_version',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('public_record_version_single_row', sql`id = 1`)],
)
