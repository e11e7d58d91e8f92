import type { CurrentUser } from '../../platform/http/types.ts'
import { managedWorkstream, type ProgrammeContext } from './programme-context.ts'
import { timelinePage } from './programme-links.ts'

/** The secretariat's pages of one workstream and one theme: everything about it, and everything linked to it. */

export async function workstreamPage(ctx: ProgrammeContext, user: CurrentUser, id: string, page: number) {
  const workstream = await managedWorkstream(ctx, user, id)
  const [partnership, themes, milestones, updates, timeline, meetings] = await Promise.all([
    ctx.deps.structure.getPartnership(workstream.partnershipId),
    ctx.deps.strategy.themesForStaff(workstream.partnershipId),
    ctx.repo.findMilestonesOf([id]),
    ctx.repo.findUpdatesOf(id, { publicOnly: false }),
    timelinePage(ctx, { kind: 'workstream', id }, false, page),
    ctx.repo.meetingsOfPartnership(workstream.partnershipId),
  ])
  const theme = themes.find((t) => t.id === workstream.themeId) ?? null
  return { partnership, workstream, theme, milestones, updates, timeline, meetings, today: ctx.today() }
}
export type WorkstreamPage = Awaited<ReturnType<typeof workstreamPage>>

export async function themePage(ctx: ProgrammeContext, user: CurrentUser, themeId: string, page: number) {
  const theme = await ctx.deps.strategy.getThemeForStaff(user, themeId)
  const [partnership, workstreams, timeline, meetings] = await Promise.all([
    ctx.deps.structure.getPartnership(theme.partnershipId),
    ctx.repo.findWorkstreamsOfTheme(theme.id),
    timelinePage(ctx, { kind: 'theme', id: theme.id }, false, page),
    ctx.repo.meetingsOfPartnership(theme.partnershipId),
  ])
  return { partnership, theme, workstreams, timeline, meetings }
}
export type ThemePage = Awaited<ReturnType<typeof themePage>>
