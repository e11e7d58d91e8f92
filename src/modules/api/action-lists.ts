import { ACTION_KEYS, type ApiRepository } from './api.repository.ts'
import { ActionsQuerySchema } from './api.schemas.ts'
import { iso, listing } from './paging.ts'

/** What the API prints of an action (a list row, or the row a progress update returns). */
export type ActionFields = {
  id: string
  bodyId: string
  meetingId: string | null
  itemId: string | null
  description: string
  status: string
  dueOn: string | null
  raisedOn: string
  completedOn: string | null
  version: number
  updatedAt: Date
}

function presentAction(r: ActionFields) {
  return {
    id: r.id,
    bodyId: r.bodyId,
    meetingId: r.meetingId,
    itemId: r.itemId,
    description: r.description,
    status: r.status,
    dueOn: r.dueOn,
    raisedOn: r.raisedOn,
    completedOn: r.completedOn,
    version: r.version,
    updatedAt: iso(r.updatedAt),
  }
}

/** Public actions (publishedActionSql, in the repository) with their owners' names. */
export function actionLists(repo: ApiRepository) {
  /** Actions with their owners' names (one query for the page): never contact details. */
  async function withOwners(rows: ActionFields[]) {
    const owners = await repo.findOwnersOfActions(rows.map((r) => r.id))
    return rows.map((r) => ({
      ...presentAction(r),
      owners: owners
        .filter((o) => o.actionId === r.id)
        .map((o) =>
          o.personId
            ? { type: 'person' as const, id: o.personId, name: o.personHonorific ? `${o.personHonorific} ${o.personName ?? ''}` : (o.personName ?? '') }
            : o.organisationId
              ? { type: 'organisation' as const, id: o.organisationId, name: o.organisationName ?? '' }
              : { type: 'group' as const, id: null, name: o.groupName ?? '' },
        ),
    }))
  }

  const list = listing({
    query: ActionsQuerySchema,
    keys: ACTION_KEYS,
    find: (q, page) => repo.findPublicActions({ bodyId: q.body, status: q.status }, page),
    key: (r) => [r.raisedOn, r.id],
    present: (r) => r,
  })

  return {
    withOwners,
    listActions: async (query: Record<string, string>) => {
      const result = await list(query)
      return { data: await withOwners(result.data), nextCursor: result.nextCursor }
    },
  }
}
