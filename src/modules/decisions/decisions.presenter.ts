import { pagination } from '../../platform/views/pagination.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formatDate } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { STATUS_LABELS } from '../actions/actions.types.ts'
import { actionPaths } from '../actions/actions.paths.ts'
import { decisionPaths } from './decisions.paths.ts'
import type { DecisionRegister } from './decisions.service.ts'

type Values = Record<string, string | string[] | undefined>
const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '')
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)

const FILTER_KEYS = ['partnership', 'body', 'from', 'to', 'q'] as const

/** The query string of the current filters, for pagination links. */
function hrefFor(base: string, values: Values, page: number): string {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    const v = str(values[key])
    if (v) params.set(key, v)
  }
  if (page > 1) params.set('page', String(page))
  const qs = params.toString()
  return qs ? `${base}?${qs}` : base
}


/** A filter drop-down: "All …" first, then the options, the current one selected. */
function filterSelect(name: string, label: string, all: string, options: [string, string][], current: string, errors?: FieldErrors) {
  return {
    id: name,
    name,
    label: { text: label },
    items: [{ value: '', text: all }, ...options.map(([value, text]) => ({ value, text, selected: value === current }))],
    errorMessage: err(errors, name),
  }
}

/** A date filter (a meeting date bound). */
function dateInput(name: 'from' | 'to', label: string, values: Values, errors?: FieldErrors) {
  return {
    id: name,
    name,
    type: 'date',
    label: { text: label },
    classes: 'govuk-input--width-10',
    value: str(values[name]),
    errorMessage: err(errors, name),
  }
}

/** The register page, public or staff. `errors` are filter errors (the results then ignore that filter). */
export function decisionsPage(register: DecisionRegister | null, values: Values, opts: { staff: boolean; errors?: FieldErrors }) {
  const base = opts.staff ? decisionPaths.manage.decisions() : decisionPaths.public.decisions()
  const partnerships = [...new Map((register?.bodies ?? []).map((b) => [b.partnershipSlug, b.partnershipName])).entries()]
  const partnership = str(values.partnership)
  const body = str(values.body)
  const rows = (register?.rows ?? []).map((r) => ({
    id: r.id,
    meetingDate: formatDate(r.meetingDate),
    bodyName: r.bodyName,
    partnershipName: r.partnershipName,
    itemNumber: r.itemNumber,
    itemTitle: r.itemTitle,
    itemHref: `${opts.staff ? meetingPaths.manage.meeting(r.meetingId) : meetingPaths.public.meeting(r.meetingId)}#item-${r.itemId}`,
    text: r.text,
    exempt: opts.staff && r.itemIsExempt,
    draft: r.meetingStatus === 'minutes_draft',
    actions: r.actions.map((a) => ({
      description: a.description,
      status: STATUS_LABELS[a.status],
      href: opts.staff ? actionPaths.manage.action(a.id) : null,
      isPublic: a.isPublic,
    })),
  }))
  const total = register?.total ?? 0
  return {
    pageTitle: opts.staff ? 'Decisions register (staff)' : 'Decisions register',
    heading: 'Decisions register',
    staff: opts.staff,
    action: base,
    partnershipSelect: filterSelect('partnership', 'Partnership', 'All partnerships', partnerships, partnership, opts.errors),
    bodySelect: filterSelect(
      'body',
      'Body',
      'All bodies',
      (register?.bodies ?? []).map((b): [string, string] => [b.slug, b.name]),
      body,
      opts.errors,
    ),
    fromInput: dateInput('from', 'Meetings from', values, opts.errors),
    toInput: dateInput('to', 'Meetings to', values, opts.errors),
    searchInput: {
      id: 'q',
      name: 'q',
      label: { text: 'Search decisions and item titles' },
      value: str(values.q),
      errorMessage: err(opts.errors, 'q'),
    },
    resultCount: total === 1 ? '1 decision' : `${total} decisions`,
    rows,
    noRows: rows.length === 0,
    pagination: register ? pagination(register, (p) => hrefFor(base, values, p)) : null,
    clearHref: base,
  }
}
