import type { Db } from '../../platform/db/client.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { ParsedMeeting, ParseHints } from './parser/types.ts'
import { importerRepository, type ImporterRepository } from './importer.repository.ts'
import type { ImportOutcome, ImportWrites, NewJobInput, UploadedDocument } from './importer.types.ts'
import type { CommitDeps, CommitOptions } from './commit-draft.ts'
import { importParsed } from './commit.ts'
import { createJob, discardJob, findBodyByName, findPartnershipBySlug, getJob, importScreen, parseDocument, startJob, type PlanDeps } from './plan.ts'
import { startWorker, workOnce, type WorkerDeps, type WorkerLogger } from './worker.ts'

export type { DocumentPlan, FieldChange, ImportOutcome, ImportWrites, NewJobInput, StoredParse, UploadedDocument } from './importer.types.ts'
export { JOBS_PER_PAGE } from './plan.ts'
export { STALE_CLAIM_MS } from './worker.ts'

type ImporterDeps = {
  /** The writes an import makes in the structure, meetings and actions tables, provided by those modules. */
  writes: ImportWrites
  now?: () => Date
  /** Tests only: called inside the document's transaction after everything is written. */
  afterWrite?: (meetingId: string, parsed: ParsedMeeting) => Promise<void> | void
}

/**
 * The importer's use cases, assembled: plan (parse, review, start or discard: plan.ts), commit (one document in
 * one transaction: commit.ts) and the background worker (worker.ts). See README.md here and ADR 0007.
 */
export function importerService(db: Db, deps: ImporterDeps, repoOverride?: ImporterRepository) {
  const repo = repoOverride ?? importerRepository(db)
  const now = () => (deps.now ? deps.now() : new Date())
  const plan: PlanDeps = { db, repo, now }
  const commit: CommitDeps = { repo, writes: deps.writes, now, afterWrite: deps.afterWrite }
  const worker: WorkerDeps = { db, repo, now, commit }
  return {
    /** Parse one uploaded document (pure). */
    parse: (doc: UploadedDocument, hints: ParseHints = {}): ParsedMeeting => parseDocument(doc, hints),
    /** Import one parsed document now, in one transaction (the CLI; the worker uses the same path). */
    importDocument: (actor: Actor, partnershipId: string, parsed: ParsedMeeting, opts: CommitOptions): Promise<ImportOutcome> =>
      db.transaction((tx) => importParsed(commit, actor, partnershipId, parsed, opts, tx)),
    findPartnershipBySlug: (slug: string) => findPartnershipBySlug(plan, slug),
    /** A body of the partnership by name (case and spacing ignored), or undefined. */
    findBodyByName: (partnershipId: string, name: string) => findBodyByName(plan, partnershipId, name),
    /** The import screen: the partnership, its bodies and its recent imports. */
    importScreen: (user: CurrentUser, partnershipId: string, page = 1) => importScreen(plan, user, partnershipId, page),
    /** Parse every document and keep it for review (status 'reviewing'); nothing is imported yet. */
    createJob: (user: CurrentUser, partnershipId: string, docs: UploadedDocument[], input: NewJobInput) => createJob(plan, user, partnershipId, docs, input),
    /** A job with its documents and, while reviewing, what each would create or update. */
    getJob: (user: CurrentUser, jobId: string) => getJob(plan, user, jobId),
    /** "Import": queue the job for the worker. */
    startJob: (user: CurrentUser, jobId: string, input: { createBodies: boolean; version: number }) => startJob(plan, user, jobId, input),
    discardJob: (user: CurrentUser, jobId: string, input: { version: number }) => discardJob(plan, user, jobId, input),
    /** The worker's step: claim one job and import its pending documents. Returns the job worked, or null. */
    workOnce: (opts: { shouldStop?: () => boolean } = {}) => workOnce(worker, opts),
    /** Poll for queued jobs every `intervalMs` until stopped (started from src/server.ts). */
    startWorker: (opts: { intervalMs?: number; logger?: WorkerLogger } = {}) => startWorker(worker, opts),
  }
}
export type ImporterService = ReturnType<typeof importerService>
