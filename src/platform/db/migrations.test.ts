import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_FOLDER, openDatabase } from './client.ts'

/** A copy of the migrations folder holding only the first `count` migrations: a database as it was then. */
function migrationsUpTo(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-migrations-'))
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] }
  journal.entries = journal.entries.filter((e) => e.idx < count)
  fs.mkdirSync(path.join(dir, 'meta'))
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal))
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`))
  return dir
}

/**
 * A body written with SQL, not the builders: the builders' inserts return every column of today's tables, which a
 * database at an early migration does not have yet (generated search columns, for one).
 */
async function bodyAsOfOldSchema(database: Awaited<ReturnType<typeof openDatabase>>): Promise<{ id: string }> {
  const pg = database.pglite!
  const p = await pg.query<{ id: string }>(`insert into partnerships (slug, name) values ('old-partnership', 'Old Partnership') returning id`)
  const b = await pg.query<{ id: string }>(`insert into bodies (partnership_id, slug, name, kind) values ($1, 'old-board', 'Old Board', 'board') returning id`, [p.rows[0]!.id])
  return b.rows[0]!
}

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('migration 0004 (actions.seq)', () => {
  it('numbers existing actions and updates in the order lists showed them (created_at, id), even after an update moved a row', async () => {
    const database = await openDatabase({ kind: 'pglite' })
    try {
      const before = migrationsUpTo(4)
      dirs.push(before)
      await migrate(drizzle(database.pglite!), { migrationsFolder: before })
      const body = await bodyAsOfOldSchema(database)
      const pg = database.pglite!
      // Written in one transaction: one created_at for all, so lists fell back to the id.
      await pg.transaction(async (tx) => {
        for (let i = 1; i <= 6; i++) {
          await tx.query(`insert into actions (body_id, description, raised_on, created_at) values ($1, $2, '2016-09-27', '2016-09-27T12:00:00Z')`, [body.id, `old ${i}`])
        }
      })
      const shownBefore = (await pg.query<{ description: string }>(`select description from actions order by created_at, id`)).rows.map((r) => r.description)
      // Updating a row writes a new version of it at the end of the table: physical order is no longer this order.
      await pg.query(`update actions set status = 'in_progress' where description = $1`, [shownBefore[0]])
      const { rows: acts } = await pg.query<{ id: string }>(`select id from actions order by created_at, id`)
      for (const a of acts.slice(0, 2)) await pg.query(`insert into action_updates (action_id, text, created_at) values ($1, 'update', '2016-10-01T09:00:00Z')`, [a.id])
      await pg.query(`update action_updates set text = 'update, edited' where action_id = $1`, [acts[0]!.id])
      const updatesBefore = (await pg.query<{ action_id: string }>(`select action_id from action_updates order by created_at, id`)).rows.map((r) => r.action_id)

      await migrate(drizzle(database.pglite!), { migrationsFolder: MIGRATIONS_FOLDER })

      const bySeq = (await pg.query<{ description: string; seq: string }>(`select description, seq::text from actions order by seq`)).rows
      expect(bySeq.map((r) => r.description)).toEqual(shownBefore)
      expect(bySeq.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6])
      expect((await pg.query<{ action_id: string }>(`select action_id from action_updates order by seq`)).rows.map((r) => r.action_id)).toEqual(updatesBefore)
      // New rows follow on after the renumbered ones.
      await pg.query(`insert into actions (body_id, description, raised_on) values ($1, 'new', '2016-09-27')`, [body.id])
      expect((await pg.query<{ seq: string }>(`select seq::text from actions where description = 'new'`)).rows[0]!.seq).toBe('7')
      await pg.query(`insert into action_updates (action_id, text) values ($1, 'new update')`, [acts[0]!.id])
      expect((await pg.query<{ seq: string }>(`select seq::text from action_updates where text = 'new update'`)).rows[0]!.seq).toBe('3')
    } finally {
      await database.close()
    }
  })

  it('leaves the sequences starting at 1 on an empty database', async () => {
    const database = await openDatabase({ kind: 'pglite' })
    try {
      await migrate(drizzle(database.pglite!), { migrationsFolder: MIGRATIONS_FOLDER })
      const body = await bodyAsOfOldSchema(database)
      await database.pglite!.query(`insert into actions (body_id, description, raised_on) values ($1, 'first', '2016-09-27')`, [body.id])
      expect((await database.pglite!.query<{ seq: string }>(`select seq::text from actions`)).rows[0]!.seq).toBe('1')
    } finally {
      await database.close()
    }
  })
})
