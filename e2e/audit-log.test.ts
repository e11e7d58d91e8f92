import { describe, expect, it } from 'vitest'
import { useJourney } from './support/journey.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { followFileLink, mainText } from './pages/public.ts'
import { buildPartnership, buildUser, TEST_PASSWORD } from '../test/support/builders.ts'
import { londonToday } from '../src/shared/dates.ts'

const journey = useJourney()

const board = (name: string) => ({
  name,
  kind: 'board' as const,
  regime: 'informal' as const,
  numberingScheme: 'per_meeting' as const,
  nextItemNumber: 1,
  noticeClearDays: 5,
  region: 'england-and-wales' as const,
})

describe('the audit log in the browser', () => {
  it('a secretariat filters its partnership’s log, corrects a date, and downloads it as CSV', async () => {
    const { db } = journey.app.database
    const { structure } = journey.app.services
    const chorley = await buildPartnership(db, { name: 'Chorley Together' })
    const glos = await buildPartnership(db, { name: 'Gloucestershire Partnership' })
    const sam = await buildUser(db, { secretariatOf: [chorley.id], displayName: 'Sam Secretariat' })
    const other = await buildUser(db, { secretariatOf: [glos.id], displayName: 'Gill Glos' })
    await structure.createBody({ userId: sam.id }, chorley.id, board('Chorley Health Board'))
    await structure.createBody({ userId: other.id }, glos.id, board('Gloucestershire Board'))
    const [year, month, day] = londonToday().split('-')

    const p = await journey.page()
    await signIn(p, journey.app.baseUrl, sam.email, TEST_PASSWORD)
    await verifyOnPage(p, /Manage/)
    expect(await p.page.getByRole('link', { name: 'Your account' }).count()).toBe(1)
    await clickLink(p, 'Audit log')
    await verifyOnPage(p, 'Audit log')
    let text = await mainText(p)
    expect(text).toContain('Body: Chorley Health Board')
    expect(text).not.toContain('Gloucestershire Board')

    // A date that does not exist: the error summary, and what was typed is still there.
    await p.page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('31')
    await p.page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('2')
    await p.page.getByRole('group', { name: 'From' }).getByLabel('Year').fill(year!)
    await clickButton(p, 'Apply filters')
    expect(await p.page.locator('.govuk-error-summary').textContent()).toContain('The ‘from’ date must be a real date')
    expect(await p.page.getByRole('group', { name: 'From' }).getByLabel('Day').inputValue()).toBe('31')

    // Corrected: bodies created from today, by Sam.
    await p.page.getByRole('group', { name: 'From' }).getByLabel('Day').fill(String(Number(day)))
    await p.page.getByRole('group', { name: 'From' }).getByLabel('Month').fill(String(Number(month)))
    await p.page.getByLabel('What happened').selectOption('body.created')
    await fillByLabel(p, { Who: 'sam' })
    await clickButton(p, 'Apply filters')
    expect(await p.page.locator('.govuk-error-summary').count()).toBe(0)
    text = await mainText(p)
    expect(text).toContain('Body created')
    expect(text).toContain('Sam Secretariat')
    expect(await p.page.locator('tbody tr').count()).toBe(1)

    const file = await followFileLink(p, 'Download as CSV')
    expect(file.status).toBe(200)
    expect(file.contentType).toBe('text/csv; charset=utf-8')
    const csv = file.body.toString('utf8')
    expect(csv).toContain('Event id,When (London),When (UTC),Who,Email,What,Event,Record type,Record id,Record,Partnership,Details')
    expect(csv).toContain('Sam Secretariat')
    expect(csv).toContain('body.created')
    expect(csv).not.toContain('Gloucestershire')

    // The download itself is on the record.
    await p.goto(`${journey.app.baseUrl}/manage/audit?event=audit.exported`)
    text = await mainText(p)
    expect(text).toContain('Audit log downloaded')
    expect(text).toContain('Sam Secretariat')

    expect(p.reports.length).toBeGreaterThanOrEqual(5)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
