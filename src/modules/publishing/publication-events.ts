import type { Db } from '../../platform/db/client.ts'
import type { MeetingEvent, MeetingEventType } from '../meetings/meetings.events.ts'
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

/** The publication event each meeting event is to the feeds and alerts. */
const KIND_OF: Record<MeetingEventType, PublicationEventKind> = {
  agenda_published: 'agenda_published',
  meeting_moved: 'meeting_moved',
  meeting_cancelled: 'meeting_cancelled',
  draft_minutes_published: 'minutes_published',
  minutes_approved: 'minutes_approved',
}

/**
 * The handler subscribed (in src/services.ts) to every event the meetings module publishes: writes the
 * publication event with the meeting's own transaction, so it commits or rolls back with the change.
 */
export async function recordMeetingPublication(tx: Db, event: MeetingEvent): Promise<void> {
  await recordPublicationEvent(tx, { kind: KIND_OF[event.type], bodyId: event.bodyId, meetingId: event.meetingId })
}
