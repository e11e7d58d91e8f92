import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { ConfigError, type Config } from './config.ts'
import { migrateDatabase, openDatabase, vacuum, type Database } from './platform/db/client.ts'
import { buildServices, type Services } from './services.ts'
import { createApp, consoleLogger, type Logger } from './app.ts'
import { seedDemoIfEmpty } from './demo/demo.seed.ts'
import { createScheduler } from './platform/jobs/scheduler.ts'
import { isMailEnabled } from './platform/mail/mailer.ts'
import { reminderJobs } from './modules/reminders/reminders.service.ts'

export async function openConfiguredDatabase(config: Config, purpose: string): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir, purpose })
}

/** What an operator runs to create the first admin (logged when the database has no accounts). */
export const CREATE_ADMIN_COMMAND = 'npm run cli -- users create-admin --email <address> --name <name>'

/** The server could not listen: a message for the operator, printed as one line by main.ts. */
export class ListenError extends Error {}

function listenError(err: unknown, config: Config): unknown {
  const code = (err as NodeJS.ErrnoException).code
  const where = `${config.host}:${config.port}`
  if (code === 'EADDRINUSE') return new ListenError(`Port ${config.port} is already in use on ${config.host}: stop the other process, or set PORT to a free port.`)
  if (code === 'EACCES') return new ListenError(`Not allowed to listen on ${where}: ports below 1024 need privileges; use a higher PORT behind a reverse proxy.`)
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new ListenError(`Cannot listen on ${where}: HOST is not an address of this machine.`)
  return err
}

export type RunningServer = { port: number; services: Services; close: () => Promise<void> }

/**
 * Open and migrate the database, refuse production with demo accounts, load the demo when asked,
 * then listen. The database is closed again if anything before listening fails.
 */
export async function startServer(
  config: Config,
  opts: { database?: Database; logger?: Logger } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? consoleLogger
  const database = opts.database ?? (await openConfiguredDatabase(config, `server on port ${config.port}`))
  let services: Services
  try {
    await migrateDatabase(database)
    services = buildServices(config, database)
    if (config.env === 'production' && (await services.accounts.countDemoUsers()) > 0) {
      throw new ConfigError(
        'Refusing to start: this database holds the demo sign-in accounts, which are published. Start production on a database without the demo.',
      )
    }
    if (config.demo && (await seedDemoIfEmpty(services))) logger.info('demo data loaded: sign-in accounts are listed in README.md')
    else if ((await services.accounts.countUsers()) === 0) logger.info(`no accounts yet: create the first admin with ${CREATE_ADMIN_COMMAND}`, { level: 'warn' })
  } catch (err) {
    await database.close()
    throw err
  }

  const app = createApp(services, logger)
  let server: ServerType
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
      s.once('error', reject) // listen errors are emitted after serve() returns
    })
  } catch (err) {
    services.mailer.close?.()
    await database.close()
    throw listenError(err, config)
  }
  const port = (server.address() as AddressInfo).port

  // PGlite has no autovacuum: VACUUM (ANALYZE) on a schedule; expired sessions are tidied too.
  const timer =
    config.vacuumIntervalMinutes > 0
      ? setInterval(() => {
          void (async () => {
            try {
              await services.accounts.deleteExpiredSessions()
              if (database.kind === 'pglite') await vacuum(database)
            } catch (err) {
              logger.error('maintenance failed', { error: String(err) })
            }
          })()
        }, config.vacuumIntervalMinutes * 60_000).unref()
      : null

  // Scheduled jobs (reminder emails): claimed in job_runs, so they run once across restarts and instances.
  const scheduler = createScheduler(database.db, { logger })
  if (isMailEnabled(services.mailer)) {
    for (const [name, job] of Object.entries(reminderJobs(services.reminders, config))) scheduler.registerJob(name, job)
    for (const [name, job] of Object.entries(services.feeds.alertJobs())) scheduler.registerJob(name, job)
  } else {
    logger.info('reminder emails are disabled: SMTP_URL is not set', { level: 'warn' })
  }
  scheduler.start()
  const importWorker = services.importer.startWorker({ logger }) // queued import jobs, polled every 3 s (issue 4)

  return {
    port,
    services,
    close: async () => {
      if (timer) clearInterval(timer)
      await scheduler.stop()
      await importWorker.stop()
      services.mailer.close?.()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
    },
  }
}
