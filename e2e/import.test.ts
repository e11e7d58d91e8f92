import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CheckedPage } from './support/browser.ts'
import { useJourney } from './support/journey.ts'
import { clickButton, clickLink, fillByLabel, signIn, verifyOnPage } from './pages/base.ts'
import { mainText } from './pages/public.ts'
import { DEMO_ACCOUNTS } from '../src/demo/demo-data.ts'

/**
 * The Chorley secretariat in a real browser, with axe on every page visited: imports a published meeting
 * record (a saved "Agenda and draft minutes" page) through the review and progress pages to the report,
 * with the import worker running as the server runs it; then creates an API token, sees it once, and revokes it.
 */
const SEED = fileURLToPath(new URL('./fixtures/001_6d2fcf850709bed3.txt', import.meta.url))
const SEED_NAME = '001_6d2fcf850709bed3.txt'
const PARTNERSHIP = 'Chorley Public Service Reform Partnership'
const EXECUTIVE = 'Chorley Public Services Reform Executive'

const journey = useJourney({
  demo: true,
  // As src/server.ts starts it: queued import jobs, polled every 3 s.
  setUp: (app) => {
    const worker = app.services.importer.startWorker({ logger: app.logger })
    return Promise.resolve(() => worker.stop())
  },
})

const account = DEMO_ACCOUNTS.find((a) => a.email === 'secretariat@chorley.example')!

/** Sign in and open the partnership's import page; returns its URL. */
async function openImport(p: CheckedPage): Promise<string> {
  await p.goto(`${journey.app.baseUrl}/manage`)
  if (((await p.page.locator('h1').textContent()) ?? '').includes('Sign in')) await signIn(p, journey.app.baseUrl, account.email, account.password)
  await verifyOnPage(p, 'Manage')
  await clickLink(p, PARTNERSHIP)
  await verifyOnPage(p, PARTNERSHIP)
  await clickLink(p, 'Import published meeting records')
  await verifyOnPage(p, 'Import meeting records')
  expect(p.page.url()).toMatch(/\/manage\/partnerships\/[0-9a-f-]{36}\/import$/)
  return p.page.url()
}

/** Start the reviewed import and follow the progress page (its Refresh link) until the report. */
async function importAndWait(p: CheckedPage, jobUrl: string): Promise<string> {
  const { page } = p
  await clickButton(p, 'Import 1 document')
  expect(page.url()).toBe(jobUrl)
  const deadline = Date.now() + 60_000
  let heading = ((await page.locator('h1').textContent()) ?? '').trim()
  if (heading === 'Importing') {
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Import started')
    expect(await page.getByRole('status').textContent()).toMatch(/\d of 1 documents done, \d not imported, \d remaining\./)
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0)
  }
  while (heading === 'Importing') {
    expect(Date.now(), 'the import finishes within a minute').toBeLessThan(deadline)
    await page.waitForTimeout(750)
    await clickLink(p, 'Refresh')
    heading = ((await page.locator('h1').textContent()) ?? '').trim()
  }
  expect(heading).toBe('Import report')
  expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0)
  return mainText(p)
}

describe('importing published meeting records', () => {
  it('uploads the saved 27 September 2016 Executive page: recognised, but refused because the demo runs that meeting', async () => {
    expect(fs.existsSync(SEED), `seed file at ${SEED}`).toBe(true)
    const p = await journey.page()
    const page = p.page
    const uploadUrl = await openImport(p)

    // Nothing chosen: an error, not an empty job
    await clickButton(p, 'Check the files')
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select one or more files, or paste the text of a page')

    // Upload the saved page
    await page.getByLabel('Files', { exact: true }).setInputFiles(SEED)
    await clickButton(p, 'Check the files')
    await verifyOnPage(p, 'Check what was recognised')
    expect(page.url()).toMatch(/\/import\/[0-9a-f-]{36}$/)
    const review = await mainText(p)
    expect(review).toContain('1 document uploaded')
    expect(review).toContain('Nothing has been imported yet')
    const doc = page.locator('section#document-1')
    expect(await doc.locator('h2').textContent()).toContain(SEED_NAME)
    expect(await doc.locator('h3').first().textContent()).toContain(EXECUTIVE)
    const docText = ((await doc.textContent()) ?? '').replace(/\s+/g, ' ')
    const items = doc.locator('table').first()
    const numbers = (await items.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim())
    expect(numbers.slice(0, 3)).toEqual(['43.', '43a', '43b'])
    expect(await items.textContent()).toContain('Overview Evaluation (Year One)')
    expect(docText).toMatch(/Agenda items \(\d+\)/)
    expect(docText).toMatch(/Present: .*Bradley/)
    // The 27 September 2016 Executive is already in the demo, created there (not imported): it is not touched
    expect(await doc.locator('h2 .govuk-tag').textContent()).toContain('Will not be imported')
    expect(docText).toContain('This meeting is run in Joined Up: it will not be changed.')
    expect(review).toContain('There is nothing to import')
    expect(await page.getByRole('button', { name: /^Import \d+ documents?$/ }).count()).toBe(0)

    await clickButton(p, 'Discard this upload')
    expect(page.url()).toBe(uploadUrl)
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Upload discarded: nothing was imported')

    expect(p.reports.length).toBeGreaterThanOrEqual(7)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })

  it('imports the same page, pasted as text, for a body the partnership does not have yet; a second import is unchanged', async () => {
    const SHADOW = 'Chorley Public Services Reform Shadow Executive'
    const text = fs.readFileSync(SEED, 'utf8').replace(EXECUTIVE, SHADOW)
    expect(text).toContain(`${SHADOW} - Tuesday, 27th September 2016`)
    const p = await journey.page()
    const page = p.page
    await openImport(p)
    await page.getByLabel('Or paste the text of a page', { exact: true }).fill(text)
    await clickButton(p, 'Check the files')
    await verifyOnPage(p, 'Check what was recognised')
    let jobUrl = page.url()
    let doc = page.locator('section#document-1')
    expect(await doc.locator('h2').textContent()).toContain('Pasted text')
    expect(await doc.locator('h2 .govuk-tag').textContent()).toContain('Body not found')
    await page.getByLabel('Create the bodies that this partnership does not have yet', { exact: true }).check()

    // Import, then follow the progress page (the worker polls every 3 s) to the report
    let report = await importAndWait(p, jobUrl)
    expect(report).toMatch(/1 of 1 documents done, 0 not imported; finished /)
    let reported = page.locator('main section').first()
    expect(await reported.locator('.govuk-tag').textContent()).toContain('Created')
    expect(await reported.textContent()).toContain(`${SHADOW}, Tuesday 27 September 2016`)

    // The report links to the meeting it created
    await clickLink(p, 'open the meeting')
    expect(page.url()).toMatch(/\/manage\/meetings\/[0-9a-f-]{36}$/)
    const meetingUrl = page.url()
    const meeting = await mainText(p)
    expect(meeting).toContain(SHADOW)
    expect(meeting).toContain('Overview Evaluation (Year One)')

    // The new body is in the partnership
    await p.goto(`${journey.app.baseUrl}/manage`)
    await clickLink(p, PARTNERSHIP)
    expect(await page.getByRole('table', { name: `Bodies of ${PARTNERSHIP}` }).textContent()).toContain(SHADOW)

    // The same page again: an update in place of the imported meeting, reported unchanged
    await clickLink(p, 'Import published meeting records')
    await page.getByLabel('Or paste the text of a page', { exact: true }).fill(text)
    await clickButton(p, 'Check the files')
    await verifyOnPage(p, 'Check what was recognised')
    jobUrl = page.url()
    doc = page.locator('section#document-1')
    expect(await doc.locator('h2 .govuk-tag').textContent()).toContain('Update')
    expect(((await doc.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(`The meeting of ${SHADOW} already imported on this date will be updated in place`)
    report = await importAndWait(p, jobUrl)
    expect(report).toMatch(/1 of 1 documents done, 0 not imported; finished /)
    reported = page.locator('main section').first()
    expect(await reported.locator('.govuk-tag').textContent()).toContain('Unchanged')
    await clickLink(p, 'open the meeting')
    expect(page.url()).toBe(meetingUrl)

    // Back on the report: the upload page lists both imports, most recent first
    await p.step(() => page.goBack())
    await verifyOnPage(p, 'Import report')
    await clickLink(p, 'Import more meeting records')
    await verifyOnPage(p, 'Import meeting records')
    const listed = page.getByRole('table', { name: 'Imports, most recent first' })
    expect(await listed.locator('tbody tr').count()).toBeGreaterThanOrEqual(2)

    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})

describe('API tokens of a partnership', () => {
  it('creates a token, shows it once, and revokes it', async () => {
    const p = await journey.page()
    const page = p.page
    await p.goto(`${journey.app.baseUrl}/manage`)
    if (((await page.locator('h1').textContent()) ?? '').includes('Sign in')) await signIn(p, journey.app.baseUrl, account.email, account.password)
    await clickLink(p, PARTNERSHIP)
    const partnershipId = /\/manage\/partnerships\/([0-9a-f-]{36})$/.exec(page.url())?.[1]
    expect(partnershipId).toBeDefined()
    // The partnership page has no link to its API tokens: the address is typed (see the report)
    await p.goto(`${journey.app.baseUrl}/manage/partnerships/${partnershipId}/api-tokens`)
    await verifyOnPage(p, 'API tokens')
    expect(await mainText(p)).toContain('This partnership has no API tokens')

    await clickLink(p, 'Create an API token')
    await verifyOnPage(p, 'Create an API token')
    await clickButton(p, 'Create token')
    expect(await page.locator('.govuk-error-summary').count()).toBe(1)
    const NAME = 'Council website calendar sync'
    await fillByLabel(p, { Name: NAME })
    await clickButton(p, 'Create token')
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('API token created')
    const secret = await page.getByLabel('Token', { exact: true }).inputValue()
    expect(secret.length).toBeGreaterThanOrEqual(32)
    expect(await page.getByLabel('Token', { exact: true }).getAttribute('readonly')).not.toBeNull()

    // The token works: a write with it is authenticated (the body does not exist, so nothing changes)
    const write = (token: string) =>
      page.request.post(`${journey.app.baseUrl}/api/v1/bodies/${randomUUID()}/meetings`, {
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        data: {},
      })
    expect((await write(secret)).status()).not.toBe(401)
    expect((await write(`${secret}x`)).status()).toBe(401)

    // Shown once: the list has its prefix, never the secret
    await clickLink(p, 'Back to API tokens')
    await verifyOnPage(p, 'API tokens')
    const row = page.getByRole('row', { name: new RegExp(NAME) })
    const rowText = ((await row.textContent()) ?? '').replace(/\s+/g, ' ')
    expect(rowText).toContain('Active')
    const prefix = ((await row.locator('code').textContent()) ?? '').trim()
    expect(prefix.length).toBeGreaterThan(0)
    expect(secret.startsWith(prefix.replace(/…$/, ''))).toBe(true)
    expect(await page.content()).not.toContain(secret)

    // Revoke: the confirmation is required
    await p.step(() => row.getByRole('link', { name: `Revoke ${NAME}` }).click())
    await verifyOnPage(p, `Revoke the API token “${NAME}”`)
    await clickButton(p, 'Revoke token')
    expect(await page.locator('.govuk-error-summary').count()).toBe(1)
    await page.getByLabel('Yes, revoke this token', { exact: true }).check()
    await clickButton(p, 'Revoke token')
    await verifyOnPage(p, 'API tokens')
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(`The API token “${NAME}” has been revoked`)
    const revoked = ((await page.getByRole('row', { name: new RegExp(NAME) }).textContent()) ?? '').replace(/\s+/g, ' ')
    expect(revoked).toContain('Revoked')
    expect(await page.getByRole('link', { name: `Revoke ${NAME}` }).count()).toBe(0)
    expect((await write(secret)).status()).toBe(401)

    expect(p.reports.length).toBeGreaterThanOrEqual(9)
    expect(p.violations()).toEqual([])
    expect(journey.app.logger.errors).toEqual([])
  })
})
