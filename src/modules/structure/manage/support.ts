import type { Context } from 'hono'
import type { Paged } from '../../../platform/db/paging.ts'
import { requireUser } from '../../../platform/http/auth.ts'
import type { AppEnv, CurrentUser } from '../../../platform/http/types.ts'
import { idParam } from '../../../platform/http/params.ts'
import { render } from '../../../platform/views/render.ts'
import { structurePaths as paths } from '../structure.paths.ts'
import { pageHref, pagination } from '../structure.presenter.ts'
import { requireStaff } from '../structure.policy.ts'
import { PageQuery } from '../structure.schemas.ts'
import type { StructureActor, StructureEditor } from '../structure.service.ts'

export type C = Context<AppEnv>

export type ManageLink = { text: string; href: string }
/** A meeting row as the body's manage page prints it (see meetings/body-meetings.types.ts). */
export type ManageMeetingRow = { href: string; date: string; time: string; status: { text: string; classes: string } }

/**
 * What the management pages link to beyond the structure: the composition root (src/app.ts) builds it from the
 * higher modules' paths and use cases, so structure imports none of them.
 */
export type ManageNavigation = {
  /** Links on the /manage home for what the user may use beyond the structure (people's accounts, the audit log). */
  homeLinks: (user: CurrentUser) => ManageLink[]
  /** Links on a partnership's manage page, after its own (import, API tokens ...). */
  partnershipLinks: (partnership: { id: string; slug: string }) => ManageLink[]
  /** The action tracker, linked from the dashboard for everyone with a place in the management area. */
  trackerHref: string
  /** The members' home, where /manage sends a member with no place in the management area (after signing in). */
  memberHomeHref: string
  /** A body's meetings on its manage page: where to schedule one, and a page of them, latest first. */
  bodyMeetings: {
    scheduleHref: (bodyId: string) => string
    page: (bodyId: string, page: number) => Promise<Paged<ManageMeetingRow>>
  }
}

/** The signed-in user as the audit trail records them. */
export const actor = (c: C): StructureActor => ({ userId: requireUser(c).id })

/** The signed-in user with what they manage: for changes whose rules depend on it (which people they may choose). */
export const editor = (c: C): StructureEditor => {
  const { id, isAdmin, secretariatOf } = requireUser(c)
  return { userId: id, isAdmin, secretariatOf }
}

export const pageQuery = (c: C) => PageQuery.parse({ page: c.req.query('page'), q: c.req.query('q') })

export { renderForm } from '../../../platform/http/form-route.ts'

/** A paged staff list (organisations, people) under the Manage breadcrumb; `query` is kept in its page links. */
export function renderList(
  c: C,
  view: string,
  list: { pageTitle: string; result: Paged<unknown>; rows: unknown[]; href: string; query?: Record<string, string> },
  extra: Record<string, unknown> = {},
) {
  const { pageTitle, result, rows, href, query } = list
  return render(c, view, {
    pageTitle,
    ...extra,
    rows,
    total: result.total,
    pagination: pagination(result, pageHref(href, query)),
    paths,
    breadcrumbs: [{ text: 'Manage', href: paths.manage.home() }],
  })
}

/**
 * A shared record (an organisation, a person) in the URL, once the user may edit it: staff first, then the record's
 * editor rule over the partnerships it is tied to.
 */
export const editableShared =
  <R extends { id: string }>(
    get: (id: string) => Promise<R>,
    partnershipIdsOf: (id: string) => Promise<string[]>,
    requireEditor: (c: C, partnershipIds: string[]) => unknown,
  ) =>
  async (c: C): Promise<R> => {
    requireStaff(c)
    const row = await get(idParam(c.req.param('id')))
    requireEditor(c, await partnershipIdsOf(row.id))
    return row
  }

/** Only a path inside the management area is followed back after creating a person. */
export function safeReturn(v: unknown): string | undefined {
  return typeof v === 'string' && /^\/manage\/[A-Za-z0-9/_-]*$/.test(v) ? v : undefined
}
