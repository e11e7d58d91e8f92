import { describe, expect, it } from 'vitest'
import { Agent, testConfig, testLogger } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { createTestDatabase } from '../../../test/support/db.ts'
import { buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { totpCode } from './totp.ts'
import { runCli, UsageError } from '../../cli.ts'
import { startServer } from '../../server.ts'

const t = useTestApp({ publicUrl: 'http://localhost' })

async function cli(...args: string[]): Promise<{ code: number; text: string }> {
  let text = ''
  const code = await runCli(args, { stdout: (s) => (text += s) }, { database: t.database, config: testConfig({ publicUrl: 'http://localhost' }) })
  return { code, text }
}

const linkIn = (text: string) => /http:\/\/localhost(\/account\/set-password\/[\w-]{43})/.exec(text)?.[1]

describe('npm run cli -- users', () => {
  it('create-admin prints a single-use link; the new admin sets a password through it and signs in', async () => {
    const { code, text } = await cli('users', 'create-admin', '--email', 'first.admin@example.org', '--name', 'First Admin')
    expect(code).toBe(0)
    expect(text).toContain('Created the admin account first.admin@example.org (First Admin)')
    const path = linkIn(text)!
    expect(path).toBeDefined()
    const agent = new Agent(t.app)
    const page = await agent.getText(path)
    expect(page.status).toBe(200)
    expect(page.text).toContain('first.admin@example.org')
    expect(page.res.headers.get('cache-control')).toBe('no-store')
    const res = await agent.post(path, { password: 'otter lamp biscuit', confirmPassword: 'otter lamp biscuit' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in')
    // single use
    expect((await agent.get(path)).status).toBe(404)
    await agent.signIn('first.admin@example.org', 'otter lamp biscuit')
    expect((await agent.get('/manage/users')).status).toBe(200)
    // the token is stored only as its hash
    const { accountTokens } = await import('./accounts.tables.ts')
    const rows = await t.db.select().from(accountTokens)
    expect(rows.some((r) => path.endsWith(r.idHash))).toBe(false)
  })

  it('reset-two-factor turns off an account’s two-factor authentication, audited as the command line', async () => {
    const user = await buildUser(t.db)
    const actor = (await t.services.accounts.currentUser(user.id))!
    await expect(cli('users', 'reset-two-factor', '--email', user.email)).rejects.toThrow(/No account with two-factor authentication/)
    await t.services.accounts.beginTwoFactorSetUp(actor)
    const key = (await t.services.accounts.twoFactorSetUpDetails(actor))!.key
    await t.services.accounts.confirmTwoFactorSetUp(actor, totpCode(key, Date.now()))
    expect((await t.services.accounts.signIn(user.email, TEST_PASSWORD)).kind).toBe('second_factor')
    const { code, text } = await cli('users', 'reset-two-factor', '--email', user.email.toUpperCase())
    expect(code).toBe(0)
    expect(text).toContain(`Two-factor authentication is off for ${user.email.toUpperCase()}`)
    expect((await t.services.accounts.signIn(user.email, TEST_PASSWORD)).kind).toBe('signed_in')
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.event, 'user.two_factor_disabled')))
    expect(event).toMatchObject({ actorUserId: null, data: { resetFromCli: true, system: 'cli' } })
  })

  it('refuses a second account for the same address, and explains a missing option', async () => {
    await cli('users', 'create-admin', '--email', 'twice@example.org', '--name', 'Twice')
    await expect(cli('users', 'create-admin', '--email', 'TWICE@example.org', '--name', 'Again')).rejects.toThrow(/already exists/)
    await expect(cli('users', 'create-admin', '--email', 'x@example.org')).rejects.toThrow(UsageError)
    await expect(cli('users', 'create-admin', '--name', 'No Email')).rejects.toThrow(/--email/)
    await expect(cli('users', 'frobnicate')).rejects.toThrow(/Unknown users command/)
    await expect(cli('users', 'list', '--password', 'x')).rejects.toThrow(UsageError)
  })

  it('lists accounts, and disable ends every session at once; enable lets them back in', async () => {
    const user = await buildUser(t.db, { isAdmin: true })
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const list = JSON.parse((await cli('users', 'list', '--json')).text) as { email: string; status: string; lastSignedInAt: string | null }[]
    const row = list.find((r) => r.email === user.email)!
    expect(row.status).toBe('active')
    expect(row.lastSignedInAt).not.toBeNull()
    expect((await cli('users', 'disable', '--email', user.email)).text).toContain('every session has ended')
    expect((await agent.get('/manage')).status).toBe(302)
    await expect(agent.signIn(user.email)).rejects.toThrow(/failed: 400/)
    await cli('users', 'enable', '--email', user.email)
    await agent.signIn(user.email)
    expect((await agent.get('/manage')).status).toBe(200)
    await expect(cli('users', 'disable', '--email', 'nobody@example.org')).rejects.toThrow(/No account/)
  })

  it('--help lists every command', async () => {
    const { text } = await cli('--help')
    for (const command of ['migrate', 'users create-admin', 'users list', 'users disable', 'users enable', 'import', 'bank-holidays refresh', 'deadline', 'clear-days']) {
      expect(text).toContain(command)
    }
  })
})

describe('starting on a database with no accounts', () => {
  it('logs exactly the command that creates the first admin', async () => {
    const database = await createTestDatabase()
    const logger = testLogger()
    const lines: string[] = []
    logger.info = (msg) => lines.push(msg)
    const server = await startServer(testConfig({ env: 'production', demo: false, port: 0, host: '127.0.0.1' }), { database, logger })
    await server.close()
    expect(lines).toContain('no accounts yet: create the first admin with npm run cli -- users create-admin --email <address> --name <name>')
  })
})
