import { pageOf, paged, type Paged } from '../../platform/db/paging.ts'
import { slugify } from '../../shared/slug.ts'
import type { OrganisationRow, Option } from './structure.repository.ts'
import type { OrganisationInput } from './structure.schemas.ts'
import {
  audit,
  found,
  guarded,
  orNull,
  staleOrGone,
  uniqueSlug,
  type StructureActor,
  type StructureDeps,
  type Versioned,
} from './structure.support.ts'

export const ORGANISATIONS_PER_PAGE = 25

const organisationValues = (input: OrganisationInput) => ({
  name: input.name,
  shortName: orNull(input.shortName),
  type: input.type,
  website: orNull(input.website),
})

/** Organisations: a register shared by every partnership. */
export function organisationUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    async listOrganisations(page: number): Promise<Paged<OrganisationRow>> {
      return paged(await repo.listOrganisations(pageOf(page, ORGANISATIONS_PER_PAGE)), page, ORGANISATIONS_PER_PAGE)
    },
    organisationOptions: (): Promise<Option[]> => repo.organisationOptions(),
    /** The partnerships an organisation is a partner of (who may edit it: see structure.policy). */
    partnershipIdsOfOrganisation: (id: string): Promise<string[]> => repo.partnershipIdsOfOrganisation(id),
    getOrganisation: (id: string): Promise<OrganisationRow> => found(repo.findOrganisationById(id), 'Organisation'),

    async createOrganisation(actor: StructureActor, input: OrganisationInput): Promise<OrganisationRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const slug = await uniqueSlug(deps, tx, 'organisations', [slugify(input.shortName ?? input.name), slugify(input.name)])
            const row = await repo.insertOrganisation({ slug, ...organisationValues(input) }, tx)
            await audit(tx, actor, 'organisation.created', row.id, { name: row.name })
            return row
          }),
        { name: 'An organisation with this name already exists' },
      )
    },

    async updateOrganisation(actor: StructureActor, id: string, input: Versioned<OrganisationInput>): Promise<OrganisationRow> {
      return db.transaction(async (tx) => {
        const row =
          (await repo.updateOrganisation(id, input.version, organisationValues(input), tx)) ??
          (await staleOrGone(repo.findOrganisationById(id, tx), 'Organisation'))
        await audit(tx, actor, 'organisation.updated', id, { name: row.name, version: row.version })
        return row
      })
    },
  }
}
