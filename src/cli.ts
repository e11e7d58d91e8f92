import { parseArgs } from 'node:util'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { migrateDatabase, type Database } from './platform/db/client.ts'
import { DataDirLockedError } from './platform/db/lock.ts'
import { openConfiguredDatabase } from './server.ts'
import { buildServices } from './services.ts'
import { BACKUP_USAGE, BackupUsageError, runBackupCli, runRestoreCli } from './backup.cli.ts'
import { countClearDays, noticeDeadline, REGIONS, workingCalendar, type Region } from './shared/clear-days.ts'
import { formatLongDate, isIsoDate } from './shared/dates.ts'

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                  apply database migrations (takes the embedded database's lock)
  users create-admin --email <address> --name <name>
                                           create an admin; prints a single-use link (24 hours) to set the password
  users list [--json]                      every account, its status and last sign-in
  users disable --email <address>          disable an account and end all its sessions
  users enable --email <address>           re-enable a disabled account
  users reset-two-factor --email <address> turn off an account's two-factor authentication (lost phone and codes)
${BACKUP_USAGE}
  import [--dry-run] [--json] [--partnership <slug>] <files or folders>
                                           import published meeting records (see README, "Importing")
  bank-holidays refresh --file <GOV.UK bank-holidays.json> [--url <address>] [--target <path>]
                                           merge GOV.UK's bank holidays into the shipped copy
  deadline <meeting date> [--region R] [--closure-day YYYY-MM-DD ...] [--clear-days N] [--json]
                                           latest publication dates that give N clear working days' notice
  clear-days <published date or ISO timestamp> <meeting date> [--region R] [--closure-day ...] [--json]
                                           clear working days between publication and meeting

  help, --help                             this list

Regions: ${REGIONS.join(', ')} (default england-and-wales).`

export class UsageError extends Error {}

type Out = { stdout: (s: string) => void }

/**
 * `import [--dry-run] [--json] [--partnership <slug>] <files or folders>`: the importer module's command
 * (src/modules/importer/importer.cli.ts), given the importer service on the configured database (migrated, and
 * closed again afterwards) or, in tests, on the database passed in.
 */
export async function runImport(
  args: string[],
  out: Out & { stderr?: (s: string) => void } = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
  opts: { database?: Database; config?: Config } = {},
): Promise<number> {
  const { runImportCli } = await import('./modules/importer/importer.cli.ts')
  return runImportCli(args, out, {
    openImporter: async () => {
      const config = opts.config ?? loadConfig()
      const database = opts.database ?? (await openConfiguredDatabase(config, 'cli import'))
      const close = async () => {
        if (!opts.database) await database.close()
      }
      try {
        if (!opts.database) await migrateDatabase(database)
        return { importer: buildServices(config, database).importer, close }
      } catch (err) {
        await close()
        throw err
      }
    },
  })
}

function calendarFrom(values: { region?: string; 'closure-day'?: string[] }) {
  const region = (values.region ?? 'england-and-wales') as Region
  if (!REGIONS.includes(region)) throw new UsageError(`Unknown region "${values.region}". Use one of: ${REGIONS.join(', ')}`)
  for (const d of values['closure-day'] ?? []) {
    if (!isIsoDate(d)) throw new UsageError(`--closure-day must be a date like 2026-12-24, not "${d}"`)
  }
  return workingCalendar({ region, closureDays: values['closure-day'] ?? [] })
}

const dateOptions = {
  region: { type: 'string' },
  'closure-day': { type: 'string', multiple: true },
  'clear-days': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

/** Runs a command; returns the exit code. Pure commands need no database. */
export async function runCli(
  argv: string[],
  out: Out = { stdout: (s) => process.stdout.write(s) },
  opts: { database?: Database; config?: Config } = {},
): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'deadline': {
      const { values, positionals } = parseArgs({ args: rest, options: dateOptions, allowPositionals: true })
      const meeting = positionals[0]
      if (!meeting || !isIsoDate(meeting)) throw new UsageError('deadline needs a meeting date like 2025-05-06')
      const n = values['clear-days'] === undefined ? 5 : Number(values['clear-days'])
      if (!Number.isInteger(n) || n < 0 || n > 60) throw new UsageError('--clear-days must be a whole number from 0 to 60')
      const result = noticeDeadline(meeting, n, calendarFrom(values))
      out.stdout(
        values.json
          ? `${JSON.stringify(result)}\n`
          : `To give ${n} clear working days' notice of a meeting on ${formatLongDate(meeting)}:\n` +
              `  publish by ${formatLongDate(result.latestWorkingDay)} (latest working day)\n` +
              `  latest compliant date ${formatLongDate(result.latestCompliant)}\n`,
      )
      return 0
    }
    case 'clear-days': {
      const { values, positionals } = parseArgs({ args: rest, options: dateOptions, allowPositionals: true })
      const [published, meeting] = positionals
      if (!published || !meeting || !isIsoDate(meeting)) {
        throw new UsageError('clear-days needs a publication date (or ISO timestamp) and a meeting date')
      }
      let clearDays: number
      try {
        clearDays = countClearDays(published, meeting, calendarFrom(values))
      } catch (err) {
        if (err instanceof RangeError) throw new UsageError(err.message)
        throw err
      }
      out.stdout(values.json ? `${JSON.stringify({ clearDays })}\n` : `${clearDays} clear working days\n`)
      return 0
    }
    case 'bank-holidays': {
      // bank-holidays refresh --file <GOV.UK bank-holidays.json> [--url <address>] [--target <path>]
      const { values, positionals } = parseArgs({ args: rest, options: { file: { type: 'string' }, url: { type: 'string' }, target: { type: 'string' } }, allowPositionals: true })
      if (positionals[0] !== 'refresh') throw new UsageError('Usage: npm run cli -- bank-holidays refresh --file <GOV.UK bank-holidays.json> [--url <address>]')
      const { refreshBankHolidays, describeMerge, BankHolidayFeedError } = await import('./shared/bank-holidays-refresh.ts')
      const { londonToday } = await import('./shared/dates.ts')
      try {
        const { report, target } = await refreshBankHolidays({ file: values.file, url: values.url, ...(values.target ? { target: values.target } : {}), today: londonToday() })
        out.stdout(describeMerge(report, target))
      } catch (err) {
        if (err instanceof BankHolidayFeedError) throw new UsageError(err.message)
        throw err
      }
      return 0
    }
    case 'backup':
      return runBackupCli(rest, out)
    case 'restore':
      return runRestoreCli(rest, out)
    case 'import':
      // import [--dry-run] [--json] [--partnership <slug>] <files or folders>: see src/modules/importer/importer.cli.ts
      return runImport(rest, out)
    case 'users': {
      // users <create-admin|list|disable|enable|reset-two-factor>: see src/modules/accounts/accounts.cli.ts
      const { runUsersCli, UsersUsageError, USERS_USAGE } = await import('./modules/accounts/accounts.cli.ts')
      if (rest[0] === undefined || rest[0] === '--help' || rest[0] === 'help') {
        out.stdout(`${USERS_USAGE}\n`)
        return rest[0] === undefined ? 2 : 0
      }
      const config = opts.config ?? loadConfig()
      const database = opts.database ?? (await openConfiguredDatabase(config, 'cli users'))
      try {
        if (!opts.database) await migrateDatabase(database)
        const { buildServices } = await import('./services.ts')
        return await runUsersCli(rest, out, buildServices(config, database).accounts)
      } catch (err) {
        if (err instanceof UsersUsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) throw new UsageError(err.message)
        throw err
      } finally {
        if (!opts.database) await database.close()
      }
    }
    case 'migrate': {
      const config = loadConfig()
      const database = await openConfiguredDatabase(config, 'cli migrate')
      try {
        await migrateDatabase(database)
        out.stdout('Migrations applied.\n')
      } finally {
        await database.close()
      }
      return 0
    }
    case undefined:
    case 'help':
    case '--help':
      out.stdout(`${USAGE}\n`)
      return command === undefined ? 2 : 0
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code
    })
    .catch((err: unknown) => {
      if (err instanceof UsageError || err instanceof BackupUsageError || err instanceof ConfigError || err instanceof DataDirLockedError) {
        console.error(err.message)
        process.exitCode = 2
      } else {
        console.error(err)
        process.exitCode = 1
      }
    })
}
