import { sql, type SQL } from 'drizzle-orm'
import { integer, timestamp } from 'drizzle-orm/pg-core'

/** created_at and updated_at, set by the database. */
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Optimistic concurrency: every update checks and bumps it. */
export const versionColumn = () => ({ version: integer('version').notNull().default(1) })

/** A CHECK that a text column holds one of a fixed list of values (the list is code, never user input). */
export const inList = (column: string, values: readonly string[]): SQL =>
  sql.raw(`${column} in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`)
