import { conflict, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { MilestoneRow } from './programme.repository.ts'
import type { EditMilestoneInput, MilestoneInput } from './programme.schemas.ts'
import { milestoneErrors } from './rag.ts'
import { auditProgramme, managedWorkstream, type ProgrammeContext } from './programme-context.ts'

/** A workstream's milestones: due (a day or a month), done, and their status. "Overdue" is computed (rag.ts). */

export async function addMilestone(ctx: ProgrammeContext, user: CurrentUser, workstreamId: string, input: MilestoneInput): Promise<MilestoneRow> {
  const workstream = await managedWorkstream(ctx, user, workstreamId)
  return ctx.db.transaction(async (tx) => {
    const row = await ctx.repo.insertMilestone(
      { workstreamId, title: input.title, dueOn: input.dueOn?.date ?? null, dueOnPrecision: input.dueOn?.precision ?? 'day' },
      tx,
    )
    await auditProgramme(tx, user, 'milestone.added', { type: 'workstream_milestone', id: row.id, partnershipId: workstream.partnershipId }, { workstreamId, title: row.title, dueOn: row.dueOn })
    return row
  })
}

/** A milestone with its workstream, once the user may manage it. */
export async function getManagedMilestone(ctx: ProgrammeContext, user: CurrentUser, id: string) {
  const milestone = await ctx.repo.findMilestoneById(id)
  if (!milestone) throw notFound('Milestone')
  const workstream = await managedWorkstream(ctx, user, milestone.workstreamId)
  return { milestone, workstream }
}

export async function updateMilestone(ctx: ProgrammeContext, user: CurrentUser, id: string, input: EditMilestoneInput): Promise<MilestoneRow> {
  const { workstream } = await getManagedMilestone(ctx, user, id)
  const errors = milestoneErrors({ status: input.status, doneOn: input.doneOn?.date })
  if (input.doneOn && input.doneOn.date > ctx.today()) errors.doneOn = 'The date it was completed must be today or in the past'
  if (Object.keys(errors).length) throw validation(errors)
  return ctx.db.transaction(async (tx) => {
    const row = await ctx.repo.updateMilestone(
      id,
      input.version,
      {
        title: input.title,
        dueOn: input.dueOn?.date ?? null,
        dueOnPrecision: input.dueOn?.precision ?? 'day',
        status: input.status,
        doneOn: input.status === 'completed' ? (input.doneOn?.date ?? null) : null,
        note: input.note ?? null,
      },
      tx,
    )
    if (!row) throw (await ctx.repo.findMilestoneById(id, tx)) ? conflict() : notFound('Milestone')
    await auditProgramme(tx, user, 'milestone.changed', { type: 'workstream_milestone', id, partnershipId: workstream.partnershipId }, {
      workstreamId: workstream.id,
      version: row.version,
      status: row.status,
      dueOn: row.dueOn,
      doneOn: row.doneOn,
    })
    return row
  })
}
