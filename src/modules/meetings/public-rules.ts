import { sql, type SQL } from 'drizzle-orm'
import { agendaItems, documents, meetings, type MeetingStatus } from './meetings.tables.ts'

/**
 * The one statement of what the public may see of a meeting, in TypeScript (for a single meeting) and in
 * SQL (for lists: search, API, feeds, calendars, open data, packs). Every public channel composes these;
 * none writes its own test of `is_exempt` or a status list.
 *
 * - The agenda is public once published, whatever happened since (a cancelled meeting keeps its agenda).
 * - Minutes, decisions and attendance are public once the draft minutes are published.
 * - An exempt item, and every sub-item of one, shows only its number, title and Schedule 12A paragraph.
 * - A paper is public when the agenda is, it is not exempt, and its item (and that item's parent) is not.
 */
export const AGENDA_PUBLIC_STATUSES: readonly MeetingStatus[] = [
  'agenda_published',
  'held',
  'minutes_draft',
  'minutes_approved',
  'cancelled',
]
export const MINUTES_PUBLIC_STATUSES: readonly MeetingStatus[] = ['minutes_draft', 'minutes_approved']

export function isAgendaPublished(meeting: { agendaPublishedAt: Date | null; status: MeetingStatus }): boolean {
  return meeting.agendaPublishedAt !== null && AGENDA_PUBLIC_STATUSES.includes(meeting.status)
}

export function areMinutesPublished(meeting: { agendaPublishedAt: Date | null; status: MeetingStatus }): boolean {
  return isAgendaPublished(meeting) && MINUTES_PUBLIC_STATUSES.includes(meeting.status)
}

const list = (values: readonly string[]): SQL => sql.raw(values.map((v) => `'${v}'`).join(', '))

/** SQL: the meeting row `m` (default: the `meetings` table) has a public agenda. */
export function agendaPublicSql(m: { agendaPublishedAt: unknown; status: unknown } = meetings): SQL {
  return sql`(${m.agendaPublishedAt} is not null and ${m.status} in (${list(AGENDA_PUBLIC_STATUSES)}))`
}

/** SQL: the meeting row has public (draft or approved) minutes. */
export function minutesPublicSql(m: { agendaPublishedAt: unknown; status: unknown } = meetings): SQL {
  return sql`(${m.agendaPublishedAt} is not null and ${m.status} in (${list(MINUTES_PUBLIC_STATUSES)}))`
}

/** SQL: the `agenda_items` row is open (neither it nor its parent is exempt). */
export function itemOpenSql(): SQL {
  return sql`(${agendaItems.isExempt} = false and not exists (
    select 1 from ${agendaItems} ju_parent where ju_parent.id = ${agendaItems.parentItemId} and ju_parent.is_exempt
  ))`
}

/** SQL: the `documents` row is a public paper (needs `meetings` joined on the paper's meeting). */
export function paperPublicSql(): SQL {
  return sql`(${agendaPublicSql()} and ${documents.isExempt} = false and (${documents.itemId} is null or exists (
    select 1 from ${agendaItems} ju_item
    left join ${agendaItems} ju_parent on ju_parent.id = ju_item.parent_item_id
    where ju_item.id = ${documents.itemId} and ju_item.is_exempt = false and coalesce(ju_parent.is_exempt, false) = false
  )))`
}
