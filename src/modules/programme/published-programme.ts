import type { Paged } from '../../platform/db/paging.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { PublicTheme } from '../strategy/strategy.types.ts'
import type { MilestoneRow, UpdateView, WorkstreamView } from './programme.repository.ts'
import type { TimelineRow } from './programme-links.repository.ts'
import { timelinePage } from './programme-links.ts'
import type { ProgrammeContext } from './programme-context.ts'

/**
 * What the public sees of the programme (ADR 0008): workstreams marked public under a public theme (one of an
 * approved strategy), their milestones and the updates marked public; never a RAG reason, a private update or a
 * private workstream. Linked records pass each kind's public rule (programme-links.repository.ts).
 */

/** A workstream as the public sees it: no RAG reason. */
export type PublicWorkstreamSummary = Omit<WorkstreamView, 'ragReason'> & { nextMilestone: MilestoneRow | null }
export type PublicProgramme = { themes: (PublicTheme & { workstreams: PublicWorkstreamSummary[] })[] }
export type PublicUpdate = Omit<UpdateView, 'ragReason' | 'authorName' | 'authorUserId'>

const withoutReason = ({ ragReason: _ragReason, ...w }: WorkstreamView): Omit<WorkstreamView, 'ragReason'> => w
const withoutPrivate = ({ ragReason: _r, authorName: _a, authorUserId: _u, ...u }: UpdateView): PublicUpdate => u

/** The next milestone not yet done (earliest due first). */
function nextMilestone(milestones: MilestoneRow[]): MilestoneRow | null {
  return milestones.find((m) => m.status !== 'completed' && m.status !== 'dropped') ?? null
}

/** The partnership's public programme: its public themes (current strategy first), each with its public workstreams. */
export async function publicProgramme(ctx: ProgrammeContext, partnershipId: string): Promise<PublicProgramme> {
  const [themes, workstreams] = await Promise.all([ctx.deps.strategy.publicThemes(partnershipId), ctx.repo.findWorkstreamsOfPartnership(partnershipId)])
  const visible = workstreams.filter((w) => w.isPublic && themes.some((t) => t.id === w.themeId))
  const milestones = await ctx.repo.findMilestonesOf(visible.map((w) => w.id))
  return {
    themes: themes.map((t) => ({
      ...t,
      workstreams: visible
        .filter((w) => w.themeId === t.id)
        .map((w) => ({ ...withoutReason(w), nextMilestone: nextMilestone(milestones.filter((m) => m.workstreamId === w.id)) })),
    })),
  }
}

/** A public theme's page: the theme, its public workstreams, and the public records linked to it or to them. */
export async function findPublishedTheme(ctx: ProgrammeContext, partnershipSlug: string, themeSlug: string, page: number) {
  const partnership = await ctx.deps.structure.getPartnershipBySlug(partnershipSlug)
  const theme = await ctx.deps.strategy.findPublicTheme(partnership.id, themeSlug)
  const [workstreams, timeline] = await Promise.all([ctx.repo.findWorkstreamsOfTheme(theme.id), timelinePage(ctx, { kind: 'theme', id: theme.id }, true, page)])
  return { partnership, theme, workstreams: workstreams.filter((w) => w.isPublic).map(withoutReason), timeline }
}

/** A public workstream's page. Not found when the workstream is private or its theme is not public. */
export async function findPublishedWorkstream(ctx: ProgrammeContext, partnershipSlug: string, workstreamSlug: string, page: number) {
  const partnership = await ctx.deps.structure.getPartnershipBySlug(partnershipSlug)
  const workstream = await ctx.repo.findWorkstreamBySlug(partnership.id, workstreamSlug)
  if (!workstream || !workstream.isPublic) throw notFound('Workstream')
  const theme = (await ctx.deps.strategy.publicThemes(partnership.id)).find((t) => t.id === workstream.themeId)
  if (!theme) throw notFound('Workstream')
  const [milestones, updates, timeline] = await Promise.all([
    ctx.repo.findMilestonesOf([workstream.id]),
    ctx.repo.findUpdatesOf(workstream.id, { publicOnly: true }),
    timelinePage(ctx, { kind: 'workstream', id: workstream.id }, true, page),
  ])
  return { partnership, theme, workstream: withoutReason(workstream), milestones, updates: updates.map(withoutPrivate), timeline: timeline as Paged<TimelineRow> }
}
