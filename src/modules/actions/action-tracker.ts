import type { CurrentUser } from '../../platform/http/types.ts'
import { addDays } from '../../shared/dates.ts'
import { withLatest, withOwners, type ActionsContext } from './actions-context.ts'
import type { TrackerFilter } from './actions.repository.ts'
import { trackerScope } from './actions.policy.ts'
import type { TrackerQuery } from './actions.schemas.ts'

/** The tracker: every action the user may see, filtered, sorted and paged, and its CSV export. */

export const TRACKER_PAGE_SIZE = 25
export const CSV_MAX_ROWS = 20_000

function trackerFilter(ctx: ActionsContext, user: CurrentUser, q: TrackerQuery): TrackerFilter {
  const t = ctx.today()
  return {
    ...trackerScope(user),
    partnershipId: q.partnershipId,
    bodyId: q.bodyId,
    personId: q.personId,
    organisationId: q.organisationId,
    statuses: q.status,
    overdueOn: q.overdue ? t : undefined,
    dueBetween: q.dueWithin !== undefined ? { from: t, to: addDays(t, q.dueWithin) } : undefined,
    q: q.q,
  }
}

export async function findTracker(ctx: ActionsContext, user: CurrentUser, q: TrackerQuery) {
  const filter = trackerFilter(ctx, user, q)
  const page = await ctx.repo.findTrackerPage(filter, { sort: q.sort, dir: q.dir }, { limit: TRACKER_PAGE_SIZE, offset: (q.page - 1) * TRACKER_PAGE_SIZE })
  return {
    rows: await withOwners(ctx, page.rows),
    total: page.total,
    page: q.page,
    pageCount: Math.max(1, Math.ceil(page.total / TRACKER_PAGE_SIZE)),
    today: ctx.today(),
  }
}

/** Choices for the tracker's filters, limited to what the user may see. */
export async function trackerOptions(ctx: ActionsContext, user: CurrentUser) {
  const { structure } = ctx.deps
  const scope = trackerScope(user).partnershipIds
  const partnerships = scope === null ? await structure.listPartnerships() : scope.length ? await structure.listPartnerships(scope) : []
  const bodyLists = await Promise.all(partnerships.map((p) => structure.bodiesOfPartnership(p.id)))
  const [people, organisations] = await Promise.all([structure.personOptions(scope), structure.organisationOptions()])
  return {
    partnerships: partnerships.map((p) => ({ id: p.id, name: p.name })),
    bodies: bodyLists.flat().map((b) => ({ id: b.id, name: b.name })),
    people,
    organisations,
  }
}

/**
 * Every matching action (no paging) with owners and latest update, for the CSV export. More than
 * CSV_MAX_ROWS is `tooMany` (the route asks to narrow the filters): a silently cut file would look complete.
 */
export async function findTrackerExport(ctx: ActionsContext, user: CurrentUser, q: TrackerQuery) {
  const filter = trackerFilter(ctx, user, q)
  const page = await ctx.repo.findTrackerPage(filter, { sort: q.sort, dir: q.dir }, { limit: CSV_MAX_ROWS, offset: 0 })
  if (page.total > CSV_MAX_ROWS) return { tooMany: true as const, total: page.total, limit: CSV_MAX_ROWS }
  return { tooMany: false as const, rows: await withLatest(ctx, await withOwners(ctx, page.rows)), today: ctx.today() }
}
