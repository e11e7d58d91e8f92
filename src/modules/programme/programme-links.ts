import { paged, pageOf, type Paged } from '../../platform/db/paging.ts'
import { notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { itemNumbers } from '../../shared/item-numbers.ts'
import type { LinkOwner, LinkTarget, MeetingRecords, TimelineRow } from './programme-links.repository.ts'
import type { AddLinksInput } from './programme.schemas.ts'
import { auditProgramme, managedWorkstream, type ProgrammeContext } from './programme-context.ts'

/** Links from a theme or a workstream to actions, decisions, agenda items and papers of its partnership (ADR 0008). */

export const TIMELINE_PAGE_SIZE = 20

export type ManagedOwner = LinkOwner & { partnershipId: string; title: string }
export type NumberedRecords = MeetingRecords & { itemNumbers: Record<string, string> }

/** The theme or workstream, once the user may manage its partnership. */
export async function managedOwner(ctx: ProgrammeContext, user: CurrentUser, owner: LinkOwner): Promise<ManagedOwner> {
  if (owner.kind === 'workstream') {
    const w = await managedWorkstream(ctx, user, owner.id)
    return { ...owner, partnershipId: w.partnershipId, title: w.title }
  }
  const theme = await ctx.deps.strategy.getThemeForStaff(user, owner.id)
  return { ...owner, partnershipId: theme.partnershipId, title: theme.title }
}

/** One page of what is linked, newest first; the public rule applied when `publicOnly`. */
export async function timelinePage(ctx: ProgrammeContext, owner: LinkOwner, publicOnly: boolean, page: number): Promise<Paged<TimelineRow>> {
  const current = Math.max(1, page)
  return paged(await ctx.deps.links.timeline(owner, publicOnly, pageOf(current, TIMELINE_PAGE_SIZE)), current, TIMELINE_PAGE_SIZE)
}

/** The picker: the partnership's meetings, and for the chosen one what was recorded at it and what is linked already. */
export async function linkPicker(ctx: ProgrammeContext, user: CurrentUser, owner: LinkOwner, meetingId: string | undefined) {
  const managed = await managedOwner(ctx, user, owner)
  const meetings = await ctx.repo.meetingsOfPartnership(managed.partnershipId)
  let records: NumberedRecords | null = null
  if (meetingId) {
    const found = meetings.some((m) => m.id === meetingId) ? await ctx.deps.links.recordsOfMeeting(meetingId) : undefined
    if (!found) throw notFound('Meeting')
    const numbering = await ctx.deps.links.findNumbering([meetingId])
    records = { ...found, itemNumbers: Object.fromEntries(itemNumbers(numbering.meetings, numbering.items)) }
  }
  return { owner: managed, meetings, records, linked: await ctx.deps.links.linkedTargetIds(owner) }
}

const targetsOf = (input: AddLinksInput): LinkTarget[] => [
  ...input.itemIds.map((id) => ({ kind: 'item' as const, id })),
  ...input.decisionIds.map((id) => ({ kind: 'decision' as const, id })),
  ...input.paperIds.map((id) => ({ kind: 'paper' as const, id })),
  ...input.actionIds.map((id) => ({ kind: 'action' as const, id })),
]

const COLUMN = { item: 'agendaItemId', decision: 'decisionId', paper: 'documentId', action: 'actionId' } as const

/** Link the chosen records; each must be of the owner's partnership. Returns how many links were new. */
export async function addLinks(ctx: ProgrammeContext, user: CurrentUser, owner: LinkOwner, input: AddLinksInput): Promise<number> {
  const managed = await managedOwner(ctx, user, owner)
  const targets = targetsOf(input)
  const ours = await ctx.deps.links.targetsOfPartnership(managed.partnershipId, targets)
  if (targets.some((t) => !ours.has(t.id))) throw validation({ records: 'Select records of this partnership’s meetings' })
  return ctx.db.transaction(async (tx) => {
    const made = await ctx.deps.links.insertLinks(
      targets.map((t) => ({
        partnershipId: managed.partnershipId,
        themeId: owner.kind === 'theme' ? owner.id : null,
        workstreamId: owner.kind === 'workstream' ? owner.id : null,
        [COLUMN[t.kind]]: t.id,
        linkedByUserId: user.id,
      })),
      tx,
    )
    await auditProgramme(tx, user, `${owner.kind}.linked`, { type: owner.kind, id: owner.id, partnershipId: managed.partnershipId }, {
      meetingId: input.meetingId,
      targets: targets.map((t) => `${t.kind}:${t.id}`),
      made,
    })
    return made
  })
}

export async function removeLink(ctx: ProgrammeContext, user: CurrentUser, owner: LinkOwner, linkId: string): Promise<void> {
  const managed = await managedOwner(ctx, user, owner)
  const link = await ctx.deps.links.findLink(linkId)
  const mine = link && (owner.kind === 'theme' ? link.themeId === owner.id : link.workstreamId === owner.id)
  if (!link || !mine) throw notFound('Link')
  await ctx.db.transaction(async (tx) => {
    if (!(await ctx.deps.links.deleteLink(linkId, tx))) return
    const target = link.actionId ? `action:${link.actionId}` : link.decisionId ? `decision:${link.decisionId}` : link.agendaItemId ? `item:${link.agendaItemId}` : `paper:${link.documentId}`
    await auditProgramme(tx, user, `${owner.kind}.unlinked`, { type: owner.kind, id: owner.id, partnershipId: managed.partnershipId }, { linkId, target })
  })
}
