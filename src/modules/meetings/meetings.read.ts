/**
 * The declared read surface of this module (ADR 0002): the rows other modules may read and join, for read models
 * (search, API, open data, feeds, packs) and for reading what they link to. Reading only: a module writes only
 * its own tables (eslint local/no-foreign-writes); to change these records, call this module's service.
 */
export { meetings, agendaItems, decisions, documents, attendance, minutesCorrections } from './meetings.tables.ts'
export type { MeetingKind, MeetingStatus, ItemKind, ItemPurpose, AttendanceStatus } from './meetings.tables.ts'
export { MEETING_KINDS, MEETING_STATUSES, ITEM_PURPOSES, EXEMPT_PARAGRAPHS } from './meetings.tables.ts'
