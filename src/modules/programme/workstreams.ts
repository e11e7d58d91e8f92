import type { Db } from '../../platform/db/client.ts'
import { conflict, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { slugify } from '../../shared/slug.ts'
import type { WorkstreamRow, WorkstreamView } from './programme.repository.ts'
import { assertCanManageProgramme } from './programme.policy.ts'
import type { EditWorkstreamInput, ProgressUpdateInput, WorkstreamInput } from './programme.schemas.ts'
import { assessmentErrors, normaliseAssessment } from './rag.ts'
import { auditProgramme, getWorkstream, managedWorkstream, type ProgrammeContext } from './programme-context.ts'

/** Workstreams: the programme's overview, recording and changing a workstream, and its progress updates. */

/** The choices a workstream's form offers, all limited to its partnership (and the current values, if outside it). */
export async function workstreamChoices(ctx: ProgrammeContext, partnershipId: string, current?: Pick<WorkstreamRow, 'themeId' | 'leadPersonId' | 'leadOrganisationId'>) {
  const [themes, people, organisations, bodies] = await Promise.all([
    ctx.deps.strategy.themesForStaff(partnershipId),
    ctx.repo.peopleOfPartnership(partnershipId, current?.leadPersonId ?? null),
    ctx.repo.organisationsOfPartnership(partnershipId, current?.leadOrganisationId ?? null),
    ctx.deps.structure.bodiesOfPartnership(partnershipId),
  ])
  // A new workstream goes under a theme of the current strategy or the draft; its own theme is always offered.
  return { themes: themes.filter((t) => t.inCurrentStrategy || t.inDraft || t.id === current?.themeId), people, organisations, bodies }
}
export type WorkstreamChoices = Awaited<ReturnType<typeof workstreamChoices>>

/** Every id the form sent must be one it offered. */
function checkChoices(input: WorkstreamInput, choices: WorkstreamChoices): void {
  const errors: FieldErrors = {}
  if (!choices.themes.some((t) => t.id === input.themeId)) errors.themeId = 'Select a theme of this partnership’s strategy'
  if (input.leadPersonId && !choices.people.some((p) => p.id === input.leadPersonId)) errors.leadPersonId = 'Select a person from the list'
  if (input.leadOrganisationId && !choices.organisations.some((o) => o.id === input.leadOrganisationId)) errors.leadOrganisationId = 'Select an organisation from the list'
  if (input.owningBodyId && !choices.bodies.some((b) => b.id === input.owningBodyId)) errors.owningBodyId = 'Select a body of this partnership'
  if (Object.keys(errors).length) throw validation(errors)
}

const workstreamValues = (input: WorkstreamInput) => ({
  themeId: input.themeId,
  title: input.title,
  description: input.description ?? null,
  leadPersonId: input.leadPersonId ?? null,
  leadOrganisationId: input.leadOrganisationId ?? null,
  owningBodyId: input.owningBodyId ?? null,
  startsOn: input.startsOn?.date ?? null,
  startsOnPrecision: input.startsOn?.precision ?? 'day',
  endsOn: input.endsOn?.date ?? null,
  endsOnPrecision: input.endsOn?.precision ?? 'day',
  isPublic: input.isPublic === 'yes',
})

async function newSlug(ctx: ProgrammeContext, partnershipId: string, title: string, tx: Db): Promise<string> {
  const base = slugify(title)
  const taken = new Set(await ctx.repo.workstreamSlugsLike(partnershipId, base, tx))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/** The programme's page: every workstream of the partnership under its theme. */
export async function programmeOverview(ctx: ProgrammeContext, user: CurrentUser, partnershipId: string) {
  const partnership = await ctx.deps.structure.getPartnership(partnershipId)
  assertCanManageProgramme(user, partnership.id)
  const [themes, workstreams] = await Promise.all([ctx.deps.strategy.themesForStaff(partnership.id), ctx.repo.findWorkstreamsOfPartnership(partnership.id)])
  const milestones = await ctx.repo.findMilestonesOf(workstreams.map((w) => w.id))
  return { partnership, themes, workstreams, milestones, today: ctx.today() }
}

export async function newWorkstreamForm(ctx: ProgrammeContext, user: CurrentUser, partnershipId: string) {
  const partnership = await ctx.deps.structure.getPartnership(partnershipId)
  assertCanManageProgramme(user, partnership.id)
  return { partnership, choices: await workstreamChoices(ctx, partnership.id) }
}

export async function createWorkstream(ctx: ProgrammeContext, user: CurrentUser, partnershipId: string, input: WorkstreamInput): Promise<WorkstreamRow> {
  const partnership = await ctx.deps.structure.getPartnership(partnershipId)
  assertCanManageProgramme(user, partnership.id)
  checkChoices(input, await workstreamChoices(ctx, partnership.id))
  return ctx.db.transaction(async (tx) => {
    const row = await ctx.repo.insertWorkstream({ partnershipId: partnership.id, slug: await newSlug(ctx, partnership.id, input.title, tx), ...workstreamValues(input) }, tx)
    await auditProgramme(tx, user, 'workstream.created', { type: 'workstream', id: row.id, partnershipId: row.partnershipId }, { title: row.title, themeId: row.themeId })
    return row
  })
}

export async function editWorkstreamForm(ctx: ProgrammeContext, user: CurrentUser, id: string) {
  const workstream = await managedWorkstream(ctx, user, id)
  return { workstream, choices: await workstreamChoices(ctx, workstream.partnershipId, workstream) }
}

export async function updateWorkstream(ctx: ProgrammeContext, user: CurrentUser, id: string, input: EditWorkstreamInput): Promise<WorkstreamRow> {
  const current = await managedWorkstream(ctx, user, id)
  checkChoices(input, await workstreamChoices(ctx, current.partnershipId, current))
  return ctx.db.transaction(async (tx) => {
    const row = await ctx.repo.updateWorkstream(id, input.version, workstreamValues(input), tx)
    if (!row) throw (await ctx.repo.findWorkstreamById(id, tx)) ? conflict() : notFound('Workstream')
    await auditProgramme(tx, user, 'workstream.changed', { type: 'workstream', id, partnershipId: row.partnershipId }, { version: row.version, title: row.title, themeId: row.themeId, isPublic: row.isPublic })
    return row
  })
}

/**
 * A dated progress update. The status and RAG it gives become the workstream's, in the same transaction; the
 * update keeps them, so the history says what the RAG was before. Amber and red need a reason (rag.ts).
 */
export async function addProgressUpdate(ctx: ProgrammeContext, user: CurrentUser, id: string, input: ProgressUpdateInput): Promise<WorkstreamView> {
  const workstream = await managedWorkstream(ctx, user, id)
  const errors = assessmentErrors(input)
  if (input.reportedAtMeetingId && !(await ctx.repo.meetingsOfPartnership(workstream.partnershipId)).some((m) => m.id === input.reportedAtMeetingId)) {
    errors.reportedAtMeetingId = 'Select a meeting of this partnership'
  }
  if (Object.keys(errors).length) throw validation(errors)
  const assessment = normaliseAssessment(input)
  await ctx.db.transaction(async (tx) => {
    const locked = await ctx.repo.lockWorkstream(id, tx)
    if (!locked) throw notFound('Workstream')
    const row = await ctx.repo.updateWorkstream(id, input.version, assessment, tx)
    if (!row) throw conflict()
    const update = await ctx.repo.insertUpdate(
      { workstreamId: id, text: input.text, ...assessment, isPublic: input.isPublic === 'yes', reportedAtMeetingId: input.reportedAtMeetingId ?? null, authorUserId: user.id },
      tx,
    )
    await auditProgramme(tx, user, 'workstream.updated', { type: 'workstream', id, partnershipId: row.partnershipId }, {
      updateId: update.id,
      statusBefore: locked.status,
      status: row.status,
      ragBefore: locked.rag,
      rag: row.rag,
      isPublic: update.isPublic,
    })
  })
  return getWorkstream(ctx, id)
}
