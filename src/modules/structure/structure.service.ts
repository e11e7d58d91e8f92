import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import { slugify } from '../../shared/slug.ts'
import type {
  BodyInPartnership,
  BodyRow,
  BodyWithPartnership,
  MeetingListRow,
  MembershipRow,
  MembershipView,
  OrganisationRow,
  Option,
  PartnerView,
  PartnershipRow,
  PartnershipSummary,
  PersonListRow,
  PersonOption,
  PersonRow,
  StructureRepository,
} from './structure.repository.ts'
import { canAttachUnder } from './structure.policy.ts'
import type {
  BodyInput,
  EndMembershipInput,
  MembershipInput,
  OrganisationInput,
  PartnershipInput,
  PersonInput,
} from './structure.schemas.ts'

export type {
  BodyInPartnership,
  BodyRow,
  BodyWithPartnership,
  MeetingListRow,
  MembershipRow,
  MembershipView,
  OrganisationRow,
  Option,
  PartnerView,
  PartnershipRow,
  PartnershipSummary,
  PersonListRow,
  PersonOption,
  PersonRow,
}

/** Who makes a change: recorded in the audit trail. */
export type StructureActor = { userId: string }
/** A change whose rules depend on what the user manages (attaching a partnership under another). */
export type StructureEditor = StructureActor & Pick<CurrentUser, 'isAdmin' | 'secretariatOf'>

export const PARTNERS_CHANGED =
  'Someone else changed this partnership or its partners since you opened the page. Nothing has been changed: check the list and try again.'
type Versioned<T> = T & { version: number }

export const ORGANISATIONS_PER_PAGE = 25
export const PEOPLE_PER_PAGE = 25
export const MEETINGS_PER_PAGE = 20

export type Paged<T> = { rows: T[]; total: number; page: number; pageCount: number }

const pageOf = (page: number, size: number) => ({ limit: size, offset: (Math.max(1, page) - 1) * size })
const paged = <T>(result: { rows: T[]; total: number }, page: number, size: number): Paged<T> => ({
  ...result,
  page,
  pageCount: Math.max(1, Math.ceil(result.total / size)),
})

/** Empty strings and undefined become null for nullable columns. */
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v)

export function structureService(db: Db, repo: StructureRepository) {
  /** A slug not yet used in the table: the first free candidate, else the first with -2, -3... */
  async function uniqueSlug(
    tx: Db,
    table: 'organisations' | 'partnerships' | 'bodies',
    candidates: string[],
  ): Promise<string> {
    const base = candidates[0]!
    for (const candidate of candidates) {
      const taken = await repo.slugsLike(table, candidate, tx)
      if (!taken.includes(candidate)) return candidate
    }
    const taken = new Set(await repo.slugsLike(table, base, tx))
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
  }

  async function assertOrganisationExists(tx: Db, id: string | undefined, field: string): Promise<void> {
    if (id && !(await repo.findOrganisationById(id, tx))) throw validation({ [field]: 'Select an organisation from the list' })
  }

  /** Accountable-to must be another body of the same partnership, and must not make a loop. */
  async function checkAccountability(tx: Db, partnershipId: string, bodyId: string | null, targetId: string | undefined) {
    if (!targetId) return
    if (targetId === bodyId) throw validation({ accountableToBodyId: 'A body cannot be accountable to itself' })
    const siblings = await repo.bodiesOfPartnership(partnershipId, tx)
    const byId = new Map(siblings.map((b) => [b.id, b]))
    if (!byId.has(targetId)) throw validation({ accountableToBodyId: 'Select a body of this partnership from the list' })
    if (!bodyId) return
    const seen = new Set<string>()
    for (let at: string | null | undefined = targetId; at && !seen.has(at); at = byId.get(at)?.accountableToBodyId) {
      if (at === bodyId) {
        const target = byId.get(targetId)!
        throw validation({
          accountableToBodyId: `${target.name} is already accountable to this body, directly or through another body. Choose a body higher in the structure`,
        })
      }
      seen.add(at)
    }
  }

  async function checkMembership(
    tx: Db,
    bodyId: string,
    membershipId: string | null,
    input: MembershipInput,
  ): Promise<void> {
    const errors: FieldErrors = {}
    if (!(await repo.findPersonById(input.personId, tx))) errors.personId = 'Select a person from the list'
    if (input.onBehalfOfOrganisationId && !(await repo.findOrganisationById(input.onBehalfOfOrganisationId, tx))) {
      errors.onBehalfOfOrganisationId = 'Select an organisation from the list'
    }
    if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
      errors.endsOn = 'The end date must be the same as or after the start date'
    }
    if (input.role === 'deputy') {
      if (!input.deputyForMembershipId) {
        errors.deputyForMembershipId = 'Select the member this deputy stands in for'
      } else if (input.deputyForMembershipId === membershipId) {
        errors.deputyForMembershipId = 'A deputy cannot stand in for themselves'
      } else {
        const seat = await repo.findMembershipById(input.deputyForMembershipId, tx)
        if (!seat || seat.bodyId !== bodyId) errors.deputyForMembershipId = 'Select a member of this body from the list'
      }
    } else if (input.deputyForMembershipId) {
      errors.deputyForMembershipId = 'Only a deputy stands in for another member: choose the role Deputy or leave this empty'
    }
    if (Object.keys(errors).length) throw validation(errors)
  }

  /** Runs a change; a unique or foreign key violation becomes a field error, never a 500. */
  async function guarded<T>(work: () => Promise<T>, fallback: FieldErrors): Promise<T> {
    try {
      return await work()
    } catch (err) {
      const code = pgErrorCode(err)
      if (code === '23505' || code === '23503') throw validation(fallback)
      throw err
    }
  }

  return {
    /** A body with its partnership; throws NOT_FOUND. */
    async getBody(id: string, tx?: Db): Promise<BodyWithPartnership> {
      const body = await repo.findBodyById(id, tx)
      if (!body) throw notFound('Body')
      return body
    },
    async getBodyBySlug(slug: string): Promise<BodyWithPartnership> {
      const body = await repo.findBodyBySlug(slug)
      if (!body) throw notFound('Body')
      return body
    },
    /** Seats on a body; pass onDate (YYYY-MM-DD) for only those current that day. Chair first. */
    findMembershipsOfBody: (bodyId: string, onDate?: string): Promise<MembershipView[]> =>
      repo.findMembershipsOfBody(bodyId, onDate),
    findPeopleByIds: (ids: string[]): Promise<PersonRow[]> => repo.findPeopleByIds(ids),
    /** Local closure days (CONFIG) that do not count as clear working days. */
    findClosureDates: (partnershipId: string): Promise<string[]> => repo.findClosureDates(partnershipId),

    // ---- organisations (a register shared by every partnership) ----

    async listOrganisations(page: number): Promise<Paged<OrganisationRow>> {
      return paged(await repo.listOrganisations(pageOf(page, ORGANISATIONS_PER_PAGE)), page, ORGANISATIONS_PER_PAGE)
    },
    organisationOptions: (): Promise<Option[]> => repo.organisationOptions(),
    /** The partnerships an organisation is a partner of (who may edit it: see structure.policy). */
    partnershipIdsOfOrganisation: (id: string): Promise<string[]> => repo.partnershipIdsOfOrganisation(id),
    async getOrganisation(id: string): Promise<OrganisationRow> {
      const row = await repo.findOrganisationById(id)
      if (!row) throw notFound('Organisation')
      return row
    },
    async createOrganisation(actor: StructureActor, input: OrganisationInput): Promise<OrganisationRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const slug = await uniqueSlug(tx, 'organisations', [slugify(input.shortName ?? input.name), slugify(input.name)])
            const row = await repo.insertOrganisation(tx, {
              slug,
              name: input.name,
              shortName: orNull(input.shortName),
              type: input.type,
              website: orNull(input.website),
            })
            await recordAudit(tx, actor, {
              event: 'organisation.created',
              subjectType: 'organisation',
              subjectId: row.id,
              data: { name: row.name },
            })
            return row
          }),
        { name: 'An organisation with this name already exists' },
      )
    },
    async updateOrganisation(actor: StructureActor, id: string, input: Versioned<OrganisationInput>): Promise<OrganisationRow> {
      return db.transaction(async (tx) => {
        const row = await repo.updateOrganisation(tx, id, input.version, {
          name: input.name,
          shortName: orNull(input.shortName),
          type: input.type,
          website: orNull(input.website),
        })
        if (!row) throw (await repo.findOrganisationById(id, tx)) ? conflict() : notFound('Organisation')
        await recordAudit(tx, actor, {
          event: 'organisation.updated',
          subjectType: 'organisation',
          subjectId: id,
          data: { name: row.name, version: row.version },
        })
        return row
      })
    },

    // ---- people (a shared register; email and phone are private) ----

    async listPeople(q: string, page: number): Promise<Paged<PersonListRow>> {
      return paged(await repo.listPeople({ q, ...pageOf(page, PEOPLE_PER_PAGE) }), page, PEOPLE_PER_PAGE)
    },
    personOptions: (): Promise<PersonOption[]> => repo.personOptions(),
    /** The partnerships on whose bodies a person has, had or will have a seat (who may edit them: see structure.policy). */
    partnershipIdsOfPerson: (id: string): Promise<string[]> => repo.partnershipIdsOfPerson(id),
    async getPerson(id: string): Promise<PersonRow> {
      const row = await repo.findPersonById(id)
      if (!row) throw notFound('Person')
      return row
    },
    async createPerson(actor: StructureActor, input: PersonInput): Promise<PersonRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            await assertOrganisationExists(tx, input.organisationId, 'organisationId')
            const row = await repo.insertPerson(tx, personValues(input))
            await recordAudit(tx, actor, {
              event: 'person.created',
              subjectType: 'person',
              subjectId: row.id,
              data: { fullName: row.fullName },
            })
            return row
          }),
        { organisationId: 'Select an organisation from the list' },
      )
    },
    async updatePerson(actor: StructureActor, id: string, input: Versioned<PersonInput>): Promise<PersonRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            await assertOrganisationExists(tx, input.organisationId, 'organisationId')
            const row = await repo.updatePerson(tx, id, input.version, personValues(input))
            if (!row) throw (await repo.findPersonById(id, tx)) ? conflict() : notFound('Person')
            await recordAudit(tx, actor, {
              event: 'person.updated',
              subjectType: 'person',
              subjectId: id,
              data: { fullName: row.fullName, version: row.version },
            })
            return row
          }),
        { organisationId: 'Select an organisation from the list' },
      )
    },

    // ---- partnerships ----

    /** All partnerships by name, or only those in ids. */
    listPartnerships: (ids?: string[]): Promise<PartnershipSummary[]> => repo.listPartnerships(ids),
    childPartnerships: (id: string): Promise<PartnershipSummary[]> => repo.childPartnerships(id),
    partnersOf: (id: string): Promise<PartnerView[]> => repo.partnersOf(id),
    async getPartnership(id: string): Promise<PartnershipRow> {
      const row = await repo.findPartnershipById(id)
      if (!row) throw notFound('Partnership')
      return row
    },
    async getPartnershipBySlug(slug: string): Promise<PartnershipRow> {
      const row = await repo.findPartnershipBySlug(slug)
      if (!row) throw notFound('Partnership')
      return row
    },
    /** Partnerships that may be the parent of this one: not itself, not one below it. */
    async parentPartnershipOptions(partnershipId?: string): Promise<PartnershipSummary[]> {
      const [all, excluded] = await Promise.all([
        repo.listPartnerships(),
        partnershipId ? repo.partnershipAndDescendantIds(partnershipId) : Promise.resolve([]),
      ])
      const skip = new Set(excluded)
      return all.filter((p) => !skip.has(p.id))
    },
    async createPartnership(actor: StructureActor, input: PartnershipInput): Promise<PartnershipRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            if (input.parentPartnershipId && !(await repo.findPartnershipById(input.parentPartnershipId, tx))) {
              throw validation({ parentPartnershipId: 'Select a parent partnership from the list' })
            }
            const slug = await uniqueSlug(tx, 'partnerships', [slugify(input.name)])
            const row = await repo.insertPartnership(tx, { slug, ...partnershipValues(input) })
            await recordAudit(tx, actor, {
              event: 'partnership.created',
              subjectType: 'partnership',
              subjectId: row.id,
              data: { name: row.name, slug },
            })
            return row
          }),
        { name: 'A partnership with this name already exists' },
      )
    },
    async updatePartnership(actor: StructureEditor, id: string, input: Versioned<PartnershipInput>): Promise<PartnershipRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const current = await repo.findPartnershipById(id, tx)
            if (!current) throw notFound('Partnership')
            if (input.parentPartnershipId && input.parentPartnershipId !== current.parentPartnershipId) {
              // Placing a partnership under another is a change to that other partnership's structure too.
              if (!canAttachUnder(actor, input.parentPartnershipId)) {
                throw validation({
                  parentPartnershipId:
                    'You can only choose a partnership you manage as the one this is part of. Ask an administrator to make this change',
                })
              }
            }
            if (input.parentPartnershipId) {
              if (input.parentPartnershipId === id) {
                throw validation({ parentPartnershipId: 'A partnership cannot be its own parent' })
              }
              const above = await repo.partnershipAndAncestorIds(input.parentPartnershipId, tx)
              if (above.length === 0) throw validation({ parentPartnershipId: 'Select a parent partnership from the list' })
              if (above.includes(id)) {
                throw validation({
                  parentPartnershipId: 'That partnership is part of this one. Choose a partnership above this one in the structure',
                })
              }
            }
            const row = await repo.updatePartnership(tx, id, input.version, partnershipValues(input))
            if (!row) throw (await repo.findPartnershipById(id, tx)) ? conflict() : notFound('Partnership')
            await recordAudit(tx, actor, {
              event: 'partnership.updated',
              subjectType: 'partnership',
              subjectId: id,
              data: { name: row.name, version: row.version },
            })
            return row
          }),
        { parentPartnershipId: 'Select a parent partnership from the list' },
      )
    },
    async addPartner(actor: StructureActor, partnershipId: string, organisationId: string): Promise<void> {
      await guarded(
        () =>
          db.transaction(async (tx) => {
            await assertOrganisationExists(tx, organisationId, 'organisationId')
            const added = await repo.addPartner(tx, partnershipId, organisationId)
            if (!added) throw validation({ organisationId: 'That organisation is already a partner' })
            // The partner list is part of the partnership: a page opened before this sees a new version.
            await repo.touchPartnership(tx, partnershipId)
            await recordAudit(tx, actor, {
              event: 'partnership.partner_added',
              subjectType: 'partnership',
              subjectId: partnershipId,
              data: { organisationId },
            })
          }),
        { organisationId: 'Select an organisation from the list' },
      )
    },
    /** Removes a partner if the partnership is still at `version` (the page the user saw). */
    async removePartner(actor: StructureActor, partnershipId: string, organisationId: string, version: number): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await repo.touchPartnership(tx, partnershipId, version))) {
          throw (await repo.findPartnershipById(partnershipId, tx)) ? conflict(PARTNERS_CHANGED) : notFound('Partnership')
        }
        if (!(await repo.removePartner(tx, partnershipId, organisationId))) throw notFound('Partner organisation')
        await recordAudit(tx, actor, {
          event: 'partnership.partner_removed',
          subjectType: 'partnership',
          subjectId: partnershipId,
          data: { organisationId },
        })
      })
    },
    /** Moves a partner one place up or down the list, if the partnership is still at `version`. */
    async movePartner(
      actor: StructureActor,
      partnershipId: string,
      organisationId: string,
      input: { direction: 'up' | 'down'; version: number },
    ) {
      const { direction } = input
      await db.transaction(async (tx) => {
        if (!(await repo.touchPartnership(tx, partnershipId, input.version))) {
          throw (await repo.findPartnershipById(partnershipId, tx)) ? conflict(PARTNERS_CHANGED) : notFound('Partnership')
        }
        const ids = (await repo.partnersOf(partnershipId, tx)).map((p) => p.id)
        const at = ids.indexOf(organisationId)
        if (at < 0) throw notFound('Partner organisation')
        const to = direction === 'up' ? at - 1 : at + 1
        if (to < 0 || to >= ids.length) return
        ;[ids[at], ids[to]] = [ids[to]!, ids[at]!]
        await repo.setPartnerPositions(tx, partnershipId, ids)
        await recordAudit(tx, actor, {
          event: 'partnership.partner_moved',
          subjectType: 'partnership',
          subjectId: partnershipId,
          data: { organisationId, direction },
        })
      })
    },

    // ---- bodies ----

    bodiesOfPartnership: (partnershipId: string): Promise<BodyInPartnership[]> => repo.bodiesOfPartnership(partnershipId),
    async createBody(actor: StructureActor, partnershipId: string, input: BodyInput): Promise<BodyRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const partnership = await repo.findPartnershipById(partnershipId, tx)
            if (!partnership) throw notFound('Partnership')
            await checkAccountability(tx, partnershipId, null, input.accountableToBodyId)
            const base = slugify(input.name)
            const slug = await uniqueSlug(tx, 'bodies', [base, slugify(`${partnership.slug}-${base}`)])
            const row = await repo.insertBody(tx, { slug, partnershipId, ...bodyValues(input) })
            await recordAudit(tx, actor, {
              event: 'body.created',
              subjectType: 'body',
              subjectId: row.id,
              data: { name: row.name, slug, partnershipId },
            })
            return row
          }),
        { accountableToBodyId: 'Select a body of this partnership from the list' },
      )
    },
    async updateBody(actor: StructureActor, id: string, input: Versioned<BodyInput>): Promise<BodyRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const current = await repo.findBodyById(id, tx)
            if (!current) throw notFound('Body')
            await checkAccountability(tx, current.partnershipId, id, input.accountableToBodyId)
            const row = await repo.updateBody(tx, id, input.version, bodyValues(input))
            if (!row) throw conflict()
            await recordAudit(tx, actor, {
              event: 'body.updated',
              subjectType: 'body',
              subjectId: id,
              data: { name: row.name, version: row.version },
            })
            return row
          }),
        { accountableToBodyId: 'Select a body of this partnership from the list' },
      )
    },
    /** A page of a body's meetings: upcoming (from a date), past (before a date) or all. */
    async meetingsOfBody(
      bodyId: string,
      range: { fromDate?: string; beforeDate?: string },
      page = 1,
      perPage = MEETINGS_PER_PAGE,
    ): Promise<Paged<MeetingListRow>> {
      return paged(await repo.meetingsOfBody(bodyId, range, pageOf(page, perPage)), page, perPage)
    },

    // ---- memberships ----

    async getMembership(id: string): Promise<MembershipRow> {
      const row = await repo.findMembershipById(id)
      if (!row) throw notFound('Membership')
      return row
    },
    async createMembership(actor: StructureActor, bodyId: string, input: MembershipInput): Promise<MembershipRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            if (!(await repo.findBodyById(bodyId, tx))) throw notFound('Body')
            await checkMembership(tx, bodyId, null, input)
            // A seat is on behalf of the person's own organisation unless another is chosen.
            const person = await repo.findPersonById(input.personId, tx)
            const row = await repo.insertMembership(tx, {
              bodyId,
              ...membershipValues(input),
              onBehalfOfOrganisationId: input.onBehalfOfOrganisationId ?? person?.organisationId ?? null,
            })
            await recordAudit(tx, actor, {
              event: 'membership.created',
              subjectType: 'membership',
              subjectId: row.id,
              data: { bodyId, personId: row.personId, role: row.role },
            })
            return row
          }),
        { personId: 'Select a person from the list' },
      )
    },
    async updateMembership(actor: StructureActor, id: string, input: Versioned<MembershipInput>): Promise<MembershipRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const current = await repo.findMembershipById(id, tx)
            if (!current) throw notFound('Membership')
            await checkMembership(tx, current.bodyId, id, input)
            const row = await repo.updateMembership(tx, id, input.version, membershipValues(input))
            if (!row) throw conflict()
            await recordAudit(tx, actor, {
              event: 'membership.updated',
              subjectType: 'membership',
              subjectId: id,
              data: { bodyId: row.bodyId, personId: row.personId, role: row.role, version: row.version },
            })
            return row
          }),
        { personId: 'Select a person from the list' },
      )
    },
    /** Ends a seat on a date (the last day they hold it). */
    async endMembership(actor: StructureActor, id: string, input: EndMembershipInput): Promise<MembershipRow> {
      return db.transaction(async (tx) => {
        const current = await repo.findMembershipById(id, tx)
        if (!current) throw notFound('Membership')
        if (current.startsOn && input.endsOn < current.startsOn) {
          throw validation({ endsOn: 'The end date must be the same as or after the start date' })
        }
        const row = await repo.updateMembership(tx, id, input.version, { endsOn: input.endsOn })
        if (!row) throw conflict()
        await recordAudit(tx, actor, {
          event: 'membership.ended',
          subjectType: 'membership',
          subjectId: id,
          data: { bodyId: row.bodyId, personId: row.personId, endsOn: input.endsOn },
        })
        return row
      })
    },
    /** Every seat on a body (past, current and future), for the staff page and the deputy-for list. */
    allMembershipsOfBody: (bodyId: string): Promise<MembershipView[]> => repo.findMembershipsOfBody(bodyId),
  }
}
export type StructureService = ReturnType<typeof structureService>

function personValues(input: PersonInput) {
  return {
    honorific: orNull(input.honorific),
    fullName: input.fullName,
    jobTitle: orNull(input.jobTitle),
    organisationId: orNull(input.organisationId),
    email: orNull(input.email),
    phone: orNull(input.phone),
  }
}

function partnershipValues(input: PartnershipInput) {
  return {
    name: input.name,
    parentPartnershipId: orNull(input.parentPartnershipId),
    summary: orNull(input.summary),
    purpose: orNull(input.purpose),
    vision: orNull(input.vision),
  }
}

function bodyValues(input: BodyInput) {
  return {
    name: input.name,
    kind: input.kind,
    regime: input.regime,
    termsOfReference: orNull(input.termsOfReference),
    quorum: orNull(input.quorum),
    meetingFrequency: orNull(input.meetingFrequency),
    accountableToBodyId: orNull(input.accountableToBodyId),
    numberingScheme: input.numberingScheme,
    nextItemNumber: input.nextItemNumber,
    noticeClearDays: input.noticeClearDays,
    region: input.region,
  }
}

function membershipValues(input: MembershipInput) {
  return {
    personId: input.personId,
    role: input.role,
    onBehalfOfOrganisationId: orNull(input.onBehalfOfOrganisationId),
    startsOn: orNull(input.startsOn),
    endsOn: orNull(input.endsOn),
    deputyForMembershipId: orNull(input.deputyForMembershipId),
  }
}

/** The SQLSTATE of a database error, looking through the ORM's wrapper. */
function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
