import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import type { Config } from '../../src/config.ts'
import type { Database, Db } from '../../src/platform/db/client.ts'
import type { Mailer } from '../../src/platform/mail/mailer.ts'
import { createTestDatabase } from './db.ts'
import { createTestApp } from './app.ts'

/**
 * A migrated database for this test file: opened in beforeAll, closed in afterAll. Read `t.database` or
 * `t.db` inside hooks and tests (not at the top level of the file, where they are not yet set).
 *
 *     const t = useTestDb()
 *     it('...', async () => { await buildMeeting(t.db) })
 */
export function useTestDb(): { readonly database: Database; readonly db: Db } {
  let database: Database | undefined
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database?.close()
  })
  const get = (): Database => {
    if (!database) throw new Error('useTestDb: the database is opened in beforeAll; use it inside a hook or test')
    return database
  }
  return {
    get database() {
      return get()
    },
    get db() {
      return get().db
    },
  }
}

type TestApp = ReturnType<typeof createTestApp>

/**
 * A database and the whole app over it for this test file (one app per file, never per test). afterAll asserts
 * that nothing the app logged was an error, so a 500 cannot hide behind a passing status check.
 *
 *     const t = useTestApp({ maxUploadBytes: 64 * 1024 })
 *     it('...', async () => { const res = await t.app.request('/') })
 */
export function useTestApp(overrides: Partial<Config> = {}, opts: { mailer?: Mailer } = {}) {
  let database: Database | undefined
  let built: TestApp | undefined
  beforeAll(async () => {
    database = await createTestDatabase()
    built = createTestApp(database, overrides, opts)
  })
  afterAll(async () => {
    try {
      if (built) expect(built.logger.errors).toEqual([])
    } finally {
      await database?.close()
    }
  })
  const get = (): TestApp & { database: Database } => {
    if (!built || !database) throw new Error('useTestApp: the app is built in beforeAll; use it inside a hook or test')
    return { ...built, database }
  }
  return {
    get app() {
      return get().app
    },
    get services() {
      return get().services
    },
    get logger() {
      return get().logger
    },
    get database() {
      return get().database
    },
    get db() {
      return get().database.db
    },
    agent: () => get().agent(),
  }
}

/**
 * A fresh directory under the system temp folder for this test file (or describe block), made now so it can go
 * into a config at the top level (e.g. `useTestApp({ dataDir })`), and removed with everything in it afterAll.
 */
export function useTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return dir
}
