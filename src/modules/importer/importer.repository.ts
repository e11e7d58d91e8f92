import { updateIfVersion } from '../../platform/db/columns.ts'
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { bodies, memberships, organisations, partnerships, people, personPartnerships } from '../structure/structure.read.ts'
import { agendaItems, attendance, decisions, documents, meetings } from '../meetings/meetings.read.ts'
import { actionLinks, actionOwners, actionUpdates, actions } from '../actions/actions.read.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { importDocuments, importJobs, type ImportDocumentStatus, type ImportJobStatus } from './importer.tables.ts'

export type ImportJobRow = typeof importJobs.$inferSelect
export type ImportDocumentRow = typeof importDocuments.$inferSelect
export type NewImportDocument = Omit<typeof importDocuments.$inferInsert, 'id' | 'jobId'>
export type ImportedMeetingRow = typeof meetings.$inferSelect
export type ImportedItemRow = typeof agendaItems.$inferSelect
export type ImportedDecisionRow = typeof decisions.$inferSelect
export type ImportedAttendanceRow = typeof attendance.$inferSelect
export type ImportedActionRow = typeof actions.$inferSelect
export type ImportedOwnerRow = typeof actionOwners.$inferSelect
export type ImportedUpdateRow = typeof actionUpdates.$inferSelect
export type PersonMatch = { id: string; honorific: string | null; fullName: string; organisationId: string | null }
export type BodyMatch = { id: string; name: string; partnershipId: string }

/**
 * Drizzle queries only: the importer's own tables (jobs and documents), and what an import reads of the
 * structure, meetings and actions modules through their read surfaces. The records an import writes in those
 * modules are written by the modules themselves (their imported-records.ts, handed to the importer service by
 * src/services.ts), inside the importer's one transaction per document. Every function takes the db or a
 * transaction, last.
 */
export function importerRepository(db: Db) {
  return { ...jobQueries(db), ...structureQueries(db), ...recordQueries(db) }
}
export type ImporterRepository = ReturnType<typeof importerRepository>

/** The importer's own tables: jobs and their documents. */
function jobQueries(db: Db) {
  return {
    // ---- jobs ----
    async insertJob(values: { partnershipId: string; createdByUserId: string | null; total: number }, tx: Db = db): Promise<ImportJobRow> {
      const [row] = await tx.insert(importJobs).values(values).returning()
      return row!
    },
    async insertDocuments(jobId: string, docs: NewImportDocument[], tx: Db = db): Promise<void> {
      if (docs.length === 0) return
      await tx.insert(importDocuments).values(docs.map((d) => ({ ...d, jobId })))
    },
    async findJob(id: string, tx: Db = db): Promise<ImportJobRow | undefined> {
      const [row] = await tx.select().from(importJobs).where(eq(importJobs.id, id)).limit(1)
      return row
    },
    async findJobsOfPartnership(partnershipId: string, limit: number, offset: number, tx: Db = db): Promise<ImportJobRow[]> {
      return tx
        .select()
        .from(importJobs)
        .where(eq(importJobs.partnershipId, partnershipId))
        .orderBy(desc(importJobs.createdAt))
        .limit(limit)
        .offset(offset)
    },
    async findDocumentsOfJob(jobId: string, tx: Db = db): Promise<ImportDocumentRow[]> {
      return tx.select().from(importDocuments).where(eq(importDocuments.jobId, jobId)).orderBy(asc(importDocuments.position))
    },
    async updateJobIfVersion(
      id: string,
      version: number,
      changes: Partial<Pick<ImportJobRow, 'status' | 'startedAt' | 'finishedAt' | 'claimedAt' | 'done' | 'failed'>>,
      tx: Db = db,
    ): Promise<ImportJobRow | undefined> {
      return updateIfVersion(tx, importJobs, id, version, changes)
    },
    async updateJob(
      id: string,
      changes: Partial<Pick<ImportJobRow, 'status' | 'startedAt' | 'finishedAt' | 'claimedAt' | 'done' | 'failed'>>,
      tx: Db = db,
    ): Promise<void> {
      await tx.update(importJobs).set(changes).where(eq(importJobs.id, id))
    },
    /** Change a running job only while `claimedAt` is still this worker's claim token; false when the claim was lost. */
    async updateClaimedJob(
      id: string,
      token: Date,
      changes: Partial<Pick<ImportJobRow, 'status' | 'finishedAt' | 'claimedAt' | 'done' | 'failed'>>,
      tx: Db = db,
    ): Promise<boolean> {
      const rows = await tx
        .update(importJobs)
        .set(changes)
        .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running' satisfies ImportJobStatus), eq(importJobs.claimedAt, token)))
        .returning({ id: importJobs.id })
      return rows.length > 0
    },
    /**
     * Take a document for import inside its transaction: locks the row while it is still pending, so two workers
     * never import it twice (the second waits, then finds it no longer pending). False when it is not pending.
     */
    async claimPendingDocument(id: string, tx: Db): Promise<boolean> {
      const rows = await tx
        .update(importDocuments)
        .set({ status: 'pending' satisfies ImportDocumentStatus })
        .where(and(eq(importDocuments.id, id), eq(importDocuments.status, 'pending' satisfies ImportDocumentStatus)))
        .returning({ id: importDocuments.id })
      return rows.length > 0
    },
    /** Lock one job to work on: queued, or running with a claim older than `staleBefore`. SKIP LOCKED. */
    async lockClaimableJob(staleBefore: Date, tx: Db): Promise<ImportJobRow | undefined> {
      const [row] = await tx
        .select()
        .from(importJobs)
        .where(
          or(
            eq(importJobs.status, 'queued' satisfies ImportJobStatus),
            and(
              eq(importJobs.status, 'running' satisfies ImportJobStatus),
              sql`(${importJobs.claimedAt} is null or ${importJobs.claimedAt} < ${staleBefore.toISOString()}::timestamptz)`,
            ),
          ),
        )
        .orderBy(asc(importJobs.createdAt))
        .limit(1)
        .for('update', { skipLocked: true })
      return row
    },
    async updateDocument(
      id: string,
      changes: Partial<Pick<ImportDocumentRow, 'status' | 'report' | 'error' | 'meetingId' | 'finishedAt' | 'content' | 'parsed'>>,
      tx: Db = db,
    ): Promise<void> {
      await tx.update(importDocuments).set(changes).where(eq(importDocuments.id, id))
    },
    /** The same, only while the document is still pending (a failure report never overwrites another worker's result). */
    async finishPendingDocument(
      id: string,
      changes: Partial<Pick<ImportDocumentRow, 'status' | 'report' | 'error' | 'meetingId' | 'finishedAt'>>,
      tx: Db = db,
    ): Promise<void> {
      await tx
        .update(importDocuments)
        .set(changes)
        .where(and(eq(importDocuments.id, id), eq(importDocuments.status, 'pending' satisfies ImportDocumentStatus)))
    },
    async countDocuments(jobId: string, tx: Db = db): Promise<{ status: ImportDocumentStatus; n: number }[]> {
      const rows = await tx
        .select({ status: importDocuments.status, n: sql<number>`count(*)::int` })
        .from(importDocuments)
        .where(eq(importDocuments.jobId, jobId))
        .groupBy(importDocuments.status)
      return rows.map((r) => ({ status: r.status, n: Number(r.n) }))
    },
    async clearContents(jobId: string, tx: Db = db): Promise<void> {
      await tx.update(importDocuments).set({ content: '' }).where(eq(importDocuments.jobId, jobId))
    },
    async setCreateBody(jobId: string, createBody: boolean, tx: Db = db): Promise<void> {
      await tx
        .update(importDocuments)
        .set({ parsed: sql`coalesce(${importDocuments.parsed}, '{}'::jsonb) || jsonb_build_object('createBody', ${createBody}::boolean)` })
        .where(eq(importDocuments.jobId, jobId))
    },
  }
}

/** What an import reads of the structure module (inside the document's transaction). */
function structureQueries(db: Db) {
  return {
    async bodiesOfPartnership(partnershipId: string, tx: Db = db): Promise<BodyMatch[]> {
      return tx
        .select({ id: bodies.id, name: bodies.name, partnershipId: bodies.partnershipId })
        .from(bodies)
        .where(eq(bodies.partnershipId, partnershipId))
        .orderBy(asc(bodies.name))
    },
    async findPartnershipBySlug(slug: string, tx: Db = db): Promise<{ id: string; name: string } | undefined> {
      const [row] = await tx.select({ id: partnerships.id, name: partnerships.name }).from(partnerships).where(eq(partnerships.slug, slug)).limit(1)
      return row
    },
    async findPartnership(id: string, tx: Db = db): Promise<{ id: string; name: string; slug: string } | undefined> {
      const [row] = await tx
        .select({ id: partnerships.id, name: partnerships.name, slug: partnerships.slug })
        .from(partnerships)
        .where(eq(partnerships.id, id))
        .limit(1)
      return row
    },
    async slugTaken(slug: string, tx: Db): Promise<boolean> {
      const [row] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, slug)).limit(1)
      return !!row
    },
    /**
     * People the partnership works with (issue 10: person_partnerships, kept for seats, attendance, action owners and
     * people it added) whose name is one of `names` (lower case, with or without honorifics). Never another partnership's people: an import must not be a way to
     * reach them.
     */
    async peopleOfPartnershipNamed(partnershipId: string, names: string[], tx: Db): Promise<PersonMatch[]> {
      if (names.length === 0) return []
      return tx
        .select({ id: people.id, honorific: people.honorific, fullName: people.fullName, organisationId: people.organisationId })
        .from(people)
        .innerJoin(personPartnerships, and(eq(personPartnerships.personId, people.id), eq(personPartnerships.partnershipId, partnershipId)))
        .where(inArray(sql`lower(${people.fullName})`, names))
        .orderBy(asc(people.createdAt))
    },
    async organisationsNamed(names: string[], tx: Db): Promise<{ id: string; name: string; shortName: string | null }[]> {
      if (names.length === 0) return []
      return tx
        .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
        .from(organisations)
        .where(or(inArray(sql`lower(${organisations.name})`, names), inArray(sql`lower(${organisations.shortName})`, names)))
    },
    /** People holding a seat on the body on a date. */
    async seatHolders(bodyId: string, date: string, tx: Db): Promise<Set<string>> {
      const rows = await tx
        .select({ personId: memberships.personId })
        .from(memberships)
        .where(
          and(
            eq(memberships.bodyId, bodyId),
            or(isNull(memberships.startsOn), sql`${memberships.startsOn} <= ${date}`),
            or(isNull(memberships.endsOn), sql`${memberships.endsOn} >= ${date}`),
          ),
        )
      return new Set(rows.map((r) => r.personId))
    },
  }
}

/** What an import reads of the meetings and actions modules, and the lock it takes on a body's date. */
function recordQueries(db: Db) {
  return {
    /**
     * Serialise imports of one body's meeting on one date for the rest of the transaction: FOR UPDATE on the
     * meetings locks nothing when there is no meeting yet, so two imports would both insert one.
     */
    async lockBodyDate(bodyId: string, date: string, tx: Db): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`importer:${bodyId}:${date}`}))`)
    },
    /** What the last import that changed this meeting recorded about the rows it wrote (audit data), or null. */
    async lastImportRecord(meetingId: string, tx: Db): Promise<Record<string, unknown> | null> {
      const [row] = await tx
        .select({ data: auditEvents.data })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.subjectType, 'meeting'),
            eq(auditEvents.subjectId, meetingId),
            inArray(auditEvents.event, ['meeting.imported', 'meeting.reimported']),
          ),
        )
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(1)
      return (row?.data) ?? null
    },
    /** Items (of these) that have papers. */
    async itemsWithPapers(itemIds: string[], tx: Db): Promise<Set<string>> {
      if (itemIds.length === 0) return new Set()
      const rows = await tx.selectDistinct({ itemId: documents.itemId }).from(documents).where(inArray(documents.itemId, itemIds))
      return new Set(rows.map((r) => r.itemId).filter((id): id is string => id !== null))
    },
    /** Actions (of these) linked to another action. */
    async linkedActions(actionIds: string[], tx: Db): Promise<Set<string>> {
      if (actionIds.length === 0) return new Set()
      const rows = await tx
        .select({ a: actionLinks.actionId, b: actionLinks.linkedActionId })
        .from(actionLinks)
        .where(or(inArray(actionLinks.actionId, actionIds), inArray(actionLinks.linkedActionId, actionIds)))
      return new Set(rows.flatMap((r) => [r.a, r.b]))
    },
    async meetingsOfBodyOn(bodyId: string, date: string, tx: Db): Promise<ImportedMeetingRow[]> {
      return tx
        .select()
        .from(meetings)
        .where(and(eq(meetings.bodyId, bodyId), eq(meetings.date, date)))
        .orderBy(asc(meetings.startTime), asc(meetings.createdAt))
        .for('update')
    },
    /** Meetings of any of these bodies on any of these dates (the review's "create or update"). */
    async meetingsOnDates(
      bodyIds: string[],
      dates: string[],
      tx: Db = db,
    ): Promise<Pick<ImportedMeetingRow, 'id' | 'bodyId' | 'date' | 'status' | 'importedFrom' | 'minutesApprovedAtMeetingId'>[]> {
      if (bodyIds.length === 0 || dates.length === 0) return []
      return tx
        .select({
          id: meetings.id,
          bodyId: meetings.bodyId,
          date: meetings.date,
          status: meetings.status,
          importedFrom: meetings.importedFrom,
          minutesApprovedAtMeetingId: meetings.minutesApprovedAtMeetingId,
        })
        .from(meetings)
        .where(and(inArray(meetings.bodyId, bodyIds), inArray(meetings.date, dates)))
    },
    async itemsOfMeeting(meetingId: string, tx: Db): Promise<ImportedItemRow[]> {
      return tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position))
    },
    async decisionsOfItems(itemIds: string[], tx: Db): Promise<ImportedDecisionRow[]> {
      if (itemIds.length === 0) return []
      return tx.select().from(decisions).where(inArray(decisions.itemId, itemIds)).orderBy(asc(decisions.position))
    },
    async attendanceOfMeeting(meetingId: string, tx: Db): Promise<ImportedAttendanceRow[]> {
      return tx.select().from(attendance).where(eq(attendance.meetingId, meetingId))
    },

    // ---- actions ----
    async actionsOfMeeting(meetingId: string, tx: Db): Promise<ImportedActionRow[]> {
      return tx.select().from(actions).where(eq(actions.meetingId, meetingId)).orderBy(asc(actions.createdAt), asc(actions.seq))
    },
    async ownersOf(actionIds: string[], tx: Db): Promise<ImportedOwnerRow[]> {
      if (actionIds.length === 0) return []
      return tx.select().from(actionOwners).where(inArray(actionOwners.actionId, actionIds)).orderBy(asc(actionOwners.position))
    },
    async updatesOf(actionIds: string[], tx: Db): Promise<ImportedUpdateRow[]> {
      if (actionIds.length === 0) return []
      return tx.select().from(actionUpdates).where(inArray(actionUpdates.actionId, actionIds)).orderBy(asc(actionUpdates.createdAt), asc(actionUpdates.seq))
    },
  }
}
