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
    partnershipSelect: {
      id: 'partnership',
      name: 'partnership',
      label: { text: 'Partnership' },
      items: [
        { value: '', text: 'All partnerships' },
        ...partnerships.map(([slug, name]) => ({ value: slug, text: name, selected: slug === partnership })),
      ],
      errorMessage: err(opts.errors, 'partnership'),
    },
    bodySelect: {
      id: 'body',
      name: 'body',
      label: { text: 'Body' },
      items: [
        { value: '', text: 'All bodies' },
        ...(register?.bodies ?? []).map((b) => ({ value: b.slug, text: b.name, selected: b.slug === body })),
      ],
      errorMessage: err(opts.errors, 'body'),
    },
    fromInput: {
      id: 'from',
      name: 'from',
      type: 'date',
      label: { text: 'Meetings from' },
      classes: 'govuk-input--width-10',
      value: str(values.from),
      errorMessage: err(opts.errors, 'from'),
    },
    toInput: {
      id: 'to',
      name: 'to',
      type: 'date',
      label: { text: 'Meetings to' },
      classes: 'govuk-input--width-10',
      value: str(values.to),
      errorMessage: err(opts.errors, 'to'),
    },
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
