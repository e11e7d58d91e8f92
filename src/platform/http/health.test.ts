import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '../db/client.ts'
import { migrationStatus, shippedMigrations } from '../db/migration-status.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { healthRoutes } from './health.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

/** A copy of the migrations folder with one more (future) migration in its journal: a newer version's files. */
function migrationsWithOneMore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-ready-'))
  dirs.push(dir)
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true })
  const file = path.join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Array<{ idx: number; when: number; tag: string }> }
  const last = journal.entries[journal.entries.length - 1]!
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_from_the_future' })
  fs.writeFileSync(file, JSON.stringify(journal))
  return dir
}

describe('/health and /ready on the app', () => {
  const t = useTestApp()

  it('/health answers without a session, a cookie or the cache', async () => {
    const res = await t.app.request('/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.getSetCookie()).toEqual([])
    expect(res.headers.get('x-cache')).toBe('miss')
  })

  it('/ready is 200 on a reachable, fully migrated database', async () => {
    const res = await t.app.request('/ready')
    expect(res.status).toBe(200)
    const expected = shippedMigrations().length
    expect(await res.json()).toEqual({ status: 'ready', database: 'reachable', migrations: { expected, applied: expected, pending: [] } })
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect((await t.app.request('/ready')).headers.get('x-cache')).toBe('miss')
  })

  it('/ready is 503 naming the migration a newer version ships and this database lacks', async () => {
    const res = await healthRoutes({ database: t.database, migrationsFolder: migrationsWithOneMore() }).request('/ready')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ status: 'not ready', database: 'reachable', migrations: { pending: ['9999_from_the_future'] } })
  })
})

describe('/ready on other databases', () => {
  it('is 503 on an empty database (every shipped migration pending), 200 once migrated, 503 when migrated by a later version or unreachable', async () => {
    const database = await openDatabase({ kind: 'pglite' })
    try {
      const routes = healthRoutes({ database })
      const before = await routes.request('/ready')
      expect(before.status).toBe(503)
      expect(((await before.json()) as { migrations: { pending: string[] } }).migrations.pending).toEqual(shippedMigrations().map((m) => m.tag))
      await migrateDatabase(database)
      expect((await routes.request('/ready')).status).toBe(200)

      // Migrated by a later version (a rollback of the code without the database): not this version's schema.
      const future = shippedMigrations().at(-1)!.when + 1000
      await database.exec(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('later', ${future})`)
      expect(await migrationStatus(database)).toMatchObject({ unknown: 1, pending: [], current: false })
      const after = await routes.request('/ready')
      expect(after.status).toBe(503)
      expect(await after.json()).toMatchObject({ migrations: { unknown: 1 } })
    } finally {
      await database.close()
    }

    // The same database closed: it no longer answers.
    const errors: unknown[] = []
    const res = await healthRoutes({ database, onError: (err) => errors.push(err) }).request('/ready')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'not ready', database: 'unreachable' })
    expect(errors).toHaveLength(1)
    // Liveness does not depend on the database.
    expect((await healthRoutes({ database }).request('/health')).status).toBe(200)
  })
})
