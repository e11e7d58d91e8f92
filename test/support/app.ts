import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Database } from '../../src/platform/db/client.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { buildServices, type Services } from '../../src/services.ts'
import { createApp, type Logger } from '../../src/app.ts'
import type { Mailer } from '../../src/platform/mail/mailer.ts'
import { buildUser, TEST_PASSWORD } from './builders.ts'

/** One temporary data directory per test process, for files the app writes beside its database (pack cache). */
let testDataDir: string | undefined
function tempDataDir(): string {
  testDataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ju-test-data-'))
  return testDataDir
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', DEMO: 'false', LOG_LEVEL: 'silent' }), dataDir: tempDataDir(), ...overrides }
}

/** Errors the app logged during a test: tests assert it stays empty, so a 500 never hides. */
export type TestLogger = Logger & { errors: string[] }
export function testLogger(): TestLogger {
  const errors: string[] = []
  return { errors, error: (msg, meta) => errors.push(`${msg} ${JSON.stringify(meta)}`), info: () => {} }
}

export function createTestApp(database: Database, overrides: Partial<Config> = {}, opts: { mailer?: Mailer } = {}) {
  const services = buildServices(testConfig(overrides), database, opts)
  const logger = testLogger()
  const app = createApp(services, logger)
  return { app, services, logger, agent: () => new Agent(app) }
}

export type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> }

/**
 * A cookie-keeping client over app.request(): signs in, fetches forms and sends them back with their
 * CSRF token, as a browser would.
 */
export class Agent {
  cookies = new Map<string, string>()
  csrf: string | null = null
  constructor(private app: Fetchable) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.app.request(`http://localhost${path}`, { headers: { cookie: this.cookieHeader(), host: 'localhost', ...headers } })
    this.remember(res)
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      const html = await res.clone().text()
      const m = /name="_csrf" value="([^"]+)"/.exec(html)
      if (m) this.csrf = m[1]!
    }
    return res
  }

  async getText(path: string): Promise<{ status: number; text: string; res: Response }> {
    const res = await this.get(path)
    return { status: res.status, text: await res.text(), res }
  }

  /** POST a form. The CSRF token comes from the last page fetched (fetch `/` first if none). */
  async post(path: string, fields: Record<string, string | string[]> | FormData = {}): Promise<Response> {
    if (!this.csrf) await this.get('/sign-in')
    let body: FormData | URLSearchParams
    const headers: Record<string, string> = { cookie: this.cookieHeader(), host: 'localhost' }
    if (fields instanceof FormData) {
      if (!fields.has('_csrf')) fields.set('_csrf', this.csrf!)
      body = fields
    } else {
      const params = new URLSearchParams()
      const all: Record<string, string | string[]> = { _csrf: this.csrf!, ...fields }
      for (const [k, v] of Object.entries(all)) {
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, item)
      }
      body = params
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    const res = await this.app.request(`http://localhost${path}`, { method: 'POST', body, headers })
    this.remember(res)
    return res
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<void> {
    await this.get('/sign-in')
    const res = await this.post('/sign-in', { email, password })
    if (res.status !== 303) throw new Error(`sign in as ${email} failed: ${res.status}`)
    await this.get('/manage')
  }
}

/** Sign in as a fresh user with the given powers. */
export async function signedInAgent(
  app: Fetchable,
  services: Services,
  opts: { isAdmin?: boolean; secretariatOf?: string[]; readOnlyOf?: string[]; personId?: string; email?: string } = {},
): Promise<Agent> {
  const user = await buildUser(services.database.db, opts)
  const agent = new Agent(app)
  await agent.signIn(user.email)
  return agent
}
