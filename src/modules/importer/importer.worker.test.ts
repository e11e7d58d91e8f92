import { beforeAll, describe, expect, it } from 'vitest'
import { asc, eq } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildBody, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import { importerFixture } from '../../../test/support/importer-builders.ts'
import { importWrites, type Services } from '../../services.ts'
import { meetings } from '../meetings/meetings.tables.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { importerRepository } from './importer.repository.ts'
import { importerService } from './importer.service.ts'
import { importDocuments, importJobs } from './importer.tables.ts'

/** Workers racing each other, a lost claim, stopping between documents (review 6 and 12). */

let database: Database
let services: Services

const t = useTestApp()
beforeAll(() => {
  database = t.database
  services = t.services
})

async function setUp() {
  const p = await buildPartnership(database.db)
  const board = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Service Reform Board' })
  const exec = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Services Reform Executive', numberingScheme: 'continuing', nextItemNumber: 7 })
  const u = await buildUser(database.db, { secretariatOf: [p.id] })
  const user = { id: u.id, email: u.email, displayName: u.displayName, isAdmin: false, secretariatOf: [p.id], personId: null } as unknown as CurrentUser
  return { p, board, exec, user }
}
const docsOf = (jobId: string) => database.db.select().from(importDocuments).where(eq(importDocuments.jobId, jobId)).orderBy(asc(importDocuments.position))
const serviceWith = (repo: ReturnType<typeof importerRepository>) =>
  importerService(database.db, { writes: importWrites }, repo)
const twoSeeds = [
  { fileName: 'seed-000.txt', content: importerFixture('seed-000.txt') },
  { fileName: 'seed-001.txt', content: importerFixture('seed-001.txt') },
]

describe('import workers', () => {
  it('a document another worker finished after this one read the list is not imported again', async () => {
    const { user, p, exec } = await setUp()
    const real = importerRepository(database.db)
    const racing = serviceWith({
      ...real,
      async findDocumentsOfJob(jobId, tx) {
        const rows = await real.findDocumentsOfJob(jobId, tx)
        // Meanwhile, another worker imported seed 001.
        await database.db.update(importDocuments).set({ status: 'created' }).where(eq(importDocuments.id, rows[1]!.id))
        return rows
      },
    })
    const job = await racing.createJob(user, p.id, twoSeeds, {})
    await racing.startJob(user, job.id, { createBodies: false, version: job.version })
    expect(await racing.workOnce()).toMatchObject({ status: 'finished', done: 2, failed: 0 })
    expect((await docsOf(job.id)).map((d) => d.status)).toEqual(['created', 'created'])
    expect(await database.db.select().from(meetings).where(eq(meetings.bodyId, exec.id))).toEqual([])
  })

  it('a worker that lost its claim stops and leaves the job to the one that took it', async () => {
    const { user, p } = await setUp()
    const real = importerRepository(database.db)
    let calls = 0
    const slow = serviceWith({
      ...real,
      async countDocuments(jobId, tx) {
        // After the first document, another worker retakes the job (this one looked stale).
        if (++calls === 2) await database.db.update(importJobs).set({ claimedAt: new Date(Date.now() + 60_000) }).where(eq(importJobs.id, jobId))
        return real.countDocuments(jobId, tx)
      },
    })
    const job = await slow.createJob(user, p.id, twoSeeds, {})
    await slow.startJob(user, job.id, { createBodies: false, version: job.version })
    const after = await slow.workOnce()
    expect(after).toMatchObject({ status: 'running', finishedAt: null })
    expect((await docsOf(job.id)).map((d) => d.status)).toEqual(['created', 'pending'])
    expect((await docsOf(job.id))[1]!.content).not.toBe('')
  })

  it('stopping hands the job back to the queue between documents', async () => {
    const { user, p } = await setUp()
    const job = await services.importer.createJob(user, p.id, twoSeeds, {})
    await services.importer.startJob(user, job.id, { createBodies: false, version: job.version })
    let asked = 0
    const after = await services.importer.workOnce({ shouldStop: () => ++asked > 1 })
    expect(after).toMatchObject({ status: 'queued', claimedAt: null })
    expect((await docsOf(job.id)).map((d) => d.status)).toEqual(['created', 'pending'])
    expect(await services.importer.workOnce()).toMatchObject({ status: 'finished', done: 2 })
  })

  it('start and discard with an old version are a 409 conflict; a discard is audited', async () => {
    const { user, p } = await setUp()
    const job = await services.importer.createJob(user, p.id, twoSeeds, {})
    await expect(services.importer.startJob(user, job.id, { createBodies: false, version: job.version + 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'This import was changed by someone else while you were looking at it: reload the page and check it again.',
    })
    await expect(services.importer.discardJob(user, job.id, { version: job.version + 1 })).rejects.toMatchObject({ code: 'CONFLICT' })
    await services.importer.discardJob(user, job.id, { version: job.version })
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, job.id))
    expect(audit.map((a) => [a.event, a.actorUserId])).toEqual([['import.discarded', user.id]])
  })
})
