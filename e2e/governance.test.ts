import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { addPartner, buildOrganisation, buildPartnership, buildPerson, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'
import { addDays, formatLongDate, londonToday } from '../src/shared/dates.ts'

/**
 * The secretariat's whole governance loop in a real browser, with axe on every page visited:
 * create a body and its members, schedule a meeting, build an agenda with a sub-item and an exempt
 * paper, publish it, record attendance and minutes, approve them with a correction at the next
 * meeting; then the public sees the right title and minutes and nothing exempt.
 */
const journey = useJourney()

const CANARY_PAPER = 'CANARY-EXEMPT-PAPER-7f3a'
const CANARY_ITEM = 'CANARY-EXEMPT-MINUTES-91bd'

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
}

describe('governance journey', () => {
  it('runs from an empty body to approved minutes, and the public sees only what is public', async () => {
    const db = journey.app.database.db
    const partnership = await buildPartnership(db, { name: 'Riverside Public Service Partnership', slug: 'riverside' })
    const council = await buildOrganisation(db, { name: 'Riverside Council', type: 'council' })
    await addPartner(db, partnership.id, council.id)
    // People the partnership has added to its register (a person is chosen only by partnerships that use them).
    await buildPerson(db, { honorific: 'Cllr', fullName: 'Alex Rivers', organisationId: council.id, email: 'alex@example.org', usedBy: partnership.id })
    await buildPerson(db, { fullName: 'Bea Banks', organisationId: council.id, usedBy: partnership.id })
    await buildPerson(db, { fullName: 'Cal Carter', organisationId: council.id, usedBy: partnership.id })
    const user = await buildUser(db, { secretariatOf: [partnership.id], displayName: 'Riverside Secretariat' })
    const firstDate = addDays(londonToday(), -21)
    const nextDate = addDays(londonToday(), -7)

    const p = await journey.page()
    const page = p.page
    await signIn(p, journey.app.baseUrl, user.email, TEST_PASSWORD)
    await verifyOnPage(p, 'Manage')

    // A body with a chair and a member
    await clickLink(p, 'Riverside Public Service Partnership')
    await clickLink(p, 'Add a body')
    await fillByLabel(p, { Name: 'Riverside Board' })
    await page.getByLabel('Board', { exact: true }).check()
    await page.getByLabel('Informal partnership body', { exact: true }).check()
    await page.getByLabel('Start again at each meeting (1, 2, 2a)', { exact: true }).check()
    await clickButton(p, 'Save body')
    await verifyOnPage(p, 'Riverside Board')

    for (const [person, role] of [['Cllr Alex Rivers', 'Chair'], ['Bea Banks', 'Member']] as const) {
      await clickLink(p, 'Add a member')
      await page.getByLabel('Person', { exact: true }).selectOption({ label: person }).catch(async () => {
        await page.getByLabel('Person', { exact: true }).selectOption({ label: person.replace('Cllr ', '') })
      })
      await page.getByLabel(role, { exact: true }).check()
      await clickButton(p, 'Save membership')
      expect(await page.locator('main').textContent()).toContain(person.replace('Cllr ', ''))
    }

    // Schedule the first meeting
    await clickLink(p, 'Schedule a meeting')
    await fillByLabel(p, { Date: firstDate, 'Start time': '14:30', Venue: 'Riverside Town Hall, Committee Room 1', Name: 'Riverside Secretariat' })
    await page.getByLabel('Ordinary', { exact: true }).check()
    await clickButton(p, 'Schedule meeting')
    const meetingUrl = page.url()

    // Agenda: a welcome, a report with a sub-item, an exempt item and an exempt paper
    const addItem = async (title: string, extra?: () => Promise<void>) => {
      await clickLink(p, 'Add an agenda item')
      await fillByLabel(p, { Title: title })
      if (extra) await extra()
      await clickButton(p, 'Add item')
    }
    await addItem('Welcome and apologies')
    await addItem('Budget report')
    await addItem('Options appraisal', async () => {
      await page.getByLabel('Sub-item of', { exact: true }).selectOption({ label: '2 Budget report' })
    })
    await addItem('Contract negotiations', async () => {
      await page.getByLabel('This item is exempt: it will not be shown to the public').check()
      await page.getByLabel('Schedule 12A paragraph', { exact: true }).selectOption({ index: 3 })
      await fillByLabel(p, { 'Public interest reasoning': 'Commercial negotiations are live; disclosure would weaken the council\'s position.' })
    })
    const agendaText = (await page.locator('main').textContent()) ?? ''
    expect(agendaText).toMatch(/2a\s*Options appraisal/)
    expect(agendaText).toMatch(/3\s*Contract negotiations/)

    await clickLink(p, /^Upload a paper$/)
    await page.getByLabel('Agenda item', { exact: true }).selectOption({ label: '2 Budget report' })
    await fillByLabel(p, { Title: `Tender prices ${CANARY_PAPER}` })
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'tender-prices.pdf', mimeType: 'application/pdf', buffer: pdf(CANARY_PAPER) })
    await page.getByLabel('This paper is exempt: it will not be published').check()
    await page.getByLabel('Schedule 12A paragraph', { exact: true }).selectOption({ index: 3 })
    await fillByLabel(p, { 'Public interest reasoning': 'Tender prices are commercially confidential until the contract is let.' })
    await clickButton(p, 'Upload paper')
    expect(await page.locator('main').textContent()).toContain('may not be accessible')
    const paperHref = await page.getByRole('link', { name: new RegExp(CANARY_PAPER) }).getAttribute('href')
    expect(paperHref).toMatch(/^\/papers\//)

    // Publish (late: the meeting is in the past; an informal body is warned, not blocked)
    await clickLink(p, 'Publish agenda')
    expect(await page.locator('main').textContent()).toContain('This agenda is late')
    await page.getByLabel(/Reason for publishing late/).fill('Rescheduled after the election period.')
    await clickButton(p, 'Publish agenda')
    expect(page.url()).toBe(meetingUrl)

    // Attendance and minutes
    await clickLink(p, 'Attendance')
    await page.getByRole('group', { name: /Alex Rivers/ }).getByLabel('Present', { exact: true }).check()
    await page.getByRole('group', { name: /Bea Banks/ }).getByLabel('Apologies', { exact: true }).check()
    await clickButton(p, 'Save attendance')

    await page.goto(meetingUrl)
    await clickLink(p, /^Minutes$/)
    await clickLink(p, 'Welcome and apologies')
    await page.getByLabel('Minutes', { exact: true }).fill('Cllr Rivers welcomed everyone.\n\n- Apologies were received from Bea Banks.')
    await clickButton(p, 'Save minutes')
    await page.goto(meetingUrl)
    await clickLink(p, /^Minutes$/)
    await clickLink(p, 'Contract negotiations')
    await page.getByLabel('Minutes', { exact: true }).fill(`The board discussed the contract. ${CANARY_ITEM}`)
    await clickButton(p, 'Save minutes')
    await page.goto(meetingUrl)
    await clickLink(p, /^Minutes$/)
    await clickButton(p, 'Publish draft minutes')

    // The next meeting approves those minutes with a correction
    await page.goto(meetingUrl)
    await clickLink(p, 'Riverside Board')
    await clickLink(p, 'Schedule a meeting')
    await fillByLabel(p, { Date: nextDate, 'Start time': '16:00', Venue: 'Riverside Town Hall', Name: 'Riverside Secretariat' })
    await page.getByLabel('Ordinary', { exact: true }).check()
    await clickButton(p, 'Schedule meeting')
    await clickLink(p, /^Minutes$/)
    await clickLink(p, /Approve/)
    await page.getByLabel('Which meeting’s minutes were approved?').selectOption({ index: 1 })
    await page.getByLabel('Corrections agreed (optional)').fill('noting attendance from Cal Carter, who was missed from the list')
    await clickButton(p, 'Approve minutes')

    // The public record
    await clickButton(p, 'Sign out')
    await p.goto(`${journey.app.baseUrl}/`)
    await clickLink(p, 'Riverside Public Service Partnership')
    await clickLink(p, 'Riverside Board')
    await clickLink(p, formatLongDate(firstDate))
    await verifyOnPage(p, /^Agenda and minutes – Riverside Board/)
    const publicText = (await page.locator('main').textContent()) ?? ''
    expect(publicText).toContain('Cllr Rivers welcomed everyone.')
    expect(publicText).toContain('noting attendance from Cal Carter, who was missed from the list')
    expect(publicText).toContain('Contract negotiations')
    expect(publicText).toContain('Not for publication')
    expect(publicText).toMatch(/paragraph 3/i)
    expect(publicText).toContain('Options appraisal')
    const html = await page.content()
    expect(html).not.toContain(CANARY_ITEM)
    expect(html).not.toContain(CANARY_PAPER)
    expect(html).not.toContain('alex@example.org')
    const paper = await page.request.get(`${journey.app.baseUrl}${paperHref}`)
    expect(paper.status()).toBe(404)

    expect(p.reports.length).toBeGreaterThan(25)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
