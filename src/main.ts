import { ConfigError, loadConfig } from './config.ts'
import { DataDirLockedError } from './platform/db/lock.ts'
import { consoleLogger } from './app.ts'
import { ListenError, startServer } from './server.ts'

async function main(): Promise<void> {
  const config = loadConfig()
  const server = await startServer(config)
  consoleLogger.info(`Joined Up is running on http://${config.host}:${server.port}`, {
    database: config.databaseUrl ? 'postgresql' : `embedded (${config.dataDir})`,
    demo: config.demo,
  })
  const shutdown = (signal: string) => {
    consoleLogger.info(`received ${signal}, shutting down`)
    setTimeout(() => process.exit(1), 10_000).unref()
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof ListenError ? err.message : err)
  process.exit(1)
})
