import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/** Who changed what, written in the same transaction as the change itself. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    /** The partnership the event belongs to, when it belongs to one: its secretariat sees it in the audit log. */
    partnershipId: uuid('partnership_id'),
    event: text('event').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.at),
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
    index('audit_events_partnership_idx').on(t.partnershipId, t.at),
  ],
)
