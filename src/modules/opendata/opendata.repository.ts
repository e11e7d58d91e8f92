import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaItems, attendance, documents, meetings, type AttendanceStatus, type MeetingKind, type MeetingStatus } from '../meetings/meetings.read.ts'
import { numberableItemColumns } from '../meetings/item-numbers.read.ts'
import { agendaPublicSql, itemOpenSql, minutesPublicSql, paperPublicSql } from '../meetings/public-rules.ts'
import {
  bodies,
  memberships,
  organisations,
  partnershipOrganisations,
  partnerships,
  people,
  type BodyKind,
  type MembershipRole,
  type NumberingScheme,
  type OrganisationType,
  publicOrganisationColumns,
  publicPersonColumns,
} from '../structure/structure.read.ts'

/**
 * Read-only, batched queries for the open data exports. Every public filter is composed from
 * src/modules/meetings/public-rules.ts; exempt text is blanked in SQL so it never leaves the database,
 * and people are selected without their email or phone.
 */

export type OpenMeetingRow = {
  id: string
  date: string
  startTime: string
  endTime: string | null
  venue: string | null
  kind: MeetingKind
  status: MeetingStatus
  agendaPublishedAt: Date | null
  cancellationReason: string | null
  movedFromDate: string | null
  movedFromTime: string | null
  firstItemNumber: number | null
  updatedAt: Date
  body: { id: string; slug: string; name: string; numberingScheme: NumberingScheme; nextItemNumber: number }
  partnership: { id: string; slug: string; name: string }
}

/** An agenda item of a published agenda. Description and presenter are null unless the item is open. */
export type OpenItemRow = {
  id: string
  meetingId: string
  parentItemId: string | null
  position: number
  numberOverride: string | null
  title: string
  isExempt: boolean
  exemptParagraph: number | null
  open: boolean
  description: string | null
  presenter: string | null
  purpose: string | null
}

export type OpenPaperRow = { id: string; meetingId: string; itemId: string | null; title: string; filename: string; mediaType: string; createdAt: Date }

export type OpenAttendeeRow = {
  meetingId: string
  personId: string
  status: AttendanceStatus
  fullName: string
  honorific: string | null
  jobTitle: string | null
}

export type PublicPersonRow = { id: string; fullName: string; honorific: string | null; jobTitle: string | null }

export type OpenMembershipRow = {
  id: string
  bodyId: string
  role: MembershipRole
  startsOn: string | null
  endsOn: string | null
  onBehalfOfOrganisationId: string | null
  person: PublicPersonRow
}

export type OpenOrganisationRow = { id: string; slug: string; name: string; shortName: string | null; type: OrganisationType; website: string | null }
export type OpenPartnershipRow = { id: string; slug: string; name: string; parentPartnershipId: string | null; summary: string | null }
export type OpenBodyRow = { id: string; slug: string; name: string; kind: BodyKind; partnershipId: string }

export type MeetingFilter = { from?: string; to?: string; partnershipIds?: string[]; bodyId?: string; ids?: string[] }

/** Attendance the public meeting page shows (never "absent"). */
const PUBLIC_ATTENDANCE: AttendanceStatus[] = ['present', 'apologies', 'deputy', 'in_attendance']

const meetingColumns = {
  id: meetings.id,
  date: meetings.date,
  startTime: meetings.startTime,
  endTime: meetings.endTime,
  venue: meetings.venue,
  kind: meetings.kind,
  status: meetings.status,
  agendaPublishedAt: meetings.agendaPublishedAt,
  cancellationReason: meetings.cancellationReason,
  movedFromDate: meetings.movedFromDate,
  movedFromTime: meetings.movedFromTime,
  firstItemNumber: meetings.firstItemNumber,
  updatedAt: meetings.updatedAt,
  body: {
    id: bodies.id,
    slug: bodies.slug,
    name: bodies.name,
    numberingScheme: bodies.numberingScheme,
    nextItemNumber: bodies.nextItemNumber,
  },
  partnership: { id: partnerships.id, slug: partnerships.slug, name: partnerships.name },
}

function meetingWhere(f: MeetingFilter): SQL | undefined {
  return and(
    f.from ? gte(meetings.date, f.from) : undefined,
    f.to ? lte(meetings.date, f.to) : undefined,
    f.partnershipIds ? inArray(bodies.partnershipId, f.partnershipIds) : undefined,
    f.bodyId ? eq(meetings.bodyId, f.bodyId) : undefined,
    f.ids ? inArray(meetings.id, f.ids) : undefined,
  )
}

/** Meetings with a public agenda, and their open items, public papers and published attendance. */
function meetingQueries(db: Db) {
  /** Meetings with their body and partnership, in date order. */
  const inDateOrder = (where: SQL | undefined) =>
    db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
      .where(where)
      .orderBy(asc(meetings.date), asc(meetings.startTime), asc(meetings.id))
  return {
    /** A page of meetings in date order (meetings_date_idx), with the total. */
    async findMeetings(filter: MeetingFilter, page: { limit: number; offset: number }): Promise<{ rows: OpenMeetingRow[]; total: number }> {
      if (filter.partnershipIds?.length === 0 || filter.ids?.length === 0) return { rows: [], total: 0 }
      const where = meetingWhere(filter)
      const [rows, [count]] = await Promise.all([
        inDateOrder(where).limit(page.limit).offset(page.offset),
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(meetings)
          .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
          .where(where),
      ])
      return { rows, total: count?.n ?? 0 }
    },

    /** Every meeting of these bodies (the Popolo events), in date order. */
    async findMeetingsOfBodies(bodyIds: string[]): Promise<OpenMeetingRow[]> {
      if (bodyIds.length === 0) return []
      return inDateOrder(inArray(meetings.bodyId, bodyIds))
    },

    /** Agenda items of those meetings whose agenda is public; exempt text is blanked here. */
    async findPublicAgendaItems(meetingIds: string[]): Promise<OpenItemRow[]> {
      if (meetingIds.length === 0) return []
      const open = itemOpenSql()
      return db
        .select({
          ...numberableItemColumns,
          title: agendaItems.title,
          isExempt: agendaItems.isExempt,
          exemptParagraph: agendaItems.exemptParagraph,
          open: sql<boolean>`${open}`,
          description: sql<string | null>`case when ${open} then ${agendaItems.description} end`,
          presenter: sql<string | null>`case when ${open} then ${agendaItems.presenter} end`,
          purpose: sql<string | null>`case when ${open} then ${agendaItems.purpose} end`,
        })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(inArray(agendaItems.meetingId, meetingIds), agendaPublicSql()))
        .orderBy(asc(agendaItems.meetingId), asc(agendaItems.position))
    },

    /** Public papers of those meetings (never the file content). */
    async findPublicPapers(meetingIds: string[]): Promise<OpenPaperRow[]> {
      if (meetingIds.length === 0) return []
      return db
        .select({
          id: documents.id,
          meetingId: documents.meetingId,
          itemId: documents.itemId,
          title: documents.title,
          filename: documents.filename,
          mediaType: documents.mediaType,
          createdAt: documents.createdAt,
        })
        .from(documents)
        .innerJoin(meetings, eq(meetings.id, documents.meetingId))
        .where(and(inArray(documents.meetingId, meetingIds), paperPublicSql()))
        .orderBy(asc(documents.meetingId), asc(documents.position), asc(documents.createdAt), asc(documents.id))
    },

    /** Attendance at meetings of these bodies whose minutes are public (as the public meeting page shows it). */
    async findPublicAttendanceOfBodies(bodyIds: string[]): Promise<OpenAttendeeRow[]> {
      if (bodyIds.length === 0) return []
      return db
        .select({
          meetingId: attendance.meetingId,
          personId: attendance.personId,
          status: attendance.status,
          fullName: people.fullName,
          honorific: people.honorific,
          jobTitle: people.jobTitle,
        })
        .from(attendance)
        .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
        .innerJoin(people, eq(people.id, attendance.personId))
        .where(and(inArray(meetings.bodyId, bodyIds), minutesPublicSql(), inArray(attendance.status, PUBLIC_ATTENDANCE)))
        .orderBy(asc(attendance.meetingId), asc(people.fullName), asc(people.id))
    },
  }
}

/** The structure as open data: partnerships, bodies, memberships, organisations, partners. */
function structureQueries(db: Db) {
  return {
    /** The partnership and every partnership below it. */
    async partnershipAndDescendantIds(id: string): Promise<string[]> {
      const rows = await db
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(
          sql`${partnerships.id} in (with recursive down(id) as (
            select id from partnerships where id = ${id}
            union
            select p.id from partnerships p join down on p.parent_partnership_id = down.id
          ) select id from down)`,
        )
      return rows.map((r) => r.id)
    },

    async findPartnerships(ids?: string[]): Promise<OpenPartnershipRow[]> {
      if (ids?.length === 0) return []
      return db
        .select({
          id: partnerships.id,
          slug: partnerships.slug,
          name: partnerships.name,
          parentPartnershipId: partnerships.parentPartnershipId,
          summary: partnerships.summary,
        })
        .from(partnerships)
        .where(ids ? inArray(partnerships.id, ids) : undefined)
        .orderBy(asc(partnerships.name), asc(partnerships.id))
    },

    async findBodiesOfPartnerships(partnershipIds: string[]): Promise<OpenBodyRow[]> {
      if (partnershipIds.length === 0) return []
      return db
        .select({ id: bodies.id, slug: bodies.slug, name: bodies.name, kind: bodies.kind, partnershipId: bodies.partnershipId })
        .from(bodies)
        .where(inArray(bodies.partnershipId, partnershipIds))
        .orderBy(asc(bodies.name), asc(bodies.id))
    },

    /** Memberships of those bodies with the public facts about the person (never email or phone). */
    async findMembershipsOfBodies(bodyIds: string[]): Promise<OpenMembershipRow[]> {
      if (bodyIds.length === 0) return []
      const rows = await db
        .select({
          id: memberships.id,
          bodyId: memberships.bodyId,
          role: memberships.role,
          startsOn: memberships.startsOn,
          endsOn: memberships.endsOn,
          onBehalfOfOrganisationId: memberships.onBehalfOfOrganisationId,
          person: publicPersonColumns,
        })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(inArray(memberships.bodyId, bodyIds))
        .orderBy(asc(memberships.bodyId), asc(people.fullName), asc(memberships.id))
      return rows
    },

    /**
     * Organisations: every one (no filter), or the partners of these partnerships and the organisations
     * their members sit for.
     */
    async findOrganisations(scope?: { partnershipIds: string[]; extraIds: string[] }): Promise<OpenOrganisationRow[]> {
      const columns = publicOrganisationColumns
      if (!scope) return db.select(columns).from(organisations).orderBy(asc(organisations.name), asc(organisations.id))
      if (scope.partnershipIds.length === 0 && scope.extraIds.length === 0) return []
      const partnersOf = scope.partnershipIds.length
        ? sql`${organisations.id} in (select ${partnershipOrganisations.organisationId} from ${partnershipOrganisations} where ${inArray(partnershipOrganisations.partnershipId, scope.partnershipIds)})`
        : undefined
      const extra = scope.extraIds.length ? inArray(organisations.id, scope.extraIds) : undefined
      return db
        .select(columns)
        .from(organisations)
        .where(or(partnersOf, extra))
        .orderBy(asc(organisations.name), asc(organisations.id))
    },

    /** Which organisations are partners of which partnerships (Popolo memberships of organisations). */
    async findPartners(partnershipIds?: string[]): Promise<{ partnershipId: string; organisationId: string; position: number }[]> {
      if (partnershipIds?.length === 0) return []
      return db
        .select({
          partnershipId: partnershipOrganisations.partnershipId,
          organisationId: partnershipOrganisations.organisationId,
          position: partnershipOrganisations.position,
        })
        .from(partnershipOrganisations)
        .where(partnershipIds ? inArray(partnershipOrganisations.partnershipId, partnershipIds) : undefined)
        .orderBy(asc(partnershipOrganisations.partnershipId), asc(partnershipOrganisations.position))
    },
  }
}

/** Read-only queries for the open data outputs; only public-rules SQL decides what is public. */
export function openDataRepository(db: Db) {
  return { ...meetingQueries(db), ...structureQueries(db) }
}
export type OpenDataRepository = ReturnType<typeof openDataRepository>
