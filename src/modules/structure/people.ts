import { pageOf, paged, type Paged } from '../../platform/db/paging.ts'
import { managedPartnershipIds } from '../../platform/http/auth.ts'
import { validation } from '../../platform/http/errors.ts'
import { notePersonUse } from './person-use.ts'
import type { PersonListRow, PersonOption, PersonRow } from './structure.repository.ts'
import type { PeopleScope } from './structure.types.ts'
import type { NewPersonInput, PersonInput } from './structure.schemas.ts'
import {
  assertOrganisationExists,
  audit,
  found,
  guarded,
  orNull,
  staleOrGone,
  type StructureActor,
  type StructureDeps,
  type StructureEditor,
  type Versioned,
} from './structure.support.ts'

export const PEOPLE_PER_PAGE = 25

const personValues = (input: PersonInput) => ({
  honorific: orNull(input.honorific),
  fullName: input.fullName,
  jobTitle: orNull(input.jobTitle),
  organisationId: orNull(input.organisationId),
  email: orNull(input.email),
  phone: orNull(input.phone),
})

const UNKNOWN_ORGANISATION = { organisationId: 'Select an organisation from the list' }
const NOT_YOUR_PARTNERSHIP = { partnershipId: 'Select a partnership you manage' }

/** The people an editor may see and choose: every person for an admin, else those their partnerships use. */
export const peopleScopeOf = (editor: Pick<StructureEditor, 'isAdmin' | 'secretariatOf'>): PeopleScope => managedPartnershipIds(editor)

/**
 * People: a register shared by the partnerships, but personal data (UK GDPR): a person is seen, chosen and changed
 * only by the partnerships that use them (issue 10), and email and phone are never public.
 */
export function peopleUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    /** The people in the scope's view, by name. */
    async listPeople(scope: PeopleScope, q: string, page: number): Promise<Paged<PersonListRow>> {
      return paged(await repo.listPeople({ q, scope, ...pageOf(page, PEOPLE_PER_PAGE) }), page, PEOPLE_PER_PAGE)
    },
    /** What a person picker offers: the people in the scope's view. */
    personOptions: (scope: PeopleScope): Promise<PersonOption[]> => repo.personOptions(scope),
    /** The people with these ids; with a scope, only those in its view (a picked id outside it is not found). */
    findPeopleByIds: (ids: string[], scope: PeopleScope = null): Promise<PersonRow[]> => repo.findPeopleByIds(ids, scope),
    /** The partnerships that use a person (who may see and edit them: see structure.policy). */
    partnershipIdsOfPerson: (id: string): Promise<string[]> => repo.partnershipIdsOfPerson(id),
    getPerson: (id: string): Promise<PersonRow> => found(repo.findPersonById(id), 'Person'),

    /** A new person, used from the start by the partnership adding them (which the editor must manage). */
    async createPerson(editor: StructureEditor, input: NewPersonInput): Promise<PersonRow> {
      if (!editor.isAdmin && !editor.secretariatOf.includes(input.partnershipId)) throw validation(NOT_YOUR_PARTNERSHIP)
      return guarded(
        () =>
          db.transaction(async (tx) => {
            if (!(await repo.findPartnershipById(input.partnershipId, tx))) throw validation(NOT_YOUR_PARTNERSHIP)
            await assertOrganisationExists(deps, tx, input.organisationId, 'organisationId')
            const row = await repo.insertPerson(personValues(input), tx)
            await notePersonUse(row.id, input.partnershipId, tx)
            await audit(tx, editor, 'person.created', row.id, { fullName: row.fullName, partnershipId: input.partnershipId })
            return row
          }),
        UNKNOWN_ORGANISATION,
      )
    },

    async updatePerson(actor: StructureActor, id: string, input: Versioned<PersonInput>): Promise<PersonRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            await assertOrganisationExists(deps, tx, input.organisationId, 'organisationId')
            const row =
              (await repo.updatePerson(id, input.version, personValues(input), tx)) ??
              (await staleOrGone(repo.findPersonById(id, tx), 'Person'))
            await audit(tx, actor, 'person.updated', id, { fullName: row.fullName, version: row.version })
            return row
          }),
        UNKNOWN_ORGANISATION,
      )
    },
  }
}
