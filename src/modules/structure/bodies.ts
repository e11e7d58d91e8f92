import type { Db } from '../../platform/db/client.ts'
import { conflict, notFound, validation } from '../../platform/http/errors.ts'
import { slugify } from '../../shared/slug.ts'
import type { BodyInPartnership, BodyRow, BodyWithPartnership, MembershipView } from './structure.repository.ts'
import type { BodyInput } from './structure.schemas.ts'
import { audit, found, guarded, orNull, uniqueSlug, type StructureActor, type StructureDeps, type Versioned } from './structure.support.ts'

const bodyValues = (input: BodyInput) => ({
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
})

const UNKNOWN_SIBLING = 'Select a body of this partnership from the list'

/** Accountable-to must be another body of the same partnership, and must not make a loop. */
async function checkAccountability(
  { repo }: StructureDeps,
  tx: Db,
  partnershipId: string,
  bodyId: string | null,
  targetId: string | undefined,
): Promise<void> {
  if (!targetId) return
  if (targetId === bodyId) throw validation({ accountableToBodyId: 'A body cannot be accountable to itself' })
  const siblings = await repo.bodiesOfPartnership(partnershipId, tx)
  const byId = new Map(siblings.map((b) => [b.id, b]))
  if (!byId.has(targetId)) throw validation({ accountableToBodyId: UNKNOWN_SIBLING })
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

/** Bodies: boards, executives and groups of a partnership, and who sits on them. */
export function bodyUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    /** A body with its partnership; throws NOT_FOUND. */
    getBody: (id: string, tx?: Db): Promise<BodyWithPartnership> => found(repo.findBodyById(id, tx), 'Body'),
    getBodyBySlug: (slug: string): Promise<BodyWithPartnership> => found(repo.findBodyBySlug(slug), 'Body'),
    bodiesOfPartnership: (partnershipId: string): Promise<BodyInPartnership[]> => repo.bodiesOfPartnership(partnershipId),
    /** Seats on a body; pass onDate (YYYY-MM-DD) for only those current that day. Chair first. */
    findMembershipsOfBody: (bodyId: string, onDate?: string): Promise<MembershipView[]> => repo.findMembershipsOfBody(bodyId, onDate),
    /** Every seat on a body (past, current and future), for the staff page and the deputy-for list. */
    allMembershipsOfBody: (bodyId: string): Promise<MembershipView[]> => repo.findMembershipsOfBody(bodyId),

    async createBody(actor: StructureActor, partnershipId: string, input: BodyInput): Promise<BodyRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const partnership = await repo.findPartnershipById(partnershipId, tx)
            if (!partnership) throw notFound('Partnership')
            await checkAccountability(deps, tx, partnershipId, null, input.accountableToBodyId)
            const base = slugify(input.name)
            const slug = await uniqueSlug(deps, tx, 'bodies', [base, slugify(`${partnership.slug}-${base}`)])
            const row = await repo.insertBody({ slug, partnershipId, ...bodyValues(input) }, tx)
            await audit(tx, actor, 'body.created', row.id, { name: row.name, slug, partnershipId }, partnershipId)
            return row
          }),
        { accountableToBodyId: UNKNOWN_SIBLING },
      )
    },

    async updateBody(actor: StructureActor, id: string, input: Versioned<BodyInput>): Promise<BodyRow> {
      return guarded(
        () =>
          db.transaction(async (tx) => {
            const current = await repo.findBodyById(id, tx)
            if (!current) throw notFound('Body')
            await checkAccountability(deps, tx, current.partnershipId, id, input.accountableToBodyId)
            const row = await repo.updateBody(id, input.version, bodyValues(input), tx)
            if (!row) throw conflict()
            await audit(tx, actor, 'body.updated', id, { name: row.name, version: row.version }, current.partnershipId)
            return row
          }),
        { accountableToBodyId: UNKNOWN_SIBLING },
      )
    },
  }
}
