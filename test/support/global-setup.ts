import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import { migrateDatabase, openDatabase } from '../../src/platform/db/client.ts'

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, '../../.tmp')
export const PGLITE_TEMPLATE = path.join(TEMPLATE_DIR, 'pglite-template.tar.gz')
export const PG_TEMPLATE_DB = 'ju_template'

/**
 * Once per run: build a migrated database that every test file copies.
 * PGlite: a dumped data directory (~1 s to load instead of ~3.5 s initdb).
 * PostgreSQL: a template database, copied with CREATE DATABASE ... TEMPLATE.
 */
export default async function setup(project?: { config?: { env?: Record<string, string> } }): Promise<void> {
  const kind = project?.config?.env?.TEST_DB ?? process.env.TEST_DB
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL
    if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (npm test starts a server and sets it)')
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`)
    await admin.end()
    const templateUrl = new URL(url)
    templateUrl.pathname = `/${PG_TEMPLATE_DB}`
    const database = await openDatabase({ kind: 'postgres', url: templateUrl.toString(), max: 1 })
    await migrateDatabase(database)
    await database.close()
    return
  }
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true })
  const database = await openDatabase({ kind: 'pglite' })
  await migrateDatabase(database)
  const blob = await database.pglite!.dumpDataDir('gzip')
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await blob.arrayBuffer()))
  await database.close()
}
