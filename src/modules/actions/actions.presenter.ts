import { stringify } from 'csv-stringify/sync'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formatDate, formatDateTime, formatLongDate, londonDate } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { pagination } from '../../platform/views/pagination.ts'
import { actionPaths } from './actions.paths.ts'
import { ACTION_STATUSES } from './actions.tables.ts'
import { daysOpen, isOnLog, isOverdue, STATUS_LABELS, TRANSITIONS } from './action-status.ts'
import type { ActionRow, OwnerView, UpdateView } from './actions.repository.ts'
import { TRACKER_PAGE_SIZE, type ActionsService, type MeetingOption } from './actions.service.ts'
import { ownersText, statusTag } from './action-labels.ts'

export { ownerName, ownersText, STATUS_TAG_CLASSES, statusTag } from './action-labels.ts'
import { MAX_DESCRIPTION, MAX_UPDATE, type TrackerQuery } from './actions.schemas.ts'

/** Turns actions into what the templates print. */

type Values = Record<string, unknown>
type Option = { id: string; name: string }
type PersonOption = { id: string; fullName: string; honorific: string | null }

export const OVERDUE_TAG = { text: 'Overdue', classes: 'govuk-tag--red' }

const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '')
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : v === undefined || v === null || v === '' ? [] : [str(v)])
const personLabel = (p: { honorific: string | null; fullName: string }) => (p.honorific ? `${p.honorific} ${p.fullName}` : p.fullName)


/** Whole days from raising until today, or until it was completed, cleared or dropped. */
export function daysOpenOf(a: Pick<ActionRow, 'raisedOn' | 'completedOn' | 'clearedAt' | 'status' | 'updatedAt'>, today: string): number {
  const until =
    a.completedOn ??
    (a.clearedAt ? londonDate(new Date(a.clearedAt)) : null) ??
    (a.status === 'dropped' ? londonDate(new Date(a.updatedAt)) : null) ??
    today
  return daysOpen(a.raisedOn, until)
}

const daysText = (n: number) => (n === 1 ? '1 day' : `${n} days`)

/** Update author: the user who typed it, or the owner it came from. */
export function updateAuthor(u: Pick<UpdateView, 'authorUserName' | 'authorPersonHonorific' | 'authorPersonName'>): string {
  const person = u.authorPersonName ? (u.authorPersonHonorific ? `${u.authorPersonHonorific} ${u.authorPersonName}` : u.authorPersonName) : null
  if (u.authorUserName && person) return `${u.authorUserName} for ${person}`
  return u.authorUserName ?? person ?? 'Unknown'
}

function select(options: { value: string; text: string }[], selected: string, blank: string) {
  return [{ value: '', text: blank }, ...options].map((o) => ({ ...o, selected: o.value !== '' && o.value === selected }))
}

const meetingItems = (meetings: MeetingOption[], selected: string, blank = 'Choose a meeting') =>
  select(
    meetings.map((m) => ({ value: m.id, text: formatLongDate(m.date) })),
    selected,
    blank,
  )

// ---------- the form to record or edit an action ----------

export const PERSON_SELECTS = 3
export const ORGANISATION_SELECTS = 2

export function actionFormPage(data: {
  heading: string
  caption: string
  action: string
  submitText: string
  people: PersonOption[]
  organisations: Option[]
  decisions: { id: string; text: string }[]
  withheld: boolean
  values: Values
  errors?: FieldErrors | undefined
  backHref: string
}) {
  const v = data.values
  const personIds = arr(v.personIds)
  const organisationIds = arr(v.organisationIds)
  const groups = Array.isArray(v.groups) ? v.groups.map(str).join(', ') : str(v.groups)
  const personChoices = data.people.map((p) => ({ value: p.id, text: personLabel(p) }))
  const organisationChoices = data.organisations.map((o) => ({ value: o.id, text: o.name }))
  const personCount = Math.max(PERSON_SELECTS, personIds.length + 1)
  const organisationCount = Math.max(ORGANISATION_SELECTS, organisationIds.length + 1)
  return {
    pageTitle: data.heading,
    heading: data.heading,
    caption: data.caption,
    action: data.action,
    submitText: data.submitText,
    backLink: { href: data.backHref },
    version: str(v.version),
    withheld: data.withheld,
    ownersError: data.errors?.personIds ?? data.errors?.organisationIds ?? data.errors?.groups,
    description: {
      id: 'description',
      name: 'description',
      rows: 5,
      label: { text: 'What is to be done', classes: 'govuk-label--s' },
      hint: { text: 'Write in Markdown if you need a list or a link.' },
      value: str(v.description),
      errorMessage: err(data.errors, 'description'),
      attributes: { maxlength: String(MAX_DESCRIPTION) },
    },
    personSelects: Array.from({ length: personCount }, (_, i) => ({
      id: i === 0 ? 'personIds' : `personIds-${i + 1}`,
      name: 'personIds',
      label: { text: `Person ${i + 1}` },
      items: select(personChoices, personIds[i] ?? '', 'No one'),
      errorMessage: i === 0 ? err(data.errors, 'personIds') : undefined,
    })),
    organisationSelects: Array.from({ length: organisationCount }, (_, i) => ({
      id: i === 0 ? 'organisationIds' : `organisationIds-${i + 1}`,
      name: 'organisationIds',
      label: { text: `Organisation ${i + 1}` },
      items: select(organisationChoices, organisationIds[i] ?? '', 'No organisation'),
      errorMessage: i === 0 ? err(data.errors, 'organisationIds') : undefined,
    })),
    groups: {
      id: 'groups',
      name: 'groups',
      label: { text: 'Named groups' },
      hint: { text: 'For example, PMO, Executive or Group Leads. Separate several with commas.' },
      value: groups,
      errorMessage: err(data.errors, 'groups'),
    },
    dueOn: {
      id: 'dueOn',
      name: 'dueOn',
      type: 'date',
      classes: 'govuk-input--width-10',
      label: { text: 'Due date (optional)', classes: 'govuk-label--s' },
      hint: { text: 'For example, 2027-03-31' },
      value: str(v.dueOn),
      errorMessage: err(data.errors, 'dueOn'),
    },
    isPublic: {
      name: 'isPublic',
      idPrefix: 'isPublic',
      classes: 'govuk-radios--inline',
      fieldset: { legend: { text: 'Can this action be published on the public action sheet?', classes: 'govuk-fieldset__legend--s' } },
      items: [
        { value: 'yes', text: 'Yes', checked: str(v.isPublic) !== 'no' },
        { value: 'no', text: 'No', checked: str(v.isPublic) === 'no' },
      ],
      errorMessage: err(data.errors, 'isPublic'),
    },
    decision: data.decisions.length
      ? {
          id: 'decisionId',
          name: 'decisionId',
          label: { text: 'The decision it comes from (optional)', classes: 'govuk-label--s' },
          items: select(
            data.decisions.map((d, i) => ({ value: d.id, text: `Decision ${i + 1}: ${d.text.slice(0, 80)}${d.text.length > 80 ? '…' : ''}` })),
            str(v.decisionId),
            'None',
          ),
          errorMessage: err(data.errors, 'decisionId'),
        }
      : null,
  }
}

/** The form's values for an existing action. */
export function actionValues(a: ActionRow & { owners: OwnerView[] }): Values {
  return {
    description: a.description,
    personIds: a.owners.filter((o) => o.personId).map((o) => o.personId),
    organisationIds: a.owners.filter((o) => o.organisationId).map((o) => o.organisationId),
    groups: a.owners
      .filter((o) => o.groupName)
      .map((o) => o.groupName)
      .join(', '),
    dueOn: a.dueOn ?? '',
    isPublic: a.isPublic ? 'yes' : 'no',
    decisionId: a.decisionId ?? '',
    version: String(a.version),
  }
}

// ---------- the action page ----------

/** The action page's data; `canManage` false is a read-only officer (nothing to change is offered). */
type ManagedAction = Awaited<ReturnType<ActionsService['getManagedAction']>> & { canManage?: boolean }

export function actionPage(
  data: ManagedAction,
  form: { update?: Values; status?: Values; link?: Values; errors?: FieldErrors | undefined } = {},
) {
  const { action: a, source, today } = data
  const canManage = data.canManage ?? true
  const errors = form.errors
  const overdue = isOverdue(a, today)
  const days = daysOpenOf(a, today)
  const meeting = source.meeting
  const rows: { key: { text: string }; value: { text?: string; html?: string } }[] = []
  const row = (key: string, value: { text?: string; html?: string }) => rows.push({ key: { text: key }, value })
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  const link = (href: string, text: string) => `<a class="govuk-link" href="${esc(href)}">${esc(text)}</a>`
  row('Owners', { text: ownersText(a.owners) })
  row('Due', { text: a.dueOn ? formatLongDate(a.dueOn) : 'No due date' })
  row('Owning body', { text: `${a.bodyName} (${a.partnershipName})` })
  row('Raised', { text: `${formatLongDate(a.raisedOn)}: open for ${daysText(days)}` })
  if (meeting) row('Meeting', { html: link(meetingPaths.manage.meeting(meeting.id), `${meeting.body.name}, ${formatLongDate(meeting.date)}`) })
  const itemText = source.item ? `${source.item.number} ${source.item.title}`.trim() : ''
  if (source.item) row('Agenda item', canManage ? { html: link(meetingPaths.manage.itemMinutes(source.item.id), itemText) } : { text: itemText })
  if (data.decision) row('Decision', { text: data.decision.text })
  row('Public', { text: a.isPublic ? 'Yes: shown on the public action sheet' : source.withheld ? 'No: the item is exempt' : 'No' })
  if (a.completedOn) row('Completed on', { text: formatLongDate(a.completedOn) })
  if (a.clearedAt) {
    const at = data.meetingOptions.find((m) => m.id === a.clearedAtMeetingId)
    row('Cleared', { text: at ? `At the meeting on ${formatLongDate(at.date)}` : formatDateTime(new Date(a.clearedAt)) })
  }
  if (a.droppedReason) row('Dropped because', { text: a.droppedReason })

  const u = form.update ?? {}
  const allowed = TRANSITIONS[a.status]
  const statusOptions = allowed.map((s) => ({ value: s, text: STATUS_LABELS[s] }))
  const final = allowed.length === 0
  return {
    pageTitle: `Action: ${a.description.slice(0, 60)}`,
    caption: `${a.bodyName} action`,
    description: a.description,
    statusTag: statusTag(a.status),
    overdueTag: overdue ? OVERDUE_TAG : null,
    summaryRows: rows,
    // Cleared and dropped actions are printed in approved minutes as they were: no more edits.
    canManage,
    editHref: !canManage || a.status === 'cleared' || a.status === 'dropped' ? null : actionPaths.manage.editAction(a.id),
    statusHref: !canManage || final ? null : actionPaths.manage.changeStatus(a.id),
    trackerHref: actionPaths.manage.tracker(),
    breadcrumbs: [
      { text: 'Manage', href: structurePaths.manage.home() },
      { text: 'Action tracker', href: actionPaths.manage.tracker() },
    ],
    updates: data.updates.map((up) => ({
      date: formatDateTime(new Date(up.createdAt)),
      author: updateAuthor(up),
      text: up.text,
      statusTo: up.statusTo ? STATUS_LABELS[up.statusTo] : null,
      reportedAt: up.reportedAtMeetingDate ? `Reported at the meeting on ${formatLongDate(up.reportedAtMeetingDate)}` : null,
    })),
    updateAction: actionPaths.manage.addUpdate(a.id),
    sendOwnerLinkAction: actionPaths.manage.sendOwnerLink(a.id),
    isOnLog: isOnLog(a.status),
    updateForm: {
      // Checked when the update changes the status; on a 409 the route passes the current one.
      version: u.version !== undefined ? str(u.version) : String(a.version),
      text: {
        id: 'text',
        name: 'text',
        rows: 4,
        label: { text: 'Update', classes: 'govuk-label--s' },
        value: str(u.text),
        errorMessage: err(errors, 'text'),
        attributes: { maxlength: String(MAX_UPDATE) },
      },
      reportedAtMeetingId: {
        id: 'reportedAtMeetingId',
        name: 'reportedAtMeetingId',
        label: { text: 'Reported at a meeting (optional)', classes: 'govuk-label--s' },
        items: meetingItems(data.meetingOptions, str(u.reportedAtMeetingId), 'Not reported at a meeting'),
        errorMessage: err(errors, 'reportedAtMeetingId'),
      },
      statusTo: final
        ? null
        : {
            id: 'statusTo',
            name: 'statusTo',
            label: { text: 'Change the status (optional)', classes: 'govuk-label--s' },
            items: select(statusOptions, str(u.statusTo), `No change (${STATUS_LABELS[a.status].toLowerCase()})`),
            errorMessage: err(errors, 'statusTo'),
          },
      clearedAtMeetingId: allowed.includes('cleared')
        ? {
            id: 'clearedAtMeetingId',
            name: 'clearedAtMeetingId',
            label: { text: 'If clearing: the meeting that agreed it' },
            items: meetingItems(data.meetingOptions, str(u.clearedAtMeetingId)),
            errorMessage: err(errors, 'clearedAtMeetingId'),
          }
        : null,
      droppedReason: allowed.includes('dropped')
        ? {
            id: 'droppedReason',
            name: 'droppedReason',
            rows: 2,
            label: { text: 'If dropping: why' },
            value: str(u.droppedReason),
            errorMessage: err(errors, 'droppedReason'),
          }
        : null,
    },
    linked: data.linked.map((l) => ({
      id: l.id,
      href: actionPaths.manage.action(l.id),
      text: l.description.slice(0, 120),
      status: statusTag(l.status),
    })),
    unlinkAction: actionPaths.manage.unlink(a.id),
    linkAction: actionPaths.manage.links(a.id),
    linkSelect: data.linkCandidates.length
      ? {
          id: 'linkedActionId',
          name: 'linkedActionId',
          label: { text: 'Link to another action of this body', classes: 'govuk-label--s' },
          items: select(
            data.linkCandidates.map((c) => ({
              value: c.id,
              text: `${c.description.slice(0, 70)}${c.description.length > 70 ? '…' : ''} (${STATUS_LABELS[c.status]})`,
            })),
            str(form.link?.linkedActionId),
            'Choose an action',
          ),
          errorMessage: err(errors, 'linkedActionId'),
        }
      : null,
  }
}

/** The separate "Change status" page: one radio per allowed move, with what each needs. */
export function statusPage(data: ManagedAction, values: Values = {}, errors?: FieldErrors) {
  const a = data.action
  const to = str(values.statusTo)
  const clearedSelect = {
    id: 'clearedAtMeetingId',
    name: 'clearedAtMeetingId',
    label: { text: 'The meeting that agreed to clear it' },
    items: meetingItems(data.meetingOptions, str(values.clearedAtMeetingId)),
    errorMessage: err(errors, 'clearedAtMeetingId'),
  }
  const droppedTextarea = {
    id: 'droppedReason',
    name: 'droppedReason',
    rows: 3,
    label: { text: 'Why it is being dropped' },
    value: str(values.droppedReason),
    errorMessage: err(errors, 'droppedReason'),
  }
  return {
    pageTitle: 'Change the status of an action',
    caption: `${a.bodyName} action`,
    heading: 'Change the status',
    description: a.description,
    currentTag: statusTag(a.status),
    action: actionPaths.manage.changeStatus(a.id),
    backLink: { href: actionPaths.manage.action(a.id) },
    version: values.version !== undefined ? str(values.version) : String(a.version),
    final: TRANSITIONS[a.status].length === 0,
    statusItems: TRANSITIONS[a.status].map((s) => ({
      value: s,
      text: STATUS_LABELS[s],
      checked: s === to,
      ...(s === 'cleared' ? { hint: { text: 'A meeting agreed it can come off the log' }, conditionalKey: 'cleared' } : {}),
      ...(s === 'dropped' ? { hint: { text: 'It will not be done' }, conditionalKey: 'dropped' } : {}),
    })),
    statusError: err(errors, 'statusTo'),
    clearedSelect,
    droppedTextarea,
    note: {
      id: 'note',
      name: 'note',
      rows: 3,
      label: { text: 'Note for the history (optional)', classes: 'govuk-label--s' },
      value: str(values.note),
      errorMessage: err(errors, 'note'),
    },
  }
}

// ---------- the tracker ----------

type TrackerData = Awaited<ReturnType<ActionsService['findTracker']>>
type TrackerOptions = Awaited<ReturnType<ActionsService['trackerOptions']>>

/** A tracker URL with the current filters and some changes; defaults are left out. */
export function trackerHref(path: string, q: TrackerQuery, changes: Partial<TrackerQuery> = {}): string {
  const all = { ...q, ...changes }
  const params = new URLSearchParams()
  const put = (k: string, v: string | number | undefined | null) => {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v))
  }
  put('partnershipId', all.partnershipId)
  put('bodyId', all.bodyId)
  put('personId', all.personId)
  put('organisationId', all.organisationId)
  for (const s of all.status) put('status', s)
  if (all.overdue) put('overdue', 'yes')
  put('dueWithin', all.dueWithin)
  put('q', all.q)
  if (all.sort !== 'due') put('sort', all.sort)
  if (all.dir !== 'asc') put('dir', all.dir)
  if (all.page > 1) put('page', all.page)
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

const SORT_COLUMNS: { key: TrackerQuery['sort']; text: string }[] = [
  { key: 'due', text: 'Due' },
  { key: 'raised', text: 'Raised' },
  { key: 'body', text: 'Owning body' },
  { key: 'status', text: 'Status' },
]

export function trackerPage(data: TrackerData, options: TrackerOptions, q: TrackerQuery) {
  const path = actionPaths.manage.tracker()
  const sortHeaders = Object.fromEntries(
    SORT_COLUMNS.map((col) => {
      const current = q.sort === col.key
      const dir = current && q.dir === 'asc' ? 'desc' : 'asc'
      return [
        col.key,
        {
          text: col.text,
          href: trackerHref(path, q, { sort: col.key, dir, page: 1 }),
          ariaSort: current ? (q.dir === 'asc' ? 'ascending' : 'descending') : 'none',
        },
      ]
    }),
  )
  const opt = (items: { id: string; name: string }[], selected: string | undefined, blank: string) =>
    select(
      items.map((i) => ({ value: i.id, text: i.name })),
      selected ?? '',
      blank,
    )
  const first = (data.page - 1) * TRACKER_PAGE_SIZE + 1
  return {
    pageTitle: 'Action tracker',
    heading: 'Action tracker',
    breadcrumbs: [{ text: 'Manage', href: structurePaths.manage.home() }],
    filterAction: path,
    csvHref: trackerHref(actionPaths.manage.trackerCsv(), { ...q, page: 1 }),
    clearHref: path,
    filters: {
      partnership: { id: 'partnershipId', name: 'partnershipId', label: { text: 'Partnership' }, items: opt(options.partnerships, q.partnershipId, 'All partnerships') },
      body: { id: 'bodyId', name: 'bodyId', label: { text: 'Owning body' }, items: opt(options.bodies, q.bodyId, 'All bodies') },
      person: {
        id: 'personId',
        name: 'personId',
        label: { text: 'Owner' },
        items: opt(
          options.people.map((p) => ({ id: p.id, name: personLabel(p) })),
          q.personId,
          'Anyone',
        ),
      },
      organisation: { id: 'organisationId', name: 'organisationId', label: { text: 'Organisation' }, items: opt(options.organisations, q.organisationId, 'Any organisation') },
      status: {
        name: 'status',
        idPrefix: 'status',
        classes: 'govuk-checkboxes--small',
        fieldset: { legend: { text: 'Status', classes: 'govuk-fieldset__legend--s' } },
        items: ACTION_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], checked: q.status.includes(s) })),
      },
      overdue: {
        name: 'overdue',
        idPrefix: 'overdue',
        classes: 'govuk-checkboxes--small',
        items: [{ value: 'yes', text: 'Overdue only', checked: q.overdue }],
      },
      dueWithin: {
        id: 'dueWithin',
        name: 'dueWithin',
        inputmode: 'numeric',
        classes: 'govuk-input--width-3',
        label: { text: 'Due within (days)' },
        value: q.dueWithin !== undefined ? String(q.dueWithin) : '',
      },
      q: { id: 'q', name: 'q', type: 'search', label: { text: 'Text in the description' }, value: q.q ?? '' },
      sort: q.sort,
      dir: q.dir,
    },
    sortHeaders,
    total: data.total,
    showing: data.rows.length ? `Showing ${first} to ${first + data.rows.length - 1} of ${data.total} ${data.total === 1 ? 'action' : 'actions'}` : null,
    rows: data.rows.map((a) => ({
      href: actionPaths.manage.action(a.id),
      description: a.description.length > 140 ? `${a.description.slice(0, 140)}…` : a.description,
      owners: ownersText(a.owners),
      body: a.bodyName,
      status: statusTag(a.status),
      dueOn: a.dueOn ? formatDate(a.dueOn) : '',
      raisedOn: formatDate(a.raisedOn),
      overdue: isOverdue(a, data.today),
      daysOpen: daysOpenOf(a, data.today),
    })),
    pagination: pagination(data, (page) => trackerHref(path, q, { page })),
  }
}

type ExportData = Extract<Awaited<ReturnType<ActionsService['findTrackerExport']>>, { tooMany: false }>

/** Why the CSV export was refused: more rows than it can hold. */
export const csvTooManyMessage = (total: number, limit: number) =>
  `${total.toLocaleString('en-GB')} actions match these filters, but a CSV export can hold at most ${limit.toLocaleString('en-GB')}. Narrow the filters (for example by partnership, body or status) and download again.`

export const CSV_COLUMNS = [
  'id',
  'body',
  'partnership',
  'description',
  'owners',
  'status',
  'due_on',
  'overdue',
  'raised_on',
  'days_open',
  'public',
  'latest_update',
] as const

/** UTF-8 with a BOM (so Excel reads it as UTF-8), ISO dates, one header row. */
export function trackerCsv(data: ExportData): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no')
  return stringify(
    data.rows.map((a) => [
      a.id,
      a.bodyName,
      a.partnershipName,
      a.description,
      ownersText(a.owners),
      a.status,
      a.dueOn ?? '',
      yesNo(isOverdue(a, data.today)),
      a.raisedOn,
      daysOpenOf(a, data.today),
      yesNo(a.isPublic),
      a.latestUpdate?.text ?? '',
    ]),
    // escape_formulas: owners write descriptions and updates; a cell starting =, +, -, @, tab or carriage
    // return gets a leading ' so a spreadsheet shows it as text rather than running it as a formula.
    { bom: true, header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', escape_formulas: true },
  )
}

export const csvFilename = (today: string) => `actions-${today}.csv`

// ---------- the "Actions" section of the minutes item page ----------

export function itemActionsSection(itemId: string, actions: (ActionRow & { owners: OwnerView[] })[], today: string) {
  return {
    addHref: actionPaths.manage.newAction(itemId),
    rows: actions.map((a) => ({
      href: actionPaths.manage.action(a.id),
      description: a.description.length > 140 ? `${a.description.slice(0, 140)}…` : a.description,
      owners: ownersText(a.owners),
      dueOn: a.dueOn ? formatDate(a.dueOn) : 'No due date',
      status: statusTag(a.status),
      overdue: isOverdue(a, today),
      isPublic: a.isPublic,
    })),
  }
}
