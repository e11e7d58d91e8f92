import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { partnerships } from '../structure/structure.tables.ts'
import { agendaItems } from '../meetings/meetings.tables.ts'

/** Topics tie items discussed at several meetings into one history ("Our Health, Our Care"). */
export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('topics_partnership_slug_idx').on(t.partnershipId, t.slug)],
)

export const agendaItemTopics = pgTable(
  'agenda_item_topics',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.topicId] }), index('agenda_item_topics_topic_idx').on(t.topicId)],
)
