import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { invalidState } from '../../platform/http/errors.ts'
import { createThrottle } from '../../platform/http/throttle.ts'
import { isMailEnabled, MailNotConfiguredError, type MailMessage, type Mailer } from '../../platform/mail/mailer.ts'
import type { JobDefinition } from '../../platform/jobs/scheduler.ts'
import { londonDate } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { FeedsRepository } from './feeds.repository.ts'
import { feedPaths } from './feeds.paths.ts'
import { alreadySubscribedEmail, confirmationEmail } from './feeds.presenter.ts'
import type { SubscriptionsRepository } from './subscriptions.repository.ts'
import { sendAlerts, sha256, type AlertDeps, type AlertOptions, type AlertRunReport } from './alerts.ts'

export { describeFailures, type AlertRunReport } from './alerts.ts'

export const CONFIRM_LINK_DAYS = 7

export type SubscriptionsOptions = AlertOptions & {
  /** Subscribe requests per client address per hour (default 30). */
  perClientPerHour?: number
  /** Emails a subscribe request may cause per email address per hour (default 3); further requests send nothing. */
  perAddressPerHour?: number
}

export type SubscribeOutcome = { state: 'accepted' } | { state: 'too_many'; retryAfterSeconds: number }
export type TokenView = { state: 'valid'; bodyName: string; bodySlug: string } | { state: 'unknown' } | { state: 'expired' }

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
  const alertDeps: AlertDeps = { db, repo, feeds, mailer, options: opts, now, absolute, unsubscribeToken, unsubscribeUrl }

  /** What a valid link shows: the body the subscription is to. */
  async function bodyView(bodyId: string, tx?: Db): Promise<TokenView> {
    return viewOf(await structure.getBody(bodyId, tx))
  }
  const viewOf = (body: { name: string; slug: string }): TokenView => ({ state: 'valid', bodyName: body.name, bodySlug: body.slug })

  async function sendOrExplain(send: () => Promise<void>): Promise<void> {
    try {
      await send()
    } catch (err) {
      if (err instanceof MailNotConfiguredError) throw invalidState(MAIL_UNAVAILABLE)
      throw invalidState('We could not send the email. Try again later.')
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
          await recordAudit(tx, { system: 'email_alerts' }, { event: 'subscription.requested', subjectType: 'email_subscription', subjectId: id, partnershipId: body.partnershipId })
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
      return bodyView(row.bodyId)
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
        const body = await structure.getBody(row.bodyId, tx)
        await recordAudit(tx, { system: 'email_alerts' }, { event: 'subscription.confirmed', subjectType: 'email_subscription', subjectId: row.id, partnershipId: body.partnershipId })
        return viewOf(body)
      })
    },

    /** What an unsubscribe link shows (also once unsubscribed, so the link keeps working). */
    async viewUnsubscribe(token: string): Promise<TokenView> {
      const row = await repo.findByUnsubscribeHash(sha256(token))
      if (!row) return { state: 'unknown' }
      return bodyView(row.bodyId)
    },

    /** Stop alerts (idempotent). */
    async unsubscribe(token: string): Promise<TokenView> {
      const at = now()
      return db.transaction(async (tx): Promise<TokenView> => {
        const row = await repo.findByUnsubscribeHash(sha256(token), tx)
        if (!row) return { state: 'unknown' }
        const body = await structure.getBody(row.bodyId, tx)
        if (row.status !== 'unsubscribed') {
          await repo.update(row.id, { status: 'unsubscribed', unsubscribedAt: at, confirmTokenHash: null, confirmExpiresAt: null }, tx)
          await recordAudit(tx, { system: 'email_alerts' }, { event: 'subscription.unsubscribed', subjectType: 'email_subscription', subjectId: row.id, partnershipId: body.partnershipId })
        }
        return viewOf(body)
      })
    },

    /**
     * Send each confirmed subscriber each new public event of their body, once, in order (see alerts.ts).
     * Throws after the run if any send failed.
     */
    sendAlerts: (): Promise<AlertRunReport> => sendAlerts(alertDeps),
  }
}
export type SubscriptionsService = ReturnType<typeof subscriptionsService>

export const ALERT_INTERVAL_MINUTES = 10

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
