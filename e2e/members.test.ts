import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { mainText } from './pages/public.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { makePdf } from '../test/support/paper-files.ts'
import { buildAgendaItem, buildBody, buildDocument, buildMeeting, buildMembership, buildPartnership, buildPerson, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'
import { buildAction } from '../test/support/action-builders.ts'
import { addDays, formatLongDate, londonToday } from '../src/shared/dates.ts'

/**
 * A member of a body in a real browser, with axe on every page: signing in takes them to their home, which shows
 * their body's next meeting with its papers (an exempt one included, which opens for them), and the action they
 * own, which they update from its page.
 */
const journey = useJourney()

describe('the members’ home', () => {
  it('a member signs in, opens their papers and updates their action', async () => {
    const db = journey.app.database.db
    const partnership = await buildPartnership(db, { name: 'Northdale Community Safety Partnership', slug: 'northdale' })
    const body = await buildBody(db, { partnershipId: partnership.id, name: 'Northdale Board' })
    const person = await buildPerson(db, { fullName: 'Priya Patel', email: 'priya@example.org' })
    await buildMembership(db, { bodyId: body.id, personId: person.id })
    const user = await buildUser(db, { email: 'priya@example.org', displayName: 'Priya Patel', personId: person.id })
    const meetingDate = addDays(londonToday(), 9)
    const meeting = await buildMeeting(db, { bodyId: body.id, date: meetingDate, venue: 'Northdale Civic Centre' }, 'agendaPublished')
    const item = await buildAgendaItem(db, { meetingId: meeting.id, title: 'Knife crime plan' })
    const exempt = await buildAgendaItem(db, { meetingId: meeting.id, position: 1, title: 'Case review', isExempt: true, exemptParagraph: 1, publicInterestReasoning: 'Individuals' })
    await buildDocument(db, { meetingId: meeting.id, itemId: item.id, title: 'Knife crime plan report', filename: 'plan.pdf', content: await makePdf(['The plan']) })
    await buildDocument(db, { meetingId: meeting.id, itemId: exempt.id, title: 'Case review summary', filename: 'case-review.pdf', isExempt: true, exemptParagraph: 1, content: await makePdf(['Confidential']) })
    await buildAction(db, { bodyId: body.id, description: 'Map youth provision across the district', dueOn: addDays(londonToday(), 4), owners: [{ personId: person.id }] })

    const p = await journey.page()
    const page = p.page
    await signIn(p, journey.app.baseUrl, user.email, TEST_PASSWORD)
    await verifyOnPage(p, 'Your meetings and actions')
    expect(new URL(page.url()).pathname).toBe('/home')
    expect(await page.getByRole('link', { name: 'Your meetings', exact: true }).count()).toBe(1)

    const home = await mainText(p)
    expect(home).toContain('Northdale Board')
    expect(home).toContain(formatLongDate(meetingDate))
    expect(home).toContain('Northdale Civic Centre')
    expect(home).toContain('Read the papers for Northdale Board')
    expect(home).toContain('Exempt: for members only')

    // The exempt paper's link opens for the member (their session), and not for anyone else.
    const href = await page.getByRole('link', { name: 'Case review summary' }).getAttribute('href')
    expect(href).toMatch(/^\/papers\//)
    const paper = await page.request.get(`${journey.app.baseUrl}${href}`)
    expect(paper.status()).toBe(200)
    expect(paper.headers()['content-type']).toBe('application/pdf')
    const anonymous = await fetch(`${journey.app.baseUrl}${href}`)
    expect(anonymous.status).toBe(404)

    // Their action asks for an update: an empty one is refused, then one that completes it is taken.
    await clickLink(p, /^Give an update on “Map youth provision/)
    await verifyOnPage(p, 'Update your action')
    await clickButton(p, 'Send update')
    await verifyOnPage(p, 'Update your action')
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter your update')
    await fillByLabel(p, { 'Your update': 'Mapped with the youth service; report to the next meeting.' })
    await page.getByLabel('The action is completed').check()
    await clickButton(p, 'Send update')
    await verifyOnPage(p, 'Your meetings and actions')
    const after = await mainText(p)
    expect(after).toContain('your update was recorded and the action marked completed')
    expect(after).toContain('Mapped with the youth service')
    expect(after).toContain('Completed')
  })
})
