import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { buildPerson } from '../../../test/support/builders.ts'
import { people } from './structure.tables.ts'
import { setRemindersOptOut } from './reminder-preferences.ts'

const t = useTestDb()

const personRow = async (id: string) => (await t.db.select().from(people).where(eq(people.id, id)))[0]!

describe('a person’s reminder preference', () => {
  it('opts out and back in, bumping the version each time', async () => {
    const person = await buildPerson(t.db, { email: 'owner@example.org' })
    expect(await t.db.transaction((tx) => setRemindersOptOut(person.id, true, tx))).toBe(true)
    expect(await personRow(person.id)).toMatchObject({ remindersOptOut: true, version: person.version + 1 })
    expect(await t.db.transaction((tx) => setRemindersOptOut(person.id, false, tx))).toBe(true)
    expect(await personRow(person.id)).toMatchObject({ remindersOptOut: false, version: person.version + 2 })
  })

  it('is false for a person who does not exist', async () => {
    expect(await t.db.transaction((tx) => setRemindersOptOut('00000000-0000-4000-8000-000000000999', true, tx))).toBe(false)
  })
})
