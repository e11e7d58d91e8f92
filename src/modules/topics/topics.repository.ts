import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import type { NumberableItemRow, NumberableMeeting } from '../../shared/item-numbers.ts'
import { bodies, partnerships } from '../structure/structure.read.ts'
import { agendaItems, decisions, meetings } from '../meetings/meetings.read.ts'
import { agendaPublicSql, itemOpenSql } from '../meetings/public-rules.ts'
import { findItemNumbering } from '../meetings/item-numbers.read.ts'
import { actions } from '../actions/actions.read.ts'
import { agendaItemTopics, topics } from './topics.tables.ts'

export type TopicRow = typeof topics.$inferSelect
export type ItemTopicRow = { itemId: string; topicId: string; name: string; slug: string; partnershipSlug: string }
export type TimelineItemRow = {
  itemId: string
  title: string
  description: string | null
  minutes: string | null
  isExempt: boolean
  parentIsExempt: boolean
  meetingId: string
  meetingDate: string
  meetingStatus: string
  agendaPublishedAt: Date | null
  bodyName: string
}
/** A topic in the public index: how many public items and meetings it spans, and when it was last discussed. */
export type TopicCountRow = {
  id: string
  name: string
  slug: string
  partnershipName: string
  partnershipSlug: string
  items: number
  meetings: number
  firstDate: string
  latestDate: string
}
export type TimelineDecisionRow = { id: string; itemId: string; text: string }
export type TimelineActionRow = {
  id: string
  itemId: string
  description: string
  status: string
  dueOn: string | null
  isPublic: boolean
}

const parentItem = alias(agendaItems, 'tp_parent_item')

/** Drizzle queries only, for topics and item histories. */
export function topicsRepository(db: Db) {
  return {
    /** Meetings and items for numbering: each meeting with its body's scheme, and all its items. */
    async findNumbering(meetingIds: string[], tx: Db = db): Promise<{ meetings: NumberableMeeting[]; items: NumberableItemRow[] }> {
      return findItemNumbering(meetingIds, tx)
    },
    async findTopicsOfPartnership(partnershipId: string, tx: Db = db): Promise<TopicRow[]> {
      return tx.select().from(topics).where(eq(topics.partnershipId, partnershipId)).orderBy(asc(topics.name))
    },
    async findTopicById(id: string, tx: Db = db): Promise<TopicRow | undefined> {
      const [row] = await tx.select().from(topics).where(eq(topics.id, id)).limit(1)
      return row
    },
    async findTopicBySlug(partnershipId: string, slug: string, tx: Db = db): Promise<TopicRow | undefined> {
      const [row] = await tx
        .select()
        .from(topics)
        .where(and(eq(topics.partnershipId, partnershipId), eq(topics.slug, slug)))
        .limit(1)
      return row
    },
    async insertTopic(values: { partnershipId: string; name: string; slug: string }, tx: Db): Promise<TopicRow> {
      const [row] = await tx.insert(topics).values(values).returning()
      return row!
    },
    /** True when the tag is new. */
    async tagItem(itemId: string, topicId: string, tx: Db): Promise<boolean> {
      const rows = await tx
        .insert(agendaItemTopics)
        .values({ itemId, topicId })
        .onConflictDoNothing()
        .returning({ itemId: agendaItemTopics.itemId })
      return rows.length > 0
    },
    async untagItem(itemId: string, topicId: string, tx: Db): Promise<boolean> {
      const rows = await tx
        .delete(agendaItemTopics)
        .where(and(eq(agendaItemTopics.itemId, itemId), eq(agendaItemTopics.topicId, topicId)))
        .returning({ itemId: agendaItemTopics.itemId })
      return rows.length > 0
    },
    async findTopicsOfItems(itemIds: readonly string[], tx: Db = db): Promise<ItemTopicRow[]> {
      if (itemIds.length === 0) return []
      return tx
        .select({
          itemId: agendaItemTopics.itemId,
          topicId: topics.id,
          name: topics.name,
          slug: topics.slug,
          partnershipSlug: partnerships.slug,
        })
        .from(agendaItemTopics)
        .innerJoin(topics, eq(topics.id, agendaItemTopics.topicId))
        .innerJoin(partnerships, eq(partnerships.id, topics.partnershipId))
        .where(inArray(agendaItemTopics.itemId, [...itemIds]))
        .orderBy(asc(topics.name))
    },
    /**
     * Topics with at least one public item (an open item of a published agenda: public-rules), with their counts,
     * by partnership then name; one partnership's when `partnershipId` is given.
     */
    async findPublicTopicCounts(partnershipId?: string, tx: Db = db): Promise<TopicCountRow[]> {
      const rows = await tx
        .select({
          id: topics.id,
          name: topics.name,
          slug: topics.slug,
          partnershipName: partnerships.name,
          partnershipSlug: partnerships.slug,
          items: sql<number>`count(distinct ${agendaItems.id})::int`,
          meetings: sql<number>`count(distinct ${meetings.id})::int`,
          firstDate: sql<string>`min(${meetings.date})::text`,
          latestDate: sql<string>`max(${meetings.date})::text`,
        })
        .from(topics)
        .innerJoin(partnerships, eq(partnerships.id, topics.partnershipId))
        .innerJoin(agendaItemTopics, eq(agendaItemTopics.topicId, topics.id))
        .innerJoin(agendaItems, eq(agendaItems.id, agendaItemTopics.itemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(agendaPublicSql(), itemOpenSql(), partnershipId ? eq(topics.partnershipId, partnershipId) : undefined))
        .groupBy(topics.id, topics.name, topics.slug, partnerships.name, partnerships.slug)
        .orderBy(asc(partnerships.name), asc(topics.name), asc(topics.id))
      return rows.map((r) => ({ ...r, items: Number(r.items), meetings: Number(r.meetings) }))
    },
    /** Every item tagged with the topic, oldest meeting first. */
    async findItemsOfTopic(topicId: string, tx: Db = db): Promise<TimelineItemRow[]> {
      const rows = await tx
        .select({
          itemId: agendaItems.id,
          title: agendaItems.title,
          description: agendaItems.description,
          minutes: agendaItems.minutes,
          isExempt: agendaItems.isExempt,
          parentIsExempt: parentItem.isExempt,
          meetingId: meetings.id,
          meetingDate: meetings.date,
          meetingStatus: meetings.status,
          agendaPublishedAt: meetings.agendaPublishedAt,
          bodyName: bodies.name,
        })
        .from(agendaItemTopics)
        .innerJoin(agendaItems, eq(agendaItems.id, agendaItemTopics.itemId))
        .leftJoin(parentItem, eq(parentItem.id, agendaItems.parentItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(eq(agendaItemTopics.topicId, topicId))
        .orderBy(asc(meetings.date), asc(meetings.startTime), asc(agendaItems.position))
      return rows.map((r) => ({ ...r, parentIsExempt: !!r.parentIsExempt }))
    },
    async findDecisionsOfItems(itemIds: string[], tx: Db = db): Promise<TimelineDecisionRow[]> {
      if (itemIds.length === 0) return []
      return tx
        .select({ id: decisions.id, itemId: decisions.itemId, text: decisions.text })
        .from(decisions)
        .where(inArray(decisions.itemId, itemIds))
        .orderBy(asc(decisions.position), asc(decisions.createdAt))
    },
    async findActionsOfItems(itemIds: string[], tx: Db = db): Promise<TimelineActionRow[]> {
      if (itemIds.length === 0) return []
      const rows = await tx
        .select({
          id: actions.id,
          itemId: actions.itemId,
          description: actions.description,
          status: actions.status,
          dueOn: actions.dueOn,
          isPublic: actions.isPublic,
        })
        .from(actions)
        .where(inArray(actions.itemId, itemIds))
        .orderBy(asc(actions.raisedOn), asc(actions.createdAt), asc(actions.seq))
      return rows.map((r) => ({ ...r, itemId: r.itemId! }))
    },
  }
}
export type TopicsRepository = ReturnType<typeof topicsRepository>
