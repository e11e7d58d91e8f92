import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { dailyAt, weeklyOnMondayAt, type JobDefinition } from '../../platform/jobs/scheduler.ts'
import { remindersContext, type RemindersDeps } from './reminders-context.ts'
import type { RemindersRepository } from './reminders.repository.ts'
import type { OwnerUpdateInput } from './reminders.types.ts'
import { getActionWithBody, postOwnerUpdates, sendOwnerLink, viewOwnerLink } from './owner-links.ts'
import { checkOptOutToken, optOut, optOutToken, optOutUrl } from './opt-out.ts'
import { sendBodySummaries, sendOwnerDigests } from './reminder-emails.ts'

export { OWNER_LINK_DAYS } from './owner-links.ts'
export { DIGEST_KIND, DUE_SOON_DAYS, SUMMARY_KIND } from './reminder-emails.ts'
export type { RemindersDeps } from './reminders-context.ts'
export type { OwnerLinkView, OwnerRecorded, OwnerUpdateInput, OwnerUpdateResult, RunReport } from './reminders.types.ts'

/**
 * Owner links (personal, expiring, single-use), the daily digest to owners and the weekly summary to the
 * secretariat. Every send is recorded in reminder_deliveries in the transaction that sends it, so a repeated
 * run never sends the same email twice and a failed send is retried by a later run. The use cases live in
 * owner-links.ts, opt-out.ts and reminder-emails.ts; this assembles them.
 */
export function remindersService(db: Db, repo: RemindersRepository, deps: RemindersDeps) {
  const ctx = remindersContext(db, repo, deps)
  return {
    // ---- the secretariat sends an owner their link ----
    getActionWithBody: (actionId: string) => getActionWithBody(ctx, actionId),
    sendOwnerLink: (actor: { userId: string }, actionId: string, personId?: string) => sendOwnerLink(ctx, actor, actionId, personId),

    // ---- the owner's link ----
    viewOwnerLink: (token: string) => viewOwnerLink(ctx, token),
    postOwnerUpdates: (token: string, inputs: OwnerUpdateInput[]) => postOwnerUpdates(ctx, token, inputs),

    // ---- opting out of reminders ----
    optOutToken: (personId: string) => optOutToken(ctx, personId),
    optOutUrl: (personId: string) => optOutUrl(ctx, personId),
    checkOptOutToken: (token: string) => checkOptOutToken(ctx, token),
    optOut: (token: string) => optOut(ctx, token),

    // ---- scheduled emails ----
    sendOwnerDigests: (day: string) => sendOwnerDigests(ctx, day),
    sendBodySummaries: (week: string) => sendBodySummaries(ctx, week),
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
