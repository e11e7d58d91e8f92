import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { findAgenda } from './agenda.ts'
import {
  actorOf,
  assertNotCancelled,
  calendarFor,
  lockedManagedMeeting,
  noticeStatusOn,
  partnershipBodyOfMeeting,
  type MeetingsDeps,
} from './meeting-loading.ts'
import type { PublishAgendaInput } from './meetings.schemas.ts'
import type { MeetingRow, MeetingWithBody, NoticeStatus, PublishCheck } from './meetings.types.ts'
import { findMeetingPapers } from './papers-service.ts'

/** Publishing the agenda: the notice it gives, what the publish page checks first, and publication itself. */

/** Notice deadline and whether publication (or a new item) would now be late. */
export async function noticeStatus(deps: MeetingsDeps, meeting: MeetingWithBody): Promise<NoticeStatus> {
  return noticeStatusOn(deps, meeting, await calendarFor(deps, meeting.body))
}

export async function checkPublication(deps: MeetingsDeps, meeting: MeetingWithBody): Promise<PublishCheck> {
  const [notice, agenda, papers] = await Promise.all([
    noticeStatus(deps, meeting),
    findAgenda(deps, meeting),
    findMeetingPapers(deps, meeting),
  ])
  const allPapers = [...papers, ...agenda.flatMap((i) => i.papers)]
  const exemptIds = new Set(agenda.filter((i) => i.isExempt).map((i) => i.id))
  const withheldItems = agenda.filter((i) => i.isExempt || (i.parentItemId !== null && exemptIds.has(i.parentItemId)))
  const withheldPapers = allPapers.filter((p) => p.isExempt)
  const warnings: string[] = []
  for (const item of agenda.filter((i) => i.isExempt)) {
    if (!item.exemptParagraph) warnings.push(`Item ${item.number} ${item.title} is exempt but names no Schedule 12A paragraph`)
    if (!item.publicInterestReasoning) warnings.push(`Item ${item.number} ${item.title} is exempt but has no public interest reasoning`)
  }
  for (const paper of withheldPapers) {
    if (!paper.exemptParagraph) warnings.push(`Paper "${paper.title}" is exempt but names no Schedule 12A paragraph`)
    if (!paper.publicInterestReasoning) warnings.push(`Paper "${paper.title}" is exempt but has no public interest reasoning`)
  }
  let blocker: string | null = null
  if (meeting.status === 'cancelled') blocker = 'This meeting has been cancelled, so its agenda cannot be published.'
  else if (meeting.status !== 'scheduled') blocker = 'The agenda for this meeting has already been published.'
  else if (agenda.length === 0) blocker = 'Add at least one agenda item before publishing the agenda.'
  return { notice, withheldItems, withheldPapers, warnings, blocker }
}

/**
 * Publish the agenda. Late publication (after the latest compliant date) is a warning for informal
 * bodies and CSPs, and blocked for statutory regimes unless an urgency reason is recorded. Freezes the
 * meeting's first item number and advances the body's counter for continuing schemes.
 */
export async function publishAgenda(deps: MeetingsDeps, user: CurrentUser, id: string, input: PublishAgendaInput): Promise<MeetingRow> {
  const cal = await calendarFor(deps, await partnershipBodyOfMeeting(deps, id))
  return deps.db.transaction(async (tx) => {
    const meeting = await lockedManagedMeeting(deps, user, id, tx)
    assertNotCancelled(meeting, 'published')
    if (meeting.status !== 'scheduled') throw invalidState('The agenda for this meeting has already been published.')
    if (meeting.version !== input.version) throw conflict()
    const items = await deps.repo.findItemsOfMeeting(meeting.id, tx)
    if (items.length === 0) throw invalidState('Add at least one agenda item before publishing the agenda.')
    const notice = noticeStatusOn(deps, meeting, cal)
    if (notice.late && notice.statutory && !input.urgencyReason) {
      throw validation({
        urgencyReason: 'Enter the reason the agenda is being published late: this body must give notice by law',
      })
    }
    const continuing = meeting.body.numberingScheme !== 'per_meeting'
    const first = meeting.firstItemNumber ?? meeting.body.nextItemNumber
    const mainItems = items.filter((i) => i.parentItemId === null).length
    const row = await deps.repo.updateMeeting(
      meeting.id,
      input.version,
      {
        status: 'agenda_published',
        agendaPublishedAt: deps.now(),
        lateReason: notice.late ? (input.urgencyReason ?? null) : null,
        ...(continuing ? { firstItemNumber: first } : {}),
      },
      tx,
    )
    if (!row) throw conflict()
    if (continuing) await deps.numbering.advanceNextItemNumber(meeting.body.id, first + mainItems, tx)
    await deps.events.publish(tx, { type: 'agenda_published', bodyId: meeting.bodyId, meetingId: meeting.id })
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'agenda.published',
      subjectType: 'meeting',
      subjectId: meeting.id,
      data: {
        late: notice.late,
        lateReason: row.lateReason,
        latestCompliant: notice.latestCompliant,
        firstItemNumber: continuing ? first : null,
        mainItems,
      },
    })
    return row
  })
}
