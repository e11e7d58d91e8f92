import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts'
import { createScheduler } from '../../platform/jobs/scheduler.ts'
import { jobRuns } from '../../platform/jobs/jobs.tables.ts'
import { loadConfig, type Config } from '../../config.ts'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/support/smtp.ts'
import { buildBody, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { buildServices } from '../../services.ts'
import { setRemindersOptOut } from '../structure/reminder-preferences.ts'
import { people } from '../structure/structure.tables.ts'
import { users } from '../accounts/accounts.tables.ts'
import { actionOwners, actions, type ActionStatus } from '../actions/actions.tables.ts'
import { ownerAccessTokens, reminderDeliveries } from './reminders.tables.ts'
import { remindersRepository } from './reminders.repository.ts'
import { reminderJobs, remindersService, type RemindersService } from './reminders.service.ts'

const database = useTestDb()
let smtp: TestSmtpServer
let config: Config
let clock = new Date('2026-11-23T08:00:00Z') // Monday 23 November 2026, 8am in London
const now = () => clock
let reminders: RemindersService
/** Fails sends to these addresses (a mail server refusing them). */
const refuse = new Set<string>()

const ids = {} as Record<string, string>

async function buildAction(
  db: Database['db'],
  values: { bodyId: string; description: string; dueOn: string | null; status?: ActionStatus; owners: string[] },
) {
  const [row] = await db
    .insert(actions)
    .values({
      bodyId: values.bodyId,
      description: values.description,
      dueOn: values.dueOn,
      raisedOn: '2026-10-01',
      status: values.status ?? 'open',
      completedOn: values.status === 'completed' ? '2026-11-02' : null,
    })
    .returning()
  let position = 0
  for (const personId of values.owners) await db.insert(actionOwners).values({ actionId: row!.id, personId, position: position++ })
  return row!
}

/** The reminders service on this file's clock and mailer, over the app's own structure and actions services. */
function makeService(mailer: Mailer): RemindersService {
  const db = database.db
  const { structure, actions } = buildServices(config, database.database, { mailer })
  return remindersService(db, remindersRepository(db), { structure, actions, setRemindersOptOut, mailer, config, now })
}

/** Ticks a fresh scheduler (another instance, or the app after a restart) with the reminder jobs. */
async function tickAs(instanceId: string) {
  const scheduler = createScheduler(database.db, { instanceId, now })
  for (const [name, job] of Object.entries(reminderJobs(reminders, config))) scheduler.registerJob(name, job)
  return scheduler.tick()
}

const digests = () => smtp.messages.filter((m) => m.subject.startsWith('Your actions'))
const summaries = () => smtp.messages.filter((m) => m.subject.startsWith('Weekly action summary'))
const linkIn = (mail: ReceivedMail) => /http:\/\/joinedup\.test\/my-actions\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1]
const optOutIn = (mail: ReceivedMail) => /http:\/\/joinedup\.test\/reminders\/opt-out\/(\S+)/.exec(mail.text)?.[1]

beforeAll(async () => {
  smtp = await startTestSmtpServer()
  config = {
    ...loadConfig({ NODE_ENV: 'test', DEMO: 'false', LOG_LEVEL: 'silent' }),
    smtpUrl: smtp.url,
    publicUrl: 'http://joinedup.test',
  }
  const real = createMailer(config)
  reminders = makeService({
    send: (m) => (refuse.has(m.to.toLowerCase()) ? Promise.reject(new Error('550 mailbox unavailable')) : real.send(m)),
  })

  const db = database.db
  const p1 = await buildPartnership(db, { name: 'Chorley Public Service Reform Partnership' })
  const p2 = await buildPartnership(db)
  const executive = await buildBody(db, { partnershipId: p1.id, name: 'Executive' })
  const board = await buildBody(db, { partnershipId: p1.id, name: 'Board' })
  const other = await buildBody(db, { partnershipId: p2.id, name: 'Other Board' })
  ids.executive = executive.id
  ids.board = board.id
  ids.other = other.id
  const hayley = await buildPerson(db, { fullName: 'Hayley Hughes', email: 'Hayley.Hughes@Example.org' })
  const sam = await buildPerson(db, { fullName: 'Sam Opted', email: 'sam@example.org', remindersOptOut: true })
  const noEmail = await buildPerson(db, { fullName: 'No Email' })
  const dave = await buildPerson(db, { fullName: 'Dave Other', email: 'dave@example.org' })
  ids.hayley = hayley.id
  ids.dave = dave.id

  await buildAction(db, { bodyId: executive.id, description: 'Circulate Away Day outcomes', dueOn: '2026-11-20', owners: [hayley.id] })
  await buildAction(db, { bodyId: executive.id, description: 'Draft the **partnership plan**', dueOn: '2026-11-27', owners: [hayley.id, sam.id] })
  await buildAction(db, { bodyId: board.id, description: 'Far-off review', dueOn: '2026-12-20', owners: [hayley.id] })
  await buildAction(db, { bodyId: executive.id, description: 'Already completed task', dueOn: '2026-11-01', status: 'completed', owners: [hayley.id] })
  await buildAction(db, { bodyId: executive.id, description: 'Undated task', dueOn: null, owners: [hayley.id] })
  await buildAction(db, { bodyId: board.id, description: 'Sam overdue task', dueOn: '2026-11-10', owners: [sam.id] })
  await buildAction(db, { bodyId: executive.id, description: 'Unreachable owner task', dueOn: '2026-11-21', owners: [noEmail.id] })
  await buildAction(db, { bodyId: other.id, description: 'Other partnership task', dueOn: '2026-11-22', owners: [dave.id] })

  await buildUser(db, { email: 'Sec.One@chorley.example', displayName: 'Sec One', secretariatOf: [p1.id] })
  await buildUser(db, { email: 'sec.two@chorley.example', displayName: 'Sec Two', secretariatOf: [p1.id] })
  await buildUser(db, { email: 'sec@other.example', displayName: 'Sec Other', secretariatOf: [p2.id] })
  const disabled = await buildUser(db, { email: 'gone@chorley.example', secretariatOf: [p1.id] })
  await db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id))
})
afterAll(async () => {
  await smtp.stop()
})

describe('daily digest', () => {
  it('emails each reachable owner one digest of overdue and due-soon actions, when two instances tick together', async () => {
    const [a, b] = await Promise.all([tickAs('instance-a'), tickAs('instance-b')])
    expect([...a, ...b].map((o) => `${o.name} ${o.period} ${o.outcome}`).sort()).toEqual([
      'reminders.body_summary 2026-W48 ran',
      'reminders.owner_digest 2026-11-23 ran',
    ])

    expect(digests().map((m) => m.envelopeTo[0]).sort()).toEqual(['dave@example.org', 'hayley.hughes@example.org'])
    const [mail] = smtp.to('hayley.hughes@example.org')
    expect(mail!.subject).toBe('Your actions: 1 overdue, 1 due within 7 days')
    expect(mail!.from).toBe('no-reply@joinedup.invalid')
    expect(mail!.text).toContain('Dear Hayley Hughes')
    expect(mail!.text).toMatch(/OVERDUE\s+- Circulate Away Day outcomes\s+Executive\. Due 20 November 2026 \(3 days overdue\)/)
    expect(mail!.text).toContain('Draft the partnership plan')
    expect(mail!.text).toContain('Due 27 November 2026')
    for (const absent of ['Far-off review', 'Already completed task', 'Undated task', 'Sam overdue task']) expect(mail!.text).not.toContain(absent)
    expect(mail!.text).toContain('expires on 7 December 2026')
    expect(mail!.html).toContain('Circulate Away Day outcomes')
    expect(mail!.rawHeaders).toMatch(/List-Unsubscribe:\s+<http:\/\/joinedup\.test\/reminders\/opt-out\//)

    // The link in the email opens that owner's actions (and only theirs).
    const token = linkIn(mail!)
    expect(token).toBeDefined()
    const view = await reminders.viewOwnerLink(token!)
    expect(view.state).toBe('valid')
    if (view.state === 'valid') {
      expect(view.fullName).toBe('Hayley Hughes')
      expect(view.actions.map((x) => x.description).sort()).toEqual([
        'Already completed task',
        'Circulate Away Day outcomes',
        'Draft the **partnership plan**',
        'Far-off review',
        'Undated task',
      ])
    }
    const deliveries = await database.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.kind, 'owner_digest'))
    expect(deliveries.map((d) => `${d.recipient} ${d.period} '${d.scope}'`).sort()).toEqual([
      `dave@example.org 2026-11-23 '${ids.dave}'`,
      `hayley.hughes@example.org 2026-11-23 '${ids.hayley}'`,
    ])
  })

  it('sends nothing more the same day: not on a later tick, another instance, nor a rerun of the job', async () => {
    const before = smtp.messages.length
    clock = new Date('2026-11-23T21:00:00Z')
    expect(await tickAs('instance-c')).toEqual([])
    // A rerun of the day's job (as when a claim is taken over) finds every digest already delivered.
    expect(await reminders.sendOwnerDigests('2026-11-23')).toEqual({ sent: 0, skipped: 2, failed: 0 })
    expect(await reminders.sendBodySummaries('2026-W48')).toEqual({ sent: 0, skipped: 5, failed: 0 })
    expect(smtp.messages.length).toBe(before)
  })

  it('a run taken over from a dead instance sends only what was not yet sent', async () => {
    smtp.clear()
    clock = new Date('2026-11-24T07:05:00Z')
    // An instance claimed the day, sent Hayley's digest, and died before Dave's.
    const day = '2026-11-24'
    await database.db.insert(jobRuns).values({ name: 'reminders.owner_digest', period: day, claimedBy: 'dead', claimedAt: new Date('2026-11-24T07:00:00Z') })
    await database.db.insert(reminderDeliveries).values({ kind: 'owner_digest', recipient: 'hayley.hughes@example.org', period: day, scope: ids.hayley! })
    expect(await tickAs('instance-d')).toEqual([]) // still within the lease
    clock = new Date('2026-11-24T07:31:00Z')
    expect((await tickAs('instance-d')).map((o) => o.outcome)).toEqual(['ran'])
    expect(digests().map((m) => m.envelopeTo[0])).toEqual(['dave@example.org'])
  })

  it('rolls back a delivery that could not be sent, and a later run sends it', async () => {
    smtp.clear()
    clock = new Date('2026-11-25T08:00:00Z')
    refuse.add('dave@example.org')
    const tokensBefore = (await database.db.select().from(ownerAccessTokens).where(eq(ownerAccessTokens.personId, ids.dave!))).length
    await expect(reminders.sendOwnerDigests('2026-11-25')).rejects.toThrow(/1 reminder digests could not be sent/)
    expect(digests().map((m) => m.envelopeTo[0])).toEqual(['hayley.hughes@example.org'])
    const delivered = await database.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.period, '2026-11-25'))
    expect(delivered.map((d) => d.recipient)).toEqual(['hayley.hughes@example.org'])
    // The link made for the failed email was rolled back with it.
    expect((await database.db.select().from(ownerAccessTokens).where(eq(ownerAccessTokens.personId, ids.dave!))).length).toBe(tokensBefore)

    refuse.clear()
    expect(await reminders.sendOwnerDigests('2026-11-25')).toEqual({ sent: 1, skipped: 1, failed: 0 })
    expect(digests().map((m) => m.envelopeTo[0])).toEqual(['hayley.hughes@example.org', 'dave@example.org'])
  })

  it('respects an opt-out made through the link in the email', async () => {
    const mail = smtp.to('hayley.hughes@example.org').at(-1)!
    const token = optOutIn(mail)!
    expect(() => reminders.checkOptOutToken(token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).toThrow(/not found/)
    expect(() => reminders.checkOptOutToken(`${ids.dave}.${token.split('.')[1]}`)).toThrow(/not found/)
    expect(reminders.checkOptOutToken(token)).toBe(ids.hayley)
    await reminders.optOut(token)
    const [person] = await database.db.select().from(people).where(eq(people.id, ids.hayley!))
    expect(person!.remindersOptOut).toBe(true)

    smtp.clear()
    expect(await reminders.sendOwnerDigests('2026-11-26')).toEqual({ sent: 1, skipped: 0, failed: 0 })
    expect(digests().map((m) => m.envelopeTo[0])).toEqual(['dave@example.org'])
  })
})

describe('weekly summary', () => {
  it('gave each enabled secretariat user one summary per body of their partnership on Monday', async () => {
    const rows = await database.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.kind, 'body_summary'))
    expect(rows.map((r) => `${r.recipient} ${r.period} ${r.scope}`).sort()).toEqual(
      [
        `sec.one@chorley.example 2026-W48 ${ids.board}`,
        `sec.one@chorley.example 2026-W48 ${ids.executive}`,
        `sec.two@chorley.example 2026-W48 ${ids.board}`,
        `sec.two@chorley.example 2026-W48 ${ids.executive}`,
        `sec@other.example 2026-W48 ${ids.other}`,
      ].sort(),
    )
  })

  it('summarises a body: counts of open, overdue and due soon, and the overdue actions', async () => {
    smtp.clear()
    clock = new Date('2026-11-30T09:00:00Z') // the next Monday
    // Hayley opted out of her own reminders; the secretariat's summaries are unaffected.
    const outcomes = await tickAs('instance-e')
    expect(outcomes.map((o) => `${o.name} ${o.period}`).sort()).toEqual(['reminders.body_summary 2026-W49', 'reminders.owner_digest 2026-11-30'])
    expect(summaries().map((m) => m.envelopeTo[0]).sort()).toEqual([
      'sec.one@chorley.example',
      'sec.one@chorley.example',
      'sec.two@chorley.example',
      'sec.two@chorley.example',
      'sec@other.example',
    ])
    const executive = summaries().find((m) => m.envelopeTo[0] === 'sec.one@chorley.example' && m.subject.includes('Executive'))!
    // On 30 November: Circulate (20 Nov), Draft (27 Nov) and Unreachable (21 Nov) are overdue; Undated is open.
    expect(executive.subject).toBe('Weekly action summary for Executive: 3 overdue, 0 due soon')
    expect(executive.text).toContain('Open or in progress: 4')
    expect(executive.text).toContain('Overdue: 3')
    expect(executive.text).toContain('Circulate Away Day outcomes')
    expect(executive.text).toContain('Unreachable owner task')
    expect(executive.text).not.toContain('Already completed task')
    expect(executive.text).toMatch(/http:\/\/joinedup\.test\/manage\/actions\/[0-9a-f-]{36}/)
    expect(executive.html).toContain('Weekly action summary for <strong>Executive</strong>')

    // Later that week: nothing more.
    smtp.clear()
    clock = new Date('2026-12-03T09:00:00Z')
    const later = await tickAs('instance-f')
    expect(later.map((o) => o.name)).toEqual(['reminders.owner_digest'])
    expect(summaries()).toEqual([])
  })
})

describe('digests and links, person by person', () => {
  it('two owners who share an address each get their own digest', async () => {
    smtp.clear()
    const db = database.db
    const one = await buildPerson(db, { fullName: 'Shared One', email: 'office@example.org' })
    const two = await buildPerson(db, { fullName: 'Shared Two', email: 'Office@Example.org' })
    await buildAction(db, { bodyId: ids.other!, description: 'First sharer task', dueOn: '2026-12-02', owners: [one.id] })
    await buildAction(db, { bodyId: ids.other!, description: 'Second sharer task', dueOn: '2026-12-02', owners: [two.id] })
    await reminders.sendOwnerDigests('2026-12-01')
    const shared = smtp.to('office@example.org')
    expect(shared).toHaveLength(2)
    expect(shared.map((m) => (m.text.includes('First sharer task') ? 'one' : 'two')).sort()).toEqual(['one', 'two'])
  })
})
