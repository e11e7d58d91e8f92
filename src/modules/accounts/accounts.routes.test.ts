import { describe, expect, it } from 'vitest'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'

const t = useTestApp()

/** A new visitor with the sign-in form open (so it holds the form's CSRF token), ready to post it. */
async function openSignIn(): Promise<Agent> {
  const agent = new Agent(t.app)
  await agent.get('/sign-in')
  return agent
}

describe('sign in', () => {
  it('signs in with the right password and lands on the management area', async () => {
    const partnership = await buildPartnership(t.db)
    const user = await buildUser(t.db, { secretariatOf: [partnership.id] })
    const agent = await openSignIn()
    const res = await agent.post('/sign-in', { email: user.email.toUpperCase(), password: TEST_PASSWORD })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/manage')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ju_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const manage = await agent.get('/manage')
    expect(manage.status).toBe(200)
    expect(manage.headers.get('cache-control')).toBe('no-store')
  })

  it('refuses a wrong password with a GOV.UK error summary, status 400 and the email kept', async () => {
    const user = await buildUser(t.db)
    const agent = await openSignIn()
    const res = await agent.post('/sign-in', { email: user.email, password: 'wrong' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expectFormErrors(html, [], ['Enter a correct email address and password', `value="${user.email}"`])
    expect(html).not.toContain('value="wrong"')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ju_session='))).toBe(false)
  })

  it('shows field errors for an empty form', async () => {
    const agent = await openSignIn()
    const res = await agent.post('/sign-in', { email: '', password: '' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('href="#email"')
    expect(html).toContain('Enter your password')
  })

  it('never redirects off-site after sign in', async () => {
    for (const next of ['//evil.example/x', '/\t/evil.example', '/\\evil.example', 'https://evil.example', '/a\nb']) {
      const user = await buildUser(t.db)
      const agent = await openSignIn()
      const res = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD, next })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/manage')
    }
  })

  it('follows a same-site path with its query', async () => {
    const user = await buildUser(t.db)
    const agent = await openSignIn()
    const res = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD, next: '/manage/people?q=Hughes' })
    expect(res.headers.get('location')).toBe('/manage/people?q=Hughes')
  })

  it('signs out and the old session no longer works', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const session = agent.cookies.get('ju_session')!
    expect((await agent.post('/sign-out')).status).toBe(303)
    const replay = new Agent(t.app)
    replay.cookies.set('ju_session', session)
    const res = await replay.get('/manage')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fmanage')
  })
})

describe('sign-in throttling', () => {
  it('slows one address on one account after five failures, even with the right password, with status 429', async () => {
    const user = await buildUser(t.db)
    const agent = await openSignIn()
    for (let i = 0; i < 5; i++) {
      expect((await agent.post('/sign-in', { email: user.email, password: `wrong ${i}` })).status).toBe(400)
    }
    const res = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })
    expect(res.status).toBe(429)
    const html = await res.text()
    expect(html).toContain('Too many failed attempts. Wait 1 minute and try again')
    expect(html).toContain(`value="${user.email}"`)
    // another account is not affected
    const other = await buildUser(t.db)
    expect((await agent.post('/sign-in', { email: other.email, password: TEST_PASSWORD })).status).toBe(303)
  })

  it('counts each attempt before checking the password: 30 parallel wrong passwords are not all checked', async () => {
    const user = await buildUser(t.db)
    const agent = await openSignIn()
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => agent.post('/sign-in', { email: user.email, password: `wrong ${i}` }).then((r) => r.status)))
    // A 400 means the hash was checked and found wrong; every other attempt was refused before hashing.
    expect(statuses.filter((s) => s === 400)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(25)
  })

  it('does not lock the real owner out: another address still signs in, and a failed sign-in is audited', async () => {
    const user = await buildUser(t.db)
    for (let i = 0; i < 8; i++) await t.services.accounts.signIn(user.email, `wrong ${i}`, '203.0.113.66')
    expect((await t.services.accounts.signIn(user.email, TEST_PASSWORD, '203.0.113.66')).kind).toBe('throttled')
    expect((await t.services.accounts.signIn(user.email, TEST_PASSWORD, '198.51.100.7')).kind).toBe('signed_in')
    const { auditEvents } = await import('../../platform/audit/audit.tables.ts')
    const { and, eq } = await import('drizzle-orm')
    const failed = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.event, 'user.sign_in_failed')))
    expect(failed).toHaveLength(5) // the three refused by the throttle never reached the password check
    const signedIn = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.event, 'user.signed_in')))
    expect(signedIn).toHaveLength(1)
  })
})

describe('session id rotation', () => {
  it('gives a new session id on sign-in and ends the one the browser came with', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const first = agent.cookies.get('ju_session')!
    await agent.get('/sign-in?next=/manage')
    const res = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })
    expect(res.status).toBe(303)
    const second = agent.cookies.get('ju_session')!
    expect(second).not.toBe(first)
    const replay = new Agent(t.app)
    replay.cookies.set('ju_session', first)
    expect((await replay.get('/manage')).status).toBe(302)
    expect((await agent.get('/manage')).status).toBe(200)
  })
})

describe('CSRF protection', () => {
  it('refuses a form with a forged token', async () => {
    const agent = await openSignIn()
    agent.csrf = 'forged'
    const res = await agent.post('/sign-in', { email: 'a@example.org', password: 'x' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('session has expired')
  })

  it('refuses a form with the cookie but no token at all', async () => {
    const agent = await openSignIn()
    const res = await t.app.request('http://localhost/sign-in', {
      method: 'POST',
      headers: { host: 'localhost', cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'a@example.org', password: 'x' }),
    })
    expect(res.status).toBe(403)
  })

  it('refuses a form posted from another origin', async () => {
    const agent = await openSignIn()
    const res = await t.app.request('http://localhost/sign-in', {
      method: 'POST',
      headers: {
        host: 'localhost',
        origin: 'https://evil.example',
        cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: agent.csrf!, email: 'a@example.org', password: 'x' }),
    })
    expect(res.status).toBe(403)
  })

  it('binds the token to the session: a token from before sign-in fails after it', async () => {
    const user = await buildUser(t.db)
    const agent = await openSignIn()
    const anonymousToken = agent.csrf!
    await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })
    agent.csrf = anonymousToken
    expect((await agent.post('/sign-out')).status).toBe(403)
  })
})

describe('staff routes refuse the public', () => {
  it('redirects a page request to sign in and gives an API caller 401 problem JSON', async () => {
    const res = await t.app.request('http://localhost/manage')
    expect(res.status).toBe(302)
    const json = await t.app.request('http://localhost/manage', { headers: { accept: 'application/json' } })
    expect(json.status).toBe(401)
    expect(json.headers.get('content-type')).toContain('application/problem+json')
  })
  it('answers a malformed id or an out-of-range number without a 500', async () => {
    expect((await t.app.request('http://localhost/meetings/not-a-uuid')).status).toBe(404)
    expect((await t.app.request('http://localhost/papers/not-a-uuid/x.pdf')).status).toBe(404)
  })
  it('serves a GOV.UK 404 page with no stack trace', async () => {
    const res = await t.app.request('http://localhost/no-such-page')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Page not found')
  })
})

describe('characters PostgreSQL cannot store', () => {
  it('answers a NUL byte in a query with 400, not 500', async () => {
    const res = await t.app.request('http://localhost/decisions?q=%00')
    expect([200, 400]).toContain(res.status)
  })
})
