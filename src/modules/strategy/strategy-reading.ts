import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { itemNumbers } from '../../shared/item-numbers.ts'
import type { BodyInPartnership, PartnershipRow } from '../structure/structure.service.ts'
import type { VersionRow } from './strategy.repository.ts'
import { isPublicVersion } from './strategy.read.ts'
import { assertCanManageStrategy } from './strategy.policy.ts'
import type { ApprovalSummary, PublicTheme, ThemeOption } from './strategy.types.ts'
import { compareVersions, type ComparableVersion, type VersionComparison } from './version-diff.ts'
import { detailOf, managedVersion, withDetails, type StrategyContext, type VersionDetail } from './strategy-context.ts'

/** Reading the strategy: the secretariat's overview and versions, the comparison, and what the public sees. */

export type VersionWithApproval = VersionRow & { approval: ApprovalSummary | null }
export type Comparison = {
  versions: VersionWithApproval[]
  from: VersionDetail | null
  to: VersionDetail | null
  comparison: VersionComparison | null
}

/** Who approved a version, where and when; the meeting and decision carry whether the public may see them. */
async function approvalOf(ctx: StrategyContext, v: VersionRow, bodies: BodyInPartnership[]): Promise<ApprovalSummary | null> {
  if (!v.approvedOn || !v.approvedByBodyId) return null
  const body = bodies.find((b) => b.id === v.approvedByBodyId)
  const meetingRow = v.approvedAtMeetingId ? await ctx.repo.findMeetingChoice(v.approvedAtMeetingId) : undefined
  const [decisionRow] = v.approvalDecisionId ? await ctx.repo.findDecisionChoices([v.approvalDecisionId]) : []
  let decision: ApprovalSummary['decision'] = null
  if (decisionRow) {
    const numbering = await ctx.repo.findNumbering([decisionRow.meetingId])
    decision = {
      id: decisionRow.id,
      text: decisionRow.text,
      itemTitle: decisionRow.itemTitle,
      itemNumber: itemNumbers(numbering.meetings, numbering.items).get(decisionRow.itemId) ?? '',
      public: await ctx.repo.isDecisionPublic(decisionRow.id),
    }
  }
  return {
    bodyName: body?.name ?? 'A body of the partnership',
    bodySlug: body?.slug ?? '',
    approvedOn: v.approvedOn,
    approvedOnPrecision: v.approvedOnPrecision,
    meeting: meetingRow ? { id: meetingRow.id, date: meetingRow.date, public: await ctx.repo.isMeetingPublic(meetingRow.id) } : null,
    decision,
  }
}

async function withApprovals(ctx: StrategyContext, partnershipId: string, rows: VersionRow[]): Promise<VersionWithApproval[]> {
  const bodies = await ctx.deps.structure.bodiesOfPartnership(partnershipId)
  return Promise.all(rows.map(async (r) => ({ ...r, approval: await approvalOf(ctx, r, bodies) })))
}

const comparable = (v: VersionDetail): ComparableVersion => ({
  number: v.number,
  title: v.title,
  periodFromYear: v.periodFromYear,
  periodToYear: v.periodToYear,
  purpose: v.purpose,
  vision: v.vision,
  principles: v.principles,
  aims: v.aims,
  themes: v.themes.map((t) => ({ themeId: t.themeId, title: t.title, description: t.description })),
})

/** Two of the given versions compared (by id); by default the latest against the one before it. */
async function compareAmong(ctx: StrategyContext, versions: VersionWithApproval[], fromId: string | undefined, toId: string | undefined): Promise<Comparison> {
  const to = versions.find((v) => v.id === toId) ?? versions[0]
  const from = versions.find((v) => v.id === fromId) ?? versions.find((v) => to && v.number < to.number)
  if (!from || !to) return { versions, from: null, to: null, comparison: null }
  const [a, b] = await withDetails(ctx, [from, to])
  return { versions, from: a!, to: b!, comparison: compareVersions(comparable(a!), comparable(b!)) }
}

// ---- the secretariat ----

export async function overview(ctx: StrategyContext, user: CurrentUser, partnershipId: string) {
  const partnership = await ctx.deps.structure.getPartnership(partnershipId)
  assertCanManageStrategy(user, partnership.id)
  const versions = await withApprovals(ctx, partnership.id, await ctx.repo.findVersionsOfPartnership(partnership.id))
  return {
    partnership,
    versions,
    draft: versions.find((v) => v.status === 'draft') ?? null,
    approved: versions.find((v) => v.status === 'approved') ?? null,
    latest: versions[0] ?? null,
  }
}

export async function getManagedVersion(ctx: StrategyContext, user: CurrentUser, id: string) {
  const row = await managedVersion(ctx, user, id)
  const [partnership, detail, all] = await Promise.all([
    ctx.deps.structure.getPartnership(row.partnershipId),
    detailOf(ctx, row),
    ctx.repo.findVersionsOfPartnership(row.partnershipId),
  ])
  const [withApproval] = await withApprovals(ctx, row.partnershipId, [row])
  const basedOn = all.find((v) => v.id === row.basedOnVersionId) ?? null
  const latest = all[0]!
  return {
    partnership,
    version: detail,
    approval: withApproval!.approval,
    basedOn: basedOn ? { id: basedOn.id, number: basedOn.number } : null,
    supersededBy: row.status === 'superseded' ? (all.filter((v) => v.number > row.number).at(-1) ?? null) : null,
    canStartNewVersion: latest.id === row.id && row.status !== 'superseded',
  }
}

export async function compareManaged(ctx: StrategyContext, user: CurrentUser, partnershipId: string, fromId?: string, toId?: string) {
  const partnership = await ctx.deps.structure.getPartnership(partnershipId)
  assertCanManageStrategy(user, partnership.id)
  const versions = await withApprovals(ctx, partnership.id, await ctx.repo.findVersionsOfPartnership(partnership.id))
  return { partnership, ...(await compareAmong(ctx, versions, fromId, toId)) }
}

// ---- the public ----

/** The partnership's current (approved) strategy, with its approval; null when it has none. */
export async function findPublishedStrategy(ctx: StrategyContext, partnershipId: string): Promise<{ version: VersionDetail; approval: ApprovalSummary | null } | null> {
  const row = await ctx.repo.findVersionWithStatus(partnershipId, 'approved')
  if (!row) return null
  const [[withApproval], detail] = await Promise.all([withApprovals(ctx, partnershipId, [row]), detailOf(ctx, row)])
  return { version: detail, approval: withApproval!.approval }
}

async function publicVersions(ctx: StrategyContext, partnership: PartnershipRow): Promise<VersionWithApproval[]> {
  const rows = (await ctx.repo.findVersionsOfPartnership(partnership.id)).filter(isPublicVersion)
  return withApprovals(ctx, partnership.id, rows)
}

/** Every approved version of the partnership's strategy, newest first (the current one first). */
export async function findPublishedHistory(ctx: StrategyContext, partnershipSlug: string) {
  const partnership = await ctx.deps.structure.getPartnershipBySlug(partnershipSlug)
  const versions = await publicVersions(ctx, partnership)
  const current = versions.find((v) => v.status === 'approved')
  return { partnership, versions, current: current ? await detailOf(ctx, current) : null }
}

/** One approved version (current or superseded); never a draft. */
export async function findPublishedVersion(ctx: StrategyContext, partnershipSlug: string, number: number) {
  const partnership = await ctx.deps.structure.getPartnershipBySlug(partnershipSlug)
  const row = await ctx.repo.findVersionByNumber(partnership.id, number)
  if (!row || !isPublicVersion(row)) throw notFound('Strategy version')
  const [[withApproval], detail, versions] = await Promise.all([withApprovals(ctx, partnership.id, [row]), detailOf(ctx, row), publicVersions(ctx, partnership)])
  return { partnership, version: detail, approval: withApproval!.approval, versions }
}

/** Two approved versions compared, by number; by default the current against the one it replaced. */
export async function comparePublished(ctx: StrategyContext, partnershipSlug: string, from?: number, to?: number) {
  const partnership = await ctx.deps.structure.getPartnershipBySlug(partnershipSlug)
  const versions = await publicVersions(ctx, partnership)
  const id = (n: number | undefined) => versions.find((v) => v.number === n)?.id
  return { partnership, ...(await compareAmong(ctx, versions, id(from), id(to))) }
}

/**
 * The partnership's public themes: those of an approved version, each with its latest approved wording. The
 * current strategy's themes come first, in its order; themes only earlier versions had follow.
 */
export async function publicThemes(ctx: StrategyContext, partnershipId: string, tx?: Db): Promise<PublicTheme[]> {
  const versions = (await ctx.repo.findVersionsOfPartnership(partnershipId, tx)).filter(isPublicVersion)
  const snapshots = await ctx.repo.findVersionThemes(versions.map((v) => v.id), tx)
  const out = new Map<string, PublicTheme>()
  // Versions newest first: the first snapshot met of each theme is its latest public wording.
  for (const v of versions) {
    for (const s of snapshots.filter((t) => t.versionId === v.id)) {
      if (out.has(s.themeId)) continue
      out.set(s.themeId, { id: s.themeId, slug: s.slug, title: s.title, description: s.description, position: s.position, inCurrentStrategy: v.status === 'approved' })
    }
  }
  return [...out.values()].sort((a, b) => Number(b.inCurrentStrategy) - Number(a.inCurrentStrategy) || a.position - b.position || a.title.localeCompare(b.title))
}

export async function findPublicTheme(ctx: StrategyContext, partnershipId: string, themeSlug: string): Promise<PublicTheme> {
  const theme = (await publicThemes(ctx, partnershipId)).find((t) => t.slug === themeSlug)
  if (!theme) throw notFound('Theme')
  return theme
}

/**
 * Every theme of the partnership with its latest wording in any version (drafts included), for the secretariat:
 * whether it is in the current strategy and in the draft. Themes of the draft or the current strategy first.
 */
export async function themesForStaff(ctx: StrategyContext, partnershipId: string) {
  const versions = await ctx.repo.findVersionsOfPartnership(partnershipId)
  const snapshots = await ctx.repo.findVersionThemes(versions.map((v) => v.id))
  const approved = versions.find((v) => v.status === 'approved')
  const draft = versions.find((v) => v.status === 'draft')
  const out = new Map<string, ThemeOption & { inCurrentStrategy: boolean; inDraft: boolean; position: number }>()
  for (const v of versions) {
    for (const s of snapshots.filter((t) => t.versionId === v.id)) {
      const seen = out.get(s.themeId)
      const inCurrentStrategy = (seen?.inCurrentStrategy ?? false) || v.id === approved?.id
      const inDraft = (seen?.inDraft ?? false) || v.id === draft?.id
      out.set(s.themeId, seen ? { ...seen, inCurrentStrategy, inDraft } : { id: s.themeId, slug: s.slug, title: s.title, position: s.position, inCurrentStrategy, inDraft })
    }
  }
  const rank = (t: { inCurrentStrategy: boolean; inDraft: boolean }) => (t.inCurrentStrategy ? 0 : t.inDraft ? 1 : 2)
  return [...out.values()].sort((a, b) => rank(a) - rank(b) || a.position - b.position || a.title.localeCompare(b.title))
}

/** A theme of the partnership, with its latest wording (drafts included), for the secretariat; NOT_FOUND otherwise. */
export async function getThemeForStaff(ctx: StrategyContext, user: CurrentUser, themeId: string) {
  const theme = await ctx.repo.findThemeById(themeId)
  if (!theme) throw notFound('Theme')
  assertCanManageStrategy(user, theme.partnershipId)
  const found = (await themesForStaff(ctx, theme.partnershipId)).find((t) => t.id === theme.id)
  const versions = await ctx.repo.findVersionsOfPartnership(theme.partnershipId)
  const [latest] = await ctx.repo.findSnapshotsOfTheme(theme.id, versions.map((v) => v.id))
  return { ...theme, title: found?.title ?? theme.slug, description: latest?.description ?? null, inCurrentStrategy: found?.inCurrentStrategy ?? false, inDraft: found?.inDraft ?? false }
}
