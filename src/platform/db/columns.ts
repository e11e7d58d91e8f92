import { and, eq, sql, type SQL } from 'drizzle-orm'
import { customType, integer, timestamp, uuid, type AnyPgColumn, type PgColumn, type PgTable } from 'drizzle-orm/pg-core'
import type { Db } from './client.ts'

/** created_at and updated_at, set by the database. */
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * A required foreign key: a uuid that must point at a row of another table, and what becomes of this row when that
 * one goes (cascade: it goes too; restrict: that one cannot go while this points at it).
 */
export const requiredRef = (name: string, target: () => AnyPgColumn, onDelete: 'cascade' | 'restrict' = 'cascade') =>
  uuid(name).notNull().references(target, { onDelete })

/** Optimistic concurrency: every update checks and bumps it. */
export const versionColumn = () => ({ version: integer('version').notNull().default(1) })

/** A CHECK that a text column holds one of a fixed list of values (the list is code, never user input). */
export const inList = (column: string, values: readonly string[]): SQL =>
  sql.raw(`${column} in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`)

/** A table with an id and a version; its updated_at, when it has one, is set too. */
type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt?: PgColumn }

/**
 * Optimistic concurrency in one place: change the row only while its version is still `version`,
 * bumping it. Undefined means someone else saved first (or the row is gone): the caller says "conflict".
 */
export async function updateIfVersion<T extends VersionedTable>(
  tx: Db,
  table: T,
  id: string,
  version: number,
  values: Partial<T['$inferInsert']>,
): Promise<T['$inferSelect'] | undefined> {
  const rows = (await tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, ...(table.updatedAt ? { updatedAt: new Date() } : {}) })
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()) as T['$inferSelect'][]
  return rows[0]
}

/** PostgreSQL full-text search vector (read-only: always a generated column). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * A stored generated search vector: weighted parts, English configuration. Each part is cut to
 * `SEARCH_TEXT_LIMIT` characters so a very long paper cannot exceed the 1 MB tsvector limit.
 */
export const SEARCH_TEXT_LIMIT = 300_000
export const searchVector = (parts: { column: string; weight: 'A' | 'B' | 'C' | 'D' }[]) =>
  tsvector('search_vector').generatedAlwaysAs(
    sql.raw(
      parts
        .map(
          (p) =>
            `setweight(to_tsvector('english'::regconfig, left(coalesce(${p.column}, ''), ${SEARCH_TEXT_LIMIT})), '${p.weight}')`,
        )
        .join(' || '),
    ),
  )
