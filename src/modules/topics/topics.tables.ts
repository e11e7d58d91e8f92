import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { partnerships } from '../structure/structure.tables.ts'
import { agendaItems } from '../meetings/meetings.tables.ts'
import { requiredRef } from '../../platform/db/columns.ts'

/** Topics tie items discussed at several meetings into one history ("Our Health, Our Care"). */
export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('topics_partnership_slug_idx').on(t.partnershipId, t.slug)],
)

export const agendaItemTopics = pgTable(
  'agenda_item_topics',
  {
    itemId: requiredRef('item_id', () => agendaItems.id),
    topicId: requiredRef('topic_id', () => topics.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.topicId] }), index('agenda_item_topics_topic_idx').on(t.topicId)],
)
