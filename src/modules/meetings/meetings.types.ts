import type { NoticeDeadline } from '../../shared/clear-days.ts'
import type { BodyWithPartnership } from '../structure/structure.service.ts'
import type { AgendaItemRow, DecisionRow, DocumentMeta, MeetingRow } from './meetings.repository.ts'
import type { ItemKind, ItemPurpose } from './meetings.tables.ts'

export type { AgendaItemRow, DecisionRow, DocumentMeta, MeetingRow }

export type MeetingWithBody = MeetingRow & { body: BodyWithPartnership }

/** An agenda item as printed: its number, its sub-items' place, its papers and decisions. */
export type AgendaEntry = AgendaItemRow & {
  number: string
  isSubItem: boolean
  papers: DocumentMeta[]
  decisions: DecisionRow[]
}

export type NoticeStatus = NoticeDeadline & {
  clearDays: number
  today: string
  /** Today is after the latest compliant publication date. */
  late: boolean
  statutory: boolean
}

/** What the publish page shows before the agenda goes out. */
export type PublishCheck = {
  notice: NoticeStatus
  /** Exempt items and papers that the public will not see. */
  withheldItems: AgendaEntry[]
  withheldPapers: DocumentMeta[]
  /** Things to put right or be aware of (exempt content without a paragraph or reasoning). */
  warnings: string[]
  /** A reason publication cannot happen at all (empty agenda, wrong status). */
  blocker: string | null
}

/**
 * What may still change on a meeting's agenda:
 * - 'edit': the meeting's details, adding and rewording items, adding papers;
 * - 'restructure': deleting or moving items, deleting papers.
 * Nothing changes once the meeting is cancelled or its minutes are approved (the record is final); once
 * draft minutes are published, items keep their place and papers stay, so the minutes still match.
 */
export type AgendaChange = 'edit' | 'restructure'

/** An agenda item a higher module generates (e.g. "Minutes and matters arising"); written by generated-items.ts. */
export type GeneratedItemValues = {
  meetingId: string
  position: number
  kind: ItemKind
  title: string
  purpose: ItemPurpose | null
  addedAfterPublication: boolean
}
