import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaItems } from './meetings.tables.ts'
import type { GeneratedItemValues } from './meetings.types.ts'

/**
 * Agenda items a higher module generates (the "Minutes and matters arising" item), written here because agenda
 * items are this module's records (ADR 0002). Each takes the caller's transaction: the generator checks that no
 * such item exists, under the meeting's row lock, and creates it in the same transaction. The composition root
 * passes these functions to the matters arising service.
 */

export async function insertGeneratedItem(values: GeneratedItemValues, tx: Db): Promise<typeof agendaItems.$inferSelect> {
  const [row] = await tx.insert(agendaItems).values(values).returning()
  return row!
}

/** Move the meeting's main items at or after `fromPosition` one place down, to make room for a generated item. */
export async function makeRoomForMainItem(meetingId: string, fromPosition: number, tx: Db): Promise<void> {
  await tx
    .update(agendaItems)
    .set({ position: sql`${agendaItems.position} + 1`, version: sql`${agendaItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(agendaItems.meetingId, meetingId), sql`${agendaItems.parentItemId} is null`, sql`${agendaItems.position} >= ${fromPosition}`))
}
