import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { inList, searchVector, timestamps, versionColumn } from '../../platform/db/columns.ts'
import { bodies, people, organisations } from '../structure/structure.tables.ts'
import { users } from '../accounts/accounts.tables.ts'

export const MEETING_KINDS = ['ordinary', 'extraordinary', 'away_day', 'challenge_session'] as const
export type MeetingKind = (typeof MEETING_KINDS)[number]

export const MEETING_STATUSES = [
  'scheduled',
  'agenda_published',
  'held',
  'minutes_draft',
  'minutes_approved',
  'cancelled',
] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]

export const ITEM_PURPOSES = ['decision', 'discussion', 'information'] as const
/** 'matters_arising': the generated "Minutes and matters arising" item that lists open actions. */
export const ITEM_KINDS = ['standard', 'matters_arising'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export type ItemPurpose = (typeof ITEM_PURPOSES)[number]

export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent', 'deputy', 'in_attendance'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]

/** Schedule 12A Part 1 paragraphs (England). */
export const EXEMPT_PARAGRAPHS = [1, 2, 3, 4, 5, 6, 7] as const

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
})



export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'restrict' }),
    /** Calendar date and wall-clock times in Europe/London. */
    date: date('date', { mode: 'string' }).notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time'),
    venue: text('venue'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    kind: text('kind').$type<MeetingKind>().notNull().default('ordinary'),
    status: text('status').$type<MeetingStatus>().notNull().default('scheduled'),
    /** Number of the first main item under a continuing scheme; null uses the body's counter. */
    firstItemNumber: integer('first_item_number'),
    movedFromDate: date('moved_from_date', { mode: 'string' }),
    movedFromTime: time('moved_from_time'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    agendaPublishedAt: timestamp('agenda_published_at', { withTimezone: true }),
    /** Set when the agenda was published later than the notice rule allows. */
    lateReason: text('late_reason'),
    minutesApprovedAt: timestamp('minutes_approved_at', { withTimezone: true }),
    minutesApprovedAtMeetingId: uuid('minutes_approved_at_meeting_id').references((): AnyPgColumn => meetings.id, {
      onDelete: 'set null',
    }),
    /** When draft minutes were first published (the feed's "minutes published" entry). */
    minutesPublishedAt: timestamp('minutes_published_at', { withTimezone: true }),
    /** iCalendar SEQUENCE: bumped on every change a calendar subscriber should see (time, place, status). */
    icalSequence: integer('ical_sequence').notNull().default(0),
    /** Where an imported meeting came from (file name or address), and when it was last imported. */
    importedFrom: text('imported_from'),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index('meetings_body_date_idx').on(t.bodyId, t.date),
    index('meetings_date_idx').on(t.date),
    index('meetings_updated_idx').on(t.updatedAt, t.id),
    check('meetings_kind_check', inList('kind', MEETING_KINDS)),
    check('meetings_status_check', inList('status', MEETING_STATUSES)),
    check('meetings_times_check', sql`end_time is null or end_time > start_time`),
  ],
)

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    parentItemId: uuid('parent_item_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').$type<ItemKind>().notNull().default('standard'),
    /** A number as printed, when it does not follow the body's scheme (imports, "CSF 14/1"). */
    numberOverride: text('number_override'),
    title: text('title').notNull(),
    /** Markdown: the item's description as printed on the agenda. */
    description: text('description'),
    purpose: text('purpose').$type<ItemPurpose>(),
    presenter: text('presenter'),
    isExempt: boolean('is_exempt').notNull().default(false),
    exemptParagraph: integer('exempt_paragraph'),
    publicInterestReasoning: text('public_interest_reasoning'),
    exemptReviewOn: date('exempt_review_on', { mode: 'string' }),
    /** A late item: the chair's ruling of urgency, recorded in the minutes (s.100B(4)(b)). */
    urgencyReason: text('urgency_reason'),
    addedAfterPublication: boolean('added_after_publication').notNull().default(false),
    /** Markdown minutes for this item. */
    minutes: text('minutes'),
    /**
     * The minutes are only the start of the text: the page they were imported from showed an excerpt ("... view
     * the full minutes text for item 43b") and the rest was not in the document. The public page says so.
     */
    minutesExcerpt: boolean('minutes_excerpt').notNull().default(false),
    /** Where the full minutes text of an excerpt can be read at the source (the page's own link), when known. */
    minutesSourceUrl: text('minutes_source_url'),
    searchVector: searchVector([
      { column: 'title', weight: 'A' },
      { column: 'description', weight: 'B' },
      { column: 'minutes', weight: 'B' },
    ]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    index('agenda_items_search_idx').using('gin', t.searchVector),
    index('agenda_items_parent_idx').on(t.parentItemId),
    check('agenda_items_kind_check', inList('kind', ITEM_KINDS)),
    check('agenda_items_purpose_check', sql`purpose is null or ${inList('purpose', ITEM_PURPOSES)}`),
    check(
      'agenda_items_exempt_check',
      sql`(is_exempt = false and exempt_paragraph is null) or (is_exempt = true and exempt_paragraph between 1 and 7)`,
    ),
  ],
)

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    /** Markdown: what was resolved. */
    text: text('text').notNull(),
    searchVector: searchVector([{ column: 'text', weight: 'A' }]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [index('decisions_item_idx').on(t.itemId, t.position), index('decisions_search_idx').using('gin', t.searchVector)],
)

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').references(() => agendaItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    title: text('title').notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    isExempt: boolean('is_exempt').notNull().default(false),
    exemptParagraph: integer('exempt_paragraph'),
    publicInterestReasoning: text('public_interest_reasoning'),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Text extracted on upload (PDF, DOCX) for search; null when none could be extracted. */
    textContent: text('text_content'),
    /** 'extracted' | 'empty' (no text layer, e.g. a scan) | 'unsupported' | 'failed' */
    textStatus: text('text_status'),
    pageCount: integer('page_count'),
    searchVector: searchVector([
      { column: 'title', weight: 'A' },
      { column: 'text_content', weight: 'C' },
    ]),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index('documents_meeting_idx').on(t.meetingId),
    index('documents_search_idx').using('gin', t.searchVector),
    index('documents_item_idx').on(t.itemId, t.position),
    check(
      'documents_exempt_check',
      sql`(is_exempt = false and exempt_paragraph is null) or (is_exempt = true and exempt_paragraph between 1 and 7)`,
    ),
  ],
)

export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'restrict' }),
    status: text('status').$type<AttendanceStatus>().notNull(),
    /** For status 'deputy': the member this person stood in for. */
    deputyForPersonId: uuid('deputy_for_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** The organisation they attended for (defaults to their seat's). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** e.g. "Facilitator", "Officer": shown for people in attendance. */
    capacity: text('capacity'),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('attendance_meeting_person_idx').on(t.meetingId, t.personId),
    check('attendance_status_check', inList('status', ATTENDANCE_STATUSES)),
    check('attendance_deputy_check', sql`status = 'deputy' or deputy_for_person_id is null`),
  ],
)

/** Corrections agreed when minutes are approved at a later meeting, and any made later through the same route. */
export const minutesCorrections = pgTable(
  'minutes_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** The later meeting of the same body at which the correction was agreed. */
    agreedAtMeetingId: uuid('agreed_at_meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'restrict' }),
    itemId: uuid('item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('minutes_corrections_meeting_idx').on(t.meetingId, t.createdAt)],
)
