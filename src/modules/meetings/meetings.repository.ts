import { asc, eq, getTableColumns } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaItems, decisions, documents, meetings } from './meetings.tables.ts'

export type MeetingRow = typeof meetings.$inferSelect
export type AgendaItemRow = typeof agendaItems.$inferSelect
export type DecisionRow = typeof decisions.$inferSelect
/** A paper without its bytes. */
export type DocumentMeta = Omit<typeof documents.$inferSelect, 'content'>

const { content: _content, ...documentMetaColumns } = getTableColumns(documents)

/** Drizzle queries only. Each takes the db or a transaction. */
export function meetingsRepository(db: Db) {
  return {
    async findMeetingById(id: string, tx: Db = db): Promise<MeetingRow | undefined> {
      const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).limit(1)
      return row
    },
    async findItemsOfMeeting(meetingId: string, tx: Db = db): Promise<AgendaItemRow[]> {
      return tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position))
    },
    async findDocumentsOfMeeting(meetingId: string, tx: Db = db): Promise<DocumentMeta[]> {
      return tx
        .select(documentMetaColumns)
        .from(documents)
        .where(eq(documents.meetingId, meetingId))
        .orderBy(asc(documents.position), asc(documents.createdAt))
    },
    async findDecisionsOfMeeting(meetingId: string, tx: Db = db): Promise<DecisionRow[]> {
      const rows = await tx
        .select({ d: decisions })
        .from(decisions)
        .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
        .where(eq(agendaItems.meetingId, meetingId))
        .orderBy(asc(decisions.position), asc(decisions.createdAt))
      return rows.map((r) => r.d)
    },
  }
}
export type MeetingsRepository = ReturnType<typeof meetingsRepository>
