import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import { meetings } from '../meetings/meetings.tables.ts'
import {
  bodies,
  closureDays,
  memberships,
  organisations,
  partnershipOrganisations,
  partnerships,
  people,
} from './structure.tables.ts'

export type BodyRow = typeof bodies.$inferSelect
export type PartnershipRow = typeof partnerships.$inferSelect
export type PersonRow = typeof people.$inferSelect
export type OrganisationRow = typeof organisations.$inferSelect
export type MembershipRow = typeof memberships.$inferSelect
export type MeetingStatus = (typeof meetings.$inferSelect)['status']

export type Page<T> = { rows: T[]; total: number }
export type PageRequest = { limit: number; offset: number }

export type PartnershipSummary = Pick<PartnershipRow, 'id' | 'slug' | 'name' | 'summary' | 'parentPartnershipId'>
export type PartnerView = Pick<OrganisationRow, 'id' | 'name' | 'shortName' | 'type' | 'website'> & { position: number }
export type PersonListRow = Pick<PersonRow, 'id' | 'honorific' | 'fullName' | 'jobTitle'> & {
  organisation: { id: string; name: string } | null
}
export type BodyInPartnership = Pick<
  BodyRow,
  'id' | 'slug' | 'name' | 'kind' | 'regime' | 'accountableToBodyId' | 'partnershipId'
> & { accountableTo: { id: string; name: string; slug: string } | null }
export type MeetingListRow = { id: string; date: string; startTime: string; status: MeetingStatus }
export type Option = { id: string; name: string }
export type PersonOption = { id: string; fullName: string; honorific: string | null; organisationId: string | null }

export type BodyWithPartnership = BodyRow & { partnership: { id: string; name: string; slug: string } }

export type MembershipView = {
  id: string
  bodyId: string
  role: (typeof memberships.$inferSelect)['role']
  startsOn: string | null
  endsOn: string | null
  version: number
  deputyForMembershipId: string | null
  person: { id: string; fullName: string; honorific: string | null; jobTitle: string | null }
  organisation: { id: string; name: string } | null
}

const ROLE_ORDER = sql`case ${memberships.role} when 'chair' then 0 when 'vice_chair' then 1 when 'member' then 2 when 'deputy' then 3 when 'observer' then 4 else 5 end`

/** Drizzle queries only. Each takes the db or a transaction. */
export function structureRepository(db: Db) {
  return {
    async findBodyById(id: string, tx: Db = db): Promise<BodyWithPartnership | undefined> {
      const [row] = await tx
        .select({ body: bodies, partnership: { id: partnerships.id, name: partnerships.name, slug: partnerships.slug } })
        .from(bodies)
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .where(eq(bodies.id, id))
        .limit(1)
      return row ? { ...row.body, partnership: row.partnership } : undefined
    },

    async findBodyBySlug(slug: string): Promise<BodyWithPartnership | undefined> {
      const [row] = await db
        .select({ body: bodies, partnership: { id: partnerships.id, name: partnerships.name, slug: partnerships.slug } })
        .from(bodies)
        .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
        .where(eq(bodies.slug, slug))
        .limit(1)
      return row ? { ...row.body, partnership: row.partnership } : undefined
    },

    /** Memberships of a body; with onDate, only those current on that date. Chair first. */
    async findMembershipsOfBody(bodyId: string, onDate?: string, tx: Db = db): Promise<MembershipView[]> {
      const onBehalf = alias(organisations, 'on_behalf')
      const rows = await tx
        .select({
          m: memberships,
          person: { id: people.id, fullName: people.fullName, honorific: people.honorific, jobTitle: people.jobTitle },
          org: { id: onBehalf.id, name: onBehalf.name },
        })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .leftJoin(onBehalf, eq(onBehalf.id, memberships.onBehalfOfOrganisationId))
        .where(
          and(
            eq(memberships.bodyId, bodyId),
            onDate ? or(isNull(memberships.startsOn), lte(memberships.startsOn, onDate)) : undefined,
            onDate ? or(isNull(memberships.endsOn), gte(memberships.endsOn, onDate)) : undefined,
          ),
        )
        .orderBy(ROLE_ORDER, asc(people.fullName))
      return rows.map((r) => ({
        id: r.m.id,
        bodyId: r.m.bodyId,
        role: r.m.role,
        startsOn: r.m.startsOn,
        endsOn: r.m.endsOn,
        version: r.m.version,
        deputyForMembershipId: r.m.deputyForMembershipId,
        person: r.person,
        organisation: r.org?.id ? { id: r.org.id, name: r.org.name } : null,
      }))
    },

    async findPeopleByIds(ids: string[]): Promise<PersonRow[]> {
      if (ids.length === 0) return []
      return db.select().from(people).where(sql`${people.id} in ${ids}`)
    },

    async findClosureDates(partnershipId: string): Promise<string[]> {
      const rows = await db
        .select({ date: closureDays.date })
        .from(closureDays)
        .where(eq(closureDays.partnershipId, partnershipId))
      return rows.map((r) => r.date)
    },

    // ---- slugs ----

    /** Slugs in use that equal base or start with "base-". */
    async slugsLike(table: 'organisations' | 'partnerships' | 'bodies', base: string, tx: Db = db): Promise<string[]> {
      const t = table === 'organisations' ? organisations : table === 'partnerships' ? partnerships : bodies
      const pattern = `${base.replace(/[\\%_]/g, (ch) => `\\${ch}`)}-%`
      const rows = await tx
        .select({ slug: t.slug })
        .from(t)
        .where(or(eq(t.slug, base), sql`${t.slug} like ${pattern}`))
      return rows.map((r) => r.slug)
    },

    // ---- organisations ----

    async listOrganisations(page: PageRequest): Promise<Page<OrganisationRow>> {
      const [rows, [count]] = await Promise.all([
        db.select().from(organisations).orderBy(asc(organisations.name), asc(organisations.id)).limit(page.limit).offset(page.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(organisations),
      ])
      return { rows, total: count?.n ?? 0 }
    },
    async organisationOptions(tx: Db = db): Promise<Option[]> {
      return tx.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name))
    },
    async findOrganisationById(id: string, tx: Db = db): Promise<OrganisationRow | undefined> {
      const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1)
      return row
    },
    async insertOrganisation(tx: Db, values: typeof organisations.$inferInsert): Promise<OrganisationRow> {
      const [row] = await tx.insert(organisations).values(values).returning()
      return row!
    },
    /** Undefined when the version no longer matches (someone else saved first) or the row is gone. */
    async updateOrganisation(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof organisations.$inferInsert>,
    ): Promise<OrganisationRow | undefined> {
      return updateIfVersion(tx, organisations, id, version, values)
    },

    // ---- people ----

    async listPeople(query: { q: string } & PageRequest): Promise<Page<PersonListRow>> {
      const where = query.q ? ilike(people.fullName, `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`) : undefined
      const [rows, [count]] = await Promise.all([
        db
          .select({
            id: people.id,
            honorific: people.honorific,
            fullName: people.fullName,
            jobTitle: people.jobTitle,
            orgId: organisations.id,
            orgName: organisations.name,
          })
          .from(people)
          .leftJoin(organisations, eq(organisations.id, people.organisationId))
          .where(where)
          .orderBy(asc(people.fullName), asc(people.id))
          .limit(query.limit)
          .offset(query.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(people).where(where),
      ])
      return {
        rows: rows.map(({ orgId, orgName, ...p }) => ({ ...p, organisation: orgId ? { id: orgId, name: orgName! } : null })),
        total: count?.n ?? 0,
      }
    },
    async personOptions(tx: Db = db): Promise<PersonOption[]> {
      return tx
        .select({ id: people.id, fullName: people.fullName, honorific: people.honorific, organisationId: people.organisationId })
        .from(people)
        .orderBy(asc(people.fullName), asc(people.id))
    },
    async findPersonById(id: string, tx: Db = db): Promise<PersonRow | undefined> {
      const [row] = await tx.select().from(people).where(eq(people.id, id)).limit(1)
      return row
    },
    async insertPerson(tx: Db, values: typeof people.$inferInsert): Promise<PersonRow> {
      const [row] = await tx.insert(people).values(values).returning()
      return row!
    },
    async updatePerson(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof people.$inferInsert>,
    ): Promise<PersonRow | undefined> {
      return updateIfVersion(tx, people, id, version, values)
    },

    // ---- partnerships ----

    /** Partnerships by name; only those in ids when given. */
    async listPartnerships(ids?: string[]): Promise<PartnershipSummary[]> {
      if (ids && ids.length === 0) return []
      return db
        .select({
          id: partnerships.id,
          slug: partnerships.slug,
          name: partnerships.name,
          summary: partnerships.summary,
          parentPartnershipId: partnerships.parentPartnershipId,
        })
        .from(partnerships)
        .where(ids ? inArray(partnerships.id, ids) : undefined)
        .orderBy(asc(partnerships.name))
    },
    async childPartnerships(parentId: string): Promise<PartnershipSummary[]> {
      return db
        .select({
          id: partnerships.id,
          slug: partnerships.slug,
          name: partnerships.name,
          summary: partnerships.summary,
          parentPartnershipId: partnerships.parentPartnershipId,
        })
        .from(partnerships)
        .where(eq(partnerships.parentPartnershipId, parentId))
        .orderBy(asc(partnerships.name))
    },
    async findPartnershipById(id: string, tx: Db = db): Promise<PartnershipRow | undefined> {
      const [row] = await tx.select().from(partnerships).where(eq(partnerships.id, id)).limit(1)
      return row
    },
    async findPartnershipBySlug(slug: string): Promise<PartnershipRow | undefined> {
      const [row] = await db.select().from(partnerships).where(eq(partnerships.slug, slug)).limit(1)
      return row
    },
    /** The partnership itself and every partnership above it. */
    async partnershipAndAncestorIds(id: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.execute<{ id: string }>(sql`
        with recursive up(id, parent_id) as (
          select id, parent_partnership_id from partnerships where id = ${id}
          union
          select p.id, p.parent_partnership_id from partnerships p join up on p.id = up.parent_id
        ) select id from up`)
      return resultRows<{ id: string }>(rows).map((r) => r.id)
    },
    /** The partnership itself and every partnership below it. */
    async partnershipAndDescendantIds(id: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.execute<{ id: string }>(sql`
        with recursive down(id) as (
          select id from partnerships where id = ${id}
          union
          select p.id from partnerships p join down on p.parent_partnership_id = down.id
        ) select id from down`)
      return resultRows<{ id: string }>(rows).map((r) => r.id)
    },
    async insertPartnership(tx: Db, values: typeof partnerships.$inferInsert): Promise<PartnershipRow> {
      const [row] = await tx.insert(partnerships).values(values).returning()
      return row!
    },
    async updatePartnership(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof partnerships.$inferInsert>,
    ): Promise<PartnershipRow | undefined> {
      return updateIfVersion(tx, partnerships, id, version, values)
    },

    /**
     * Bumps the partnership's version if it is still `version` (a change to its partner list); false
     * means someone changed the partnership or its partners first.
     */
    async touchPartnership(tx: Db, id: string, version?: number): Promise<boolean> {
      const rows = await tx
        .update(partnerships)
        .set({ version: sql`${partnerships.version} + 1`, updatedAt: new Date() })
        .where(version === undefined ? eq(partnerships.id, id) : and(eq(partnerships.id, id), eq(partnerships.version, version)))
        .returning({ id: partnerships.id })
      return rows.length === 1
    },
    /** Partnerships with a body on which the person holds, held or will hold a seat. */
    async partnershipIdsOfPerson(personId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .selectDistinct({ id: bodies.partnershipId })
        .from(memberships)
        .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
        .where(eq(memberships.personId, personId))
      return rows.map((r) => r.id)
    },
    /** Partnerships the organisation is a partner of. */
    async partnershipIdsOfOrganisation(organisationId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx
        .select({ id: partnershipOrganisations.partnershipId })
        .from(partnershipOrganisations)
        .where(eq(partnershipOrganisations.organisationId, organisationId))
      return rows.map((r) => r.id)
    },

    // ---- partner organisations ----

    async partnersOf(partnershipId: string, tx: Db = db): Promise<PartnerView[]> {
      return tx
        .select({
          id: organisations.id,
          name: organisations.name,
          shortName: organisations.shortName,
          type: organisations.type,
          website: organisations.website,
          position: partnershipOrganisations.position,
        })
        .from(partnershipOrganisations)
        .innerJoin(organisations, eq(organisations.id, partnershipOrganisations.organisationId))
        .where(eq(partnershipOrganisations.partnershipId, partnershipId))
        .orderBy(asc(partnershipOrganisations.position), asc(organisations.name))
    },
    /** Adds at the end; false when already a partner. */
    async addPartner(tx: Db, partnershipId: string, organisationId: string): Promise<boolean> {
      const rows = await tx
        .insert(partnershipOrganisations)
        .values({
          partnershipId,
          organisationId,
          position: sql`(select coalesce(max(${partnershipOrganisations.position}), -1) + 1 from ${partnershipOrganisations} where ${partnershipOrganisations.partnershipId} = ${partnershipId})`,
        })
        .onConflictDoNothing()
        .returning({ id: partnershipOrganisations.organisationId })
      return rows.length > 0
    },
    async removePartner(tx: Db, partnershipId: string, organisationId: string): Promise<boolean> {
      const rows = await tx
        .delete(partnershipOrganisations)
        .where(
          and(
            eq(partnershipOrganisations.partnershipId, partnershipId),
            eq(partnershipOrganisations.organisationId, organisationId),
          ),
        )
        .returning({ id: partnershipOrganisations.organisationId })
      return rows.length > 0
    },
    /** Renumbers the partners in the given order, in one statement. */
    async setPartnerPositions(tx: Db, partnershipId: string, orderedOrganisationIds: string[]): Promise<void> {
      if (orderedOrganisationIds.length === 0) return
      const position = sql.join(
        [
          sql`case ${partnershipOrganisations.organisationId}`,
          ...orderedOrganisationIds.map((id, i) => sql`when ${id}::uuid then ${i}::int`),
          sql`else ${partnershipOrganisations.position} end`,
        ],
        sql` `,
      )
      await tx
        .update(partnershipOrganisations)
        .set({ position: sql`${position}` })
        .where(
          and(
            eq(partnershipOrganisations.partnershipId, partnershipId),
            inArray(partnershipOrganisations.organisationId, orderedOrganisationIds),
          ),
        )
    },

    // ---- bodies ----

    /** Every body of a partnership with the body each is accountable to (which may be elsewhere). */
    async bodiesOfPartnership(partnershipId: string, tx: Db = db): Promise<BodyInPartnership[]> {
      const above = alias(bodies, 'above')
      const rows = await tx
        .select({
          id: bodies.id,
          slug: bodies.slug,
          name: bodies.name,
          kind: bodies.kind,
          regime: bodies.regime,
          partnershipId: bodies.partnershipId,
          accountableToBodyId: bodies.accountableToBodyId,
          aboveId: above.id,
          aboveName: above.name,
          aboveSlug: above.slug,
        })
        .from(bodies)
        .leftJoin(above, eq(above.id, bodies.accountableToBodyId))
        .where(eq(bodies.partnershipId, partnershipId))
        .orderBy(asc(bodies.name))
      return rows.map(({ aboveId, aboveName, aboveSlug, ...b }) => ({
        ...b,
        accountableTo: aboveId ? { id: aboveId, name: aboveName!, slug: aboveSlug! } : null,
      }))
    },
    async insertBody(tx: Db, values: typeof bodies.$inferInsert): Promise<BodyRow> {
      const [row] = await tx.insert(bodies).values(values).returning()
      return row!
    },
    async updateBody(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof bodies.$inferInsert>,
    ): Promise<BodyRow | undefined> {
      return updateIfVersion(tx, bodies, id, version, values)
    },

    // ---- memberships ----

    async findMembershipById(id: string, tx: Db = db): Promise<MembershipRow | undefined> {
      const [row] = await tx.select().from(memberships).where(eq(memberships.id, id)).limit(1)
      return row
    },
    async insertMembership(tx: Db, values: typeof memberships.$inferInsert): Promise<MembershipRow> {
      const [row] = await tx.insert(memberships).values(values).returning()
      return row!
    },
    async updateMembership(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof memberships.$inferInsert>,
    ): Promise<MembershipRow | undefined> {
      return updateIfVersion(tx, memberships, id, version, values)
    },

    // ---- meetings of a body (read only) ----

    /**
     * A page of a body's meetings (meetings_body_date_idx): upcoming (on or after fromDate, soonest first),
     * past (before beforeDate, latest first) or all (latest first).
     */
    async meetingsOfBody(
      bodyId: string,
      range: { fromDate?: string; beforeDate?: string },
      page: PageRequest,
    ): Promise<Page<MeetingListRow>> {
      const where = and(
        eq(meetings.bodyId, bodyId),
        range.fromDate ? gte(meetings.date, range.fromDate) : undefined,
        range.beforeDate ? lt(meetings.date, range.beforeDate) : undefined,
      )
      const order = range.fromDate
        ? [asc(meetings.date), asc(meetings.startTime)]
        : [desc(meetings.date), desc(meetings.startTime)]
      const [rows, [count]] = await Promise.all([
        db
          .select({ id: meetings.id, date: meetings.date, startTime: meetings.startTime, status: meetings.status })
          .from(meetings)
          .where(where)
          .orderBy(...order)
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(meetings).where(where),
      ])
      return { rows, total: count?.n ?? 0 }
    },
  }
}
export type StructureRepository = ReturnType<typeof structureRepository>

/** Rows of a raw execute(): node-postgres returns { rows }, PGlite the same shape. */
function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return (result as { rows?: T[] }).rows ?? []
}
