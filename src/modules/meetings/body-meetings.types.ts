import type { meetingRows } from '../../shared/record-text.ts'
import type { MeetingStatus } from './meetings.tables.ts'

/** A meeting as a body's pages list it (staff and public). */
export type BodyMeetingRow = { id: string; date: string; startTime: string; status: MeetingStatus }
/** Upcoming (on or after fromDate, soonest first), past (before beforeDate, latest first), or all (latest first). */
export type BodyMeetingRange = { fromDate?: string; beforeDate?: string }

export const BODY_MEETINGS_PER_PAGE = 20

/** A row of a body's meetings table (shared/record-text.ts meetingRows). */
export type BodyMeetingTableRow = ReturnType<typeof meetingRows>[number]
