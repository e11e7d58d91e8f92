import type { Db } from '../../platform/db/client.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import { addDays, formatDate, londonDate } from '../../shared/dates.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { isOverdue } from '../actions/actions.types.ts'
import type { RemindersContext } from './reminders-context.ts'
import type { RunReport } from './reminders.types.ts'
import { bodySummaryEmail, ownerDigestEmail, plainSummary, type BodySummary } from './reminders.presenter.ts'
import { issueOwnerToken } from './owner-links.ts'
import { optOutUrl } from './opt-out.ts'

export const DUE_SOON_DAYS = 7
export const DIGEST_KIND = 'owner_digest'
export const SUMMARY_KIND = 'body_summary'

/**
 * Claim the delivery and send in one transaction: nothing is sent if another run already claimed it, and a
 * failed send rolls the claim back so a later run tries again.
 */
async function deliverOnce(
  ctx: RemindersContext,
  key: { kind: string; recipient: string; period: string; scope: string },
  compose: (tx: Db) => Promise<Parameters<Mailer['send']>[0]>,
): Promise<'sent' | 'skipped'> {
  return ctx.db.transaction(async (tx) => {
    const claimed = await ctx.repo.claimDelivery({ ...key, recipient: key.recipient.trim().toLowerCase(), sentAt: ctx.now() }, tx)
    if (!claimed) return 'skipped'
    await ctx.deps.mailer.send(await compose(tx))
    return 'sent'
  })
}

function throwIfFailed(what: string, report: RunReport, errors: string[]): RunReport {
  if (report.failed > 0) {
    throw new Error(`${report.failed} ${what} could not be sent (they will be retried): ${errors.slice(0, 3).join('; ')}`)
  }
  return report
}

/**
 * The daily digest for `day` (a London date): one email per owner with an email who has not opted out,
 * listing their open and in-progress actions overdue or due within a week, with a fresh link.
 */
export async function sendOwnerDigests(ctx: RemindersContext, day: string): Promise<RunReport> {
  const rows = await ctx.repo.findDigestRows(addDays(day, DUE_SOON_DAYS))
  const byPerson = new Map<string, typeof rows>()
  for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row])
  const report: RunReport = { sent: 0, skipped: 0, failed: 0 }
  const errors: string[] = []
  for (const [personId, own] of byPerson) {
    const first = own[0]!
    try {
      // Keyed by person as well as address: two owners who share an address each get their digest.
      const outcome = await deliverOnce(ctx, { kind: DIGEST_KIND, recipient: first.email, period: day, scope: personId }, async (tx) => {
        const link = await issueOwnerToken(ctx, personId, tx)
        return ownerDigestEmail({
          to: first.email.trim(),
          fullName: first.fullName,
          rows: own,
          today: day,
          dueSoonDays: DUE_SOON_DAYS,
          link: { linkUrl: link.url, linkExpiresOn: link.expiresOn },
          optOutUrl: optOutUrl(ctx, personId),
        })
      })
      report[outcome]++
    } catch (err) {
      report.failed++
      errors.push(`${first.email}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return throwIfFailed('reminder digests', report, errors)
}

/** Each body's counts of open, overdue and due-soon actions, and its overdue ones. */
async function bodySummaries(ctx: RemindersContext): Promise<Map<string, BodySummary & { partnershipId: string }>> {
  const today = londonDate(ctx.now())
  const soon = addDays(today, DUE_SOON_DAYS)
  const rows = await ctx.repo.findActionsForSummaries()
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
        url: ctx.absolute(actionPaths.manage.action(row.id)),
      })
    } else if (row.dueOn !== null && row.dueOn <= soon) {
      s.dueSoon++
    }
  }
  return summaries
}

/**
 * The weekly summary for `week` ('2026-W48'): each secretariat user of a partnership gets one email per
 * body with open actions: counts of open, overdue and due-soon actions and the overdue ones.
 */
export async function sendBodySummaries(ctx: RemindersContext, week: string): Promise<RunReport> {
  const summaries = await bodySummaries(ctx)
  const secretariat = await ctx.repo.findSecretariat([...new Set([...summaries.values()].map((s) => s.partnershipId))])
  const report: RunReport = { sent: 0, skipped: 0, failed: 0 }
  const errors: string[] = []
  for (const summary of summaries.values()) {
    for (const user of secretariat.filter((u) => u.partnershipId === summary.partnershipId)) {
      try {
        const outcome = await deliverOnce(ctx, { kind: SUMMARY_KIND, recipient: user.email, period: week, scope: summary.bodyId }, () =>
          Promise.resolve(
            bodySummaryEmail({
              to: user.email,
              displayName: user.displayName,
              week,
              summary,
              dueSoonDays: DUE_SOON_DAYS,
              trackerUrl: ctx.absolute(actionPaths.manage.tracker()),
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
}
