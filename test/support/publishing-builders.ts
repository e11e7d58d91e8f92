import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/platform/db/client.ts'
import { emailSubscriptions, publicationEvents } from '../../src/modules/publishing/publishing.tables.ts'
import { meetings } from '../../src/modules/meetings/meetings.tables.ts'
import { eq } from 'drizzle-orm'

/** A publication event for a meeting (its body is the meeting's). Default: two minutes ago, so the alert job sees it settled. */
export async function buildPublicationEvent(
  db: Db,
  values: Partial<typeof publicationEvents.$inferInsert> & { meetingId: string; kind: (typeof publicationEvents.$inferInsert)['kind'] },
) {
  const [meeting] = await db.select({ bodyId: meetings.bodyId }).from(meetings).where(eq(meetings.id, values.meetingId))
  const [row] = await db
    .insert(publicationEvents)
    .values({ bodyId: meeting!.bodyId, occurredAt: new Date(Date.now() - 120_000), ...values })
    .returning()
  return row!
}

/** A subscription row written directly (tests of the flow go through the routes). */
export async function buildSubscription(db: Db, values: Partial<typeof emailSubscriptions.$inferInsert> & { bodyId: string }) {
  const [row] = await db
    .insert(emailSubscriptions)
    .values({
      email: `subscriber-${randomBytes(4).toString('hex')}@example.org`,
      unsubscribeTokenHash: randomBytes(32).toString('hex'),
      ...values,
    })
    .returning()
  return row!
}
