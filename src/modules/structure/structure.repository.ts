import { and, asc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { alias, type PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import type { Page, PageRequest } from '../../platform/db/paging.ts'
import {
  bodies,
  closureDays,
  memberships,
  organisations,
  partnershipOrganisations,
  partnerships,
  people,
  personPartnerships,
} from './structure.tables.ts'
import { publicPersonColumns } from './structure.read.ts'
import type { PeopleScope } from './structure.types.ts'
import { escapeLike } from '../../platform/db/like.ts'

export type { Page, PageRequest }
export type BodyRow = typeof bodies.$inferSelect
export type PartnershipRow = typeof partnerships.$inferSelect
export type PersonRow = typeof people.$inferSelect
export type OrganisationRow = typeof organisations.$inferSelect
export type MembershipRow = typeof memberships.$inferSelect

export type PartnershipSummary = Pick<PartnershipRow, 'id' | 'slug' | 'name' | 'summary' | 'parentPartnershipId'>
export type PartnerView = Pick<OrganisationRow, 'id' | 'name' | 'shortName' | 'type' | 'website'> & { position: number }
export type PersonListRow = Pick<PersonRow, 'id' | 'honorific' | 'fullName' | 'jobTitle'> & {
  organisation: { id: string; name: string } | null
}
export type BodyInPartnership = Pick<
  BodyRow,
  'id' | 'slug' | 'name' | 'kind' | 'regime' | 'accountableToBodyId' | 'partnershipId'
> & { accountableTo: { id: string; name: string; slug: string } | null }
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

/** The tables whose rows carry a slug and a version: organisations, partnerships, bodies, people, memberships. */
type SluggedTable = typeof organisations | typeof partnerships | typeof bodies
type VersionedTable = SluggedTable | typeof people | typeof memberships

const ROLE_ORDER = sql`case ${memberships.role} when 'chair' then 0 when 'vice_chair' then 1 when 'member' then 2 when 'deputy' then 3 when 'observer' then 4 else 5 end`

const SUMMARY_COLUMNS = {
  id: partnerships.id,
  slug: partnerships.slug,
  name: partnerships.name,
  summary: partnerships.summary,
  parentPartnershipId: partnerships.parentPartnershipId,
}

const SLUGGED: Record<'organisations' | 'partnerships' | 'bodies', SluggedTable> = { organisations, partnerships, bodies }

async function countWhere(tx: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(where)
  return row?.n ?? 0
}

async function findById<T extends VersionedTable>(tx: Db, table: T, id: string): Promise<T['$inferSelect'] | undefined> {
  const t: VersionedTable = table
  const [row] = (await tx.select().from(t).where(eq(t.id, id)).limit(1)) as T['$inferSelect'][]
  return row
}

async function insertRow<T extends VersionedTable>(tx: Db, table: T, values: T['$inferInsert']): Promise<T['$inferSelect']> {
  const t: VersionedTable = table
  const [row] = (await tx.insert(t).values(values as never).returning()) as T['$inferSelect'][]
  return row!
}

/** A body and its partnership, by a condition on the body. */
async function findBodyWhere(tx: Db, where: SQL): Promise<BodyWithPartnership | undefined> {
  const [row] = await tx
    .select({ body: bodies, partnership: { id: partnerships.id, name: partnerships.name, slug: partnerships.slug } })
    .from(bodies)
    .innerJoin(partnerships, eq(partnerships.id, bodies.partnershipId))
    .where(where)
    .limit(1)
  return row ? { ...row.body, partnership: row.partnership } : undefined
}

/** Ids from a recursive walk of the partnership tree (raw execute: node-postgres and PGlite both return { rows }). */
async function treeIds(tx: Db, query: SQL): Promise<string[]> {
  const result: unknown = await tx.execute<{ id: string }>(query)
  const rows = Array.isArray(result) ? (result as { id: string }[]) : ((result as { rows?: { id: string }[] }).rows ?? [])
  return rows.map((r) => r.id)
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

/** SQL: the `people` row is used by one of the scope's partnerships (always true for null, an admin's scope). */
function inScope(scope: PeopleScope): SQL | undefined {
  if (scope === null) return undefined
  if (scope.length === 0) return sql`false`
  return sql`exists (select 1 from ${personPartnerships} where ${personPartnerships.personId} = ${people.id} and ${inArray(personPartnerships.partnershipId, scope)})`
}
const eqPartner = (partnershipId: string, organisationId: string) =>
  and(eq(partnershipOrganisations.partnershipId, partnershipId), eq(partnershipOrganisations.organisationId, organisationId))

/** The shared registers: organisations and people, and the slugs of what has one. */
function registerQueries(db: Db) {
  return {
    /** Slugs in use that equal base or start with "base-". */
    async slugsLike(table: keyof typeof SLUGGED, base: string, tx: Db = db): Promise<string[]> {
      const t = SLUGGED[table]
      const rows = await tx
        .select({ slug: t.slug })
        .from(t)
        .where(or(eq(t.slug, base), sql`${t.slug} like ${`${escapeLike(base)}-%`}`))
      return rows.map((r) => r.slug)
    },

    // ---- organisations ----

    async listOrganisations(page: PageRequest, tx: Db = db): Promise<Page<OrganisationRow>> {
      const [rows, total] = await Promise.all([
        tx.select().from(organisations).orderBy(asc(organisations.name), asc(organisations.id)).limit(page.limit).offset(page.offset),
        countWhere(tx, organisations),
      ])
      return { rows, total }
    },
    organisationOptions: (tx: Db = db): Promise<Option[]> =>
      tx.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)),
    findOrganisationById: (id: string, tx: Db = db) => findById(tx, organisations, id),
    insertOrganisation: (values: typeof organisations.$inferInsert, tx: Db = db) => insertRow(tx, organisations, values),
    updateOrganisation: (id: string, version: number, values: Partial<typeof organisations.$inferInsert>, tx: Db = db) =>
      updateIfVersion(tx, organisations, id, version, values),

    // ---- people ----

    /** People in the scope's view, by name; `q` filters on the name. */
    async listPeople(query: { q: string; scope: PeopleScope } & PageRequest, tx: Db = db): Promise<Page<PersonListRow>> {
      const where = and(query.q ? ilike(people.fullName, `%${escapeLike(query.q)}%`) : undefined, inScope(query.scope))
      const [rows, total] = await Promise.all([
        tx
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
        countWhere(tx, people, where),
      ])
      return {
        rows: rows.map(({ orgId, orgName, ...p }) => ({ ...p, organisation: orgId ? { id: orgId, name: orgName! } : null })),
        total,
      }
    },
    /** The people a picker offers: those in the scope's view. */
    personOptions: (scope: PeopleScope, tx: Db = db): Promise<PersonOption[]> =>
      tx
        .select({ id: people.id, fullName: people.fullName, honorific: people.honorific, organisationId: people.organisationId })
        .from(people)
        .where(inScope(scope))
        .orderBy(asc(people.fullName), asc(people.id)),
    findPersonById: (id: string, tx: Db = db) => findById(tx, people, id),
    insertPerson: (values: typeof people.$inferInsert, tx: Db = db) => insertRow(tx, people, values),
    updatePerson: (id: string, version: number, values: Partial<typeof people.$inferInsert>, tx: Db = db) =>
      updateIfVersion(tx, people, id, version, values),

    /** The people with these ids, only those in the scope's view (every one for null). */
    async findPeopleByIds(personIds: string[], scope: PeopleScope = null, tx: Db = db): Promise<PersonRow[]> {
      if (personIds.length === 0) return []
      return tx.select().from(people).where(and(inArray(people.id, personIds), inScope(scope)))
    },
  }
}

/** Partnerships, their place in the tree, their partner organisations and closure days. */
function partnershipQueries(db: Db) {
  return {
    // ---- partnerships ----

    /** Partnerships by name; only those in ids when given. */
    async listPartnerships(partnershipIds?: string[], tx: Db = db): Promise<PartnershipSummary[]> {
      if (partnershipIds && partnershipIds.length === 0) return []
      return tx
        .select(SUMMARY_COLUMNS)
        .from(partnerships)
        .where(partnershipIds ? inArray(partnerships.id, partnershipIds) : undefined)
        .orderBy(asc(partnerships.name))
    },
    childPartnerships: (parentId: string, tx: Db = db): Promise<PartnershipSummary[]> =>
      tx.select(SUMMARY_COLUMNS).from(partnerships).where(eq(partnerships.parentPartnershipId, parentId)).orderBy(asc(partnerships.name)),
    findPartnershipById: (id: string, tx: Db = db) => findById(tx, partnerships, id),
    async findPartnershipBySlug(slug: string, tx: Db = db): Promise<PartnershipRow | undefined> {
      const [row] = await tx.select().from(partnerships).where(eq(partnerships.slug, slug)).limit(1)
      return row
    },
    /** The partnership itself and every partnership above it. */
    partnershipAndAncestorIds: (id: string, tx: Db = db): Promise<string[]> =>
      treeIds(
        tx,
        sql`
        with recursive up(id, parent_id) as (
          select id, parent_partnership_id from partnerships where id = ${id}
          union
          select p.id, p.parent_partnership_id from partnerships p join up on p.id = up.parent_id
        ) select id from up`,
      ),
    /** The partnership itself and every partnership below it. */
    partnershipAndDescendantIds: (id: string, tx: Db = db): Promise<string[]> =>
      treeIds(
        tx,
        sql`
        with recursive down(id) as (
          select id from partnerships where id = ${id}
          union
          select p.id from partnerships p join down on p.parent_partnership_id = down.id
        ) select id from down`,
      ),
    insertPartnership: (values: typeof partnerships.$inferInsert, tx: Db = db) => insertRow(tx, partnerships, values),
    updatePartnership: (id: string, version: number, values: Partial<typeof partnerships.$inferInsert>, tx: Db = db) =>
      updateIfVersion(tx, partnerships, id, version, values),

    /**
     * Bumps the partnership's version if it is still `version` (a change to its partner list); false
     * means someone changed the partnership or its partners first.
     */
    async touchPartnership(id: string, version?: number, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .update(partnerships)
        .set({ version: sql`${partnerships.version} + 1`, updatedAt: new Date() })
        .where(and(eq(partnerships.id, id), version === undefined ? undefined : eq(partnerships.version, version)))
        .returning({ id: partnerships.id })
      return rows.length === 1
    },
    /**
     * The partnerships that use the person: the one that created the record and every one that seats, minutes or
     * gives an action to them (person_partnerships, kept by structure's notePeopleUse port).
     */
    partnershipIdsOfPerson: async (personId: string, tx: Db = db): Promise<string[]> =>
      ids(
        await tx
          .select({ id: personPartnerships.partnershipId })
          .from(personPartnerships)
          .where(eq(personPartnerships.personId, personId)),
      ),
    /** Partnerships the organisation is a partner of. */
    partnershipIdsOfOrganisation: async (organisationId: string, tx: Db = db): Promise<string[]> =>
      ids(
        await tx
          .select({ id: partnershipOrganisations.partnershipId })
          .from(partnershipOrganisations)
          .where(eq(partnershipOrganisations.organisationId, organisationId)),
      ),

    // ---- partner organisations ----

    partnersOf: (partnershipId: string, tx: Db = db): Promise<PartnerView[]> =>
      tx
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
        .orderBy(asc(partnershipOrganisations.position), asc(organisations.name)),
    /** Adds at the end; false when already a partner. */
    async addPartner(partnershipId: string, organisationId: string, tx: Db = db): Promise<boolean> {
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
    async removePartner(partnershipId: string, organisationId: string, tx: Db = db): Promise<boolean> {
      const rows = await tx
        .delete(partnershipOrganisations)
        .where(eqPartner(partnershipId, organisationId))
        .returning({ id: partnershipOrganisations.organisationId })
      return rows.length > 0
    },
    /** Renumbers the partners in the given order, in one statement. */
    async setPartnerPositions(partnershipId: string, orderedOrganisationIds: string[], tx: Db = db): Promise<void> {
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

    async findClosureDates(partnershipId: string, tx: Db = db): Promise<string[]> {
      const rows = await tx.select({ date: closureDays.date }).from(closureDays).where(eq(closureDays.partnershipId, partnershipId))
      return rows.map((r) => r.date)
    },
  }
}

/** Bodies and the seats on them. */
function bodyQueries(db: Db) {
  return {
    findBodyById: (id: string, tx: Db = db) => findBodyWhere(tx, eq(bodies.id, id)),
    findBodyBySlug: (slug: string, tx: Db = db) => findBodyWhere(tx, eq(bodies.slug, slug)),

    /** Memberships of a body; with onDate, only those current on that date. Chair first. */
    async findMembershipsOfBody(bodyId: string, onDate?: string, tx: Db = db): Promise<MembershipView[]> {
      const onBehalf = alias(organisations, 'on_behalf')
      const rows = await tx
        .select({
          m: memberships,
          person: publicPersonColumns,
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
      return rows.map(({ m, person, org }) => ({
        id: m.id,
        bodyId: m.bodyId,
        role: m.role,
        startsOn: m.startsOn,
        endsOn: m.endsOn,
        version: m.version,
        deputyForMembershipId: m.deputyForMembershipId,
        person,
        organisation: org?.id ? { id: org.id, name: org.name } : null,
      }))
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
    insertBody: (values: typeof bodies.$inferInsert, tx: Db = db) => insertRow(tx, bodies, values),
    updateBody: (id: string, version: number, values: Partial<typeof bodies.$inferInsert>, tx: Db = db) =>
      updateIfVersion(tx, bodies, id, version, values),

    // ---- memberships ----

    findMembershipById: (id: string, tx: Db = db) => findById(tx, memberships, id),
    insertMembership: (values: typeof memberships.$inferInsert, tx: Db = db) => insertRow(tx, memberships, values),
    updateMembership: (id: string, version: number, values: Partial<typeof memberships.$inferInsert>, tx: Db = db) =>
      updateIfVersion(tx, memberships, id, version, values),
  }
}

/**
 * Drizzle queries only. Each takes the db or a transaction as its last parameter. The update* functions change
 * a row only while its version is still `version` (bumping it): undefined means someone else saved first, or the
 * row is gone.
 */
export function structureRepository(db: Db) {
  return { ...registerQueries(db), ...partnershipQueries(db), ...bodyQueries(db) }
}
export type StructureRepository = ReturnType<typeof structureRepository>
