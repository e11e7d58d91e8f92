import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { accountsRepository } from './accounts.repository.ts'
import { accountsService } from './accounts.service.ts'
import { sessions } from './accounts.tables.ts'
import { hashToken } from './account-links.ts'
import { startSession, USER_AGENT_MAX } from './sessions.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const t = useTestDb()
const limits = { idleMs: 30 * MIN, absoluteMs: 4 * HOUR }
const accounts = () => accountsService(t.db, accountsRepository(t.db), { sessionTimeouts: limits })

const rowOf = async (token: string) => (await t.db.select().from(sessions).where(eq(sessions.idHash, hashToken(token))))[0]
const setTimes = (token: string, values: { createdAt?: Date; lastSeenAt?: Date }) => t.db.update(sessions).set(values).where(eq(sessions.idHash, hashToken(token)))
const ago = (ms: number) => new Date(Date.now() - ms)
const start = (userId: string, details?: Parameters<typeof startSession>[4]) =>
  t.db.transaction((tx) => startSession({ db: t.db, repo: accountsRepository(t.db), timeouts: limits }, userId, tx, undefined, details))
const actorOf = async (userId: string) => (await accounts().currentUser(userId))!

describe('starting a session', () => {
  it('records how it began, the browser (cut to 200 characters) and the address', async () => {
    const user = await buildUser(t.db)
    const token = await start(user.id, { method: 'sso', userAgent: 'x'.repeat(300), client: '192.0.2.4' })
    const row = await rowOf(token)
    expect(row).toMatchObject({ userId: user.id, method: 'sso', client: '192.0.2.4' })
    expect(row!.userAgent).toHaveLength(USER_AGENT_MAX)
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(limits.idleMs)
    const plain = await rowOf(await start(user.id))
    expect(plain).toMatchObject({ method: 'password', userAgent: null, client: null })
  })

  it('a password sign-in records method password, the User-Agent and the client address', async () => {
    const user = await buildUser(t.db)
    const result = await accounts().signIn(user.email, TEST_PASSWORD, '198.51.100.8', undefined, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0')
    if (result.kind !== 'signed_in') throw new Error(result.kind)
    expect(await rowOf(result.token)).toMatchObject({ method: 'password', client: '198.51.100.8', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' })
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.signed_in'), eq(auditEvents.subjectId, user.id)))
    expect(audit!.data).toMatchObject({ method: 'password', client: '198.51.100.8' })
  })
})

describe('idle and absolute timeouts', () => {
  it('ends a session idle for longer than the idle limit', async () => {
    const user = await buildUser(t.db)
    const token = await start(user.id)
    await setTimes(token, { lastSeenAt: ago(limits.idleMs - MIN) })
    expect(await accounts().resolveSession(token)).not.toBeNull()
    await setTimes(token, { lastSeenAt: ago(limits.idleMs + 1000) })
    expect(await accounts().resolveSession(token)).toBeNull()
  })

  it('ends a busy session at the absolute limit from when it began, whatever its stored expiry says', async () => {
    const user = await buildUser(t.db)
    const token = await start(user.id)
    await setTimes(token, { createdAt: ago(limits.absoluteMs - MIN), lastSeenAt: ago(MIN) })
    expect(await accounts().resolveSession(token)).not.toBeNull()
    await t.db.update(sessions).set({ createdAt: ago(limits.absoluteMs + 1000), expiresAt: new Date(Date.now() + HOUR) }).where(eq(sessions.idHash, hashToken(token)))
    expect(await accounts().resolveSession(token)).toBeNull()
  })

  it('applies the limits in force now: a shorter configured idle limit ends sessions at once', async () => {
    const user = await buildUser(t.db)
    const token = await start(user.id)
    await setTimes(token, { lastSeenAt: ago(10 * MIN) })
    const strict = accountsService(t.db, accountsRepository(t.db), { sessionTimeouts: { idleMs: 5 * MIN, absoluteMs: HOUR } })
    expect(await strict.resolveSession(token)).toBeNull()
    expect(await accounts().resolveSession(token)).not.toBeNull() // the same row under the 30-minute limit
  })

  it('refreshes last activity when it is stale, never past the absolute limit', async () => {
    const user = await buildUser(t.db)
    const token = await start(user.id)
    const began = ago(limits.absoluteMs - 10 * MIN)
    await setTimes(token, { createdAt: began, lastSeenAt: ago(5 * MIN) })
    await accounts().resolveSession(token)
    const row = (await rowOf(token))!
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(MIN)
    expect(row.expiresAt.getTime()).toBe(began.getTime() + limits.absoluteMs)
  })

  it('rotation after a role change gives a new id but keeps when the session began and how: it is not extended', async () => {
    const partnership = await buildPartnership(t.db)
    const admin = await buildUser(t.db, { isAdmin: true })
    const user = await buildUser(t.db)
    const token = await start(user.id, { method: 'sso', userAgent: 'Firefox', client: '192.0.2.9' })
    const began = ago(limits.absoluteMs - 2 * MIN)
    await setTimes(token, { createdAt: began })
    await accounts().grantRole(await actorOf(admin.id), user.id, { partnershipId: partnership.id, role: 'secretariat' })
    expect((await rowOf(token))!.mustRotate).toBe(true)

    // An unsafe request keeps the id (its form's CSRF token is bound to it); a safe one rotates.
    expect((await accounts().resumeSession(token, { mayRotate: false }))?.rotatedToken).toBeUndefined()
    const resumed = await accounts().resumeSession(token, { mayRotate: true })
    const rotated = resumed!.rotatedToken!
    expect(rotated).toBeDefined()
    expect(resumed!.user.secretariatOf).toEqual([partnership.id])
    expect(await accounts().resolveSession(token)).toBeNull()
    const row = (await rowOf(rotated))!
    expect(row).toMatchObject({ method: 'sso', userAgent: 'Firefox', client: '192.0.2.9', mustRotate: false })
    expect(row.createdAt.getTime()).toBe(began.getTime())
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(began.getTime() + limits.absoluteMs)
    await setTimes(rotated, { createdAt: ago(limits.absoluteMs + 1000) })
    expect(await accounts().resolveSession(rotated)).toBeNull()
  })

  it('housekeeping deletes sessions past their stored expiry or past either limit, and no live one', async () => {
    const user = await buildUser(t.db)
    const [live, idle, old, stored] = [await start(user.id), await start(user.id), await start(user.id), await start(user.id)]
    await setTimes(idle, { lastSeenAt: ago(limits.idleMs + MIN) })
    await setTimes(old, { createdAt: ago(limits.absoluteMs + MIN) })
    await t.db.update(sessions).set({ expiresAt: ago(1000) }).where(eq(sessions.idHash, hashToken(stored)))
    expect(await accounts().deleteExpiredSessions()).toBeGreaterThanOrEqual(3)
    expect((await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.idHash)).toEqual([hashToken(live)])
  })

  it('disabling a user ends all their sessions at once, in the same transaction', async () => {
    const admin = await buildUser(t.db, { isAdmin: true })
    const user = await buildUser(t.db)
    const tokens = await Promise.all([start(user.id), start(user.id, { method: 'sso' }), start(user.id)])
    const other = await start(admin.id)
    await accounts().setDisabled(await actorOf(admin.id), user.id, true)
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
    for (const token of tokens) expect(await accounts().resolveSession(token)).toBeNull()
    expect(await accounts().resolveSession(other)).not.toBeNull()
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.disabled'), eq(auditEvents.subjectId, user.id)))
    expect(audit).toBeDefined()
  })
})

describe('your sessions', () => {
  it('lists only my live sessions, newest activity first, marking the one in use', async () => {
    const me = await buildUser(t.db)
    const someoneElse = await buildUser(t.db)
    const older = await start(me.id, { method: 'password', client: '192.0.2.1' })
    const current = await start(me.id, { method: 'sso', client: '192.0.2.2' })
    const expired = await start(me.id)
    await start(someoneElse.id)
    await setTimes(older, { lastSeenAt: ago(10 * MIN) })
    await setTimes(expired, { lastSeenAt: ago(limits.idleMs + MIN) })
    const list = await accounts().listMySessions(await actorOf(me.id), hashToken(current))
    expect(list.map((s) => [s.client, s.method, s.current])).toEqual([
      ['192.0.2.2', 'sso', true],
      ['192.0.2.1', 'password', false],
    ])
    expect(list.every((s) => /^[\w-]{22}$/.test(s.id) && s.id !== hashToken(current) && s.id !== current)).toBe(true)
  })

  it('ends one of my sessions (audited), never another user’s, and says when it was the one in use', async () => {
    const me = await buildUser(t.db)
    const them = await buildUser(t.db)
    const mine = await start(me.id, { method: 'password', client: '192.0.2.5' })
    const current = await start(me.id)
    const theirs = await start(them.id)
    const actor = await actorOf(me.id)
    const theirId = (await accounts().listMySessions(await actorOf(them.id), null))[0]!.id
    await expect(accounts().endMySession(actor, theirId, hashToken(current))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await accounts().resolveSession(theirs)).not.toBeNull()

    const myId = (await accounts().listMySessions(actor, hashToken(current))).find((s) => !s.current)!.id
    expect(await accounts().endMySession(actor, myId, hashToken(current))).toEqual({ endedCurrent: false })
    expect(await accounts().resolveSession(mine)).toBeNull()
    await expect(accounts().endMySession(actor, myId, hashToken(current))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.session_ended'), eq(auditEvents.subjectId, me.id)))
    expect(audit).toMatchObject({ actorUserId: me.id })
    expect(audit!.data).toMatchObject({ method: 'password', client: '192.0.2.5' })

    const currentId = (await accounts().listMySessions(actor, hashToken(current)))[0]!.id
    expect(await accounts().endMySession(actor, currentId, hashToken(current))).toEqual({ endedCurrent: true })
  })

  it('signs out of every other session of mine, keeping this one and other users’', async () => {
    const me = await buildUser(t.db)
    const them = await buildUser(t.db)
    const current = await start(me.id)
    const others = [await start(me.id), await start(me.id)]
    const theirs = await start(them.id)
    expect(await accounts().endOtherSessions(await actorOf(me.id), hashToken(current))).toBe(2)
    for (const token of others) expect(await accounts().resolveSession(token)).toBeNull()
    expect(await accounts().resolveSession(current)).not.toBeNull()
    expect(await accounts().resolveSession(theirs)).not.toBeNull()
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.other_sessions_ended'), eq(auditEvents.subjectId, me.id)))
    expect(audit!.data).toEqual({ count: 2 })
  })
})
