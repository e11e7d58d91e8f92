import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { signInAtProvider, useTestOidcProvider, type TestOidcAccount } from '../../../test/support/oidc-provider.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { accountsRepository } from './accounts.repository.ts'
import { accountsService } from './accounts.service.ts'
import { sessions, userIdentities, users } from './accounts.tables.ts'
import { hashToken } from './account-links.ts'
import { emailIsVerified, type SsoResult } from './sso.ts'
import { sealPending } from './sso-state.ts'

const REDIRECT = 'http://localhost/sign-in/sso/callback'
const SECRET = 'a-session-secret-for-tests-of-single-sign-on'
const t = useTestDb()
// The spec's way (claims from UserInfo) and Entra's way (claims in the ID token): both providers are real.
const spec = useTestOidcProvider({ redirectUris: [REDIRECT] })
const inIdToken = useTestOidcProvider({ redirectUris: [REDIRECT], claimsInIdToken: true })

const uniq = () => randomBytes(4).toString('hex')
type Which = typeof spec

function service(which: Which = spec, onError: (m: string, meta: Record<string, unknown>) => void = () => {}) {
  return accountsService(t.db, accountsRepository(t.db), { sso: { config: which.provider.ssoConfig(REDIRECT), secret: SECRET }, onError }).sso!
}

/** Someone at the provider, with a fresh subject and email unless given. */
function person(which: Which, claims: Partial<TestOidcAccount> = {}): TestOidcAccount {
  const id = uniq()
  const account = { sub: `sub-${id}`, email: `person-${id}@council.example`, email_verified: true, name: `Person ${id}`, ...claims }
  which.provider.accounts.set(account.sub, account)
  return account
}

/** The whole round trip: begin, the provider's pages, the callback. */
async function signInVia(which: Which, login: string, opts: { consent?: boolean; userAgent?: string } = {}) {
  const sso = service(which)
  const begun = await sso.begin('/manage/users')
  if ('kind' in begun) throw new Error('provider unavailable')
  const back = await signInAtProvider(begun.url, login, { consent: opts.consent })
  const input = { sealed: begun.sealed, callback: back.searchParams, userAgent: opts.userAgent, client: '203.0.113.7' }
  return { sso, input, result: await sso.finish(input), begun, back }
}

const audits = (event: string, subjectId?: string) =>
  t.db.select().from(auditEvents).where(subjectId ? and(eq(auditEvents.event, event), eq(auditEvents.subjectId, subjectId)) : eq(auditEvents.event, event))
const identitiesOf = (userId: string) => t.db.select().from(userIdentities).where(eq(userIdentities.userId, userId))
const signedIn = (r: SsoResult) => {
  if (r.kind !== 'signed_in') throw new Error(`expected a sign-in, got ${JSON.stringify(r)}`)
  return r
}

describe('single sign-on: matching the provider’s person to an account', () => {
  it('links a verified email to the invited account on first sign-in (audited), then signs in by the link alone', async () => {
    const partnership = await buildPartnership(t.db)
    const who = person(spec)
    const user = await buildUser(t.db, { email: who.email!.toUpperCase(), secretariatOf: [partnership.id] })
    const first = signedIn((await signInVia(spec, who.sub, { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/128.0' })).result)
    expect(first).toMatchObject({ userId: user.id, linked: true, next: '/manage/users' })
    const [identity] = await identitiesOf(user.id)
    expect(identity).toMatchObject({ issuer: spec.provider.issuer, subject: who.sub, email: who.email })
    const [linkedAudit] = await audits('user.sso_linked', user.id)
    expect(linkedAudit!.data).toMatchObject({ issuer: spec.provider.issuer, subject: who.sub, email: who.email })
    const [session] = await t.db.select().from(sessions).where(eq(sessions.idHash, hashToken(first.token)))
    expect(session).toMatchObject({ userId: user.id, method: 'sso', client: '203.0.113.7', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/128.0' })
    expect((await audits('user.signed_in', user.id)).map((a) => a.data)).toEqual([expect.objectContaining({ method: 'sso', client: '203.0.113.7' })])

    // The provider's email changes and is no longer verified: the link (issuer + subject) still signs in.
    spec.provider.accounts.set(who.sub, { ...who, email: 'changed@elsewhere.example', email_verified: false })
    const again = signedIn((await signInVia(spec, who.sub)).result)
    expect(again).toMatchObject({ userId: user.id, linked: false })
    expect(await identitiesOf(user.id)).toHaveLength(1)
    expect((await identitiesOf(user.id))[0]!.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(identity!.lastUsedAt!.getTime())
    expect(await audits('user.sso_linked', user.id)).toHaveLength(1)
    // Roles are Joined Up's, never the provider's: still exactly the one given here.
    const current = await accountsService(t.db, accountsRepository(t.db)).currentUser(user.id)
    expect(current).toMatchObject({ secretariatOf: [partnership.id], isAdmin: false })
  })

  it('links an account that was invited and never set a password', async () => {
    const who = person(spec)
    const [invited] = await t.db.insert(users).values({ email: who.email!, displayName: 'Invited', passwordHash: null }).returning()
    expect(signedIn((await signInVia(spec, who.sub)).result).userId).toBe(invited!.id)
  })

  it('takes the email from the ID token when the provider puts it there, and accepts Entra’s xms_edov for a verified domain', async () => {
    const who = person(inIdToken, { email_verified: undefined, xms_edov: true })
    const user = await buildUser(t.db, { email: who.email })
    expect(signedIn((await signInVia(inIdToken, who.sub)).result)).toMatchObject({ userId: user.id, linked: true })
    const spec2 = person(spec, { email_verified: undefined, xms_edov: true })
    const user2 = await buildUser(t.db, { email: spec2.email })
    expect(signedIn((await signInVia(spec, spec2.sub)).result).userId).toBe(user2.id)
  })

  it('refuses an unverified email, even if it matches an account, and audits why', async () => {
    for (const claims of [{ email_verified: false }, { email_verified: false, xms_edov: true }, { email_verified: undefined }]) {
      const who = person(spec, claims)
      const user = await buildUser(t.db, { email: who.email })
      const { result } = await signInVia(spec, who.sub)
      expect(result).toEqual({ kind: 'refused', reason: 'email_not_verified', email: who.email })
      expect(await identitiesOf(user.id)).toEqual([])
      expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
    }
    const refusals = await audits('user.sso_refused')
    expect(refusals.filter((r) => r.data.reason === 'email_not_verified').length).toBeGreaterThanOrEqual(3)
  })

  it('refuses an unknown email or none, and never creates an account', async () => {
    const before = await t.db.$count(users)
    const stranger = person(spec)
    expect((await signInVia(spec, stranger.sub)).result).toEqual({ kind: 'refused', reason: 'unknown_email', email: stranger.email })
    const anonymous = person(spec, { email: undefined })
    expect((await signInVia(spec, anonymous.sub)).result).toEqual({ kind: 'refused', reason: 'no_email', email: undefined })
    expect(await t.db.$count(users)).toBe(before)
    const [audit] = (await audits('user.sso_refused')).filter((a) => a.data.email === stranger.email)
    expect(audit).toMatchObject({ subjectId: 'unknown', actorUserId: null })
    expect(audit!.data).toMatchObject({ reason: 'unknown_email', issuer: spec.provider.issuer, subject: stranger.sub })
  })

  it('refuses a disabled account, whether it would be linked now or was linked before', async () => {
    const fresh = person(spec)
    const disabledUser = await buildUser(t.db, { email: fresh.email })
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, disabledUser.id))
    expect((await signInVia(spec, fresh.sub)).result).toMatchObject({ kind: 'refused', reason: 'disabled' })
    expect(await identitiesOf(disabledUser.id)).toEqual([])

    const linked = person(spec)
    const linkedUser = await buildUser(t.db, { email: linked.email })
    signedIn((await signInVia(spec, linked.sub)).result)
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, linkedUser.id))
    expect((await signInVia(spec, linked.sub)).result).toMatchObject({ kind: 'refused', reason: 'disabled' })
    expect(await audits('user.sso_refused', linkedUser.id)).toHaveLength(1)
  })

  it('does not let a second identity at the same provider take over an account already linked', async () => {
    const first = person(spec)
    const user = await buildUser(t.db, { email: first.email })
    signedIn((await signInVia(spec, first.sub)).result)
    const impostor = person(spec, { email: first.email })
    expect((await signInVia(spec, impostor.sub)).result).toMatchObject({ kind: 'refused', reason: 'linked_elsewhere' })
    expect((await identitiesOf(user.id)).map((i) => i.subject)).toEqual([first.sub])
  })
})

describe('single sign-on: the round trip is bound to this browser and used once', () => {
  it('refuses a callback without the cookie, with another state, or with a cookie sealed by another secret', async () => {
    const who = person(spec)
    await buildUser(t.db, { email: who.email })
    const sso = service()
    const begun = await sso.begin('/manage')
    if ('kind' in begun) throw new Error('unavailable')
    const back = await signInAtProvider(begun.url, who.sub)
    const bad = { kind: 'failed', reason: 'bad_state' }
    expect(await sso.finish({ sealed: undefined, callback: back.searchParams })).toEqual(bad)
    const otherState = new URLSearchParams(back.searchParams)
    otherState.set('state', 'not-the-state')
    expect(await sso.finish({ sealed: begun.sealed, callback: otherState })).toEqual(bad)
    const forged = sealPending('another-secret-entirely-of-enough-length', { state: back.searchParams.get('state')!, nonce: 'n', codeVerifier: 'v', next: '/', expiresAt: Date.now() + 60_000 })
    expect(await sso.finish({ sealed: forged, callback: back.searchParams })).toEqual(bad)
    expect(await sso.finish({ sealed: begun.sealed.slice(0, -4) + 'AAAA', callback: back.searchParams })).toEqual(bad)
  })

  it('answers a callback once: the same code and cookie again is refused and starts no second session', async () => {
    const who = person(spec)
    const user = await buildUser(t.db, { email: who.email })
    const { sso, input, result } = await signInVia(spec, who.sub)
    signedIn(result)
    expect(await sso.finish(input)).toEqual({ kind: 'failed', reason: 'bad_state' })
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1)
  })

  it('reports a refusal at the provider (consent not given) as the provider saying no', async () => {
    const who = person(spec)
    await buildUser(t.db, { email: who.email })
    const { result } = await signInVia(spec, who.sub, { consent: false })
    expect(result).toMatchObject({ kind: 'failed', reason: 'provider_said_no', detail: 'access_denied' })
  })

  it('says single sign-on is unavailable, and logs it, when the provider cannot be reached', async () => {
    const logged: string[] = []
    const closed = { provider: { ...spec.provider, ssoConfig: () => ({ ...spec.provider.ssoConfig(REDIRECT), issuer: 'http://127.0.0.1:9' }) } } as Which
    const begun = await service(closed, (m) => logged.push(m)).begin('/manage')
    expect(begun).toEqual({ kind: 'failed', reason: 'unavailable' })
    expect(logged).toEqual(['single sign-on: provider unavailable'])
  })
})

describe('emailIsVerified', () => {
  it('trusts email_verified when present, xms_edov only when it is absent', () => {
    expect(emailIsVerified({ emailVerified: true })).toBe(true)
    expect(emailIsVerified({ emailVerified: 'true' })).toBe(true)
    expect(emailIsVerified({ emailVerified: false, emailDomainVerified: true })).toBe(false)
    expect(emailIsVerified({ emailVerified: 'false' })).toBe(false)
    expect(emailIsVerified({ emailVerified: 1 })).toBe(false)
    expect(emailIsVerified({ emailDomainVerified: true })).toBe(true)
    expect(emailIsVerified({ emailVerified: null, emailDomainVerified: 'true' })).toBe(true)
    expect(emailIsVerified({ emailDomainVerified: false })).toBe(false)
    expect(emailIsVerified({})).toBe(false)
  })
})
