import { createHmac, timingSafeEqual } from 'node:crypto'
import { recordAudit } from '../../platform/audit/audit.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { RemindersContext } from './reminders-context.ts'
import { reminderPaths } from './reminders.paths.ts'

/** Opting out of reminder emails: a signed token per person (not the single-use owner link). */

function optOutSignature(ctx: RemindersContext, personId: string): string {
  return createHmac('sha256', ctx.deps.config.sessionSecret).update(`reminders-opt-out:${personId}`).digest('base64url')
}

export function optOutToken(ctx: RemindersContext, personId: string): string {
  return `${personId}.${optOutSignature(ctx, personId)}`
}

export function optOutUrl(ctx: RemindersContext, personId: string): string {
  return ctx.absolute(reminderPaths.optOut(optOutToken(ctx, personId)))
}

/** The person an opt-out token was made for, or null if it was not made here. */
function personOfOptOutToken(ctx: RemindersContext, token: string): string | null {
  const dot = token.indexOf('.')
  if (dot < 0) return null
  const personId = token.slice(0, dot)
  if (!/^[0-9a-f-]{36}$/i.test(personId)) return null
  const expected = Buffer.from(optOutSignature(ctx, personId))
  const given = Buffer.from(token.slice(dot + 1))
  return expected.length === given.length && timingSafeEqual(expected, given) ? personId : null
}

/** Throws NOT_FOUND unless the token was made here. */
export function checkOptOutToken(ctx: RemindersContext, token: string): string {
  const personId = personOfOptOutToken(ctx, token)
  if (!personId) throw notFound('Page')
  return personId
}

export async function optOut(ctx: RemindersContext, token: string): Promise<void> {
  const personId = checkOptOutToken(ctx, token)
  await ctx.db.transaction(async (tx) => {
    if (!(await ctx.deps.setRemindersOptOut(personId, true, tx))) throw notFound('Page')
    await recordAudit(tx, { system: 'reminders_opt_out' }, { event: 'person.reminders_opted_out', subjectType: 'person', subjectId: personId })
  })
}
