import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { mainText } from './pages/public.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildMembership, buildPartnership, buildPerson, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'
import { meetingPaths } from '../src/modules/meetings/meetings.paths.ts'
import { actionPaths } from '../src/modules/actions/actions.paths.ts'
import { addDays, formatLongDate, londonToday } from '../src/shared/dates.ts'

/**
 * The action log in a real browser, with axe on every page visited: an action recorded while writing the
 * minutes, its owner emailed a personal link (through a real SMTP server) that they use without signing in,
 * the tracker showing their update, and the next meeting clearing it under matters arising.
 */
// The Chorley demo beside the journey's own partnership: the journey's secretariat sees only its own.
// The owner is someone else, on another machine (`other`): no cookies shared with the secretariat.
const journey = useJourney({ demo: true, smtp: true, other: true })

const DESCRIPTION = 'Circulate the draft estates strategy to all partners'
const OWNER_UPDATE = 'Circulated to all partners by email; comments due back next week.'
const MEETING_UPDATE = 'Cleared as the strategy was circulated and comments received.'

describe('the action log, from minutes to clearing', () => {
  it('records an action, takes the owner’s update through their emailed link, and clears it at the next meeting', async () => {
    const db = journey.app.database.db
    const partnership = await buildPartnership(db, { name: 'Riverside Public Service Partnership', slug: 'riverside' })
    const body = await buildBody(db, { partnershipId: partnership.id, name: 'Riverside Board' })
    const owner = await buildPerson(db, { fullName: 'Hana Hartley', email: 'hana@example.org' })
    await buildMembership(db, { bodyId: body.id, personId: owner.id })
    const meetingDate = addDays(londonToday(), -21)
    const nextDate = addDays(londonToday(), -7)
    const dueOn = addDays(londonToday(), 14)
    const meeting = await buildMeeting(db, { bodyId: body.id, date: meetingDate }, 'agendaPublished')
    const item = await buildAgendaItem(db, { meetingId: meeting.id, title: 'Estates strategy' })
    const nextMeeting = await buildMeeting(db, { bodyId: body.id, date: nextDate }, 'agendaPublished')
    const user = await buildUser(db, { secretariatOf: [partnership.id], displayName: 'Riverside Secretariat' })

    const p = await journey.page()
    const page = p.page
    await signIn(p, journey.app.baseUrl, user.email, TEST_PASSWORD)
    await verifyOnPage(p, 'Manage')

    // While writing the minutes: an action with a person owner and a due date
    await p.goto(`${journey.app.baseUrl}${meetingPaths.manage.itemMinutes(item.id)}`)
    expect(await mainText(p)).toContain('Estates strategy')
    await clickLink(p, 'Add an action')
    await verifyOnPage(p, 'Add an action')
    await fillByLabel(p, { 'What is to be done': DESCRIPTION, 'Due date (optional)': dueOn })
    await page.getByLabel('Person 1', { exact: true }).selectOption({ label: 'Hana Hartley' })
    await clickButton(p, 'Add action')
    await verifyOnPage(p, 'Action')
    const actionUrl = page.url()
    expect(actionUrl).toMatch(/\/manage\/actions\/[0-9a-f-]{36}$/)
    const actionPage = await mainText(p)
    expect(actionPage).toContain('Action added')
    expect(actionPage).toContain(DESCRIPTION)
    expect(actionPage).toContain('Hana Hartley')
    expect(actionPage).toContain(formatLongDate(dueOn))

    // Ask the owner for an update: the email arrives at the SMTP server
    await clickButton(p, 'Email the owners a link')
    expect(page.url()).toBe(actionUrl)
    expect(await mainText(p)).toContain('A link to update their actions was emailed to Hana Hartley')
    const mails = journey.smtp.to('hana@example.org')
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Update your actions')
    expect(mails[0]!.text).toContain(DESCRIPTION)
    const link = new RegExp(`${journey.app.baseUrl.replace(/[.]/g, '\\.')}/my-actions/[A-Za-z0-9_-]{43}`).exec(mails[0]!.text)?.[0]
    expect(link).toBeDefined()

    // The owner, not signed in, updates and completes their action through the link
    const o = await journey.otherPage()
    await o.goto(link!)
    await verifyOnPage(o, 'Your actions')
    expect(await mainText(o)).toContain('Hana Hartley')
    const row = o.page.getByRole('group', { name: DESCRIPTION })
    await row.getByLabel('Your update (optional)', { exact: true }).fill(OWNER_UPDATE)
    await row.getByLabel('Mark as completed', { exact: true }).check()
    await clickButton(o, 'Send updates')
    const sent = await mainText(o)
    expect(sent).toContain('Updates sent')
    expect(sent).toContain(DESCRIPTION)
    expect(sent).toContain(OWNER_UPDATE)
    expect(sent).toContain('Marked as completed')
    // The link is used up, and it never made the owner a session
    const again = await o.goto(link!)
    expect(again!.status()).toBe(410)
    expect(await mainText(o)).toContain('This link has expired or has already been used')
    expect((await o.page.context().cookies()).map((c) => c.name)).not.toContain('ju_session')

    // Back as the secretariat: the tracker shows it completed, with the owner's update
    await p.goto(`${journey.app.baseUrl}${actionPaths.manage.tracker()}`)
    const trackerRow = page.getByRole('row', { name: new RegExp(DESCRIPTION) })
    const trackerText = ((await trackerRow.textContent()) ?? '').replace(/\s+/g, ' ')
    expect(trackerText).toContain('Completed')
    expect(trackerText).toContain('Hana Hartley')
    expect(trackerText).toContain('Riverside Board')
    expect(await mainText(p)).toContain('Showing 1 to 1 of 1 action')
    const csv = await page.request.get(`${journey.app.baseUrl}${actionPaths.manage.trackerCsv()}`)
    expect(csv.status()).toBe(200)
    const csvText = await csv.text()
    expect(csvText).toContain(DESCRIPTION)
    expect(csvText).toContain(OWNER_UPDATE)
    await clickLink(p, DESCRIPTION)
    const withUpdate = await mainText(p)
    expect(withUpdate).toContain(OWNER_UPDATE)
    expect(withUpdate).toMatch(/Hana Hartley: status changed to Completed/i)

    // The next meeting: matters arising lists it; the secretariat records the update and clears it
    await p.goto(`${journey.app.baseUrl}${actionPaths.manage.mattersArising(nextMeeting.id)}`)
    await verifyOnPage(p, /matters arising/i)
    const ma = await mainText(p)
    expect(ma).toContain(DESCRIPTION)
    expect(ma).toContain(OWNER_UPDATE)
    await page.getByLabel(/Update reported at this meeting on action 1/).fill(MEETING_UPDATE)
    await page.getByRole('group', { name: /What happens to action 1/ }).getByLabel('Cleared by this meeting', { exact: true }).check()
    await clickButton(p, 'Save all updates')
    expect(await mainText(p)).toContain('Matters arising recorded (1 action)')

    await p.goto(actionUrl)
    const cleared = await mainText(p)
    expect(cleared).toContain('Cleared')
    expect(cleared).toContain(MEETING_UPDATE)
    expect(cleared).toContain(`Reported at the meeting on ${formatLongDate(nextDate)}`)

    expect(p.reports.length + o.reports.length).toBeGreaterThanOrEqual(12)
    expect(p.violations()).toEqual([])
    expect(o.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})

describe('the demo action log', () => {
  it('prints the 27 September 2016 Executive’s matters arising under 43a, as the seed does', async () => {
    const p = await journey.page()
    await p.goto(`${journey.app.baseUrl}/partnerships/chorley-public-service-reform-partnership`)
    await clickLink(p, 'Chorley Public Services Reform Executive')
    await clickLink(p, 'Tuesday 27 September 2016')
    await verifyOnPage(p, /Chorley Public Services Reform Executive, Tuesday 27 September 2016/)
    const item43a = p.page.locator('div.app-item').filter({ has: p.page.locator('.app-item__number', { hasText: /^43a$/ }) })
    await expect.poll(() => item43a.count()).toBe(1)
    const lines = (await item43a.locator('.app-matters-arising p').allTextContents()).map((l) => l.replace(/\s+/g, ' ').trim())
    expect(lines[0]).toMatch(/^Action – Cllr Bradley to send a collective response to LCC/)
    expect(lines[1]).toMatch(/^Update – cleared as response provided/)
    expect(lines).toHaveLength(7)

    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
