import { pageOf, paged, type Paged } from '../../platform/db/paging.ts'
import type { PersonListRow, PersonOption, PersonRow } from './structure.repository.ts'
import type { PersonInput } from './structure.schemas.ts'
import {
  assertOrganisationExists,
  audit,
  found,
  guarded,
  orNull,
  staleOrGone,
  type StructureActor,
  type StructureDeps,
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

/** People: a shared register; email and phone are private. */
export function peopleUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    async listPeople(q: string, page: number): Promise<Paged<PersonListRow>> {
      return paged(await repo.listPeople({ q, ...pageOf(page, PEOPLE_PER_PAGE) }), page, PEOPLE_PER_PAGE)
    },
    personOptions: (): Promise<PersonOption[]> => repo.personOptions(),
    findPeopleByIds: (ids: string[]): Promise<PersonRow[]> => repo.findPeopleByIds(ids),
    /** The partnerships on whose bodies a person has, had or will have a seat (who may edit them: see structure.policy). */
    partnershipIdsOfPerson: (id: string): Promise<string[]> => repo.partnershipIdsOfPerson(id),
    getPerson: (id: string): Promise<PersonRow> => found(repo.findPersonById(id), 'Person'),

    async createPerson(actor: StructureActor, input: PersonInput): Promise<PersonRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            await assertOrganisationExists(deps, tx, input.organisationId, 'organisationId')
            const row = await repo.insertPerson(personValues(input), tx)
            await audit(tx, actor, 'person.created', row.id, { fullName: row.fullName })
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
