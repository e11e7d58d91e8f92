import type { FieldErrors } from '../../platform/http/errors.ts'
import { pagination } from '../../platform/views/pagination.ts'
import { dateInputParams, datePartsValues } from '../../platform/views/date-input.ts'
import { formatDate, formatLongDate, londonDate } from '../../shared/dates.ts'
import { formatOptionalPartialDate, formatPartialDate } from '../../shared/partial-dates.ts'
import { personName } from '../../shared/record-text.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { structurePaths, withQuery } from '../structure/structure.paths.ts'
import type { PartnershipRow } from '../structure/structure.service.ts'
import { strategyPaths } from '../strategy/strategy.paths.ts'
import { programmePaths } from './programme.paths.ts'
import { MILESTONE_STATUSES, RAG_RATINGS, WORKSTREAM_STATUSES, type MilestoneStatus, type RagRating, type WorkstreamStatus } from './programme.tables.ts'
import { isMilestoneOverdue, MILESTONE_STATUS_LABELS, RAG_LABELS, WORKSTREAM_STATUS_LABELS } from './rag.ts'
import type { MeetingChoice, MilestoneRow, UpdateView, WorkstreamView } from './programme.repository.ts'
import type { LinkOwner, TimelineRow } from './programme-links.repository.ts'
import type { WorkstreamChoices } from './workstreams.ts'
import type { Paged } from '../../platform/db/paging.ts'
import type { findPublishedTheme, findPublishedWorkstream, PublicUpdate } from './published-programme.ts'
import type { ThemePage } from './programme-pages.ts'
import { TIMELINE_PAGE_SIZE, type NumberedRecords } from './programme-links.ts'
import { MAX_DESCRIPTION, MAX_REASON, MAX_TITLE, MAX_UPDATE } from './programme.schemas.ts'

/** Turns workstreams, milestones, updates and links into what the templates print. */

type Values = Record<string, unknown>
const P = programmePaths
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)

const STATUS_CLASSES: Record<WorkstreamStatus, string> = {
  not_started: 'govuk-tag--grey',
  on_track: 'govuk-tag--green',
  at_risk: 'govuk-tag--yellow',
  off_track: 'govuk-tag--red',
  completed: 'govuk-tag--blue',
  closed: 'govuk-tag--grey',
}
const RAG_CLASSES: Record<RagRating, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' }
const MILESTONE_CLASSES: Record<MilestoneStatus, string> = { not_started: 'govuk-tag--grey', in_progress: 'govuk-tag--light-blue', completed: 'govuk-tag--green', dropped: 'govuk-tag--grey' }

export const statusTag = (s: WorkstreamStatus) => ({ text: WORKSTREAM_STATUS_LABELS[s], classes: STATUS_CLASSES[s] })
/** A RAG rating as a tag; the colour is never the only signal (the word is printed). */
export const ragTag = (r: RagRating | null) => (r ? { text: `RAG: ${RAG_LABELS[r]}`, classes: `${RAG_CLASSES[r]} app-rag` } : { text: 'RAG: not rated', classes: 'govuk-tag--grey app-rag' })
export const milestoneTag = (m: Pick<MilestoneRow, 'status' | 'dueOn' | 'dueOnPrecision'>, today: string) =>
  isMilestoneOverdue(m, today) ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: MILESTONE_STATUS_LABELS[m.status], classes: MILESTONE_CLASSES[m.status] }

/** Markdown as one plain line, cut at `max` characters. */
export function plain(text: string, max = 300): string {
  const line = text
    .replace(/^\s*(?:[-*+]|\d+\.|#+|>)\s+/gm, '')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}

export function leadText(w: Pick<WorkstreamView, 'leadPerson' | 'leadOrganisation'>): string {
  const parts = [w.leadPerson ? personName(w.leadPerson) : null, w.leadOrganisation?.name ?? null].filter(Boolean)
  return parts.join(', ')
}

export function datesText(w: Pick<WorkstreamView, 'startsOn' | 'startsOnPrecision' | 'endsOn' | 'endsOnPrecision'>): string {
  const from = formatOptionalPartialDate(w.startsOn, w.startsOnPrecision)
  const to = formatOptionalPartialDate(w.endsOn, w.endsOnPrecision)
  if (from && to) return `${from} to ${to}`
  if (from) return `From ${from}`
  if (to) return `Until ${to}`
  return ''
}

const dueText = (m: Pick<MilestoneRow, 'dueOn' | 'dueOnPrecision'>) => (m.dueOn ? formatPartialDate(m.dueOn, m.dueOnPrecision) : 'No due date')

export function milestoneRows(milestones: MilestoneRow[], today: string, staff: boolean) {
  return milestones.map((m) => ({
    title: m.title,
    due: dueText(m),
    done: m.doneOn ? formatDate(m.doneOn) : '',
    status: milestoneTag(m, today),
    note: m.note,
    editHref: staff ? P.manage.editMilestone(m.id) : null,
  }))
}

// ---------- the timeline of linked records ----------

const KIND_LABELS = { item: 'Agenda item', decision: 'Decision', paper: 'Paper', action: 'Action' } as const

function publicHref(r: TimelineRow): string {
  if (r.kind === 'paper') return meetingPaths.public.paper(r.targetId, r.filename ?? 'paper')
  if (r.kind === 'action') return actionPaths.public.bodyActions(r.bodySlug)
  return `${meetingPaths.public.meeting(r.meetingId!)}#item-${r.itemId}`
}

function staffHref(r: TimelineRow): string {
  if (r.kind === 'action') return actionPaths.manage.action(r.targetId)
  if (r.kind === 'paper') return meetingPaths.manage.meeting(r.meetingId!)
  return meetingPaths.manage.itemMinutes(r.itemId!)
}

const ACTION_STATUS_TEXT: Record<string, string> = { open: 'Open', in_progress: 'In progress', completed: 'Completed', cleared: 'Cleared', dropped: 'Dropped' }

export function timelineView(timeline: Paged<TimelineRow>, opts: { staff: boolean; pageHref: (page: number) => string; owner?: LinkOwner }) {
  return {
    total: timeline.total,
    entries: timeline.rows.map((r) => ({
      kind: KIND_LABELS[r.kind],
      date: formatDate(r.date),
      title: plain(r.title, 300),
      href: opts.staff ? staffHref(r) : publicHref(r),
      meta: [r.bodyName, r.kind === 'decision' && r.detail ? `under “${r.detail}”` : null, r.kind === 'action' && r.detail ? ACTION_STATUS_TEXT[r.detail] : null].filter(Boolean).join(', '),
      notPublic: opts.staff && !r.visible,
      viaWorkstream: !!r.viaWorkstreamId && opts.owner?.kind === 'theme',
      linkId: r.linkId,
      canRemove: opts.staff && !!opts.owner && (opts.owner.kind === 'workstream' || !r.viaWorkstreamId),
    })),
    pagination: pagination(timeline, opts.pageHref),
    showing: timeline.total ? `Showing ${(timeline.page - 1) * TIMELINE_PAGE_SIZE + 1} to ${(timeline.page - 1) * TIMELINE_PAGE_SIZE + timeline.rows.length} of ${timeline.total}` : '',
  }
}

const pageHref = (path: string) => (page: number) => withQuery(path, { page: page === 1 ? undefined : page })

const meetingSelect = (meetings: MeetingChoice[], selected: string, opts: { id: string; name: string; label: string; hint?: string; blank: string; error?: string | undefined }) => ({
  id: opts.id,
  name: opts.name,
  label: { text: opts.label, classes: 'govuk-label--s' },
  ...(opts.hint ? { hint: { text: opts.hint } } : {}),
  items: [{ value: '', text: opts.blank }, ...meetings.map((m) => ({ value: m.id, text: `${m.bodyName}, ${formatLongDate(m.date)}`, selected: m.id === selected }))],
  ...(opts.error ? { errorMessage: { text: opts.error } } : {}),
})

// ---------- the programme's overview (staff) ----------

export function programmePage(data: {
  partnership: PartnershipRow
  themes: { id: string; title: string; inCurrentStrategy: boolean; inDraft: boolean }[]
  workstreams: WorkstreamView[]
  milestones: MilestoneRow[]
  today: string
}) {
  const { partnership } = data
  const row = (w: WorkstreamView) => {
    const next = data.milestones.find((m) => m.workstreamId === w.id && m.status !== 'completed' && m.status !== 'dropped')
    const overdue = data.milestones.filter((m) => m.workstreamId === w.id && isMilestoneOverdue(m, data.today)).length
    return {
      title: w.title,
      href: P.manage.workstream(w.id),
      lead: leadText(w),
      status: statusTag(w.status),
      rag: ragTag(w.rag),
      next: next ? `${next.title} (${dueText(next)})` : '',
      overdue,
      isPublic: w.isPublic,
    }
  }
  const groups = data.themes.map((t) => ({
    title: t.title,
    href: P.manage.theme(t.id),
    note: t.inCurrentStrategy ? '' : t.inDraft ? 'In the draft strategy only' : 'Not in the current strategy',
    rows: data.workstreams.filter((w) => w.themeId === t.id).map(row),
  }))
  return {
    pageTitle: `Programme – ${partnership.name}`,
    caption: partnership.name,
    groups,
    noThemes: data.themes.length === 0,
    strategyHref: strategyPaths.manage.strategy(partnership.id),
    newHref: data.themes.some((t) => t.inCurrentStrategy || t.inDraft) ? P.manage.newWorkstream(partnership.id) : null,
    breadcrumbs: [
      { text: 'Manage', href: structurePaths.manage.home() },
      { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
    ],
  }
}

// ---------- the workstream form ----------

export function workstreamValues(w: WorkstreamView): Record<string, string> {
  return {
    themeId: w.themeId,
    title: w.title,
    description: w.description ?? '',
    leadPersonId: w.leadPerson?.id ?? '',
    leadOrganisationId: w.leadOrganisation?.id ?? '',
    owningBodyId: w.owningBody?.id ?? '',
    isPublic: w.isPublic ? 'yes' : 'no',
    version: String(w.version),
    ...datePartsValues('startsOn', w.startsOn, w.startsOnPrecision),
    ...datePartsValues('endsOn', w.endsOn, w.endsOnPrecision),
  }
}

export function workstreamFormPage(data: { heading: string; caption: string; action: string; submitText: string; choices: WorkstreamChoices; values: Values; errors?: FieldErrors | undefined; backHref: string }) {
  const v = data.values
  const select = (id: string, label: string, blank: string, options: { value: string; text: string }[], hint?: string) => ({
    id,
    name: id,
    label: { text: label, classes: 'govuk-label--s' },
    ...(hint ? { hint: { text: hint } } : {}),
    items: [{ value: '', text: blank }, ...options.map((o) => ({ ...o, selected: o.value === str(v[id]) }))],
    errorMessage: err(data.errors, id),
  })
  const dateHint = 'For example, 1 2 2016. If you know only the month, leave the day blank.'
  return {
    pageTitle: data.heading,
    heading: data.heading,
    caption: data.caption,
    action: data.action,
    submitText: data.submitText,
    backLink: { href: data.backHref },
    version: str(v.version),
    themeId: select('themeId', 'Theme', 'Choose a theme', data.choices.themes.map((t) => ({ value: t.id, text: t.inCurrentStrategy ? t.title : `${t.title} (draft strategy)` })), 'The priority of the strategy this workstream delivers.'),
    title: { id: 'title', name: 'title', label: { text: 'Name', classes: 'govuk-label--s' }, value: str(v.title), errorMessage: err(data.errors, 'title'), attributes: { maxlength: String(MAX_TITLE) } },
    description: { id: 'description', name: 'description', rows: 5, label: { text: 'Description (optional)', classes: 'govuk-label--s' }, hint: { text: 'Write in Markdown if you need a list or a link.' }, value: str(v.description), errorMessage: err(data.errors, 'description'), attributes: { maxlength: String(MAX_DESCRIPTION) } },
    leadPersonId: select('leadPersonId', 'Lead person (optional)', 'No lead person', data.choices.people.map((p) => ({ value: p.id, text: personName(p) })), 'People who sit on one of this partnership’s bodies.'),
    leadOrganisationId: select('leadOrganisationId', 'Lead organisation (optional)', 'No lead organisation', data.choices.organisations.map((o) => ({ value: o.id, text: o.name })), 'This partnership’s partner organisations.'),
    owningBodyId: select('owningBodyId', 'Owning body (optional)', 'No owning body', data.choices.bodies.map((b) => ({ value: b.id, text: b.name })), 'Usually the implementation group.'),
    startsOn: dateInputParams({ name: 'startsOn', legend: 'Start date (optional)', hint: dateHint, values: v, errors: data.errors }),
    endsOn: dateInputParams({ name: 'endsOn', legend: 'End date (optional)', hint: dateHint, values: v, errors: data.errors }),
    isPublic: {
      name: 'isPublic',
      idPrefix: 'isPublic',
      classes: 'govuk-radios--inline',
      fieldset: { legend: { text: 'Show this workstream on the public record?', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'The public sees its status, RAG rating, dates, lead, milestones and the updates you publish, never the reason for its rating.' },
      errorMessage: err(data.errors, 'isPublic'),
      items: [
        { value: 'yes', text: 'Yes', checked: str(v.isPublic || 'yes') === 'yes' },
        { value: 'no', text: 'No', checked: str(v.isPublic) === 'no' },
      ],
    },
  }
}

// ---------- the workstream's page (staff) ----------

export function updateRows(updates: (UpdateView | PublicUpdate)[], staff: boolean) {
  return updates.map((u) => ({
    date: formatLongDate(londonDate(new Date(u.createdAt))),
    author: staff && 'authorName' in u ? (u.authorName ?? 'Unknown') : null,
    status: statusTag(u.status),
    rag: ragTag(u.rag),
    reason: staff && 'ragReason' in u ? u.ragReason : null,
    reportedAt: u.reportedAtDate ? `Reported at the meeting on ${formatLongDate(u.reportedAtDate)}` : null,
    text: u.text,
    isPublic: u.isPublic,
  }))
}

export function updateForm(w: Pick<WorkstreamView, 'status' | 'rag' | 'ragReason' | 'version'>, meetings: MeetingChoice[], values: Values, errors: FieldErrors | undefined) {
  const has = Object.keys(values).length > 0
  const status = has ? str(values.status) : w.status
  const rag = has ? str(values.rag) : (w.rag ?? '')
  return {
    text: { id: 'text', name: 'text', rows: 5, label: { text: 'Progress since the last update', classes: 'govuk-label--s' }, value: str(values.text), errorMessage: err(errors, 'text'), attributes: { maxlength: String(MAX_UPDATE) } },
    status: {
      id: 'status',
      name: 'status',
      label: { text: 'Status', classes: 'govuk-label--s' },
      items: WORKSTREAM_STATUSES.map((s) => ({ value: s, text: WORKSTREAM_STATUS_LABELS[s], selected: s === status })),
      errorMessage: err(errors, 'status'),
    },
    rag: {
      name: 'rag',
      idPrefix: 'rag',
      classes: 'govuk-radios--inline',
      fieldset: { legend: { text: 'RAG rating', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'Amber or red needs a reason.' },
      errorMessage: err(errors, 'rag'),
      items: [...RAG_RATINGS.map((r) => ({ value: r, text: RAG_LABELS[r], checked: r === rag })), { value: '', text: 'Not rated', checked: rag === '' }],
    },
    ragReason: {
      id: 'ragReason',
      name: 'ragReason',
      rows: 3,
      label: { text: 'Reason for the rating', classes: 'govuk-label--s' },
      hint: { text: 'Seen by the secretariat only, never published.' },
      value: has ? str(values.ragReason) : (w.ragReason ?? ''),
      errorMessage: err(errors, 'ragReason'),
      attributes: { maxlength: String(MAX_REASON) },
    },
    reportedAtMeetingId: meetingSelect(meetings, str(values.reportedAtMeetingId), { id: 'reportedAtMeetingId', name: 'reportedAtMeetingId', label: 'Reported at a meeting (optional)', blank: 'Not reported at a meeting', error: errors?.reportedAtMeetingId }),
    isPublic: {
      name: 'isPublic',
      idPrefix: 'isPublic',
      classes: 'govuk-radios--inline',
      fieldset: { legend: { text: 'Publish this update on the public record?', classes: 'govuk-fieldset__legend--s' } },
      errorMessage: err(errors, 'isPublic'),
      items: [
        { value: 'yes', text: 'Yes', checked: str(values.isPublic) === 'yes' },
        { value: 'no', text: 'No', checked: str(values.isPublic || 'no') === 'no' },
      ],
    },
  }
}

export function milestoneFields(values: Values, errors: FieldErrors | undefined, withStatus: boolean) {
  return {
    title: { id: 'title', name: 'title', label: { text: 'Milestone', classes: 'govuk-label--s' }, value: str(values.title), errorMessage: err(errors, 'title'), attributes: { maxlength: String(MAX_TITLE) } },
    dueOn: dateInputParams({ name: 'dueOn', legend: 'Due (optional)', hint: 'For example, 31 8 2016. If it is due in a month, leave the day blank.', values, errors }),
    status: withStatus
      ? { id: 'status', name: 'status', label: { text: 'Status', classes: 'govuk-label--s' }, items: MILESTONE_STATUSES.map((s) => ({ value: s, text: MILESTONE_STATUS_LABELS[s], selected: s === str(values.status) })), errorMessage: err(errors, 'status') }
      : null,
    doneOn: withStatus ? dateInputParams({ name: 'doneOn', legend: 'Date completed', hint: 'Only when the status is completed.', values, errors }) : null,
    note: withStatus ? { id: 'note', name: 'note', rows: 3, label: { text: 'Note (optional)', classes: 'govuk-label--s' }, hint: { text: 'How it was met, or why it was dropped.' }, value: str(values.note), errorMessage: err(errors, 'note') } : null,
  }
}

export type WorkstreamPageData = {
  partnership: PartnershipRow
  workstream: WorkstreamView
  theme: { id: string; title: string; inCurrentStrategy: boolean } | null
  milestones: MilestoneRow[]
  updates: UpdateView[]
  timeline: Paged<TimelineRow>
  meetings: MeetingChoice[]
  today: string
}

export function workstreamPage(data: WorkstreamPageData, form: { update?: Values; milestone?: Values; errors?: FieldErrors | undefined; version?: string } = {}) {
  const { workstream: w, partnership } = data
  const rows = [
    { key: { text: 'Theme' }, value: { html: data.theme ? `<a class="govuk-link" href="${P.manage.theme(data.theme.id)}">${escapeHtml(data.theme.title)}</a>${data.theme.inCurrentStrategy ? '' : ' (not in the current strategy)'}` : 'Unknown' } },
    { key: { text: 'Lead' }, value: { text: leadText(w) || 'Not set' } },
    { key: { text: 'Owning body' }, value: { text: w.owningBody?.name ?? 'Not set' } },
    { key: { text: 'Dates' }, value: { text: datesText(w) || 'Not set' } },
    { key: { text: 'RAG reason' }, value: { text: w.ragReason ?? (w.rag ? 'None given' : 'Not rated') } },
    { key: { text: 'Public record' }, value: { html: w.isPublic ? `Shown: <a class="govuk-link" href="${P.public.workstream(partnership.slug, w.slug)}">public page</a> (once its theme is in an approved strategy)` : 'Not shown' } },
  ]
  return {
    pageTitle: w.title,
    caption: `${partnership.name} workstream`,
    heading: w.title,
    status: statusTag(w.status),
    rag: ragTag(w.rag),
    description: w.description,
    summaryRows: rows,
    editHref: P.manage.editWorkstream(w.id),
    version: form.version ?? String(w.version),
    milestones: milestoneRows(data.milestones, data.today, true),
    milestoneAction: P.manage.addMilestone(w.id),
    milestoneForm: milestoneFields(form.milestone ?? {}, form.milestone ? form.errors : undefined, false),
    updateAction: P.manage.addUpdate(w.id),
    updateForm: updateForm(w, data.meetings, form.update ?? {}, form.update ? form.errors : undefined),
    updates: updateRows(data.updates, true),
    timeline: timelineView(data.timeline, { staff: true, pageHref: pageHref(P.manage.workstream(w.id)), owner: { kind: 'workstream', id: w.id } }),
    linkPicker: { action: P.manage.links('workstream', w.id), select: meetingSelect(data.meetings, '', { id: 'meeting', name: 'meeting', label: 'Link records from a meeting', hint: 'Choose the meeting, then tick its agenda items, decisions, papers and actions.', blank: 'Choose a meeting' }) },
    removeLinkAction: P.manage.removeLink('workstream', w.id),
    breadcrumbs: [
      { text: 'Manage', href: structurePaths.manage.home() },
      { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
      { text: 'Programme', href: P.manage.programme(partnership.id) },
    ],
  }
}

export function milestoneValues(m: MilestoneRow): Record<string, string> {
  return {
    title: m.title,
    status: m.status,
    note: m.note ?? '',
    version: String(m.version),
    ...datePartsValues('dueOn', m.dueOn, m.dueOnPrecision),
    ...datePartsValues('doneOn', m.doneOn, 'day'),
  }
}

export function milestoneFormPage(data: { milestoneId: string; workstream: WorkstreamView; values: Values; errors?: FieldErrors | undefined }) {
  return {
    pageTitle: 'Change the milestone',
    heading: 'Change the milestone',
    caption: data.workstream.title,
    action: P.manage.editMilestone(data.milestoneId),
    backLink: { href: P.manage.workstream(data.workstream.id) },
    version: str(data.values.version),
    fields: milestoneFields(data.values, data.errors, true),
  }
}

// ---------- choosing records to link ----------

export function linkPickerPage(
  data: {
    owner: { kind: 'theme' | 'workstream'; id: string; title: string }
    meetings: MeetingChoice[]
    records: NumberedRecords | null
    linked: Set<string>
  },
  errors?: FieldErrors,
) {
  const { owner, records } = data
  const backHref = owner.kind === 'theme' ? P.manage.theme(owner.id) : P.manage.workstream(owner.id)
  const box = (name: string, id: string, text: string, hint?: string) =>
    data.linked.has(id) ? { value: id, text, hint: { text: 'Already linked' }, disabled: true, checked: true } : { value: id, text, ...(hint ? { hint: { text: hint } } : {}) }
  const number = (itemId: string | null) => (itemId && records ? (records.itemNumbers[itemId] ?? '') : '')
  const titleOf = (itemId: string | null) => records?.items.find((i) => i.id === itemId)?.title ?? ''
  const group = (name: string, legend: string, items: ReturnType<typeof box>[]) =>
    items.length ? { name, idPrefix: name, fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } }, items } : null
  return {
    pageTitle: `Link records to ${owner.title}`,
    caption: owner.title,
    heading: 'Link records from a meeting',
    backLink: { href: backHref },
    pickAction: P.manage.links(owner.kind, owner.id),
    meetingSelect: meetingSelect(data.meetings, records?.meeting.id ?? '', { id: 'meeting', name: 'meeting', label: 'Meeting', blank: 'Choose a meeting' }),
    meeting: records ? { id: records.meeting.id, text: `${records.meeting.bodyName}, ${formatLongDate(records.meeting.date)}` } : null,
    action: P.manage.links(owner.kind, owner.id),
    recordsError: err(errors, 'records'),
    groups: records
      ? [
          group('itemIds', 'Agenda items', records.items.map((i) => box('itemIds', i.id, `${number(i.id)} ${i.title}`.trim(), i.isExempt ? 'Exempt: never shown to the public' : undefined))),
          group('decisionIds', 'Decisions', records.decisions.map((d) => box('decisionIds', d.id, plain(d.text, 200), `Under ${`${number(d.itemId)} ${titleOf(d.itemId)}`.trim()}`))),
          group('paperIds', 'Papers', records.papers.map((p) => box('paperIds', p.id, p.title, p.isExempt ? 'Exempt: never shown to the public' : undefined))),
          group('actionIds', 'Actions', records.actions.map((a) => box('actionIds', a.id, plain(a.description, 200), a.isPublic ? undefined : 'Private: never shown to the public'))),
        ].filter(Boolean)
      : [],
  }
}

// ---------- a theme (staff) ----------

export function themePage(data: ThemePage) {
  const { theme, partnership } = data
  return {
    pageTitle: theme.title,
    caption: `${partnership.name} theme`,
    heading: theme.title,
    description: theme.description,
    where: theme.inCurrentStrategy ? 'In the current strategy.' : theme.inDraft ? 'In the draft strategy only: not yet public.' : 'Not in the current strategy.',
    publicHref: theme.inCurrentStrategy ? strategyPaths.public.theme(partnership.slug, theme.slug) : null,
    workstreams: data.workstreams.map((w) => ({ title: w.title, href: P.manage.workstream(w.id), status: statusTag(w.status), rag: ragTag(w.rag), lead: leadText(w) })),
    timeline: timelineView(data.timeline, { staff: true, pageHref: pageHref(P.manage.theme(theme.id)), owner: { kind: 'theme', id: theme.id } }),
    linkPicker: { action: P.manage.links('theme', theme.id), select: meetingSelect(data.meetings, '', { id: 'meeting', name: 'meeting', label: 'Link records from a meeting', hint: 'Records linked here belong to the theme as a whole; link to a workstream from its page.', blank: 'Choose a meeting' }) },
    removeLinkAction: P.manage.removeLink('theme', theme.id),
    breadcrumbs: [
      { text: 'Manage', href: structurePaths.manage.home() },
      { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
      { text: 'Programme', href: P.manage.programme(partnership.id) },
    ],
  }
}

// ---------- the public ----------

export function publicThemePage(data: Awaited<ReturnType<typeof findPublishedTheme>>) {
  const { partnership, theme } = data
  return {
    pageTitle: `${theme.title} – ${partnership.name}`,
    caption: `${partnership.name}: theme`,
    heading: theme.title,
    description: theme.description,
    notCurrent: !theme.inCurrentStrategy,
    strategyHref: strategyPaths.public.strategy(partnership.slug),
    workstreams: data.workstreams.map((w) => ({ title: w.title, href: P.public.workstream(partnership.slug, w.slug), status: statusTag(w.status), rag: ragTag(w.rag), lead: leadText(w), dates: datesText(w) })),
    timeline: timelineView(data.timeline, { staff: false, pageHref: pageHref(strategyPaths.public.theme(partnership.slug, theme.slug)) }),
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: partnership.name, href: structurePaths.public.partnership(partnership.slug) },
    ],
  }
}

export function publicWorkstreamPage(data: Awaited<ReturnType<typeof findPublishedWorkstream>>, today: string) {
  const { partnership, theme, workstream: w } = data
  const rows = [
    { key: { text: 'Theme' }, value: { html: `<a class="govuk-link" href="${strategyPaths.public.theme(partnership.slug, theme.slug)}">${escapeHtml(theme.title)}</a>` } },
    ...(leadText(w) ? [{ key: { text: 'Lead' }, value: { text: leadText(w) } }] : []),
    ...(w.owningBody ? [{ key: { text: 'Owned by' }, value: { html: `<a class="govuk-link" href="${structurePaths.public.body(w.owningBody.slug)}">${escapeHtml(w.owningBody.name)}</a>` } }] : []),
    ...(datesText(w) ? [{ key: { text: 'Dates' }, value: { text: datesText(w) } }] : []),
  ]
  return {
    pageTitle: `${w.title} – ${partnership.name}`,
    caption: `${partnership.name}: workstream`,
    heading: w.title,
    status: statusTag(w.status),
    rag: ragTag(w.rag),
    description: w.description,
    summaryRows: rows,
    milestones: milestoneRows(data.milestones, today, false),
    updates: updateRows(data.updates, false),
    timeline: timelineView(data.timeline, { staff: false, pageHref: pageHref(P.public.workstream(partnership.slug, w.slug)) }),
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: partnership.name, href: structurePaths.public.partnership(partnership.slug) },
      { text: theme.title, href: strategyPaths.public.theme(partnership.slug, theme.slug) },
    ],
  }
}

function escapeHtml(v: string): string {
  return v.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}
