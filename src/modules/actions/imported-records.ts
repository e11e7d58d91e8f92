import { eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { actionOwners, actionUpdates, actions } from './actions.tables.ts'

/**
 * The action records an import writes (ADR 0007): actions, their owner and their updates, kept here because
 * this module owns the tables. The importer receives these functions from src/services.ts and calls them
 * inside its one transaction per document, so each takes that transaction and uses only it. Updates bump the
 * row's version: the importer records the versions it left, so a re-import changes only rows nobody has
 * changed since.
 */

export async function insertAction(values: typeof actions.$inferInsert, tx: Db): Promise<typeof actions.$inferSelect> {
  const [row] = await tx.insert(actions).values(values).returning()
  return row!
}

/** Returns the action's new version. */
export async function updateAction(id: string, changes: Partial<typeof actions.$inferInsert>, tx: Db): Promise<number> {
  const [row] = await tx
    .update(actions)
    .set({ ...changes, version: sql`${actions.version} + 1`, updatedAt: new Date() })
    .where(eq(actions.id, id))
    .returning({ version: actions.version })
  return row!.version
}

/** The action's owners become this one (or none). */
export async function replaceOwners(
  actionId: string,
  owner: { personId: string | null; organisationId: string | null; groupName: string | null } | null,
  tx: Db,
): Promise<void> {
  await tx.delete(actionOwners).where(eq(actionOwners.actionId, actionId))
  if (owner) await tx.insert(actionOwners).values({ actionId, position: 0, ...owner })
}

/** Returns the update's id. */
export async function insertUpdate(values: typeof actionUpdates.$inferInsert, tx: Db): Promise<string> {
  const [row] = await tx.insert(actionUpdates).values(values).returning({ id: actionUpdates.id })
  return row!.id
}

export async function deleteActions(ids: string[], tx: Db): Promise<void> {
  if (ids.length) await tx.delete(actions).where(inArray(actions.id, ids))
}
