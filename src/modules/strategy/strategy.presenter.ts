import type { FieldErrors } from '../../platform/http/errors.ts'
import { dateInputParams } from '../../platform/views/date-input.ts'
import { formatLongDate } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths, withQuery } from '../structure/structure.paths.ts'
import type { BodyInPartnership, PartnershipRow } from '../structure/structure.service.ts'
import { strategyPaths } from './strategy.paths.ts'
import type { StrategyStatus } from './strategy.tables.ts'
import { approvalText, periodText, STRATEGY_STATUS_LABELS, type ApprovalSummary } from './strategy.types.ts'
import type { Comparison, MeetingChoice, NumberedDecision, VersionDetail, VersionWithApproval } from './strategy.service.ts'
import type { Segment } from './version-diff.ts'
import { MAX_LINE, MAX_STATEMENT, MAX_THEME_DESCRIPTION, MAX_TITLE } from './strategy.schemas.ts'

/** Turns strategy versions into what the templates print. */

type Values = Record<string, unknown>
const P = strategyPaths
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)
const escapeHtml = (v: string): string =>
  v.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
const link = (href: string, text: string) => `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`

const STATUS_CLASSES: Record<StrategyStatus, string> = { draft: 'govuk-tag--yellow', approved: 'govuk-tag--green', superseded: 'govuk-tag--grey' }
export const statusTag = (status: StrategyStatus) => ({ text: STATUS_LABELS_FOR_TAG[status], classes: STATUS_CLASSES[status] })
const STATUS_LABELS_FOR_TAG: Record<StrategyStatus, string> = { ...STRATEGY_STATUS_LABELS, approved: 'Current' }

/** "Version 2: Chorley Public Service Reform Partnership Strategy 2015-2020" */
export const versionName = (v: { number: number; title: string }) => `Version ${v.number}: ${v.title}`

/** The approval in a sentence, for staff: with the meeting and decision linked. */
function approvalHtml(a: ApprovalSummary, staff: boolean): string {
  const parts = [escapeHtml(approvalText(a))]
  if (a.meeting && (staff || a.meeting.public)) {
    parts.push(`at the ${link(staff ? meetingPaths.manage.meeting(a.meeting.id) : meetingPaths.public.meeting(a.meeting.id), `meeting on ${formatLongDate(a.meeting.date)}`)}`)
  }
  let html = parts.join(' ') + '.'
  if (a.decision && (staff || a.decision.public)) {
    html += `<br><span class="govuk-body-s">Decision under item ${escapeHtml(`${a.decision.itemNumber} ${a.decision.itemTitle}`.trim())}: ${escapeHtml(a.decision.text)}</span>`
  }
  return html
}

/** A version's content as the version pages print it (staff and public share it). */
export function versionContent(v: VersionDetail, partnershipSlug?: string) {
  const period = periodText(v.periodFromYear, v.periodToYear)
  return {
    title: v.title,
    period,
    purpose: v.purpose,
    vision: v.vision,
    principles: v.principles,
    aims: v.aims,
    themes: v.themes.map((t) => ({ id: t.themeId, title: t.title, description: t.description, href: partnershipSlug ? P.public.theme(partnershipSlug, t.slug) : null })),
  }
}

// ---------- the secretariat's overview ----------

export function overviewPage(data: { partnership: PartnershipRow; versions: VersionWithApproval[]; draft: VersionWithApproval | null; approved: VersionWithApproval | null; latest: VersionWithApproval | null }) {
  const { partnership } = data
  return {
    pageTitle: `Strategy – ${partnership.name}`,
    partnership,
    caption: partnership.name,
    newDraftHref: data.latest ? null : P.manage.newDraft(partnership.id),
    publicHref: P.public.strategy(partnership.slug),
    current: data.approved ? { name: versionName(data.approved), href: P.manage.version(data.approved.id), approval: data.approved.approval ? approvalText(data.approved.approval) : '' } : null,
    draft: data.draft ? { name: versionName(data.draft), href: P.manage.version(data.draft.id) } : null,
    rows: data.versions.map((v) => ({
      number: v.number,
      title: v.title,
      href: P.manage.version(v.id),
      status: statusTag(v.status),
      approved: v.approval ? approvalText(v.approval).replace(/^Approved by /, '') : v.status === 'superseded' ? 'Never approved' : '',
    })),
    compare: data.versions.length > 1 ? compareSelects(data.versions, P.manage.compare(partnership.id), (v) => v.id, data.versions[1]!.id, data.versions[0]!.id) : null,
    breadcrumbs: [
      { text: 'Manage', href: structurePaths.manage.home() },
      { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
    ],
  }
}

function compareSelects(versions: VersionWithApproval[], action: string, key: (v: VersionWithApproval) => string, from: string, to: string) {
  const items = (selected: string) => versions.map((v) => ({ value: key(v), text: `${versionName(v)} (${STATUS_LABELS_FOR_TAG[v.status].toLowerCase()})`, selected: key(v) === selected }))
  return {
    action,
    from: { id: 'from', name: 'from', label: { text: 'Compare' }, items: items(from) },
    to: { id: 'to', name: 'to', label: { text: 'with' }, items: items(to) },
  }
}

// ---------- one version (staff) ----------

export function versionPage(
  data: {
    partnership: PartnershipRow
    version: VersionDetail
    approval: ApprovalSummary | null
    basedOn: { id: string; number: number } | null
    supersededBy: { id: string; number: number } | null
    canStartNewVersion: boolean
  },
  form: { theme?: Values; errors?: FieldErrors | undefined; version?: string } = {},
) {
  const { version: v, partnership } = data
  const draft = v.status === 'draft'
  const currentVersion = form.version ?? String(v.version)
  const rows = [
    { key: { text: 'Status' }, value: { text: v.status === 'superseded' && !v.approvedOn ? 'Superseded before approval' : STRATEGY_STATUS_LABELS[v.status] } },
    ...(data.approval ? [{ key: { text: 'Approval' }, value: { html: approvalHtml(data.approval, true) } }] : []),
    ...(data.supersededBy ? [{ key: { text: 'Replaced by' }, value: { html: link(P.manage.version(data.supersededBy.id), `Version ${data.supersededBy.number}`) } }] : []),
    ...(data.basedOn ? [{ key: { text: 'Started from' }, value: { html: link(P.manage.version(data.basedOn.id), `Version ${data.basedOn.number}`) } }] : []),
    ...(v.changeNote ? [{ key: { text: 'What changed' }, value: { text: v.changeNote } }] : []),
  ]
  const themes = v.themes.map((t, i) => ({
    id: t.themeId,
    title: t.title,
    description: t.description,
    editHref: draft ? P.manage.editTheme(v.id, t.themeId) : null,
    moveAction: P.manage.moveTheme(v.id, t.themeId),
    removeAction: P.manage.removeTheme(v.id, t.themeId),
    canMoveUp: draft && i > 0,
    canMoveDown: draft && i < v.themes.length - 1,
  }))
  return {
    pageTitle: versionName(v),
    caption: `${partnership.name} strategy`,
    heading: versionName(v),
    status: statusTag(v.status),
    summaryRows: rows,
    content: versionContent(v),
    themes,
    draft,
    version: currentVersion,
    editHref: draft ? P.manage.editVersion(v.id) : null,
    approveHref: draft ? P.manage.approve(v.id) : null,
    newVersionAction: data.canStartNewVersion ? P.manage.newVersion(v.id) : null,
    newVersionFromDraft: data.canStartNewVersion && draft,
    compareHref: v.number > 1 ? withQuery(P.manage.compare(partnership.id), { to: v.id }) : null,
    addThemeAction: draft ? P.manage.addTheme(v.id) : null,
    themeForm: draft ? themeFields(form.theme ?? {}, form.errors) : null,
    breadcrumbs: [
      { text: 'Manage', href: structurePaths.manage.home() },
      { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
      { text: 'Strategy', href: P.manage.strategy(partnership.id) },
    ],
  }
}

function themeFields(values: Values, errors: FieldErrors | undefined) {
  return {
    title: { id: 'title', name: 'title', label: { text: 'Theme', classes: 'govuk-label--s' }, value: str(values.title), errorMessage: err(errors, 'title'), attributes: { maxlength: String(MAX_TITLE) } },
    description: {
      id: 'description',
      name: 'description',
      rows: 4,
      label: { text: 'Description (optional)', classes: 'govuk-label--s' },
      value: str(values.description),
      errorMessage: err(errors, 'description'),
      attributes: { maxlength: String(MAX_THEME_DESCRIPTION) },
    },
  }
}

// ---------- the draft's details form ----------

/** A version's details as its form shows them: principles and aims one a line. */
export function versionValues(v: VersionDetail): Record<string, string> {
  return {
    title: v.title,
    periodFromYear: v.periodFromYear ? String(v.periodFromYear) : '',
    periodToYear: v.periodToYear ? String(v.periodToYear) : '',
    purpose: v.purpose ?? '',
    vision: v.vision ?? '',
    principles: v.principles.join('\n'),
    aims: v.aims.join('\n'),
    changeNote: v.changeNote ?? '',
    version: String(v.version),
  }
}

export function versionFormPage(data: { heading: string; caption: string; action: string; submitText: string; values: Values; errors?: FieldErrors | undefined; backHref: string; showChangeNote: boolean }) {
  const v = data.values
  const textarea = (name: string, label: string, hint: string, rows: number, max: number) => ({
    id: name,
    name,
    rows,
    label: { text: label, classes: 'govuk-label--s' },
    hint: { text: hint },
    value: str(v[name]),
    errorMessage: err(data.errors, name),
    attributes: { maxlength: String(max) },
  })
  const year = (name: string, label: string) => ({
    id: name,
    name,
    label: { text: label },
    classes: 'govuk-input--width-4',
    inputmode: 'numeric',
    value: str(v[name]),
    errorMessage: err(data.errors, name),
  })
  return {
    pageTitle: data.heading,
    heading: data.heading,
    caption: data.caption,
    action: data.action,
    submitText: data.submitText,
    backLink: { href: data.backHref },
    version: str(v.version),
    title: { id: 'title', name: 'title', label: { text: 'Title', classes: 'govuk-label--s' }, hint: { text: 'For example, Public Service Reform Strategy 2015-2020' }, value: str(v.title), errorMessage: err(data.errors, 'title'), attributes: { maxlength: String(MAX_TITLE) } },
    periodError: err(data.errors, 'periodFromYear') ?? err(data.errors, 'periodToYear'),
    periodFromYear: year('periodFromYear', 'From (year)'),
    periodToYear: year('periodToYear', 'To (year)'),
    purpose: textarea('purpose', 'Purpose (optional)', 'Why the partnership exists, in a sentence.', 3, MAX_STATEMENT),
    vision: textarea('vision', 'Vision (optional)', 'What success looks like at the end of the period.', 3, MAX_STATEMENT),
    principles: textarea('principles', 'Principles (optional)', 'One principle a line, in order.', 6, MAX_LINE * 10),
    aims: textarea('aims', 'Aims (optional)', 'One aim a line, in order.', 5, MAX_LINE * 10),
    changeNote: data.showChangeNote ? textarea('changeNote', 'What changed in this version (optional)', 'A sentence or two for readers of the history. The comparison shows every change line by line.', 3, MAX_STATEMENT) : null,
  }
}

export function themeFormPage(data: { versionId: string; versionName: string; themeId: string; values: Values; errors?: FieldErrors | undefined }) {
  return {
    pageTitle: 'Change the theme',
    heading: 'Change the theme',
    caption: data.versionName,
    action: P.manage.editTheme(data.versionId, data.themeId),
    backLink: { href: P.manage.version(data.versionId) },
    version: str(data.values.version),
    fields: themeFields(data.values, data.errors),
  }
}

// ---------- recording approval ----------

const meetingLabel = (m: MeetingChoice) => `${m.bodyName}, ${formatLongDate(m.date)}`

export function approvalPage(
  data: { version: VersionDetail | { id: string; number: number; title: string; version: number }; partnership: PartnershipRow; meetings: MeetingChoice[]; bodies: BodyInPartnership[]; chosen: MeetingChoice | 'none' | null; decisions: NumberedDecision[] },
  values: Values,
  errors?: FieldErrors,
) {
  const v = data.version
  const chosenId = data.chosen === 'none' ? 'none' : (data.chosen?.id ?? '')
  const meetingItems = [
    { value: '', text: 'Choose a meeting' },
    ...data.meetings.map((m) => ({ value: m.id, text: meetingLabel(m), selected: m.id === chosenId })),
    { value: 'none', text: 'The meeting is not recorded in Joined Up', selected: chosenId === 'none' },
  ]
  const decisionId = str(values.decisionId)
  return {
    pageTitle: 'Record the approval',
    heading: 'Record the approval',
    caption: versionName(v),
    backLink: { href: P.manage.version(v.id) },
    stepAction: P.manage.approve(v.id),
    action: P.manage.approve(v.id),
    version: str(values.version) || String(v.version),
    meetingSelect: { id: 'meeting', name: 'meeting', label: { text: 'Which meeting approved it?', classes: 'govuk-label--s' }, hint: { text: 'Meetings of this partnership’s bodies, newest first.' }, items: meetingItems },
    chosenMeeting: data.chosen && data.chosen !== 'none' ? { id: data.chosen.id, text: meetingLabel(data.chosen) } : null,
    noMeeting: data.chosen === 'none',
    decisionRadios:
      data.chosen && data.chosen !== 'none'
        ? {
            name: 'decisionId',
            idPrefix: 'decisionId',
            fieldset: { legend: { text: 'Which decision approved it?', classes: 'govuk-fieldset__legend--s' } },
            errorMessage: err(errors, 'decisionId'),
            items: [
              ...data.decisions.map((d) => ({ value: d.id, text: `${d.itemNumber ? `${d.itemNumber} ` : ''}${d.itemTitle}: ${d.text}`, checked: d.id === decisionId })),
              ...(data.decisions.length ? [{ divider: 'or' }] : []),
              { value: '', text: 'No decision was recorded', checked: decisionId === '' },
            ],
          }
        : null,
    meetingError: err(errors, 'meetingId'),
    bodySelect:
      data.chosen === 'none'
        ? {
            id: 'bodyId',
            name: 'bodyId',
            label: { text: 'Which body approved it?', classes: 'govuk-label--s' },
            items: [{ value: '', text: 'Choose a body' }, ...data.bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === str(values.bodyId) }))],
            errorMessage: err(errors, 'bodyId'),
          }
        : null,
    approvedOn:
      data.chosen === 'none'
        ? dateInputParams({ name: 'approvedOn', legend: 'When was it approved?', hint: 'For example, 16 6 2015. If you know only the month, leave the day blank.', values, errors })
        : null,
  }
}

// ---------- comparing two versions ----------

/** Segments as HTML: added words in <ins>, removed in <del>, each said aloud too. */
export function segmentsHtml(segments: Segment[]): string {
  return segments
    .map((s) =>
      s.kind === 'same'
        ? escapeHtml(s.text)
        : s.kind === 'added'
          ? `<ins class="app-diff__added"><span class="govuk-visually-hidden">added: </span>${escapeHtml(s.text)}</ins>`
          : `<del class="app-diff__removed"><span class="govuk-visually-hidden">removed: </span>${escapeHtml(s.text)}</del>`,
    )
    .join('')
}

const KIND_TEXT = { added: 'Added', removed: 'Removed', same: 'Unchanged' }

export function comparePage(data: Comparison & { partnership: PartnershipRow }, opts: { staff: boolean }) {
  const { partnership } = data
  const key = (v: { id: string; number: number }) => (opts.staff ? v.id : String(v.number))
  const action = opts.staff ? P.manage.compare(partnership.id) : P.public.compare(partnership.slug)
  const c = data.comparison
  const versionHref = (v: { id: string; number: number }) => (opts.staff ? P.manage.version(v.id) : P.public.version(partnership.slug, v.number))
  return {
    pageTitle: `What changed – ${partnership.name} strategy`,
    caption: `${partnership.name} strategy`,
    heading: 'What changed between versions',
    selects: data.versions.length > 1 && data.from && data.to ? compareSelects(data.versions, action, key, key(data.from), key(data.to)) : null,
    from: data.from ? { name: versionName(data.from), href: versionHref(data.from) } : null,
    to: data.to ? { name: versionName(data.to), href: versionHref(data.to) } : null,
    nothingToCompare: !c,
    unchanged: c ? !c.changed : false,
    fields: c
      ? c.fields.map((f) => ({ label: f.label, changed: f.changed, html: f.changed ? segmentsHtml(f.segments) : escapeHtml(f.after), empty: !f.before && !f.after }))
      : [],
    lists: c
      ? [c.principles, c.aims].map((l) => ({
          label: l.label,
          changed: l.changed,
          lines: l.lines.map((line) => ({ kind: line.kind, kindText: KIND_TEXT[line.kind], text: line.text })),
        }))
      : [],
    themes: c
      ? c.themes.map((t) => ({
          kind: t.kind,
          title: t.title,
          summary:
            t.kind === 'added'
              ? 'Added'
              : t.kind === 'removed'
                ? 'Removed'
                : t.kind === 'unchanged'
                  ? 'Unchanged'
                  : [t.titleChanged ? `Renamed from “${t.titleBefore}”` : null, t.descriptionChanged ? 'Description changed' : null, t.moved ? 'Moved' : null].filter(Boolean).join('; '),
          descriptionHtml: segmentsHtml(t.description),
        }))
      : [],
    breadcrumbs: opts.staff
      ? [
          { text: 'Manage', href: structurePaths.manage.home() },
          { text: partnership.name, href: structurePaths.manage.partnership(partnership.id) },
          { text: 'Strategy', href: P.manage.strategy(partnership.id) },
        ]
      : [
          { text: 'Partnerships', href: structurePaths.public.home() },
          { text: partnership.name, href: structurePaths.public.partnership(partnership.slug) },
          { text: 'Strategy', href: P.public.strategy(partnership.slug) },
        ],
  }
}

// ---------- the public ----------

export function publicHistoryPage(data: { partnership: PartnershipRow; versions: VersionWithApproval[]; current: VersionDetail | null }) {
  const { partnership } = data
  const currentRow = data.versions.find((v) => v.status === 'approved')
  return {
    pageTitle: `Strategy – ${partnership.name}`,
    caption: partnership.name,
    heading: data.current ? data.current.title : 'Strategy',
    current: data.current ? versionContent(data.current, partnership.slug) : null,
    currentApproval: currentRow?.approval ? approvalHtml(currentRow.approval, false) : null,
    history: data.versions.map((v) => ({
      name: versionName(v),
      href: P.public.version(partnership.slug, v.number),
      status: v.status === 'approved' ? 'Current' : 'Superseded',
      approval: v.approval ? approvalText(v.approval) : '',
      changeNote: v.changeNote,
    })),
    compareHref: data.versions.length > 1 ? P.public.compare(partnership.slug) : null,
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: partnership.name, href: structurePaths.public.partnership(partnership.slug) },
    ],
  }
}

export function publicVersionPage(data: { partnership: PartnershipRow; version: VersionDetail; approval: ApprovalSummary | null; versions: VersionWithApproval[] }) {
  const { partnership, version: v } = data
  const current = v.status === 'approved'
  const currentRow = data.versions.find((x) => x.status === 'approved')
  return {
    pageTitle: `${versionName(v)} – ${partnership.name}`,
    caption: `${partnership.name} strategy`,
    heading: versionName(v),
    status: current ? 'This is the current strategy.' : null,
    supersededBy: !current && currentRow ? { text: `It has been superseded. The current strategy is ${versionName(currentRow)}.`, href: P.public.version(partnership.slug, currentRow.number) } : null,
    approval: data.approval ? approvalHtml(data.approval, false) : null,
    changeNote: v.changeNote,
    content: versionContent(v, partnership.slug),
    compareHref: data.versions.length > 1 ? withQuery(P.public.compare(partnership.slug), { to: v.number }) : null,
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: partnership.name, href: structurePaths.public.partnership(partnership.slug) },
      { text: 'Strategy', href: P.public.strategy(partnership.slug) },
    ],
  }
}

