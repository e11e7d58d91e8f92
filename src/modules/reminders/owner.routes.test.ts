import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { londonToday } from '../../shared/dates.ts'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { Agent, createTestApp, signedInAgent } from '../../../test/support/app.ts'
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts'
import { buildBody, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { expectToContainAll, expectToContainNone } from '../../../test/support/page-text.ts'
import { people } from '../structure/structure.tables.ts'
import { actionOwners, actions, actionUpdates, type ActionStatus } from '../actions/actions.tables.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { ownerAccessTokens } from './reminders.tables.ts'
import { reminderPaths } from './reminders.paths.ts'

// The app is built in beforeAll, once the test SMTP server has its address.
const testDb = useTestDb()
let smtp: TestSmtpServer
let t: ReturnType<typeof createTestApp>
let staff: Agent
let otherStaff: Agent
const ids = {} as Record<string, string>

async function buildAction(
  values: { bodyId: string; description: string; dueOn?: string | null; status?: ActionStatus; owners?: string[]; groupName?: string },
) {
  const db = testDb.db
  const [row] = await db
    .insert(actions)
    .values({
      bodyId: values.bodyId,
      description: values.description,
      dueOn: values.dueOn ?? null,
      raisedOn: '2026-10-01',
      status: values.status ?? 'open',
      droppedReason: values.status === 'dropped' ? 'No longer needed' : null,
    })
    .returning()
  let position = 0
  for (const personId of values.owners ?? []) await db.insert(actionOwners).values({ actionId: row!.id, personId, position: position++ })
  if (values.groupName) await db.insert(actionOwners).values({ actionId: row!.id, groupName: values.groupName, position: position++ })
  return row!
}

/** Send the owner link as the secretariat and return the token from the email that arrived. */
async function sendLinkTo(actionId: string, email: string): Promise<string> {
  const before = smtp.to(email).length
  const res = await staff.post(actionPaths.manage.sendOwnerLink(actionId))
  expect(res.status).toBe(303)
  const mails = smtp.to(email)
  expect(mails.length).toBe(before + 1)
  const token = /http:\/\/localhost\/my-actions\/([A-Za-z0-9_-]{43})/.exec(mails.at(-1)!.text)?.[1]
  expect(token).toBeDefined()
  return token!
}

/** Hayley is emailed the link for an action and opens it, as someone not signed in; the form is on her screen. */
async function ownerOpensLink(actionId: string): Promise<{ token: string; owner: Agent }> {
  const token = await sendLinkTo(actionId, 'hayley@example.org')
  const owner = new Agent(t.app)
  await owner.get(reminderPaths.ownerActions(token))
  return { token, owner }
}

const updatesOf = (actionId: string) => testDb.db.select().from(actionUpdates).where(eq(actionUpdates.actionId, actionId))
const actionRow = async (id: string) => (await testDb.db.select().from(actions).where(eq(actions.id, id)))[0]!

beforeAll(async () => {
  smtp = await startTestSmtpServer()
  t = createTestApp(testDb.database, { smtpUrl: smtp.url, publicUrl: 'http://localhost' })
  const db = testDb.db
  const partnership = await buildPartnership(db)
  const otherPartnership = await buildPartnership(db)
  const body = await buildBody(db, { partnershipId: partnership.id, name: 'Executive' })
  staff = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
  otherStaff = await signedInAgent(t.app, t.services, { secretariatOf: [otherPartnership.id] })

  const hayley = await buildPerson(db, { fullName: 'Hayley Hughes', email: 'hayley@example.org' })
  const sam = await buildPerson(db, { fullName: 'Sam Smith', email: 'sam@example.org' })
  const noEmail = await buildPerson(db, { fullName: 'No Email' })
  ids.hayley = hayley.id
  ids.sam = sam.id
  ids.circulate = (await buildAction({ bodyId: body.id, description: 'Circulate Away Day outcomes', dueOn: '2015-02-17', owners: [hayley.id] })).id
  ids.plan = (await buildAction({ bodyId: body.id, description: 'Draft the partnership plan', owners: [hayley.id], groupName: 'PMO' })).id
  ids.samsAction = (await buildAction({ bodyId: body.id, description: 'Sam’s confidential action', owners: [sam.id] })).id
  ids.dropped = (await buildAction({ bodyId: body.id, description: 'Dropped action of Hayley', status: 'dropped', owners: [hayley.id] })).id
  ids.unreachable = (await buildAction({ bodyId: body.id, description: 'Unreachable', owners: [noEmail.id] })).id
})
afterAll(async () => {
  expect(t.logger.errors).toEqual([])
  await smtp.stop()
})

describe('sending an owner their link', () => {
  it('is for the partnership secretariat only', async () => {
    const anonymous = new Agent(t.app)
    await anonymous.get('/')
    expect((await anonymous.post(actionPaths.manage.sendOwnerLink(ids.circulate!))).status).toBe(401)
    expect((await otherStaff.post(actionPaths.manage.sendOwnerLink(ids.circulate!))).status).toBe(403)
    expect((await staff.post(actionPaths.manage.sendOwnerLink('6f1e0c59-1b1f-4f4e-9a51-1b5c1f0e0a11'))).status).toBe(404)
    expect(smtp.messages).toEqual([])
  })

  it('emails the owner a personal link, stores only its hash, and says so', async () => {
    const res = await staff.post(actionPaths.manage.sendOwnerLink(ids.circulate!))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(actionPaths.manage.action(ids.circulate!))
    expect(decodeURIComponent(decodeURIComponent(res.headers.get('set-cookie') ?? ''))).toContain('emailed to Hayley Hughes')
    const [mail] = smtp.to('hayley@example.org')
    expect(mail!.subject).toBe('Update your actions')
    expect(mail!.text).toContain('Dear Hayley Hughes')
    expect(mail!.text).toContain('Circulate Away Day outcomes')
    expect(mail!.text).toContain('Draft the partnership plan')
    expect(mail!.text).not.toContain('Sam’s confidential action')
    const token = /http:\/\/localhost\/my-actions\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!
    expect(Buffer.from(token, 'base64url').length).toBe(32)
    const rows = await testDb.db.select().from(ownerAccessTokens).where(eq(ownerAccessTokens.personId, ids.hayley!))
    expect(rows.map((r) => r.tokenHash)).toEqual([createHash('sha256').update(token).digest('hex')])
    const days = (rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()) / 86_400_000
    expect(days).toBeGreaterThan(13.99)
    expect(days).toBeLessThan(14.01)
    const [audit] = await testDb.db.select().from(auditEvents).where(eq(auditEvents.event, 'action.owner_link_sent'))
    expect(audit).toMatchObject({ subjectId: ids.circulate })
  })

  it('explains when no owner has an email address', async () => {
    const res = await staff.post(actionPaths.manage.sendOwnerLink(ids.unreachable!))
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('No owner of this action has an email address')
  })
})

/** The owner's one form: `actions[<index>].id` / `.text` / `.completed` for each row given. */
function ownerForm(rows: Array<{ id: string; text?: string; completed?: boolean }>): Record<string, string> {
  const fields: Record<string, string> = {}
  rows.forEach((row, i) => {
    fields[`actions[${i}].id`] = row.id
    fields[`actions[${i}].text`] = row.text ?? ''
    if (row.completed) fields[`actions[${i}].completed`] = 'true'
  })
  return fields
}

const tokenRow = async (token: string) =>
  (await testDb.db.select().from(ownerAccessTokens).where(eq(ownerAccessTokens.tokenHash, createHash('sha256').update(token).digest('hex'))))[0]!

describe('the owner link', () => {
  it('shows only that person’s actions on the log, in one form, without a session', async () => {
    const token = await sendLinkTo(ids.plan!, 'hayley@example.org')
    const owner = new Agent(t.app)
    const res = await owner.get(reminderPaths.ownerActions(token))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expectToContainAll(html, ['Hayley Hughes', 'Circulate Away Day outcomes', 'Draft the partnership plan', 'Overdue'])
    expectToContainNone(html, ['Sam’s confidential action', 'Dropped action of Hayley'])
    // One form, one submit, a row per action: soonest due first.
    expect(html.match(/<form method="post"/g)).toHaveLength(1)
    expect(html.match(/Send updates/g)).toHaveLength(1)
    expect(html).toContain(`name="actions[0].id" value="${ids.circulate}"`)
    expect(html).toContain(`name="actions[1].id" value="${ids.plan}"`)
    expect(html).toContain(`name="actions[0].text"`)
    expect(html).toContain(`id="update-${ids.plan}" name="actions[1].text"`)
    expect(html).toContain(`name="actions[1].completed"`)
    expect(html).toContain('Mark as completed')
    expect(html).toMatch(/name="_csrf" value="[^"]+"/)
    // The link is not a session: the management area still needs a sign-in.
    expect([...owner.cookies.keys()]).not.toContain('ju_session')
    const manage = await owner.get('/manage')
    expect(manage.status).toBe(302)
    expect(manage.headers.get('location')).toContain('/sign-in')
  })

  it('cannot touch another owner’s action (404): nothing is recorded and the link stays usable', async () => {
    const { token, owner } = await ownerOpensLink(ids.circulate!)
    const res = await owner.post(reminderPaths.ownerActions(token), ownerForm([{ id: ids.samsAction!, text: 'Done it', completed: true }]))
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('Sam’s confidential action')
    // Slipped in beside the owner's own actions: the whole form is refused, their own update included.
    const mixed = ownerForm([
      { id: ids.circulate!, text: 'My own update' },
      { id: ids.plan!, text: 'Another of mine', completed: true },
      { id: ids.samsAction!, text: 'Done it', completed: true },
    ])
    expect((await owner.post(reminderPaths.ownerActions(token), mixed)).status).toBe(404)
    expect(await updatesOf(ids.samsAction!)).toEqual([])
    expect(await updatesOf(ids.circulate!)).toEqual([])
    expect(await updatesOf(ids.plan!)).toEqual([])
    expect((await actionRow(ids.samsAction!)).status).toBe('open')
    expect((await actionRow(ids.plan!)).status).toBe('open')
    // A dropped action of the same owner, an id that is not an action, a row without an id, the same action twice.
    for (const fields of [
      ownerForm([{ id: ids.dropped!, text: 'x' }]),
      ownerForm([{ id: 'not-an-id', text: 'x' }]),
      { 'actions[0].text': 'No id' },
      ownerForm([{ id: ids.circulate!, text: 'Once' }, { id: ids.circulate!, text: 'Twice' }]),
    ]) {
      expect((await owner.post(reminderPaths.ownerActions(token), fields)).status).toBe(404)
    }
    expect(await updatesOf(ids.circulate!)).toEqual([])
    expect((await tokenRow(token)).usedAt).toBeNull()
    expect((await owner.get(reminderPaths.ownerActions(token))).status).toBe(200)
  })

  it('re-shows the form with an error summary when nothing is filled in, without using the link', async () => {
    const { token, owner } = await ownerOpensLink(ids.circulate!)
    const res = await owner.post(reminderPaths.ownerActions(token), ownerForm([{ id: ids.circulate!, text: '  ' }, { id: ids.plan! }]))
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('There is a problem')
    expect(html).toContain(`href="#update-${ids.circulate}"`)
    expect(html).toContain('Enter an update or mark an action as completed')
    expect(html).toContain(`id="update-${ids.circulate}"`)
    expect((await tokenRow(token)).usedAt).toBeNull()
    expect((await owner.get(reminderPaths.ownerActions(token))).status).toBe(200)
  })

  it('keeps what was typed when one update is too long, and records nothing', async () => {
    const { token, owner } = await ownerOpensLink(ids.circulate!)
    const res = await owner.post(
      reminderPaths.ownerActions(token),
      ownerForm([{ id: ids.circulate!, text: 'Kept text', completed: true }, { id: ids.plan!, text: 'x'.repeat(5001) }]),
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(`href="#update-${ids.plan}"`)
    expect(html).toContain('Your update must be 5000 characters or fewer')
    expect(html).toContain('>Kept text</textarea>')
    expect(html).toMatch(new RegExp(`id="completed-${ids.circulate}"[^>]*checked`))
    expect(await updatesOf(ids.circulate!)).toEqual([])
    expect((await tokenRow(token)).usedAt).toBeNull()
  })
})

describe('the owner link: recording, expiry and refusals', () => {
  it('records two actions’ updates in one POST, completes one, lists both; then the link, and any earlier one, is used up (410)', async () => {
    const earlier = await sendLinkTo(ids.circulate!, 'hayley@example.org')
    const { token, owner } = await ownerOpensLink(ids.circulate!)
    const res = await owner.post(
      reminderPaths.ownerActions(token),
      ownerForm([
        { id: ids.circulate!, text: 'Circulated to all partners on 16 February.', completed: true },
        { id: ids.plan!, text: 'Drafting, with PMO.' },
      ]),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Updates sent')
    expect(html).toContain('We recorded 2 updates')
    expect(html).toContain('Circulate Away Day outcomes')
    expect(html).toContain('Circulated to all partners on 16 February.')
    expect(html).toContain('Marked as completed')
    expect(html).toContain('Draft the partnership plan')
    expect(html).toContain('Drafting, with PMO.')

    // One sent form ends every link that person holds, not just the one used.
    expect((await new Agent(t.app).get(reminderPaths.ownerActions(earlier))).status).toBe(410)
    expect(await actionRow(ids.circulate!)).toMatchObject({ status: 'completed', completedOn: londonToday(), version: 2 })
    expect(await actionRow(ids.plan!)).toMatchObject({ status: 'open', version: 1 })
    expect(await updatesOf(ids.circulate!)).toMatchObject([
      { text: 'Circulated to all partners on 16 February.', statusTo: 'completed', authorPersonId: ids.hayley, authorUserId: null },
    ])
    expect(await updatesOf(ids.plan!)).toMatchObject([{ text: 'Drafting, with PMO.', statusTo: null, authorPersonId: ids.hayley, authorUserId: null }])
    expect((await tokenRow(token)).usedAt).not.toBeNull()
    const [completedAudit] = await testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'action.completed_by_owner'), eq(auditEvents.subjectId, ids.circulate!)))
    expect(completedAudit!.data).toMatchObject({ personId: ids.hayley, from: 'open', to: 'completed', system: 'owner_link' })
    const [updatedAudit] = await testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'action.updated_by_owner'), eq(auditEvents.subjectId, ids.plan!)))
    expect(updatedAudit!.data).toMatchObject({ personId: ids.hayley, from: 'open', to: 'open', system: 'owner_link' })

    // Single use: the page and the form are gone.
    const again = await owner.get(reminderPaths.ownerActions(token))
    expect(again.status).toBe(410)
    const gone = await again.text()
    expect(gone).toContain('This link has expired or has already been used. Ask the secretariat for a new one.')
    expect(gone).not.toContain('Draft the partnership plan')
    const repost = await owner.post(reminderPaths.ownerActions(token), ownerForm([{ id: ids.plan!, text: 'Second update' }]))
    expect(repost.status).toBe(410)
    expect((await updatesOf(ids.plan!)).map((u) => u.text)).toEqual(['Drafting, with PMO.'])
  })

  it('completes without words; a completed action can be updated but not completed again', async () => {
    const token = await sendLinkTo(ids.plan!, 'hayley@example.org')
    const owner = new Agent(t.app)
    const page = await (await owner.get(reminderPaths.ownerActions(token))).text()
    // The completed action no longer offers the checkbox; the open one does.
    expect(page).not.toContain(`id="completed-${ids.circulate}"`)
    expect(page).toContain(`id="completed-${ids.plan}"`)
    const res = await owner.post(
      reminderPaths.ownerActions(token),
      ownerForm([{ id: ids.circulate!, text: 'Partners have acknowledged it.', completed: true }, { id: ids.plan!, completed: true }]),
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('We recorded 2 updates')
    expect(await actionRow(ids.circulate!)).toMatchObject({ status: 'completed', version: 2 })
    expect((await updatesOf(ids.circulate!)).map((u) => [u.text, u.statusTo])).toContainEqual(['Partners have acknowledged it.', null])
    expect(await actionRow(ids.plan!)).toMatchObject({ status: 'completed', version: 2 })
    expect((await updatesOf(ids.plan!)).map((u) => [u.text, u.statusTo])).toContainEqual(['Marked completed', 'completed'])
  })

  it('has expired after 14 days (410), and nothing can be posted with it', async () => {
    const token = await sendLinkTo(ids.plan!, 'hayley@example.org')
    await testDb.db
      .update(ownerAccessTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(ownerAccessTokens.tokenHash, createHash('sha256').update(token).digest('hex')))
    const owner = new Agent(t.app)
    const res = await owner.get(reminderPaths.ownerActions(token))
    expect(res.status).toBe(410)
    expect(await res.text()).toContain('This link has expired or has already been used. Ask the secretariat for a new one.')
    await owner.get('/')
    expect((await owner.post(reminderPaths.ownerActions(token), ownerForm([{ id: ids.plan!, text: 'Late update' }]))).status).toBe(410)
    expect((await updatesOf(ids.plan!)).map((u) => u.text)).not.toContain('Late update')
  })

  it('is not found for a token that was never issued', async () => {
    const owner = new Agent(t.app)
    expect((await owner.get(reminderPaths.ownerActions('x'.repeat(43)))).status).toBe(404)
  })

  it('refuses a form without its CSRF token', async () => {
    const token = await sendLinkTo(ids.plan!, 'hayley@example.org')
    const res = await t.app.request(`http://localhost${reminderPaths.ownerActions(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost' },
      body: new URLSearchParams(ownerForm([{ id: ids.plan!, text: 'Forged' }])),
    })
    expect(res.status).toBe(403)
    expect((await updatesOf(ids.plan!)).map((u) => u.text)).not.toContain('Forged')
    expect((await tokenRow(token)).usedAt).toBeNull()
  })
})

describe('opting out of reminders', () => {
  it('asks, then records the opt-out; a forged token is not found', async () => {
    const token = t.services.reminders.optOutToken(ids.sam!)
    const agent = new Agent(t.app)
    const page = await agent.get(reminderPaths.optOut(token))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Stop reminder emails')
    const res = await agent.post(reminderPaths.optOut(token))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('You will not get action reminder emails')
    const [sam] = await testDb.db.select().from(people).where(eq(people.id, ids.sam!))
    expect(sam!.remindersOptOut).toBe(true)

    const forged = `${ids.hayley}.${token.split('.')[1]}`
    expect((await agent.get(reminderPaths.optOut(forged))).status).toBe(404)
    expect((await agent.post(reminderPaths.optOut(forged))).status).toBe(404)
    const [hayley] = await testDb.db.select().from(people).where(eq(people.id, ids.hayley!))
    expect(hayley!.remindersOptOut).toBe(false)
  })
})
