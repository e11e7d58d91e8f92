import { serve } from '@hono/node-server'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { migrateDatabase, openDatabase, vacuum, type Database } from './platform/db/client.ts'
import { DataDirLockedError } from './platform/db/lock.ts'
import { buildServices } from './services.ts'
import { createApp, consoleLogger } from './app.ts'
import { seedDemoIfEmpty } from './modules/demo/demo.seed.ts'

export async function openConfiguredDatabase(config: Config, purpose: string): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir, purpose })
}

async function main(): Promise<void> {
  const config = loadConfig()
  const database = await openConfiguredDatabase(config, `server on port ${config.port}`)
  await migrateDatabase(database)
  const services = buildServices(config, database)

  if (config.env === 'production' && (await services.accounts.countDemoUsers()) > 0) {
    await database.close()
    throw new ConfigError(
      'Refusing to start: this database holds demo sign-in accounts, which are public. Start production on a database without the demo.',
    )
  }
  if (config.demo) {
    const seeded = await seedDemoIfEmpty(services)
    if (seeded) consoleLogger.info('demo data loaded', { accounts: 'see README.md' })
  }

  const app = createApp(services)
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    consoleLogger.info(`Joined Up is running on http://${config.host}:${info.port}`, {
      database: database.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgresql',
      demo: config.demo,
    })
  })

  // PGlite has no autovacuum: run VACUUM (ANALYZE) on a schedule, and tidy expired sessions.
  const timers: NodeJS.Timeout[] = []
  if (config.vacuumIntervalMinutes > 0) {
    timers.push(
      setInterval(() => {
        void (async () => {
          try {
            await services.accounts.deleteExpiredSessions()
            if (database.kind === 'pglite') await vacuum(database)
          } catch (err) {
            consoleLogger.error('maintenance failed', { error: String(err) })
          }
        })()
      }, config.vacuumIntervalMinutes * 60_000).unref(),
    )
  }

  const shutdown = (signal: string) => {
    consoleLogger.info(`received ${signal}, shutting down`)
    timers.forEach(clearInterval)
    server.close(() => {
      void database.close().then(() => process.exit(0))
    })
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message)
  } else {
    console.error(err)
  }
  process.exit(1)
})
