import { sql } from 'drizzle-orm'
import { bigint, bigserial, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { inList } from '../../platform/db/columns.ts'
import { bodies } from '../structure/structure.tables.ts'
import { meetings } from '../meetings/meetings.tables.ts'

export const PUBLICATION_EVENT_KINDS = [
  'agenda_published',
  'minutes_published',
  'minutes_approved',
  'meeting_moved',
  'meeting_cancelled',
] as const
export type PublicationEventKind = (typeof PUBLICATION_EVENT_KINDS)[number]

/**
 * What the public record gained, in order: the Atom/RSS feeds read it, and email alerts are sent from it.
 * Written in the same transaction as the change it describes; never holds exempt text (only ids and a kind).
 */
export const publicationEvents = pgTable(
  'publication_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<PublicationEventKind>().notNull(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('publication_events_body_idx').on(t.bodyId, t.id),
    index('publication_events_meeting_idx').on(t.meetingId),
    check('publication_events_kind_check', inList('kind', PUBLICATION_EVENT_KINDS)),
  ],
)

export const SUBSCRIPTION_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/** Email alerts for a body: double opt-in, one-click unsubscribe. Addresses are never shown publicly. */
export const emailSubscriptions = pgTable(
  'email_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    status: text('status').$type<SubscriptionStatus>().notNull().default('pending'),
    /** sha256 of the confirmation token sent by email; null once confirmed. */
    confirmTokenHash: text('confirm_token_hash'),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    /** sha256 of the unsubscribe token carried by every alert's link and List-Unsubscribe header. */
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
    /** The last publication event this subscriber has been sent (events before confirmation are skipped). */
    lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_subscriptions_body_email_idx').on(t.bodyId, sql`lower(${t.email})`),
    uniqueIndex('email_subscriptions_confirm_idx').on(t.confirmTokenHash),
    uniqueIndex('email_subscriptions_unsubscribe_idx').on(t.unsubscribeTokenHash),
    index('email_subscriptions_status_idx').on(t.status, t.bodyId),
    check('email_subscriptions_status_check', inList('status', SUBSCRIPTION_STATUSES)),
  ],
)

export const DELIVERY_STATES = ['sending', 'sent'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

/** One alert email per subscriber per event, whatever the number of runs or instances. */
export const subscriptionDeliveries = pgTable(
  'subscription_deliveries',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => emailSubscriptions.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => publicationEvents.id, { onDelete: 'cascade' }),
    /** When it was claimed, then when it was sent. */
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * 'sending' while a run sends it (outside any transaction) under a lease; 'sent' once done. A run that
     * finds another's live lease leaves that subscriber alone; an expired lease (the sender died) counts as
     * sent: at most once.
     */
    state: text('state').$type<DeliveryState>().notNull().default('sent'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.eventId] }), check('subscription_deliveries_state_check', inList('state', DELIVERY_STATES))],
)
