import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { accountTokens } from './accounts.tables.ts'

// Real SMTP: the test server starts in beforeAll, after the app is built, so the mailer is bound to it lazily.
let smtp: TestSmtpServer
let real: Mailer
const mailer: Mailer = { kind: 'smtp', send: (m) => real.send(m) }
const t = useTestApp({ publicUrl: 'http://localhost' }, { mailer })
beforeAll(async () => {
  smtp = await startTestSmtpServer()
  real = createMailer({ env: 'test', smtpUrl: smtp.url, mailFrom: 'joined-up@example.org', logLevel: 'silent' })
})
afterAll(async () => {
  real.close?.()
  await smtp.stop()
})

const linkIn = (text: string) => /http:\/\/localhost(\/account\/set-password\/[\w-]{43})/.exec(text)?.[1]

/** An invited account (no password) and the path of its link. */
async function invited(email = `new-${Math.random().toString(36).slice(2)}@example.org`) {
  const admin = await buildUser(t.db, { isAdmin: true })
  const actor = (await t.services.accounts.currentUser(admin.id))!
  const { userId } = await t.services.accounts.inviteUser(actor, { email, displayName: 'New Person', role: 'admin' })
  const mail = smtp.to(email).at(-1)!
  return { userId, email, path: linkIn(mail.text)!, mail }
}

describe('set a password from a link', () => {
  it('checks the policy, shows errors in the GOV.UK error summary and never sends a password back', async () => {
    const { path, mail } = await invited()
    expect(mail.subject).toBe('You have been invited to Joined Up')
    const agent = new Agent(t.app)
    await agent.get(path)
    for (const [password, message] of [
      ['short one', 'Password must be 12 characters or more'],
      ['qwerty123456', 'too easy to guess'],
    ] as const) {
      const res = await agent.post(path, { password, confirmPassword: password })
      expect(res.status).toBe(400)
      const html = await res.text()
      expectFormErrors(html, ['password'], [message])
      expect(html).not.toContain(password)
    }
    const mismatch = await agent.post(path, { password: 'otter lamp biscuit', confirmPassword: 'otter lamp biscuits' })
    expect(mismatch.status).toBe(400)
    expect(await mismatch.text()).toContain('href="#confirmPassword"')
    const empty = await agent.post(path, { password: '', confirmPassword: '' })
    expect(await empty.text()).toContain('Enter a password')
  })

  it('works once: a second use of the same link, even in parallel, is refused', async () => {
    const { path } = await invited()
    const a = new Agent(t.app)
    const b = new Agent(t.app)
    await a.get(path)
    await b.get(path)
    const [ra, rb] = await Promise.all([
      a.post(path, { password: 'otter lamp biscuit', confirmPassword: 'otter lamp biscuit' }),
      b.post(path, { password: 'heron cable window', confirmPassword: 'heron cable window' }),
    ])
    expect([ra.status, rb.status].sort()).toEqual([303, 404])
    const again = await a.getText(path)
    expect(again.status).toBe(404)
    expect(again.text).toContain('This link has expired or has already been used')
  })

  it('refuses an expired link and an unknown one', async () => {
    const { userId, path } = await invited()
    await t.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.userId, userId))
    expect((await new Agent(t.app).get(path)).status).toBe(404)
    expect((await new Agent(t.app).get('/account/set-password/not-a-real-token')).status).toBe(404)
  })
})

describe('password reset', () => {
  it('gives the same answer whether or not the address has an account, and emails a single-use link', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    await agent.get('/account/reset')
    const known = await agent.post('/account/reset', { email: user.email.toUpperCase() })
    const unknown = await agent.post('/account/reset', { email: 'nobody-here@example.org' })
    expect(known.status).toBe(303)
    expect(unknown.status).toBe(303)
    expect(known.headers.get('location')).toBe(unknown.headers.get('location'))
    expect(await (await agent.get(known.headers.get('location')!)).text()).toContain('If that address has an account')
    await expect.poll(() => smtp.to(user.email).length, { timeout: 5000 }).toBe(1)
    expect(smtp.to('nobody-here@example.org')).toHaveLength(0)
    const mail = smtp.to(user.email)[0]!
    expect(mail.subject).toBe('Reset your Joined Up password')
    const path = linkIn(mail.text)!
    await agent.get(path)
    expect((await agent.post(path, { password: 'heron cable window', confirmPassword: 'heron cable window' })).status).toBe(303)
    await agent.signIn(user.email, 'heron cable window')
    expect((await new Agent(t.app).get(path)).status).toBe(404)
    const audited = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.event, 'user.password_reset')))
    expect(audited).toHaveLength(1)
  })

  it('sends at most three links an hour to one address', async () => {
    const user = await buildUser(t.db)
    for (let i = 0; i < 5; i++) await t.services.accounts.requestPasswordReset(user.email, `192.0.2.${i}`).done
    expect(smtp.to(user.email)).toHaveLength(3)
  })

  it('asks for an email address in the right format, keeping what was typed', async () => {
    const agent = new Agent(t.app)
    await agent.get('/account/reset')
    const res = await agent.post('/account/reset', { email: 'not an address' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('href="#email"')
    expect(html).toContain('value="not an address"')
  })
})

describe('change password when signed in', () => {
  it('needs the current password; ends every other session and gives this one a new id', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    const elsewhere = new Agent(t.app)
    await agent.signIn(user.email)
    await elsewhere.signIn(user.email)
    const before = agent.cookies.get('ju_session')
    await agent.get('/account/password')
    const wrong = await agent.post('/account/password', { currentPassword: 'not it at all', password: 'heron cable window', confirmPassword: 'heron cable window' })
    expect(wrong.status).toBe(400)
    const html = await wrong.text()
    expect(html).toContain('href="#currentPassword"')
    expect(html).not.toContain('heron cable window')
    const weak = await agent.post('/account/password', { currentPassword: TEST_PASSWORD, password: 'qwerty123456', confirmPassword: 'qwerty123456' })
    expect(weak.status).toBe(400)
    const ok = await agent.post('/account/password', { currentPassword: TEST_PASSWORD, password: 'heron cable window', confirmPassword: 'heron cable window' })
    expect(ok.status).toBe(303)
    expect(agent.cookies.get('ju_session')).not.toBe(before)
    expect((await agent.get('/manage/users')).status).not.toBe(302)
    expect((await elsewhere.get('/account/password')).status).toBe(302)
    await new Agent(t.app).signIn(user.email, 'heron cable window')
  })

  it('sends an anonymous visitor to sign in (401 for JSON)', async () => {
    const res = await t.app.request('http://localhost/account/password')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Faccount%2Fpassword')
    const json = await t.app.request('http://localhost/account/password', { headers: { accept: 'application/json' } })
    expect(json.status).toBe(401)
  })
})
