import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { inList, requiredRef, timestamps, versionColumn } from '../../platform/db/columns.ts'
import { DATE_PRECISIONS, type DatePrecision } from '../../shared/partial-dates.ts'
import { bodies, partnerships } from '../structure/structure.tables.ts'
import { users } from '../accounts/accounts.tables.ts'
import { decisions, meetings } from '../meetings/meetings.tables.ts'

/** A version's life: drafted, approved (the current strategy), superseded (kept, never edited). ADR 0008. */
export const STRATEGY_STATUSES = ['draft', 'approved', 'superseded'] as const
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number]

/** One version of a partnership's strategy, numbered 1, 2, 3 ... within the partnership. */
export const strategyVersions = pgTable(
  'strategy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    number: integer('number').notNull(),
    /** e.g. "Chorley Public Service Reform Partnership Strategy 2015-2020". */
    title: text('title').notNull(),
    periodFromYear: integer('period_from_year'),
    periodToYear: integer('period_to_year'),
    purpose: text('purpose'),
    vision: text('vision'),
    /** What this version changes, in the secretariat's words (the computed comparison says it line by line). */
    changeNote: text('change_note'),
    status: text('status').$type<StrategyStatus>().notNull().default('draft'),
    basedOnVersionId: uuid('based_on_version_id').references((): AnyPgColumn => strategyVersions.id, { onDelete: 'set null' }),
    approvedByBodyId: uuid('approved_by_body_id').references(() => bodies.id, { onDelete: 'restrict' }),
    approvedAtMeetingId: uuid('approved_at_meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    approvalDecisionId: uuid('approval_decision_id').references(() => decisions.id, { onDelete: 'set null' }),
    /** The day of approval, or the first of its month when only the month is known (precision 'month'). */
    approvedOn: date('approved_on', { mode: 'string' }),
    approvedOnPrecision: text('approved_on_precision').$type<DatePrecision>().notNull().default('day'),
    approvalRecordedAt: timestamp('approval_recorded_at', { withTimezone: true }),
    approvalRecordedByUserId: uuid('approval_recorded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    ...versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('strategy_versions_number_idx').on(t.partnershipId, t.number),
    uniqueIndex('strategy_versions_one_draft_idx').on(t.partnershipId).where(sql`status = 'draft'`),
    uniqueIndex('strategy_versions_one_approved_idx').on(t.partnershipId).where(sql`status = 'approved'`),
    index('strategy_versions_body_idx').on(t.approvedByBodyId),
    index('strategy_versions_meeting_idx').on(t.approvedAtMeetingId),
    index('strategy_versions_decision_idx').on(t.approvalDecisionId),
    check('strategy_versions_status_check', inList('status', STRATEGY_STATUSES)),
    check('strategy_versions_precision_check', inList('approved_on_precision', DATE_PRECISIONS)),
    check('strategy_versions_number_check', sql`number > 0`),
    check('strategy_versions_period_check', sql`period_to_year is null or period_from_year is null or period_to_year >= period_from_year`),
    check('strategy_versions_approved_check', sql`status <> 'approved' or (approved_by_body_id is not null and approved_on is not null)`),
    check('strategy_versions_draft_check', sql`status <> 'draft' or (approved_on is null and approved_by_body_id is null)`),
  ],
)

/** The version's principles, in order. */
export const strategyPrinciples = pgTable(
  'strategy_principles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: requiredRef('version_id', () => strategyVersions.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('strategy_principles_position_idx').on(t.versionId, t.position)],
)

/** The version's aims, in order. */
export const strategyAims = pgTable(
  'strategy_aims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: requiredRef('version_id', () => strategyVersions.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('strategy_aims_position_idx').on(t.versionId, t.position)],
)

/**
 * A theme (priority) of a partnership: its identity and public address only, stable across versions. What it is
 * called and says is in each version's snapshot (strategy_version_themes). Workstreams and links point here.
 */
export const themes = pgTable(
  'themes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: requiredRef('partnership_id', () => partnerships.id),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('themes_partnership_slug_idx').on(t.partnershipId, t.slug),
    // The target of workstreams' composite foreign key (a workstream's theme is of its own partnership): a
    // constraint, created with the table, so the key can refer to it.
    unique('themes_id_partnership_key').on(t.id, t.partnershipId),
  ],
)

/** A theme as one version has it: title, description and place in the list. */
export const strategyVersionThemes = pgTable(
  'strategy_version_themes',
  {
    versionId: requiredRef('version_id', () => strategyVersions.id),
    themeId: requiredRef('theme_id', () => themes.id, 'restrict'),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.themeId] }),
    uniqueIndex('strategy_version_themes_position_idx').on(t.versionId, t.position),
    index('strategy_version_themes_theme_idx').on(t.themeId),
  ],
)
