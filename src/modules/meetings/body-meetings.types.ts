import type { MeetingStatus } from './meetings.tables.ts'

/** A meeting as a body's pages list it (staff and public). */
export type BodyMeetingRow = { id: string; date: string; startTime: string; status: MeetingStatus }
/** Upcoming (on or after fromDate, soonest first), past (before beforeDate, latest first), or all (latest first). */
export type BodyMeetingRange = { fromDate?: string; beforeDate?: string }

export const BODY_MEETINGS_PER_PAGE = 20

export const BODY_MEETING_STATUS: Record<MeetingStatus, { text: string; classes: string }> = {
  scheduled: { text: 'Scheduled', classes: 'govuk-tag--blue' },
  agenda_published: { text: 'Agenda published', classes: 'govuk-tag--turquoise' },
  held: { text: 'Held', classes: 'govuk-tag--grey' },
  minutes_draft: { text: 'Draft minutes', classes: 'govuk-tag--yellow' },
  minutes_approved: { text: 'Minutes approved', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
}

/** Table rows for a body's meetings; `href` is the staff or the public meeting page. */
export function bodyMeetingRows(rows: BodyMeetingRow[], href: (id: string) => string) {
  return rows.map((m) => ({
    href: href(m.id),
    date: m.date,
    time: m.startTime,
    status: BODY_MEETING_STATUS[m.status],
    cancelled: m.status === 'cancelled',
  }))
}
export type BodyMeetingTableRow = ReturnType<typeof bodyMeetingRows>[number]
