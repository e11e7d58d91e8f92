import type { Db } from '../../platform/db/client.ts'
import { bodies, people } from './structure.tables.ts'

/** The partnership importing a page uses the people it names (issue 10): the same port every module calls. */
export { notePeopleUse } from './person-use.ts'

/**
 * The structure records an import writes (ADR 0007), kept here because this module owns the tables: the
 * importer receives these functions from src/services.ts and calls them inside its one transaction per
 * document, so each takes that transaction and uses only it.
 */

/** A body the page names that the partnership does not have yet (the user asked for it to be created). */
export async function insertBody(
  values: typeof bodies.$inferInsert,
  tx: Db,
): Promise<{ id: string; name: string; partnershipId: string }> {
  const [row] = await tx.insert(bodies).values(values).returning({ id: bodies.id, name: bodies.name, partnershipId: bodies.partnershipId })
  return row!
}

/** A person the page names (attendance, apologies, an action owner) who is not among the partnership's people. */
export async function insertPerson(
  values: { honorific: string | null; fullName: string; organisationId: string | null },
  tx: Db,
): Promise<{ id: string; honorific: string | null; fullName: string; organisationId: string | null }> {
  const [row] = await tx
    .insert(people)
    .values(values)
    .returning({ id: people.id, honorific: people.honorific, fullName: people.fullName, organisationId: people.organisationId })
  return row!
}
