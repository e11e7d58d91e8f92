import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { inList, requiredRef, timestamps, versionColumn } from '../../platform/db/columns.ts'
import { DATE_PRECISIONS, type DatePrecision } from '../../shared/partial-dates.ts'
import { bodies, organisations, partnerships, people } from '../structure/structure.tables.ts'
import { users } from '../accounts/accounts.tables.ts'
import { agendaItems, decisions, documents, meetings } from '../meetings/meetings.tables.ts'
import { actions } from '../actions/actions.tables.ts'
import { themes } from '../strategy/strategy.tables.ts'

/** A workstream's status (delivery-and-assurance.md section 1). */
export const WORKSTREAM_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'closed'] as const
export type WorkstreamStatus = (typeof WORKSTREAM_STATUSES)[number]

export const RAG_RATINGS = ['red', 'amber', 'green'] as const
export type RagRating = (typeof RAG_RATINGS)[number]

/** "Overdue" is computed from the due date, never stored. */
export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'completed', 'dropped'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]

/** Amber and red need a reason: the same rule as rag.ts, in the database. */
const RAG_REASON_CHECK = sql`rag is null or rag = 'green' or length(btrim(coalesce(rag_reason, ''))) > 0`

/** A workstream (initiative, project) under a theme of its partnership's strategy. ADR 0008. */
export const workstreams = pgTable(
  'workstreams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    themeId: uuid('theme_id').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** Markdown. */
    description: text('description'),
    leadPersonId: uuid('lead_person_id').references(() => people.id, { onDelete: 'set null' }),
    leadOrganisationId: uuid('lead_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    owningBodyId: uuid('owning_body_id').references(() => bodies.id, { onDelete: 'set null' }),
    startsOn: date('starts_on', { mode: 'string' }),
    startsOnPrecision: text('starts_on_precision').$type<DatePrecision>().notNull().default('day'),
    endsOn: date('ends_on', { mode: 'string' }),
    endsOnPrecision: text('ends_on_precision').$type<DatePrecision>().notNull().default('day'),
    status: text('status').$type<WorkstreamStatus>().notNull().default('not_started'),
    rag: text('rag').$type<RagRating>(),
    /** Why the RAG is what it is. Staff only: the public sees the rating. */
    ragReason: text('rag_reason'),
    isPublic: boolean('is_public').notNull().default(true),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('workstreams_partnership_slug_idx').on(t.partnershipId, t.slug),
    index('workstreams_theme_idx').on(t.themeId),
    index('workstreams_owning_body_idx').on(t.owningBodyId),
    index('workstreams_lead_person_idx').on(t.leadPersonId),
    index('workstreams_lead_organisation_idx').on(t.leadOrganisationId),
    // The theme must be one of the workstream's own partnership.
    foreignKey({ name: 'workstreams_theme_fk', columns: [t.themeId, t.partnershipId], foreignColumns: [themes.id, themes.partnershipId] }).onDelete('restrict'),
    check('workstreams_status_check', inList('status', WORKSTREAM_STATUSES)),
    check('workstreams_rag_check', sql`rag is null or ${inList('rag', RAG_RATINGS)}`),
    check('workstreams_rag_reason_check', RAG_REASON_CHECK),
    check('workstreams_starts_precision_check', inList('starts_on_precision', DATE_PRECISIONS)),
    check('workstreams_ends_precision_check', inList('ends_on_precision', DATE_PRECISIONS)),
    check('workstreams_dates_check', sql`ends_on is null or starts_on is null or ends_on >= starts_on`),
  ],
)

export const workstreamMilestones = pgTable(
  'workstream_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workstreamId: requiredRef('workstream_id', () => workstreams.id),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    dueOnPrecision: text('due_on_precision').$type<DatePrecision>().notNull().default('day'),
    doneOn: date('done_on', { mode: 'string' }),
    status: text('status').$type<MilestoneStatus>().notNull().default('not_started'),
    /** Markdown: how it was met, or why it was dropped. */
    note: text('note'),
    ...versionColumn(),
    ...timestamps(),
    /** Creation order: the tie-breaker after the due date. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('workstream_milestones_workstream_idx').on(t.workstreamId, t.dueOn),
    check('workstream_milestones_status_check', inList('status', MILESTONE_STATUSES)),
    check('workstream_milestones_precision_check', inList('due_on_precision', DATE_PRECISIONS)),
    check('workstream_milestones_done_check', sql`(status = 'completed') = (done_on is not null)`),
  ],
)

/**
 * A dated progress update, with the status, RAG and reason the workstream had after it (the history of RAG
 * "now and before"). Private unless marked public.
 */
export const workstreamUpdates = pgTable(
  'workstream_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workstreamId: requiredRef('workstream_id', () => workstreams.id),
    /** Markdown. */
    text: text('text').notNull(),
    status: text('status').$type<WorkstreamStatus>().notNull(),
    rag: text('rag').$type<RagRating>(),
    ragReason: text('rag_reason'),
    isPublic: boolean('is_public').notNull().default(false),
    reportedAtMeetingId: uuid('reported_at_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Creation order, the tie-breaker after created_at. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('workstream_updates_workstream_idx').on(t.workstreamId, t.createdAt),
    check('workstream_updates_status_check', inList('status', WORKSTREAM_STATUSES)),
    check('workstream_updates_rag_check', sql`rag is null or ${inList('rag', RAG_RATINGS)}`),
    check('workstream_updates_rag_reason_check', RAG_REASON_CHECK),
  ],
)

/**
 * A link from a theme or a workstream to an action, decision, agenda item or paper: one table, typed foreign keys
 * (exactly one owner, exactly one target), each cascading, so a deleted record takes its links with it. ADR 0008.
 */
export const programmeLinks = pgTable(
  'programme_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    themeId: uuid('theme_id').references(() => themes.id, { onDelete: 'cascade' }),
    workstreamId: uuid('workstream_id').references(() => workstreams.id, { onDelete: 'cascade' }),
    actionId: uuid('action_id').references(() => actions.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    linkedByUserId: uuid('linked_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('programme_links_unique_idx').on(
      sql`coalesce(${t.themeId}, ${t.workstreamId})`,
      sql`coalesce(${t.actionId}, ${t.decisionId}, ${t.agendaItemId}, ${t.documentId})`,
    ),
    index('programme_links_partnership_idx').on(t.partnershipId),
    index('programme_links_theme_idx').on(t.themeId),
    index('programme_links_workstream_idx').on(t.workstreamId),
    index('programme_links_action_idx').on(t.actionId),
    index('programme_links_decision_idx').on(t.decisionId),
    index('programme_links_item_idx').on(t.agendaItemId),
    index('programme_links_document_idx').on(t.documentId),
    check('programme_links_one_owner_check', sql`(theme_id is not null)::int + (workstream_id is not null)::int = 1`),
    check(
      'programme_links_one_target_check',
      sql`(action_id is not null)::int + (decision_id is not null)::int + (agenda_item_id is not null)::int + (document_id is not null)::int = 1`,
    ),
  ],
)
