import { assertCanViewPartnership, canManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { findAgenda } from './agenda.ts'
import { getMeeting, type MeetingsDeps } from './meeting-loading.ts'
import { findMeetingPapers } from './papers-service.ts'
import { noticeStatus } from './publication.ts'
import type { AgendaEntry, DocumentMeta, MeetingWithBody, NoticeStatus } from './meetings.types.ts'

/**
 * What a staff page shows of a meeting to someone who may see it without managing it: a read-only officer of the
 * partnership (issue 10). They see what is private (an agenda before publication, draft minutes) but never what is
 * exempt: an exempt item, and every sub-item of one, keeps only its number, title and paragraph, as on the public
 * page; exempt papers are left out wherever they are.
 */

/** An agenda entry as a page prints it; `withheld` says its content was left out for the viewer. */
export type ViewedAgendaEntry = AgendaEntry & { withheld: boolean }

/** The papers anyone who may see the meeting's private records may have: those not exempt. */
export const openPapersOnly = (papers: DocumentMeta[]): DocumentMeta[] => papers.filter((p) => !p.isExempt)

/** The agenda without exempt content: exempt items (and their sub-items) cut to number, title and paragraph. */
export function withoutExemptContent(agenda: AgendaEntry[]): ViewedAgendaEntry[] {
  const exemptIds = new Set(agenda.filter((i) => i.isExempt).map((i) => i.id))
  return agenda.map((item) => {
    const withheld = item.isExempt || (item.parentItemId !== null && exemptIds.has(item.parentItemId))
    if (!withheld) return { ...item, papers: openPapersOnly(item.papers), withheld: false }
    return {
      ...item,
      description: null,
      purpose: null,
      presenter: null,
      urgencyReason: null,
      publicInterestReasoning: null,
      exemptReviewOn: null,
      minutes: null,
      papers: [],
      decisions: [],
      withheld: true,
    }
  })
}

/** Every entry as it is, for those who manage the meeting. */
const asManaged = (agenda: AgendaEntry[]): ViewedAgendaEntry[] => agenda.map((item) => ({ ...item, withheld: false }))

/** The meeting, once the user may see its partnership's staff pages, and whether they may change it. */
export async function getViewableMeeting(deps: MeetingsDeps, user: CurrentUser, id: string): Promise<{ meeting: MeetingWithBody; canManage: boolean }> {
  const meeting = await getMeeting(deps, id)
  assertCanViewPartnership(user, meeting.body.partnershipId)
  return { meeting, canManage: canManagePartnership(user, meeting.body.partnershipId) }
}

/** The agenda as this user may see it: everything if they manage the meeting, else without exempt content. */
export function agendaFor(canManage: boolean, agenda: AgendaEntry[]): ViewedAgendaEntry[] {
  return canManage ? asManaged(agenda) : withoutExemptContent(agenda)
}

/** The staff meeting page's content for this user (see agendaFor). */
export async function viewMeeting(
  deps: MeetingsDeps,
  user: CurrentUser,
  id: string,
): Promise<{ meeting: MeetingWithBody; canManage: boolean; agenda: ViewedAgendaEntry[]; papers: DocumentMeta[]; notice: NoticeStatus }> {
  const { meeting, canManage } = await getViewableMeeting(deps, user, id)
  const [agenda, papers, notice] = await Promise.all([findAgenda(deps, meeting), findMeetingPapers(deps, meeting), noticeStatus(deps, meeting)])
  return { meeting, canManage, agenda: agendaFor(canManage, agenda), papers: canManage ? papers : openPapersOnly(papers), notice }
}
