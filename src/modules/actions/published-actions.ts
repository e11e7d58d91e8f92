import { londonDate } from '../../shared/dates.ts'
import { withLatest, withOwners, type ActionsContext } from './actions-context.ts'
import type { ActionRow, OwnerView, UpdateView } from './actions.repository.ts'
import { followUpState, type FollowUp } from './follow-up.ts'

/**
 * What the public sees of actions: a body's action sheet, and the actions agreed at each item of a meeting. Only
 * actions `publishedActionSql` allows (marked public, source published, never on an exempt item); owners are
 * named, never contacted. Each unfinished action carries its honest follow-up state (follow-up.ts).
 */

export const PUBLIC_CLEARED_LIMIT = 50

export type PublishedAction = {
  id: string
  itemId: string | null
  description: string
  status: ActionRow['status']
  dueOn: string | null
  raisedOn: string
  completedOn: string | null
  clearedOn: string | null
  owners: Pick<OwnerView, 'personHonorific' | 'personFullName' | 'organisationName' | 'groupName'>[]
  followUp: FollowUp
}

type Detailed = ActionRow & { owners: OwnerView[]; latestUpdate: UpdateView | null }

/** The public fields of each action, with its follow-up state against its own body's meetings (`datesOf`). */
function strip(rows: Detailed[], today: string, datesOf: (bodyId: string) => readonly string[]): PublishedAction[] {
  return rows.map((a) => ({
    id: a.id,
    itemId: a.itemId,
    description: a.description,
    status: a.status,
    dueOn: a.dueOn,
    raisedOn: a.raisedOn,
    completedOn: a.completedOn,
    clearedOn: a.clearedAt ? londonDate(a.clearedAt) : null,
    owners: a.owners.map((o) => ({
      personHonorific: o.personHonorific,
      personFullName: o.personFullName,
      organisationName: o.organisationName,
      groupName: o.groupName,
    })),
    followUp: followUpState(
      { status: a.status, dueOn: a.dueOn, raisedOn: a.raisedOn, lastUpdateOn: a.latestUpdate ? londonDate(a.latestUpdate.createdAt) : null },
      today,
      datesOf(a.bodyId),
    ),
  }))
}

const withDetails = async (ctx: ActionsContext, rows: ActionRow[]) => withLatest(ctx, await withOwners(ctx, rows))

/** A body's public action sheet: current actions, and the latest cleared ones. */
export async function findPublishedActionsOfBody(ctx: ActionsContext, bodySlug: string) {
  const body = await ctx.deps.structure.getBodyBySlug(bodySlug)
  const today = ctx.today()
  const [current, cleared, meetingDates] = await Promise.all([
    ctx.repo.findPublishedOfBody(body.id, ['open', 'in_progress', 'completed']),
    ctx.repo.findPublishedOfBody(body.id, ['cleared'], { limit: PUBLIC_CLEARED_LIMIT, newestClearedFirst: true }),
    ctx.repo.findMeetingDatesOfBody(body.id, today),
  ])
  return {
    body: { name: body.name, slug: body.slug, partnershipName: body.partnership.name, partnershipSlug: body.partnership.slug },
    current: strip(await withDetails(ctx, current), today, () => meetingDates),
    cleared: strip(await withDetails(ctx, cleared), today, () => meetingDates),
    today,
  }
}
export type PublishedActionSheet = Awaited<ReturnType<typeof findPublishedActionsOfBody>>

/**
 * The public actions agreed at a meeting, for its public page: those raised under one of `visibleItemIds` (the
 * items the page shows open), and those raised at the meeting without an item (`itemId` null).
 */
export async function findPublishedActionsOfMeeting(
  ctx: ActionsContext,
  meeting: { id: string; bodyId: string },
  visibleItemIds: readonly string[],
): Promise<{ actions: PublishedAction[]; today: string }> {
  const today = ctx.today()
  const visible = new Set(visibleItemIds)
  const rows = (await ctx.repo.findPublishedOfMeeting(meeting.id)).filter((a) => a.itemId === null || visible.has(a.itemId))
  if (rows.length === 0) return { actions: [], today }
  // Usually all the meeting's body's; an action owned by another body is measured against that body's meetings.
  const bodyIds = [...new Set([meeting.bodyId, ...rows.map((a) => a.bodyId)])]
  const dates = new Map(await Promise.all(bodyIds.map(async (id) => [id, await ctx.repo.findMeetingDatesOfBody(id, today)] as const)))
  return { actions: strip(await withDetails(ctx, rows), today, (id) => dates.get(id) ?? []), today }
}
