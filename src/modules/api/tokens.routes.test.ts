import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { and, eq } from 'drizzle-orm'
import { signedInAgent } from '../../../test/support/app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { buildApiToken } from '../../../test/support/api-builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { actionUpdates } from '../actions/actions.tables.ts'
import { agendaItems, meetings } from '../meetings/meetings.tables.ts'
import { apiTokens } from './api.tables.ts'
import { userPartnershipRoles, users } from '../accounts/accounts.tables.ts'
import { hashToken } from './tokens.service.ts'
import { apiPaths } from './api.paths.ts'
import { responseChecker } from './openapi.check.ts'

const t = useTestApp()
const check = responseChecker()

async function call(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.cookie) headers.cookie = opts.cookie
  const res = await t.app.request(`http://localhost${path}`, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  })
  const text = await res.text()
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    /* not JSON */
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body, res }
}

async function setup() {
  const db = t.db
  const partnership = await buildPartnership(db)
  const other = await buildPartnership(db)
  const body = await buildBody(db, { partnershipId: partnership.id, numberingScheme: 'per_meeting' })
  const otherBody = await buildBody(db, { partnershipId: other.id })
  const { token, secret } = await buildApiToken(db, { partnershipId: partnership.id })
  return { partnership, other, body, otherBody, token, secret }
}

describe('token pages', () => {
  it('lets a secretariat create a token, shown once and stored only as a hash, then revoke it', async () => {
    const partnership = await buildPartnership(t.db, { name: 'Token Partnership' })
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })

    const list = await agent.getText(apiPaths.manage.tokens(partnership.id))
    expect(list.status).toBe(200)
    expect(list.text).toContain('This partnership has no API tokens')

    await agent.get(apiPaths.manage.newToken(partnership.id))
    const empty = await agent.post(apiPaths.manage.newToken(partnership.id), { name: '   ' })
    expect(empty.status).toBe(400)
    const emptyHtml = await empty.text()
    expect(emptyHtml).toContain('There is a problem')
    expect(emptyHtml).toContain('href="#name"')

    const tooLong = await agent.post(apiPaths.manage.newToken(partnership.id), { name: 'x'.repeat(101) })
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toContain('x'.repeat(101))

    const created = await agent.post(apiPaths.manage.newToken(partnership.id), { name: 'Website sync' })
    expect(created.status).toBe(201)
    const html = await created.text()
    expect(html).toContain('Copy this token now')
    const secret = /value="(ju_[A-Za-z0-9_-]+)"/.exec(html)![1]!
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.partnershipId, partnership.id))
    expect(row!.tokenHash).toBe(hashToken(secret))
    expect(JSON.stringify(row)).not.toContain(secret)
    expect(secret.startsWith(row!.tokenPrefix)).toBe(true)
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, row!.id), eq(auditEvents.event, 'api_token.created')))
    expect(audit).toHaveLength(1)

    const listed = await agent.getText(apiPaths.manage.tokens(partnership.id))
    expect(listed.text).toContain('Website sync')
    expect(listed.text).toContain(row!.tokenPrefix)
    expect(listed.text).not.toContain(secret)
    expect(listed.text).toContain('Never')

    // The token works until it is revoked.
    const body = await buildBody(t.db, { partnershipId: partnership.id })
    const ok = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: { date: '2029-01-10', startTime: '10:00', kind: 'ordinary' } })
    expect(ok.status).toBe(201)
    expect((await agent.getText(apiPaths.manage.tokens(partnership.id))).text).not.toContain('Never')

    const revokePath = apiPaths.manage.revokeToken(partnership.id, row!.id)
    const confirm = await agent.getText(revokePath)
    expect(confirm.status).toBe(200)
    expect(confirm.text).toContain('Yes, revoke this token')
    const unconfirmed = await agent.post(revokePath, {})
    expect(unconfirmed.status).toBe(400)
    const revoked = await agent.post(revokePath, { confirm: 'yes' })
    expect(revoked.status).toBe(303)
    expect(revoked.headers.get('location')).toBe(apiPaths.manage.tokens(partnership.id))
    const [after] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, row!.id))
    expect(after!.revokedAt).not.toBeNull()
    expect(
      await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, row!.id), eq(auditEvents.event, 'api_token.revoked'))),
    ).toHaveLength(1)
    expect((await agent.getText(apiPaths.manage.tokens(partnership.id))).text).toContain('Revoked')

    const refused = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: { date: '2029-01-11', startTime: '10:00', kind: 'ordinary' } })
    expect(refused.status).toBe(401)
    expect(refused.type).toContain('application/problem+json')
  })

  it('refuses another partnership’s secretariat (403) and the public (sign in)', async () => {
    const { partnership, token } = await setup()
    const stranger = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(t.db)).id] })
    expect((await stranger.get(apiPaths.manage.tokens(partnership.id))).status).toBe(403)
    expect((await stranger.get(apiPaths.manage.newToken(partnership.id))).status).toBe(403)
    expect((await stranger.get(apiPaths.manage.revokeToken(partnership.id, token.id))).status).toBe(403)
    const anonymous = await t.app.request(`http://localhost${apiPaths.manage.tokens(partnership.id)}`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toContain('/sign-in')
  })

  it('does not let one partnership revoke another’s token through its own address', async () => {
    const { partnership } = await setup()
    const { token: foreign } = await buildApiToken(t.db)
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
    expect((await agent.get(apiPaths.manage.revokeToken(partnership.id, foreign.id))).status).toBe(404)
  })
})

describe('write endpoints', () => {
  it('schedules a meeting through the meetings service, with its audit record', async () => {
    const { body, secret } = await setup()
    const r = await call('POST', `/api/v1/bodies/${body.id}/meetings`, {
      token: secret,
      body: { date: '2029-02-01', startTime: '14:30', endTime: '16:00', venue: 'Town Hall', kind: 'ordinary' },
    })
    expect(r.status).toBe(201)
    expect(check('MeetingDetail', r.body)).toEqual([])
    expect(r.body).toMatchObject({ bodyId: body.id, date: '2029-02-01', startTime: '14:30', endTime: '16:00', status: 'scheduled', version: 1 })
    expect(r.res.headers.get('location')).toBe(`/api/v1/meetings/${String(r.body.id)}`)
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, r.body.id as string))
    expect(audit.map((a) => a.event)).toEqual(['meeting.scheduled'])
  })

  it('refuses bad bodies: not JSON (400), invalid fields (422)', async () => {
    const { body, secret } = await setup()
    const notJson = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, raw: '{nope' })
    expect(notJson.status).toBe(400)
    expect(notJson.type).toContain('application/problem+json')
    const invalid = await call('POST', `/api/v1/bodies/${body.id}/meetings`, {
      token: secret,
      body: { date: '2029-02-30', startTime: '25:00', kind: 'party' },
    })
    expect(invalid.status).toBe(422)
    expect(check('Problem', invalid.body)).toEqual([])
    expect(Object.keys(invalid.body.errors as object).sort()).toEqual(['date', 'kind', 'startTime'])
    const nested = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: { date: { a: 1 } } })
    expect(nested.status).toBe(422)
    const array = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: [1] })
    expect(array.status).toBe(400)
  })

  it('changes a meeting only with the current version: a stale one is a 409 problem', async () => {
    const { body, secret } = await setup()
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2029-03-01', startTime: '10:00', venue: 'Old Hall' })
    const missing = await call('PATCH', `/api/v1/meetings/${meeting.id}`, { token: secret, body: { venue: 'New Hall' } })
    expect(missing.status).toBe(422)
    expect(missing.body.errors).toHaveProperty('version')

    const ok = await call('PATCH', `/api/v1/meetings/${meeting.id}`, { token: secret, body: { venue: 'New Hall', version: 1 } })
    expect(ok.status).toBe(200)
    expect(check('MeetingDetail', ok.body)).toEqual([])
    expect(ok.body).toMatchObject({ venue: 'New Hall', date: '2029-03-01', startTime: '10:00', version: 2 })

    const stale = await call('PATCH', `/api/v1/meetings/${meeting.id}`, { token: secret, body: { venue: 'Stale Hall', version: 1 } })
    expect(stale.status).toBe(409)
    expect(stale.type).toContain('application/problem+json')
    expect(stale.body).toMatchObject({ status: 409 })
    const [row] = await t.db.select().from(meetings).where(eq(meetings.id, meeting.id))
    expect(row!.venue).toBe('New Hall')

    const moved = await call('PATCH', `/api/v1/meetings/${meeting.id}`, { token: secret, body: { date: '2029-03-08', version: 2 } })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ date: '2029-03-08', movedFrom: { date: '2029-03-01', startTime: '10:00' } })
  })

  it('adds agenda items numbered by the meetings service, with the exempt rules applied', async () => {
    const { body, secret } = await setup()
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2029-04-01' })
    const first = await call('POST', `/api/v1/meetings/${meeting.id}/items`, { token: secret, body: { title: 'Welcome', purpose: 'information' } })
    expect(first.status).toBe(201)
    expect(check('NewAgendaItem', first.body)).toEqual([])
    expect(first.body).toMatchObject({ number: '1', title: 'Welcome', exempt: false })
    const sub = await call('POST', `/api/v1/meetings/${meeting.id}/items`, { token: secret, body: { title: 'Apologies', parentItemId: first.body.id } })
    expect(sub.body).toMatchObject({ number: '1a', isSubItem: true })
    const exemptNoReason = await call('POST', `/api/v1/meetings/${meeting.id}/items`, { token: secret, body: { title: 'Contract', isExempt: true } })
    expect(exemptNoReason.status).toBe(422)
    expect(Object.keys(exemptNoReason.body.errors as object).sort()).toEqual(['exemptParagraph', 'publicInterestReasoning'])
    const exempt = await call('POST', `/api/v1/meetings/${meeting.id}/items`, {
      token: secret,
      body: { title: 'Contract', isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'Commercial terms' },
    })
    expect(exempt.status).toBe(201)
    expect(exempt.body).toMatchObject({ number: '2', exempt: true, exemptParagraph: 3 })
    const items = await t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id))
    expect(items).toHaveLength(3)

    const cancelled = await buildMeeting(t.db, { bodyId: body.id }, 'cancelled')
    const refused = await call('POST', `/api/v1/meetings/${cancelled.id}/items`, { token: secret, body: { title: 'Too late' } })
    expect(refused.status).toBe(409)
    expect(refused.type).toContain('application/problem+json')
  })

  it('posts a progress update to an action, moving its status through the state machine', async () => {
    const { body, secret } = await setup()
    const action = await buildAction(t.db, { bodyId: body.id, description: 'Write the plan' })
    const r = await call('POST', `/api/v1/actions/${action.id}/updates`, { token: secret, body: { text: 'Draft circulated', statusTo: 'in_progress' } })
    expect(r.status).toBe(201)
    expect(check('Action', r.body)).toEqual([])
    expect(r.body).toMatchObject({ id: action.id, status: 'in_progress' })
    const updates = await t.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, action.id))
    expect(updates.map((u) => u.text)).toEqual(['Draft circulated'])
    const bad = await call('POST', `/api/v1/actions/${action.id}/updates`, { token: secret, body: { text: 'x', statusTo: 'cleared' } })
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toHaveProperty('clearedAtMeetingId')
  })

  it('refuses writes without a valid token (401) and to another partnership (403)', async () => {
    const { body, otherBody, secret, partnership } = await setup()
    const payload = { date: '2029-05-01', startTime: '10:00', kind: 'ordinary' }
    for (const token of [undefined, 'nonsense', `ju_${'a'.repeat(43)}`]) {
      const r = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token, body: payload })
      expect(r.status).toBe(401)
      expect(r.type).toContain('application/problem+json')
      expect(r.res.headers.get('www-authenticate')).toContain('Bearer')
    }
    const { secret: revoked } = await buildApiToken(t.db, { partnershipId: partnership.id, revoked: true })
    expect((await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: revoked, body: payload })).status).toBe(401)

    const foreign = await call('POST', `/api/v1/bodies/${otherBody.id}/meetings`, { token: secret, body: payload })
    expect(foreign.status).toBe(403)
    expect(foreign.type).toContain('application/problem+json')
    const otherMeeting = await buildMeeting(t.db, { bodyId: otherBody.id })
    expect((await call('PATCH', `/api/v1/meetings/${otherMeeting.id}`, { token: secret, body: { venue: 'X', version: 1 } })).status).toBe(403)
    expect((await call('POST', `/api/v1/meetings/${otherMeeting.id}/items`, { token: secret, body: { title: 'X' } })).status).toBe(403)
    const otherAction = await buildAction(t.db, { bodyId: otherBody.id })
    expect((await call('POST', `/api/v1/actions/${otherAction.id}/updates`, { token: secret, body: { text: 'X' } })).status).toBe(403)
    const notFound = await call('POST', `/api/v1/bodies/00000000-0000-4000-8000-000000000000/meetings`, { token: secret, body: payload })
    expect(notFound.status).toBe(404)
    const written = await t.db.select().from(meetings).where(and(eq(meetings.bodyId, otherBody.id), eq(meetings.date, '2029-05-01')))
    expect(written).toEqual([])
  })

  it('stops working when its creator is disabled or leaves the secretariat (401)', async () => {
    const { body, partnership } = await setup()
    const payload = { date: '2029-06-01', startTime: '10:00', kind: 'ordinary' }
    const creator = await buildUser(t.db, { secretariatOf: [partnership.id] })
    const { secret } = await buildApiToken(t.db, { partnershipId: partnership.id, createdByUserId: creator.id })
    expect((await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: payload })).status).toBe(201)

    await t.db.delete(userPartnershipRoles).where(eq(userPartnershipRoles.userId, creator.id))
    expect((await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: { ...payload, date: '2029-06-02' } })).status).toBe(401)

    const disabled = await buildUser(t.db, { secretariatOf: [partnership.id] })
    const { secret: second } = await buildApiToken(t.db, { partnershipId: partnership.id, createdByUserId: disabled.id })
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id))
    expect((await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: second, body: { ...payload, date: '2029-06-03' } })).status).toBe(401)
  })

  it('never accepts a signed-in session instead of a token (no CSRF check under /api/)', async () => {
    const { body, partnership } = await setup()
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const r = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { cookie, body: { date: '2029-06-01', startTime: '10:00', kind: 'ordinary' } })
    expect(r.status).toBe(401)
  })

  it('acts as the token’s creator for authorship, scoped to the token’s partnership even when the creator is an admin', async () => {
    const { body, otherBody, partnership } = await setup()
    const admin = await buildUser(t.db, { isAdmin: true })
    const { secret } = await buildApiToken(t.db, { partnershipId: partnership.id, createdByUserId: admin.id })
    const ok = await call('POST', `/api/v1/bodies/${body.id}/meetings`, { token: secret, body: { date: '2029-07-01', startTime: '10:00', kind: 'ordinary' } })
    expect(ok.status).toBe(201)
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, ok.body.id as string))
    expect(audit!.actorUserId).toBe(admin.id)
    const foreign = await call('POST', `/api/v1/bodies/${otherBody.id}/meetings`, { token: secret, body: { date: '2029-07-01', startTime: '10:00', kind: 'ordinary' } })
    expect(foreign.status).toBe(403)
  })

  it('gives 401 before anything else for a write with a malformed id and no token', async () => {
    const r = await call('PATCH', '/api/v1/meetings/not-an-id', { body: { version: 1 } })
    expect(r.status).toBe(401)
    const { secret } = await setup()
    const withToken = await call('PATCH', '/api/v1/meetings/not-an-id', { token: secret, body: { version: 1 } })
    expect(withToken.status).toBe(404)
    expect(withToken.type).toContain('application/problem+json')
  })
})

describe('items on a published agenda', () => {
  it('records late items through the same rules as the pages', async () => {
    const { body, secret } = await setup()
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2029-09-01' }, 'agendaPublished')
    await buildAgendaItem(t.db, { meetingId: meeting.id, title: 'First', position: 0 })
    const r = await call('POST', `/api/v1/meetings/${meeting.id}/items`, { token: secret, body: { title: 'Late item' } })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ number: '2', addedAfterPublication: true })
  })
})
