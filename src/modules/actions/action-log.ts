import type { Db } from '../../platform/db/client.ts'
import { withLatest, withOwners, type ActionsContext } from './actions-context.ts'
import type { ActionListRow, ActionRow, OwnerView, UpdateView } from './actions.repository.ts'

/** A body's log and a person's actions (for matters arising, owner links and reminders). */

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
