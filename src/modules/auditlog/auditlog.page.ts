import type { FieldErrors } from '../../platform/http/errors.ts'
import { errorSummary } from '../../platform/http/forms.ts'
import { filterParams, type FilterValues } from './audit-filters.ts'
import { auditPaths } from './auditlog.paths.ts'
import { auditTableRow } from './auditlog.presenter.ts'
import type { AuditPage } from './auditlog.service.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { EVENT_OPTIONS, eventLabel, SUBJECT_LABELS } from './event-labels.ts'

/** What the audit log page prints: the filter form (GOV.UK inputs, selects, date inputs), the table, the paging. */

const withParams = (path: string, params: Record<string, string | number>) => {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()
  return q ? `${path}?${q}` : path
}

const errorOf = (errors: FieldErrors, key: string) => (errors[key] ? { text: errors[key] } : undefined)

function dateInput(prefix: 'from' | 'to', legend: string, values: FilterValues, errors: FieldErrors, errorParts: string[]) {
  const message = errors[`${prefix}-day`] ?? errors[`${prefix}-month`] ?? errors[`${prefix}-year`]
  const item = (name: 'day' | 'month' | 'year', width: number) => ({
    name,
    value: values[`${prefix}-${name}`],
    classes: `govuk-input--width-${width}${errorParts.includes(`${prefix}-${name}`) ? ' govuk-input--error' : ''}`,
  })
  return {
    id: prefix,
    namePrefix: prefix,
    fieldset: { legend: { text: legend, classes: 'govuk-fieldset__legend--s' } },
    hint: { text: 'For example, 27 3 2026' },
    errorMessage: message ? { text: message } : undefined,
    items: [item('day', 2), item('month', 2), item('year', 4)],
  }
}

function filterForm(values: FilterValues, errors: FieldErrors, errorParts: string[]) {
  const events = EVENT_OPTIONS.some((o) => o.value === values.event) || !values.event
    ? EVENT_OPTIONS
    : [{ value: values.event, text: `${eventLabel(values.event)} (${values.event})` }, ...EVENT_OPTIONS]
  const types = Object.entries(SUBJECT_LABELS).map(([value, text]) => ({ value, text }))
  if (values.type && !(values.type in SUBJECT_LABELS)) types.unshift({ value: values.type, text: values.type })
  const selected = (options: { value: string; text: string }[], value: string) => [
    { value: '', text: 'Any' },
    ...options.map((o) => ({ ...o, selected: o.value === value })),
  ]
  return {
    user: { id: 'user', name: 'user', label: { text: 'Who', classes: 'govuk-label--s' }, hint: { text: 'Part of their name or email address' }, value: values.user, errorMessage: errorOf(errors, 'user'), spellcheck: false },
    event: { id: 'event', name: 'event', label: { text: 'What happened', classes: 'govuk-label--s' }, items: selected(events, values.event), errorMessage: errorOf(errors, 'event') },
    type: { id: 'type', name: 'type', label: { text: 'Type of record', classes: 'govuk-label--s' }, items: selected(types, values.type), errorMessage: errorOf(errors, 'type') },
    id: { id: 'id', name: 'id', label: { text: 'Record id', classes: 'govuk-label--s' }, hint: { text: 'From the address of its page, for example a meeting’s' }, value: values.id, errorMessage: errorOf(errors, 'id'), spellcheck: false },
    from: dateInput('from', 'From', values, errors, errorParts),
    to: dateInput('to', 'To', values, errors, errorParts),
  }
}

/** Previous (newer) and next (older) links: the log pages by id, so there are no page numbers. */
function paging(page: AuditPage, params: Record<string, string>) {
  const previous = page.newer !== undefined ? { href: withParams(auditPaths.manage.log(), { ...params, before: page.newer }), labelText: 'Newer events' } : undefined
  const next = page.older !== undefined ? { href: withParams(auditPaths.manage.log(), { ...params, after: page.older }), labelText: 'Older events' } : undefined
  return previous || next ? { previous, next } : null
}

export type AuditPageInput = {
  values: FilterValues
  errors: FieldErrors
  errorParts: string[]
  page: AuditPage | null
  /** Whose events the user sees: every partnership's and every account's, or their partnerships' by name. */
  scopeNames: string[] | null
  paged: boolean
}

export function auditLogPage(input: AuditPageInput) {
  const { values, errors, errorParts, page, scopeNames } = input
  const params = filterParams(values)
  const filtered = Object.keys(params).length > 0
  return {
    pageTitle: 'Audit log',
    breadcrumbs: [{ text: 'Manage', href: structurePaths.manage.home() }],
    scope: scopeNames
      ? `Changes to ${scopeNames.join(', ')}, by anyone. Sign-ins and other account events appear only to admins.`
      : 'Every partnership’s changes, and every account event: sign-ins, failed sign-ins, roles, passwords.',
    filters: filterForm(values, errors, errorParts),
    filterAction: auditPaths.manage.log(),
    clearHref: auditPaths.manage.log(),
    filtered,
    errorSummary: errorSummary(errors),
    rows: page ? page.rows.map(auditTableRow) : [],
    hasResults: !!page,
    csvHref: withParams(auditPaths.manage.csv(), params),
    newestHref: input.paged ? withParams(auditPaths.manage.log(), params) : undefined,
    pagination: page ? paging(page, params) : null,
  }
}
