import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { documents, meetings } from '../meetings/meetings.read.ts'
import { paperPublicSql } from '../meetings/public-rules.ts'

/** What a pack needs to know of a public paper: enough to key the cache and merge it, never its bytes. */
export type PackPaperRow = {
  id: string
  itemId: string | null
  title: string
  filename: string
  mediaType: string
  sizeBytes: number
  sha256: string
  version: number
  position: number
}

/**
 * Drizzle queries only. Every query composes paperPublicSql() (public-rules.ts): a pack can never read an
 * exempt paper, a paper on an exempt item, or any paper of an unpublished agenda, whatever the caller asks.
 */
export function packsRepository(db: Db) {
  return {
    async findPublicPapersOfMeeting(meetingId: string, tx: Db = db): Promise<PackPaperRow[]> {
      return tx
        .select({
          id: documents.id,
          itemId: documents.itemId,
          title: documents.title,
          filename: documents.filename,
          mediaType: documents.mediaType,
          sizeBytes: documents.sizeBytes,
          sha256: documents.sha256,
          version: documents.version,
          position: documents.position,
        })
        .from(documents)
        .innerJoin(meetings, eq(meetings.id, documents.meetingId))
        .where(and(eq(documents.meetingId, meetingId), paperPublicSql()))
        .orderBy(asc(documents.position), asc(documents.createdAt))
    },

    /** One public paper's bytes (read one at a time so a pack never holds every paper at once). */
    async findPublicPaperContent(paperId: string, tx: Db = db): Promise<Buffer | undefined> {
      const [row] = await tx
        .select({ content: documents.content })
        .from(documents)
        .innerJoin(meetings, eq(meetings.id, documents.meetingId))
        .where(and(eq(documents.id, paperId), paperPublicSql()))
        .limit(1)
      return row?.content
    },
  }
}
export type PacksRepository = ReturnType<typeof packsRepository>
