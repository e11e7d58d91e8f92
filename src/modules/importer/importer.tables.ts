import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { inList, versionColumn } from '../../platform/db/columns.ts'
import { partnerships } from '../structure/structure.tables.ts'
import { meetings } from '../meetings/meetings.tables.ts'
import { users } from '../accounts/accounts.tables.ts'

export const IMPORT_JOB_STATUSES = ['reviewing', 'queued', 'running', 'finished', 'discarded'] as const
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number]

/** One upload of one or many published meeting records into a partnership. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').$type<ImportJobStatus>().notNull().default('reviewing'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A worker's claim on a running job, so only one instance works it (stale claims are retaken). */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    ...versionColumn(),
  },
  (t) => [
    index('import_jobs_partnership_idx').on(t.partnershipId, t.createdAt),
    index('import_jobs_status_idx').on(t.status),
    check('import_jobs_status_check', inList('status', IMPORT_JOB_STATUSES)),
  ],
)

export const IMPORT_DOCUMENT_STATUSES = [
  'pending',
  'created',
  'updated',
  'unchanged',
  'failed',
  'not_a_meeting_record',
  'skipped',
] as const
export type ImportDocumentStatus = (typeof IMPORT_DOCUMENT_STATUSES)[number]

/** One uploaded document of a job: its text, what the parser understood, and what the import did. */
export const importDocuments = pgTable(
  'import_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    fileName: text('file_name').notNull(),
    /** The uploaded content (HTML or text), kept until the job is finished so a worker can re-read it. */
    content: text('content').notNull(),
    /** The body the user chose for this document (overrides the parsed heading). */
    bodyId: uuid('body_id'),
    /** A date the user gave when the page has no heading. */
    dateHint: text('date_hint'),
    parsed: jsonb('parsed'),
    status: text('status').$type<ImportDocumentStatus>().notNull().default('pending'),
    /** What the import changed, field by field, or why it failed. */
    report: jsonb('report'),
    error: text('error'),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('import_documents_job_position_idx').on(t.jobId, t.position),
    index('import_documents_meeting_idx').on(t.meetingId),
    check('import_documents_status_check', inList('status', IMPORT_DOCUMENT_STATUSES)),
  ],
)
