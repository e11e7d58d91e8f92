import type { Db } from '../../platform/db/client.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { AppError } from '../../platform/http/errors.ts'
import type { ImportDocumentRow, ImportJobRow, ImporterRepository } from './importer.repository.ts'
import type { ImportDocumentStatus } from './importer.tables.ts'
import type { StoredParse } from './importer.types.ts'
import type { CommitDeps } from './commit-draft.ts'
import { importParsed } from './commit.ts'

/**
 * Worker: background import jobs. A worker claims one queued job (or one whose claim went stale) under a row
 * lock with SKIP LOCKED, then imports its pending documents one by one, each in its own transaction.
 */

export type WorkerDeps = { db: Db; repo: ImporterRepository; now: () => Date; commit: CommitDeps }
export type WorkerLogger = { error: (msg: string, meta?: Record<string, unknown>) => void }

export const STALE_CLAIM_MS = 5 * 60_000

/**
 * Work one pending document of a job: its import and its outcome in one transaction; a failure rolls back
 * alone. The document row is taken first (still pending, locked), so a second worker that reached it too
 * waits, then skips it: a document is never imported twice. Returns null when it was skipped.
 */
async function processDocument(deps: WorkerDeps, job: ImportJobRow, doc: ImportDocumentRow): Promise<ImportDocumentStatus | null> {
  const { db, repo, now } = deps
  const stored = doc.parsed as StoredParse | null
  const actor: Actor = job.createdByUserId ? { userId: job.createdByUserId } : { system: 'importer' }
  if (!stored || stored.meeting.kind !== 'meeting') {
    await repo.finishPendingDocument(doc.id, { status: 'not_a_meeting_record', finishedAt: now() })
    return 'not_a_meeting_record'
  }
  try {
    return await db.transaction(async (tx) => {
      if (!(await repo.claimPendingDocument(doc.id, tx))) return null
      const outcome = await importParsed(
        deps.commit,
        actor,
        job.partnershipId,
        stored.meeting,
        { bodyId: doc.bodyId, createBody: stored.createBody ?? false, source: doc.fileName },
        tx,
      )
      await repo.updateDocument(
        doc.id,
        { status: outcome.status, meetingId: outcome.meetingId, report: { changes: outcome.changes, notes: outcome.notes }, finishedAt: now() },
        tx,
      )
      return outcome.status
    })
  } catch (err) {
    const reason =
      err instanceof AppError ? err.message : `Could not be imported (${err instanceof Error ? err.message.slice(0, 300) : 'unknown error'})`
    await repo.finishPendingDocument(doc.id, { status: 'failed', error: reason, finishedAt: now() })
    return 'failed'
  }
}

/** Counters and a fresh claim; false when this worker no longer holds the job (its claim was retaken). */
async function refreshCounters(repo: ImporterRepository, jobId: string, token: Date, fresh: Date): Promise<{ held: boolean; claim: Date }> {
  const counts = await repo.countDocuments(jobId)
  const n = (s: ImportDocumentStatus[]) => counts.filter((c) => s.includes(c.status)).reduce((a, c) => a + c.n, 0)
  const done = n(['created', 'updated', 'unchanged', 'failed', 'not_a_meeting_record', 'skipped'])
  const failed = n(['failed', 'not_a_meeting_record'])
  const held = await repo.updateClaimedJob(jobId, token, { done, failed, claimedAt: fresh })
  return { held, claim: held ? fresh : token }
}

/**
 * The worker's step: claim one queued job (or one whose claim went stale) under a row lock with SKIP
 * LOCKED, then import its pending documents one by one, each in its own transaction, keeping the
 * counters and the claim fresh. Returns the job worked, or null when there was none.
 */
export async function workOnce(deps: WorkerDeps, opts: { shouldStop?: () => boolean } = {}): Promise<ImportJobRow | null> {
  const { db, repo, now } = deps
  const at = now()
  const job = await db.transaction(async (tx) => {
    const row = await repo.lockClaimableJob(new Date(at.getTime() - STALE_CLAIM_MS), tx)
    if (!row) return null
    await repo.updateJob(row.id, { status: 'running', claimedAt: at, startedAt: row.startedAt ?? at }, tx)
    return row
  })
  if (!job) return null
  // The claim's time is this worker's token: every later write to the job checks it is still ours.
  let claim = at
  const documents = await repo.findDocumentsOfJob(job.id)
  const step = async (): Promise<boolean> => {
    const fresh = new Date(Math.max(now().getTime(), claim.getTime() + 1))
    const r = await refreshCounters(repo, job.id, claim, fresh)
    claim = r.claim
    return r.held
  }
  if (!(await step())) return (await repo.findJob(job.id)) ?? null
  for (const doc of documents) {
    if (doc.status !== 'pending') continue
    if (opts.shouldStop?.()) {
      // Shutting down: hand the job back to the queue for the next worker.
      await repo.updateClaimedJob(job.id, claim, { status: 'queued', claimedAt: null })
      return (await repo.findJob(job.id)) ?? null
    }
    await processDocument(deps, job, doc)
    if (!(await step())) return (await repo.findJob(job.id)) ?? null
  }
  if (await repo.updateClaimedJob(job.id, claim, { status: 'finished', finishedAt: now(), claimedAt: null })) await repo.clearContents(job.id)
  return (await repo.findJob(job.id)) ?? null
}

/** Poll for queued jobs every `intervalMs` until stopped (started from src/server.ts). */
export function startWorker(deps: WorkerDeps, opts: { intervalMs?: number; logger?: WorkerLogger } = {}): { stop: () => Promise<void> } {
  const intervalMs = opts.intervalMs ?? 3000
  let running: Promise<void> | null = null
  let stopped = false
  const tick = () => {
    if (running || stopped) return
    running = (async () => {
      try {
        while (!stopped && (await workOnce(deps, { shouldStop: () => stopped }))) {
          /* keep going while there is work */
        }
      } catch (err) {
        opts.logger?.error('import worker failed', { error: err instanceof Error ? err.stack : String(err) })
      } finally {
        running = null
      }
    })()
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      if (running) await running
    },
  }
}
