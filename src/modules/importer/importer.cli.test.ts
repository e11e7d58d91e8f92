import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { Database } from '../../platform/db/client.ts'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { testConfig } from '../../../test/support/app.ts'
import { buildBody, buildPartnership } from '../../../test/support/builders.ts'
import { IMPORTER_FIXTURES, importerFixture, importSnapshot } from '../../../test/support/importer-builders.ts'
import { runCli, runImport } from '../../cli.ts'
import { meetings } from '../meetings/meetings.tables.ts'
import { runImportCli } from './importer.cli.ts'

const t = useTestDb()
let database: Database
let dir: string

beforeAll(() => {
  database = t.database
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-import-'))
  fs.mkdirSync(path.join(dir, 'pages', 'older'), { recursive: true })
  fs.copyFileSync(path.join(IMPORTER_FIXTURES, 'seed-001.txt'), path.join(dir, 'pages', 'b-seed-001.txt'))
  fs.copyFileSync(path.join(IMPORTER_FIXTURES, 'seed-000.txt'), path.join(dir, 'pages', 'older', 'a-seed-000.htm.txt'))
  fs.writeFileSync(path.join(dir, 'pages', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))
  fs.writeFileSync(path.join(dir, 'corrupt.html'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)))
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function capture() {
  const lines: string[] = []
  const errors: string[] = []
  return { out: { stdout: (s: string) => lines.push(s), stderr: (s: string) => errors.push(s) }, text: () => lines.join(''), errors: () => errors.join('') }
}

const seed = (n: string) => path.join(IMPORTER_FIXTURES, `seed-${n}.txt`)

describe('npm run cli -- import', () => {
  it('--dry-run --json prints exactly the issue 4 object for one seed', async () => {
    const c = capture()
    expect(await runCli(['import', '--dry-run', '--json', seed('000')], c.out)).toBe(0)
    expect(JSON.parse(c.text())).toEqual(JSON.parse(importerFixture('seed-000.expected.json')))
    const c1 = capture()
    expect(await runImportCli(['--dry-run', '--json', seed('001')], c1.out)).toBe(0)
    expect(JSON.parse(c1.text())).toEqual(JSON.parse(importerFixture('seed-001.expected.json')))
  })

  it('several documents give a JSON array in the order read; folders are walked for .html/.htm/.txt', async () => {
    const c = capture()
    expect(await runImportCli(['--dry-run', '--json', path.join(dir, 'pages')], c.out)).toBe(0)
    const list = JSON.parse(c.text()) as { body: string; date: string }[]
    expect(list.map((d) => [d.body, d.date])).toEqual([
      ['Chorley Public Services Reform Executive', '2016-09-27'],
      ['Chorley Public Service Reform Board', '2015-02-10'],
    ])
  })

  it('a corrupt or unrelated file is "not a meeting record"; the exit code is 1 only when nothing was one', async () => {
    const bad = capture()
    expect(await runImportCli(['--dry-run', path.join(dir, 'corrupt.html'), path.join(IMPORTER_FIXTURES, 'recipe.txt')], bad.out)).toBe(1)
    expect(bad.text()).toContain('corrupt.html: not a meeting record (Not a meeting record: the file looks like binary data')
    expect(bad.text()).toContain('recipe.txt: not a meeting record')
    const mixed = capture()
    expect(await runImportCli(['--dry-run', path.join(dir, 'corrupt.html'), seed('000')], mixed.out)).toBe(0)
    expect(mixed.text()).toContain('seed-000.txt: Chorley Public Service Reform Board, 2015-02-10, 4 items')
  })

  it('usage errors exit 2', async () => {
    const c = capture()
    expect(await runImportCli([seed('000')], c.out)).toBe(2)
    expect(c.errors()).toContain('import needs --partnership <slug> (or --dry-run)')
    expect(await runImportCli(['--dry-run'], c.out)).toBe(2)
    expect(await runImportCli(['--dry-run', '--date', '10/02/2015', seed('000')], c.out)).toBe(2)
    expect(await runImportCli(['--dry-run', path.join(dir, 'missing.txt')], c.out)).toBe(2)
  })

  it('commits into a partnership; the second run reports unchanged', async () => {
    const p = await buildPartnership(database.db, { slug: 'chorley-psr' })
    const board = await buildBody(database.db, { partnershipId: p.id, name: 'Chorley Public Service Reform Board' })
    const config = testConfig()
    const first = capture()
    expect(await runImport(['--partnership', 'chorley-psr', '--create-bodies', seed('000'), seed('001'), path.join(dir, 'corrupt.html')], first.out, { database, config })).toBe(0)
    expect(first.text()).toMatch(/seed-000\.txt: created \(\d+ changes\), meeting [0-9a-f-]{36}/)
    expect(first.text()).toMatch(/seed-001\.txt: created/)
    expect(first.text()).toContain('corrupt.html: not a meeting record')
    // The meeting only: its next meeting (21 April 2015) is in the past, so it is not scheduled.
    expect((await database.db.select().from(meetings).where(eq(meetings.bodyId, board.id))).map((m) => m.date)).toEqual(['2015-02-10'])

    const again = capture()
    expect(await runImport(['--json', '--partnership', 'chorley-psr', seed('000')], again.out, { database, config })).toBe(0)
    expect(JSON.parse(again.text())).toMatchObject({ status: 'unchanged', changes: [], error: null })

    const unknown = capture()
    expect(await runImport(['--partnership', 'nope', seed('000')], unknown.out, { database, config })).toBe(2)
    const failed = capture()
    const other = await buildPartnership(database.db, { slug: 'empty-partnership' })
    expect(await runImport(['--partnership', 'empty-partnership', seed('000')], failed.out, { database, config })).toBe(1)
    expect(failed.text()).toContain('failed: ')
    expect(failed.text()).toContain('has no body called "Chorley Public Service Reform Board"')
    // Nothing was written into the other partnership.
    expect(await importSnapshot(database.db, other.id)).toMatchObject({ bodies: [], meetings: [] })
  })
})
