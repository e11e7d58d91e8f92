import { calendarPaths } from '../publishing/calendar.paths.ts'
import { feedPaths } from '../publishing/feeds.paths.ts'
import { openDataPaths } from '../opendata/opendata.paths.ts'
import { packPaths } from '../packs/packs.paths.ts'
import type { PublishedMeeting } from '../meetings/minutes.service.ts'
import { withQuery } from '../structure/structure.paths.ts'
import { apiPaths } from '../api/api.paths.ts'

/**
 * The ways to follow or reuse a public page's record (calendar, feeds, email alerts, downloads, open data),
 * as link lists the public pages print under "Follow" and "Download" headings. One place, so every page
 * offers the same channels with the same words.
 */
export type ChannelLink = { text: string; href: string }

/** The calendar and news feeds of a body or a partnership. */
function feedLinks(scope: 'body' | 'partnership', slug: string): ChannelLink[] {
  return [
    { text: 'Subscribe to the calendar (iCalendar)', href: calendarPaths[`${scope}Feed`](slug) },
    { text: 'Atom feed', href: feedPaths[`${scope}Atom`](slug) },
    { text: 'RSS feed', href: feedPaths[`${scope}Rss`](slug) },
  ]
}

export function bodyChannels(body: { id: string; slug: string }): { follow: ChannelLink[]; reuse: ChannelLink[] } {
  return {
    follow: [{ text: 'Get email alerts', href: feedPaths.subscribe(body.slug) }, ...feedLinks('body', body.slug)],
    reuse: [
      { text: 'All meetings in the calendar', href: calendarPaths.calendar({ view: 'list', body: body.slug }) },
      { text: 'Meetings as open data (JSON)', href: withQuery(openDataPaths.events(), { body: body.slug }) },
      { text: 'Meetings through the API (JSON)', href: withQuery(apiPaths.meetings(), { body: body.id }) },
    ],
  }
}

export function partnershipChannels(partnership: { slug: string }): { follow: ChannelLink[]; reuse: ChannelLink[] } {
  return {
    follow: feedLinks('partnership', partnership.slug),
    reuse: [
      { text: 'All meetings in the calendar', href: calendarPaths.calendar({ view: 'list', partnership: partnership.slug }) },
      { text: 'Structure as open data (Popolo JSON)', href: withQuery(openDataPaths.popolo(), { partnership: partnership.slug }) },
      { text: 'Meetings as open data (JSON)', href: withQuery(openDataPaths.events(), { partnership: partnership.slug }) },
    ],
  }
}

type MeetingView = Pick<PublishedMeeting, 'id' | 'agendaPublished' | 'minutesPublished' | 'status'>

/**
 * The printed copies a public meeting page links to: the agenda pack once the agenda is public, the printed
 * minutes once the minutes are (the packs routes serve them on the same rule).
 */
export function printedDownloads(view: MeetingView, paths: typeof packPaths = packPaths): ChannelLink[] {
  const links: ChannelLink[] = []
  if (view.agendaPublished) links.push({ text: 'Agenda pack (PDF)', href: paths.pack(view.id) })
  if (view.minutesPublished) {
    const what = view.status === 'minutes_approved' ? 'Minutes' : 'Draft minutes'
    links.push({ text: `${what} (PDF)`, href: paths.minutesPdf(view.id) })
    links.push({ text: `${what} (Word)`, href: paths.minutesDocx(view.id) })
  }
  return links
}

export function meetingChannels(view: MeetingView): { downloads: ChannelLink[]; reuse: ChannelLink[] } {
  return {
    downloads: [...printedDownloads(view), { text: 'Add to your calendar (.ics)', href: calendarPaths.meetingIcs(view.id) }],
    reuse: [
      { text: 'This meeting as open data (JSON)', href: openDataPaths.meetingEvent(view.id) },
      { text: 'This meeting through the API (JSON)', href: apiPaths.meeting(view.id) },
    ],
  }
}
