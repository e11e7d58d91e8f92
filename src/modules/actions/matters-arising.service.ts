import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { MeetingStatus } from '../meetings/meetings.read.ts'
import {
  mattersArisingContext,
  type MattersArisingDeps,
  type MattersArisingView,
  type PrintedLine,
  type PublicMeetingExtras,
} from './matters-arising-context.ts'
import type { MaItem, MattersArisingRepository } from './matters-arising.repository.ts'
import type { MattersArisingInput } from './matters-arising.schemas.ts'
import { printMattersArising } from './matters-arising-print.ts'
import { assemble, generateLockReason, managedMeeting, publishedMattersArising } from './matters-arising-view.ts'
import { ensureMattersArisingItem } from './matters-arising-generate.ts'
import { recordMattersArising } from './matters-arising-record.ts'

export type { GeneratedItem, MaEntry, MattersArisingDeps, MattersArisingView, PrintedLine, PublicMeetingExtras } from './matters-arising-context.ts'
export { joinNames, mattersArisingTitle, ordinalDate, ownerNames, printMattersArising } from './matters-arising-print.ts'
export { MATTERS_ARISING_CONFLICT } from './matters-arising-record.ts'

/**
 * Matters arising: the generated agenda item, the secretariat's one pass over the body's log at a meeting,
 * and what the minutes print. The use cases live in matters-arising-{view,generate,record,print}.ts.
 */
export function mattersArisingService(db: Db, repo: MattersArisingRepository, deps: MattersArisingDeps) {
  const ctx = mattersArisingContext(db, repo, deps)
  return {
    /**
     * Give the meeting its "Minutes and matters arising" item, once. Idempotent: a second call (or a second
     * instance racing) finds the first item under the meeting's row lock and returns it.
     */
    async ensureMattersArising(user: CurrentUser, meetingId: string): Promise<{ item: MaItem; created: boolean }> {
      return ensureMattersArisingItem(ctx, user, await managedMeeting(ctx, user, meetingId))
    },

    /** The same for the body's next meeting after this one (the earliest later meeting not cancelled). */
    async ensureMattersArisingAfter(user: CurrentUser, meetingId: string): Promise<{ item: MaItem; created: boolean } | null> {
      const meeting = await managedMeeting(ctx, user, meetingId)
      const next = await repo.findNextMeeting(meeting.bodyId, meeting.date)
      if (!next) return null
      return ensureMattersArisingItem(ctx, user, await deps.meetings.getMeeting(next.id))
    },

    /** The secretariat's page: generates the item on first opening when the meeting can still take it. */
    async mattersArisingPage(user: CurrentUser, meetingId: string): Promise<MattersArisingView & { generated: boolean }> {
      let meeting = await managedMeeting(ctx, user, meetingId)
      let generated = false
      if (!generateLockReason(meeting) && !(await repo.findMattersArisingItem(meeting.id))) {
        generated = (await ensureMattersArisingItem(ctx, user, meeting)).created
        meeting = await deps.meetings.getMeeting(meeting.id)
      }
      return { ...(await assemble(ctx, meeting)), generated }
    },

    /** What the matters arising item prints, for staff: every action. */
    async printedForStaff(user: CurrentUser, meetingId: string): Promise<PrintedLine[]> {
      return printMattersArising((await assemble(ctx, await managedMeeting(ctx, user, meetingId))).entries)
    },

    /**
     * For the public meeting page: the printed matters arising under their item, when the minutes are
     * published and the item is not exempt. Only actions the public action sheet would show (public, and
     * raised under a published, non-exempt source), each with only the update reported at this meeting:
     * never an owner's later update that no meeting has yet seen.
     */
    async findPublishedMattersArising(meetingId: string, visibleItemIds: readonly string[]): Promise<{ itemId: string; lines: PrintedLine[] } | null> {
      return publishedMattersArising(ctx, await deps.meetings.getMeeting(meetingId), visibleItemIds)
    },

    /**
     * What the public meeting page adds to the minutes: the printed matters arising and links to the topics
     * of its items. Takes the published view, so only items already cleared for the public are considered.
     */
    async publicMeetingExtras(view: {
      id: string
      status: MeetingStatus
      date: string
      body: { id: string }
      minutesPublished: boolean
      items: readonly { id: string; kind: 'open' | 'exempt' }[]
    }): Promise<PublicMeetingExtras> {
      const openIds = view.items.filter((i) => i.kind === 'open').map((i) => i.id)
      const [mattersArising, topics] = await Promise.all([
        view.minutesPublished ? publishedMattersArising(ctx, { id: view.id, bodyId: view.body.id, date: view.date, status: view.status }, openIds) : null,
        deps.topicLinksOfPublicItems(openIds),
      ])
      return { mattersArising, topics }
    },

    /**
     * Record the meeting's pass over its matters arising in one transaction: each update (reported at this
     * meeting), each status change (cleared records this meeting), and links. Every action is version-checked.
     */
    recordMattersArising: (user: CurrentUser, meetingId: string, input: MattersArisingInput) => recordMattersArising(ctx, user, meetingId, input),
  }
}
export type MattersArisingService = ReturnType<typeof mattersArisingService>
