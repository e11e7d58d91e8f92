import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { PgSelect } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { bodies, memberships, organisations, partnerships, people, publicOrganisationColumns } from '../structure/structure.read.ts'
import { agendaItems, decisions, documents, meetings } from '../meetings/meetings.read.ts'
import { agendaPublicSql, itemOpenSql, minutesPublicSql, paperPublicSql } from '../meetings/public-rules.ts'
import { actionOwners, actions, type ActionStatus } from '../actions/actions.read.ts'
import { publishedActionSql } from '../actions/actions.read.ts'
import { apiTokens } from './api.tables.ts'
import { userPartnershipRoles, users } from '../accounts/accounts.read.ts'

export type ApiTokenRow = typeof apiTokens.$inferSelect
export type KeyCast = 'text' | 'date' | 'uuid' | 'time'

/** One page: `limit` rows after the cursor key in the order of `keys`, plus one to tell whether more follow. */
export type PageArgs = { limit: number; after: (string | number)[] | null }

/** `(k1, k2, ...) > (v1, v2, ...)`: keyset pagination on a row comparison that the ordering indexes serve. */
function afterKey(keys: { col: unknown; cast: KeyCast }[], after: PageArgs['after']): SQL | undefined {
  if (!after) return undefined
  const cols = sql.join(
    keys.map((k) => sql`${k.col}`),
    sql`, `,
  )
  const vals = sql.join(
    keys.map((k, i) => sql`${after[i]}::${sql.raw(k.cast)}`),
    sql`, `,
  )
  return sql`(${cols}) > (${vals})`
}

const orderOf = (keys: { col: unknown }[]) => keys.map((k) => sql`${k.col} asc`)

/**
 * One keyset page of a list query: its filters and the cursor condition, the order of `keys`, and one row more
 * than the limit to tell whether more follow.
 */
function keysetPage<Q extends PgSelect>(query: Q, keys: readonly { col: unknown; cast: KeyCast }[], page: PageArgs, ...filters: (SQL | undefined)[]) {
  return query
    .where(and(...filters, afterKey([...keys], page.after)))
    .orderBy(...orderOf([...keys]))
    .limit(page.limit + 1)
}

export const PARTNERSHIP_KEYS = [
  { col: partnerships.name, cast: 'text' },
  { col: partnerships.id, cast: 'uuid' },
] as const
export const ORGANISATION_KEYS = [
  { col: organisations.name, cast: 'text' },
  { col: organisations.id, cast: 'uuid' },
] as const
export const BODY_KEYS = [
  { col: bodies.name, cast: 'text' },
  { col: bodies.id, cast: 'uuid' },
] as const
export const PERSON_KEYS = [
  { col: people.fullName, cast: 'text' },
  { col: people.id, cast: 'uuid' },
] as const
export const MEMBERSHIP_KEYS = [{ col: memberships.id, cast: 'uuid' }] as const
export const MEETING_KEYS = [
  { col: meetings.date, cast: 'date' },
  { col: meetings.startTime, cast: 'time' },
  { col: meetings.id, cast: 'uuid' },
] as const
export const DOCUMENT_KEYS = [
  { col: meetings.date, cast: 'date' },
  { col: documents.id, cast: 'uuid' },
] as const
export const DECISION_KEYS = [
  { col: meetings.date, cast: 'date' },
  { col: decisions.id, cast: 'uuid' },
] as const
export const ACTION_KEYS = [
  { col: actions.raisedOn, cast: 'date' },
  { col: actions.id, cast: 'uuid' },
] as const

export const shapeOf = (keys: readonly { cast: KeyCast }[]) => keys.map((k) => k.cast)

/** The structure lists: partnerships, organisations, bodies, people with seats, memberships. */
function structureQueries(db: Db) {
  return {
    async findPartnerships(page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({
            id: partnerships.id,
            slug: partnerships.slug,
            name: partnerships.name,
            summary: partnerships.summary,
            purpose: partnerships.purpose,
            vision: partnerships.vision,
            parentPartnershipId: partnerships.parentPartnershipId,
            updatedAt: partnerships.updatedAt,
          })
          .from(partnerships)
          .$dynamic(),
        PARTNERSHIP_KEYS,
        page,
      )
    },

    async findOrganisations(page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({ ...publicOrganisationColumns, updatedAt: organisations.updatedAt })
          .from(organisations)
          .$dynamic(),
        ORGANISATION_KEYS,
        page,
      )
    },

    async findBodies(filter: { partnershipId?: string | undefined }, page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({
            id: bodies.id,
            slug: bodies.slug,
            partnershipId: bodies.partnershipId,
            name: bodies.name,
            kind: bodies.kind,
            regime: bodies.regime,
            termsOfReference: bodies.termsOfReference,
            quorum: bodies.quorum,
            meetingFrequency: bodies.meetingFrequency,
            accountableToBodyId: bodies.accountableToBodyId,
            updatedAt: bodies.updatedAt,
          })
          .from(bodies)
          .$dynamic(),
        BODY_KEYS,
        page,
        filter.partnershipId ? eq(bodies.partnershipId, filter.partnershipId) : undefined,
      )
    },

    /** People who hold or held a seat on a body: names and public job titles only, never contact details. */
    async findPeople(page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({
            id: people.id,
            honorific: people.honorific,
            fullName: people.fullName,
            jobTitle: people.jobTitle,
            organisationId: people.organisationId,
          })
          .from(people)
          .$dynamic(),
        PERSON_KEYS,
        page,
        sql`exists (select 1 from ${memberships} where ${memberships.personId} = ${people.id})`,
      )
    },

    async findMemberships(filter: { bodyId?: string | undefined; personId?: string | undefined }, page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({
            id: memberships.id,
            personId: memberships.personId,
            personName: people.fullName,
            personHonorific: people.honorific,
            bodyId: memberships.bodyId,
            role: memberships.role,
            onBehalfOfOrganisationId: memberships.onBehalfOfOrganisationId,
            startsOn: memberships.startsOn,
            endsOn: memberships.endsOn,
            deputyForMembershipId: memberships.deputyForMembershipId,
          })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .$dynamic(),
        MEMBERSHIP_KEYS,
        page,
        filter.bodyId ? eq(memberships.bodyId, filter.bodyId) : undefined,
        filter.personId ? eq(memberships.personId, filter.personId) : undefined,
      )
    },
  }
}

/** Meetings, their items, public papers and decisions: only public-rules SQL decides what is public. */
function meetingQueries(db: Db) {
  return {
    async findMeetings(
      filter: { bodyId?: string | undefined; partnershipId?: string | undefined; from?: string | undefined; to?: string | undefined; updatedSince?: Date | undefined },
      page: PageArgs,
      tx: Db = db,
    ) {
      return keysetPage(
        tx
          .select({
            id: meetings.id,
            bodyId: meetings.bodyId,
            partnershipId: bodies.partnershipId,
            bodyName: bodies.name,
            numberingScheme: bodies.numberingScheme,
            nextItemNumber: bodies.nextItemNumber,
            date: meetings.date,
            startTime: meetings.startTime,
            endTime: meetings.endTime,
            venue: meetings.venue,
            kind: meetings.kind,
            status: meetings.status,
            firstItemNumber: meetings.firstItemNumber,
            movedFromDate: meetings.movedFromDate,
            movedFromTime: meetings.movedFromTime,
            cancellationReason: meetings.cancellationReason,
            agendaPublishedAt: meetings.agendaPublishedAt,
            minutesPublishedAt: meetings.minutesPublishedAt,
            version: meetings.version,
            updatedAt: meetings.updatedAt,
            agendaPublic: sql<boolean>`${agendaPublicSql()}`,
            minutesPublic: sql<boolean>`${minutesPublicSql()}`,
          })
          .from(meetings)
          .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
          .$dynamic(),
        MEETING_KEYS,
        page,
        filter.bodyId ? eq(meetings.bodyId, filter.bodyId) : undefined,
        filter.partnershipId ? eq(bodies.partnershipId, filter.partnershipId) : undefined,
        filter.from ? gte(meetings.date, filter.from) : undefined,
        filter.to ? lte(meetings.date, filter.to) : undefined,
        filter.updatedSince ? gte(meetings.updatedAt, filter.updatedSince) : undefined,
      )
    },

    /** The items of several meetings in one query (the caller passes only meetings with a public agenda). */
    async findItemsOfMeetings(meetingIds: string[], tx: Db = db) {
      if (meetingIds.length === 0) return []
      return tx
        .select({
          id: agendaItems.id,
          meetingId: agendaItems.meetingId,
          parentItemId: agendaItems.parentItemId,
          position: agendaItems.position,
          kind: agendaItems.kind,
          numberOverride: agendaItems.numberOverride,
          title: agendaItems.title,
          purpose: agendaItems.purpose,
          isExempt: agendaItems.isExempt,
          exemptParagraph: agendaItems.exemptParagraph,
          createdAt: agendaItems.createdAt,
        })
        .from(agendaItems)
        .where(inArray(agendaItems.meetingId, meetingIds))
        .orderBy(asc(agendaItems.meetingId), asc(agendaItems.position), asc(agendaItems.createdAt))
    },

    async findPublicDocuments(filter: { meetingId?: string | undefined; bodyId?: string | undefined }, page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({
            id: documents.id,
            meetingId: documents.meetingId,
            bodyId: meetings.bodyId,
            meetingDate: meetings.date,
            itemId: documents.itemId,
            title: documents.title,
            filename: documents.filename,
            mediaType: documents.mediaType,
            sizeBytes: documents.sizeBytes,
            pageCount: documents.pageCount,
            sha256: documents.sha256,
            updatedAt: documents.updatedAt,
          })
          .from(documents)
          .innerJoin(meetings, eq(meetings.id, documents.meetingId))
          .$dynamic(),
        DOCUMENT_KEYS,
        page,
        paperPublicSql(),
        filter.meetingId ? eq(documents.meetingId, filter.meetingId) : undefined,
        filter.bodyId ? eq(meetings.bodyId, filter.bodyId) : undefined,
      )
    },

    /** Decisions of open items in published minutes. */
    async findPublicDecisions(
      filter: { bodyId?: string | undefined; from?: string | undefined; to?: string | undefined },
      page: PageArgs,
      tx: Db = db,
    ) {
      return keysetPage(
        tx
          .select({
            id: decisions.id,
            text: decisions.text,
            itemId: decisions.itemId,
            itemTitle: agendaItems.title,
            meetingId: meetings.id,
            meetingDate: meetings.date,
            bodyId: meetings.bodyId,
            updatedAt: decisions.updatedAt,
          })
          .from(decisions)
          .innerJoin(agendaItems, eq(agendaItems.id, decisions.itemId))
          .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
          .$dynamic(),
        DECISION_KEYS,
        page,
        minutesPublicSql(),
        itemOpenSql(),
        filter.bodyId ? eq(meetings.bodyId, filter.bodyId) : undefined,
        filter.from ? gte(meetings.date, filter.from) : undefined,
        filter.to ? lte(meetings.date, filter.to) : undefined,
      )
    },
  }
}

/** Public actions (publishedActionSql) and their owners. */
function actionQueries(db: Db) {
  return {
    async findPublicActions(filter: { bodyId?: string | undefined; status?: ActionStatus | undefined }, page: PageArgs, tx: Db = db) {
      return keysetPage(
        tx
          .select({
            id: actions.id,
            bodyId: actions.bodyId,
            meetingId: actions.meetingId,
            itemId: actions.itemId,
            description: actions.description,
            status: actions.status,
            dueOn: actions.dueOn,
            raisedOn: actions.raisedOn,
            completedOn: actions.completedOn,
            version: actions.version,
            updatedAt: actions.updatedAt,
          })
          .from(actions)
          .$dynamic(),
        ACTION_KEYS,
        page,
        publishedActionSql(),
        filter.bodyId ? eq(actions.bodyId, filter.bodyId) : undefined,
        filter.status ? eq(actions.status, filter.status) : undefined,
      )
    },

    /** Owners of several actions in one query: names only, never contact details. */
    async findOwnersOfActions(actionIds: string[], tx: Db = db) {
      if (actionIds.length === 0) return []
      return tx
        .select({
          actionId: actionOwners.actionId,
          personId: actionOwners.personId,
          personHonorific: people.honorific,
          personName: people.fullName,
          organisationId: actionOwners.organisationId,
          organisationName: organisations.name,
          groupName: actionOwners.groupName,
        })
        .from(actionOwners)
        .leftJoin(people, eq(people.id, actionOwners.personId))
        .leftJoin(organisations, eq(organisations.id, actionOwners.organisationId))
        .where(inArray(actionOwners.actionId, actionIds))
        .orderBy(asc(actionOwners.actionId), asc(actionOwners.position))
    },
  }
}

/** API tokens, and whether their creator may still use them. */
function tokenQueries(db: Db) {
  return {
    async findTokensOfPartnership(partnershipId: string, tx: Db = db): Promise<ApiTokenRow[]> {
      return tx
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.partnershipId, partnershipId))
        .orderBy(sql`${apiTokens.createdAt} desc`, asc(apiTokens.id))
        .limit(500)
    },
    async findTokenById(id: string, tx: Db = db): Promise<ApiTokenRow | undefined> {
      const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1)
      return row
    },
    async findTokenByHash(hash: string, tx: Db = db): Promise<ApiTokenRow | undefined> {
      const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash)).limit(1)
      return row
    },
    /**
     * Whether a token's creator may still manage its partnership: an enabled account that is an admin or
     * still holds the partnership's secretariat role. A token never outlives its creator's authority.
     */
    async creatorStillManages(userId: string, partnershipId: string, tx: Db = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            eq(users.disabled, false),
            sql`(${users.isAdmin} or exists (
              select 1 from ${userPartnershipRoles} r
              where r.user_id = ${users.id} and r.partnership_id = ${partnershipId} and r.role = 'secretariat'
            ))`,
          ),
        )
        .limit(1)
      return !!row
    },
    async insertToken(values: typeof apiTokens.$inferInsert, tx: Db = db): Promise<ApiTokenRow> {
      const [row] = await tx.insert(apiTokens).values(values).returning()
      return row!
    },
    /** Revoke once: a token already revoked is left as it was (undefined). */
    async revokeToken(id: string, userId: string, at: Date, tx: Db = db): Promise<ApiTokenRow | undefined> {
      const [row] = await tx
        .update(apiTokens)
        .set({ revokedAt: at, revokedByUserId: userId })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning()
      return row
    },
    async touchToken(id: string, at: Date, tx: Db = db): Promise<void> {
      await tx.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id))
    },
  }
}

/** Drizzle queries for the API's public lists and its tokens. Only public-rules SQL decides what is public. */
export function apiRepository(db: Db) {
  return { ...structureQueries(db), ...meetingQueries(db), ...actionQueries(db), ...tokenQueries(db) }
}
export type ApiRepository = ReturnType<typeof apiRepository>
