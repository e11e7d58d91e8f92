import { parseArgs } from 'node:util'
import { loadConfig, type Config } from './config.ts'
import { openConfiguredDatabase } from './server.ts'
import { backupDatabase, backupFormatOf, restoreLogical, restorePgliteDataDir, RestoreRefused } from './platform/db/backup.ts'
import type { TableFingerprint } from './platform/db/logical-dump.ts'

export const BACKUP_USAGE = `  backup <file> [--format datadir|logical]
                                           write a backup of the configured database: PGlite's data directory
                                           (default on PGlite) or the app's logical dump (default on PostgreSQL;
                                           on PGlite, the way to move to PostgreSQL). PGlite: stop the server first
  restore <file> [--force]                 restore a backup into an empty DATA_DIR or an empty PostgreSQL database
                                           (--force deletes what the target holds first), then apply migrations`

export class BackupUsageError extends Error {}

type Out = { stdout: (s: string) => void }

function describeTables(fingerprints: Record<string, TableFingerprint>): string {
  const rows = Object.entries(fingerprints).filter(([name]) => !name.startsWith('sequence '))
  const total = rows.reduce((n, [, f]) => n + f.rows, 0)
  const width = Math.max(...rows.map(([name]) => name.length), 5)
  return [
    `${total} rows in ${rows.length} tables (row count and content hash of each, to compare with the source):`,
    ...rows.map(([name, f]) => `  ${name.padEnd(width)} ${String(f.rows).padStart(8)}  ${f.hash || '-'}`),
  ].join('\n')
}

/** `backup <file> [--format datadir|logical]`. */
export async function runBackupCli(args: string[], out: Out, opts: { config?: Config } = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { format: { type: 'string' } }, allowPositionals: true })
  const file = positionals[0]
  if (!file || positionals.length > 1) throw new BackupUsageError('Usage: npm run cli -- backup <file> [--format datadir|logical]')
  if (values.format !== undefined && values.format !== 'datadir' && values.format !== 'logical') throw new BackupUsageError('--format is datadir or logical')
  const config = opts.config ?? loadConfig()
  const database = await openConfiguredDatabase(config, 'cli backup')
  try {
    const result = await backupDatabase(database, file, values.format)
    out.stdout(`Backup written to ${file} (${result.format === 'datadir' ? 'PGlite data directory' : 'logical dump'}, ${result.bytes} bytes${result.rows === undefined ? '' : `, ${result.rows} rows`}).\n`)
    return 0
  } catch (err) {
    if (err instanceof RestoreRefused) throw new BackupUsageError(err.message)
    throw err
  } finally {
    await database.close()
  }
}

/** `restore <file> [--force]`. */
export async function runRestoreCli(args: string[], out: Out, opts: { config?: Config } = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean', default: false } }, allowPositionals: true })
  const file = positionals[0]
  if (!file || positionals.length > 1) throw new BackupUsageError('Usage: npm run cli -- restore <file> [--force]')
  const config = opts.config ?? loadConfig()
  try {
    const format = await backupFormatOf(file)
    let fingerprints: Record<string, TableFingerprint>
    if (format === 'datadir') {
      if (config.databaseUrl) throw new RestoreRefused('This is a PGlite data-directory backup: it restores into DATA_DIR only. Unset DATABASE_URL, or restore it into PGlite and take a logical backup (--format logical).')
      fingerprints = await restorePgliteDataDir(file, config.dataDir, { force: values.force })
    } else {
      const database = await openConfiguredDatabase(config, 'cli restore')
      try {
        fingerprints = await restoreLogical(database, file, { force: values.force })
      } finally {
        await database.close()
      }
    }
    out.stdout(`Restored ${file} into ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir}.\n${describeTables(fingerprints)}\n`)
    return 0
  } catch (err) {
    if (err instanceof RestoreRefused) throw new BackupUsageError(err.message)
    throw err
  }
}
