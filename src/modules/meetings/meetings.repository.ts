import { and, asc, eq, getTableColumns, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import { agendaItems, decisions, documents, meetings } from './meetings.tables.ts'

export type MeetingRow = typeof meetings.$inferSelect
export type AgendaItemRow = typeof agendaItems.$inferSelect
export type DecisionRow = typeof decisions.$inferSelect
/** A paper without its bytes, extracted text or search vector (a page listing papers needs none of them). */
export type DocumentMeta = Omit<typeof documents.$inferSelect, 'content' | 'textContent' | 'searchVector'>

export type NewMeetingValues = Omit<typeof meetings.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>
export type MeetingChanges = Partial<Omit<typeof meetings.$inferInsert, 'id' | 'bodyId' | 'version' | 'createdAt' | 'updatedAt'>>
export type NewItemValues = Omit<typeof agendaItems.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>
export type ItemChanges = Partial<Omit<typeof agendaItems.$inferInsert, 'id' | 'meetingId' | 'version' | 'createdAt' | 'updatedAt'>>
export type NewDocumentValues = Omit<typeof documents.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>

const { content: _content, textContent: _text, searchVector: _vector, ...documentMetaColumns } = getTableColumns(documents)

/** Drizzle queries only. Each takes the db or a transaction. */
export function meetingsRepository(db: Db) {
  return {
    async findMeetingById(id: string, tx: Db = db): Promise<MeetingRow | undefined> {
      const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).limit(1)
      return row
    },
    /**
     * The meeting row, locked (SELECT ... FOR UPDATE) until the transaction ends: the same lock the
     * minutes use, so an agenda change cannot race an approval or the publication of draft minutes.
     */
    async lockMeetingById(id: string, tx: Db): Promise<MeetingRow | undefined> {
      const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).limit(1).for('update')
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

    async insertMeeting(values: NewMeetingValues, tx: Db = db): Promise<MeetingRow> {
      const [row] = await tx.insert(meetings).values(values).returning()
      return row!
    },
    /** Update when the version still matches (bumping it); undefined means someone saved first. */
    async updateMeeting(id: string, expectedVersion: number, changes: MeetingChanges, tx: Db = db): Promise<MeetingRow | undefined> {
      return updateIfVersion(tx, meetings, id, expectedVersion, changes)
    },

    async findItemById(id: string, tx: Db = db): Promise<AgendaItemRow | undefined> {
      const [row] = await tx.select().from(agendaItems).where(eq(agendaItems.id, id)).limit(1)
      return row
    },
    /** The next free position among an item's siblings (main items, or the sub-items of one parent). */
    async nextItemPosition(meetingId: string, parentItemId: string | null, tx: Db = db): Promise<number> {
      const [row] = await tx
        .select({ max: sql<number | null>`max(${agendaItems.position})` })
        .from(agendaItems)
        .where(
          and(
            eq(agendaItems.meetingId, meetingId),
            parentItemId ? eq(agendaItems.parentItemId, parentItemId) : isNull(agendaItems.parentItemId),
          ),
        )
      const max = row?.max
      return max === null || max === undefined ? 0 : Number(max) + 1
    },
    async insertItem(values: NewItemValues, tx: Db = db): Promise<AgendaItemRow> {
      const [row] = await tx.insert(agendaItems).values(values).returning()
      return row!
    },
    async updateItem(id: string, expectedVersion: number, changes: ItemChanges, tx: Db = db): Promise<AgendaItemRow | undefined> {
      return updateIfVersion(tx, agendaItems, id, expectedVersion, changes)
    },
    async setItemPosition(id: string, position: number, tx: Db = db): Promise<void> {
      await tx
        .update(agendaItems)
        .set({ position, version: sql`${agendaItems.version} + 1`, updatedAt: new Date() })
        .where(eq(agendaItems.id, id))
    },
    /**
     * Deletes the item if its version still matches; its sub-items, papers and decisions go with it
     * (foreign keys cascade). False means someone changed (or deleted) it first.
     */
    async deleteItem(id: string, expectedVersion: number, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(agendaItems)
        .where(and(eq(agendaItems.id, id), eq(agendaItems.version, expectedVersion)))
        .returning({ id: agendaItems.id })
      return rows.length === 1
    },

    async findDocumentById(id: string, tx: Db = db): Promise<DocumentMeta | undefined> {
      const [row] = await tx.select(documentMetaColumns).from(documents).where(eq(documents.id, id)).limit(1)
      return row
    },
    async findDocumentContent(id: string, tx: Db = db): Promise<Buffer | undefined> {
      const [row] = await tx.select({ content: documents.content }).from(documents).where(eq(documents.id, id)).limit(1)
      return row?.content
    },
    async nextDocumentPosition(meetingId: string, itemId: string | null, tx: Db = db): Promise<number> {
      const [row] = await tx
        .select({ max: sql<number | null>`max(${documents.position})` })
        .from(documents)
        .where(and(eq(documents.meetingId, meetingId), itemId ? eq(documents.itemId, itemId) : isNull(documents.itemId)))
      const max = row?.max
      return max === null || max === undefined ? 0 : Number(max) + 1
    },
    async insertDocument(values: NewDocumentValues, tx: Db = db): Promise<DocumentMeta> {
      const [row] = await tx.insert(documents).values(values).returning(documentMetaColumns)
      return row!
    },
    /** Deletes the paper if its version still matches; false means someone changed (or deleted) it first. */
    async deleteDocument(id: string, expectedVersion: number, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(documents)
        .where(and(eq(documents.id, id), eq(documents.version, expectedVersion)))
        .returning({ id: documents.id })
      return rows.length === 1
    },
  }
}
export type MeetingsRepository = ReturnType<typeof meetingsRepository>
