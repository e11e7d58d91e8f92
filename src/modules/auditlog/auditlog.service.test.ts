import { beforeAll, describe, expect, it } from 'vitest'
import { desc, eq } from 'drizzle-orm'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { users } from '../accounts/accounts.tables.ts'
import { AppError } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { auditLogRepository } from './auditlog.repository.ts'
import { auditLogService, type AuditLogService, type AuditRow } from './auditlog.service.ts'

const t = useTestDb()
let log: AuditLogService

const ids = { chorley: '', glos: '', jane: '', omar: '' }
const person = (over: Partial<CurrentUser>): CurrentUser => ({ id: ids.jane, email: 'x@example.org', displayName: 'X', isAdmin: false, secretariatOf: [], memberOf: [], ...over })
const admin = () => person({ isAdmin: true })
const secretariatOf = (...p: string[]) => person({ secretariatOf: p })

type Seed = { at: string; event: string; partnershipId?: string | null; actor?: string | null; subjectType?: string; subjectId?: string; data?: Record<string, unknown> }
async function seed(rows: Seed[]): Promise<number[]> {
  const inserted = await t.db
    .insert(auditEvents)
    .values(
      rows.map((r) => ({
        at: new Date(r.at),
        event: r.event,
        partnershipId: r.partnershipId ?? null,
        actorUserId: r.actor === undefined ? ids.jane : r.actor,
        subjectType: r.subjectType ?? 'meeting',
        subjectId: r.subjectId ?? 'm-1',
        data: r.data ?? {},
      })),
    )
    .returning({ id: auditEvents.id })
  return inserted.map((r) => r.id)
}

const events = (rows: AuditRow[]) => rows.map((r) => r.event)
async function codeOf(p: Promise<unknown>) {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (e instanceof AppError) return e.code
    throw e
  }
}

beforeAll(async () => {
  log = auditLogService(t.db, auditLogRepository(t.db), { pageSize: 3, exportBatch: 2 })
  ids.chorley = (await buildPartnership(t.db, { name: 'Chorley Together' })).id
  ids.glos = (await buildPartnership(t.db, { name: 'Gloucestershire Partnership' })).id
  ids.jane = (await buildUser(t.db, { displayName: 'Jane Officer', email: 'jane.officer@chorley.example' })).id
  ids.omar = (await buildUser(t.db, { displayName: 'Omar 100% Admin', email: 'omar@glos.example' })).id
  await t.db.delete(auditEvents)
  await seed([
    { at: '2026-03-01T10:00:00Z', event: 'meeting.scheduled', partnershipId: ids.chorley, subjectId: 'chorley-meeting' },
    { at: '2026-03-02T10:00:00Z', event: 'meeting.scheduled', partnershipId: ids.glos, actor: ids.omar, subjectId: 'glos-meeting' },
    { at: '2026-03-03T10:00:00Z', event: 'user.signed_in', partnershipId: null, subjectType: 'user', subjectId: ids.jane, data: { client: '10.0.0.1' } },
    { at: '2026-03-04T10:00:00Z', event: 'user.sign_in_failed', partnershipId: null, actor: null, subjectType: 'user', subjectId: 'unknown', data: { system: 'sign-in' } },
    { at: '2026-03-05T10:00:00Z', event: 'user.role_granted', partnershipId: ids.chorley, actor: ids.omar, subjectType: 'user', subjectId: ids.jane, data: { role: 'secretariat' } },
    { at: '2026-06-30T23:30:00Z', event: 'agenda.published', partnershipId: ids.chorley, subjectId: 'chorley-meeting' },
  ])
})

describe('who sees which events', () => {
  it('shows an admin every event, account events included, newest first, with names joined', async () => {
    const page = await auditLogService(t.db, auditLogRepository(t.db)).findEvents(admin(), {})
    expect(events(page.rows)).toEqual(['agenda.published', 'user.role_granted', 'user.sign_in_failed', 'user.signed_in', 'meeting.scheduled', 'meeting.scheduled'])
    const granted = page.rows[1]!
    expect(granted).toMatchObject({ actorName: 'Omar 100% Admin', actorEmail: 'omar@glos.example', subjectUserName: 'Jane Officer', partnershipName: 'Chorley Together' })
    expect(page.rows[2]).toMatchObject({ actorName: null, subjectUserName: null, partnershipName: null })
  })

  it('shows a secretariat only its own partnership’s events: never another’s, never account events of none', async () => {
    const all = await auditLogService(t.db, auditLogRepository(t.db)).findEvents(secretariatOf(ids.chorley), {})
    expect(all.rows.map((r) => r.partnershipId)).toEqual([ids.chorley, ids.chorley, ids.chorley])
    expect(events(all.rows)).not.toContain('user.signed_in')
    expect(all.rows.some((r) => r.subjectId === 'glos-meeting')).toBe(false)
    const glos = await log.findEvents(secretariatOf(ids.glos), {})
    expect(glos.rows.map((r) => r.subjectId)).toEqual(['glos-meeting'])
    const both = await auditLogService(t.db, auditLogRepository(t.db)).findEvents(secretariatOf(ids.glos, ids.chorley), {})
    expect(both.rows).toHaveLength(4)
  })

  it('refuses anyone who is neither admin nor secretariat', async () => {
    expect(await codeOf(log.findEvents(person({ readOnlyOf: [ids.chorley] }), {}))).toBe('FORBIDDEN')
    expect(await codeOf(log.findEvents(person({ memberOf: ['some-body'] }), {}))).toBe('FORBIDDEN')
    expect(await codeOf(log.exportEvents(person({}), {}))).toBe('FORBIDDEN')
  })
})

describe('filters', () => {
  const find = (filters: Parameters<AuditLogService['findEvents']>[1], who = admin()) =>
    auditLogService(t.db, auditLogRepository(t.db)).findEvents(who, filters).then((p) => events(p.rows))

  it('finds who did it by part of their name or email, in any case, with % taken literally', async () => {
    expect(await find({ user: 'jane' })).toEqual(['agenda.published', 'user.signed_in', 'meeting.scheduled'])
    expect(await find({ user: 'GLOS.EXAMPLE' })).toEqual(['user.role_granted', 'meeting.scheduled'])
    expect(await find({ user: '100%' })).toEqual(['user.role_granted', 'meeting.scheduled'])
    expect(await find({ user: '%' })).toEqual(['user.role_granted', 'meeting.scheduled'])
    expect(await find({ user: 'nobody' })).toEqual([])
    // Scoped still: Omar acted in both partnerships; Chorley's secretariat sees only the Chorley event.
    expect(await find({ user: 'omar' }, secretariatOf(ids.chorley))).toEqual(['user.role_granted'])
  })

  it('finds who did it when the words name more accounts than it lists (a very short search)', async () => {
    const many = await t.db
      .insert(users)
      .values(Array.from({ length: 205 }, (_, i) => ({ email: `bulk${i}@many.example`, displayName: `Bulk Person ${i}` })))
      .returning({ id: users.id })
    const p = (await buildPartnership(t.db)).id
    await seed([{ at: '2026-04-01T10:00:00Z', event: 'topic.created', partnershipId: p, actor: many[150]!.id }])
    expect(await find({ user: 'bulk person' })).toEqual(['topic.created'])
    expect(await find({ user: 'bulk person 150' })).toEqual(['topic.created'])
    expect(await find({ user: 'bulk person' }, secretariatOf(ids.chorley))).toEqual([])
  })

  it('finds a record’s events by type and id, and events by name', async () => {
    expect(await find({ subjectType: 'meeting', subjectId: 'chorley-meeting' })).toEqual(['agenda.published', 'meeting.scheduled'])
    expect(await find({ subjectType: 'user' })).toHaveLength(3)
    expect(await find({ event: 'meeting.scheduled' })).toHaveLength(2)
    expect(await find({ event: 'meeting.scheduled' }, secretariatOf(ids.glos))).toHaveLength(1)
  })

  it('takes London dates, both days included: 23:30 UTC on 30 June is 1 July in London', async () => {
    expect(await find({ from: '2026-07-01' })).toEqual(['agenda.published'])
    expect(await find({ to: '2026-06-30' })).not.toContain('agenda.published')
    expect(await find({ from: '2026-03-02', to: '2026-03-04' })).toEqual(['user.sign_in_failed', 'user.signed_in', 'meeting.scheduled'])
  })
})

describe('keyset pages', () => {
  it('pages newest first by id with no row skipped or repeated, even among events of one instant', async () => {
    const p = (await buildPartnership(t.db, { name: 'Paging Partnership' })).id
    const at = '2026-05-05T12:00:00Z'
    // Seven events, five of them in one instant (one transaction): the id breaks the tie.
    const inserted = await seed([
      { at: '2026-05-04T12:00:00Z', event: 'body.created', partnershipId: p },
      ...[1, 2, 3, 4, 5].map(() => ({ at, event: 'body.updated', partnershipId: p })),
      { at: '2026-05-06T12:00:00Z', event: 'body.updated', partnershipId: p },
    ])
    const newestFirst = [inserted[6]!, ...inserted.slice(1, 6).reverse(), inserted[0]!]
    const who = secretariatOf(p)

    const one = await log.findEvents(who, {})
    expect(one.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 3))
    expect(one.older).toBe(newestFirst[2])
    expect(one.newer).toBeUndefined()
    const two = await log.findEvents(who, {}, { after: one.older! })
    expect(two.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6))
    expect(two).toMatchObject({ older: newestFirst[5], newer: newestFirst[3] })
    const three = await log.findEvents(who, {}, { after: two.older! })
    expect(three.rows.map((r) => r.id)).toEqual(newestFirst.slice(6))
    expect(three.older).toBeUndefined()
    // And back: the page before page three is page two, before that page one (with no newer page).
    const back = await log.findEvents(who, {}, { before: three.newer! })
    expect(back.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6))
    const first = await log.findEvents(who, {}, { before: back.newer! })
    expect(first.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 3))
    expect(first.newer).toBeUndefined()

    // The same pages through a "who" filter (read per account from the actor index).
    const byJane = await log.findEvents(who, { user: 'jane' })
    expect(byJane.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 3))
    const byJane2 = await log.findEvents(who, { user: 'jane' }, { after: byJane.older! })
    expect(byJane2.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6))
    const byJane3 = await log.findEvents(who, { user: 'jane' }, { after: byJane2.older! })
    expect(byJane3.rows.map((r) => r.id)).toEqual(newestFirst.slice(6))
    expect(byJane3.older).toBeUndefined()
    const byJaneBack = await log.findEvents(who, { user: 'jane' }, { before: byJane3.newer! })
    expect(byJaneBack.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6))
  })

  it('pages nowhere from an event the user may not see (a made-up cursor reveals nothing)', async () => {
    const [glosEvent] = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.partnershipId, ids.glos))
    const page = await log.findEvents(secretariatOf(ids.chorley), {}, { after: glosEvent!.id })
    expect(page.rows).toEqual([])
  })
})

describe('downloading', () => {
  it('records the download with its filters, then yields every matching event in batches, newest first', async () => {
    const who = person({ id: ids.jane, secretariatOf: [ids.chorley] })
    const batches = await log.exportEvents(who, { event: 'meeting.scheduled' })
    const [recorded] = await t.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1)
    expect(recorded).toMatchObject({
      event: 'audit.exported',
      actorUserId: ids.jane,
      partnershipId: ids.chorley,
      subjectType: 'audit_log',
      data: { filters: { event: 'meeting.scheduled' }, partnerships: [ids.chorley] },
    })
    const rows: AuditRow[] = []
    for await (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(2)
      rows.push(...batch)
    }
    expect(rows.map((r) => r.subjectId)).toEqual(['chorley-meeting'])

    const everything: AuditRow[] = []
    for await (const batch of await log.exportEvents(admin(), {})) everything.push(...batch)
    const all = await t.db.select({ id: auditEvents.id }).from(auditEvents)
    // Every event once (the admin's own download, recorded first, is in it too).
    expect(new Set(everything.map((r) => r.id)).size).toBe(everything.length)
    expect(everything).toHaveLength(all.length)
    expect(everything[0]).toMatchObject({ event: 'audit.exported', partnershipId: null })
  })
})
