import type { Db } from '../../platform/db/client.ts'
import { notFound, validation } from '../../platform/http/errors.ts'
import type { PartnerView } from './structure.repository.ts'
import { assertOrganisationExists, audit, guarded, staleOrGone, type StructureActor, type StructureDeps } from './structure.support.ts'

export const PARTNERS_CHANGED =
  'Someone else changed this partnership or its partners since you opened the page. Nothing has been changed: check the list and try again.'

/**
 * The partner list is part of the partnership: each change bumps the partnership's version, and a change posted
 * from a page opened at an older version is refused (CONFLICT) rather than applied to a list the user did not see.
 */
async function claimVersion({ repo }: StructureDeps, tx: Db, partnershipId: string, version: number): Promise<void> {
  if (!(await repo.touchPartnership(partnershipId, version, tx))) {
    await staleOrGone(repo.findPartnershipById(partnershipId, tx), 'Partnership', PARTNERS_CHANGED)
  }
}

/** A partnership's partner organisations, in the order they are listed. */
export function partnerUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    partnersOf: (id: string): Promise<PartnerView[]> => repo.partnersOf(id),

    async addPartner(actor: StructureActor, partnershipId: string, organisationId: string): Promise<void> {
      await guarded(
        () =>
          db.transaction(async (tx) => {
            await assertOrganisationExists(deps, tx, organisationId, 'organisationId')
            const added = await repo.addPartner(partnershipId, organisationId, tx)
            if (!added) throw validation({ organisationId: 'That organisation is already a partner' })
            // The partner list is part of the partnership: a page opened before this sees a new version.
            await repo.touchPartnership(partnershipId, undefined, tx)
            await audit(tx, actor, 'partnership.partner_added', partnershipId, { organisationId }, partnershipId)
          }),
        { organisationId: 'Select an organisation from the list' },
      )
    },

    /** Removes a partner if the partnership is still at `version` (the page the user saw). */
    async removePartner(actor: StructureActor, partnershipId: string, organisationId: string, version: number): Promise<void> {
      await db.transaction(async (tx) => {
        await claimVersion(deps, tx, partnershipId, version)
        if (!(await repo.removePartner(partnershipId, organisationId, tx))) throw notFound('Partner organisation')
        await audit(tx, actor, 'partnership.partner_removed', partnershipId, { organisationId }, partnershipId)
      })
    },

    /** Moves a partner one place up or down the list, if the partnership is still at `version`. */
    async movePartner(
      actor: StructureActor,
      partnershipId: string,
      organisationId: string,
      input: { direction: 'up' | 'down'; version: number },
    ): Promise<void> {
      const { direction } = input
      await db.transaction(async (tx) => {
        await claimVersion(deps, tx, partnershipId, input.version)
        const ids = (await repo.partnersOf(partnershipId, tx)).map((p) => p.id)
        const at = ids.indexOf(organisationId)
        if (at < 0) throw notFound('Partner organisation')
        const to = direction === 'up' ? at - 1 : at + 1
        if (to < 0 || to >= ids.length) return
        ;[ids[at], ids[to]] = [ids[to]!, ids[at]!]
        await repo.setPartnerPositions(partnershipId, ids, tx)
        await audit(tx, actor, 'partnership.partner_moved', partnershipId, { organisationId, direction }, partnershipId)
      })
    },
  }
}
