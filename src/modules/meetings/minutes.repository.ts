import { and, asc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import { organisations, people, personPartnerships, publicPersonColumns } from '../structure/structure.read.ts'
import type { PeopleScope } from '../structure/structure.types.ts'
import {
  agendaItems,
  attendance,
  decisions,
  meetings,
  minutesCorrections,
  type AttendanceStatus,
  type MeetingStatus,
} from './meetings.tables.ts'

export type AttendanceRow = typeof attendance.$inferSelect
export type CorrectionRow = typeof minutesCorrections.$inferSelect
export type MinutesDecisionRow = typeof decisions.$inferSelect
export type MinutesItemRow = typeof agendaItems.$inferSelect

/** A person as the public record may name them: never their email or phone. */
export type PublicPerson = { id: string; fullName: string; honorific: string | null; jobTitle: string | null }

/** An attendance row with the public facts about the person, their organisation and whom they stood in for. */
export type AttendanceView = {
  id: string
  personId: string
  status: AttendanceStatus
  capacity: string | null
  version: number
  person: PublicPerson
  organisation: { id: string; name: string } | null
  deputyFor: PublicPerson | null
}

/** A person for a select list (staff only). */
export type PersonOption = PublicPerson & { organisationId: string | null; organisationName: string | null }

export type AttendanceWrite = {
  personId: string
  status: AttendanceStatus
  deputyForPersonId: string | null
  organisationId: string | null
  capacity: string | null
}

export type CorrectionView = CorrectionRow & { agreedAt: { id: string; date: string; bodyId: string } }

/** How many people the "in attendance" select offers. */
export const PEOPLE_SELECT_LIMIT = 1000

/** SQL: a partnership in the scope uses the person (issue 10); undefined (no condition) for an admin's null. */
function personInScope(scope: PeopleScope) {
  if (scope === null) return undefined
  if (scope.length === 0) return sql`false`
  return sql`exists (select 1 from ${personPartnerships} where ${personPartnerships.personId} = ${people.id} and ${inArray(personPartnerships.partnershipId, scope)})`
}

/** Drizzle queries only. Each takes the db or a transaction (`tx`, last). */
export function minutesRepository(db: Db) {
  return { ...attendanceQueries(db), ...minutesQueries(db) }
}
export type MinutesRepository = ReturnType<typeof minutesRepository>

/** Who attended, and the people who may be recorded as attending. */
function attendanceQueries(db: Db) {
  return {

    async findAttendanceOfMeeting(meetingId: string, tx: Db = db): Promise<AttendanceView[]> {
      const deputyFor = alias(people, 'deputy_for')
      const rows = await tx
        .select({
          a: attendance,
          person: publicPersonColumns,
          org: { id: organisations.id, name: organisations.name },
          deputyFor: {
            id: deputyFor.id,
            fullName: deputyFor.fullName,
            honorific: deputyFor.honorific,
            jobTitle: deputyFor.jobTitle,
          },
        })
        .from(attendance)
        .innerJoin(people, eq(people.id, attendance.personId))
        .leftJoin(organisations, eq(organisations.id, attendance.organisationId))
        .leftJoin(deputyFor, eq(deputyFor.id, attendance.deputyForPersonId))
        .where(eq(attendance.meetingId, meetingId))
        .orderBy(asc(attendance.createdAt), asc(people.fullName))
      return rows.map((r) => ({
        id: r.a.id,
        personId: r.a.personId,
        status: r.a.status,
        capacity: r.a.capacity,
        version: r.a.version,
        person: r.person,
        organisation: r.org?.id ? { id: r.org.id, name: r.org.name } : null,
        deputyFor: r.deputyFor?.id ? r.deputyFor : null,
      }))
    },

    /** People by name, for the "in attendance" select. */
    /** The people the attendance form offers: those the scope's partnerships work with. */
    async findPeopleForSelect(scope: PeopleScope, limit = PEOPLE_SELECT_LIMIT, tx: Db = db): Promise<PersonOption[]> {
      const rows = await tx
        .select({ p: publicPersonColumns, organisationId: people.organisationId, organisationName: organisations.name })
        .from(people)
        .leftJoin(organisations, eq(organisations.id, people.organisationId))
        .where(personInScope(scope))
        .orderBy(asc(people.fullName), asc(people.id))
        .limit(limit)
      return rows.map((r) => ({ ...r.p, organisationId: r.organisationId, organisationName: r.organisationName }))
    },

    /** The people with these ids; with a scope, only those its partnerships work with. */
    async findPeopleOptionsByIds(ids: string[], scope: PeopleScope = null, tx: Db = db): Promise<PersonOption[]> {
      if (ids.length === 0) return []
      const rows = await tx
        .select({ p: publicPersonColumns, organisationId: people.organisationId, organisationName: organisations.name })
        .from(people)
        .leftJoin(organisations, eq(organisations.id, people.organisationId))
        .where(and(inArray(people.id, ids), personInScope(scope)))
      return rows.map((r) => ({ ...r.p, organisationId: r.organisationId, organisationName: r.organisationName }))
    },

    /** Replaces the meeting's attendance with these rows (upsert by meeting and person; others deleted). */
    async replaceAttendance(meetingId: string, rows: AttendanceWrite[], tx: Db = db): Promise<void> {
      const keep = rows.map((r) => r.personId)
      await tx
        .delete(attendance)
        .where(
          keep.length
            ? and(eq(attendance.meetingId, meetingId), notInArray(attendance.personId, keep))
            : eq(attendance.meetingId, meetingId),
        )
      for (const row of rows) {
        await tx
          .insert(attendance)
          .values({ meetingId, ...row })
          .onConflictDoUpdate({
            target: [attendance.meetingId, attendance.personId],
            set: {
              status: row.status,
              deputyForPersonId: row.deputyForPersonId,
              organisationId: row.organisationId,
              capacity: row.capacity,
              version: sql`${attendance.version} + 1`,
              updatedAt: sql`now()`,
            },
          })
      }
    },
  }
}

/** The minutes' record: the meeting's status and approval, the items' minutes, decisions and corrections. */
function minutesQueries(db: Db) {
  return {
    // --- meetings (status and approval columns) ---

    /**
     * Bumps the meeting's version if it is still `version`, optionally moving its status.
     * Returns false when someone else changed the meeting first.
     */
    async touchMeeting(
      id: string,
      version: number,
      changes: {
        status?: MeetingStatus
        minutesPublishedAt?: Date
        minutesApprovedAt?: Date
        minutesApprovedAtMeetingId?: string
      } = {},
      tx: Db = db,
    ): Promise<boolean> {
      return (await updateIfVersion(tx, meetings, id, version, { ...changes })) !== undefined
    },

    /** Moves a meeting from one of `from` to `to`; returns false if it was in another status. */
    async moveMeetingStatus(id: string, from: MeetingStatus[], to: MeetingStatus, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .update(meetings)
        .set({ status: to, version: sql`${meetings.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(meetings.id, id), inArray(meetings.status, from)))
        .returning({ id: meetings.id })
      return rows.length === 1
    },

    /** The meeting row, locked until the transaction ends (status checks that must not race an approval). */
    async lockMeeting(id: string, tx: Db): Promise<(typeof meetings.$inferSelect) | undefined> {
      const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).limit(1).for('update')
      return row
    },

    /** Earlier meetings of a body in the given statuses, latest first. */
    async findEarlierMeetingsOfBody(
      bodyId: string,
      beforeDate: string,
      statuses: MeetingStatus[],
      tx: Db = db,
    ): Promise<(typeof meetings.$inferSelect)[]> {
      return tx
        .select()
        .from(meetings)
        .where(and(eq(meetings.bodyId, bodyId), lt(meetings.date, beforeDate), inArray(meetings.status, statuses)))
        .orderBy(sql`${meetings.date} desc`, sql`${meetings.startTime} desc`)
        .limit(50)
    },

    // --- agenda items (minutes column only) ---

    async findItemById(id: string, tx: Db = db): Promise<MinutesItemRow | undefined> {
      const [row] = await tx.select().from(agendaItems).where(eq(agendaItems.id, id)).limit(1)
      return row
    },

    /** How many of the meeting's items have minutes written (not blank). */
    async countItemsWithMinutes(meetingId: string, tx: Db = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), sql`coalesce(btrim(${agendaItems.minutes}), '') <> ''`))
      return Number(row?.n ?? 0)
    },

    /** Returns false when the item's version moved on (someone else saved first). */
    async updateItemMinutes(id: string, version: number, minutes: string | null, tx: Db = db): Promise<boolean> {
      return (await updateIfVersion(tx, agendaItems, id, version, { minutes })) !== undefined
    },

    // --- decisions ---

    async findDecisionsOfItem(itemId: string, tx: Db = db): Promise<MinutesDecisionRow[]> {
      return tx
        .select()
        .from(decisions)
        .where(eq(decisions.itemId, itemId))
        .orderBy(asc(decisions.position), asc(decisions.createdAt))
    },

    async findDecisionById(id: string, tx: Db = db): Promise<MinutesDecisionRow | undefined> {
      const [row] = await tx.select().from(decisions).where(eq(decisions.id, id)).limit(1)
      return row
    },

    async insertDecision(itemId: string, text: string, tx: Db = db): Promise<MinutesDecisionRow> {
      const [row] = await tx
        .insert(decisions)
        .values({
          itemId,
          text,
          position: sql`(select coalesce(max(${decisions.position}), -1) + 1 from ${decisions} where ${decisions.itemId} = ${itemId})`,
        })
        .returning()
      return row!
    },

    async updateDecision(id: string, version: number, text: string, tx: Db = db): Promise<boolean> {
      return (await updateIfVersion(tx, decisions, id, version, { text })) !== undefined
    },

    async deleteDecision(id: string, version: number, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(decisions)
        .where(and(eq(decisions.id, id), eq(decisions.version, version)))
        .returning({ id: decisions.id })
      return rows.length === 1
    },

    // --- corrections ---

    async insertCorrection(values: typeof minutesCorrections.$inferInsert, tx: Db = db): Promise<CorrectionRow> {
      const [row] = await tx.insert(minutesCorrections).values(values).returning()
      return row!
    },

    async findCorrectionsOfMeeting(meetingId: string, tx: Db = db): Promise<CorrectionView[]> {
      const rows = await tx
        .select({ c: minutesCorrections, agreedAt: { id: meetings.id, date: meetings.date, bodyId: meetings.bodyId } })
        .from(minutesCorrections)
        .innerJoin(meetings, eq(meetings.id, minutesCorrections.agreedAtMeetingId))
        .where(eq(minutesCorrections.meetingId, meetingId))
        .orderBy(asc(minutesCorrections.createdAt), asc(minutesCorrections.id))
      return rows.map((r) => ({ ...r.c, agreedAt: r.agreedAt }))
    },
  }
}
