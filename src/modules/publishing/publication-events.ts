import type { Db } from '../../platform/db/client.ts'
import { publicationEvents, type PublicationEventKind } from './publishing.tables.ts'

/**
 * Record that the public record gained something (an agenda, minutes, a move, a cancellation). Call it in
 * the transaction that makes the change, like `recordAudit`: the feeds and email alerts read these rows.
 */
export async function recordPublicationEvent(
  tx: Db,
  event: { kind: PublicationEventKind; bodyId: string; meetingId: string },
): Promise<void> {
  await tx.insert(publicationEvents).values(event)
}
