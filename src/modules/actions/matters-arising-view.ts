import type { Db } from '../../platform/db/client.ts'
import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { formatLongDate, londonToday } from '../../shared/dates.ts'
import type { MeetingWithBody } from '../meetings/meetings.service.ts'
import type { MeetingStatus } from '../meetings/meetings.read.ts'
import type { MaEntry, MattersArisingContext, MattersArisingView, PrintedLine } from './matters-arising-context.ts'
import type { MaActionRow, MaMeeting } from './matters-arising.repository.ts'
import { ownerNames, printMattersArising } from './matters-arising-print.ts'

/** Reading a meeting's matters arising: for the secretariat's page, and as the public minutes print them. */

export async function managedMeeting(ctx: MattersArisingContext, user: CurrentUser, meetingId: string): Promise<MeetingWithBody> {
  const meeting = await ctx.deps.meetings.getMeeting(meetingId)
  assertCanManagePartnership(user, meeting.body.partnershipId)
  return meeting
}

/** Why matters arising cannot be generated for the meeting, or null. */
export function generateLockReason(meeting: MaMeeting): string | null {
  if (meeting.status === 'cancelled') return 'This meeting has been cancelled, so it has no matters arising.'
  if (meeting.status === 'minutes_approved') return 'The minutes of this meeting are approved, so its agenda cannot change.'
  return null
}

/** Why updates cannot be recorded at the meeting now, or null. */
export function recordLockReason(ctx: MattersArisingContext, meeting: MaMeeting): string | null {
  if (meeting.status === 'cancelled') return 'This meeting has been cancelled, so nothing can be recorded at it.'
  if (meeting.status === 'minutes_approved') {
    return 'The minutes of this meeting are approved: the matters arising below are the record of what was reported at it.'
  }
  if (meeting.date > londonToday(ctx.now())) {
    return `This meeting has not happened yet. Updates can be recorded at it from ${formatLongDate(meeting.date)}.`
  }
  return null
}

export async function assemble(ctx: MattersArisingContext, meeting: MeetingWithBody, tx?: Db): Promise<MattersArisingView> {
  const { repo } = ctx
  const live = meeting.status !== 'minutes_approved'
  const [item, previous, rows] = await Promise.all([
    repo.findMattersArisingItem(meeting.id, tx),
    repo.findPreviousMeeting(meeting.bodyId, meeting.date, tx),
    repo.findMattersArisingActions({ bodyId: meeting.bodyId, meetingId: meeting.id, beforeDate: meeting.date, live }, tx),
  ])
  const entries = await entriesOf(ctx, rows, meeting.id, tx)
  return { meeting, item: item ?? null, previous: previous ?? null, live, entries, lockReason: recordLockReason(ctx, meeting) }
}

/**
 * The printed matters arising of a meeting whose minutes are out, as the public sees them: only when its
 * matters arising item is among the items the public may read, and only actions whose source is published.
 * Takes the meeting as already loaded (the public page has it), and skips what the staff view needs.
 */
export async function publishedMattersArising(
  ctx: MattersArisingContext,
  meeting: { id: string; bodyId: string; date: string; status: MeetingStatus },
  visibleItemIds: readonly string[],
): Promise<{ itemId: string; lines: PrintedLine[] } | null> {
  const { repo } = ctx
  if (meeting.status !== 'minutes_draft' && meeting.status !== 'minutes_approved') return null
  const item = await repo.findMattersArisingItem(meeting.id)
  if (!item || !visibleItemIds.includes(item.id)) return null
  const rows = await repo.findMattersArisingActions({
    bodyId: meeting.bodyId,
    meetingId: meeting.id,
    beforeDate: meeting.date,
    live: meeting.status !== 'minutes_approved',
  })
  const published = rows.filter((r) => r.published)
  const shown = published.length > 0 ? await entriesOf(ctx, published, meeting.id) : []
  const shownIds = new Set(shown.map((e) => e.id))
  const lines = printMattersArising(shown.map((e) => ({ ...e, linkedIds: e.linkedIds.filter((id) => shownIds.has(id)) })))
  return { itemId: item.id, lines }
}

/** Owners, updates and links for all rows in three queries. */
async function entriesOf(ctx: MattersArisingContext, rows: MaActionRow[], meetingId: string, tx?: Db): Promise<MaEntry[]> {
  const { repo } = ctx
  const ids = rows.map((r) => r.id)
  const [owners, updates, links] = await Promise.all([repo.findOwners(ids, tx), repo.findUpdates(ids, tx), repo.findLinks(ids, tx)])
  const ownersOf = groupBy(owners, (o) => o.actionId)
  const updatesOf = groupBy(updates, (u) => u.actionId)
  // A link is stored once: index it from both sides.
  const linksOf = groupBy(
    links.flatMap((l) => [
      { from: l.actionId, to: l.linkedActionId },
      { from: l.linkedActionId, to: l.actionId },
    ]),
    (l) => l.from,
  )
  return rows.map((r) => {
    // Newest first (the repository's order).
    const mine = updatesOf.get(r.id) ?? []
    return {
      id: r.id,
      description: r.description,
      dueOn: r.dueOn,
      raisedOn: r.raisedOn,
      status: r.status,
      isPublic: r.isPublic,
      raisedUnderExemptItem: r.raisedUnderExemptItem,
      published: r.published,
      version: r.version,
      owners: ownerNames(ownersOf.get(r.id) ?? []),
      update: mine[0] ?? null,
      reportedUpdate: mine.find((u) => u.reportedAtMeetingId === meetingId) ?? null,
      linkedIds: (linksOf.get(r.id) ?? []).map((l) => l.to),
      final: r.status === 'cleared' || r.status === 'dropped',
    }
  })
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}
