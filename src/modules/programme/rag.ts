import type { FieldErrors } from '../../platform/http/errors.ts'
import { hasPassed, type DatePrecision } from '../../shared/partial-dates.ts'
import type { MilestoneStatus, RagRating, WorkstreamStatus } from './programme.tables.ts'

/**
 * The programme's pure rules: what a workstream's status and RAG may be, and when a milestone is overdue
 * (delivery-and-assurance.md section 1). The database repeats the RAG rule as a CHECK (ADR 0008).
 */

export const WORKSTREAM_STATUS_LABELS: Record<WorkstreamStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  completed: 'Completed',
  closed: 'Closed',
}

export const RAG_LABELS: Record<RagRating, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  dropped: 'Dropped',
}

/** Amber and red say something is wrong: they need a reason. */
export const ragNeedsReason = (rag: RagRating | null | undefined): boolean => rag === 'amber' || rag === 'red'

export type Assessment = { status: WorkstreamStatus; rag?: RagRating | null | undefined; ragReason?: string | null | undefined }

/** The assessment as stored: the reason trimmed, and dropped when no rating is given. */
export function normaliseAssessment(a: Assessment): { status: WorkstreamStatus; rag: RagRating | null; ragReason: string | null } {
  const reason = a.ragReason?.trim() ? a.ragReason.trim() : null
  return { status: a.status, rag: a.rag ?? null, ragReason: a.rag ? reason : null }
}

/** Field errors for an assessment: an amber or red rating without a reason is refused. */
export function assessmentErrors(a: Assessment): FieldErrors {
  const { rag, ragReason } = normaliseAssessment(a)
  if (ragNeedsReason(rag) && !ragReason) return { ragReason: `Enter why the workstream is rated ${RAG_LABELS[rag!].toLowerCase()}` }
  return {}
}

export type MilestoneDue = { status: MilestoneStatus; dueOn: string | null; dueOnPrecision: DatePrecision }

/** Overdue: not completed nor dropped, and every day its due date covers has passed (a month ends at its last day). */
export function isMilestoneOverdue(m: MilestoneDue, today: string): boolean {
  if (m.status === 'completed' || m.status === 'dropped' || !m.dueOn) return false
  return hasPassed(m.dueOn, m.dueOnPrecision, today)
}

/** A milestone's status and done date must agree: completed has a date, nothing else has one. */
export function milestoneErrors(m: { status: MilestoneStatus; doneOn: string | null | undefined }): FieldErrors {
  if (m.status === 'completed' && !m.doneOn) return { doneOn: 'Enter the date the milestone was completed' }
  if (m.status !== 'completed' && m.doneOn) return { doneOn: 'Leave the completion date blank unless the milestone is completed' }
  return {}
}
