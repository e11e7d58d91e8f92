import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { lockDataDir } from './lock.ts'

/** Any Drizzle database or transaction handle: repositories take this. */
export type Db = PgDatabase<PgQueryResultHKT>

export type Database = {
  db: Db
  kind: 'pglite' | 'postgres'
  /** Raw SQL for maintenance (VACUUM, LISTEN) and tests. */
  exec: (text: string) => Promise<void>
  close: () => Promise<void>
  /** The PGlite instance when embedded (tests dump it as a template). */
  pglite?: PGlite
  pool?: pg.Pool
}

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations')

export type OpenOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; purpose?: string }
  | { kind: 'postgres'; url: string; max?: number }

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 10 })
    // Return dates and timestamps as strings we control, not as JS Dates in the server's zone.
    pool.on('error', () => {
      /* an idle client died (server restart): the pool replaces it */
    })
    const db = drizzlePg(pool) as unknown as Db
    return {
      db,
      kind: 'postgres',
      pool,
      exec: async (text) => {
        await pool.query(text)
      },
      close: () => pool.end(),
    }
  }
  const release = opts.dataDir ? lockDataDir(opts.dataDir, opts.purpose ?? 'joined-up') : () => {}
  try {
    const client = new PGlite({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    })
    await client.waitReady
    const db = drizzlePglite(client) as unknown as Db
    return {
      db,
      kind: 'pglite',
      pglite: client,
      exec: async (text) => {
        await client.exec(text)
      },
      close: async () => {
        try {
          if (!client.closed) await client.close()
        } finally {
          release()
        }
      },
    }
  } catch (err) {
    release()
    throw err
  }
}

/**
 * Applies the committed SQL migrations. On PostgreSQL an advisory lock serialises several instances. (A restore
 * passes a folder holding the migrations its backup was taken at: see backup.ts.)
 */
export async function migrateDatabase(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(drizzlePglite(database.pglite!), { migrationsFolder })
    return
  }
  const pool = database.pool!
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock(748201)')
    await migratePg(drizzlePg(client), { migrationsFolder })
  } finally {
    await client.query('SELECT pg_advisory_unlock(748201)').catch(() => {})
    client.release()
  }
}

export async function vacuum(database: Database): Promise<void> {
  await database.db.execute(sql`VACUUM (ANALYZE)`)
}
