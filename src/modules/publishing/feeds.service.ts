import { strongEtag } from '../../platform/http/etag.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { feedsRepository, type FeedEventRow } from './feeds.repository.ts'
import { feedPaths } from './feeds.paths.ts'
import { FEED_CONTENT_TYPES, FEED_ENTRY_LIMIT, feedEntries, feedXml, type EntryContext, type FeedFormat } from './feeds.presenter.ts'
import { alertJobs, subscriptionsService, type SubscriptionsOptions } from './subscriptions.service.ts'
import { subscriptionsRepository } from './subscriptions.repository.ts'

export type FeedDocument = { xml: string; etag: string; contentType: string }

/**
 * Atom/RSS feeds per body and per partnership, built from publication_events through public-rules.ts, and
 * (as `subscriptions`) the email alerts sent from the same events.
 */
export function feedsService(
  db: Db,
  deps: {
    structure: StructureService
    meetings: MeetingsService
    mailer: Mailer
    config: Config
    now?: () => Date
    subscriptions?: SubscriptionsOptions
  },
) {
  const { structure, config } = deps
  const repo = feedsRepository(db)
  const absolute = (p: string) => new URL(p, config.publicUrl).toString()
  const ctx: EntryContext = {
    meetingUrl: (id) => absolute(meetingPaths.public.meeting(id)),
    bodyUrl: (slug) => absolute(structurePaths.public.body(slug)),
    tagAuthority: new URL(config.publicUrl).hostname,
  }
  const feedTag = (what: string) => `tag:${ctx.tagAuthority},2026:joined-up/${what}`

  async function entriesOf(events: FeedEventRow[]) {
    const minutesMeetings = [...new Set(events.filter((e) => e.kind === 'minutes_published').map((e) => e.meetingId))]
    const decisions = await repo.findPublicDecisions(minutesMeetings)
    return feedEntries(events, decisions, ctx)
  }

  function document(format: FeedFormat, xml: string): FeedDocument {
    return { xml, contentType: FEED_CONTENT_TYPES[format], etag: strongEtag(xml) }
  }

  /** The feed of a body or a partnership: its newest FEED_ENTRY_LIMIT public events, linking to its public page. */
  async function scopeFeed(
    format: FeedFormat,
    scope: 'body' | 'partnership',
    record: { id: string; slug: string; name: string; createdAt: Date },
    text: { title: string; description: string },
  ): Promise<FeedDocument> {
    const filter = scope === 'body' ? { bodyId: record.id } : { partnershipId: record.id }
    const entries = await entriesOf(await repo.findPublicEvents(filter, FEED_ENTRY_LIMIT))
    const link = absolute(structurePaths.public[scope](record.slug))
    const xml = feedXml(
      format,
      {
        id: feedTag(`${scope}/${record.id}`),
        ...text,
        link,
        author: { name: record.name, link },
        atomUrl: absolute(feedPaths[`${scope}Atom`](record.slug)),
        rssUrl: absolute(feedPaths[`${scope}Rss`](record.slug)),
        fallbackUpdated: record.createdAt,
      },
      entries,
    )
    return document(format, xml)
  }

  const subscriptions = subscriptionsService(db, subscriptionsRepository(db), repo, {
    structure,
    mailer: deps.mailer,
    config,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.subscriptions ? { options: deps.subscriptions } : {}),
  })

  return {
    /** A body's feed, newest first, last FEED_ENTRY_LIMIT entries. Throws NOT_FOUND. */
    async bodyFeed(slug: string, format: FeedFormat): Promise<FeedDocument> {
      const body = await structure.getBodyBySlug(slug)
      return scopeFeed(format, 'body', body, {
        title: `${body.name}: ${body.partnership.name}`,
        description: `Agendas, minutes and decisions of ${body.name} as they are published.`,
      })
    },

    /** Every body of a partnership in one feed. Throws NOT_FOUND. */
    async partnershipFeed(slug: string, format: FeedFormat): Promise<FeedDocument> {
      const partnership = await structure.getPartnershipBySlug(slug)
      return scopeFeed(format, 'partnership', partnership, {
        title: partnership.name,
        description: `Agendas, minutes and decisions of every body of ${partnership.name} as they are published.`,
      })
    },

    subscriptions,
    /** The scheduled job that sends email alerts (registered in server.ts when mail is set up). */
    alertJobs: () => alertJobs(subscriptions),
  }
}
export type FeedsService = ReturnType<typeof feedsService>
