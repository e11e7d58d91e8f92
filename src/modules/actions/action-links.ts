import { recordAudit } from '../../platform/audit/audit.ts'
import { notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { ActionsContext } from './actions-context.ts'
import { assertCanManageAction } from './actions.policy.ts'
import { getAction } from './action-records.ts'

/** Links: "both above linked as one action". */

export async function linkActions(ctx: ActionsContext, user: CurrentUser, id: string, otherId: string): Promise<void> {
  const [a, b] = await Promise.all([getAction(ctx, id), ctx.repo.findActionById(otherId)])
  assertCanManageAction(user, a)
  if (!b || b.bodyId !== a.bodyId || b.id === a.id) throw validation({ linkedActionId: 'Select another action of the same body' })
  await ctx.db.transaction(async (tx) => {
    if (!(await ctx.repo.insertLink(a.id, b.id, tx))) throw validation({ linkedActionId: 'These actions are already linked' })
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: a.partnershipId,
      event: 'action.linked',
      subjectType: 'action',
      subjectId: a.id,
      data: { linkedActionId: b.id },
    })
  })
}

export async function unlinkActions(ctx: ActionsContext, user: CurrentUser, id: string, otherId: string): Promise<void> {
  const a = await getAction(ctx, id)
  assertCanManageAction(user, a)
  await ctx.db.transaction(async (tx) => {
    if (!(await ctx.repo.deleteLink(a.id, otherId, tx))) throw notFound('Link')
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: a.partnershipId,
      event: 'action.unlinked',
      subjectType: 'action',
      subjectId: a.id,
      data: { linkedActionId: otherId },
    })
  })
}
