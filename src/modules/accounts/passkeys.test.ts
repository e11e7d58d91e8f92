import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildUser } from '../../../test/support/builders.ts'
import { softAuthenticator } from '../../../test/support/webauthn.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { sessions, userPasskeys, users } from './accounts.tables.ts'
import { openChallenge, sealChallenge } from './passkeys.ts'

const ORIGIN = 'https://meetings.example.org'
const t = useTestApp({ publicUrl: ORIGIN })
const accounts = () => t.services.accounts

/** A user with a passkey registered through the service, as the routes do it. */
async function withPasskey() {
  const user = await buildUser(t.db)
  const actor = (await accounts().currentUser(user.id))!
  const device = softAuthenticator(ORIGIN)
  const options = await accounts().passkeyRegistrationOptions(actor)
  await accounts().addPasskey(actor, { name: 'Laptop', response: device.register(options), expectedChallenge: options.challenge })
  return { user, actor, device }
}

/** Each attempt from its own address, unless a test chooses one (the throttle counts failures per address). */
let addresses = 0
async function signInWith(device: ReturnType<typeof softAuthenticator>, opts: Parameters<ReturnType<typeof softAuthenticator>['authenticate']>[1] = {}, client = `192.0.2.${++addresses}`) {
  const options = await accounts().passkeySignInOptions()
  return accounts().signInWithPasskey(device.authenticate(options, opts), options.challenge, { client, userAgent: 'Test browser' })
}

describe('the WebAuthn challenge cookie', () => {
  const secret = 'a-session-secret-for-the-challenge-tests'
  it('opens only for the same purpose and subject, before it expires, unaltered', () => {
    const sealed = sealChallenge(secret, 'register', 'user-1', 'the-challenge', 1_000)
    expect(openChallenge(secret, sealed, 'register', 'user-1', 2_000)).toBe('the-challenge')
    expect(openChallenge(secret, sealed, 'sign-in', 'user-1', 2_000)).toBeNull()
    expect(openChallenge(secret, sealed, 'register', 'user-2', 2_000)).toBeNull()
    expect(openChallenge(secret, sealed, 'register', 'user-1', 1_000 + 5 * 60_000)).toBeNull()
    expect(openChallenge('another-secret', sealed, 'register', 'user-1', 2_000)).toBeNull()
    expect(openChallenge(secret, sealed.replace('the-challenge', 'my-challenge'), 'register', 'user-1', 2_000)).toBeNull()
    expect(openChallenge(secret, undefined, 'register', 'user-1', 2_000)).toBeNull()
    expect(openChallenge(secret, 'a.b.c', 'register', 'user-1', 2_000)).toBeNull()
  })
})

describe('registering a passkey', () => {
  it('asks for a discoverable credential with user verification for this site, excluding ones already registered', async () => {
    const { actor, device } = await withPasskey()
    const options = await accounts().passkeyRegistrationOptions(actor)
    expect(options.rp).toEqual({ name: 'Joined Up', id: 'meetings.example.org' })
    expect(options.user.id).toBe(Buffer.from(actor.id).toString('base64url'))
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' })
    expect(options.attestation).toBe('none')
    expect(options.excludeCredentials!.map((c) => c.id)).toEqual([device.id])
  })

  it('stores the public key and audits it; refuses another challenge, another site and no user verification', async () => {
    const user = await buildUser(t.db)
    const actor = (await accounts().currentUser(user.id))!
    const device = softAuthenticator(ORIGIN)
    const options = await accounts().passkeyRegistrationOptions(actor)
    for (const [response, challenge] of [
      [device.register(options), 'another-challenge'],
      [device.register(options, { origin: 'https://phishing.example' }), options.challenge],
      [device.register(options, { userVerified: false }), options.challenge],
    ] as const) {
      await expect(accounts().addPasskey(actor, { name: 'Laptop', response, expectedChallenge: challenge })).rejects.toMatchObject({ code: 'VALIDATION' })
    }
    await accounts().addPasskey(actor, { name: 'Laptop', response: device.register(options), expectedChallenge: options.challenge })
    const [row] = await t.db.select().from(userPasskeys).where(eq(userPasskeys.userId, user.id))
    expect(row).toMatchObject({ id: device.id, name: 'Laptop', counter: 0, transports: 'internal' })
    expect(row!.publicKey.length).toBeGreaterThan(50)
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.event, 'user.passkey_added')))
    expect(event!.data).toMatchObject({ name: 'Laptop' })
    await expect(accounts().addPasskey(actor, { name: 'Again', response: device.register(options), expectedChallenge: options.challenge })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { passkey: 'This passkey is already registered' },
    })
  })
})

describe('signing in with a passkey', () => {
  it('starts a session recorded as passkey, moves the counter, and refuses the same response again', async () => {
    const { user, device } = await withPasskey()
    const options = await accounts().passkeySignInOptions()
    expect(options).toMatchObject({ rpId: 'meetings.example.org', userVerification: 'required' })
    const response = device.authenticate(options)
    const result = await accounts().signInWithPasskey(response, options.challenge, { client: '192.0.2.10', userAgent: 'Test browser' })
    expect(result.kind).toBe('signed_in')
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(session).toMatchObject({ method: 'passkey', client: '192.0.2.10' })
    const [row] = await t.db.select().from(userPasskeys).where(eq(userPasskeys.id, device.id))
    expect(row!.counter).toBe(1)
    expect(row!.lastUsedAt).not.toBeNull()
    // Captured and sent again (same challenge, same counter): refused.
    expect((await accounts().signInWithPasskey(response, options.challenge)).kind).toBe('wrong')
    expect((await signInWith(device)).kind).toBe('signed_in')
  })

  it('refuses a counter gone backwards (a cloned key), no user verification, another site, another challenge or user', async () => {
    const { device } = await withPasskey()
    expect((await signInWith(device, { counter: 5 })).kind).toBe('signed_in')
    expect((await signInWith(device, { counter: 3 })).kind).toBe('wrong')
    expect((await signInWith(device, { userVerified: false })).kind).toBe('wrong')
    expect((await signInWith(device, { origin: 'https://phishing.example' })).kind).toBe('wrong')
    expect((await signInWith(device, { userHandle: Buffer.from('someone-else').toString('base64url') })).kind).toBe('wrong')
    const options = await accounts().passkeySignInOptions()
    expect((await accounts().signInWithPasskey(device.authenticate(options), 'another-challenge')).kind).toBe('wrong')
    const stranger = softAuthenticator(ORIGIN)
    expect((await signInWith(stranger)).kind).toBe('wrong')
    const failures = await t.db.select().from(auditEvents).where(eq(auditEvents.event, 'user.sign_in_failed'))
    expect(failures.filter((f) => (f.data as { method?: string }).method === 'passkey').length).toBeGreaterThanOrEqual(6)
  })

  it('refuses a disabled account and a removed passkey; only the owner removes it', async () => {
    const { user, actor, device } = await withPasskey()
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, user.id))
    expect((await signInWith(device)).kind).toBe('wrong')
    await t.db.update(users).set({ disabled: false }).where(eq(users.id, user.id))
    const other = (await accounts().currentUser((await buildUser(t.db)).id))!
    await expect(accounts().removePasskey(other, device.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await accounts().removePasskey(actor, device.id)
    expect((await signInWith(device)).kind).toBe('wrong')
    expect(await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.event, 'user.passkey_removed')))).toHaveLength(1)
  })

  it('is slowed by the sign-in throttle per address', async () => {
    const stranger = softAuthenticator(ORIGIN)
    const kinds = []
    for (let i = 0; i < 6; i++) kinds.push((await signInWith(stranger, {}, '198.51.100.77')).kind)
    expect(kinds).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'throttled'])
  })
})
