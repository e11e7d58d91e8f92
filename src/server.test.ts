import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../test/support/db.ts'
import { buildUser, buildPartnership } from '../test/support/builders.ts'
import { testConfig, testLogger } from '../test/support/app.ts'
import { users } from './modules/accounts/accounts.tables.ts'
import { eq } from 'drizzle-orm'
import { startServer } from './server.ts'
import { ConfigError } from './config.ts'

describe('starting the server', () => {
  it('refuses production on a database holding demo accounts', async () => {
    const database = await createTestDatabase()
    const user = await buildUser(database.db)
    await database.db.update(users).set({ isDemo: true }).where(eq(users.id, user.id))
    const config = testConfig({ env: 'production', demo: false, port: 0, host: '127.0.0.1' })
    await expect(startServer(config, { database, logger: testLogger() })).rejects.toThrow(ConfigError)
  })

  it('starts in production without demo accounts, serves pages, and closes', async () => {
    const database = await createTestDatabase()
    await buildPartnership(database.db, { name: 'Production Partnership' })
    const server = await startServer(testConfig({ env: 'production', demo: false, secureCookies: true, port: 0, host: '127.0.0.1' }), {
      database,
      logger: testLogger(),
    })
    const res = await fetch(`http://127.0.0.1:${server.port}/health`)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(res.headers.get('strict-transport-security')).toContain('max-age')
    await server.close()
  })
})
