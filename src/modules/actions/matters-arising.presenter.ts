import type { FieldErrors } from '../../platform/http/errors.ts'
import { formatDate, formatLongDate, formatTime, londonDate } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { canTransition, STATUS_LABELS } from './action-status.ts'
import { actionPaths } from './actions.paths.ts'
import type { ActionStatus } from './actions.tables.ts'
import type { MaEntry, MattersArisingView, PrintedLine } from './matters-arising-context.ts'
import { joinNames, printMattersArising } from './matters-arising-print.ts'
import type { Outcome } from './matters-arising.schemas.ts'
import { MAX_UPDATE } from './matters-arising.schemas.ts'

type Values = Record<string, string | string[] | undefined>
const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '')
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)

const STATUS_TAG_CLASSES: Record<ActionStatus, string> = {
  open: 'govuk-tag--blue',
  in_progress: 'govuk-tag--yellow',
  completed: 'govuk-tag--green',
  cleared: 'govuk-tag--grey',
  dropped: 'govuk-tag--grey',
}

const OUTCOME_OPTIONS: { value: Exclude<Outcome, 'keep'>; text: string }[] = [
  { value: 'in_progress', text: 'In progress' },
  { value: 'completed', text: 'Completed' },
  { value: 'cleared', text: 'Cleared by this meeting' },
  { value: 'dropped', text: 'Dropped' },
]

export function statusTag(status: ActionStatus) {
  return { text: STATUS_LABELS[status], classes: STATUS_TAG_CLASSES[status] }
}

function meetingCaption(view: MattersArisingView): string {
  const m = view.meeting
  return `${m.body.name}, ${formatLongDate(m.date)}, ${formatTime(m.startTime)}`
}

const dated = (u: NonNullable<MaEntry['update']>) => `${u.text} (${formatDate(londonDate(u.createdAt))})`

/**
 * The latest update, labelled: only an update reported at this meeting prints in the minutes; a later one
 * (an owner's, through their emailed link) is shown to the secretariat but not printed until reported.
 */
function updateRows(e: MaEntry) {
  if (!e.update) return [{ key: { text: 'Latest update' }, value: { text: 'None yet' } }]
  const reportedHere = e.reportedUpdate?.id === e.update.id
  const rows = [
    {
      key: { text: 'Latest update' },
      value: {
        text: `${dated(e.update)}: ${reportedHere ? 'reported at this meeting' : 'not reported at this meeting, so not printed in its minutes'}`,
      },
    },
  ]
  if (e.reportedUpdate && !reportedHere) {
    rows.push({ key: { text: 'Reported at this meeting' }, value: { text: dated(e.reportedUpdate) } })
  }
  return rows
}

/** The default form values: nothing typed, every action kept as it is, at its current version. */
export function mattersArisingValues(entries: MaEntry[]): Values {
  const v: Values = {}
  for (const e of entries) {
    v[`version.${e.id}`] = String(e.version)
    v[`outcome.${e.id}`] = 'keep'
  }
  return v
}

/** The one-pass form at the meeting, and how the item will print. */
export function mattersArisingPage(
  view: MattersArisingView & { generated?: boolean },
  values?: Values,
  errors?: FieldErrors,
) {
  const v = values ?? mattersArisingValues(view.entries)
  const number = new Map(view.entries.map((e, i) => [e.id, i + 1]))
  const label = (e: MaEntry) => `Action ${number.get(e.id)}`
  const short = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}…` : s)

  const entries = view.entries.map((e) => {
    const outcome = str(v[`outcome.${e.id}`]) || 'keep'
    const linkWith = str(v[`linkWith.${e.id}`])
    const allowed = OUTCOME_OPTIONS.filter((o) => canTransition(e.status, o.value))
    const linkedTo = e.linkedIds.map((id) => number.get(id)).filter((n): n is number => n !== undefined)
    return {
      id: e.id,
      heading: label(e),
      final: e.final,
      tag: statusTag(e.status),
      version: str(v[`version.${e.id}`]) || String(e.version),
      summaryRows: [
        { key: { text: 'Action' }, value: { text: e.description } },
        { key: { text: 'Who' }, value: { text: joinNames(e.owners) || 'No owner recorded' } },
        { key: { text: 'When' }, value: { text: e.dueOn ? formatDate(e.dueOn) : 'No due date' } },
        { key: { text: 'Raised' }, value: { text: formatDate(e.raisedOn) } },
        { key: { text: 'Public' }, value: { text: e.isPublic ? 'Yes' : 'No' } },
        ...updateRows(e),
        ...(linkedTo.length ? [{ key: { text: 'Linked with' }, value: { text: linkedTo.map((n) => `Action ${n}`).join(', ') } }] : []),
      ],
      updateTextarea: {
        id: `update-${e.id}`,
        name: `update.${e.id}`,
        rows: 3,
        label: { text: `Update reported at this meeting on ${label(e).toLowerCase()} (optional)`, classes: 'govuk-label--s' },
        hint: { text: 'For example: cleared as response provided for both partners.' },
        value: str(v[`update.${e.id}`]),
        errorMessage: err(errors, `update.${e.id}`),
        attributes: { maxlength: String(MAX_UPDATE) },
      },
      outcomeRadios: {
        idPrefix: `outcome-${e.id}`,
        name: `outcome.${e.id}`,
        classes: 'govuk-radios--small',
        fieldset: { legend: { text: `What happens to ${label(e).toLowerCase()}`, classes: 'govuk-fieldset__legend--s' } },
        errorMessage: err(errors, `outcome.${e.id}`),
        items: [
          { value: 'keep', text: `Keep as it is (${STATUS_LABELS[e.status].toLowerCase()})`, checked: outcome === 'keep' },
          ...allowed.map((o) => ({ value: o.value, text: o.text, checked: outcome === o.value })),
        ],
      },
      showReason: allowed.some((o) => o.value === 'dropped'),
      reasonInput: {
        id: `reason-${e.id}`,
        name: `reason.${e.id}`,
        label: { text: 'If dropped: the reason', classes: 'govuk-label--s govuk-!-font-weight-regular' },
        value: str(v[`reason.${e.id}`]),
        errorMessage: err(errors, `reason.${e.id}`),
      },
      linkSelect: {
        id: `linkWith-${e.id}`,
        name: `linkWith.${e.id}`,
        label: { text: 'Linked with another action as one (optional)', classes: 'govuk-label--s govuk-!-font-weight-regular' },
        items: [
          { value: '', text: 'Not linked' },
          ...view.entries
            .filter((o) => o.id !== e.id)
            .map((o) => ({ value: o.id, text: `${label(o)}: ${short(o.description)}`, selected: o.id === linkWith })),
        ],
        errorMessage: err(errors, `linkWith.${e.id}`),
      },
    }
  })

  return {
    pageTitle: `Matters arising – ${meetingCaption(view)}`,
    caption: meetingCaption(view),
    heading: view.item?.title ?? 'Matters arising',
    generated: view.generated ?? false,
    live: view.live,
    lockReason: view.lockReason,
    noItem: view.item === null,
    action: actionPaths.manage.mattersArising(view.meeting.id),
    entries,
    noEntries: entries.length === 0,
    printed: printMattersArising(view.entries),
    backLink: { href: meetingPaths.manage.meeting(view.meeting.id), text: 'Back to the meeting' },
  }
}

/** For the public meeting page: lines under the matters arising item. */
export function printedLines(lines: PrintedLine[]) {
  return lines.map((l) => ({ text: l.text, isUpdate: l.kind === 'update' }))
}
