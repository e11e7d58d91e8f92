import { withQuery } from '../structure/structure.paths.ts'

export type CalendarQuery = {
  view?: 'month' | 'list' | undefined
  month?: string | undefined
  from?: string | undefined
  to?: string | undefined
  partnership?: string | undefined
  body?: string | undefined
  page?: number | undefined
}

/** Typed URL builders for the public calendar and its iCalendar feeds. */
export const calendarPaths = {
  calendar: (query: CalendarQuery = {}) => withQuery('/calendar', query),
  /** Every meeting (a bounded window: see calendar.service). */
  feed: () => '/calendar.ics',
  partnershipFeed: (slug: string) => `/partnerships/${slug}/calendar.ics`,
  bodyFeed: (slug: string) => `/bodies/${slug}/calendar.ics`,
  /** One meeting, as a download. */
  meetingIcs: (id: string) => `/meetings/${id}/calendar.ics`,
}

/** An absolute address under the service's public URL (no doubled slash). */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`
}

/** The same address for calendar apps that open webcal: links (subscribe rather than download). */
export function webcalUrl(absolute: string): string {
  return absolute.replace(/^https?:/, 'webcal:')
}
