import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import type { NumberableItemRow, NumberableMeeting } from '../../shared/item-numbers.ts'
import { bodies } from '../structure/structure.read.ts'
import { agendaItems, meetings } from './meetings.tables.ts'

/** An agenda item's columns that its number is worked out from (src/shared/item-numbers.ts). */
export const numberableItemColumns = {
  id: agendaItems.id,
  meetingId: agendaItems.meetingId,
  parentItemId: agendaItems.parentItemId,
  position: agendaItems.position,
  numberOverride: agendaItems.numberOverride,
}

/**
 * Part of this module's read surface (ADR 0002): what numbering the items of these meetings needs, for modules that
 * show item numbers (decisions, topics). Each meeting with its body's scheme, and all its items. Reading only.
 */
export async function findItemNumbering(
  meetingIds: string[],
  tx: Db,
): Promise<{ meetings: NumberableMeeting[]; items: NumberableItemRow[] }> {
  if (meetingIds.length === 0) return { meetings: [], items: [] }
  const [ms, items] = await Promise.all([
    tx
      .select({
        id: meetings.id,
        date: meetings.date,
        firstItemNumber: meetings.firstItemNumber,
        numberingScheme: bodies.numberingScheme,
        nextItemNumber: bodies.nextItemNumber,
      })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(inArray(meetings.id, meetingIds)),
    tx
      .select(numberableItemColumns)
      .from(agendaItems)
      .where(inArray(agendaItems.meetingId, meetingIds)),
  ])
  return { meetings: ms, items }
}
