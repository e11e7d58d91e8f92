import fs from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../../src/platform/db/client.ts'
import { PGLITE_TEMPLATE, PG_TEMPLATE_DB } from './global-setup.ts'

export const testDbKind: 'pglite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite'

/**
 * A fresh, migrated database for one test file: PGlite loaded from the run's template, or a new
 * PostgreSQL database copied from the template database. Close it in afterAll.
 */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!
    const name = `ju_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`)
    await admin.end()
    const dbUrl = new URL(url)
    dbUrl.pathname = `/${name}`
    const database = await openDatabase({ kind: 'postgres', url: dbUrl.toString(), max: 4 })
    const close = database.close
    return {
      ...database,
      close: async () => {
        await close()
        const drop = new pg.Client({ connectionString: url })
        await drop.connect()
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await drop.end()
      },
    }
  }
  return pooledPglite()
}

/**
 * PGlite, one kept per test worker: test files run one after another in a worker (vitest's isolate: false), so a
 * file's database is handed to the next file emptied (TRUNCATE ... RESTART IDENTITY, a few ms) instead of being
 * loaded again from the template (about a second of CPU each). A second database open at once (tests of two
 * instances) is a fresh one, closed for real.
 */
let spare: Database | null = null

async function pooledPglite(): Promise<Database> {
  let database = spare
  spare = null
  if (database && !database.pglite!.closed) {
    try {
      await resetDatabase(database)
    } catch {
      await database.close().catch(() => {})
      database = null
    }
  } else database = null
  database ??= await openDatabase({ kind: 'pglite', loadDataDir: new Blob([fs.readFileSync(PGLITE_TEMPLATE)]) })
  const kept = database
  let closed = false
  return {
    ...kept,
    close: async () => {
      if (closed) return
      closed = true
      if (spare === null && !kept.pglite!.closed) spare = kept
      else await kept.close()
    },
  }
}

/** Empties every table (not the migrations journal). */
export async function resetDatabase(database: Database): Promise<void> {
  await database.exec(`DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
      EXECUTE 'TRUNCATE TABLE public.' || quote_ident(r.tablename) || ' RESTART IDENTITY CASCADE';
    END LOOP;
    INSERT INTO public_record_version (id, version) VALUES (1, 0);
  END $$;`)
}
