import { eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaItems, attendance, decisions, meetings, type AttendanceStatus } from './meetings.tables.ts'

/**
 * The meeting records an import writes (ADR 0007): the meeting, its agenda items, their decisions and the
 * attendance, kept here because this module owns the tables. The importer receives these functions from
 * src/services.ts and calls them inside its one transaction per document, so each takes that transaction and
 * uses only it. Updates bump the row's version: the importer records the versions it left, so a re-import
 * changes only rows nobody has changed since.
 */

export async function insertMeeting(values: typeof meetings.$inferInsert, tx: Db): Promise<typeof meetings.$inferSelect> {
  const [row] = await tx.insert(meetings).values(values).returning()
  return row!
}

/** Returns the meeting's new version. */
export async function updateMeeting(id: string, changes: Partial<typeof meetings.$inferInsert>, tx: Db): Promise<number> {
  const [row] = await tx
    .update(meetings)
    .set({ ...changes, version: sql`${meetings.version} + 1`, updatedAt: new Date() })
    .where(eq(meetings.id, id))
    .returning({ version: meetings.version })
  return row!.version
}

export async function insertItem(values: typeof agendaItems.$inferInsert, tx: Db): Promise<typeof agendaItems.$inferSelect> {
  const [row] = await tx.insert(agendaItems).values(values).returning()
  return row!
}

/** Returns the item's new version. */
export async function updateItem(id: string, changes: Partial<typeof agendaItems.$inferInsert>, tx: Db): Promise<number> {
  const [row] = await tx
    .update(agendaItems)
    .set({ ...changes, version: sql`${agendaItems.version} + 1`, updatedAt: new Date() })
    .where(eq(agendaItems.id, id))
    .returning({ version: agendaItems.version })
  return row!.version
}

export async function deleteItems(ids: string[], tx: Db): Promise<void> {
  if (ids.length) await tx.delete(agendaItems).where(inArray(agendaItems.id, ids))
}

/** The item's decisions become exactly these texts, in order. */
export async function replaceDecisions(itemId: string, texts: string[], tx: Db): Promise<{ id: string; version: number }[]> {
  await tx.delete(decisions).where(eq(decisions.itemId, itemId))
  if (texts.length === 0) return []
  return tx
    .insert(decisions)
    .values(texts.map((text, position) => ({ itemId, position, text })))
    .returning({ id: decisions.id, version: decisions.version })
}

/** The meeting's attendance becomes exactly these rows. */
export async function replaceAttendance(
  meetingId: string,
  rows: { personId: string; status: AttendanceStatus; organisationId: string | null }[],
  tx: Db,
): Promise<{ id: string; version: number }[]> {
  await tx.delete(attendance).where(eq(attendance.meetingId, meetingId))
  if (rows.length === 0) return []
  return tx
    .insert(attendance)
    .values(rows.map((r) => ({ meetingId, ...r })))
    .returning({ id: attendance.id, version: attendance.version })
}
