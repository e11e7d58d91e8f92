/**
 * What modules above the programme (the public pages, later search and the API) may use of it without reaching
 * into its internals (ADR 0002): statuses, labels and the pure rules.
 */
export { WORKSTREAM_STATUSES, RAG_RATINGS, MILESTONE_STATUSES, type WorkstreamStatus, type RagRating, type MilestoneStatus } from './programme.tables.ts'
export { WORKSTREAM_STATUS_LABELS, RAG_LABELS, MILESTONE_STATUS_LABELS, isMilestoneOverdue } from './rag.ts'
export type { PublicProgramme, PublicWorkstreamSummary } from './published-programme.ts'
