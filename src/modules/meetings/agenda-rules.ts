import type { Regime } from '../structure/structure.read.ts'
import type { AgendaChange, AgendaItemRow, DocumentMeta, MeetingRow } from './meetings.types.ts'

/** Regimes where the notice rules are law (hard blocks); others get warnings (meeting-law.md section 0). */
export const STATUTORY_REGIMES: readonly Regime[] = ['statutory_committee', 'executive', 'hwb']
export const isStatutory = (regime: Regime): boolean => STATUTORY_REGIMES.includes(regime)

/** The agenda is public once it has been published (whatever happened to the meeting since). */
export const isAgendaPublic = (meeting: Pick<MeetingRow, 'agendaPublishedAt'>): boolean => meeting.agendaPublishedAt !== null

/**
 * Whether the public may have a paper: the agenda is published, the paper is not exempt, and it is not
 * on an exempt item or a sub-item of one (an item that cannot be found withholds it too). The one rule
 * for the paper download route and the papers the public meeting page lists.
 */
export function isPaperPublic(
  meeting: Pick<MeetingRow, 'agendaPublishedAt'>,
  paper: Pick<DocumentMeta, 'isExempt' | 'itemId'>,
  item: Pick<AgendaItemRow, 'isExempt'> | undefined,
  parent: Pick<AgendaItemRow, 'isExempt'> | undefined,
): boolean {
  return isAgendaPublic(meeting) && isPaperOpen(paper, item, parent)
}

/**
 * Whether a paper is free of exempt content: it is not exempt, and not on an exempt item or a sub-item of one (an
 * item that cannot be found withholds it too). Published, it is public; before that, a read-only officer may have it.
 */
export function isPaperOpen(
  paper: Pick<DocumentMeta, 'isExempt' | 'itemId'>,
  item: Pick<AgendaItemRow, 'isExempt'> | undefined,
  parent: Pick<AgendaItemRow, 'isExempt'> | undefined,
): boolean {
  if (paper.isExempt) return false
  if (paper.itemId === null) return true
  return !!item && !item.isExempt && !parent?.isExempt
}

export const CANCELLED_MESSAGE = 'This meeting has been cancelled, so it cannot be changed.'
export const MINUTES_APPROVED_MESSAGE =
  'The minutes of this meeting have been approved, so its details, agenda and papers can no longer be changed.'
export const DRAFT_MINUTES_MESSAGE =
  "Draft minutes of this meeting have been published, so agenda items can no longer be deleted or moved and papers can no longer be deleted. You can still change an item's wording."

/** Why this change cannot be made to the meeting now, or null. */
export function agendaLockReason(meeting: Pick<MeetingRow, 'status'>, change: AgendaChange): string | null {
  if (meeting.status === 'cancelled') return CANCELLED_MESSAGE
  if (meeting.status === 'minutes_approved') return MINUTES_APPROVED_MESSAGE
  if (change === 'restructure' && meeting.status === 'minutes_draft') return DRAFT_MINUTES_MESSAGE
  return null
}

export const ITEM_CHANGED_MESSAGE =
  'Someone else changed this agenda item since you opened it. Nothing has been changed: check the agenda and try again.'
export const PAPER_CHANGED_MESSAGE =
  'Someone else changed this paper since you opened it. Nothing has been deleted: check the papers and try again.'
