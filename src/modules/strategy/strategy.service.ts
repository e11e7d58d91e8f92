import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { StrategyRepository } from './strategy.repository.ts'
import type { ApprovalInput, DraftInput, EditDraftInput, ThemeInput } from './strategy.schemas.ts'
import { strategyContext, type StrategyDeps } from './strategy-context.ts'
import { addTheme, createFirstDraft, getDraftTheme, moveTheme, removeTheme, startNewVersion, updateDraft, updateTheme } from './strategy-drafts.ts'
import { approvalForm, recordApproval } from './strategy-approval.ts'
import {
  compareManaged,
  comparePublished,
  findPublicTheme,
  findPublishedHistory,
  findPublishedStrategy,
  findPublishedVersion,
  getManagedVersion,
  getThemeForStaff,
  overview,
  publicThemes,
  themesForStaff,
} from './strategy-reading.ts'

export type { StrategyDeps, VersionDetail } from './strategy-context.ts'
export type { VersionRow, VersionTheme, MeetingChoice } from './strategy.repository.ts'
export type { Comparison, VersionWithApproval } from './strategy-reading.ts'
export type { NumberedDecision } from './strategy-approval.ts'

/**
 * The strategy's use cases, assembled: strategy-drafts.ts (drafting, themes, new versions), strategy-approval.ts
 * (recording approval) and strategy-reading.ts (the secretariat's pages, comparisons and the public's). ADR 0008.
 */
export function strategyService(db: Db, repo: StrategyRepository, deps: StrategyDeps) {
  const ctx = strategyContext(db, repo, deps)
  return {
    // ---- the secretariat ----
    overview: (user: CurrentUser, partnershipId: string) => overview(ctx, user, partnershipId),
    getManagedVersion: (user: CurrentUser, id: string) => getManagedVersion(ctx, user, id),
    /** The version row (no details), for the form after a conflict; NOT_FOUND, no policy. */
    getVersion: (id: string) => repo.findVersionById(id),
    createFirstDraft: (user: CurrentUser, partnershipId: string, input: DraftInput) => createFirstDraft(ctx, user, partnershipId, input),
    updateDraft: (user: CurrentUser, id: string, input: EditDraftInput) => updateDraft(ctx, user, id, input),
    getDraftTheme: (user: CurrentUser, versionId: string, themeId: string) => getDraftTheme(ctx, user, versionId, themeId),
    addTheme: (user: CurrentUser, versionId: string, input: ThemeInput) => addTheme(ctx, user, versionId, input),
    updateTheme: (user: CurrentUser, versionId: string, themeId: string, input: ThemeInput) => updateTheme(ctx, user, versionId, themeId, input),
    moveTheme: (user: CurrentUser, versionId: string, themeId: string, direction: 'up' | 'down', version: number) =>
      moveTheme(ctx, user, versionId, themeId, direction, version),
    removeTheme: (user: CurrentUser, versionId: string, themeId: string, version: number) => removeTheme(ctx, user, versionId, themeId, version),
    startNewVersion: (user: CurrentUser, sourceId: string, version: number) => startNewVersion(ctx, user, sourceId, version),
    approvalForm: (user: CurrentUser, versionId: string, meeting: string | undefined) => approvalForm(ctx, user, versionId, meeting),
    recordApproval: (user: CurrentUser, versionId: string, input: ApprovalInput) => recordApproval(ctx, user, versionId, input),
    compareManaged: (user: CurrentUser, partnershipId: string, from?: string, to?: string) => compareManaged(ctx, user, partnershipId, from, to),
    /** The partnership's themes with their latest wording (drafts included) and where they are, for the programme's forms. */
    themesForStaff: (partnershipId: string) => themesForStaff(ctx, partnershipId),
    getThemeForStaff: (user: CurrentUser, themeId: string) => getThemeForStaff(ctx, user, themeId),

    // ---- the public: approved versions only ----
    findPublishedStrategy: (partnershipId: string) => findPublishedStrategy(ctx, partnershipId),
    findPublishedHistory: (partnershipSlug: string) => findPublishedHistory(ctx, partnershipSlug),
    findPublishedVersion: (partnershipSlug: string, number: number) => findPublishedVersion(ctx, partnershipSlug, number),
    comparePublished: (partnershipSlug: string, from?: number, to?: number) => comparePublished(ctx, partnershipSlug, from, to),
    publicThemes: (partnershipId: string) => publicThemes(ctx, partnershipId),
    findPublicTheme: (partnershipId: string, themeSlug: string) => findPublicTheme(ctx, partnershipId, themeSlug),
  }
}
export type StrategyService = ReturnType<typeof strategyService>
