import { Hono } from 'hono'
import type { Database } from '../db/client.ts'
import { migrationStatus } from '../db/migration-status.ts'
import type { AppEnv } from './types.ts'

const NO_STORE = { 'Cache-Control': 'no-store' }

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Probes for a load balancer, an orchestrator or systemd (docs/deploy.md):
 * - GET /health, liveness: the process is up and answers HTTP. It does not touch the database, so a database
 *   outage does not get every instance restarted in a loop.
 * - GET /ready, readiness: the database answers within `timeoutMs` and every migration this version ships is
 *   applied (and none from a later version is): 200, else 503 with what is wrong. Details of errors are logged by
 *   the caller's onError, never shown.
 */
export function healthRoutes(opts: { database: Database; timeoutMs?: number; migrationsFolder?: string; onError?: (err: unknown) => void }) {
  const app = new Hono<AppEnv>()
  const timeoutMs = opts.timeoutMs ?? 5000

  app.get('/health', (c) => c.json({ status: 'ok' }, 200, NO_STORE))

  app.get('/ready', async (c) => {
    try {
      await withTimeout(opts.database.exec('select 1'), timeoutMs)
    } catch (err) {
      opts.onError?.(err)
      return c.json({ status: 'not ready', database: 'unreachable' }, 503, NO_STORE)
    }
    let status
    try {
      status = await withTimeout(migrationStatus(opts.database, opts.migrationsFolder), timeoutMs)
    } catch (err) {
      opts.onError?.(err)
      return c.json({ status: 'not ready', database: 'reachable', migrations: 'unknown' }, 503, NO_STORE)
    }
    const migrations = { expected: status.expected, applied: status.applied, pending: status.pending, ...(status.unknown ? { unknown: status.unknown } : {}) }
    if (!status.current) return c.json({ status: 'not ready', database: 'reachable', migrations }, 503, NO_STORE)
    return c.json({ status: 'ready', database: 'reachable', migrations }, 200, NO_STORE)
  })
  return app
}
