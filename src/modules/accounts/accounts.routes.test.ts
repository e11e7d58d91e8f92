import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent } from '../../../test/support/app.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'

const t = useTestApp()

describe('sign in', () => {
  it('signs in with the right password and lands on the management area', async () => {
    const partnership = await buildPartnership(t.db)
    const user = await buildUser(t.db, { secretariatOf: [partnership.id] })
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
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
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const res = await agent.post('/sign-in', { email: user.email, password: 'wrong' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('govuk-error-summary')
    expect(html).toContain('Enter a correct email address and password')
    expect(html).toContain(`value="${user.email}"`)
    expect(html).not.toContain('value="wrong"')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ju_session='))).toBe(false)
  })

  it('shows field errors for an empty form', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const res = await agent.post('/sign-in', { email: '', password: '' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('href="#email"')
    expect(html).toContain('Enter your password')
  })

  it('never redirects off-site after sign in', async () => {
    for (const next of ['//evil.example/x', '/\t/evil.example', '/\\evil.example', 'https://evil.example', '/a\nb']) {
      const user = await buildUser(t.db)
      const agent = new Agent(t.app)
      await agent.get('/sign-in')
      const res = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD, next })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/manage')
    }
  })

  it('follows a same-site path with its query', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
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
  it('refuses an account after five failures, even with the right password, with status 429', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    for (let i = 0; i < 5; i++) {
      expect((await agent.post('/sign-in', { email: user.email, password: `wrong ${i}` })).status).toBe(400)
    }
    const res = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD })
    expect(res.status).toBe(429)
    expect(await res.text()).toContain('Too many failed attempts. Wait 15 minutes and try again')
    // another account is not affected
    const other = await buildUser(t.db)
    expect((await agent.post('/sign-in', { email: other.email, password: TEST_PASSWORD })).status).toBe(303)
  })
})

describe('CSRF protection', () => {
  it('refuses a form without a token', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    agent.csrf = 'forged'
    const res = await agent.post('/sign-in', { email: 'a@example.org', password: 'x' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('session has expired')
  })

  it('refuses a form posted from another origin', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
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
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
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
