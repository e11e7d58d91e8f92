import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { isAppError } from '../../platform/http/form-route.ts'
import { accountsRepository } from './accounts.repository.ts'
import { secondFactorChallenges, sessions, userRecoveryCodes, users } from './accounts.tables.ts'
import { completeSecondFactor, type SecondFactorDeps, type SecondFactorMethod } from './second-factor-sign-in.ts'
import { createSignInThrottle } from './sign-in-throttle.ts'
import { hashToken } from './account-links.ts'
import { totpCode } from './totp.ts'

const t = useTestApp()
const accounts = () => t.services.accounts
const STEP = 30_000

/** A user who has set up two-factor sign-in (its first code's step is used up), with their key and recovery codes. */
async function withTwoFactor(opts: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(t.db, opts)
  const actor = (await accounts().currentUser(user.id))!
  await accounts().beginTwoFactorSetUp(actor)
  const key = (await accounts().twoFactorSetUpDetails(actor))!.key
  const codes = await accounts().confirmTwoFactorSetUp(actor, totpCode(key, Date.now()))
  return { user, actor, key, codes }
}

/** Deps over the same database with a clock the test chooses and a throttle of its own. */
function deps(): SecondFactorDeps {
  return { db: t.db, repo: accountsRepository(t.db), throttle: createSignInThrottle(), sessionSecret: t.services.config.sessionSecret }
}

async function challengeFor(email: string): Promise<string> {
  const r = await accounts().signIn(email, TEST_PASSWORD, '192.0.2.1')
  if (r.kind !== 'second_factor') throw new Error(`expected a second-factor challenge, got ${r.kind}`)
  return r.challengeToken
}

const complete = (d: SecondFactorDeps, challenge: string, method: SecondFactorMethod, code: string, now = new Date(), client = '192.0.2.1') =>
  completeSecondFactor(d, { challenge, method, code, client, userAgent: 'Test browser', now })

const eventsOf = async (userId: string, event: string) =>
  t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.event, event)))

const wrongCode = (key: string, at: number) => String((Number(totpCode(key, at)) + 500_000) % 1_000_000).padStart(6, '0')

describe('setting up two-factor sign-in', () => {
  it('keeps a sealed secret until a first right code turns it on, then stores only hashes of 10 recovery codes', async () => {
    const user = await buildUser(t.db)
    const actor = (await accounts().currentUser(user.id))!
    expect(await accounts().twoFactorSetUpDetails(actor)).toBeNull()
    await accounts().beginTwoFactorSetUp(actor)
    const details = (await accounts().twoFactorSetUpDetails(actor))!
    expect(details.key).toMatch(/^[A-Z2-7]{32}$/)
    expect(details.qrSvg).toContain('<svg role="img"')
    // Starting again (another tab, a reload) keeps the key the app may already have scanned.
    await accounts().beginTwoFactorSetUp(actor)
    expect((await accounts().twoFactorSetUpDetails(actor))!.key).toBe(details.key)

    const [pending] = await t.db.select().from(users).where(eq(users.id, user.id))
    expect(pending!.totpSecret).toMatch(/^v1\./)
    expect(pending!.totpSecret).not.toContain(details.key)
    expect(pending!.totpEnabledAt).toBeNull()
    expect((await accounts().twoFactorStatus(actor)).pending).toBe(true)
    // Not on yet: the password alone still signs in.
    expect((await accounts().signIn(user.email, TEST_PASSWORD)).kind).toBe('signed_in')

    const wrong = await accounts().confirmTwoFactorSetUp(actor, wrongCode(details.key, Date.now())).catch((e: unknown) => e)
    expect(isAppError(wrong, 'VALIDATION') && wrong.fieldErrors?.code).toContain('The code is not right')
    const codes = await accounts().confirmTwoFactorSetUp(actor, totpCode(details.key, Date.now()))
    expect(codes).toHaveLength(10)
    const stored = await t.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id))
    expect(stored).toHaveLength(10)
    for (const code of codes) expect(stored.map((r) => r.codeHash).join()).not.toContain(code.replace('-', ''))
    expect(await accounts().twoFactorStatus(actor)).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 })
    expect(await eventsOf(user.id, 'user.two_factor_enabled')).toHaveLength(1)
    expect(await eventsOf(user.id, 'user.recovery_codes_generated')).toHaveLength(1)

    const again = await accounts().confirmTwoFactorSetUp(actor, totpCode(details.key, Date.now())).catch((e: unknown) => e)
    expect(isAppError(again, 'INVALID_STATE')).toBe(true)
    await expect(accounts().beginTwoFactorSetUp(actor)).rejects.toMatchObject({ code: 'INVALID_STATE' })
  })
})

describe('signing in with a second factor', () => {
  it('starts no session for the right password: a challenge, stored as a hash, expiring in minutes', async () => {
    const { user } = await withTwoFactor()
    const before = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    const token = await challengeFor(user.email)
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(before.length)
    const [challenge] = await t.db.select().from(secondFactorChallenges).where(eq(secondFactorChallenges.userId, user.id))
    expect(challenge!.idHash).toBe(hashToken(token))
    expect(challenge!.idHash).not.toBe(token)
    const minutes = (challenge!.expiresAt.getTime() - challenge!.createdAt.getTime()) / 60_000
    expect(minutes).toBe(10)
    // The same answers as without 2FA for a wrong password and an unknown email.
    expect((await accounts().signIn(user.email, 'not the password')).kind).toBe('wrong')
    expect((await accounts().signIn('nobody-here@example.org', TEST_PASSWORD)).kind).toBe('wrong')
  })

  it('signs in with the right code, records how, and refuses the same code again (replay)', async () => {
    const { user, key } = await withTwoFactor()
    const d = deps()
    const now = new Date(Date.now() + STEP)
    const code = totpCode(key, now.getTime())
    const first = await complete(d, await challengeFor(user.email), 'totp', code, now)
    expect(first.kind).toBe('signed_in')
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(session).toMatchObject({ method: 'password+totp', client: '192.0.2.1', userAgent: 'Test browser' })
    expect(await t.db.select().from(secondFactorChallenges).where(eq(secondFactorChallenges.userId, user.id))).toHaveLength(0)
    const signedIn = await eventsOf(user.id, 'user.signed_in')
    expect(signedIn.at(-1)!.data).toMatchObject({ method: 'password+totp' })

    // The same code (seen over a shoulder) a moment later, on a new challenge: refused.
    const replay = await complete(d, await challengeFor(user.email), 'totp', code, new Date(now.getTime() + 1000))
    expect(replay).toEqual({ kind: 'wrong', attemptsLeft: 4 })
    // So is the code of an earlier step still inside the window.
    expect((await complete(d, await challengeFor(user.email), 'totp', totpCode(key, now.getTime() - STEP), now)).kind).toBe('wrong')
    // The next step's code works.
    const later = new Date(now.getTime() + STEP)
    expect((await complete(d, await challengeFor(user.email), 'totp', totpCode(key, later.getTime()), later)).kind).toBe('signed_in')
  })

  it('keeps how the session began when its id is rotated after a change of roles', async () => {
    const { user, key } = await withTwoFactor()
    const now = new Date(Date.now() + STEP)
    const result = await complete(deps(), await challengeFor(user.email), 'totp', totpCode(key, now.getTime()), now)
    if (result.kind !== 'signed_in') throw new Error(result.kind)
    await t.db.update(sessions).set({ mustRotate: true }).where(eq(sessions.userId, user.id))
    const resumed = await accounts().resumeSession(result.token, { mayRotate: true })
    expect(resumed?.rotatedToken).toBeDefined()
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ idHash: hashToken(resumed!.rotatedToken!), method: 'password+totp', client: '192.0.2.1', userAgent: 'Test browser' })
  })

  it('voids the challenge after 5 wrong codes: even the right code then needs the password again', async () => {
    const { user, key } = await withTwoFactor()
    const d = deps()
    const challenge = await challengeFor(user.email)
    const now = new Date(Date.now() + STEP)
    const results = []
    for (let i = 0; i < 5; i++) results.push(await complete(d, challenge, 'totp', wrongCode(key, now.getTime()), now, `198.51.100.${i}`))
    expect(results.map((r) => (r.kind === 'wrong' ? r.attemptsLeft : r.kind))).toEqual([4, 3, 2, 1, 'void'])
    expect((await complete(d, challenge, 'totp', totpCode(key, now.getTime()), now)).kind).toBe('void')
    const failed = await eventsOf(user.id, 'user.second_factor_failed')
    expect(failed).toHaveLength(5)
    expect(failed.at(-1)!.data).toMatchObject({ challengeVoid: true, method: 'totp' })
    // The owner starts again and gets in.
    expect((await complete(d, await challengeFor(user.email), 'totp', totpCode(key, now.getTime()), now)).kind).toBe('signed_in')
  })

  it('counts attempts atomically: 20 parallel wrong codes from 20 addresses get 5 checks, not 20', async () => {
    const { user, key } = await withTwoFactor()
    const d = deps()
    const challenge = await challengeFor(user.email)
    const now = new Date(Date.now() + STEP)
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => complete(d, challenge, 'totp', wrongCode(key, now.getTime()), now, `203.0.113.${i}`)))
    expect(results.filter((r) => r.kind === 'wrong')).toHaveLength(4)
    expect(results.filter((r) => r.kind === 'void')).toHaveLength(16)
    expect(await eventsOf(user.id, 'user.second_factor_failed')).toHaveLength(5)
  })

  it('slows guessing per address with the sign-in throttle, without touching the challenge', async () => {
    const { user, key } = await withTwoFactor()
    const d = deps()
    const now = new Date(Date.now() + STEP)
    // Five challenges, five wrong codes each from one address would be 25 guesses: the throttle stops at 5.
    const kinds: string[] = []
    for (let i = 0; i < 3; i++) {
      const challenge = await challengeFor(user.email)
      for (let j = 0; j < 3; j++) kinds.push((await complete(d, challenge, 'totp', wrongCode(key, now.getTime()), now, '192.0.2.99')).kind)
    }
    expect(kinds.filter((k) => k === 'wrong')).toHaveLength(5)
    expect(kinds.slice(5).every((k) => k === 'throttled')).toBe(true)
    // The owner, from another address, is not slowed by that.
    expect((await complete(d, await challengeFor(user.email), 'totp', totpCode(key, now.getTime()), now, '192.0.2.200')).kind).toBe('signed_in')
  })

  it('takes a recovery code once, whatever its case and hyphen, and says how many are left', async () => {
    const { user, codes } = await withTwoFactor()
    const d = deps()
    const code = codes[3]!
    const first = await complete(d, await challengeFor(user.email), 'recovery-code', code.toUpperCase().replace('-', ' '))
    expect(first).toMatchObject({ kind: 'signed_in', recoveryCodesLeft: 9 })
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id))
    expect(session!.method).toBe('password+recovery-code')
    expect((await eventsOf(user.id, 'user.recovery_code_used'))[0]!.data).toMatchObject({ remaining: 9 })
    expect((await complete(d, await challengeFor(user.email), 'recovery-code', code)).kind).toBe('wrong')
    expect((await complete(d, await challengeFor(user.email), 'recovery-code', 'abcde-23456')).kind).toBe('wrong')
  })

  it('voids the challenge when the account is disabled meanwhile', async () => {
    const { user, key } = await withTwoFactor()
    const challenge = await challengeFor(user.email)
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, user.id))
    const now = new Date(Date.now() + STEP)
    expect((await complete(deps(), challenge, 'totp', totpCode(key, now.getTime()), now)).kind).toBe('void')
  })

  it('never accepts a code after the challenge expired', async () => {
    const { user, key } = await withTwoFactor()
    const challenge = await challengeFor(user.email)
    const late = new Date(Date.now() + 11 * 60_000)
    expect((await complete(deps(), challenge, 'totp', totpCode(key, late.getTime()), late)).kind).toBe('void')
  })
})

describe('new recovery codes and turning two-factor sign-in off', () => {
  it('gives new codes for the current password; the old ones stop working', async () => {
    const { user, actor, codes } = await withTwoFactor()
    await expect(accounts().regenerateRecoveryCodes(actor, 'wrong password')).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { currentPassword: 'Your current password is not right' } })
    const fresh = await accounts().regenerateRecoveryCodes(actor, TEST_PASSWORD)
    expect(fresh).toHaveLength(10)
    expect(fresh).not.toContain(codes[0])
    expect((await complete(deps(), await challengeFor(user.email), 'recovery-code', codes[0]!)).kind).toBe('wrong')
    expect((await complete(deps(), await challengeFor(user.email), 'recovery-code', fresh[0]!)).kind).toBe('signed_in')
    expect(await eventsOf(user.id, 'user.recovery_codes_generated')).toHaveLength(2)
  })

  it('turns off only with the current password, and then the password alone signs in', async () => {
    const { user, actor } = await withTwoFactor()
    await expect(accounts().disableTwoFactor(actor, 'wrong password')).rejects.toMatchObject({ code: 'VALIDATION' })
    expect((await accounts().twoFactorStatus(actor)).enabled).toBe(true)
    const open = await challengeFor(user.email)
    await accounts().disableTwoFactor(actor, TEST_PASSWORD)
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    expect(await t.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id))).toHaveLength(0)
    expect(await accounts().challengeIsLive(open)).toBe(false)
    expect((await accounts().signIn(user.email, TEST_PASSWORD)).kind).toBe('signed_in')
    expect(await eventsOf(user.id, 'user.two_factor_disabled')).toHaveLength(1)
    await expect(accounts().disableTwoFactor(actor, TEST_PASSWORD)).rejects.toMatchObject({ code: 'INVALID_STATE' })
  })

  it('lets an admin reset someone else’s, never their own; a secretariat cannot', async () => {
    const partnership = await buildPartnership(t.db)
    const { user } = await withTwoFactor({ secretariatOf: [partnership.id] })
    const admin = await withTwoFactor({ isAdmin: true })
    const secretariat = (await accounts().currentUser((await buildUser(t.db, { secretariatOf: [partnership.id] })).id))!
    await expect(accounts().resetTwoFactor(secretariat, user.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(accounts().resetTwoFactor(admin.actor, admin.user.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await accounts().resetTwoFactor(admin.actor, user.id)
    expect((await accounts().signIn(user.email, TEST_PASSWORD)).kind).toBe('signed_in')
    const [event] = await eventsOf(user.id, 'user.two_factor_disabled')
    expect(event).toMatchObject({ actorUserId: admin.user.id, data: { resetByAdmin: true } })
  })
})

describe('requiring two-factor sign-in for staff', () => {
  it('is an admin’s versioned setting, audited; staff without 2FA must then set it up', async () => {
    const partnership = await buildPartnership(t.db)
    const admin = (await accounts().currentUser((await buildUser(t.db, { isAdmin: true })).id))!
    const secretariat = (await accounts().currentUser((await buildUser(t.db, { secretariatOf: [partnership.id] })).id))!
    const member = (await accounts().currentUser((await buildUser(t.db)).id))!
    const withIt = await withTwoFactor({ secretariatOf: [partnership.id] })

    await expect(accounts().securitySettings(secretariat)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(accounts().updateSecuritySettings(secretariat, { requireTwoFactorForStaff: true, version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const before = await accounts().securitySettings(admin)
    expect(before.requireTwoFactorForStaff).toBe(false)
    expect(await accounts().mustSetUpTwoFactor(secretariat)).toBe(false)

    await accounts().updateSecuritySettings(admin, { requireTwoFactorForStaff: true, version: before.version })
    const after = await accounts().securitySettings(admin)
    expect(after).toMatchObject({ requireTwoFactorForStaff: true, version: before.version + 1 })
    await expect(accounts().updateSecuritySettings(admin, { requireTwoFactorForStaff: false, version: before.version })).rejects.toMatchObject({ code: 'CONFLICT' })
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.event, 'security.settings_changed'))
    expect(audit).toMatchObject({ actorUserId: admin.id, data: { requireTwoFactorForStaff: { from: false, to: true } } })

    expect(await accounts().mustSetUpTwoFactor(secretariat)).toBe(true)
    expect(await accounts().mustSetUpTwoFactor(admin)).toBe(true)
    expect(await accounts().mustSetUpTwoFactor(withIt.actor)).toBe(false)
    expect(await accounts().mustSetUpTwoFactor(member)).toBe(false)

    await accounts().updateSecuritySettings(admin, { requireTwoFactorForStaff: false, version: after.version })
    expect(await accounts().mustSetUpTwoFactor(secretariat)).toBe(false)
  })
})
