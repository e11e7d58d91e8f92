import { formatPartialDate } from '../../shared/partial-dates.ts'
import { strategyPaths } from '../strategy/strategy.paths.ts'
import { approvalText, periodText, type ApprovalSummary } from '../strategy/strategy.types.ts'
import type { VersionDetail } from '../strategy/strategy.service.ts'
import { programmePaths } from '../programme/programme.paths.ts'
import { RAG_LABELS, WORKSTREAM_STATUS_LABELS, type PublicProgramme } from '../programme/programme.types.ts'

/**
 * The partnership page's strategy and programme: the current approved strategy (purpose, vision, principles,
 * themes) and the public workstreams under each theme with their status. Built only from the strategy's and the
 * programme's published views (never a draft, a private workstream or a RAG reason).
 */
export function strategySection(partnershipSlug: string, published: { version: VersionDetail; approval: ApprovalSummary | null } | null) {
  if (!published) return null
  const v = published.version
  return {
    title: v.title,
    period: periodText(v.periodFromYear, v.periodToYear),
    approval: published.approval ? approvalText(published.approval) : '',
    purpose: v.purpose,
    vision: v.vision,
    principles: v.principles,
    aims: v.aims,
    historyHref: strategyPaths.public.strategy(partnershipSlug),
  }
}

const STATUS_CLASSES: Record<string, string> = {
  not_started: 'govuk-tag--grey',
  on_track: 'govuk-tag--green',
  at_risk: 'govuk-tag--yellow',
  off_track: 'govuk-tag--red',
  completed: 'govuk-tag--blue',
  closed: 'govuk-tag--grey',
}

export function programmeSection(partnershipSlug: string, programme: PublicProgramme) {
  const themes = programme.themes
    .filter((t) => t.inCurrentStrategy || t.workstreams.length > 0)
    .map((t) => ({
      title: t.title,
      description: t.description,
      href: strategyPaths.public.theme(partnershipSlug, t.slug),
      current: t.inCurrentStrategy,
      workstreams: t.workstreams.map((w) => ({
        title: w.title,
        href: programmePaths.public.workstream(partnershipSlug, w.slug),
        status: { text: WORKSTREAM_STATUS_LABELS[w.status], classes: STATUS_CLASSES[w.status] },
        rag: w.rag ? `RAG: ${RAG_LABELS[w.rag]}` : '',
        next: w.nextMilestone ? `Next milestone: ${w.nextMilestone.title}${w.nextMilestone.dueOn ? `, due ${formatPartialDate(w.nextMilestone.dueOn, w.nextMilestone.dueOnPrecision)}` : ''}` : '',
      })),
    }))
  return { themes, hasWorkstreams: themes.some((t) => t.workstreams.length > 0) }
}
