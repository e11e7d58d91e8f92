import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { inList, searchVector, requiredRef } from '../../platform/db/columns.ts'
import { bodies, organisations, people } from '../structure/structure.tables.ts'
import { agendaItems, decisions, meetings } from '../meetings/meetings.tables.ts'
import { users } from '../accounts/accounts.tables.ts'

export const ACTION_STATUSES = ['open', 'in_progress', 'completed', 'cleared', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** An action: what, who (action_owners), when, status. "Overdue" is computed from due_on, never stored. */
export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The body that owns the action (its matters arising). */
    bodyId: requiredRef('body_id', () => bodies.id, 'restrict'),
    /** Where it was raised. */
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    itemId: uuid('item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'set null' }),
    /** Markdown: what is to be done. */
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    /** London date the action was raised: "open for N days" counts from it. */
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    isPublic: boolean('is_public').notNull().default(false),
    completedOn: date('completed_on', { mode: 'string' }),
    /** A meeting agreed its removal from the log. */
    clearedAtMeetingId: uuid('cleared_at_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    droppedReason: text('dropped_reason'),
    searchVector: searchVector([{ column: 'description', weight: 'A' }]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Creation order. created_at cannot break ties: rows written in one transaction share now(), and
     * PGlite's clock counts whole milliseconds. Lists order by created_at, then seq.
     */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('actions_body_status_idx').on(t.bodyId, t.status),
    index('actions_due_idx').on(t.dueOn),
    index('actions_meeting_idx').on(t.meetingId),
    index('actions_item_idx').on(t.itemId),
    index('actions_decision_idx').on(t.decisionId),
    index('actions_search_idx').using('gin', t.searchVector),
    check('actions_status_check', inList('status', ACTION_STATUSES)),
    check('actions_cleared_check', sql`status <> 'cleared' or cleared_at_meeting_id is not null`),
    check('actions_dropped_check', sql`status <> 'dropped' or dropped_reason is not null`),
  ],
)

/** Who: a person, an organisation, or a named group such as "PMO", "Executive" or "Group Leads". */
export const actionOwners = pgTable(
  'action_owners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: requiredRef('action_id', () => actions.id),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'restrict' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    groupName: text('group_name'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('action_owners_action_idx').on(t.actionId),
    index('action_owners_person_idx').on(t.personId),
    index('action_owners_organisation_idx').on(t.organisationId),
    check(
      'action_owners_one_check',
      sql`(person_id is not null)::int + (organisation_id is not null)::int + (group_name is not null)::int = 1`,
    ),
  ],
)

/** Actions treated as one ("both above linked as one action"). Stored once, lower id first. */
export const actionLinks = pgTable(
  'action_links',
  {
    actionId: requiredRef('action_id', () => actions.id),
    linkedActionId: requiredRef('linked_action_id', () => actions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.linkedActionId] }),
    index('action_links_linked_idx').on(t.linkedActionId),
    check('action_links_order_check', sql`action_id < linked_action_id`),
  ],
)

/** Dated updates, each with its author and, when reported at a meeting, that meeting. */
export const actionUpdates = pgTable(
  'action_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: requiredRef('action_id', () => actions.id),
    /** Markdown. */
    text: text('text').notNull(),
    /** The status the action moved to with this update, if it moved. */
    statusTo: text('status_to').$type<ActionStatus>(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** An owner who posted through their emailed link. */
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    reportedAtMeetingId: uuid('reported_at_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Creation order, the tie-breaker after created_at (see actions.seq). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('action_updates_action_idx').on(t.actionId, t.createdAt),
    check('action_updates_status_check', sql`status_to is null or ${inList('status_to', ACTION_STATUSES)}`),
  ],
)
