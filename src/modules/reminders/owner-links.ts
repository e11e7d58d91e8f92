import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { AppError, invalidState, notFound } from '../../platform/http/errors.ts'
import { MailNotConfiguredError } from '../../platform/mail/mailer.ts'
import { londonDate } from '../../shared/dates.ts'
import type { BodyWithPartnership } from '../structure/structure.service.ts'
import { isOnLog } from '../actions/actions.types.ts'
import type { RemindersContext } from './reminders-context.ts'
import type { ActionRow } from './reminders.repository.ts'
import type { OwnerLinkView, OwnerRecorded, OwnerUpdateInput, OwnerUpdateResult } from './reminders.types.ts'
import { reminderPaths } from './reminders.paths.ts'
import { ownerLinkEmail, plainSummary } from './reminders.presenter.ts'

/** How long an owner's personal link can be used. */
export const OWNER_LINK_DAYS = 14

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/** A fresh personal link for the person, stored as a hash in `tx`. */
export async function issueOwnerToken(ctx: RemindersContext, personId: string, tx: Db): Promise<{ token: string; url: string; expiresOn: string }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(ctx.now().getTime() + OWNER_LINK_DAYS * 86_400_000)
  await ctx.repo.insertOwnerToken({ tokenHash: sha256(token), personId, expiresAt }, tx)
  return { token, url: ctx.absolute(reminderPaths.ownerActions(token)), expiresOn: londonDate(expiresAt) }
}

/** The action and its body, for the policy check; throws NOT_FOUND. */
export async function getActionWithBody(ctx: RemindersContext, actionId: string): Promise<{ action: ActionRow; body: BodyWithPartnership }> {
  const action = await ctx.repo.findActionById(actionId)
  if (!action) throw notFound('Action')
  return { action, body: await ctx.deps.structure.getBody(action.bodyId) }
}

/**
 * Email a fresh personal link to the action's person owners with an email (or only `personId`).
 * Returns the names it was sent to.
 */
export async function sendOwnerLink(ctx: RemindersContext, actor: { userId: string }, actionId: string, personId?: string): Promise<string[]> {
  const { repo, db, deps } = ctx
  const action = await repo.findActionById(actionId)
  if (!action) throw notFound('Action')
  if (!isOnLog(action.status)) throw invalidState('This action is no longer on the log, so its owners cannot update it.')
  const seen = new Set<string>()
  const owners = (await repo.findPersonOwners(actionId)).filter((o) => !seen.has(o.personId) && seen.add(o.personId))
  const chosen = personId ? owners.filter((o) => o.personId === personId) : owners
  if (personId && chosen.length === 0) throw invalidState('That person is not an owner of this action.')
  const recipients = chosen.filter((o): o is typeof o & { email: string } => !!o.email && o.email.trim() !== '')
  if (recipients.length === 0) {
    throw invalidState('No owner of this action has an email address. Add one to the person’s record, then send the link again.')
  }
  const today = londonDate(ctx.now())
  const body = await deps.structure.getBody(action.bodyId)
  const sentTo: string[] = []
  for (const owner of recipients) {
    try {
      await db.transaction(async (tx) => {
        const link = await issueOwnerToken(ctx, owner.personId, tx)
        await recordAudit(tx, actor, {
          partnershipId: body.partnershipId,
          event: 'action.owner_link_sent',
          subjectType: 'action',
          subjectId: actionId,
          data: { personId: owner.personId },
        })
        const rows = await repo.findOnLogActionsOwnedBy(owner.personId, tx)
        await deps.mailer.send(
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
}

/** What a link shows. An unknown token is NOT_FOUND; a used or expired one is 'expired'. */
export async function viewOwnerLink(ctx: RemindersContext, token: string): Promise<OwnerLinkView> {
  const { repo } = ctx
  const row = await repo.findTokenByHash(sha256(token))
  if (!row) throw notFound('Link')
  const at = ctx.now()
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
}

/**
 * Record an owner's updates to their actions through their link, in one transaction, and use the link up.
 * Each input has an update, a completion, or both. Every action must be one of the link's person's:
 * otherwise NOT_FOUND, nothing is recorded, and the link stays usable.
 */
export async function postOwnerUpdates(ctx: RemindersContext, token: string, inputs: OwnerUpdateInput[]): Promise<OwnerUpdateResult> {
  const { repo } = ctx
  const hash = sha256(token)
  const at = ctx.now()
  return ctx.db.transaction(async (tx): Promise<OwnerUpdateResult> => {
    const link = await repo.lockUsableToken(hash, at, tx)
    if (!link) {
      if (!(await repo.findTokenByHash(hash, tx))) throw notFound('Link')
      return { state: 'expired' }
    }
    const recorded: OwnerRecorded[] = []
    for (const input of inputs) {
      // The actions module checks the person owns the action and applies the state machine, in this transaction.
      const done = await ctx.deps.actions.recordOwnerUpdate(link.personId, input, at, tx)
      if (done) recorded.push({ description: plainSummary(done.description, 200), text: input.text, completed: done.completed })
    }
    // Only a race (the actions changed since the page was read) leaves nothing to record: keep the link.
    if (recorded.length === 0) throw invalidState('Nothing was recorded: these actions have changed since the page was opened. Reload the page.')
    await repo.markTokenUsed(link.id, at, tx)
    return { state: 'updated', recorded }
  })
}
