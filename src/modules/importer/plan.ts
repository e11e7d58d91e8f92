import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { AppError, conflict, invalidState, notFound } from '../../platform/http/errors.ts'
import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { parseMeetingRecord } from './parser/parse-meeting.ts'
import type { ParsedMeeting, ParseHints } from './parser/types.ts'
import type { BodyMatch, ImportDocumentRow, ImportJobRow, ImporterRepository } from './importer.repository.ts'
import type { ImportDocumentStatus } from './importer.tables.ts'
import type { DocumentPlan, NewJobInput, StoredParse, UploadedDocument } from './importer.types.ts'
import { bodyKey } from './names.ts'
import { refusalOf } from './rules.ts'

/**
 * Plan: parse the uploaded documents and keep them for review, show what each would create, update or be
 * refused, then start the job (the worker imports it) or discard it. Nothing here writes a meeting record.
 */

export type PlanDeps = { db: Db; repo: ImporterRepository; now: () => Date }

export const JOBS_PER_PAGE = 10
const CHANGED_MEANWHILE = 'This import was changed by someone else while you were looking at it: reload the page and check it again.'

/** Parse one uploaded document (pure). */
export function parseDocument(doc: UploadedDocument, hints: ParseHints = {}): ParsedMeeting {
  return parseMeetingRecord({ text: doc.content, fileName: doc.fileName }, hints)
}

export async function findPartnershipBySlug(deps: PlanDeps, slug: string): Promise<{ id: string; name: string }> {
  const p = await deps.repo.findPartnershipBySlug(slug)
  if (!p) throw notFound('Partnership')
  return p
}

/** A body of the partnership by name (case and spacing ignored), or undefined. */
export async function findBodyByName(deps: PlanDeps, partnershipId: string, name: string): Promise<BodyMatch | undefined> {
  return (await deps.repo.bodiesOfPartnership(partnershipId)).find((b) => bodyKey(b.name) === bodyKey(name))
}

/** The import screen: the partnership, its bodies and its recent imports. */
export async function importScreen(deps: PlanDeps, user: CurrentUser, partnershipId: string, page = 1) {
  assertCanManagePartnership(user, partnershipId)
  const partnership = await deps.repo.findPartnership(partnershipId)
  if (!partnership) throw notFound('Partnership')
  const current = Math.max(1, Math.min(10_000, Math.floor(page) || 1))
  const [bodies, rows] = await Promise.all([
    deps.repo.bodiesOfPartnership(partnershipId),
    deps.repo.findJobsOfPartnership(partnershipId, JOBS_PER_PAGE + 1, (current - 1) * JOBS_PER_PAGE),
  ])
  return { partnership, bodies, jobs: rows.slice(0, JOBS_PER_PAGE), page: current, hasNext: rows.length > JOBS_PER_PAGE }
}

/** Parse every document and keep it for review (status 'reviewing'); nothing is imported yet. */
export async function createJob(
  deps: PlanDeps,
  user: CurrentUser,
  partnershipId: string,
  docs: UploadedDocument[],
  input: NewJobInput,
): Promise<ImportJobRow> {
  assertCanManagePartnership(user, partnershipId)
  const bodies = await deps.repo.bodiesOfPartnership(partnershipId)
  const chosen = input.bodyId ? bodies.find((b) => b.id === input.bodyId) : undefined
  if (input.bodyId && !chosen) throw new AppError('VALIDATION', 'There is a problem', { bodyId: 'Select a body of this partnership' })
  const hints: ParseHints = {}
  const bodyHint = chosen?.name ?? input.bodyHint
  if (bodyHint) hints.body = bodyHint
  if (input.dateHint) hints.date = input.dateHint
  const parsedDocs = docs.map((d, position) => {
    const meeting = parseDocument(d, hints)
    const status: ImportDocumentStatus = meeting.kind === 'meeting' ? 'pending' : 'not_a_meeting_record'
    return {
      position,
      fileName: d.fileName,
      content: d.content,
      bodyId: chosen?.id ?? null,
      dateHint: input.dateHint ?? null,
      parsed: { meeting } satisfies StoredParse,
      status,
      finishedAt: meeting.kind === 'meeting' ? null : deps.now(),
    }
  })
  return deps.db.transaction(async (tx) => {
    const job = await deps.repo.insertJob({ partnershipId, createdByUserId: user.id, total: docs.length }, tx)
    await deps.repo.insertDocuments(job.id, parsedDocs, tx)
    return job
  })
}

async function loadManagedJob(deps: PlanDeps, user: CurrentUser, jobId: string): Promise<ImportJobRow> {
  const job = await deps.repo.findJob(jobId)
  if (!job) throw notFound('Import')
  assertCanManagePartnership(user, job.partnershipId)
  return job
}

/** A job with its documents and, while reviewing, what each would create or update. */
export async function getJob(deps: PlanDeps, user: CurrentUser, jobId: string) {
  const job = await loadManagedJob(deps, user, jobId)
  const partnership = await deps.repo.findPartnership(job.partnershipId)
  if (!partnership) throw notFound('Partnership')
  const documents = await deps.repo.findDocumentsOfJob(job.id)
  const plans = job.status === 'reviewing' ? await planDocuments(deps, job.partnershipId, documents) : new Map<string, DocumentPlan>()
  return { job, partnership, documents, plans }
}

/** What importing each document would do, as far as the review screen can tell (the import checks again). */
async function planDocuments(deps: PlanDeps, partnershipId: string, documents: ImportDocumentRow[]): Promise<Map<string, DocumentPlan>> {
  const plans = new Map<string, DocumentPlan>()
  const bodies = await deps.repo.bodiesOfPartnership(partnershipId)
  const stored = documents.map((d) => ({ doc: d, parsed: (d.parsed as StoredParse | null)?.meeting ?? null }))
  const bodyFor = (d: ImportDocumentRow, p: ParsedMeeting) =>
    d.bodyId ? bodies.find((b) => b.id === d.bodyId) : bodies.find((b) => bodyKey(b.name) === bodyKey(p.body ?? ''))
  const meetings = await deps.repo.meetingsOnDates(
    bodies.map((b) => b.id),
    [...new Set(stored.map((s) => s.parsed?.date).filter((d): d is string => !!d))],
  )
  for (const { doc, parsed } of stored) {
    if (!parsed || parsed.kind !== 'meeting') plans.set(doc.id, { kind: 'not_a_meeting_record' })
    else if (!parsed.date) plans.set(doc.id, { kind: 'no_date', bodyName: parsed.body })
    else {
      const body = bodyFor(doc, parsed)
      if (!body) plans.set(doc.id, parsed.body ? { kind: 'body_missing', bodyName: parsed.body } : { kind: 'no_body', bodyName: null })
      else {
        const onDay = meetings.filter((x) => x.bodyId === body.id && x.date === parsed.date)
        const m = onDay.find((x) => x.status !== 'cancelled') ?? onDay[0]
        const reason = m ? refusalOf(m, parsed) : null
        if (m && reason) {
          plans.set(doc.id, { kind: 'refused', bodyName: body.name, bodyId: body.id, meetingId: m.id, meetingStatus: m.status, reason })
        } else {
          plans.set(doc.id, {
            kind: m ? 'update' : 'create',
            bodyName: body.name,
            bodyId: body.id,
            meetingId: m?.id ?? null,
            meetingStatus: m?.status ?? null,
          })
        }
      }
    }
  }
  return plans
}

/** "Import": queue the job for the worker. */
export async function startJob(
  deps: PlanDeps,
  user: CurrentUser,
  jobId: string,
  input: { createBodies: boolean; version: number },
): Promise<ImportJobRow> {
  const job = await loadManagedJob(deps, user, jobId)
  if (job.status !== 'reviewing') throw invalidState('This import has already been started or discarded.')
  return deps.db.transaction(async (tx) => {
    await deps.repo.setCreateBody(job.id, input.createBodies, tx)
    const row = await deps.repo.updateJobIfVersion(job.id, input.version, { status: 'queued' }, tx)
    if (!row) throw conflict(CHANGED_MEANWHILE)
    await recordAudit(tx, { userId: user.id }, { event: 'import.queued', subjectType: 'import_job', subjectId: job.id, partnershipId: job.partnershipId, data: { total: job.total, createBodies: input.createBodies } })
    return row
  })
}

export async function discardJob(deps: PlanDeps, user: CurrentUser, jobId: string, input: { version: number }): Promise<ImportJobRow> {
  const job = await loadManagedJob(deps, user, jobId)
  if (job.status !== 'reviewing') throw invalidState('This import has already been started or discarded.')
  return deps.db.transaction(async (tx) => {
    const row = await deps.repo.updateJobIfVersion(job.id, input.version, { status: 'discarded', finishedAt: deps.now() }, tx)
    if (!row) throw conflict(CHANGED_MEANWHILE)
    await deps.repo.clearContents(job.id, tx)
    await recordAudit(tx, { userId: user.id }, { event: 'import.discarded', subjectType: 'import_job', subjectId: job.id, partnershipId: job.partnershipId, data: { total: job.total } })
    return row
  })
}
