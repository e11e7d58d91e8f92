import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Scheduled job runs. A run of job `name` for a period ('2026-11-23', '2026-W48') is claimed by inserting
 * its row: the primary key lets exactly one instance win, across restarts and several app instances on one
 * PostgreSQL. A claim never finished within the lease is taken over (row lock, SKIP LOCKED).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    name: text('name').notNull(),
    period: text('period').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.name, t.period] })],
)
