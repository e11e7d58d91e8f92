import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { invalidState } from '../../platform/http/errors.ts'
import { createThrottle } from '../../platform/http/throttle.ts'
import { isMailEnabled, isMailServerUnavailable, MailNotConfiguredError, type MailMessage, type Mailer } from '../../platform/mail/mailer.ts'
import type { JobDefinition } from '../../platform/jobs/scheduler.ts'
import { londonDate } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import type { FeedDecisionRow, FeedsRepository } from './feeds.repository.ts'
import { feedPaths } from './feeds.paths.ts'
import { alertEmail, alreadySubscribedEmail, confirmationEmail } from './feeds.presenter.ts'
import type { DueSubscription, SubscriptionsRepository } from './subscriptions.repository.ts'

export const CONFIRM_LINK_DAYS = 7

export type SubscriptionsOptions = {
  /** Subscribe requests per client address per hour (default 30). */
  perClientPerHour?: number
  /** Emails a subscribe request may cause per email address per hour (default 3); further requests send nothing. */
  perAddressPerHour?: number
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

export type SubscribeOutcome = { state: 'accepted' } | { state: 'too_many'; retryAfterSeconds: number }
export type TokenView = { state: 'valid'; bodyName: string; bodySlug: string } | { state: 'unknown' } | { state: 'expired' }
export type AlertRunReport = { sent: number; skipped: number; failed: number }

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')
const HOUR = 60 * 60_000

/**
 * Email alerts for a body: double opt-in (a link valid for CONFIRM_LINK_DAYS, confirmed by a POST so link
 * scanners do not confirm), one-click unsubscribe (RFC 8058), and the job that sends each confirmed subscriber
 * each new public event once. Responses never say whether an address is subscribed.
 */
export function subscriptionsService(
  db: Db,
  repo: SubscriptionsRepository,
  feeds: FeedsRepository,
  deps: { structure: StructureService; mailer: Mailer; config: Config; now?: () => Date; options?: SubscriptionsOptions },
) {
  const { mailer, config, structure } = deps
  const now = deps.now ?? (() => new Date())
  const opts = deps.options ?? {}
  const byClient = createThrottle({ limit: opts.perClientPerHour ?? 30, windowMs: HOUR, now: () => now().getTime() })
  const byAddress = createThrottle({ limit: opts.perAddressPerHour ?? 3, windowMs: HOUR, now: () => now().getTime() })
  const absolute = (p: string) => new URL(p, config.publicUrl).toString()

  /** The unsubscribe token of a subscription: derived, so every alert can carry it while only its hash is stored. */
  const unsubscribeToken = (subscriptionId: string) =>
    createHmac('sha256', config.sessionSecret).update(`email-alerts-unsubscribe:${subscriptionId}`).digest('base64url')
  const unsubscribeUrl = (subscriptionId: string) => absolute(feedPaths.unsubscribe(unsubscribeToken(subscriptionId)))

  async function sendOrExplain(send: () => Promise<void>): Promise<void> {
    try {
      await send()
    } catch (err) {
      if (err instanceof MailNotConfiguredError) throw invalidState(MAIL_UNAVAILABLE)
      throw invalidState('We could not send the email. Try again later.')
    }
  }

  async function alertsFor(
    bodyId: string,
    subs: DueSubscription[],
    cutoff: Date,
    report: AlertRunReport,
    errors: string[],
    run: AlertRunState,
  ) {
    const eventsPerBody = opts.eventsPerBody ?? 200
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

  return {
    unsubscribeUrl,

    /**
     * Ask for alerts: sends a confirmation link (or, to a confirmed subscriber, a note that nothing changed).
     * The outcome is the same whether or not the address is subscribed; `too_many` is per client address.
     * Throws NOT_FOUND for an unknown body, INVALID_STATE when the email cannot be sent.
     */
    async subscribe(bodySlug: string, email: string, clientKey: string): Promise<SubscribeOutcome> {
      const body = await structure.getBodyBySlug(bodySlug)
      if (!isMailEnabled(mailer)) throw invalidState(MAIL_UNAVAILABLE)
      const wait = byClient.retryAfterMs(clientKey)
      if (wait > 0) return { state: 'too_many', retryAfterSeconds: Math.ceil(wait / 1000) }
      byClient.fail(clientKey)
      const addressKey = email.trim().toLowerCase()
      // Enough email to this address for now: answer as usual, send nothing.
      if (byAddress.retryAfterMs(addressKey) > 0) return { state: 'accepted' }
      byAddress.fail(addressKey)
      const at = now()
      // The email goes after the transaction commits: on the embedded database a transaction holds its only
      // connection, so a slow mail server must not hold every other request up while it answers.
      let message: MailMessage
      try {
        message = await db.transaction(async (tx) => {
          const existing = await repo.findByBodyAndEmail(body.id, email, tx)
          if (existing?.status === 'confirmed') {
            return alreadySubscribedEmail({ to: existing.email, bodyName: body.name, unsubscribeUrl: unsubscribeUrl(existing.id) })
          }
          const token = randomBytes(32).toString('base64url')
          const expiresAt = new Date(at.getTime() + CONFIRM_LINK_DAYS * 86_400_000)
          const pending = { status: 'pending' as const, confirmTokenHash: sha256(token), confirmExpiresAt: expiresAt }
          let id: string
          if (existing) {
            id = existing.id
            await repo.update(id, { ...pending, email }, tx)
          } else {
            id = randomUUID()
            await repo.insert({ id, bodyId: body.id, email, unsubscribeTokenHash: sha256(unsubscribeToken(id)), ...pending }, tx)
          }
          await recordAudit(tx, { system: 'email_alerts' }, { event: 'subscription.requested', subjectType: 'email_subscription', subjectId: id })
          return confirmationEmail({ to: email, bodyName: body.name, confirmUrl: absolute(feedPaths.confirm(token)), expiresOn: londonDate(expiresAt) })
        })
      } catch (err) {
        // Two requests for the same new address at once: the other one saved it and sends the link (if that send
        // fails, that visitor is told so, and asking again sends a new one).
        if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') return { state: 'accepted' }
        throw err
      }
      // If this fails the pending row keeps a link nobody was sent: asking again replaces it.
      await sendOrExplain(() => mailer.send(message))
      return { state: 'accepted' }
    },

    /** What a confirmation link shows. */
    async viewConfirm(token: string): Promise<TokenView> {
      const row = await repo.findByConfirmHash(sha256(token))
      if (!row || row.status !== 'pending') return { state: 'unknown' }
      if (!row.confirmExpiresAt || row.confirmExpiresAt.getTime() <= now().getTime()) return { state: 'expired' }
      const body = await structure.getBody(row.bodyId)
      return { state: 'valid', bodyName: body.name, bodySlug: body.slug }
    },

    /** Confirm: alerts start with the next event (nothing published before now is sent). */
    async confirm(token: string): Promise<TokenView> {
      const at = now()
      return db.transaction(async (tx): Promise<TokenView> => {
        const row = await repo.lockByConfirmHash(sha256(token), tx)
        if (!row) return { state: 'unknown' }
        if (!row.confirmExpiresAt || row.confirmExpiresAt.getTime() <= at.getTime()) return { state: 'expired' }
        const lastEventId = await feeds.lastEventIdOfBody(row.bodyId, null, tx)
        await repo.update(row.id, { status: 'confirmed', confirmedAt: at, confirmTokenHash: null, confirmExpiresAt: null, unsubscribedAt: null, lastEventId }, tx)
        await recordAudit(tx, { system: 'email_alerts' }, { event: 'subscription.confirmed', subjectType: 'email_subscription', subjectId: row.id })
        const body = await structure.getBody(row.bodyId, tx)
        return { state: 'valid', bodyName: body.name, bodySlug: body.slug }
      })
    },

    /** What an unsubscribe link shows (also once unsubscribed, so the link keeps working). */
    async viewUnsubscribe(token: string): Promise<TokenView> {
      const row = await repo.findByUnsubscribeHash(sha256(token))
      if (!row) return { state: 'unknown' }
      const body = await structure.getBody(row.bodyId)
      return { state: 'valid', bodyName: body.name, bodySlug: body.slug }
    },

    /** Stop alerts (idempotent). */
    async unsubscribe(token: string): Promise<TokenView> {
      const at = now()
      return db.transaction(async (tx): Promise<TokenView> => {
        const row = await repo.findByUnsubscribeHash(sha256(token), tx)
        if (!row) return { state: 'unknown' }
        if (row.status !== 'unsubscribed') {
          await repo.update(row.id, { status: 'unsubscribed', unsubscribedAt: at, confirmTokenHash: null, confirmExpiresAt: null }, tx)
          await recordAudit(tx, { system: 'email_alerts' }, { event: 'subscription.unsubscribed', subjectType: 'email_subscription', subjectId: row.id })
        }
        const body = await structure.getBody(row.bodyId, tx)
        return { state: 'valid', bodyName: body.name, bodySlug: body.slug }
      })
    },

    /**
     * Send each confirmed subscriber each new public event of their body, once, in order. Each delivery is
     * claimed (subscription_deliveries, ON CONFLICT DO NOTHING, state 'sending' under a lease) in a short
     * transaction, the email is sent after it commits, and a second transaction records it and advances
     * last_event_id. A failed send gives the claim back for a later run; a run that meets another's live
     * claim leaves that subscriber to it; a mail server that is down ends the run. Throws after the run if
     * any send failed. A process that dies mid-send loses that email when its lease runs out: at most once.
     */
    async sendAlerts(): Promise<AlertRunReport> {
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
        for (const [bodyId, subs] of byBody) await alertsFor(bodyId, subs, cutoff, report, errors, run)
        if (run.serverDown || due.length < batchSize) break
        const last = due[due.length - 1]!
        after = { bodyId: last.bodyId, id: last.id }
      }
      if (errors.length > 0) throw new Error(`${describeFailures(report, run)}: ${errors.slice(0, 3).join('; ')}`)
      return report
    },
  }
}
export type SubscriptionsService = ReturnType<typeof subscriptionsService>

export const ALERT_INTERVAL_MINUTES = 10

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

const MAIL_UNAVAILABLE = 'Email alerts are not available on this service at the moment.'

/** A period every ALERT_INTERVAL_MINUTES: '2026-11-23T18:40Z'. */
export function everyMinutes(minutes: number): (now: Date) => string {
  return (now) => {
    const ms = minutes * 60_000
    return `${new Date(Math.floor(now.getTime() / ms) * ms).toISOString().slice(0, 16)}Z`
  }
}

/** The scheduled job that sends email alerts. */
export function alertJobs(subscriptions: SubscriptionsService): Record<string, JobDefinition> {
  return {
    'email_alerts.send': {
      periodFor: everyMinutes(ALERT_INTERVAL_MINUTES),
      run: async () => {
        await subscriptions.sendAlerts()
      },
    },
  }
}
