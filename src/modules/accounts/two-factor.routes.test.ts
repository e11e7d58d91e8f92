import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { sessions } from './accounts.tables.ts'
import { totpCode } from './totp.ts'

const t = useTestApp()

/** Every form on a page that changes something carries a non-empty CSRF token. */
function expectCsrfOnEveryForm(html: string): void {
  const forms = html.match(/<form [^>]*method="post"[^>]*>[\s\S]*?<\/form>/g) ?? []
  expect(forms.length).toBeGreaterThan(0)
  for (const form of forms) expect(form).toMatch(/name="_csrf" value="[\w-]{20,}"/)
}

/** A signed-in agent for a new user who then sets up two-factor sign-in through the pages, as a browser would. */
async function setUpThroughPages(opts: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(t.db, opts)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  const status = await agent.getText('/account/two-factor')
  expect(status.text).toContain('Two-factor authentication is off')
  expectCsrfOnEveryForm(status.text)
  const start = await agent.post('/account/two-factor/start')
  expect(start.status).toBe(303)
  expect(start.headers.get('location')).toBe('/account/two-factor/set-up')
  const page = await agent.getText('/account/two-factor/set-up')
  expect(page.status).toBe(200)
  expectCsrfOnEveryForm(page.text)
  expect(page.text).toMatch(/<svg role="img" aria-label="QR code for your authenticator app"/)
  const key = /data-key="([A-Z2-7]{32})"/.exec(page.text)![1]!
  expect(page.text).toContain(key.match(/.{4}/g)!.join(' '))
  return { user, agent, key }
}

/** Signs out, then in with the password: the answer should be the way to the code page. */
async function passwordStep(agent: Agent, email: string, next?: string): Promise<Response> {
  await agent.post('/sign-out')
  await agent.get('/sign-in')
  return agent.post('/sign-in', { email, password: TEST_PASSWORD, ...(next ? { next } : {}) })
}

describe('setting up two-factor authentication in the account pages', () => {
  it('sends anonymous visitors to sign in, and refuses their forms', async () => {
    const anon = new Agent(t.app)
    for (const path of ['/account', '/account/two-factor', '/account/two-factor/set-up', '/account/two-factor/recovery-codes', '/account/two-factor/turn-off']) {
      const res = await anon.get(path)
      expect(res.status, path).toBe(302)
      expect(res.headers.get('location'), path).toBe(`/sign-in?next=${encodeURIComponent(path)}`)
    }
    await anon.get('/sign-in')
    for (const path of ['/account/two-factor/start', '/account/two-factor/set-up', '/account/two-factor/recovery-codes', '/account/two-factor/turn-off']) {
      expect((await anon.post(path, { code: '123456', currentPassword: 'x' })).status, path).toBe(401)
    }
  })

  it('shows the QR code and key, refuses a wrong code with the error summary, and shows 10 recovery codes once', async () => {
    const { agent, key } = await setUpThroughPages()
    const empty = await agent.post('/account/two-factor/set-up', { code: '' })
    expect(empty.status).toBe(400)
    expectFormErrors(await empty.text(), ['code'], ['Enter the code from your authenticator app'])
    const letters = await agent.post('/account/two-factor/set-up', { code: 'abc' })
    expectFormErrors(await letters.text(), ['code'], ['The code must be 6 numbers'])
    const wrong = String((Number(totpCode(key, Date.now())) + 1) % 1_000_000).padStart(6, '0')
    const refused = await agent.post('/account/two-factor/set-up', { code: wrong })
    expect(refused.status).toBe(400)
    const refusedHtml = await refused.text()
    expectFormErrors(refusedHtml, ['code'], ['The code is not right'])
    expect(refusedHtml).toContain(key.slice(0, 4)) // the same key, still waiting

    const done = await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    expect(done.status).toBe(200)
    const html = await done.text()
    expect(html).toContain('Two-factor authentication is on')
    expect(html.match(/<code>[a-z2-9]{5}-[a-z2-9]{5}<\/code>/g)).toHaveLength(10)
    // Once: the set-up page no longer exists, and the status page shows no codes.
    expect((await agent.get('/account/two-factor/set-up')).headers.get('location')).toBe('/account/two-factor')
    const status = await agent.getText('/account/two-factor')
    expect(status.text).toContain('10 of 10')
    expect(status.text).not.toMatch(/<code>/)
    const account = await agent.getText('/account')
    expect(account.text).toContain('On, 10 recovery codes left')
    expect(account.text).toContain('href="/account/two-factor"')
  })

  it('puts a Your account link in the header, leading to two-factor authentication', async () => {
    const agent = new Agent(t.app)
    await agent.signIn((await buildUser(t.db)).email)
    const home = await agent.getText('/manage')
    expect(home.text).toMatch(/<a class="govuk-service-navigation__link" href="\/account"[^>]*>\s*Your account\s*</)
    const account = await agent.getText('/account')
    expect(account.text).toContain('Two-factor authentication')
    expect(account.text).toContain('Off')
  })
})

describe('signing in with two-factor authentication', () => {
  it('asks for the code after the password, with no session until it is right', async () => {
    const { user, agent, key } = await setUpThroughPages()
    await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    const res = await passwordStep(agent, user.email, '/account')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/sign-in/two-factor?next=%2Faccount')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ju_2fa='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/Max-Age=600/i)
    expect(agent.cookies.has('ju_session')).toBe(false)
    expect((await agent.get('/manage')).status).toBe(302) // not signed in yet

    const page = await agent.getText('/sign-in/two-factor?next=%2Faccount')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Enter the code from your authenticator app')
    expect(page.text).toContain('autocomplete="one-time-code"')
    expect(page.text).toContain('href="/sign-in/recovery-code?next=%2Faccount"')
    expectCsrfOnEveryForm(page.text)

    const wrong = await agent.post('/sign-in/two-factor', { code: '000000', next: '/account' })
    expect(wrong.status).toBe(400)
    expectFormErrors(await wrong.text(), ['code'], ['The code is not right', 'You can try 4 more times'])
    const later = Date.now() + 30_000
    const ok = await agent.post('/sign-in/two-factor', { code: totpCode(key, later), next: '/account' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/account')
    expect(agent.cookies.has('ju_session')).toBe(true)
    expect(agent.cookies.has('ju_2fa')).toBe(false)
    expect((await agent.get('/manage')).status).toBe(200)
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows.map((r) => r.method)).toEqual(['password+totp'])
  })

  it('takes a recovery code instead, and says how many are left', async () => {
    const { user, agent, key } = await setUpThroughPages()
    const html = await (await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })).text()
    const codes = [...html.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!)
    expect(codes).toHaveLength(10)
    await passwordStep(agent, user.email)
    const page = await agent.getText('/sign-in/recovery-code')
    expect(page.text).toContain('Enter a recovery code')
    expectCsrfOnEveryForm(page.text)
    const badFormat = await agent.post('/sign-in/recovery-code', { code: 'nope' })
    expectFormErrors(await badFormat.text(), ['code'], ['Recovery codes are 10 letters and numbers'])
    const ok = await agent.post('/sign-in/recovery-code', { code: codes[0]! })
    expect(ok.status).toBe(303)
    expect((await agent.getText('/manage')).text).toContain('You used a recovery code. You have 9 left')

    await passwordStep(agent, user.email)
    await agent.get('/sign-in/recovery-code')
    const spent = await agent.post('/sign-in/recovery-code', { code: codes[0]! })
    expect(spent.status).toBe(400)
    expect(await spent.text()).toContain('This recovery code is not right, or it has been used already')
  })

  it('sends a visitor without a live challenge back to sign in, and makes them start again after 5 wrong codes', async () => {
    const anon = new Agent(t.app)
    const noChallenge = await anon.get('/sign-in/two-factor?next=%2Faccount')
    expect(noChallenge.status).toBe(302)
    expect(noChallenge.headers.get('location')).toBe('/sign-in?next=%2Faccount')
    await anon.get('/sign-in')
    expect((await anon.post('/sign-in/two-factor', { code: '123456' })).status).toBe(401)

    const { user, agent, key } = await setUpThroughPages()
    await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    await passwordStep(agent, user.email)
    await agent.get('/sign-in/two-factor')
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await agent.post('/sign-in/two-factor', { code: '000000' })).status)
    expect(statuses).toEqual([400, 400, 400, 400, 401])
    expect(agent.cookies.has('ju_2fa')).toBe(false)
    expect((await agent.get('/sign-in/two-factor')).headers.get('location')).toBe('/sign-in')
  })

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const { user, agent, key } = await setUpThroughPages()
    await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    await agent.post('/sign-out')
    const anon = new Agent(t.app)
    await anon.get('/sign-in')
    const wrong = await anon.post('/sign-in', { email: user.email, password: 'not the password' })
    const unknown = await anon.post('/sign-in', { email: 'nobody@example.org', password: 'not the password' })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const text = (html: string) => /<ul class="govuk-list govuk-error-summary__list">[\s\S]*?<\/ul>/.exec(html)![0]
    expect(text(await wrong.text())).toBe(text(await unknown.text()))
    expect(anon.cookies.has('ju_2fa')).toBe(false)
  })
})

describe('new recovery codes and turning it off', () => {
  it('needs the current password for either, keeping no password in the page', async () => {
    const { user, agent, key } = await setUpThroughPages()
    await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    for (const path of ['/account/two-factor/recovery-codes', '/account/two-factor/turn-off']) {
      const page = await agent.getText(path)
      expectCsrfOnEveryForm(page.text)
      const wrong = await agent.post(path, { currentPassword: 'a wrong password here' })
      expect(wrong.status, path).toBe(400)
      const html = await wrong.text()
      expectFormErrors(html, ['currentPassword'], ['Your current password is not right'])
      expect(html).not.toContain('a wrong password here')
    }
    const fresh = await agent.post('/account/two-factor/recovery-codes', { currentPassword: TEST_PASSWORD })
    expect(fresh.status).toBe(200)
    expect((await fresh.text()).match(/<code>[a-z2-9]{5}-[a-z2-9]{5}<\/code>/g)).toHaveLength(10)
    const off = await agent.post('/account/two-factor/turn-off', { currentPassword: TEST_PASSWORD })
    expect(off.status).toBe(303)
    expect((await agent.getText('/account/two-factor')).text).toContain('Two-factor authentication is off. Signing in needs only your password')
    const again = await passwordStep(agent, user.email)
    expect(again.headers.get('location')).toBe('/manage')
  })
})

describe('/manage/security and the requirement for staff', () => {
  it('is for admins: anonymous visitors sign in, a secretariat gets 403', async () => {
    const anon = new Agent(t.app)
    const res = await anon.get('/manage/security')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fmanage%2Fsecurity')
    await anon.get('/sign-in')
    expect((await anon.post('/manage/security', { requireTwoFactorForStaff: 'yes', version: '1' })).status).toBe(401)

    const partnership = await buildPartnership(t.db)
    const secretariat = new Agent(t.app)
    await secretariat.signIn((await buildUser(t.db, { secretariatOf: [partnership.id] })).email)
    expect((await secretariat.get('/manage/security')).status).toBe(403)
    expect((await secretariat.post('/manage/security', { requireTwoFactorForStaff: 'yes', version: '1' })).status).toBe(403)
  })

  it('sends staff without 2FA to set it up before any /manage page, until they do', async () => {
    const partnership = await buildPartnership(t.db)
    const admin = new Agent(t.app)
    await admin.signIn((await buildUser(t.db, { isAdmin: true })).email)
    const page = await admin.getText('/manage/security')
    expectCsrfOnEveryForm(page.text)
    const version = /name="version" value="(\d+)"/.exec(page.text)![1]!
    const saved = await admin.post('/manage/security', { requireTwoFactorForStaff: 'yes', version })
    expect(saved.status).toBe(303)
    const stale = await admin.post('/manage/security', { requireTwoFactorForStaff: 'no', version })
    expect(stale.status).toBe(303) // the gate first: this admin has no 2FA yet
    expect(stale.headers.get('location')).toBe('/account/two-factor')

    const { agent, key, user } = await setUpThroughPages({ secretariatOf: [partnership.id] })
    for (const path of ['/manage', '/manage/users', `/manage/partnerships/${partnership.id}`]) {
      const res = await agent.get(path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location'), path).toBe('/account/two-factor')
    }
    expect((await agent.getText('/account/two-factor')).text).toContain('You need to set up two-factor authentication before you can use the management pages')
    await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    expect((await agent.get('/manage')).status).toBe(200)
    const out = await agent.post('/sign-out')
    expect(out.status).toBe(303)
    expect(agent.cookies.has('ju_session')).toBe(false)
    expect((await passwordStep(agent, user.email)).headers.get('location')).toBe('/sign-in/two-factor')

    // A member (no staff role) is not asked.
    const member = new Agent(t.app)
    await member.signIn((await buildUser(t.db)).email)
    expect((await member.get('/manage')).status).toBe(200)
  })

  it('keeps what the admin chose and answers 409 when someone saved first', async () => {
    const first = await setUpThroughPages({ isAdmin: true })
    await first.agent.post('/account/two-factor/set-up', { code: totpCode(first.key, Date.now()) })
    const page = await first.agent.getText('/manage/security')
    const version = /name="version" value="(\d+)"/.exec(page.text)![1]!
    const current = /value="yes" checked/.test(page.text) ? 'yes' : 'no'
    const other = current === 'yes' ? 'no' : 'yes'
    expect((await first.agent.post('/manage/security', { requireTwoFactorForStaff: other, version })).status).toBe(303)
    const conflict = await first.agent.post('/manage/security', { requireTwoFactorForStaff: current, version })
    expect(conflict.status).toBe(409)
    const html = await conflict.text()
    expect(html).toContain('govuk-error-summary')
    expect(html).toMatch(new RegExp(`name="version" value="${Number(version) + 1}"`))
  })

  it('lets an admin reset a user’s two-factor authentication from their account page', async () => {
    const { user, agent, key } = await setUpThroughPages()
    await agent.post('/account/two-factor/set-up', { code: totpCode(key, Date.now()) })
    const admin = await setUpThroughPages({ isAdmin: true })
    await admin.agent.post('/account/two-factor/set-up', { code: totpCode(admin.key, Date.now()) })
    const page = await admin.agent.getText(`/manage/users/${user.id}`)
    expect(page.text).toContain('Reset two-factor authentication')
    expectCsrfOnEveryForm(page.text)
    const reset = await admin.agent.post(`/manage/users/${user.id}/two-factor/reset`)
    expect(reset.status).toBe(303)
    expect((await passwordStep(agent, user.email)).headers.get('location')).toBe('/manage')
  })
})
