import type { Db } from '../../platform/db/client.ts'
import { personPartnerships } from './structure.tables.ts'
import type { NotePeopleUse } from './structure.types.ts'

/**
 * The write port for "this partnership uses this person" (issue 10, defect 1): only the partnerships that use a
 * person record see its contact details or may change it. Every module that first refers to a person for a
 * partnership (a seat, attendance, an action owner, an import, the demo) calls this inside the transaction that
 * makes the reference; the composition root (src/services.ts) hands it to the modules above structure, so they
 * never write structure's tables themselves (ADR 0002). Idempotent: a partnership that already uses the person
 * keeps its original `since`.
 */
export async function notePersonUse(personId: string, partnershipId: string, tx: Db): Promise<void> {
  await notePeopleUse([personId], partnershipId, tx)
}

/** The same for several people at once (duplicates and nulls are ignored). */
export const notePeopleUse: NotePeopleUse = async (personIds, partnershipId, tx) => {
  const ids = [...new Set(personIds.filter((id): id is string => !!id))]
  if (ids.length === 0) return
  await tx
    .insert(personPartnerships)
    .values(ids.map((personId) => ({ personId, partnershipId })))
    .onConflictDoNothing()
}
