import { describe, expect, it } from 'vitest'
import { asc, eq } from 'drizzle-orm'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { buildAgendaItem, buildMeeting } from '../../../test/support/builders.ts'
import { agendaItems } from './meetings.tables.ts'
import { insertGeneratedItem, makeRoomForMainItem } from './generated-items.ts'

const t = useTestDb()

const itemsOf = (meetingId: string) =>
  t.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt))

describe('generated agenda items', () => {
  it('makes room among the main items only, bumping their versions, and inserts the item in the caller’s transaction', async () => {
    const meeting = await buildMeeting(t.db)
    const welcome = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 0, title: 'Welcome' })
    const budget = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 1, title: 'Budget' })
    const sub = await buildAgendaItem(t.db, { meetingId: meeting.id, parentItemId: budget.id, position: 1, title: 'Sub-item' })

    const item = await t.db.transaction(async (tx) => {
      await makeRoomForMainItem(meeting.id, 1, tx)
      return insertGeneratedItem(
        { meetingId: meeting.id, position: 1, kind: 'matters_arising', title: 'Matters arising', purpose: 'information', addedAfterPublication: false },
        tx,
      )
    })

    expect(item).toMatchObject({ meetingId: meeting.id, position: 1, kind: 'matters_arising', title: 'Matters arising', purpose: 'information' })
    const rows = await itemsOf(meeting.id)
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(welcome.id)).toMatchObject({ position: 0, version: welcome.version })
    expect(byId.get(budget.id)).toMatchObject({ position: 2, version: budget.version + 1 })
    // A sub-item keeps its place under its main item.
    expect(byId.get(sub.id)).toMatchObject({ position: 1, version: sub.version })
    expect(rows.filter((r) => r.parentItemId === null).map((r) => r.title)).toEqual(['Welcome', 'Matters arising', 'Budget'])
  })

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const meeting = await buildMeeting(t.db)
    await buildAgendaItem(t.db, { meetingId: meeting.id, position: 0, title: 'Only item' })
    await expect(
      t.db.transaction(async (tx) => {
        await makeRoomForMainItem(meeting.id, 0, tx)
        await insertGeneratedItem({ meetingId: meeting.id, position: 0, kind: 'matters_arising', title: 'Matters arising', purpose: null, addedAfterPublication: true }, tx)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    const rows = await itemsOf(meeting.id)
    expect(rows.map((r) => [r.title, r.position])).toEqual([['Only item', 0]])
  })
})
