import type { Db } from '../../platform/db/client.ts'
import type { AttendanceStatus, MeetingStatus, agendaItems, meetings } from '../meetings/meetings.read.ts'
import type { actionUpdates, actions } from '../actions/actions.read.ts'
import type { BodyKind } from '../structure/structure.read.ts'
import type { NotePeopleUse } from '../structure/structure.types.ts'
import type { BodyMatch, ImportedActionRow, ImportedItemRow, ImportedMeetingRow, PersonMatch } from './importer.repository.ts'
import type { ParsedMeeting } from './parser/types.ts'

/** One field the import changed: the change history kept in the audit record and the job's report. */
export type FieldChange = { what: string; field: string; from: unknown; to: unknown }

export type ImportOutcome = {
  status: 'created' | 'updated' | 'unchanged'
  meetingId: string
  bodyId: string
  bodyCreated: boolean
  changes: FieldChange[]
  /** Things the import decided that the user should know (owners recorded as groups, times assumed). */
  notes: string[]
}

/** What the parser understood of one document, and the choice made on the review screen. */
export type StoredParse = { meeting: ParsedMeeting; createBody?: boolean }

/** The review screen's "what would happen" for one document. */
export type DocumentPlan =
  | { kind: 'not_a_meeting_record' }
  | { kind: 'no_body' | 'no_date'; bodyName: string | null }
  | { kind: 'body_missing'; bodyName: string }
  | { kind: 'create' | 'update'; bodyName: string; bodyId: string; meetingId: string | null; meetingStatus: MeetingStatus | null }
  /** The import will change nothing: the meeting is run in Joined Up, cancelled, or has final minutes. */
  | { kind: 'refused'; bodyName: string; bodyId: string; meetingId: string; meetingStatus: MeetingStatus; reason: string }

export type UploadedDocument = { fileName: string; content: string }
export type NewJobInput = { bodyId?: string | undefined; bodyHint?: string | undefined; dateHint?: string | undefined }

type ActionOwner = { personId: string | null; organisationId: string | null; groupName: string | null }

/**
 * The writes an import makes in the tables of the modules that own them (ADR 0002, ADR 0007): each module
 * provides them (its imported-records.ts) and src/services.ts hands them to the importer, which calls them
 * inside its one transaction per document. Every function takes that transaction, last.
 */
export type ImportWrites = {
  structure: {
    insertBody(values: { slug: string; partnershipId: string; name: string; kind: BodyKind }, tx: Db): Promise<BodyMatch>
    insertPerson(values: { honorific: string | null; fullName: string; organisationId: string | null }, tx: Db): Promise<PersonMatch>
    /** The partnership uses these people from now on (issue 10): only partnerships that use a person see them. */
    notePeopleUse: NotePeopleUse
  }
  meetings: {
    insertMeeting(values: typeof meetings.$inferInsert, tx: Db): Promise<ImportedMeetingRow>
    /** Returns the new version. */
    updateMeeting(id: string, changes: Partial<typeof meetings.$inferInsert>, tx: Db): Promise<number>
    insertItem(values: typeof agendaItems.$inferInsert, tx: Db): Promise<ImportedItemRow>
    /** Returns the new version. */
    updateItem(id: string, changes: Partial<typeof agendaItems.$inferInsert>, tx: Db): Promise<number>
    deleteItems(ids: string[], tx: Db): Promise<void>
    replaceDecisions(itemId: string, texts: string[], tx: Db): Promise<{ id: string; version: number }[]>
    replaceAttendance(
      meetingId: string,
      rows: { personId: string; status: AttendanceStatus; organisationId: string | null }[],
      tx: Db,
    ): Promise<{ id: string; version: number }[]>
  }
  actions: {
    insertAction(values: typeof actions.$inferInsert, tx: Db): Promise<ImportedActionRow>
    /** Returns the new version. */
    updateAction(id: string, changes: Partial<typeof actions.$inferInsert>, tx: Db): Promise<number>
    replaceOwners(actionId: string, owner: ActionOwner | null, tx: Db): Promise<void>
    /** Returns the update's id. */
    insertUpdate(values: typeof actionUpdates.$inferInsert, tx: Db): Promise<string>
    deleteActions(ids: string[], tx: Db): Promise<void>
  }
}
