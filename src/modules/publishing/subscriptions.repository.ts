import { and, eq, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { publicationEvents, emailSubscriptions, subscriptionDeliveries } from './publishing.tables.ts'

export type SubscriptionRow = typeof emailSubscriptions.$inferSelect

/** A confirmed subscription with events still to send. */
export type DueSubscription = Pick<SubscriptionRow, 'id' | 'bodyId' | 'email' | 'lastEventId'>

/** The delivery of one event to one subscriber while a run holds its claim (state 'sending'). */
const claimed = (subscriptionId: string, eventId: number) =>
  and(
    eq(subscriptionDeliveries.subscriptionId, subscriptionId),
    eq(subscriptionDeliveries.eventId, eventId),
    eq(subscriptionDeliveries.state, 'sending'),
  )

/** The subscription that matches, locked until the transaction ends. */
async function lockedWhere(where: SQL | undefined, tx: Db): Promise<SubscriptionRow | undefined> {
  const [row] = await tx.select().from(emailSubscriptions).where(where).for('update')
  return row
}

/** Email subscriptions and their deliveries. Addresses are only read here to send mail. */
export function subscriptionsRepository(db: Db) {
  return {
    async findByBodyAndEmail(bodyId: string, email: string, tx: Db = db): Promise<SubscriptionRow | undefined> {
      const [row] = await tx
        .select()
        .from(emailSubscriptions)
        .where(and(eq(emailSubscriptions.bodyId, bodyId), sql`lower(${emailSubscriptions.email}) = lower(${email})`))
        .for('update')
      return row
    },
    async insert(values: typeof emailSubscriptions.$inferInsert, tx: Db = db): Promise<SubscriptionRow> {
      const [row] = await tx.insert(emailSubscriptions).values(values).returning()
      return row!
    },
    async update(id: string, values: Partial<typeof emailSubscriptions.$inferInsert>, tx: Db = db): Promise<void> {
      await tx.update(emailSubscriptions).set(values).where(eq(emailSubscriptions.id, id))
    },
    async findByConfirmHash(hash: string, tx: Db = db): Promise<SubscriptionRow | undefined> {
      const [row] = await tx.select().from(emailSubscriptions).where(eq(emailSubscriptions.confirmTokenHash, hash)).limit(1)
      return row
    },
    /** The pending subscription of this confirmation token, locked. */
    async lockByConfirmHash(hash: string, tx: Db = db): Promise<SubscriptionRow | undefined> {
      return lockedWhere(and(eq(emailSubscriptions.confirmTokenHash, hash), eq(emailSubscriptions.status, 'pending')), tx)
    },
    async findByUnsubscribeHash(hash: string, tx: Db = db): Promise<SubscriptionRow | undefined> {
      const [row] = await tx.select().from(emailSubscriptions).where(eq(emailSubscriptions.unsubscribeTokenHash, hash)).limit(1)
      return row
    },
    /** Confirmed subscriptions of bodies with an event after the subscriber's last one. */
    async findDueSubscriptions(limit: number, after: { bodyId: string; id: string } | null = null, tx: Db = db): Promise<DueSubscription[]> {
      return tx
        .select({
          id: emailSubscriptions.id,
          bodyId: emailSubscriptions.bodyId,
          email: emailSubscriptions.email,
          lastEventId: emailSubscriptions.lastEventId,
        })
        .from(emailSubscriptions)
        .where(
          and(
            eq(emailSubscriptions.status, 'confirmed'),
            sql`exists (select 1 from ${publicationEvents} e where e.body_id = ${emailSubscriptions.bodyId} and e.id > ${emailSubscriptions.lastEventId})`,
            after ? sql`(${emailSubscriptions.bodyId}, ${emailSubscriptions.id}) > (${after.bodyId}::uuid, ${after.id}::uuid)` : undefined,
          ),
        )
        .orderBy(emailSubscriptions.bodyId, emailSubscriptions.id)
        .limit(limit)
    },
    /**
     * Claim one alert for sending: 'claimed' for the first caller only, whatever the number of runs or
     * instances, under a lease of `leaseSeconds` on the database's clock (so instances' clocks may differ).
     * Otherwise 'sent' (done before, or its sender died and the lease ran out: recorded as sent, at most
     * once) or 'in_flight' (another run is sending it, or gave it back a moment ago: leave it to a later run).
     */
    async claimDelivery(subscriptionId: string, eventId: number, leaseSeconds: number, tx: Db = db): Promise<'claimed' | 'sent' | 'in_flight'> {
      const inserted = await tx
        .insert(subscriptionDeliveries)
        .values({ subscriptionId, eventId, state: 'sending', leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
        .onConflictDoNothing()
        .returning({ eventId: subscriptionDeliveries.eventId })
      if (inserted.length > 0) return 'claimed'
      const key = and(eq(subscriptionDeliveries.subscriptionId, subscriptionId), eq(subscriptionDeliveries.eventId, eventId))
      const [row] = await tx
        .select({ state: subscriptionDeliveries.state, live: sql<boolean>`coalesce(${subscriptionDeliveries.leaseUntil} > now(), false)` })
        .from(subscriptionDeliveries)
        .where(key)
        .for('update')
      // Gone between the insert and this read: its sender gave it back. Not sent: leave it to a later run.
      if (!row) return 'in_flight'
      if (row.state === 'sent') return 'sent'
      if (row.live) return 'in_flight'
      await tx.update(subscriptionDeliveries).set({ state: 'sent', leaseUntil: null }).where(key)
      return 'sent'
    },
    /** The email went: the claim becomes a delivery. */
    async finishDelivery(subscriptionId: string, eventId: number, tx: Db = db): Promise<void> {
      await tx
        .update(subscriptionDeliveries)
        .set({ state: 'sent', sentAt: sql`now()`, leaseUntil: null })
        .where(claimed(subscriptionId, eventId))
    },
    /** The email could not be sent: give the claim back, so a later run sends it. */
    async releaseDelivery(subscriptionId: string, eventId: number, tx: Db = db): Promise<void> {
      await tx
        .delete(subscriptionDeliveries)
        .where(claimed(subscriptionId, eventId))
    },
    /** Move the subscriber's high-water mark forward (never back), if they are still confirmed. */
    async advanceLastEvent(subscriptionId: string, eventId: number, tx: Db = db): Promise<void> {
      await tx
        .update(emailSubscriptions)
        .set({ lastEventId: eventId })
        .where(and(eq(emailSubscriptions.id, subscriptionId), lt(emailSubscriptions.lastEventId, eventId)))
    },
    /** Re-key the unsubscribe hash (after SESSION_SECRET changed, the derived token differs). */
    async setUnsubscribeHash(subscriptionId: string, hash: string, tx: Db = db): Promise<void> {
      await tx.update(emailSubscriptions).set({ unsubscribeTokenHash: hash }).where(eq(emailSubscriptions.id, subscriptionId))
    },

    /** Lock the subscription row, whatever its status (to take locks in the same order as a claim). */
    async lockSubscription(subscriptionId: string, tx: Db): Promise<void> {
      await tx.select({ id: emailSubscriptions.id }).from(emailSubscriptions).where(eq(emailSubscriptions.id, subscriptionId)).for('update')
    },
    /** Is the subscription still confirmed (checked, locked, just before claiming)? */
    async lockConfirmed(subscriptionId: string, tx: Db = db): Promise<SubscriptionRow | undefined> {
      return lockedWhere(and(eq(emailSubscriptions.id, subscriptionId), eq(emailSubscriptions.status, 'confirmed')), tx)
    },
  }
}
export type SubscriptionsRepository = ReturnType<typeof subscriptionsRepository>
