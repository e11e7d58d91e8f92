import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import type { NumberableItemRow, NumberableMeeting } from '../../shared/item-numbers.ts'
import { bodies } from '../structure/structure.read.ts'
import { agendaItems, decisions, documents, meetings } from '../meetings/meetings.read.ts'
import { findItemNumbering } from '../meetings/item-numbers.read.ts'
import { agendaPublicSql, itemOpenSql, minutesPublicSql, paperPublicSql } from '../meetings/public-rules.ts'
import { actions, publishedActionSql } from '../actions/actions.read.ts'
import { programmeLinks } from './programme.tables.ts'

/** What a link hangs from: a theme (with its workstreams, when reading) or a workstream. */
export type LinkOwner = { kind: 'theme'; id: string } | { kind: 'workstream'; id: string }
export const TARGET_KINDS = ['item', 'decision', 'paper', 'action'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]
export type LinkTarget = { kind: TargetKind; id: string }

export type LinkRow = typeof programmeLinks.$inferSelect
/** One linked record in a timeline, with what the public rule says of it (`visible`). */
export type TimelineRow = {
  linkId: string
  viaWorkstreamId: string | null
  kind: TargetKind
  targetId: string
  meetingId: string | null
  itemId: string | null
  date: string
  title: string
  detail: string | null
  filename: string | null
  bodyId: string
  bodyName: string
  bodySlug: string
  visible: boolean
}

/** What was recorded at one meeting, for the link picker. */
export type MeetingRecords = {
  meeting: { id: string; date: string; bodyName: string; partnershipId: string }
  items: { id: string; title: string; parentItemId: string | null; position: number; isExempt: boolean }[]
  decisions: { id: string; itemId: string; text: string }[]
  papers: { id: string; itemId: string | null; title: string; isExempt: boolean }[]
  actions: { id: string; itemId: string | null; description: string; isPublic: boolean; status: string }[]
}

const COLUMN: Record<TargetKind, 'agendaItemId' | 'decisionId' | 'documentId' | 'actionId'> = {
  item: 'agendaItemId',
  decision: 'decisionId',
  paper: 'documentId',
  action: 'actionId',
}

/** SQL: the link row belongs to the owner; a theme's includes its workstreams' links (only public ones, for the public). */
function ownerSql(owner: LinkOwner, publicOnly: boolean): SQL {
  if (owner.kind === 'workstream') return sql`programme_links.workstream_id = ${owner.id}`
  return sql`(programme_links.theme_id = ${owner.id} or programme_links.workstream_id in (
    select w.id from workstreams w where w.theme_id = ${owner.id}${publicOnly ? sql` and w.is_public` : sql``}))`
}

/** One branch per kind of record; each says by its own public rule (meetings/public-rules.ts, publishedActionSql) whether the public may see it. */
function branches(owner: SQL): SQL[] {
  const common = sql`programme_links.id as link_id, programme_links.workstream_id as via_workstream_id`
  return [
    sql`select 'item' as kind, ${common}, agenda_items.id as target_id, meetings.id as meeting_id, agenda_items.id as item_id,
        meetings.date::text as date, agenda_items.title as title, null::text as detail, null::text as filename, meetings.body_id as body_id,
        (${agendaPublicSql()} and ${itemOpenSql()}) as visible
      from programme_links
      join agenda_items on agenda_items.id = programme_links.agenda_item_id
      join meetings on meetings.id = agenda_items.meeting_id
      where ${owner}`,
    sql`select 'decision' as kind, ${common}, decisions.id as target_id, meetings.id as meeting_id, agenda_items.id as item_id,
        meetings.date::text as date, decisions.text as title, agenda_items.title as detail, null::text as filename, meetings.body_id as body_id,
        (${minutesPublicSql()} and ${itemOpenSql()}) as visible
      from programme_links
      join decisions on decisions.id = programme_links.decision_id
      join agenda_items on agenda_items.id = decisions.item_id
      join meetings on meetings.id = agenda_items.meeting_id
      where ${owner}`,
    sql`select 'paper' as kind, ${common}, documents.id as target_id, meetings.id as meeting_id, documents.item_id as item_id,
        meetings.date::text as date, documents.title as title, null::text as detail, documents.filename as filename, meetings.body_id as body_id,
        ${paperPublicSql()} as visible
      from programme_links
      join documents on documents.id = programme_links.document_id
      join meetings on meetings.id = documents.meeting_id
      where ${owner}`,
    sql`select 'action' as kind, ${common}, actions.id as target_id,
        coalesce((select ai.meeting_id from agenda_items ai where ai.id = actions.item_id), actions.meeting_id) as meeting_id,
        actions.item_id as item_id, actions.raised_on::text as date, left(actions.description, 500) as title, actions.status as detail,
        null::text as filename, actions.body_id as body_id, ${publishedActionSql()} as visible
      from programme_links
      join actions on actions.id = programme_links.action_id
      where ${owner}`,
  ]
}

async function rowsOf<T>(query: SQL, tx: Db): Promise<T[]> {
  const result: unknown = await tx.execute(query)
  return (result as { rows: T[] }).rows
}

/** Which of these records belong to the partnership (the rest are refused). */
async function targetsOfPartnership(partnershipId: string, targets: readonly LinkTarget[], tx: Db): Promise<Set<string>> {
  const ids = (kind: TargetKind) => targets.filter((t) => t.kind === kind).map((t) => t.id)
  const found = new Set<string>()
  const add = (rows: { id: string }[]) => rows.forEach((r) => found.add(r.id))
  if (ids('item').length) {
    add(
      await tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(inArray(agendaItems.id, ids('item')), eq(bodies.partnershipId, partnershipId))),
    )
  }
  if (ids('decision').length) {
    add(
      await tx
        .select({ id: decisions.id })
        .from(decisions)
        .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(inArray(decisions.id, ids('decision')), eq(bodies.partnershipId, partnershipId))),
    )
  }
  if (ids('paper').length) {
    add(
      await tx
        .select({ id: documents.id })
        .from(documents)
        .innerJoin(meetings, eq(meetings.id, documents.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(inArray(documents.id, ids('paper')), eq(bodies.partnershipId, partnershipId))),
    )
  }
  if (ids('action').length) {
    add(
      await tx
        .select({ id: actions.id })
        .from(actions)
        .innerJoin(bodies, eq(bodies.id, actions.bodyId))
        .where(and(inArray(actions.id, ids('action')), eq(bodies.partnershipId, partnershipId))),
    )
  }
  return found
}

/** One page of a timeline (see the repository's `timeline`). */
async function timeline(owner: LinkOwner, publicOnly: boolean, page: { limit: number; offset: number }, tx: Db): Promise<{ rows: TimelineRow[]; total: number }> {
  const union = sql.join(
    branches(ownerSql(owner, publicOnly)).map((b) => sql`(${b})`),
    sql` union all `,
  )
  const rows = await rowsOf<{
    kind: TargetKind
    link_id: string
    via_workstream_id: string | null
    target_id: string
    meeting_id: string | null
    item_id: string | null
    date: string
    title: string
    detail: string | null
    filename: string | null
    body_id: string
    body_name: string
    body_slug: string
    visible: boolean
    total: number | string
  }>(
    sql`select p.*, bodies.name as body_name, bodies.slug as body_slug from (
      select d.*, count(*) over () as total from (
        select distinct on (u.kind, u.target_id) u.* from (${union}) u
        ${publicOnly ? sql`where u.visible` : sql``}
        order by u.kind, u.target_id, u.via_workstream_id nulls first, u.link_id
      ) d
      order by d.date desc, d.kind, d.target_id
      limit ${page.limit} offset ${page.offset}
    ) p
    join bodies on bodies.id = p.body_id
    order by p.date desc, p.kind, p.target_id`,
    tx,
  )
  let total = rows.length ? Number(rows[0]!.total) : 0
  if (!rows.length && page.offset > 0) {
    const [count] = await rowsOf<{ n: number | string }>(
      sql`select count(*) as n from (select distinct u.kind, u.target_id from (${union}) u ${publicOnly ? sql`where u.visible` : sql``}) d`,
      tx,
    )
    total = Number(count?.n ?? 0)
  }
  return {
    total,
    rows: rows.map((r) => ({
      linkId: r.link_id,
      viaWorkstreamId: r.via_workstream_id,
      kind: r.kind,
      targetId: r.target_id,
      meetingId: r.meeting_id,
      itemId: r.item_id,
      date: r.date,
      title: r.title,
      detail: r.detail,
      filename: r.filename,
      bodyId: r.body_id,
      bodyName: r.body_name,
      bodySlug: r.body_slug,
      visible: !!r.visible,
    })),
  }
}

/** Drizzle/SQL only: links from themes and workstreams to the record, and the timeline of what is linked. */
export function programmeLinksRepository(db: Db) {
  return {
    /** New links; one that exists already is left as it is. Returns how many were made. */
    async insertLinks(rows: (typeof programmeLinks.$inferInsert)[], tx: Db): Promise<number> {
      if (rows.length === 0) return 0
      const made = await tx.insert(programmeLinks).values(rows).onConflictDoNothing().returning({ id: programmeLinks.id })
      return made.length
    },
    async findLink(id: string, tx: Db = db): Promise<LinkRow | undefined> {
      const [row] = await tx.select().from(programmeLinks).where(eq(programmeLinks.id, id)).limit(1)
      return row
    },
    async deleteLink(id: string, tx: Db): Promise<boolean> {
      const rows = await tx.delete(programmeLinks).where(eq(programmeLinks.id, id)).returning({ id: programmeLinks.id })
      return rows.length > 0
    },
    /** The ids of the records already linked to the owner (itself only, not a theme's workstreams). */
    async linkedTargetIds(owner: LinkOwner, tx: Db = db): Promise<Set<string>> {
      const rows = await tx
        .select({ a: programmeLinks.actionId, d: programmeLinks.decisionId, i: programmeLinks.agendaItemId, p: programmeLinks.documentId })
        .from(programmeLinks)
        .where(owner.kind === 'theme' ? eq(programmeLinks.themeId, owner.id) : eq(programmeLinks.workstreamId, owner.id))
      return new Set(rows.map((r) => (r.a ?? r.d ?? r.i ?? r.p)!))
    },

    /** Which of these records belong to the partnership (the rest are refused). */
    targetsOfPartnership: (partnershipId: string, targets: readonly LinkTarget[], tx: Db = db) => targetsOfPartnership(partnershipId, targets, tx),

    /** A meeting's items, decisions, papers and the actions raised at it (for choosing what to link). */
    async recordsOfMeeting(meetingId: string, tx: Db = db): Promise<MeetingRecords | undefined> {
      const [meeting] = await tx
        .select({ id: meetings.id, date: meetings.date, bodyName: bodies.name, partnershipId: bodies.partnershipId })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(eq(meetings.id, meetingId))
        .limit(1)
      if (!meeting) return undefined
      const [items, decisionRows, papers, actionRows] = await Promise.all([
        tx
          .select({ id: agendaItems.id, title: agendaItems.title, parentItemId: agendaItems.parentItemId, position: agendaItems.position, isExempt: agendaItems.isExempt })
          .from(agendaItems)
          .where(eq(agendaItems.meetingId, meetingId))
          .orderBy(asc(agendaItems.position)),
        tx
          .select({ id: decisions.id, itemId: decisions.itemId, text: decisions.text })
          .from(decisions)
          .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
          .where(eq(agendaItems.meetingId, meetingId))
          .orderBy(asc(decisions.position)),
        tx
          .select({ id: documents.id, itemId: documents.itemId, title: documents.title, isExempt: documents.isExempt })
          .from(documents)
          .where(eq(documents.meetingId, meetingId))
          .orderBy(asc(documents.position)),
        tx
          .select({ id: actions.id, itemId: actions.itemId, description: actions.description, isPublic: actions.isPublic, status: actions.status })
          .from(actions)
          .leftJoin(agendaItems, eq(agendaItems.id, actions.itemId))
          .where(or(eq(actions.meetingId, meetingId), eq(agendaItems.meetingId, meetingId)))
          .orderBy(asc(actions.createdAt), asc(actions.seq)),
      ])
      return { meeting, items, decisions: decisionRows, papers, actions: actionRows }
    },

    async findNumbering(meetingIds: string[], tx: Db = db): Promise<{ meetings: NumberableMeeting[]; items: NumberableItemRow[] }> {
      return findItemNumbering(meetingIds, tx)
    },

    /**
     * One page of the records linked to the owner, newest first, each once (a record linked to a theme and to one
     * of its workstreams is listed once). `publicOnly`: only what the public rules let the public see.
     */
    timeline: (owner: LinkOwner, publicOnly: boolean, page: { limit: number; offset: number }, tx: Db = db) => timeline(owner, publicOnly, page, tx),
  }
}
export type ProgrammeLinksRepository = ReturnType<typeof programmeLinksRepository>
export { COLUMN as TARGET_COLUMNS }
