import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { sessions } from './accounts.tables.ts'
import { sessionHandle } from './session-list.ts'

// One proxy in front, so the tests can say where each browser is (X-Forwarded-For).
const t = useTestApp({ trustProxy: 1, sessionIdleMinutes: 45, sessionAbsoluteHours: 12 })
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

/** A browser signing in through the real sign-in form, with its own User-Agent and address. */
async function browser(email: string, userAgent: string, address: string): Promise<Agent> {
  const agent = new Agent(t.app)
  await agent.get('/sign-in')
  const res = await t.app.request('http://localhost/sign-in', {
    method: 'POST',
    headers: {
      host: 'localhost',
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': userAgent,
      'x-forwarded-for': address,
    },
    body: new URLSearchParams({ _csrf: agent.csrf!, email, password: TEST_PASSWORD }),
  })
  expect(res.status).toBe(303)
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';')
    agent.cookies.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1))
  }
  return agent
}

const endLinks = (html: string) => [...html.matchAll(/action="(\/account\/sessions\/[\w-]{22}\/sign-out)"/g)].map((m) => m[1]!)
const sessionsOf = (userId: string) => t.db.select().from(sessions).where(eq(sessions.userId, userId))

describe('your sessions', () => {
  it('sends the public to sign in, and refuses their forms', async () => {
    for (const path of ['/account', '/account/sessions']) {
      const res = await t.app.request(`http://localhost${path}`)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`)
    }
    const anonymous = new Agent(t.app)
    expect((await anonymous.post('/account/sessions/sign-out-others')).status).toBe(401)
    expect((await anonymous.post('/account/sessions/abcdefghijklmnopqrstuv/sign-out')).status).toBe(401)
  })

  it('is linked from the account area and lists my sessions in plain words, this one marked, with the limits', async () => {
    const user = await buildUser(t.db)
    const laptop = await browser(user.email, FIREFOX_WINDOWS, '203.0.113.10')
    await browser(user.email, SAFARI_IPHONE, '198.51.100.20')
    const account = await laptop.getText('/account')
    expect(account.status).toBe(200)
    expect(account.text).toContain('href="/account/sessions"')
    expect(account.text).toContain('Your account')
    const page = await laptop.getText('/account/sessions')
    expect(page.status).toBe(200)
    expect(page.res.headers.get('cache-control')).toBe('no-store')
    for (const text of ['Firefox on Windows', 'Safari on iPhone', '203.0.113.10', '198.51.100.20', 'This session', 'Password', '45 minutes', '12 hours']) {
      expect(page.text).toContain(text)
    }
    // "This session" is the laptop's; the only per-session button is the phone's (the newest activity comes first).
    const cards = page.text.split('class="govuk-summary-card"').slice(1)
    expect(cards).toHaveLength(2)
    expect(cards[0]).toContain('Safari on iPhone')
    expect(endLinks(cards[0]!)).toHaveLength(1)
    expect(cards[1]).toContain('Firefox on Windows')
    expect(cards[1]).toContain('This session')
    expect(endLinks(cards[1]!)).toEqual([])
    expect(page.text).toContain('Sign out of all other sessions')
  })

  it('signs out another of my sessions (audited); that browser is then signed out', async () => {
    const user = await buildUser(t.db)
    const laptop = await browser(user.email, FIREFOX_WINDOWS, '203.0.113.11')
    const phone = await browser(user.email, SAFARI_IPHONE, '198.51.100.21')
    const [link] = endLinks((await laptop.getText('/account/sessions')).text)
    const res = await laptop.post(link!)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account/sessions')
    const after = await laptop.getText('/account/sessions')
    expect(after.text).toContain('That session has been signed out')
    expect(after.text).not.toContain('Safari on iPhone')
    expect((await phone.get('/account/sessions')).status).toBe(302)
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.session_ended'), eq(auditEvents.subjectId, user.id)))
    expect(audit!.data).toMatchObject({ method: 'password', client: '198.51.100.21' })
  })

  it('never ends another user’s session: their session id is not found', async () => {
    const me = await buildUser(t.db)
    const them = await buildUser(t.db)
    const mine = await browser(me.email, FIREFOX_WINDOWS, '203.0.113.12')
    const theirs = await browser(them.email, FIREFOX_WINDOWS, '203.0.113.13')
    await browser(them.email, SAFARI_IPHONE, '198.51.100.22')
    const [theirLink] = endLinks((await theirs.getText('/account/sessions')).text)
    await mine.get('/account/sessions') // a CSRF token of my own session
    const res = await mine.post(theirLink!)
    expect(res.status).toBe(404)
    expect(await sessionsOf(them.id)).toHaveLength(2)
    expect((await mine.post('/account/sessions/not-a-session/sign-out')).status).toBe(404)
  })

  it('signs out of all other sessions, keeping this one (audited)', async () => {
    const user = await buildUser(t.db)
    const laptop = await browser(user.email, FIREFOX_WINDOWS, '203.0.113.14')
    const others = [await browser(user.email, SAFARI_IPHONE, '198.51.100.23'), await browser(user.email, SAFARI_IPHONE, '198.51.100.24')]
    await laptop.get('/account/sessions')
    const res = await laptop.post('/account/sessions/sign-out-others')
    expect(res.status).toBe(303)
    const page = await laptop.getText('/account/sessions')
    expect(page.text).toContain('Signed out of 2 other sessions')
    expect(page.text).toContain('You are not signed in anywhere else')
    for (const other of others) expect((await other.get('/account')).status).toBe(302)
    expect(await sessionsOf(user.id)).toHaveLength(1)
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.other_sessions_ended'), eq(auditEvents.subjectId, user.id)))
    expect(audit!.data).toEqual({ count: 2 })
  })

  it('ending the session in use signs me out', async () => {
    const user = await buildUser(t.db)
    const laptop = await browser(user.email, FIREFOX_WINDOWS, '203.0.113.15')
    const [row] = await sessionsOf(user.id)
    const page = await laptop.getText('/account/sessions')
    expect(endLinks(page.text)).toEqual([])
    // Not offered as a button (it is "Sign out"), but a hand-made request for it is honoured.
    const res = await laptop.post(`/account/sessions/${sessionHandle(row!.idHash)}/sign-out`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    expect(laptop.cookies.has('ju_session')).toBe(false)
    expect(await sessionsOf(user.id)).toEqual([])
  })
})

describe('without single sign-on configured', () => {
  it('shows no second button and has no single sign-on routes', async () => {
    const page = await new Agent(t.app).getText('/sign-in')
    expect(page.text).not.toContain('/sign-in/sso')
    const agent = new Agent(t.app)
    expect((await agent.get('/sign-in/sso?next=%2Fmanage')).status).toBe(404)
    expect((await agent.get('/sign-in/sso/callback?code=x&state=y')).status).toBe(404)
  })
})
