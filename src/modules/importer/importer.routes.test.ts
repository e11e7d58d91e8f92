import { beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import { signedInAgent, type Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildBody, buildPartnership } from '../../../test/support/builders.ts'
import { importerFixture } from '../../../test/support/importer-builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { expectPage } from '../../../test/support/page-text.ts'
import { meetings } from '../meetings/meetings.tables.ts'
import { importerPaths } from './importer.paths.ts'
import { importJobs } from './importer.tables.ts'

const t = useTestApp()
let database: Database
let agent: Agent
let partnershipId: string
let otherPartnershipId: string
let boardId: string

beforeAll(async () => {
  database = t.database
  const p = await buildPartnership(database.db, { name: 'Chorley Public Service Reform' })
  partnershipId = p.id
  otherPartnershipId = (await buildPartnership(database.db)).id
  boardId = (await buildBody(database.db, { partnershipId, name: 'Chorley Public Service Reform Board' })).id
  agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnershipId] })
})

const file = (name: string, content: string, type = 'text/plain') => new File([content], name, { type })

describe('import screens', () => {
  it('upload, review, import in the background, report', async () => {
    const page = await agent.getText(importerPaths.upload(partnershipId))
    expect(page.status).toBe(200)
    expect(page.text).toContain('Import meeting records')
    expect(page.text).toContain('enctype="multipart/form-data"')

    const form = new FormData()
    form.append('files', file('seed-000.txt', importerFixture('seed-000.txt')))
    form.append('files', file('cabinet-moved.html', importerFixture('cabinet-moved.html'), 'text/html'))
    form.append('files', file('recipe.txt', importerFixture('recipe.txt')))
    const res = await agent.post(importerPaths.upload(partnershipId), form)
    expect(res.status).toBe(303)
    const jobPath = res.headers.get('location')!
    expect(jobPath).toMatch(new RegExp(`^/manage/partnerships/${partnershipId}/import/[0-9a-f-]{36}$`))

    const review = await agent.getText(jobPath)
    expectPage(review, 200, [
      'Check what was recognised',
      '15.26a',
      'Session 1 - Update on the progress and current position of the Board',
      'Chorley Community Fire Station',
      'New meeting',
      'Not a meeting record',
    ])
    expect(review.text).toContain('Body not found') // the Cabinet page names a body this partnership does not have
    expect(review.text).toContain('govuk-warning-text')
    expect(review.text).toContain('The page shows only the start of the minutes of item 15.26a')
    expect(review.text).toContain('Group Leads')
    // Nothing imported while reviewing.
    expect(await database.db.select().from(meetings).where(eq(meetings.bodyId, boardId))).toEqual([])

    const version = /name="version" value="(\d+)"/.exec(review.text)![1]!
    const start = await agent.post(`${jobPath}/start`, { version })
    expect(start.status).toBe(303)
    const queued = await agent.getText(jobPath)
    // No automatic refresh (WCAG 2.2.1 Timing adjustable): the reader refreshes when they choose.
    expect(queued.text).not.toContain('http-equiv="refresh"')
    expect(queued.text).toMatch(/0 of 3 documents done|1 of 3 documents done/)
    expect(queued.text).toContain('>Refresh</a>')

    await t.services.importer.workOnce()
    const report = await agent.getText(jobPath)
    expect(report.text).toContain('Import report')
    expect(report.text).not.toContain('http-equiv="refresh"')
    expect(report.text).toContain('3 of 3 documents done, 2 not imported')
    expect(report.text).toContain('Created')
    expect(report.text).toContain('Failed')
    expect(report.text).toMatch(/has no body called/)
    expect(report.text).toContain('Not a meeting record')
    const [meeting] = await database.db.select().from(meetings).where(and(eq(meetings.bodyId, boardId), eq(meetings.date, '2015-02-10')))
    expect(report.text).toContain(`/manage/meetings/${meeting!.id}`)
  })

  it('pasted text with a date hint; the discard button imports nothing', async () => {
    await agent.get(importerPaths.upload(partnershipId))
    const res = await agent.post(importerPaths.upload(partnershipId), {
      text: importerFixture('no-heading.txt'),
      bodyId: boardId,
      dateHint: '2019-03-05',
    })
    expect(res.status).toBe(303)
    const jobPath = res.headers.get('location')!
    const review = await agent.getText(jobPath)
    expect(review.text).toContain('Pasted text')
    expect(review.text).toContain('5 March 2019')
    const version = /name="version" value="(\d+)"/.exec(review.text)![1]!
    const discard = await agent.post(`${jobPath}/discard`, { version })
    expect(discard.status).toBe(303)
    expect(await database.db.select().from(meetings).where(and(eq(meetings.bodyId, boardId), eq(meetings.date, '2019-03-05')))).toEqual([])
    expect((await agent.getText(jobPath)).text).toContain('Import discarded')
  })

  it('bad uploads get 400 with the error summary and what was typed kept', async () => {
    await agent.get(importerPaths.upload(partnershipId))
    const form = new FormData()
    form.append('files', file('minutes.pdf', '%PDF-1.4 ...', 'application/pdf'))
    form.append('text', 'Some pasted words that I typed')
    form.append('bodyHint', 'Health and Wellbeing Board')
    form.append('dateHint', '2016-13-45')
    const res = await agent.post(importerPaths.upload(partnershipId), form)
    expect(res.status).toBe(400)
    const html = await res.text()
    expectFormErrors(html, ['files', 'dateHint'], ['is not an HTML or text file'])
    // Both problems at once, the files' first (as the form shows them).
    expect(html.indexOf('href="#files"')).toBeLessThan(html.indexOf('href="#dateHint"'))
    expect(html).toContain('Some pasted words that I typed')
    expect(html).toContain('value="Health and Wellbeing Board"')
    expect(html).toContain('value="2016-13-45"')

    const empty = await agent.post(importerPaths.upload(partnershipId), { text: '  ' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Select one or more files, or paste the text of a page')
  })

  it("another partnership's secretariat gets 403; signed out is sent to sign in", async () => {
    expect((await agent.get(importerPaths.upload(otherPartnershipId))).status).toBe(403)
    expect((await agent.post(importerPaths.upload(otherPartnershipId), { text: 'x' })).status).toBe(403)
    const job = await t.services.importer.createJob(
      { id: (await signedInUserId()) ?? '', email: '', displayName: '', isAdmin: true, secretariatOf: [], memberOf: [] },
      otherPartnershipId,
      [{ fileName: 'seed-000.txt', content: importerFixture('seed-000.txt') }],
      {},
    )
    expect((await agent.get(importerPaths.job(otherPartnershipId, job.id))).status).toBe(403)
    expect((await agent.post(`${importerPaths.job(otherPartnershipId, job.id)}/start`, { version: String(job.version) })).status).toBe(403)
    expect((await agent.post(`${importerPaths.job(otherPartnershipId, job.id)}/discard`, { version: String(job.version) })).status).toBe(403)
    const [still] = await database.db.select().from(importJobs).where(eq(importJobs.id, job.id))
    expect(still).toMatchObject({ status: 'reviewing', version: job.version })
    // Not under this partnership's address either.
    expect((await agent.get(importerPaths.job(partnershipId, job.id))).status).toBe(403)
    const anon = t.agent()
    const res = await anon.get(importerPaths.upload(partnershipId))
    expect([302, 303]).toContain(res.status)
  })
})

describe('files that are not plain UTF-8 text (review 10)', () => {
  it('UTF-16 and NUL-containing files are read; empty files are reported one by one; too big files are refused with the form kept', async () => {
    await agent.get(importerPaths.upload(partnershipId))
    const seed = importerFixture('seed-000.txt')
    const form = new FormData()
    form.append('files', new File([Buffer.from(`\ufeff${seed}`, 'utf16le')], 'utf16.txt', { type: 'text/plain' }))
    form.append('files', file('nul.txt', `${seed}\n\u0000 trailing`))
    form.append('files', file('empty.txt', ''))
    const res = await agent.post(importerPaths.upload(partnershipId), form)
    expect(res.status).toBe(303)
    const review = await agent.getText(res.headers.get('location')!)
    expect(review.status).toBe(200)
    for (const name of ['utf16.txt', 'nul.txt', 'empty.txt']) expect(review.text).toContain(`>${name} `)
    expect(review.text.match(/Chorley Community Fire Station/g)).toHaveLength(2)
    expect(review.text).toContain('Not a meeting record: the file is empty')

    const big = new FormData()
    big.append('files', file('huge.html', 'x'.repeat(5 * 1024 * 1024 + 1), 'text/html'))
    big.append('bodyHint', 'Kept body name')
    const refused = await agent.post(importerPaths.upload(partnershipId), big)
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('“huge.html” is larger than 5 MB')
    expect(html).toContain('value="Kept body name"')
  })
})

describe('the list of imports', () => {
  it('is paginated, ten a page', async () => {
    const p = await buildPartnership(database.db)
    const user = { id: (await signedInUserId()) ?? '', email: '', displayName: '', isAdmin: true, secretariatOf: [], memberOf: [] } as never
    for (let i = 0; i < 11; i++) await t.services.importer.createJob(user, p.id, [{ fileName: `r${i}.txt`, content: 'Not minutes' }], {})
    const admin = await signedInAgent(t.app, t.services, { isAdmin: true })
    const first = await admin.getText(importerPaths.upload(p.id))
    expect(first.text.match(/Waiting for review/g)).toHaveLength(10)
    expect(first.text).toContain(`href="${importerPaths.upload(p.id)}?page=2#recent"`)
    const second = await admin.getText(`${importerPaths.upload(p.id)}?page=2`)
    expect(second.text.match(/Waiting for review/g)).toHaveLength(1)
    expect(second.text).toContain(`href="${importerPaths.upload(p.id)}?page=1#recent"`)
  })
})

async function signedInUserId(): Promise<string | null> {
  const { users } = await import('../accounts/accounts.tables.ts')
  const [u] = await database.db.select({ id: users.id }).from(users).limit(1)
  return u?.id ?? null
}
