import { Feed } from 'feed'
import type { MailMessage } from '../../platform/mail/mailer.ts'
import { markdownToText, renderMarkdown } from '../../platform/views/markdown.ts'
import { formatDate, formatLongDate, formatTime } from '../../shared/dates.ts'
import { OGL } from '../../shared/licence.ts'
import type { FeedDecisionRow, FeedEventRow } from './feeds.repository.ts'

export const FEED_ENTRY_LIMIT = 50

export type FeedFormat = 'atom' | 'rss'

/** An Atom person construct (RFC 4287 3.2): here always a body or a partnership, named, with its public page. */
export type FeedAuthor = { name: string; link: string }

/** One Atom entry / RSS item: everything in it is public (built from FeedEventRow and FeedDecisionRow only). */
export type FeedEntry = {
  /** A tag: URI (RFC 4151) that never changes for the same event or decision. */
  id: string
  title: string
  /** Absolute link to the meeting page. */
  link: string
  date: Date
  /** Plain text. */
  summary: string
  /** Sanitised HTML (a decision's text). */
  contentHtml?: string
  /** The body that published it (a partnership's feed mixes several bodies). */
  author: FeedAuthor
}

// XML 1.0 cannot carry most control characters, even in CDATA.
// eslint-disable-next-line no-control-regex -- removing them is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

const clean = (s: string) => s.replace(XML_INVALID, '')

/** Text for a CDATA section whose content is HTML (Atom type="html", RSS description). */
export function escapeHtml(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Never let "]]>" end a CDATA section early (HTML reads "]]&gt;" as the same text). */
const cdataSafe = (html: string) => clean(html).replace(/]]>/g, ']]&gt;')

/** Markdown as plain text for emails and summaries (entities decoded: the text is escaped again where it lands). */
export function plainText(markdown: string): string {
  return markdownToText(markdown)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

const when = (date: string, time: string) => `${formatLongDate(date)} at ${formatTime(time)}`

/** The title and summary of an event, for feeds and alert emails. */
export function describeEvent(e: FeedEventRow): { title: string; summary: string } {
  const on = formatDate(e.meetingDate)
  switch (e.kind) {
    case 'agenda_published':
      return {
        title: `Agenda published: ${e.bodyName}, ${on}`,
        summary: `The agenda for the meeting of ${e.bodyName} on ${when(e.meetingDate, e.startTime)} has been published.`,
      }
    case 'minutes_published':
      return {
        title: `Draft minutes published: ${e.bodyName}, ${on}`,
        summary: `Draft minutes of the meeting of ${e.bodyName} on ${formatLongDate(e.meetingDate)} have been published. They are not yet approved.`,
      }
    case 'minutes_approved':
      return {
        title: `Minutes approved: ${e.bodyName}, ${on}`,
        summary: `The minutes of the meeting of ${e.bodyName} on ${formatLongDate(e.meetingDate)} have been approved.`,
      }
    case 'meeting_moved':
      return {
        title: `Meeting moved: ${e.bodyName}, ${on}`,
        summary: e.movedFromDate
          ? `The meeting of ${e.bodyName} has moved from ${when(e.movedFromDate, e.movedFromTime ?? e.startTime)} to ${when(e.meetingDate, e.startTime)}.`
          : `The meeting of ${e.bodyName} is now on ${when(e.meetingDate, e.startTime)}.`,
      }
    case 'meeting_cancelled':
      return {
        title: `Meeting cancelled: ${e.bodyName}, ${on}`,
        summary: `The meeting of ${e.bodyName} on ${when(e.meetingDate, e.startTime)} has been cancelled.`,
      }
  }
}

export type EntryContext = {
  /** Absolute URL of a meeting page. */
  meetingUrl: (meetingId: string) => string
  /** Absolute URL of a body page. */
  bodyUrl: (bodySlug: string) => string
  /** The authority of tag: ids (the service's host name). */
  tagAuthority: string
}

const eventTag = (ctx: EntryContext, eventId: number) => `tag:${ctx.tagAuthority},2026:joined-up/event/${eventId}`

/**
 * Feed entries, newest first: one per event, and after a "draft minutes published" event one per public
 * decision of that meeting. At most FEED_ENTRY_LIMIT.
 */
export function feedEntries(events: FeedEventRow[], decisions: FeedDecisionRow[], ctx: EntryContext): FeedEntry[] {
  const byMeeting = new Map<string, FeedDecisionRow[]>()
  for (const d of decisions) byMeeting.set(d.meetingId, [...(byMeeting.get(d.meetingId) ?? []), d])
  const entries: FeedEntry[] = []
  for (const e of events) {
    const { title, summary } = describeEvent(e)
    const link = ctx.meetingUrl(e.meetingId)
    const author: FeedAuthor = { name: e.bodyName, link: ctx.bodyUrl(e.bodySlug) }
    if (e.kind === 'minutes_published') {
      // Newest first: the decisions (in reverse agenda order) come before the event that published them.
      for (const d of [...(byMeeting.get(e.meetingId) ?? [])].reverse()) {
        entries.push({
          id: `${eventTag(ctx, e.id)}/decision/${d.id}`,
          title: `Decision: ${d.itemTitle} (${e.bodyName}, ${formatDate(e.meetingDate)})`,
          link,
          date: e.occurredAt,
          summary: plainText(d.text),
          contentHtml: renderMarkdown(d.text),
          author,
        })
      }
    }
    entries.push({ id: eventTag(ctx, e.id), title, link, date: e.occurredAt, summary, author })
  }
  return entries.slice(0, FEED_ENTRY_LIMIT)
}

export type FeedHeader = {
  /** tag: URI of the feed. */
  id: string
  title: string
  description: string
  /** Absolute URL of the body or partnership page. */
  link: string
  /** The body or partnership whose feed it is: RFC 4287 4.1.1 wants an author on the feed. */
  author: FeedAuthor
  atomUrl: string
  rssUrl: string
  /** When nothing has been published yet. */
  fallbackUpdated: Date
}

/**
 * The feed document (the `feed` package), with every text made safe for XML and HTML. Atom names the author
 * of the feed and of each entry (RFC 4287 4.1.1, 4.1.2); RSS 2.0 leaves them out, as its <author> must be an
 * email address and the bodies publish none.
 */
export function feedXml(format: FeedFormat, header: FeedHeader, entries: FeedEntry[]): string {
  const feed = new Feed({
    id: header.id,
    title: clean(header.title),
    description: clean(header.description),
    link: header.link,
    language: 'en-GB',
    updated: entries[0]?.date ?? header.fallbackUpdated,
    generator: 'Joined Up',
    feedLinks: { atom: header.atomUrl, rss: header.rssUrl },
    copyright: OGL.name,
    ...(format === 'atom' ? { author: { name: clean(header.author.name), link: header.author.link } } : {}),
  })
  for (const entry of entries) {
    feed.addItem({
      id: entry.id,
      title: escapeHtml(entry.title),
      link: entry.link,
      date: entry.date,
      description: `<p>${escapeHtml(entry.summary)}</p>`,
      ...(entry.contentHtml ? { content: cdataSafe(entry.contentHtml) } : {}),
      ...(format === 'atom' ? { author: [{ name: clean(entry.author.name), link: entry.author.link }] } : {}),
    })
  }
  return format === 'atom' ? feed.atom1() : feed.rss2()
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
}

// ---------------------------------------------------------------- emails

const SIGNATURE = '\n\n--\nJoined Up: the public record of your partnership'

export function confirmationEmail(m: { to: string; bodyName: string; confirmUrl: string; expiresOn: string }): MailMessage {
  return {
    to: m.to,
    subject: `Confirm your email alerts for ${m.bodyName}`,
    text: [
      `Someone (we hope you) asked for email alerts when ${m.bodyName} publishes an agenda, minutes or decisions, or moves or cancels a meeting.`,
      `To start the alerts, open this link and select "Confirm":\n${m.confirmUrl}`,
      `The link works until ${formatDate(m.expiresOn)}. If you did not ask for alerts, ignore this email: you will not get any.`,
    ].join('\n\n') + SIGNATURE,
  }
}

export function alreadySubscribedEmail(m: { to: string; bodyName: string; unsubscribeUrl: string }): MailMessage {
  return {
    to: m.to,
    subject: `You already get email alerts for ${m.bodyName}`,
    text: [
      `Someone asked for email alerts for ${m.bodyName} for this address. You already get them, so nothing has changed.`,
      `To stop them, open this link:\n${m.unsubscribeUrl}`,
    ].join('\n\n') + SIGNATURE,
    headers: unsubscribeHeaders(m.unsubscribeUrl),
  }
}

/** RFC 2369 and RFC 8058: a mail client may offer one-click unsubscribe by POSTing to the URL. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

/** One alert: only public content (the event, the meeting's public decisions) and links. */
export function alertEmail(m: {
  to: string
  event: FeedEventRow
  decisions: FeedDecisionRow[]
  meetingUrl: string
  unsubscribeUrl: string
}): MailMessage {
  const { title, summary } = describeEvent(m.event)
  const parts = [summary, `See the meeting:\n${m.meetingUrl}`]
  if (m.event.kind === 'minutes_published' && m.decisions.length > 0) {
    parts.push(['Decisions:', ...m.decisions.map((d) => `- ${d.itemTitle}: ${plainText(d.text)}`)].join('\n'))
  }
  parts.push(`You get this email because you asked for alerts for ${m.event.bodyName}. To stop them:\n${m.unsubscribeUrl}`)
  return { to: m.to, subject: title, text: parts.join('\n\n') + SIGNATURE, headers: unsubscribeHeaders(m.unsubscribeUrl) }
}
