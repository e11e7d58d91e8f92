import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { mainText } from './pages/public.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { buildAgendaItem, buildBody, buildDecision, buildMeeting, buildPartnership, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'
import { buildAction } from '../test/support/action-builders.ts'
import { structurePaths } from '../src/modules/structure/structure.paths.ts'

/**
 * The strategy and programme in a real browser, with axe on every page visited: the secretariat drafts a strategy
 * with a theme, records its approval at a meeting with the decision, adds a workstream (dates in the GOV.UK date
 * pattern) with a milestone, links an action recorded at the meeting, posts a published progress update; then a
 * member of the public, on another machine, reads it all from the partnership page.
 */
const journey = useJourney({ other: true })

const ACTION = 'Circulate the locality profile to every partner'

describe('from an approved strategy to a workstream on the public record', () => {
  it('approves a strategy, adds a workstream with a milestone, links an action and shows it publicly', async () => {
    const db = journey.app.database.db
    const partnership = await buildPartnership(db, { name: 'Riverside Public Service Partnership', slug: 'riverside' })
    const body = await buildBody(db, { partnershipId: partnership.id, name: 'Riverside Executive' })
    const meeting = await buildMeeting(db, { bodyId: body.id, date: '2026-06-16' }, 'minutesDraft')
    const item = await buildAgendaItem(db, { meetingId: meeting.id, title: 'Public Service Reform Strategy' })
    await buildDecision(db, { itemId: item.id, text: 'RESOLVED: that the strategy be approved' })
    await buildAction(db, { itemId: item.id, description: ACTION, isPublic: true })
    const user = await buildUser(db, { secretariatOf: [partnership.id], displayName: 'Riverside Secretariat' })

    const p = await journey.page()
    const page = p.page
    await signIn(p, journey.app.baseUrl, user.email, TEST_PASSWORD)
    await p.goto(`${journey.app.baseUrl}${structurePaths.manage.partnership(partnership.id)}`)

    // Draft the strategy and give it a theme
    await clickLink(p, 'Strategy')
    await verifyOnPage(p, 'Strategy')
    await clickLink(p, 'Create the first draft')
    await fillByLabel(p, {
      Title: 'Riverside Strategy 2026-2030',
      'Vision (optional)': 'By 2030, joined-up services for every resident',
      'Principles (optional)': 'Make every contact count\nEarly intervention and prevention',
    })
    await clickButton(p, 'Save draft')
    await verifyOnPage(p, 'Version 1: Riverside Strategy 2026-2030')
    await fillByLabel(p, { Theme: 'Building community capacity', 'Description (optional)': 'Working with communities to design better services' })
    await clickButton(p, 'Add theme')
    expect(await mainText(p)).toContain('Theme added: Building community capacity')

    // Record its approval at the meeting, with the decision
    await clickLink(p, 'Record the approval')
    await verifyOnPage(p, 'Record the approval')
    await page.getByLabel('Which meeting approved it?').selectOption({ label: 'Riverside Executive, Tuesday 16 June 2026' })
    await clickButton(p, 'Continue')
    await page.getByLabel(/RESOLVED: that the strategy be approved/).check()
    await clickButton(p, 'Record the approval')
    const approved = await mainText(p)
    expect(approved).toContain('Approval recorded: version 1 is now the current strategy')
    expect(approved).toContain('Approved by Riverside Executive on 16 June 2026')

    // A workstream under the theme, starting in a month, with a milestone
    await p.goto(`${journey.app.baseUrl}${structurePaths.manage.partnership(partnership.id)}`)
    await clickLink(p, 'Programme: workstreams, milestones and progress')
    await verifyOnPage(p, 'Programme')
    await clickLink(p, 'Add a workstream')
    await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Building community capacity' })
    await fillByLabel(p, { Name: 'Resilient Communities' })
    const start = page.getByRole('group', { name: 'Start date (optional)' })
    await start.getByLabel('Month').fill('9')
    await start.getByLabel('Year').fill('2026')
    await clickButton(p, 'Add workstream')
    await verifyOnPage(p, 'Resilient Communities')
    expect(await mainText(p)).toContain('From September 2026')
    await fillByLabel(p, { Milestone: 'Evaluation after the first 6 months' })
    const due = page.getByRole('group', { name: 'Due (optional)' })
    await due.getByLabel('Month').fill('3')
    await due.getByLabel('Year').fill('2027')
    await clickButton(p, 'Add milestone')
    expect(await mainText(p)).toContain('Milestone added')

    // Link the action recorded at the meeting
    await page.getByLabel('Link records from a meeting').selectOption({ label: 'Riverside Executive, Tuesday 16 June 2026' })
    await clickButton(p, 'Choose records')
    await verifyOnPage(p, 'Link records from a meeting')
    await page.getByLabel(ACTION).check()
    await clickButton(p, 'Link the chosen records')
    const linked = await mainText(p)
    expect(linked).toContain('1 record linked')
    expect(linked).toContain(ACTION)

    // A progress update: amber needs a reason; green published
    await fillByLabel(p, { 'Progress since the last update': 'Community groups mapped in the first ward' })
    await page.getByRole('group', { name: 'RAG rating' }).getByLabel('Amber').check()
    await clickButton(p, 'Add progress update')
    expect(await mainText(p)).toContain('Enter why the workstream is rated amber')
    expect(await page.getByLabel('Progress since the last update').inputValue()).toBe('Community groups mapped in the first ward')
    await page.getByLabel('Status').selectOption({ label: 'On track' })
    await page.getByRole('group', { name: 'RAG rating' }).getByLabel('Green').check()
    await page.getByRole('group', { name: 'Publish this update on the public record?' }).getByLabel('Yes').check()
    await clickButton(p, 'Add progress update')
    expect(await mainText(p)).toContain('Progress update added')

    // The public, on another machine: the partnership page, the workstream and the theme
    const o = await journey.otherPage()
    await o.goto(`${journey.app.baseUrl}/partnerships/riverside`)
    const home = await mainText(o)
    expect(home).toContain('Riverside Strategy 2026-2030')
    expect(home).toContain('Approved by Riverside Executive on 16 June 2026')
    expect(home).toContain('Make every contact count')
    expect(home).toContain('Resilient Communities On track')
    await clickLink(o, 'Resilient Communities')
    await verifyOnPage(o, 'Resilient Communities')
    const ws = await mainText(o)
    expect(ws).toContain('Evaluation after the first 6 months')
    expect(ws).toContain('March 2027')
    expect(ws).toContain('Community groups mapped in the first ward')
    expect(ws).toContain(ACTION)
    await clickLink(o, 'Building community capacity')
    const theme = await mainText(o)
    expect(theme).toContain('Working with communities to design better services')
    expect(theme).toContain(ACTION)
    await clickLink(o, ACTION)
    expect(await mainText(o)).toContain(ACTION)

    expect(p.reports.length + o.reports.length).toBeGreaterThanOrEqual(15)
    expect(p.violations()).toEqual([])
    expect(o.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
