import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Database } from '../../src/platform/db/client.ts'
import type { Mailer } from '../../src/platform/mail/mailer.ts'
import type { Config } from '../../src/config.ts'
import { buildServices, type Services } from '../../src/services.ts'
import { createApp } from '../../src/app.ts'
import { createTestDatabase } from '../../test/support/db.ts'
import { testConfig, testLogger, type TestLogger } from '../../test/support/app.ts'

export type RunningApp = { baseUrl: string; services: Services; database: Database; logger: TestLogger; stop: () => Promise<void> }

/**
 * The real app on a loopback port, on a fresh database, for the browser to drive. Links in emails (owner
 * links, opt-outs) use config.publicUrl, so it is the server's own address: the port is taken first and the
 * app is built once it is known. `mailer` replaces the in-memory one (e.g. an SMTP mailer to a test server);
 * `configure` adds configuration that depends on that address (a single sign-on provider's redirect URI).
 * The server listens on 127.0.0.1 whatever `publicHost` names (localhost reaches it too).
 */
export async function startApp(
  opts: { mailer?: Mailer; publicHost?: string; configure?: (baseUrl: string) => Promise<Partial<Config>> } = {},
): Promise<RunningApp> {
  const database = await createTestDatabase()
  let handle: (request: Request) => Response | Promise<Response> = () => new Response('Starting', { status: 503 })
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request) => handle(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const port = (server.address() as AddressInfo).port
  // `publicHost: 'localhost'` for passkeys: WebAuthn needs a domain as the relying party, never an IP address.
  const baseUrl = `http://${opts.publicHost ?? '127.0.0.1'}:${port}`
  const extra = opts.configure ? await opts.configure(baseUrl) : {}
  const services = buildServices(testConfig({ env: 'test', publicUrl: baseUrl, ...extra }), database, { mailer: opts.mailer })
  const logger = testLogger()
  const app = createApp(services, logger)
  handle = (request) => app.fetch(request)
  return {
    baseUrl,
    services,
    database,
    logger,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
    },
  }
}
