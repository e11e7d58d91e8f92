import { conflict, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { itemNumbers } from '../../shared/item-numbers.ts'
import type { PartialDate } from '../../shared/partial-dates.ts'
import type { DecisionChoice, MeetingChoice, VersionRow } from './strategy.repository.ts'
import type { ApprovalInput } from './strategy.schemas.ts'
import { assertDraft, auditStrategy, managedVersion, type StrategyContext } from './strategy-context.ts'

/** Recording that a body approved the draft: at one of its meetings (with the decision), or outside Joined Up. */

export type NumberedDecision = DecisionChoice & { itemNumber: string }

/** The decisions recorded at a meeting, with their items' numbers. */
async function numberedDecisions(ctx: StrategyContext, meetingId: string): Promise<NumberedDecision[]> {
  const [decisions, numbering] = await Promise.all([ctx.repo.decisionsOfMeeting(meetingId), ctx.repo.findNumbering([meetingId])])
  const numbers = itemNumbers(numbering.meetings, numbering.items)
  return decisions.map((d) => ({ ...d, itemNumber: numbers.get(d.itemId) ?? '' }))
}

/**
 * The approval form: step one chooses the meeting (the partnership's meetings, newest first) or "not in Joined Up";
 * step two, for a meeting, offers its decisions; without one, the partnership's bodies and a date.
 */
export async function approvalForm(ctx: StrategyContext, user: CurrentUser, versionId: string, meeting: string | undefined) {
  const version = await managedVersion(ctx, user, versionId)
  assertDraft(version)
  const [partnership, meetings, bodies] = await Promise.all([
    ctx.deps.structure.getPartnership(version.partnershipId),
    ctx.repo.meetingsOfPartnership(version.partnershipId),
    ctx.deps.structure.bodiesOfPartnership(version.partnershipId),
  ])
  const chosen: MeetingChoice | 'none' | null = meeting === 'none' ? 'none' : (meetings.find((m) => m.id === meeting) ?? null)
  const decisions = chosen && chosen !== 'none' ? await numberedDecisions(ctx, chosen.id) : []
  return { version, partnership, meetings, bodies, chosen, decisions }
}

/** What the approval records, once checked against the partnership: body, meeting, decision and date. */
async function checkedApproval(ctx: StrategyContext, version: VersionRow, input: ApprovalInput) {
  if (input.meetingId) {
    const meeting = await ctx.repo.findMeetingChoice(input.meetingId)
    if (!meeting || meeting.partnershipId !== version.partnershipId || meeting.status === 'cancelled') {
      throw validation({ meetingId: 'Select a meeting of this partnership from the list' })
    }
    if (input.decisionId && !(await ctx.repo.decisionsOfMeeting(meeting.id)).some((d) => d.id === input.decisionId)) {
      throw validation({ decisionId: 'Select a decision recorded at this meeting' })
    }
    const approvedOn: PartialDate = { date: meeting.date, precision: 'day' }
    return { bodyId: meeting.bodyId, meetingId: meeting.id, decisionId: input.decisionId ?? null, approvedOn }
  }
  const errors: Record<string, string> = {}
  const bodies = await ctx.deps.structure.bodiesOfPartnership(version.partnershipId)
  if (!input.bodyId) errors.bodyId = 'Select the body that approved it'
  else if (!bodies.some((b) => b.id === input.bodyId)) errors.bodyId = 'Select a body of this partnership from the list'
  if (!input.approvedOn) errors.approvedOn = 'Enter the date it was approved'
  else if (input.approvedOn.date > ctx.today()) errors.approvedOn = 'The date it was approved must be today or in the past'
  if (input.decisionId) errors.decisionId = 'A decision can only be chosen with its meeting'
  if (Object.keys(errors).length) throw validation(errors)
  return { bodyId: input.bodyId!, meetingId: null, decisionId: null, approvedOn: input.approvedOn! }
}

/**
 * Record the approval: the draft becomes the current strategy and the one it replaces is superseded, in one
 * transaction. The form's version must still be the draft's (someone else may have changed it since).
 */
export async function recordApproval(ctx: StrategyContext, user: CurrentUser, versionId: string, input: ApprovalInput): Promise<VersionRow> {
  const version = await managedVersion(ctx, user, versionId)
  assertDraft(version)
  const approval = await checkedApproval(ctx, version, input)
  return ctx.db.transaction(async (tx) => {
    const locked = await ctx.repo.lockVersion(versionId, tx)
    if (!locked) throw notFound('Strategy version')
    assertDraft(locked)
    if (locked.version !== input.version) throw conflict()
    const at = ctx.now()
    const superseded = await ctx.repo.supersedeApproved(locked.partnershipId, at, tx)
    const row = await ctx.repo.updateVersion(
      versionId,
      input.version,
      {
        status: 'approved',
        approvedByBodyId: approval.bodyId,
        approvedAtMeetingId: approval.meetingId,
        approvalDecisionId: approval.decisionId,
        approvedOn: approval.approvedOn.date,
        approvedOnPrecision: approval.approvedOn.precision,
        approvalRecordedAt: at,
        approvalRecordedByUserId: user.id,
      },
      tx,
    )
    if (!row) throw conflict()
    if (superseded) await auditStrategy(tx, user, 'strategy.superseded', superseded, { byVersion: row.number })
    await auditStrategy(tx, user, 'strategy.approved', row, {
      bodyId: approval.bodyId,
      meetingId: approval.meetingId,
      decisionId: approval.decisionId,
      approvedOn: approval.approvedOn.date,
      approvedOnPrecision: approval.approvedOn.precision,
      supersededVersion: superseded?.number ?? null,
    })
    return row
  })
}
