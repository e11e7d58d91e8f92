import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import { Agent, createTestApp, signedInAgent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { signInAtProvider, useTestOidcProvider, type TestOidcAccount } from '../../../test/support/oidc-provider.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { sessions, userIdentities, users } from './accounts.tables.ts'

const CALLBACK = 'http://localhost/sign-in/sso/callback'
const oidc = useTestOidcProvider({ redirectUris: [CALLBACK] })
// The app is built in useTestApp's beforeAll, after the provider has started (hooks run in order).
const config: Partial<Config> = { publicUrl: 'http://localhost' }
beforeAll(() => {
  config.sso = oidc.provider.ssoConfig(CALLBACK, 'Test Provider')
})
const t = useTestApp(config)

function person(claims: Partial<TestOidcAccount> = {}): TestOidcAccount {
  const id = randomBytes(4).toString('hex')
  const account = { sub: `sub-${id}`, email: `person-${id}@council.example`, email_verified: true, ...claims }
  oidc.provider.accounts.set(account.sub, account)
  return account
}

/** Follow "Sign in with Test Provider" from the sign-in page; the answer is the redirect to the provider. */
async function start(agent: Agent, next = '') {
  const page = await agent.getText(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`)
  const href = /href="(\/sign-in\/sso[^"]*)"/.exec(page.text)![1]!.replace(/&amp;/g, '&')
  const res = await agent.get(href)
  expect(res.status).toBe(303)
  return res
}

/** The whole round trip in one browser: our button, the provider's pages, our callback. */
async function roundTrip(agent: Agent, login: string, next = '') {
  const res = await start(agent, next)
  const back = await signInAtProvider(res.headers.get('location')!, login)
  expect(back.origin + back.pathname).toBe(CALLBACK)
  return { callbackPath: back.pathname + back.search, res: await agent.get(back.pathname + back.search) }
}

describe('signing in with single sign-on', () => {
  it('shows a second button on the sign-in page, which starts the code flow with PKCE, state and nonce in a sealed cookie', async () => {
    const agent = new Agent(t.app)
    const page = await agent.getText('/sign-in')
    expect(page.text).toContain('Sign in with Test Provider')
    expect((await agent.getText('/sign-in?next=%2Faccount')).text).toContain('href="/sign-in/sso?next=%2Faccount"')
    const res = await start(agent, '/account')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const to = new URL(res.headers.get('location')!)
    expect(to.origin).toBe(oidc.provider.issuer)
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: oidc.provider.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    })
    for (const p of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(p)).toMatch(/^[\w-]{43}$/)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ju_sso='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Path=\/sign-in\/sso/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Max-Age=600/)
    // Nothing the provider is sent appears in the cookie in the clear.
    const sealed = decodeURIComponent(cookie.split(';')[0]!.slice('ju_sso='.length))
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(to.searchParams.get('state')!)
  })

  it('signs in a linked or verified-email account, goes where it was going, and records the session as single sign-on', async () => {
    const who = person()
    const user = await buildUser(t.db, { email: who.email, displayName: 'Sam Single' })
    const agent = new Agent(t.app)
    const { res } = await roundTrip(agent, who.sub, '/account/sessions')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account/sessions')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ju_sso=;') || /^ju_sso=.*Max-Age=0/i.test(c))).toBe(true)
    expect(agent.cookies.has('ju_session')).toBe(true)
    const page = await agent.getText('/account/sessions')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Single sign-on')
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id))
    expect(events.map((e) => e.event).sort()).toEqual(['user.signed_in', 'user.sso_linked'])

    // Next time: by the link, and an unsafe "next" is not followed.
    const again = new Agent(t.app)
    const second = await roundTrip(again, who.sub, '//evil.example/x')
    expect(second.res.headers.get('location')).toBe('/manage')
  })

  it('refuses an unknown email with a page that says to ask for an invitation, and creates no account', async () => {
    const who = person()
    const { res } = await roundTrip(new Agent(t.app), who.sub)
    expect(res.status).toBe(403)
    const html = await res.text()
    expect(html).toMatch(/ask your partnership(’|')s secretariat to invite you/i)
    expect(html).toContain(who.email)
    expect(await t.db.select().from(users).where(eq(users.email, who.email!))).toEqual([])
    const [refusal] = (await t.db.select().from(auditEvents).where(eq(auditEvents.event, 'user.sso_refused'))).filter((e) => e.data.email === who.email)
    expect(refusal!.data).toMatchObject({ reason: 'unknown_email' })
  })

  it('refuses an unverified email and a disabled account, each with its own page', async () => {
    const unverified = person({ email_verified: false })
    await buildUser(t.db, { email: unverified.email })
    const a = await roundTrip(new Agent(t.app), unverified.sub)
    expect(a.res.status).toBe(403)
    expect(await a.res.text()).toContain('did not confirm that')

    const disabled = person()
    const user = await buildUser(t.db, { email: disabled.email })
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, user.id))
    const b = await roundTrip(new Agent(t.app), disabled.sub)
    expect(b.res.status).toBe(403)
    const html = await b.res.text()
    expect(html).toContain('Your account is disabled')
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
  })

  it('refuses a callback without its cookie, or with a changed state, and a replay of one already used', async () => {
    const who = person()
    const user = await buildUser(t.db, { email: who.email })
    const agent = new Agent(t.app)
    const res = await start(agent)
    const copiedCookie = agent.cookies.get('ju_sso')!
    const back = await signInAtProvider(res.headers.get('location')!, who.sub)
    const path = back.pathname + back.search

    const noCookie = await new Agent(t.app).getText(path)
    expect(noCookie.status).toBe(400)
    expect(noCookie.text).toContain('Sign-in could not be finished')
    const otherState = await agent.getText(path.replace(/state=[^&]+/, 'state=forged-state-value'))
    expect(otherState.status).toBe(400)

    // The refusals above cleared the browser's cookie: put the copy back, finish once, then replay it all.
    agent.cookies.set('ju_sso', copiedCookie)
    expect((await agent.get(path)).status).toBe(303)
    const replayer = new Agent(t.app)
    replayer.cookies.set('ju_sso', copiedCookie)
    const replay = await replayer.getText(path)
    expect(replay.status).toBe(400)
    expect(replayer.cookies.has('ju_session')).toBe(false)
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1)
  })

  it('lets an admin unlink an identity (audited) so a new one can link; a secretariat of another partnership cannot', async () => {
    const partnership = await buildPartnership(t.db)
    const first = person()
    const user = await buildUser(t.db, { email: first.email, secretariatOf: [partnership.id] })
    await roundTrip(new Agent(t.app), first.sub)
    const recreated = person({ email: first.email })
    const refused = await roundTrip(new Agent(t.app), recreated.sub)
    expect(refused.res.status).toBe(403)
    expect(await refused.res.text()).toContain('already linked to a different Test Provider account')

    const outsider = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(t.db)).id] })
    await outsider.get('/manage')
    expect((await outsider.post(`/manage/users/${user.id}/sso/unlink`, { issuer: oidc.provider.issuer, subject: first.sub })).status).toBe(403)

    const admin = await signedInAgent(t.app, t.services, { isAdmin: true })
    const page = await admin.getText(`/manage/users/${user.id}`)
    expect(page.text).toContain('Single sign-on')
    expect(page.text).toContain(oidc.provider.issuer)
    const res = await admin.post(`/manage/users/${user.id}/sso/unlink`, { issuer: oidc.provider.issuer, subject: first.sub })
    expect(res.status).toBe(303)
    expect(await t.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id))).toEqual([])
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.sso_unlinked'), eq(auditEvents.subjectId, user.id)))
    expect(audit!.data).toEqual({ issuer: oidc.provider.issuer, subject: first.sub })
    expect((await admin.post(`/manage/users/${user.id}/sso/unlink`, { issuer: oidc.provider.issuer, subject: first.sub })).status).toBe(404)

    const linked = await roundTrip(new Agent(t.app), recreated.sub)
    expect(linked.res.status).toBe(303)
    expect((await t.db.select().from(userIdentities).where(eq(userIdentities.userId, user.id))).map((i) => i.subject)).toEqual([recreated.sub])
  })

  it('says single sign-on is not available (503), without a stack trace, when the provider cannot be reached', async () => {
    const unreachable = { ...oidc.provider.ssoConfig(CALLBACK, 'Test Provider'), issuer: 'http://127.0.0.1:9' }
    const { app, logger } = createTestApp(t.database, { publicUrl: 'http://localhost', sso: unreachable })
    const res = await app.request('http://localhost/sign-in/sso?next=%2Fmanage')
    expect(res.status).toBe(503)
    const html = await res.text()
    expect(html).toContain('Single sign-on is not available')
    expect(html).toContain('sign in with your email address and password')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ju_sso='))).toBe(false)
    expect(logger.errors).toEqual([])
  })
})
