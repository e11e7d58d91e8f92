import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { ProgrammeRepository } from './programme.repository.ts'
import type { LinkOwner } from './programme-links.repository.ts'
import type { AddLinksInput, EditMilestoneInput, EditWorkstreamInput, MilestoneInput, ProgressUpdateInput, WorkstreamInput } from './programme.schemas.ts'
import { programmeContext, type ProgrammeDeps } from './programme-context.ts'
import { addProgressUpdate, createWorkstream, editWorkstreamForm, newWorkstreamForm, programmeOverview, updateWorkstream } from './workstreams.ts'
import { addMilestone, getManagedMilestone, updateMilestone } from './milestones.ts'
import { addLinks, linkPicker, removeLink } from './programme-links.ts'
import { themePage, workstreamPage } from './programme-pages.ts'
import { findPublishedTheme, findPublishedWorkstream, publicProgramme } from './published-programme.ts'

export type { ProgrammeDeps } from './programme-context.ts'
export type { WorkstreamView, MilestoneRow, UpdateView, WorkstreamRow } from './programme.repository.ts'
export type { LinkOwner, TimelineRow } from './programme-links.repository.ts'
export type { WorkstreamChoices } from './workstreams.ts'
export type { ManagedOwner, NumberedRecords } from './programme-links.ts'
export type { WorkstreamPage, ThemePage } from './programme-pages.ts'
export type { PublicProgramme, PublicWorkstreamSummary, PublicUpdate } from './published-programme.ts'
export { TIMELINE_PAGE_SIZE } from './programme-links.ts'

/**
 * The programme's use cases, assembled: workstreams.ts (recording, changing, progress updates), milestones.ts,
 * programme-links.ts (links and timelines), programme-pages.ts (the secretariat's pages) and
 * published-programme.ts (what the public sees). ADR 0008.
 */
export function programmeService(db: Db, repo: ProgrammeRepository, deps: ProgrammeDeps) {
  const ctx = programmeContext(db, repo, deps)
  return {
    // ---- the secretariat ----
    programmeOverview: (user: CurrentUser, partnershipId: string) => programmeOverview(ctx, user, partnershipId),
    newWorkstreamForm: (user: CurrentUser, partnershipId: string) => newWorkstreamForm(ctx, user, partnershipId),
    createWorkstream: (user: CurrentUser, partnershipId: string, input: WorkstreamInput) => createWorkstream(ctx, user, partnershipId, input),
    editWorkstreamForm: (user: CurrentUser, id: string) => editWorkstreamForm(ctx, user, id),
    updateWorkstream: (user: CurrentUser, id: string, input: EditWorkstreamInput) => updateWorkstream(ctx, user, id, input),
    /** The workstream row (no policy), for a form after a conflict. */
    findWorkstream: (id: string) => repo.findWorkstreamById(id),
    workstreamPage: (user: CurrentUser, id: string, page = 1) => workstreamPage(ctx, user, id, page),
    addProgressUpdate: (user: CurrentUser, id: string, input: ProgressUpdateInput) => addProgressUpdate(ctx, user, id, input),
    addMilestone: (user: CurrentUser, workstreamId: string, input: MilestoneInput) => addMilestone(ctx, user, workstreamId, input),
    getManagedMilestone: (user: CurrentUser, id: string) => getManagedMilestone(ctx, user, id),
    /** The milestone row (no policy), for a form after a conflict. */
    findMilestone: (id: string) => repo.findMilestoneById(id),
    updateMilestone: (user: CurrentUser, id: string, input: EditMilestoneInput) => updateMilestone(ctx, user, id, input),
    themePage: (user: CurrentUser, themeId: string, page = 1) => themePage(ctx, user, themeId, page),
    linkPicker: (user: CurrentUser, owner: LinkOwner, meetingId?: string) => linkPicker(ctx, user, owner, meetingId),
    addLinks: (user: CurrentUser, owner: LinkOwner, input: AddLinksInput) => addLinks(ctx, user, owner, input),
    removeLink: (user: CurrentUser, owner: LinkOwner, linkId: string) => removeLink(ctx, user, owner, linkId),
    /** For the strategy (passed in by the composition root): is anything of the programme under this theme? */
    isThemeInUse: (themeId: string, tx: Db) => repo.isThemeInUse(themeId, tx),

    // ---- the public ----
    publicProgramme: (partnershipId: string) => publicProgramme(ctx, partnershipId),
    findPublishedTheme: (partnershipSlug: string, themeSlug: string, page = 1) => findPublishedTheme(ctx, partnershipSlug, themeSlug, page),
    findPublishedWorkstream: (partnershipSlug: string, workstreamSlug: string, page = 1) => findPublishedWorkstream(ctx, partnershipSlug, workstreamSlug, page),
  }
}
export type ProgrammeService = ReturnType<typeof programmeService>
