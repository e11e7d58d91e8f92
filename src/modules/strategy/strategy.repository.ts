import { and, asc, desc, eq, inArray, max, ne, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import type { NumberableItemRow, NumberableMeeting } from '../../shared/item-numbers.ts'
import { bodies } from '../structure/structure.read.ts'
import { agendaItems, decisions, meetings } from '../meetings/meetings.read.ts'
import { findItemNumbering } from '../meetings/item-numbers.read.ts'
import { agendaPublicSql, itemOpenSql, minutesPublicSql } from '../meetings/public-rules.ts'
import { strategyAims, strategyPrinciples, strategyVersions, strategyVersionThemes, themes } from './strategy.tables.ts'

export type VersionRow = typeof strategyVersions.$inferSelect
export type ThemeRow = typeof themes.$inferSelect
/** A theme as a version has it, with its stable id and slug. */
export type VersionTheme = { versionId: string; themeId: string; slug: string; position: number; title: string; description: string | null }
export type LineRow = { versionId: string; position: number; text: string }
/** A meeting of the partnership, for the approval picker. */
export type MeetingChoice = { id: string; date: string; status: string; bodyId: string; bodyName: string; partnershipId: string }
export type DecisionChoice = { id: string; text: string; itemId: string; itemTitle: string; meetingId: string }
export type NewVersionTheme = { themeId: string; position: number; title: string; description: string | null }

type LineTable = typeof strategyPrinciples | typeof strategyAims

/** What an approval may point at, from meetings' read surface: the partnership's meetings and their decisions. */
function approvalQueries(db: Db) {
  return {
    async meetingsOfPartnership(partnershipId: string, tx: Db = db): Promise<MeetingChoice[]> {
      return tx
        .select({ id: meetings.id, date: meetings.date, status: meetings.status, bodyId: bodies.id, bodyName: bodies.name, partnershipId: bodies.partnershipId })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(bodies.partnershipId, partnershipId), ne(meetings.status, 'cancelled')))
        .orderBy(desc(meetings.date), asc(bodies.name))
    },
    async findMeetingChoice(meetingId: string, tx: Db = db): Promise<MeetingChoice | undefined> {
      const [row] = await tx
        .select({ id: meetings.id, date: meetings.date, status: meetings.status, bodyId: bodies.id, bodyName: bodies.name, partnershipId: bodies.partnershipId })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(eq(meetings.id, meetingId))
        .limit(1)
      return row
    },
    async decisionsOfMeeting(meetingId: string, tx: Db = db): Promise<DecisionChoice[]> {
      return tx
        .select({ id: decisions.id, text: decisions.text, itemId: agendaItems.id, itemTitle: agendaItems.title, meetingId: agendaItems.meetingId })
        .from(decisions)
        .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
        .where(eq(agendaItems.meetingId, meetingId))
        .orderBy(asc(agendaItems.position), asc(decisions.position))
    },
    async findDecisionChoices(ids: readonly string[], tx: Db = db): Promise<DecisionChoice[]> {
      if (ids.length === 0) return []
      return tx
        .select({ id: decisions.id, text: decisions.text, itemId: agendaItems.id, itemTitle: agendaItems.title, meetingId: agendaItems.meetingId })
        .from(decisions)
        .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
        .where(inArray(decisions.id, [...ids]))
    },
    /** The public may see this meeting's agenda (meetings/public-rules.ts). */
    async isMeetingPublic(meetingId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, meetingId), agendaPublicSql())).limit(1)
      return rows.length > 0
    },
    /** The public may see this decision: its minutes are published and its item (and that item's parent) is open. */
    async isDecisionPublic(decisionId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .select({ id: decisions.id })
        .from(decisions)
        .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(decisions.id, decisionId), minutesPublicSql(), itemOpenSql()))
        .limit(1)
      return rows.length > 0
    },
    async findNumbering(meetingIds: string[], tx: Db = db): Promise<{ meetings: NumberableMeeting[]; items: NumberableItemRow[] }> {
      return findItemNumbering(meetingIds, tx)
    },
  }
}

/** Drizzle queries only, for strategy versions, their principles, aims and themes. */
export function strategyRepository(db: Db) {
  async function linesOf(table: LineTable, versionIds: readonly string[], tx: Db): Promise<LineRow[]> {
    if (versionIds.length === 0) return []
    return tx
      .select({ versionId: table.versionId, position: table.position, text: table.text })
      .from(table)
      .where(inArray(table.versionId, [...versionIds]))
      .orderBy(asc(table.versionId), asc(table.position))
  }
  async function replaceLines(table: LineTable, versionId: string, texts: readonly string[], tx: Db): Promise<void> {
    await tx.delete(table).where(eq(table.versionId, versionId))
    if (texts.length) await tx.insert(table).values(texts.map((text, position) => ({ versionId, position, text })))
  }

  return {
    // ---- versions ----
    async findVersionsOfPartnership(partnershipId: string, tx: Db = db): Promise<VersionRow[]> {
      return tx.select().from(strategyVersions).where(eq(strategyVersions.partnershipId, partnershipId)).orderBy(desc(strategyVersions.number))
    },
    async findVersionById(id: string, tx: Db = db): Promise<VersionRow | undefined> {
      const [row] = await tx.select().from(strategyVersions).where(eq(strategyVersions.id, id)).limit(1)
      return row
    },
    async findVersionByNumber(partnershipId: string, number: number, tx: Db = db): Promise<VersionRow | undefined> {
      const [row] = await tx
        .select()
        .from(strategyVersions)
        .where(and(eq(strategyVersions.partnershipId, partnershipId), eq(strategyVersions.number, number)))
        .limit(1)
      return row
    },
    /** The version, locked until the transaction ends (changes to a draft and its approval queue behind each other). */
    async lockVersion(id: string, tx: Db): Promise<VersionRow | undefined> {
      const [row] = await tx.select().from(strategyVersions).where(eq(strategyVersions.id, id)).for('update').limit(1)
      return row
    },
    async findVersionWithStatus(partnershipId: string, status: 'draft' | 'approved', tx: Db = db): Promise<VersionRow | undefined> {
      const [row] = await tx
        .select()
        .from(strategyVersions)
        .where(and(eq(strategyVersions.partnershipId, partnershipId), eq(strategyVersions.status, status)))
        .limit(1)
      return row
    },
    async latestNumber(partnershipId: string, tx: Db): Promise<number> {
      const [row] = await tx.select({ n: max(strategyVersions.number) }).from(strategyVersions).where(eq(strategyVersions.partnershipId, partnershipId))
      return row?.n ?? 0
    },
    async insertVersion(values: typeof strategyVersions.$inferInsert, tx: Db): Promise<VersionRow> {
      const [row] = await tx.insert(strategyVersions).values(values).returning()
      return row!
    },
    /** Undefined when the version moved on (someone else saved first). */
    updateVersion: (id: string, version: number, values: Partial<typeof strategyVersions.$inferInsert>, tx: Db) =>
      updateIfVersion(tx, strategyVersions, id, version, values),
    /** Supersede the partnership's approved version, if any (before another is approved). */
    async supersedeApproved(partnershipId: string, at: Date, tx: Db): Promise<VersionRow | undefined> {
      const [row] = await tx
        .update(strategyVersions)
        .set({ status: 'superseded', supersededAt: at, updatedAt: at, version: sql`${strategyVersions.version} + 1` })
        .where(and(eq(strategyVersions.partnershipId, partnershipId), eq(strategyVersions.status, 'approved')))
        .returning()
      return row
    },

    // ---- principles and aims ----
    findPrinciples: (versionIds: readonly string[], tx: Db = db) => linesOf(strategyPrinciples, versionIds, tx),
    findAims: (versionIds: readonly string[], tx: Db = db) => linesOf(strategyAims, versionIds, tx),
    replacePrinciples: (versionId: string, texts: readonly string[], tx: Db) => replaceLines(strategyPrinciples, versionId, texts, tx),
    replaceAims: (versionId: string, texts: readonly string[], tx: Db) => replaceLines(strategyAims, versionId, texts, tx),

    // ---- themes ----
    async findVersionThemes(versionIds: readonly string[], tx: Db = db): Promise<VersionTheme[]> {
      if (versionIds.length === 0) return []
      return tx
        .select({
          versionId: strategyVersionThemes.versionId,
          themeId: themes.id,
          slug: themes.slug,
          position: strategyVersionThemes.position,
          title: strategyVersionThemes.title,
          description: strategyVersionThemes.description,
        })
        .from(strategyVersionThemes)
        .innerJoin(themes, eq(themes.id, strategyVersionThemes.themeId))
        .where(inArray(strategyVersionThemes.versionId, [...versionIds]))
        .orderBy(asc(strategyVersionThemes.versionId), asc(strategyVersionThemes.position))
    },
    /** The snapshots of one theme in the given versions, newest version first. */
    async findSnapshotsOfTheme(themeId: string, versionIds: readonly string[], tx: Db = db): Promise<VersionTheme[]> {
      if (versionIds.length === 0) return []
      return tx
        .select({
          versionId: strategyVersionThemes.versionId,
          themeId: themes.id,
          slug: themes.slug,
          position: strategyVersionThemes.position,
          title: strategyVersionThemes.title,
          description: strategyVersionThemes.description,
        })
        .from(strategyVersionThemes)
        .innerJoin(themes, eq(themes.id, strategyVersionThemes.themeId))
        .innerJoin(strategyVersions, eq(strategyVersions.id, strategyVersionThemes.versionId))
        .where(and(eq(strategyVersionThemes.themeId, themeId), inArray(strategyVersionThemes.versionId, [...versionIds])))
        .orderBy(desc(strategyVersions.number))
    },
    async findThemeById(id: string, tx: Db = db): Promise<ThemeRow | undefined> {
      const [row] = await tx.select().from(themes).where(eq(themes.id, id)).limit(1)
      return row
    },
    async findThemeBySlug(partnershipId: string, slug: string, tx: Db = db): Promise<ThemeRow | undefined> {
      const [row] = await tx.select().from(themes).where(and(eq(themes.partnershipId, partnershipId), eq(themes.slug, slug))).limit(1)
      return row
    },
    async themeSlugsLike(partnershipId: string, base: string, tx: Db): Promise<string[]> {
      const rows = await tx
        .select({ slug: themes.slug })
        .from(themes)
        .where(and(eq(themes.partnershipId, partnershipId), sql`(${themes.slug} = ${base} or ${themes.slug} like ${`${base}-%`})`))
      return rows.map((r) => r.slug)
    },
    async insertTheme(values: { partnershipId: string; slug: string }, tx: Db): Promise<ThemeRow> {
      const [row] = await tx.insert(themes).values(values).returning()
      return row!
    },
    /** A version's themes replaced by these (in this order). */
    async replaceVersionThemes(versionId: string, rows: readonly NewVersionTheme[], tx: Db): Promise<void> {
      await tx.delete(strategyVersionThemes).where(eq(strategyVersionThemes.versionId, versionId))
      if (rows.length) await tx.insert(strategyVersionThemes).values(rows.map((r) => ({ ...r, versionId })))
    },
    /** Does any version other than `exceptVersionId` have this theme? */
    async themeInOtherVersions(themeId: string, exceptVersionId: string, tx: Db): Promise<boolean> {
      const rows = await tx
        .select({ v: strategyVersionThemes.versionId })
        .from(strategyVersionThemes)
        .where(and(eq(strategyVersionThemes.themeId, themeId), ne(strategyVersionThemes.versionId, exceptVersionId)))
        .limit(1)
      return rows.length > 0
    },
    async deleteTheme(id: string, tx: Db): Promise<void> {
      await tx.delete(themes).where(eq(themes.id, id))
    },

    // ---- what the approval may point at (meetings' read surface) ----
    ...approvalQueries(db),
  }
}
export type StrategyRepository = ReturnType<typeof strategyRepository>
