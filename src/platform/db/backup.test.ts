import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestDatabase, testDbKind } from '../../../test/support/db.ts'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { buildAgendaItem, buildBody, buildDocument, buildMeeting, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { buildAction, buildActionUpdate } from '../../../test/support/action-builders.ts'
import { openDatabase, type Database } from './client.ts'
import { backupDatabase, backupFormatOf, restoreLogical, restorePgliteDataDir, RestoreRefused } from './backup.ts'
import { tableFingerprints } from './logical-dump.ts'
import { DataDirLockedError } from './lock.ts'

/**
 * Issue 10: a backup restored is the same record: every table's row count and content hash, and every sequence's
 * value, are equal. Runs on the tier's database (PGlite or PostgreSQL), and on PGlite's data-directory backup.
 */
const t = useTestDb()
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-backup-'))
const opened: Database[] = []
afterAll(async () => {
  for (const d of opened) await d.close()
  fs.rmSync(tmp, { recursive: true, force: true })
}, 120_000)

beforeAll(async () => {
  const db = t.db
  const partnership = await buildPartnership(db, { name: 'Backup Partnership' })
  const parent = await buildBody(db, { partnershipId: partnership.id, name: 'Board' })
  // A body accountable to another body: a table with a foreign key to itself.
  const body = await buildBody(db, { partnershipId: partnership.id, name: 'Executive', accountableToBodyId: parent.id })
  const meeting = await buildMeeting(db, { bodyId: body.id })
  const item = await buildAgendaItem(db, { meetingId: meeting.id, title: 'Budget ✓ "quotes" \\ and \n new lines' })
  await buildAgendaItem(db, { meetingId: meeting.id, parentItemId: item.id, title: 'Sub-item' })
  await buildDocument(db, { meetingId: meeting.id, content: Buffer.from([0, 1, 2, 255, 254, 10, 13, 92]) })
  await buildPerson(db, { fullName: 'Ada Lovelace' })
  await buildUser(db, { isAdmin: true })
  for (let i = 0; i < 3; i++) {
    const action = await buildAction(db, { bodyId: body.id })
    await buildActionUpdate(db, { actionId: action.id })
  }
})

async function expectSameRecord(restored: Database, reported?: Record<string, unknown>) {
  const before = await tableFingerprints(t.database)
  expect(Object.keys(before).length).toBeGreaterThan(10)
  expect(before.bodies!.rows).toBe(2)
  expect(before.documents!.rows).toBe(1)
  const after = await tableFingerprints(restored)
  expect(after).toEqual(before)
  if (reported) expect(reported).toEqual(before)
}

describe('logical backup and restore', () => {
  it(`round-trips the record on ${testDbKind}`, async () => {
    const file = path.join(tmp, 'record.jsonl.gz')
    const result = await backupDatabase(t.database, file, 'logical')
    expect(result.rows).toBeGreaterThan(10)
    expect(await backupFormatOf(file)).toBe('logical')

    let target: Database
    if (testDbKind === 'postgres') {
      // A second, migrated database: not empty, so refused until forced.
      target = await createTestDatabase()
      opened.push(target)
      await expect(restoreLogical(target, file)).rejects.toThrow(RestoreRefused)
      const reported = await restoreLogical(target, file, { force: true })
      await expectSameRecord(target, reported)
    } else {
      target = await openDatabase({ kind: 'pglite' })
      opened.push(target)
      const reported = await restoreLogical(target, file)
      await expectSameRecord(target, reported)
      await expect(restoreLogical(target, file)).rejects.toThrow(/not empty/)
    }
    // The restored database is live: the next action number is the one the source would give next.
    const nextOf = async (d: Database) => ((await d.db.execute(sql`select nextval('actions_seq_seq')::int as n`)) as { rows: unknown[] }).rows[0]
    expect(await nextOf(target)).toEqual(await nextOf(t.database))
  }, 180_000)

  it('refuses a backup that ends early, and restores none of its rows', async () => {
    const file = path.join(tmp, 'record.jsonl.gz')
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')
    const cut = path.join(tmp, 'cut.jsonl.gz')
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, -3).join('\n')))
    const target = await openDatabase({ kind: 'pglite' })
    opened.push(target)
    await expect(restoreLogical(target, cut)).rejects.toThrow(/incomplete/)
    // The schema is there (migrated to the backup's level); no row of the backup is.
    const counts = await tableFingerprints(target)
    const withRows = Object.entries(counts).filter(([name, f]) => !name.startsWith('sequence') && f.rows > 0).map(([name]) => name)
    expect(withRows).toEqual(['public_record_version']) // the one row its migration inserts
    expect(counts.partnerships!.rows).toBe(0)
  }, 120_000)
})

describe('PGlite data-directory backup and restore', () => {
  it('round-trips the record through a gzip tarball of the data directory, into an empty DATA_DIR only', async () => {
    // On the PostgreSQL tier the embedded database is the record moved into PGlite by a logical restore.
    let embedded = t.database
    if (testDbKind === 'postgres') {
      embedded = await openDatabase({ kind: 'pglite' })
      opened.push(embedded)
      await restoreLogical(embedded, path.join(tmp, 'record.jsonl.gz'))
    }
    const file = path.join(tmp, 'data.tar.gz')
    expect((await backupDatabase(embedded, file)).format).toBe('datadir')
    expect(await backupFormatOf(file)).toBe('datadir')

    const dataDir = path.join(tmp, 'data')
    fs.mkdirSync(dataDir)
    fs.writeFileSync(path.join(dataDir, 'something'), 'x')
    await expect(restorePgliteDataDir(file, dataDir)).rejects.toThrow(/not empty/)
    const reported = await restorePgliteDataDir(file, dataDir, { force: true })
    expect(fs.existsSync(path.join(dataDir, 'something'))).toBe(false)

    const restored = await openDatabase({ kind: 'pglite', dataDir, purpose: 'test' })
    try {
      expect(await tableFingerprints(restored)).toEqual(await tableFingerprints(embedded))
      expect(reported).toEqual(await tableFingerprints(embedded))
      // The data-directory lock holds: no restore over a directory in use.
      await expect(restorePgliteDataDir(file, dataDir, { force: true })).rejects.toThrow(DataDirLockedError)
    } finally {
      await restored.close()
    }
  }, 180_000)
})
