import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { AppError, invalidState, notFound } from '../../platform/http/errors.ts'
import { MailNotConfiguredError, type Mailer } from '../../platform/mail/mailer.ts'
import { dailyAt, weeklyOnMondayAt, type JobDefinition } from '../../platform/jobs/scheduler.ts'
import { addDays, formatDate, londonDate } from '../../shared/dates.ts'
import type { BodyWithPartnership, StructureService } from '../structure/structure.service.ts'
import type { ActionsService } from './actions.service.ts'
import { canTransition, isOnLog, isOverdue } from './action-status.ts'
import { actionPaths } from './actions.paths.ts'
import type { ActionRow, OwnedActionRow, RemindersRepository } from './reminders.repository.ts'
import {
  bodySummaryEmail,
  ownerDigestEmail,
  ownerLinkEmail,
  plainSummary,
  reminderPaths,
  type BodySummary,
} from './reminders.presenter.ts'

export const OWNER_LINK_DAYS = 14
export const DUE_SOON_DAYS = 7
export const DIGEST_KIND = 'owner_digest'
export const SUMMARY_KIND = 'body_summary'

/** One action's part of an owner's form: an update (null if none) and whether they marked it completed. */
export type OwnerUpdateInput = { actionId: string; text: string | null; completed: boolean }

/** What the history says when an owner marks an action completed without words of their own. */
export const OWNER_COMPLETED_NOTE = 'Marked completed'

/** What an owner's one submit recorded, action by action, for the confirmation page. */
export type OwnerRecorded = { description: string; text: string | null; completed: boolean }

/** What an owner's link shows: their actions, or that it can no longer be used. */
export type OwnerLinkView =
  | { state: 'valid'; personId: string; fullName: string; expiresAt: Date; today: string; actions: OwnedActionRow[] }
  | { state: 'expired' }

export type OwnerUpdateResult =
  | { state: 'updated'; recorded: OwnerRecorded[] }
  | { state: 'expired' }

export type RunReport = { sent: number; skipped: number; failed: number }

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Owner links (personal, expiring, single-use), the daily digest to owners and the weekly summary to the
 * secretariat. Every send is recorded in reminder_deliveries in the transaction that sends it, so a repeated
 * run never sends the same email twice and a failed send is retried by a later run.
 */
export function remindersService(
  db: Db,
  repo: RemindersRepository,
  deps: { structure: StructureService; actions?: ActionsService; mailer: Mailer; config: Config; now?: () => Date },
) {
  const { mailer, config, structure } = deps
  const now = deps.now ?? (() => new Date())
  const absolute = (p: string) => new URL(p, config.publicUrl).toString()

  async function issueOwnerToken(personId: string, tx: Db): Promise<{ token: string; url: string; expiresOn: string }> {
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now().getTime() + OWNER_LINK_DAYS * 86_400_000)
    await repo.insertOwnerToken({ tokenHash: sha256(token), personId, expiresAt }, tx)
    return { token, url: absolute(actionPaths.owner.actions(token)), expiresOn: londonDate(expiresAt) }
  }

  function optOutSignature(personId: string): string {
    return createHmac('sha256', config.sessionSecret).update(`reminders-opt-out:${personId}`).digest('base64url')
  }

  function optOutToken(personId: string): string {
    return `${personId}.${optOutSignature(personId)}`
  }

  /** The person an opt-out token was made for, or null if it was not made here. */
  function personOfOptOutToken(token: string): string | null {
    const dot = token.indexOf('.')
    if (dot < 0) return null
    const personId = token.slice(0, dot)
    if (!/^[0-9a-f-]{36}$/i.test(personId)) return null
    const expected = Buffer.from(optOutSignature(personId))
    const given = Buffer.from(token.slice(dot + 1))
    return expected.length === given.length && timingSafeEqual(expected, given) ? personId : null
  }

  /**
   * Claim the delivery and send in one transaction: nothing is sent if another run already claimed it, and a
   * failed send rolls the claim back so a later run tries again.
   */
  async function deliverOnce(
    key: { kind: string; recipient: string; period: string; scope: string },
    compose: (tx: Db) => Promise<Parameters<Mailer['send']>[0]>,
  ): Promise<'sent' | 'skipped'> {
    return db.transaction(async (tx) => {
      const claimed = await repo.claimDelivery({ ...key, recipient: key.recipient.trim().toLowerCase(), sentAt: now() }, tx)
      if (!claimed) return 'skipped'
      await mailer.send(await compose(tx))
      return 'sent'
    })
  }

  function throwIfFailed(what: string, report: RunReport, errors: string[]): RunReport {
    if (report.failed > 0) {
      throw new Error(`${report.failed} ${what} could not be sent (they will be retried): ${errors.slice(0, 3).join('; ')}`)
    }
    return report
  }

  return {
    // ---- the secretariat sends an owner their link ----

    /** The action and its body, for the policy check; throws NOT_FOUND. */
    async getActionWithBody(actionId: string): Promise<{ action: ActionRow; body: BodyWithPartnership }> {
      const action = await repo.findActionById(actionId)
      if (!action) throw notFound('Action')
      return { action, body: await structure.getBody(action.bodyId) }
    },

    /**
     * Email a fresh personal link to the action's person owners with an email (or only `personId`).
     * Returns the names it was sent to.
     */
    async sendOwnerLink(actor: { userId: string }, actionId: string, personId?: string): Promise<string[]> {
      const action = await repo.findActionById(actionId)
      if (!action) throw notFound('Action')
      if (!isOnLog(action.status)) throw invalidState('This action is no longer on the log, so its owners cannot update it.')
      const seen = new Set<string>()
      const owners = (await repo.findPersonOwners(actionId)).filter((o) => !seen.has(o.personId) && seen.add(o.personId))
      const chosen = personId ? owners.filter((o) => o.personId === personId) : owners
      if (personId && chosen.length === 0) throw invalidState('That person is not an owner of this action.')
      const recipients = chosen.filter((o): o is typeof o & { email: string } => !!o.email && o.email.trim() !== '')
      if (recipients.length === 0) {
        throw invalidState(
          'No owner of this action has an email address. Add one to the person’s record, then send the link again.',
        )
      }
      const today = londonDate(now())
      const sentTo: string[] = []
      for (const owner of recipients) {
        try {
          await db.transaction(async (tx) => {
            const link = await issueOwnerToken(owner.personId, tx)
            await recordAudit(tx, actor, {
              event: 'action.owner_link_sent',
              subjectType: 'action',
              subjectId: actionId,
              data: { personId: owner.personId },
            })
            const rows = await repo.findOnLogActionsOwnedBy(owner.personId, tx)
            await mailer.send(
              ownerLinkEmail({
                to: owner.email.trim(),
                fullName: owner.fullName,
                rows,
                today,
                link: { linkUrl: link.url, linkExpiresOn: link.expiresOn },
              }),
            )
          })
        } catch (err) {
          if (err instanceof AppError) throw err
          if (err instanceof MailNotConfiguredError) {
            throw invalidState('Email is not set up on this service, so the link cannot be sent. Ask your administrator to set SMTP_URL.')
          }
          if (sentTo.length === 0) {
            throw invalidState('The email could not be sent. Try again later; if it keeps failing, tell your administrator.')
          }
          throw invalidState(`The link was sent to ${sentTo.join(', ')}, but the email to ${owner.fullName} could not be sent. Try again later.`)
        }
        sentTo.push(owner.fullName)
      }
      return sentTo
    },

    // ---- the owner's link ----

    /** What a link shows. An unknown token is NOT_FOUND; a used or expired one is 'expired'. */
    async viewOwnerLink(token: string): Promise<OwnerLinkView> {
      const row = await repo.findTokenByHash(sha256(token))
      if (!row) throw notFound('Link')
      const at = now()
      if (row.usedAt || row.expiresAt.getTime() <= at.getTime()) return { state: 'expired' }
      const person = await repo.findPersonContact(row.personId)
      if (!person) throw notFound('Link')
      return {
        state: 'valid',
        personId: row.personId,
        fullName: person.fullName,
        expiresAt: row.expiresAt,
        today: londonDate(at),
        actions: await repo.findOnLogActionsOwnedBy(row.personId),
      }
    },

    /**
     * Record an owner's updates to their actions through their link, in one transaction, and use the link up.
     * Each input has an update, a completion, or both. Every action must be one of the link's person's:
     * otherwise NOT_FOUND, nothing is recorded, and the link stays usable.
     */
    async postOwnerUpdates(token: string, inputs: OwnerUpdateInput[]): Promise<OwnerUpdateResult> {
      const hash = sha256(token)
      const at = now()
      return db.transaction(async (tx): Promise<OwnerUpdateResult> => {
        const link = await repo.lockUsableToken(hash, at, tx)
        if (!link) {
          if (!(await repo.findTokenByHash(hash, tx))) throw notFound('Link')
          return { state: 'expired' }
        }
        const recorded: OwnerRecorded[] = []
        for (const input of inputs) {
          const action = await repo.lockActionOwnedBy(input.actionId, link.personId, tx)
          if (!action) throw notFound('Action')
          if (!isOnLog(action.status)) throw invalidState('One of these actions has been cleared or dropped, so it can no longer be updated. Reload the page.')
          let statusTo: 'completed' | null = null
          if (input.completed && action.status !== 'completed') {
            if (!canTransition(action.status, 'completed')) throw invalidState('This action cannot be marked completed.')
            statusTo = 'completed'
            await repo.completeAction(action.id, londonDate(at), at, tx)
          }
          if (!input.text && !statusTo) continue
          const text = input.text ?? OWNER_COMPLETED_NOTE
          const updateId = await repo.insertOwnerUpdate({ actionId: action.id, text, statusTo, authorPersonId: link.personId }, tx)
          await recordAudit(tx, { system: 'owner_link' }, {
            event: statusTo ? 'action.completed_by_owner' : 'action.updated_by_owner',
            subjectType: 'action',
            subjectId: action.id,
            data: { personId: link.personId, updateId, from: action.status, to: statusTo ?? action.status },
          })
          recorded.push({ description: plainSummary(action.description, 200), text: input.text, completed: statusTo !== null })
        }
        // Only a race (the actions changed since the page was read) leaves nothing to record: keep the link.
        if (recorded.length === 0) throw invalidState('Nothing was recorded: these actions have changed since the page was opened. Reload the page.')
        await repo.markTokenUsed(link.id, at, tx)
        return { state: 'updated', recorded }
      })
    },

    // ---- opting out of reminders ----

    optOutToken,
    optOutUrl: (personId: string) => absolute(reminderPaths.optOut(optOutToken(personId))),
    /** Throws NOT_FOUND unless the token was made here. */
    checkOptOutToken(token: string): string {
      const personId = personOfOptOutToken(token)
      if (!personId) throw notFound('Page')
      return personId
    },
    async optOut(token: string): Promise<void> {
      const personId = personOfOptOutToken(token)
      if (!personId) throw notFound('Page')
      await db.transaction(async (tx) => {
        if (!(await repo.setRemindersOptOut(personId, true, tx))) throw notFound('Page')
        await recordAudit(tx, { system: 'reminders_opt_out' }, { event: 'person.reminders_opted_out', subjectType: 'person', subjectId: personId })
      })
    },

    // ---- scheduled emails ----

    /**
     * The daily digest for `day` (a London date): one email per owner with an email who has not opted out,
     * listing their open and in-progress actions overdue or due within a week, with a fresh link.
     */
    async sendOwnerDigests(day: string): Promise<RunReport> {
      const rows = await repo.findDigestRows(addDays(day, DUE_SOON_DAYS))
      const byPerson = new Map<string, typeof rows>()
      for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row])
      const report: RunReport = { sent: 0, skipped: 0, failed: 0 }
      const errors: string[] = []
      for (const [personId, own] of byPerson) {
        const first = own[0]!
        try {
          // Keyed by person as well as address: two owners who share an address each get their digest.
          const outcome = await deliverOnce({ kind: DIGEST_KIND, recipient: first.email, period: day, scope: personId }, async (tx) => {
            const link = await issueOwnerToken(personId, tx)
            return ownerDigestEmail({
              to: first.email.trim(),
              fullName: first.fullName,
              rows: own,
              today: day,
              dueSoonDays: DUE_SOON_DAYS,
              link: { linkUrl: link.url, linkExpiresOn: link.expiresOn },
              optOutUrl: absolute(reminderPaths.optOut(optOutToken(personId))),
            })
          })
          report[outcome]++
        } catch (err) {
          report.failed++
          errors.push(`${first.email}: ${err instanceof Error ? err.message : String(err)}`)
        }
      }
      return throwIfFailed('reminder digests', report, errors)
    },

    /**
     * The weekly summary for `week` ('2026-W48'): each secretariat user of a partnership gets one email per
     * body with open actions: counts of open, overdue and due-soon actions and the overdue ones.
     */
    async sendBodySummaries(week: string): Promise<RunReport> {
      const today = londonDate(now())
      const soon = addDays(today, DUE_SOON_DAYS)
      const rows = await repo.findActionsForSummaries()
      const summaries = new Map<string, BodySummary & { partnershipId: string }>()
      for (const row of rows) {
        let s = summaries.get(row.bodyId)
        if (!s) {
          s = { bodyId: row.bodyId, bodyName: row.bodyName, partnershipId: row.partnershipId, open: 0, overdue: 0, dueSoon: 0, overdueActions: [] }
          summaries.set(row.bodyId, s)
        }
        s.open++
        if (isOverdue(row, today)) {
          s.overdue++
          s.overdueActions.push({
            description: plainSummary(row.description, 200),
            due: formatDate(row.dueOn!),
            url: absolute(actionPaths.manage.action(row.id)),
          })
        } else if (row.dueOn !== null && row.dueOn <= soon) {
          s.dueSoon++
        }
      }
      const secretariat = await repo.findSecretariat([...new Set([...summaries.values()].map((s) => s.partnershipId))])
      const report: RunReport = { sent: 0, skipped: 0, failed: 0 }
      const errors: string[] = []
      for (const summary of summaries.values()) {
        for (const user of secretariat.filter((u) => u.partnershipId === summary.partnershipId)) {
          try {
            const outcome = await deliverOnce({ kind: SUMMARY_KIND, recipient: user.email, period: week, scope: summary.bodyId }, () =>
              Promise.resolve(
                bodySummaryEmail({
                  to: user.email,
                  displayName: user.displayName,
                  week,
                  summary,
                  dueSoonDays: DUE_SOON_DAYS,
                  trackerUrl: absolute(actionPaths.manage.tracker()),
                }),
              ),
            )
            report[outcome]++
          } catch (err) {
            report.failed++
            errors.push(`${user.email}: ${err instanceof Error ? err.message : String(err)}`)
          }
        }
      }
      return throwIfFailed('weekly summaries', report, errors)
    },
  }
}
export type RemindersService = ReturnType<typeof remindersService>

/** The scheduled jobs: the daily digest and the Monday summary, both from REMINDERS_HOUR London time. */
export function reminderJobs(reminders: RemindersService, config: Config): Record<string, JobDefinition> {
  return {
    'reminders.owner_digest': {
      periodFor: dailyAt(config.remindersHour),
      run: async (day) => {
        await reminders.sendOwnerDigests(day)
      },
    },
    'reminders.body_summary': {
      periodFor: weeklyOnMondayAt(config.remindersHour),
      run: async (week) => {
        await reminders.sendBodySummaries(week)
      },
    },
  }
}
