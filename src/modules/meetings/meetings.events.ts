import type { EventBus } from '../../platform/events/events.ts'

/**
 * What the meetings module announces about the public record, published on the event bus inside the
 * transaction that made the change (after the change, before its audit record). Listeners (publishing's
 * feeds and email alerts) are subscribed in src/services.ts; meetings knows nothing of them. Ids only:
 * an event never carries exempt text.
 */
export type MeetingEvent =
  /** The agenda went out (scheduled -> agenda_published). */
  | { type: 'agenda_published'; bodyId: string; meetingId: string }
  /** The meeting's date or start time changed. */
  | { type: 'meeting_moved'; bodyId: string; meetingId: string }
  | { type: 'meeting_cancelled'; bodyId: string; meetingId: string }
  /** Draft minutes were put on the public page (-> minutes_draft). */
  | { type: 'draft_minutes_published'; bodyId: string; meetingId: string }
  /** A later meeting approved the minutes as a correct record (-> minutes_approved); not a further correction. */
  | { type: 'minutes_approved'; bodyId: string; meetingId: string }

export type MeetingEventType = MeetingEvent['type']

/** The bus the meetings and minutes services publish on (one per app, built in the composition root). */
export type MeetingEvents = EventBus<MeetingEvent>
