import type { Db } from '../../platform/db/client.ts'
import { conflict, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import { peopleScopeOf } from './people.ts'
import { notePersonUse } from './person-use.ts'
import type { MembershipRow } from './structure.repository.ts'
import type { PeopleScope } from './structure.types.ts'
import type { EndMembershipInput, MembershipInput } from './structure.schemas.ts'
import {
  audit,
  found,
  guarded,
  orNull,
  type StructureActor,
  type StructureDeps,
  type StructureEditor,
  type Versioned,
} from './structure.support.ts'

const membershipValues = (input: MembershipInput) => ({
  personId: input.personId,
  role: input.role,
  onBehalfOfOrganisationId: orNull(input.onBehalfOfOrganisationId),
  startsOn: orNull(input.startsOn),
  endsOn: orNull(input.endsOn),
  deputyForMembershipId: orNull(input.deputyForMembershipId),
})

const ENDS_BEFORE_START = 'The end date must be the same as or after the start date'

/** Who a deputy stands in for: another seat on the same body, and only a deputy has one. */
async function deputyError({ repo }: StructureDeps, tx: Db, bodyId: string, membershipId: string | null, input: MembershipInput) {
  if (input.role !== 'deputy') {
    return input.deputyForMembershipId
      ? 'Only a deputy stands in for another member: choose the role Deputy or leave this empty'
      : undefined
  }
  if (!input.deputyForMembershipId) return 'Select the member this deputy stands in for'
  if (input.deputyForMembershipId === membershipId) return 'A deputy cannot stand in for themselves'
  const seat = await repo.findMembershipById(input.deputyForMembershipId, tx)
  return !seat || seat.bodyId !== bodyId ? 'Select a member of this body from the list' : undefined
}

/**
 * The seat as typed: the person must be one the editor may choose (a person their partnerships use: issue 10, so
 * seating someone is never a way to reach another partnership's person record).
 */
async function checkMembership(
  deps: StructureDeps,
  tx: Db,
  scope: PeopleScope,
  bodyId: string,
  membershipId: string | null,
  input: MembershipInput,
) {
  const { repo } = deps
  const errors: FieldErrors = {}
  const [person] = await repo.findPeopleByIds([input.personId], scope, tx)
  if (!person) errors.personId = 'Select a person from the list'
  if (input.onBehalfOfOrganisationId && !(await repo.findOrganisationById(input.onBehalfOfOrganisationId, tx))) {
    errors.onBehalfOfOrganisationId = 'Select an organisation from the list'
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) errors.endsOn = ENDS_BEFORE_START
  const deputy = await deputyError(deps, tx, bodyId, membershipId, input)
  if (deputy) errors.deputyForMembershipId = deputy
  if (Object.keys(errors).length) throw validation(errors)
}

const UNKNOWN_PERSON = { personId: 'Select a person from the list' }

/** Memberships: a person's seat on a body, in a role, from and to a date. */
export function membershipUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    getMembership: (id: string): Promise<MembershipRow> => found(repo.findMembershipById(id), 'Membership'),

    /** A seat for a person the editor may choose; the body's partnership uses the person from now on. */
    async createMembership(editor: StructureEditor, bodyId: string, input: MembershipInput): Promise<MembershipRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const body = await repo.findBodyById(bodyId, tx)
            if (!body) throw notFound('Body')
            await checkMembership(deps, tx, peopleScopeOf(editor), bodyId, null, input)
            // A seat is on behalf of the person's own organisation unless another is chosen.
            const person = await repo.findPersonById(input.personId, tx)
            const row = await repo.insertMembership(
              {
                bodyId,
                ...membershipValues(input),
                onBehalfOfOrganisationId: input.onBehalfOfOrganisationId ?? person?.organisationId ?? null,
              },
              tx,
            )
            await notePersonUse(row.personId, body.partnershipId, tx)
            await audit(tx, editor, 'membership.created', row.id, { bodyId, personId: row.personId, role: row.role }, body.partnershipId)
            return row
          }),
        UNKNOWN_PERSON,
      )
    },

    async updateMembership(editor: StructureEditor, id: string, input: Versioned<MembershipInput>): Promise<MembershipRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const current = await repo.findMembershipById(id, tx)
            if (!current) throw notFound('Membership')
            // The person already in the seat stays; a different person must be one the editor may choose.
            const scope = input.personId === current.personId ? null : peopleScopeOf(editor)
            await checkMembership(deps, tx, scope, current.bodyId, id, input)
            const row = await repo.updateMembership(id, input.version, membershipValues(input), tx)
            if (!row) throw conflict()
            const { bodyId, personId, role, version } = row
            const body = await repo.findBodyById(bodyId, tx)
            if (body) await notePersonUse(personId, body.partnershipId, tx)
            await audit(tx, editor, 'membership.updated', id, { bodyId, personId, role, version }, body?.partnershipId)
            return row
          }),
        UNKNOWN_PERSON,
      )
    },

    /** Ends a seat on a date (the last day they hold it). */
    async endMembership(actor: StructureActor, id: string, input: EndMembershipInput): Promise<MembershipRow> {
      return db.transaction(async (tx) => {
        const current = await repo.findMembershipById(id, tx)
        if (!current) throw notFound('Membership')
        if (current.startsOn && input.endsOn < current.startsOn) throw validation({ endsOn: ENDS_BEFORE_START })
        const row = await repo.updateMembership(id, input.version, { endsOn: input.endsOn }, tx)
        if (!row) throw conflict()
        const body = await repo.findBodyById(row.bodyId, tx)
        await audit(tx, actor, 'membership.ended', id, { bodyId: row.bodyId, personId: row.personId, endsOn: input.endsOn }, body?.partnershipId)
        return row
      })
    },
  }
}
