import { createHash } from 'node:crypto'
import type { Db } from '../../platform/db/client.ts'
import { isMailServerUnavailable, type Mailer } from '../../platform/mail/mailer.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import type { FeedDecisionRow, FeedsRepository } from './feeds.repository.ts'
import { alertEmail } from './feeds.presenter.ts'
import type { DueSubscription, SubscriptionsRepository } from './subscriptions.repository.ts'

/** The email alert job: each confirmed subscriber gets each new public event of their body, once, in order. */

export type AlertOptions = {
  /** Subscriptions read per batch by the alert job (default 500). */
  batchSize?: number
  /** Events read per body per batch by the alert job (default 200). */
  eventsPerBody?: number
  /**
   * Events younger than this are left for the next run (default 60 s): an event's id is taken when its
   * transaction starts, so a slow transaction could commit a lower id after a higher one was sent.
   */
  settleMs?: number
}

export type AlertRunReport = { sent: number; skipped: number; failed: number }

/** What the job needs of the subscriptions service. */
export type AlertDeps = {
  db: Db
  repo: SubscriptionsRepository
  feeds: FeedsRepository
  mailer: Mailer
  options: AlertOptions
  now: () => Date
  absolute: (path: string) => string
  unsubscribeToken: (subscriptionId: string) => string
  unsubscribeUrl: (subscriptionId: string) => string
}

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/** How long a claimed alert is left to its sender (well past the SMTP timeouts) before it counts as sent. */
const DELIVERY_LEASE_SECONDS = 10 * 60

type AlertRunState = { serverDown: boolean; lost: number; unrecorded: number }

/** What went wrong in a run, in words: each kind of failure is retried, lost or merely unrecorded. */
export function describeFailures(report: AlertRunReport, run: AlertRunState): string {
  const parts: string[] = []
  const retried = report.failed - run.lost
  if (retried > 0) parts.push(`${retried} email alerts could not be sent (${run.serverDown ? 'the mail server is unavailable, so the run stopped; ' : ''}a later run tries again)`)
  if (run.lost > 0) parts.push(`${run.lost} could not be sent nor given back, and will not be sent`)
  if (run.unrecorded > 0) parts.push(`${run.unrecorded} were sent but not recorded (they count as sent when their lease runs out)`)
  return parts.join('; ')
}

/**
 * Send each confirmed subscriber each new public event of their body, once, in order. Each delivery is
 * claimed (subscription_deliveries, ON CONFLICT DO NOTHING, state 'sending' under a lease) in a short
 * transaction, the email is sent after it commits, and a second transaction records it and advances
 * last_event_id. A failed send gives the claim back for a later run; a run that meets another's live
 * claim leaves that subscriber to it; a mail server that is down ends the run. Throws after the run if
 * any send failed. A process that dies mid-send loses that email when its lease runs out: at most once.
 */
export async function sendAlerts(deps: AlertDeps): Promise<AlertRunReport> {
  const { repo, options: opts, now } = deps
  const batchSize = opts.batchSize ?? 500
  const cutoff = new Date(now().getTime() - (opts.settleMs ?? 60_000))
  const report: AlertRunReport = { sent: 0, skipped: 0, failed: 0 }
  const errors: string[] = []
  const run: AlertRunState = { serverDown: false, lost: 0, unrecorded: 0 }
  let after: { bodyId: string; id: string } | null = null
  for (;;) {
    const due = await repo.findDueSubscriptions(batchSize, after)
    const byBody = new Map<string, DueSubscription[]>()
    for (const s of due) byBody.set(s.bodyId, [...(byBody.get(s.bodyId) ?? []), s])
    for (const [bodyId, subs] of byBody) await alertsFor(deps, bodyId, subs, cutoff, report, errors, run)
    if (run.serverDown || due.length < batchSize) break
    const last = due[due.length - 1]!
    after = { bodyId: last.bodyId, id: last.id }
  }
  if (errors.length > 0) throw new Error(`${describeFailures(report, run)}: ${errors.slice(0, 3).join('; ')}`)
  return report
}

async function alertsFor(
  deps: AlertDeps,
  bodyId: string,
  subs: DueSubscription[],
  cutoff: Date,
  report: AlertRunReport,
  errors: string[],
  run: AlertRunState,
) {
  const { db, repo, feeds, mailer, absolute, unsubscribeToken, unsubscribeUrl } = deps
  const eventsPerBody = deps.options.eventsPerBody ?? 200
  const from = Math.min(...subs.map((s) => s.lastEventId))
  const lastSettled = await feeds.lastEventIdOfBody(bodyId, cutoff)
  const events = (await feeds.findPublicEventsAfter([bodyId], from, eventsPerBody)).filter((e) => e.id <= lastSettled)
  const minutesMeetings = [...new Set(events.filter((e) => e.kind === 'minutes_published').map((e) => e.meetingId))]
  const decisions = new Map<string, FeedDecisionRow[]>()
  for (const d of await feeds.findPublicDecisions(minutesMeetings)) decisions.set(d.meetingId, [...(decisions.get(d.meetingId) ?? []), d])
  // Every settled event was read when fewer than a batch came back: a subscriber may then pass the ones that are no longer public.
  const readAll = events.length < eventsPerBody
  for (const sub of subs) {
    if (run.serverDown) return
    let ok = true
    for (const event of events.filter((e) => e.id > sub.lastEventId)) {
      const failed = (err: unknown) => {
        report.failed++
        errors.push(`subscription ${sub.id}, event ${event.id}: ${err instanceof Error ? err.message : String(err)}`)
        ok = false
      }
      // Claim in a short transaction; send after it commits, so a slow mail server never holds a transaction
      // (on the embedded database, its only connection and so every other request).
      let claim: { email: string } | 'skipped' | 'in_flight'
      try {
        claim = await db.transaction(async (tx) => {
          // Unsubscribed since the batch was read: send nothing.
          const live = await repo.lockConfirmed(sub.id, tx)
          if (!live || live.lastEventId >= event.id) return 'skipped' as const
          const outcome = await repo.claimDelivery(sub.id, event.id, DELIVERY_LEASE_SECONDS, tx)
          if (outcome === 'in_flight') return 'in_flight' as const
          if (outcome === 'sent') {
            await repo.advanceLastEvent(sub.id, event.id, tx)
            return 'skipped' as const
          }
          // The link in this email must work even if SESSION_SECRET was rotated since they subscribed.
          const hash = sha256(unsubscribeToken(sub.id))
          if (live.unsubscribeTokenHash !== hash) await repo.setUnsubscribeHash(sub.id, hash, tx)
          return { email: live.email }
        })
      } catch (err) {
        failed(err)
        break
      }
      if (claim === 'skipped') {
        report.skipped++
        continue
      }
      if (claim === 'in_flight') {
        // Another run is sending this subscriber an earlier event: leave the rest to it, in order.
        report.skipped++
        ok = false
        break
      }
      try {
        await mailer.send(
          alertEmail({
            to: claim.email,
            event,
            decisions: decisions.get(event.meetingId) ?? [],
            meetingUrl: absolute(meetingPaths.public.meeting(event.meetingId)),
            unsubscribeUrl: unsubscribeUrl(sub.id),
          }),
        )
      } catch (err) {
        failed(err)
        // Give the claim back: the mark did not move, so a later run sends this event, then the ones after it.
        try {
          await repo.releaseDelivery(sub.id, event.id)
        } catch (releaseErr) {
          // The claim stays: when its lease runs out the event counts as sent, so this one alert is lost.
          run.lost++
          errors.push(`subscription ${sub.id}, event ${event.id}: the claim could not be given back, so this alert will not be sent: ${String(releaseErr)}`)
        }
        // A server that is down fails every send: stop until the next run. One refused message does not.
        if (isMailServerUnavailable(err)) run.serverDown = true
        break
      }
      report.sent++
      try {
        // The subscription first, as the claim locks it: the same lock order, so the two cannot deadlock.
        await db.transaction(async (tx) => {
          await repo.lockSubscription(sub.id, tx)
          await repo.advanceLastEvent(sub.id, event.id, tx)
          await repo.finishDelivery(sub.id, event.id, tx)
        })
      } catch (err) {
        // Sent, but not recorded: the lease runs out and the event then counts as sent.
        run.unrecorded++
        errors.push(`subscription ${sub.id}, event ${event.id}: sent, but recording it failed: ${err instanceof Error ? err.message : String(err)}`)
        ok = false
        break
      }
    }
    if (ok && readAll && lastSettled > sub.lastEventId) await repo.advanceLastEvent(sub.id, lastSettled)
  }
}
