import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { useCaseContext, type UseCaseContext } from '../../platform/use-case-context.ts'
import { londonToday } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { StrategyRepository, VersionRow, VersionTheme } from './strategy.repository.ts'
import { assertCanManageStrategy } from './strategy.policy.ts'

/** What the strategy's use cases need from other modules: only what they use. */
export type StrategyDeps = {
  structure: Pick<StructureService, 'getPartnership' | 'getPartnershipBySlug' | 'bodiesOfPartnership'>
  /**
   * Whether anything of the programme (a workstream, a link) refers to the theme, in the caller's transaction.
   * The programme sits above this module, so the composition root passes this in.
   */
  themeInUse: (themeId: string, tx: Db) => Promise<boolean>
  now?: () => Date
}

export type StrategyContext = UseCaseContext<StrategyRepository, StrategyDeps> & { today: () => string }

export function strategyContext(db: Db, repo: StrategyRepository, deps: StrategyDeps): StrategyContext {
  const ctx = useCaseContext(db, repo, deps)
  return { ...ctx, today: () => londonToday(ctx.now()) }
}

/** A version with its principles, aims and themes, in order. */
export type VersionDetail = VersionRow & { principles: string[]; aims: string[]; themes: VersionTheme[] }

export async function withDetails(ctx: StrategyContext, rows: VersionRow[], tx?: Db): Promise<VersionDetail[]> {
  const ids = rows.map((r) => r.id)
  const [principles, aims, themes] = await Promise.all([ctx.repo.findPrinciples(ids, tx), ctx.repo.findAims(ids, tx), ctx.repo.findVersionThemes(ids, tx)])
  return rows.map((r) => ({
    ...r,
    principles: principles.filter((p) => p.versionId === r.id).map((p) => p.text),
    aims: aims.filter((a) => a.versionId === r.id).map((a) => a.text),
    themes: themes.filter((t) => t.versionId === r.id),
  }))
}

export async function detailOf(ctx: StrategyContext, row: VersionRow, tx?: Db): Promise<VersionDetail> {
  return (await withDetails(ctx, [row], tx))[0]!
}

/** A version; NOT_FOUND when there is none. No policy: callers check. */
export async function getVersion(ctx: StrategyContext, id: string, tx?: Db): Promise<VersionRow> {
  const row = await ctx.repo.findVersionById(id, tx)
  if (!row) throw notFound('Strategy version')
  return row
}

/** A version the user may manage (its partnership's secretariat, or an admin). */
export async function managedVersion(ctx: StrategyContext, user: CurrentUser, id: string): Promise<VersionRow> {
  const row = await getVersion(ctx, id)
  assertCanManageStrategy(user, row.partnershipId)
  return row
}

/** Only a draft changes: an approved or superseded version is the record of what was agreed. */
export function assertDraft(v: Pick<VersionRow, 'status' | 'number'>): void {
  if (v.status !== 'draft') {
    throw invalidState(
      `Version ${v.number} has been ${v.status === 'approved' ? 'approved' : 'superseded'}, so it can no longer be changed. Start a new version to change the strategy.`,
    )
  }
}

/**
 * Inside a transaction: the draft locked, still a draft, and still at the version the form was opened at; then
 * its version is bumped (every change to a draft, its themes included, is one change of the draft).
 */
export async function lockDraft(ctx: StrategyContext, id: string, version: number, tx: Db): Promise<VersionRow> {
  const locked = await ctx.repo.lockVersion(id, tx)
  if (!locked) throw notFound('Strategy version')
  assertDraft(locked)
  const bumped = await ctx.repo.updateVersion(id, version, {}, tx)
  if (!bumped) throw conflict()
  return bumped
}

/** The audit record of a change to the strategy: the partnership is named in the data for its secretariat's log. */
export function auditStrategy(tx: Db, user: CurrentUser, event: string, v: Pick<VersionRow, 'id' | 'partnershipId' | 'number'>, data: Record<string, unknown> = {}) {
  return recordAudit(tx, { userId: user.id }, {
    event,
    subjectType: 'strategy_version',
    subjectId: v.id,
    data: { partnershipId: v.partnershipId, number: v.number, ...data },
  })
}
