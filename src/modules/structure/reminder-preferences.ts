import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from './structure.tables.ts'

/**
 * A person's choice about action reminder emails: the one write the reminders module needs on a person's record.
 * It takes the caller's transaction (the opt-out is audited with it) and is passed to the reminders service by
 * the composition root (ADR 0002: a module writes only its own tables).
 */
export async function setRemindersOptOut(personId: string, optOut: boolean, tx: Db): Promise<boolean> {
  const rows = await tx
    .update(people)
    .set({ remindersOptOut: optOut, updatedAt: sql`now()`, version: sql`${people.version} + 1` })
    .where(eq(people.id, personId))
    .returning({ id: people.id })
  return rows.length > 0
}
