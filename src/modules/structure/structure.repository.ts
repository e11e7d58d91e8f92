import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { bodies, closureDays, memberships, organisations, partnerships, people } from './structure.tables.ts'

export type BodyRow = typeof bodies.$inferSelect
export type PartnershipRow = typeof partnerships.$inferSelect
export type PersonRow = typeof people.$inferSelect
export type OrganisationRow = typeof organisations.$inferSelect

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
    async findMembershipsOfBody(bodyId: string, onDate?: string): Promise<MembershipView[]> {
      const onBehalf = alias(organisations, 'on_behalf')
      const rows = await db
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
  }
}
export type StructureRepository = ReturnType<typeof structureRepository>
