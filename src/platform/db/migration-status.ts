import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { MIGRATIONS_FOLDER, type Database } from './client.ts'

type JournalEntry = { idx: number; when: number; tag: string }

/** The migrations this version of the app ships: migrations/meta/_journal.json, oldest first. */
export function shippedMigrations(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }
  return [...journal.entries].sort((a, b) => a.when - b.when)
}

export type MigrationStatus = {
  /** Migrations this version ships. */
  expected: number
  /** Rows in drizzle.__drizzle_migrations. */
  applied: number
  /** Shipped migrations the database has not applied yet (tags), oldest first. */
  pending: string[]
  /** Applied migrations newer than any this version ships: the database was migrated by a later version. */
  unknown: number
  current: boolean
}

/**
 * Compares the migrations applied to the database (drizzle's journal table, whose created_at is the journal entry's
 * `when`) with the files shipped in migrations/: drizzle applies every shipped migration newer than the last
 * applied one, so those are pending.
 */
export async function migrationStatus(database: Database, folder = MIGRATIONS_FOLDER): Promise<MigrationStatus> {
  const shipped = shippedMigrations(folder)
  let appliedAt: number[] = []
  try {
    const result = await database.db.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at`)
    appliedAt = (result as { rows: Array<{ created_at: string | number }> }).rows.map((r) => Number(r.created_at))
  } catch (err) {
    // 42P01 / 3F000: no journal table or schema yet: nothing applied.
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code
    if (code !== '42P01' && code !== '3F000') throw err
  }
  const last = appliedAt.length ? Math.max(...appliedAt) : -Infinity
  const newestShipped = shipped.length ? shipped[shipped.length - 1]!.when : -Infinity
  const pending = shipped.filter((m) => m.when > last).map((m) => m.tag)
  const unknown = appliedAt.filter((when) => when > newestShipped).length
  return { expected: shipped.length, applied: appliedAt.length, pending, unknown, current: pending.length === 0 && unknown === 0 }
}
