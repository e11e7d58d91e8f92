import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { mainText } from './pages/public.ts'
import { clickButton, clickLink, fillByLabel, verifyOnPage } from './pages/base.ts'
import { DEMO_ACCOUNTS } from '../src/demo/demo-data.ts'

/** A newcomer reads the Chorley demo as the public, then the secretariat signs in with JavaScript off. */
const journey = useJourney({ demo: true, noJs: true })

describe('the Chorley demo, as the public reads it', () => {
  it('shows the partnership, its structure, and both seed meetings as published', async () => {
    const p = await journey.page()
    await p.goto(`${journey.app.baseUrl}/`)
    await verifyOnPage(p, 'Partnerships')
    expect(await mainText(p)).toContain('Gloucestershire Strategic Partnership')
    await clickLink(p, 'Chorley Public Service Reform Partnership')
    const partnership = await mainText(p)
    expect(partnership).toContain('We will work together to integrate and reconfigure public services in Chorley')
    expect(partnership).toContain('Lancashire Fire and Rescue Service')
    expect(partnership).toContain('Runshaw College')
    // The structure chart: Executive nested under the Board, Implementation Group under the Executive
    const chart = p.page.locator('ul.app-structure')
    await expect.poll(() => chart.locator('li li').first().textContent()).toContain('Executive')
    expect(await chart.locator('li li li').first().textContent()).toContain('Implementation Group')

    await clickLink(p, 'Chorley Public Service Reform Board')
    await clickLink(p, 'Tuesday 10 February 2015')
    await verifyOnPage(p, 'Agenda and draft minutes – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm')
    const awayDay = await mainText(p)
    expect(awayDay).toContain('Chorley Community Fire Station')
    expect(awayDay).toContain('Hayley Hughes')
    for (const n of ['15.26', '15.26a', '15.26b', '15.27']) expect(awayDay).toContain(n)
    expect(awayDay).toContain('Session 2 - Agreeing the forward programme of work for the Board')
    expect(awayDay).toContain('be maverick but realistic')
    expect(awayDay).toContain('Tuesday 21st April 2015 at 4.00pm')
    const row = p.page.getByRole('row', { name: /Circulate Away Day outcomes/ })
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toMatch(/Circulate Away Day outcomes\s*Hayley Hughes\s*17\.02\.15/)

    await p.goto(`${journey.app.baseUrl}/partnerships/chorley-public-service-reform-partnership`)
    await clickLink(p, 'Chorley Public Services Reform Executive')
    await clickLink(p, 'Tuesday 27 September 2016')
    await verifyOnPage(p, /^Agenda and draft minutes – Chorley Public Services Reform Executive, Tuesday 27 September 2016, 4pm/)
    const exec = await mainText(p)
    expect(exec).toContain('Committee Room 1, Town Hall')
    for (const n of ['43.', '43a', '43b', '44.', '45.', '46.']) expect(exec).toContain(n)
    expect(exec).toContain('Overview Evaluation (Year One)')
    expect(exec).toContain('PDF')

    expect(p.reports.length).toBeGreaterThanOrEqual(6)
    expect(p.violations()).toEqual([])
  })
})

describe('without JavaScript', () => {
  it('signs in and manages with plain HTML forms', async () => {
    const account = DEMO_ACCOUNTS.find((a) => a.email.includes('chorley'))!
    const p = await journey.noJsPage()
    await p.goto(`${journey.app.baseUrl}/sign-in`)
    await fillByLabel(p, { 'Email address': account.email, Password: account.password })
    await clickButton(p, 'Sign in')
    await verifyOnPage(p, 'Manage')
    await clickLink(p, 'Chorley Public Service Reform Partnership')
    expect(await mainText(p)).toContain('Chorley Public Services Reform Executive')
    await clickButton(p, 'Sign out')
    expect(await mainText(p)).toContain('You have signed out')
    expect(p.deferred.length).toBeGreaterThanOrEqual(4)
    await p.checkDeferred(await journey.plainPage())
    expect(p.reports.length).toBeGreaterThanOrEqual(3)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
