import nunjucks from 'nunjucks'
import path from 'node:path'
import { SRC_ROOT } from '../../platform/views/nunjucks.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import type { MailMessage } from '../../platform/mail/mailer.ts'
import { formatDate, formatDateTime } from '../../shared/dates.ts'
import { STATUS_LABELS, canTransition, daysOpen, isOverdue, type ActionStatus } from '../actions/actions.types.ts'
import type { OwnedActionRow } from './reminders.repository.ts'
import type { OwnerRecorded } from './reminders.types.ts'
import { completedFieldId, ownerFieldNames, updateFieldId, type OwnerPosted } from './owner.schemas.ts'

export { ownerUpdateErrors } from './owner.schemas.ts'

/** Turns owner links, digests and summaries into what the owner pages and the emails print. */

export const OWNER_STATUS_TAGS: Record<ActionStatus, { text: string; classes: string }> = {
  open: { text: STATUS_LABELS.open, classes: 'govuk-tag--blue' },
  in_progress: { text: STATUS_LABELS.in_progress, classes: 'govuk-tag--light-blue' },
  completed: { text: STATUS_LABELS.completed, classes: 'govuk-tag--green' },
  cleared: { text: STATUS_LABELS.cleared, classes: 'govuk-tag--grey' },
  dropped: { text: STATUS_LABELS.dropped, classes: 'govuk-tag--grey' },
}
const OVERDUE_TAG = { text: 'Overdue', classes: 'govuk-tag--red' }

/** Markdown reduced to one line of plain text for emails and headings. */
export function plainSummary(markdown: string, max = 300): string {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

function dueText(dueOn: string | null, status: ActionStatus, today: string): string {
  if (!dueOn) return 'No due date'
  if (isOverdue({ status, dueOn }, today)) {
    const days = daysOpen(dueOn, today)
    return `${formatDate(dueOn)} (${days} ${days === 1 ? 'day' : 'days'} overdue)`
  }
  return formatDate(dueOn)
}

/**
 * The owner's page: one form, one fieldset per action with an optional update and, where the state machine
 * allows it, "Mark as completed". Fields are named by position (`actions[0].text`) with the action's id in a
 * hidden field; their ids carry the action id, so errors and what was typed stay with the right action.
 */
export function ownerActionsView(
  rows: OwnedActionRow[],
  opts: { today: string; errors?: FieldErrors; posted?: OwnerPosted },
) {
  const errors = opts.errors ?? {}
  return rows.map((row, index) => {
    const posted = opts.posted?.[row.id]
    const overdue = isOverdue(row, opts.today)
    return {
      id: row.id,
      names: ownerFieldNames(index),
      heading: plainSummary(row.description, 90),
      /** The full Markdown, when the heading had to shorten it. */
      description: plainSummary(row.description, 90) === plainSummary(row.description, Infinity) ? null : row.description,
      bodyName: row.bodyName,
      headingId: `action-${row.id}`,
      updateFieldId: updateFieldId(row.id),
      completedFieldId: completedFieldId(row.id),
      rows: [
        { key: { text: 'Body' }, value: { text: row.bodyName } },
        { key: { text: 'Due' }, value: { text: dueText(row.dueOn, row.status, opts.today) } },
        {
          key: { text: 'Status' },
          value: {
            html: [OWNER_STATUS_TAGS[row.status], ...(overdue ? [OVERDUE_TAG] : [])]
              .map((t) => `<strong class="govuk-tag ${t.classes}">${t.text}</strong>`)
              .join(' '),
          },
        },
        {
          key: { text: 'Latest update' },
          value: row.latestUpdateText
            ? { text: `${plainSummary(row.latestUpdateText, 1000)}${row.latestUpdateAt ? ` (${formatDateTime(row.latestUpdateAt)})` : ''}` }
            : { text: 'None yet' },
        },
      ],
      canComplete: canTransition(row.status, 'completed'),
      updateError: errors[updateFieldId(row.id)],
      completedError: errors[completedFieldId(row.id)],
      updateValue: posted?.text ?? '',
      completedChecked: posted?.completed ?? false,
    }
  })
}

/** The confirmation after an owner's submit: what was recorded, action by action. */
export function ownerRecordedView(recorded: OwnerRecorded[]) {
  return recorded.map((r) => ({
    heading: r.description,
    rows: [
      ...(r.text ? [{ key: { text: 'Your update' }, value: { text: r.text } }] : []),
      ...(r.completed ? [{ key: { text: 'Status' }, value: { text: 'Marked as completed' } }] : []),
    ],
  }))
}

// ---- emails ----

let textEnv: nunjucks.Environment | null = null
let htmlEnv: nunjucks.Environment | null = null

function emailEnvironment(html: boolean): nunjucks.Environment {
  const make = (autoescape: boolean) => {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(SRC_ROOT, 'modules')), {
      autoescape,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    })
    env.addFilter('date', (d: string | null | undefined) => (d ? formatDate(d) : ''))
    return env
  }
  if (html) return (htmlEnv ??= make(true))
  return (textEnv ??= make(false))
}

function renderEmail(name: string, context: Record<string, unknown>): { text: string; html: string } {
  return {
    text: emailEnvironment(false).render(`reminders/views/email-${name}.txt.njk`, context).replace(/\n{3,}/g, '\n\n').trim() + '\n',
    html: emailEnvironment(true).render(`reminders/views/email-${name}.html.njk`, context),
  }
}

export type EmailAction = {
  description: string
  bodyName: string
  due: string
  status: string
  overdue: boolean
  latestUpdate: string | null
}

function emailAction(row: OwnedActionRow, today: string): EmailAction {
  return {
    description: plainSummary(row.description),
    bodyName: row.bodyName,
    due: dueText(row.dueOn, row.status, today),
    status: STATUS_LABELS[row.status],
    overdue: isOverdue(row, today),
    latestUpdate: row.latestUpdateText ? plainSummary(row.latestUpdateText, 200) : null,
  }
}

type OwnerLinkParts = { linkUrl: string; linkExpiresOn: string }

/** The daily digest: overdue actions, then those due within the week. */
export function ownerDigestEmail(input: {
  to: string
  fullName: string
  rows: OwnedActionRow[]
  today: string
  dueSoonDays: number
  link: OwnerLinkParts
  optOutUrl: string
}): MailMessage {
  const overdue = input.rows.filter((r) => isOverdue(r, input.today)).map((r) => emailAction(r, input.today))
  const dueSoon = input.rows.filter((r) => !isOverdue(r, input.today)).map((r) => emailAction(r, input.today))
  const counts = [
    overdue.length ? `${overdue.length} overdue` : null,
    dueSoon.length ? `${dueSoon.length} due within ${input.dueSoonDays} days` : null,
  ].filter(Boolean)
  const { text, html } = renderEmail('owner-digest', {
    ...input,
    overdue,
    dueSoon,
    linkExpiresOn: formatDate(input.link.linkExpiresOn),
  })
  return {
    to: input.to,
    subject: `Your actions: ${counts.join(', ')}`,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${input.optOutUrl}>` },
  }
}

/** The personal link the secretariat sends from an action's page. */
export function ownerLinkEmail(input: {
  to: string
  fullName: string
  rows: OwnedActionRow[]
  today: string
  link: OwnerLinkParts
}): MailMessage {
  const { text, html } = renderEmail('owner-link', {
    ...input,
    actions: input.rows.map((r) => emailAction(r, input.today)),
    linkExpiresOn: formatDate(input.link.linkExpiresOn),
  })
  return { to: input.to, subject: 'Update your actions', text, html }
}

export type BodySummary = {
  bodyId: string
  bodyName: string
  open: number
  overdue: number
  dueSoon: number
  overdueActions: Array<{ description: string; due: string; url: string }>
}

/** The weekly summary of one body's actions for a member of the secretariat. */
export function bodySummaryEmail(input: {
  to: string
  displayName: string
  week: string
  summary: BodySummary
  dueSoonDays: number
  trackerUrl: string
}): MailMessage {
  const { text, html } = renderEmail('body-summary', input)
  const s = input.summary
  return {
    to: input.to,
    subject: `Weekly action summary for ${s.bodyName}: ${s.overdue} overdue, ${s.dueSoon} due soon`,
    text,
    html,
  }
}
