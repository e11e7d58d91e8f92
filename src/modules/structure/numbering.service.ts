import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { bodies } from './structure.tables.ts'

/**
 * A body's continuing agenda item counter (`bodies.next_item_number`), the one structure record the meetings
 * module changes: publishing an agenda, or adding a main item to a published one, moves the counter past the
 * meeting's last number so the next meeting does not reuse it. It must happen in the meetings transaction,
 * so each function takes that `tx` and uses nothing else.
 */
export function numberingService() {
  return {
    /**
     * Raise the body's counter to at least `atLeast` (never lowers it). It bumps the body's version, so a body
     * form opened before publication gets a conflict instead of overwriting the new counter.
     */
    async advanceNextItemNumber(bodyId: string, atLeast: number, tx: Db): Promise<void> {
      await tx
        .update(bodies)
        .set({ nextItemNumber: sql`greatest(${bodies.nextItemNumber}, ${atLeast})`, version: sql`${bodies.version} + 1`, updatedAt: new Date() })
        .where(and(eq(bodies.id, bodyId), sql`${bodies.nextItemNumber} < ${atLeast}`))
    },
  }
}
export type NumberingService = ReturnType<typeof numberingService>
