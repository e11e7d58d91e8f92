import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/platform/db/client.ts'
import { actionLinks, actionOwners, actions, actionUpdates } from '../../src/modules/actions/actions.tables.ts'
import { buildBody } from './builders.ts'

/**
 * Builders for the matters arising, decisions register and topic tests: rows written directly (no audit).
 * An action gets a named group owner unless owners are given.
 */
export async function buildMaAction(
  db: Db,
  values: Partial<typeof actions.$inferInsert> & { owners?: { personId?: string; organisationId?: string; groupName?: string }[] } = {},
) {
  const { owners, ...rest } = values
  const bodyId = rest.bodyId ?? (await buildBody(db)).id
  const [row] = await db
    .insert(actions)
    .values({
      description: `do thing ${randomBytes(3).toString('hex')}`,
      raisedOn: '2026-01-10',
      isPublic: true,
      ...rest,
      bodyId,
    })
    .returning()
  const list = owners ?? [{ groupName: 'PMO' }]
  for (const [position, o] of list.entries()) {
    await db.insert(actionOwners).values({
      actionId: row!.id,
      position,
      personId: o.personId ?? null,
      organisationId: o.organisationId ?? null,
      groupName: o.groupName ?? null,
    })
  }
  return row!
}

export async function buildMaUpdate(db: Db, values: Partial<typeof actionUpdates.$inferInsert> & { actionId: string }) {
  const [row] = await db
    .insert(actionUpdates)
    .values({ text: 'progress made', ...values })
    .returning()
  return row!
}

export async function linkMaActions(db: Db, a: string, b: string) {
  const [low, high] = a < b ? [a, b] : [b, a]
  await db.insert(actionLinks).values({ actionId: low, linkedActionId: high })
}
