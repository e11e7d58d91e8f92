import { recordAudit } from '../../platform/audit/audit.ts'
import { invalidState, notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { MeetingWithBody } from '../meetings/meetings.service.ts'
import type { MattersArisingContext } from './matters-arising-context.ts'
import type { MaItem } from './matters-arising.repository.ts'
import { mattersArisingTitle } from './matters-arising-print.ts'
import { generateLockReason } from './matters-arising-view.ts'

/**
 * Give the meeting its "Minutes and matters arising" item, once. Idempotent: a second call (or a second
 * instance racing) finds the first item under the meeting's row lock and returns it. The item itself is
 * written by the meetings module (deps.generatedItems), in this transaction.
 */
export async function ensureMattersArisingItem(
  ctx: MattersArisingContext,
  user: CurrentUser,
  meeting: MeetingWithBody,
): Promise<{ item: MaItem; created: boolean }> {
  const { repo, deps } = ctx
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockMeeting(meeting.id, tx)
    if (!locked) throw notFound('Meeting')
    const existing = await repo.findMattersArisingItem(meeting.id, tx)
    if (existing) return { item: existing, created: false }
    const reason = generateLockReason(locked)
    if (reason) throw invalidState(reason)
    const previous = await repo.findPreviousMeeting(meeting.bodyId, locked.date, tx)
    const mains = await repo.findMainItems(meeting.id, tx)
    const published = locked.agendaPublishedAt !== null
    // Before publication it goes first (after a welcome or apologies item); afterwards at the end, so
    // that a published agenda is not renumbered.
    let position: number
    if (published) {
      position = mains.length ? Math.max(...mains.map((m) => m.position)) + 1 : 0
    } else {
      const first = mains[0]
      position = first && /welcome|apologies/i.test(first.title) ? first.position + 1 : (first?.position ?? 0)
      await deps.generatedItems.makeRoomForMainItem(meeting.id, position, tx)
    }
    const item = await deps.generatedItems.insertGeneratedItem(
      {
        meetingId: meeting.id,
        position,
        kind: 'matters_arising',
        title: mattersArisingTitle(meeting.body, previous?.date ?? null),
        purpose: 'information',
        addedAfterPublication: published,
      },
      tx,
    )
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'matters_arising.generated',
      subjectType: 'agenda_item',
      subjectId: item.id,
      data: { meetingId: meeting.id, previousMeetingId: previous?.id ?? null, title: item.title, position },
    })
    return { item, created: true }
  })
}
