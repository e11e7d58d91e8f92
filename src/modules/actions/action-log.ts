import type { Db } from '../../platform/db/client.ts'
import { londonDate } from '../../shared/dates.ts'
import { withLatest, withOwners, type ActionsContext } from './actions-context.ts'
import type { ActionListRow, ActionRow, OwnerView, UpdateView } from './actions.repository.ts'

/** A body's log and a person's actions (for matters arising, owner links and reminders), and the public sheet. */

export const PUBLIC_CLEARED_LIMIT = 50

export type ActionOnLog = ActionListRow & { owners: OwnerView[]; latestUpdate: UpdateView | null }

/** A body's log: open, in progress and completed actions with owners and latest update, oldest first. */
export async function findOpenActionsOfBody(
  ctx: ActionsContext,
  bodyId: string,
  tx?: Db,
): Promise<(ActionRow & { owners: OwnerView[]; latestUpdate: UpdateView | null })[]> {
  return withLatest(ctx, await withOwners(ctx, await ctx.repo.findOnLogOfBody(bodyId, tx), tx), tx)
}

/** Actions on the log where the person is an owner. */
export async function findActionsForOwnerPerson(ctx: ActionsContext, personId: string, tx?: Db): Promise<ActionOnLog[]> {
  return withLatest(ctx, await withOwners(ctx, await ctx.repo.findOnLogForPerson(personId, tx), tx), tx)
}

/**
 * A body's public action sheet. Only actions marked public, never one on an exempt item (the query
 * checks the item), current ones and the latest cleared ones. Owners are named, never contacted.
 */
export async function findPublishedActionsOfBody(ctx: ActionsContext, bodySlug: string) {
  const body = await ctx.deps.structure.getBodyBySlug(bodySlug)
  const [current, cleared] = await Promise.all([
    ctx.repo.findPublishedOfBody(body.id, ['open', 'in_progress', 'completed']),
    ctx.repo.findPublishedOfBody(body.id, ['cleared'], { limit: PUBLIC_CLEARED_LIMIT, newestClearedFirst: true }),
  ])
  const strip = (rows: (ActionRow & { owners: OwnerView[] })[]) =>
    rows.map((a) => ({
      id: a.id,
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
    }))
  return {
    body: { name: body.name, slug: body.slug, partnershipName: body.partnership.name, partnershipSlug: body.partnership.slug },
    current: strip(await withOwners(ctx, current)),
    cleared: strip(await withOwners(ctx, cleared)),
    today: ctx.today(),
  }
}
export type PublishedActionSheet = Awaited<ReturnType<typeof findPublishedActionsOfBody>>
export type PublishedAction = PublishedActionSheet['current'][number]
