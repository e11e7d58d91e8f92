import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { updateIfVersion } from '../../platform/db/columns.ts'
import { bodies, memberships, organisations, partnershipOrganisations, people } from '../structure/structure.read.ts'
import { meetings } from '../meetings/meetings.read.ts'
import { users } from '../accounts/accounts.read.ts'
import { programmeLinks, workstreamMilestones, workstreams, workstreamUpdates } from './programme.tables.ts'

export type WorkstreamRow = typeof workstreams.$inferSelect
export type MilestoneRow = typeof workstreamMilestones.$inferSelect
export type UpdateRow = typeof workstreamUpdates.$inferSelect
/** A workstream with who leads it and the body that owns it (the public sees names only, never contact details). */
export type WorkstreamView = WorkstreamRow & {
  leadPerson: { id: string; fullName: string; honorific: string | null; jobTitle: string | null } | null
  leadOrganisation: { id: string; name: string } | null
  owningBody: { id: string; name: string; slug: string } | null
}
export type UpdateView = UpdateRow & { authorName: string | null; reportedAtDate: string | null }
export type PersonChoice = { id: string; fullName: string; honorific: string | null }
export type MeetingChoice = { id: string; date: string; bodyName: string }

const columns = {
  workstream: workstreams,
  personId: people.id,
  personName: people.fullName,
  personHonorific: people.honorific,
  personJobTitle: people.jobTitle,
  organisationId: organisations.id,
  organisationName: organisations.name,
  bodyId: bodies.id,
  bodyName: bodies.name,
  bodySlug: bodies.slug,
}
type JoinedRow = {
  workstream: WorkstreamRow
  personId: string | null
  personName: string | null
  personHonorific: string | null
  personJobTitle: string | null
  organisationId: string | null
  organisationName: string | null
  bodyId: string | null
  bodyName: string | null
  bodySlug: string | null
}
const view = (r: JoinedRow): WorkstreamView => ({
  ...r.workstream,
  leadPerson: r.personId ? { id: r.personId, fullName: r.personName!, honorific: r.personHonorific, jobTitle: r.personJobTitle } : null,
  leadOrganisation: r.organisationId ? { id: r.organisationId, name: r.organisationName! } : null,
  owningBody: r.bodyId ? { id: r.bodyId, name: r.bodyName!, slug: r.bodySlug! } : null,
})

/** Drizzle queries only, for workstreams, their milestones and their progress updates. */
export function programmeRepository(db: Db) {
  const joined = (tx: Db) =>
    tx
      .select(columns)
      .from(workstreams)
      .leftJoin(people, eq(people.id, workstreams.leadPersonId))
      .leftJoin(organisations, eq(organisations.id, workstreams.leadOrganisationId))
      .leftJoin(bodies, eq(bodies.id, workstreams.owningBodyId))

  return {
    // ---- workstreams ----
    async findWorkstreamsOfPartnership(partnershipId: string, tx: Db = db): Promise<WorkstreamView[]> {
      const rows = await joined(tx).where(eq(workstreams.partnershipId, partnershipId)).orderBy(asc(workstreams.title), asc(workstreams.id))
      return rows.map(view)
    },
    async findWorkstreamsOfTheme(themeId: string, tx: Db = db): Promise<WorkstreamView[]> {
      const rows = await joined(tx).where(eq(workstreams.themeId, themeId)).orderBy(asc(workstreams.title), asc(workstreams.id))
      return rows.map(view)
    },
    async findWorkstreamById(id: string, tx: Db = db): Promise<WorkstreamView | undefined> {
      const [row] = await joined(tx).where(eq(workstreams.id, id)).limit(1)
      return row ? view(row) : undefined
    },
    async findWorkstreamBySlug(partnershipId: string, slug: string, tx: Db = db): Promise<WorkstreamView | undefined> {
      const [row] = await joined(tx)
        .where(and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.slug, slug)))
        .limit(1)
      return row ? view(row) : undefined
    },
    async lockWorkstream(id: string, tx: Db): Promise<WorkstreamRow | undefined> {
      const [row] = await tx.select().from(workstreams).where(eq(workstreams.id, id)).for('update').limit(1)
      return row
    },
    async workstreamSlugsLike(partnershipId: string, base: string, tx: Db): Promise<string[]> {
      const rows = await tx
        .select({ slug: workstreams.slug })
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), sql`(${workstreams.slug} = ${base} or ${workstreams.slug} like ${`${base}-%`})`))
      return rows.map((r) => r.slug)
    },
    async insertWorkstream(values: typeof workstreams.$inferInsert, tx: Db): Promise<WorkstreamRow> {
      const [row] = await tx.insert(workstreams).values(values).returning()
      return row!
    },
    updateWorkstream: (id: string, version: number, values: Partial<typeof workstreams.$inferInsert>, tx: Db) => updateIfVersion(tx, workstreams, id, version, values),
    /** Anything of the programme under the theme: a workstream or a link (the strategy keeps such a theme). */
    async isThemeInUse(themeId: string, tx: Db = db): Promise<boolean> {
      const [w] = await tx.select({ id: workstreams.id }).from(workstreams).where(eq(workstreams.themeId, themeId)).limit(1)
      if (w) return true
      const [l] = await tx.select({ id: programmeLinks.id }).from(programmeLinks).where(eq(programmeLinks.themeId, themeId)).limit(1)
      return !!l
    },

    // ---- milestones ----
    async findMilestonesOf(workstreamIds: readonly string[], tx: Db = db): Promise<MilestoneRow[]> {
      if (workstreamIds.length === 0) return []
      return tx
        .select()
        .from(workstreamMilestones)
        .where(inArray(workstreamMilestones.workstreamId, [...workstreamIds]))
        .orderBy(sql`${workstreamMilestones.dueOn} asc nulls last`, asc(workstreamMilestones.seq))
    },
    async findMilestoneById(id: string, tx: Db = db): Promise<MilestoneRow | undefined> {
      const [row] = await tx.select().from(workstreamMilestones).where(eq(workstreamMilestones.id, id)).limit(1)
      return row
    },
    async insertMilestone(values: typeof workstreamMilestones.$inferInsert, tx: Db): Promise<MilestoneRow> {
      const [row] = await tx.insert(workstreamMilestones).values(values).returning()
      return row!
    },
    updateMilestone: (id: string, version: number, values: Partial<typeof workstreamMilestones.$inferInsert>, tx: Db) =>
      updateIfVersion(tx, workstreamMilestones, id, version, values),

    // ---- progress updates ----
    async findUpdatesOf(workstreamId: string, opts: { publicOnly: boolean }, tx: Db = db): Promise<UpdateView[]> {
      const rows = await tx
        .select({ update: workstreamUpdates, authorName: users.displayName, reportedAtDate: meetings.date })
        .from(workstreamUpdates)
        .leftJoin(users, eq(users.id, workstreamUpdates.authorUserId))
        .leftJoin(meetings, eq(meetings.id, workstreamUpdates.reportedAtMeetingId))
        .where(and(eq(workstreamUpdates.workstreamId, workstreamId), opts.publicOnly ? eq(workstreamUpdates.isPublic, true) : undefined))
        .orderBy(desc(workstreamUpdates.createdAt), desc(workstreamUpdates.seq))
      return rows.map((r) => ({ ...r.update, authorName: r.authorName, reportedAtDate: r.reportedAtDate }))
    },
    async insertUpdate(values: typeof workstreamUpdates.$inferInsert, tx: Db): Promise<UpdateRow> {
      const [row] = await tx.insert(workstreamUpdates).values(values).returning()
      return row!
    },

    // ---- choices the forms offer, limited to the partnership ----
    /** People with a seat (past, present or future) on one of the partnership's bodies, and `alsoId` (the current lead). */
    async peopleOfPartnership(partnershipId: string, alsoId: string | null, tx: Db = db): Promise<PersonChoice[]> {
      return tx
        .selectDistinct({ id: people.id, fullName: people.fullName, honorific: people.honorific })
        .from(people)
        .leftJoin(memberships, eq(memberships.personId, people.id))
        .leftJoin(bodies, eq(bodies.id, memberships.bodyId))
        .where(or(eq(bodies.partnershipId, partnershipId), alsoId ? eq(people.id, alsoId) : sql`false`))
        .orderBy(asc(people.fullName), asc(people.id))
    },
    /** The partnership's partner organisations, and `alsoId` (the current lead organisation). */
    async organisationsOfPartnership(partnershipId: string, alsoId: string | null, tx: Db = db): Promise<{ id: string; name: string }[]> {
      return tx
        .selectDistinct({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .leftJoin(partnershipOrganisations, eq(partnershipOrganisations.organisationId, organisations.id))
        .where(or(eq(partnershipOrganisations.partnershipId, partnershipId), alsoId ? eq(organisations.id, alsoId) : sql`false`))
        .orderBy(asc(organisations.name), asc(organisations.id))
    },
    /** The partnership's meetings, newest first, not cancelled. */
    async meetingsOfPartnership(partnershipId: string, tx: Db = db): Promise<MeetingChoice[]> {
      return tx
        .select({ id: meetings.id, date: meetings.date, bodyName: bodies.name })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(bodies.partnershipId, partnershipId), ne(meetings.status, 'cancelled')))
        .orderBy(desc(meetings.date), asc(bodies.name))
    },
  }
}
export type ProgrammeRepository = ReturnType<typeof programmeRepository>
