import type { Db } from '../../platform/db/client.ts'
import { notFound, validation } from '../../platform/http/errors.ts'
import { slugify } from '../../shared/slug.ts'
import type { PartnershipRow, PartnershipSummary } from './structure.repository.ts'
import { canAttachUnder } from './structure.policy.ts'
import type { PartnershipInput } from './structure.schemas.ts'
import {
  audit,
  found,
  guarded,
  orNull,
  staleOrGone,
  uniqueSlug,
  type StructureActor,
  type StructureDeps,
  type StructureEditor,
  type Versioned,
} from './structure.support.ts'

const partnershipValues = (input: PartnershipInput) => ({
  name: input.name,
  parentPartnershipId: orNull(input.parentPartnershipId),
  summary: orNull(input.summary),
  purpose: orNull(input.purpose),
  vision: orNull(input.vision),
})

const UNKNOWN_PARENT = 'Select a parent partnership from the list'

/** The partnership a partnership is placed under: one the editor may attach to, and never itself or one below it. */
async function checkParent({ repo }: StructureDeps, tx: Db, editor: StructureEditor, current: PartnershipRow, parentId: string | undefined) {
  if (!parentId) return
  // Placing a partnership under another is a change to that other partnership's structure too.
  if (parentId !== current.parentPartnershipId && !canAttachUnder(editor, parentId)) {
    throw validation({
      parentPartnershipId: 'You can only choose a partnership you manage as the one this is part of. Ask an administrator to make this change',
    })
  }
  if (parentId === current.id) throw validation({ parentPartnershipId: 'A partnership cannot be its own parent' })
  const above = await repo.partnershipAndAncestorIds(parentId, tx)
  if (above.length === 0) throw validation({ parentPartnershipId: UNKNOWN_PARENT })
  if (above.includes(current.id)) {
    throw validation({
      parentPartnershipId: 'That partnership is part of this one. Choose a partnership above this one in the structure',
    })
  }
}

/** Partnerships: their details and their place in the tree of partnerships. */
export function partnershipUseCases(deps: StructureDeps) {
  const { db, repo } = deps
  return {
    /** All partnerships by name, or only those in ids. */
    listPartnerships: (ids?: string[]): Promise<PartnershipSummary[]> => repo.listPartnerships(ids),
    childPartnerships: (id: string): Promise<PartnershipSummary[]> => repo.childPartnerships(id),
    getPartnership: (id: string): Promise<PartnershipRow> => found(repo.findPartnershipById(id), 'Partnership'),
    getPartnershipBySlug: (slug: string): Promise<PartnershipRow> => found(repo.findPartnershipBySlug(slug), 'Partnership'),
    /** Local closure days (CONFIG) that do not count as clear working days. */
    findClosureDates: (partnershipId: string): Promise<string[]> => repo.findClosureDates(partnershipId),

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
              throw validation({ parentPartnershipId: UNKNOWN_PARENT })
            }
            const slug = await uniqueSlug(deps, tx, 'partnerships', [slugify(input.name)])
            const row = await repo.insertPartnership({ slug, ...partnershipValues(input) }, tx)
            await audit(tx, actor, 'partnership.created', row.id, { name: row.name, slug }, row.id)
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
            await checkParent(deps, tx, actor, current, input.parentPartnershipId)
            const row =
              (await repo.updatePartnership(id, input.version, partnershipValues(input), tx)) ??
              (await staleOrGone(repo.findPartnershipById(id, tx), 'Partnership'))
            await audit(tx, actor, 'partnership.updated', id, { name: row.name, version: row.version }, id)
            return row
          }),
        { parentPartnershipId: UNKNOWN_PARENT },
      )
    },
  }
}
