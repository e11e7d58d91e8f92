import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Database } from '../../src/platform/db/client.ts'
import { buildServices, type Services } from '../../src/services.ts'
import { createApp } from '../../src/app.ts'
import { createTestDatabase } from '../../test/support/db.ts'
import { testConfig, testLogger, type TestLogger } from '../../test/support/app.ts'

export type RunningApp = { baseUrl: string; services: Services; database: Database; logger: TestLogger; stop: () => Promise<void> }

/** The real app on a loopback port, on a fresh database, for the browser to drive. */
export async function startApp(): Promise<RunningApp> {
  const database = await createTestDatabase()
  const services = buildServices(testConfig({ env: 'test' }), database)
  const logger = testLogger()
  const app = createApp(services, logger)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const port = (server.address() as AddressInfo).port
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    services,
    database,
    logger,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
    },
  }
}
