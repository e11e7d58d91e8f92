import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../platform/db/client.ts'
import type { MailMessage } from '../../platform/mail/mailer.ts'
import { loadConfig } from '../../config.ts'
import { createTestDatabase } from '../../../test/support/db.ts'
import { buildBody, buildMeeting } from '../../../test/support/builders.ts'
import { buildPublicationEvent, buildSubscription } from '../../../test/support/publishing-builders.ts'
import { buildServices } from '../../services.ts'
import { describeFailures } from './subscriptions.service.ts'
import { emailSubscriptions, subscriptionDeliveries } from './publishing.tables.ts'

/**
 * The alert job when mail fails or runs overlap. Each test has its own database: a run sends to every due
 * subscriber, so nothing else may be waiting.
 */
const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), publicUrl: 'https://committees.example.org' }
const open: Database[] = []
afterAll(async () => {
  for (const d of open) await d.close()
})

async function scenario(addresses: string[], events = 1) {
  const database = await createTestDatabase()
  open.push(database)
  const db = database.db
  const body = await buildBody(db, { slug: 'alert-board', name: 'Alert Board' })
  const subs: Awaited<ReturnType<typeof buildSubscription>>[] = []
  for (const email of addresses) subs.push(await buildSubscription(db, { bodyId: body.id, email, status: 'confirmed' }))
  const eventRows: Awaited<ReturnType<typeof buildPublicationEvent>>[] = []
  for (let i = 0; i < events; i++) {
    const m = await buildMeeting(db, { bodyId: body.id, date: `2027-0${i + 1}-04` }, 'agendaPublished')
    eventRows.push(await buildPublicationEvent(db, { meetingId: m.id, kind: 'agenda_published' }))
  }
  /** An alert job instance (one app instance) with its own mailer. */
  const job = (send: (m: MailMessage) => Promise<void>) => buildServices(config, database, { mailer: { send } }).feeds.subscriptions
  const sub = (email: string) => subs.find((s) => s.email === email)!
  const rowOf = async (email: string) => (await db.select().from(emailSubscriptions).where(eq(emailSubscriptions.id, sub(email).id)))[0]!
  const deliveries = async () =>
    (await db.select().from(subscriptionDeliveries))
      .map((d) => `${subs.find((s) => s.id === d.subscriptionId)!.email} ${eventRows.findIndex((e) => e.id === d.eventId) + 1} ${d.state}`)
      .sort()
  return { database, db, job, subs, events: eventRows, sub, rowOf, deliveries }
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))])
const failure = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('email alerts when sending fails', () => {
  it('sends with no transaction open, gives a failed email back, and a later run sends just that one', async () => {
    const s = await scenario(['a@example.net', 'b@example.net', 'c@example.net'])
    let refuse: string | null = 'b@example.net'
    const attempts: string[] = []
    const seen: string[] = []
    const job = s.job(async (m) => {
      attempts.push(m.to)
      // Read through the pool, not the run: inside an open transaction this would not see the claim
      // (PostgreSQL) or would wait for the transaction to end (PGlite).
      const rows = await within(s.deliveries(), 5_000)
      seen.push(rows === 'timed out' ? 'blocked' : rows.filter((r) => r.startsWith(m.to)).join())
      if (m.to === refuse) throw failure('451 4.3.0 try again later', 'EMESSAGE')
    })
    await expect(job.sendAlerts()).rejects.toThrow(/^1 email alerts could not be sent \(a later run tries again\): subscription .* 451 4\.3\.0/)
    expect([...attempts].sort()).toEqual(['a@example.net', 'b@example.net', 'c@example.net'])
    expect([...seen].sort()).toEqual(['a@example.net 1 sending', 'b@example.net 1 sending', 'c@example.net 1 sending'])
    expect(await s.deliveries()).toEqual(['a@example.net 1 sent', 'c@example.net 1 sent'])
    expect((await s.rowOf('b@example.net')).lastEventId).toBe(0)

    refuse = null
    attempts.length = 0
    expect(await job.sendAlerts()).toEqual({ sent: 1, skipped: 0, failed: 0 })
    expect(attempts).toEqual(['b@example.net'])
    expect(await s.deliveries()).toEqual(['a@example.net 1 sent', 'b@example.net 1 sent', 'c@example.net 1 sent'])
  })

  it('stops the run when the mail server is down, and the next run sends to everyone', async () => {
    const addresses = ['d1@example.net', 'd2@example.net', 'd3@example.net', 'd4@example.net']
    const s = await scenario(addresses)
    let down = true
    const attempts: string[] = []
    const job = s.job((m) => {
      attempts.push(m.to)
      return down ? Promise.reject(failure('connect ECONNREFUSED 127.0.0.1:25', 'ECONNECTION')) : Promise.resolve()
    })
    await expect(job.sendAlerts()).rejects.toThrow(/^1 email alerts could not be sent \(the mail server is unavailable, so the run stopped; a later run tries again\)/)
    expect(attempts).toHaveLength(1)
    expect(await s.deliveries()).toEqual([])

    down = false
    attempts.length = 0
    expect(await job.sendAlerts()).toEqual({ sent: 4, skipped: 0, failed: 0 })
    expect([...attempts].sort()).toEqual(addresses)
  })
})

describe('email alerts from two runs at once', () => {
  let s: Awaited<ReturnType<typeof scenario>>
  beforeAll(async () => {
    s = await scenario(['x@example.net'], 2)
  })

  it('leaves a subscriber being sent to by one run alone in the other, and loses nothing when that send fails', async () => {
    // Run A is in the middle of sending event 1 ...
    let failA!: (err: Error) => void
    let inSend!: () => void
    const sending = new Promise<void>((r) => (inSend = r))
    const a = s.job((m) => {
      inSend()
      return m.subject.startsWith('Agenda published') ? new Promise<void>((_, reject) => (failA = reject)) : Promise.resolve()
    })
    const runA = a.sendAlerts()
    await sending

    // ... while run B (the next period, or another instance) goes through: it sends nothing to x, and does
    // not move x past event 1.
    const bSent: string[] = []
    const b = s.job((m) => (bSent.push(m.subject), Promise.resolve()))
    expect(await b.sendAlerts()).toEqual({ sent: 0, skipped: 1, failed: 0 })
    expect(bSent).toEqual([])
    expect((await s.rowOf('x@example.net')).lastEventId).toBe(0)

    // A's send fails: the claim is given back.
    failA(failure('452 4.2.2 mailbox full', 'EENVELOPE'))
    await expect(runA).rejects.toThrow(/1 email alerts could not be sent/)
    expect(await s.deliveries()).toEqual([])

    // A later run sends event 1, then event 2.
    const cSent: string[] = []
    const c = s.job((m) => (cSent.push(m.subject), Promise.resolve()))
    expect(await c.sendAlerts()).toEqual({ sent: 2, skipped: 0, failed: 0 })
    expect(cSent).toEqual(['Agenda published: Alert Board, 4 January 2027', 'Agenda published: Alert Board, 4 February 2027'])
    expect(await s.deliveries()).toEqual(['x@example.net 1 sent', 'x@example.net 2 sent'])
    expect((await s.rowOf('x@example.net')).lastEventId).toBe(s.events[1]!.id)
  })
})

describe('the failure message', () => {
  it('says which alerts are retried, lost, or sent but not recorded', () => {
    expect(describeFailures({ sent: 3, skipped: 0, failed: 2 }, { serverDown: false, lost: 0, unrecorded: 0 })).toBe(
      '2 email alerts could not be sent (a later run tries again)',
    )
    expect(describeFailures({ sent: 0, skipped: 0, failed: 2 }, { serverDown: true, lost: 1, unrecorded: 0 })).toBe(
      '1 email alerts could not be sent (the mail server is unavailable, so the run stopped; a later run tries again); 1 could not be sent nor given back, and will not be sent',
    )
    expect(describeFailures({ sent: 1, skipped: 0, failed: 0 }, { serverDown: false, lost: 0, unrecorded: 1 })).toBe(
      '1 were sent but not recorded (they count as sent when their lease runs out)',
    )
  })
})

describe('a claim whose sender died', () => {
  it('is left alone while its lease runs, then counts as sent (at most once)', async () => {
    const s = await scenario(['y@example.net'])
    const event = s.events[0]!
    const key = { subscriptionId: s.sub('y@example.net').id, eventId: event.id }
    await s.db.insert(subscriptionDeliveries).values({ ...key, state: 'sending', leaseUntil: new Date(Date.now() + 60_000) })
    const sent: string[] = []
    const job = s.job((m) => (sent.push(m.to), Promise.resolve()))
    expect(await job.sendAlerts()).toEqual({ sent: 0, skipped: 1, failed: 0 })
    expect((await s.rowOf('y@example.net')).lastEventId).toBe(0)

    await s.db.update(subscriptionDeliveries).set({ leaseUntil: new Date(Date.now() - 1_000) }).where(eq(subscriptionDeliveries.eventId, event.id))
    expect(await job.sendAlerts()).toEqual({ sent: 0, skipped: 1, failed: 0 })
    expect(sent).toEqual([])
    expect(await s.deliveries()).toEqual(['y@example.net 1 sent'])
    expect((await s.rowOf('y@example.net')).lastEventId).toBe(event.id)
  })
})
