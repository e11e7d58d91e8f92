import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { itemNumbers } from '../../shared/item-numbers.ts'
import { slugify } from '../../shared/slug.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { TopicCountRow, TopicRow, TopicsRepository, TimelineActionRow } from './topics.repository.ts'
import type { TopicChoiceInput } from './topics.schemas.ts'
import { topicPaths } from './topics.paths.ts'

export type { TopicCountRow, TopicRow }

/** One item in a topic's history, as the public may see it. */
export type TimelineEntry = {
  itemId: string
  itemNumber: string
  title: string
  description: string | null
  meetingId: string
  meetingDate: string
  bodyName: string
  minutesPublished: boolean
  decisions: string[]
  actions: TimelineActionRow[]
}

export type PublishedTopic = {
  topic: TopicRow
  partnership: { name: string; slug: string }
  entries: TimelineEntry[]
}

const AGENDA_VISIBLE = ['agenda_published', 'held', 'minutes_draft', 'minutes_approved']
const MINUTES_VISIBLE = ['minutes_draft', 'minutes_approved']

/** A link from a public item to one of its topics. */
export type TopicLink = { itemId: string; name: string; href: string }

export function topicsService(
  db: Db,
  repo: TopicsRepository,
  deps: { structure: Pick<StructureService, 'getPartnershipBySlug'>; meetings: Pick<MeetingsService, 'getManagedItem'> },
) {
  return {
    /** The tagging page: the item's topics and the partnership's others. Admin or the partnership's secretariat. */
    async itemTopicsForm(user: CurrentUser, itemId: string) {
      const { item, meeting } = await deps.meetings.getManagedItem(user, itemId)
      const [tagged, all] = await Promise.all([
        repo.findTopicsOfItems([item.id]),
        repo.findTopicsOfPartnership(meeting.body.partnershipId),
      ])
      const taggedIds = new Set(tagged.map((t) => t.topicId))
      return { item, meeting, tagged, options: all.filter((t) => !taggedIds.has(t.id)) }
    },

    /** Tag the item with an existing topic of its partnership, or one created by name (reused if the name exists). */
    async addTopicToItem(user: CurrentUser, itemId: string, input: TopicChoiceInput): Promise<TopicRow> {
      const { item, meeting } = await deps.meetings.getManagedItem(user, itemId)
      const partnershipId = meeting.body.partnershipId
      return db.transaction(async (tx) => {
        let topic: TopicRow | undefined
        let created = false
        if (input.topicId) {
          topic = await repo.findTopicById(input.topicId, tx)
          if (!topic || topic.partnershipId !== partnershipId) throw validation({ topicId: 'Select a topic from the list' })
        } else {
          const name = input.name!
          const slug = slugify(name)
          topic = await repo.findTopicBySlug(partnershipId, slug, tx)
          if (!topic) {
            topic = await repo.insertTopic({ partnershipId, name, slug }, tx)
            created = true
          }
        }
        const tagged = await repo.tagItem(item.id, topic.id, tx)
        if (created) {
          await recordAudit(tx, { userId: user.id }, {
            partnershipId,
            event: 'topic.created',
            subjectType: 'topic',
            subjectId: topic.id,
            data: { partnershipId, name: topic.name, slug: topic.slug },
          })
        }
        if (tagged) {
          await recordAudit(tx, { userId: user.id }, {
            partnershipId,
            event: 'agenda_item.topic_added',
            subjectType: 'agenda_item',
            subjectId: item.id,
            data: { topicId: topic.id, meetingId: meeting.id },
          })
        }
        return topic
      })
    },

    async removeTopicFromItem(user: CurrentUser, itemId: string, topicId: string): Promise<void> {
      const { item, meeting } = await deps.meetings.getManagedItem(user, itemId)
      await db.transaction(async (tx) => {
        if (await repo.untagItem(item.id, topicId, tx)) {
          await recordAudit(tx, { userId: user.id }, {
            partnershipId: meeting.body.partnershipId,
            event: 'agenda_item.topic_removed',
            subjectType: 'agenda_item',
            subjectId: item.id,
            data: { topicId, meetingId: meeting.id },
          })
        }
      })
    },

    /** Topics of the given (already public) items, for links from the public meeting page. */
    async findTopicsOfPublicItems(itemIds: readonly string[]) {
      return repo.findTopicsOfItems(itemIds)
    },

    /** The same as links to each topic's page (the public meeting page prints them under their item). */
    async topicLinksOfPublicItems(itemIds: readonly string[]): Promise<TopicLink[]> {
      const rows = await repo.findTopicsOfItems(itemIds)
      return rows.map((t) => ({ itemId: t.itemId, name: t.name, href: topicPaths.public.topic(t.partnershipSlug, t.slug) }))
    },

    /**
     * The public topic index: topics with at least one public item, with counts (the same rule as a topic's page,
     * so every entry leads to a page that exists). One partnership's when its slug is given.
     */
    async findPublishedTopicIndex(partnershipSlug?: string): Promise<{ partnership: { name: string; slug: string } | null; topics: TopicCountRow[] }> {
      const partnership = partnershipSlug ? await deps.structure.getPartnershipBySlug(partnershipSlug) : null
      const rows = await repo.findPublicTopicCounts(partnership?.id)
      return { partnership: partnership ? { name: partnership.name, slug: partnership.slug } : null, topics: rows }
    },

    /**
     * A topic's public history: items of published agendas that are not exempt (nor under an exempt item),
     * oldest meeting first; decisions and public actions once the minutes are published. Not found when
     * none of its items is public.
     */
    async findPublishedTopic(partnershipSlug: string, topicSlug: string): Promise<PublishedTopic> {
      const partnership = await deps.structure.getPartnershipBySlug(partnershipSlug)
      const topic = await repo.findTopicBySlug(partnership.id, topicSlug)
      if (!topic) throw notFound('Topic')
      const items = (await repo.findItemsOfTopic(topic.id)).filter(
        (i) =>
          !i.isExempt &&
          !i.parentIsExempt &&
          // The same rule as the public meeting page: nothing before the agenda is published.
          i.agendaPublishedAt !== null &&
          (AGENDA_VISIBLE.includes(i.meetingStatus) || i.meetingStatus === 'cancelled'),
      )
      // A topic with nothing public to show is not shown at all: its name alone may say too much.
      if (items.length === 0) throw notFound('Topic')
      const withMinutes = items.filter((i) => MINUTES_VISIBLE.includes(i.meetingStatus)).map((i) => i.itemId)
      const [numbering, decisions, actions] = await Promise.all([
        repo.findNumbering([...new Set(items.map((i) => i.meetingId))]),
        repo.findDecisionsOfItems(withMinutes),
        repo.findActionsOfItems(withMinutes),
      ])
      const numbers = itemNumbers(numbering.meetings, numbering.items)
      return {
        topic,
        partnership: { name: partnership.name, slug: partnership.slug },
        entries: items.map((i) => ({
          itemId: i.itemId,
          itemNumber: numbers.get(i.itemId) ?? '',
          title: i.title,
          description: i.description,
          meetingId: i.meetingId,
          meetingDate: i.meetingDate,
          bodyName: i.bodyName,
          minutesPublished: MINUTES_VISIBLE.includes(i.meetingStatus),
          decisions: decisions.filter((d) => d.itemId === i.itemId).map((d) => d.text),
          actions: actions.filter((a) => a.itemId === i.itemId && a.isPublic),
        })),
      }
    },
  }
}
export type TopicsService = ReturnType<typeof topicsService>
