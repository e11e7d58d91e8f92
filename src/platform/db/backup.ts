import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type Database } from './client.ts'
import { lockDataDir } from './lock.ts'
import { shippedMigrations } from './migration-status.ts'
import { loadLogicalDump, readLogicalHeader, tableFingerprints, writeLogicalDump, type TableFingerprint } from './logical-dump.ts'

/**
 * Backup and restore for both databases (`npm run cli -- backup|restore`, docs/deploy.md):
 * - PGlite: by default the data directory itself (PGlite's dumpDataDir, a gzip tarball), taken through the open
 *   database, so under the data directory's lock: never while the server runs on it.
 * - PostgreSQL: the app's own logical dump (logical-dump.ts). PGlite can write one too (`--format logical`), which is
 *   how an embedded deployment moves to PostgreSQL.
 * A restore goes into an EMPTY target only (an empty or missing DATA_DIR; a PostgreSQL database without tables),
 * unless forced, which first deletes what the target holds.
 */
export class RestoreRefused extends Error {}

export type BackupFormat = 'datadir' | 'logical'

export async function backupDatabase(database: Database, file: string, format?: BackupFormat): Promise<{ format: BackupFormat; bytes: number; rows?: number }> {
  const chosen = format ?? (database.kind === 'pglite' ? 'datadir' : 'logical')
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  if (chosen === 'datadir') {
    if (database.kind !== 'pglite') throw new RestoreRefused('A data-directory backup is for the embedded database only: use --format logical on PostgreSQL.')
    // A checkpoint first: otherwise the copy opens by replaying WAL, and sequences come back up to 32 ahead
    // (PostgreSQL logs sequence values in advance), so the restored record would not be the same.
    await database.exec('CHECKPOINT')
    const dump = await database.pglite!.dumpDataDir('gzip')
    const temp = `${file}.partial`
    fs.writeFileSync(temp, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 })
    fs.renameSync(temp, file)
    return { format: chosen, bytes: fs.statSync(file).size }
  }
  const temp = `${file}.partial`
  const { rows } = await writeLogicalDump(database, temp)
  fs.renameSync(temp, file)
  return { format: chosen, bytes: fs.statSync(file).size, rows }
}

/** The backup's format, from its content (both are gzip). */
export async function backupFormatOf(file: string): Promise<BackupFormat> {
  if (!fs.existsSync(file)) throw new RestoreRefused(`No backup at ${file}.`)
  return (await readLogicalHeader(file)) ? 'logical' : 'datadir'
}

const LOCK_FILE = 'joinedup.lock'

/**
 * Restores a data-directory backup into DATA_DIR (PGlite), under the directory's lock. The directory must be empty
 * (or missing) unless `force`, which deletes what it holds first. Migrates to this version afterwards.
 */
export async function restorePgliteDataDir(file: string, dataDir: string, opts: { force?: boolean } = {}): Promise<Record<string, TableFingerprint>> {
  const release = lockDataDir(dataDir, 'cli restore')
  try {
    const present = fs.readdirSync(dataDir).filter((name) => name !== LOCK_FILE)
    if (present.length && !opts.force) {
      throw new RestoreRefused(`${path.resolve(dataDir)} is not empty. Restore into an empty DATA_DIR, or add --force to replace what it holds.`)
    }
    for (const name of present) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true })
    const client = new PGlite({ dataDir, loadDataDir: new Blob([new Uint8Array(fs.readFileSync(file))]) })
    await client.waitReady
    await client.close()
  } finally {
    release()
  }
  const database = await openDatabase({ kind: 'pglite', dataDir, purpose: 'cli restore' })
  try {
    await migrateDatabase(database)
    return await tableFingerprints(database)
  } finally {
    await database.close()
  }
}

/** A database with no table in its public schema and no migration applied. */
async function isEmpty(database: Database): Promise<boolean> {
  const result = await database.db.execute(
    sql`select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p', 'S', 'v', 'm'))::int
          + (select count(*) from pg_namespace where nspname = 'drizzle')::int as n`,
  )
  return Number((result as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0) === 0
}

/** A migrations folder holding only the migrations a backup was taken at. */
function migrationsAt(appliedAt: number[]): string {
  const shipped = shippedMigrations()
  const wanted = new Set(appliedAt)
  const unknown = appliedAt.filter((when) => !shipped.some((m) => m.when === when))
  if (unknown.length) throw new RestoreRefused('This backup was taken by a newer version of Joined Up (it holds migrations this version does not have). Restore it with that version or a later one.')
  const entries = shipped.filter((m) => wanted.has(m.when))
  if (entries.length !== shipped.slice(0, entries.length).length || entries.some((m, i) => m.when !== shipped[i]!.when)) {
    throw new RestoreRefused('This backup\'s migrations are not a prefix of this version\'s: it cannot be restored here.')
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-restore-'))
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number; tag: string }> }
  journal.entries = journal.entries.filter((e) => wanted.has(e.when))
  fs.mkdirSync(path.join(dir, 'meta'))
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal))
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`))
  return dir
}

/**
 * Restores a logical dump into an open database (PostgreSQL or PGlite): the empty database is migrated to the
 * backup's migrations, the rows and sequences are loaded in one transaction, then it is migrated to this version.
 * A database that is not empty is refused unless `force`, which drops its public and drizzle schemas first.
 */
export async function restoreLogical(database: Database, file: string, opts: { force?: boolean } = {}): Promise<Record<string, TableFingerprint>> {
  const header = await readLogicalHeader(file)
  if (!header) throw new RestoreRefused(`${file} is not a logical backup made by Joined Up.`)
  if (header.version !== 1) throw new RestoreRefused(`This backup's format (version ${header.version}) is newer than this version of Joined Up reads.`)
  const folder = migrationsAt(header.migrations)
  try {
    if (!(await isEmpty(database))) {
      if (!opts.force) throw new RestoreRefused('The target database is not empty. Restore into an empty database, or add --force to delete what it holds first.')
      await database.exec('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;')
    }
    await migrateDatabase(database, folder)
    await loadLogicalDump(database, file)
  } finally {
    fs.rmSync(folder, { recursive: true, force: true })
  }
  await migrateDatabase(database)
  return tableFingerprints(database)
}
