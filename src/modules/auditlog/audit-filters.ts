import type { FieldErrors } from '../../platform/http/errors.ts'
import { addDays, isIsoDate, londonInstant } from '../../shared/dates.ts'
import { EVENT_NAME } from './event-labels.ts'

/** What the audit log is filtered by: all optional, and all indexed (see auditlog.repository.ts). */
export type AuditFilters = {
  /** Part of the name or email of who did it. */
  user?: string
  /** The record: its type (`meeting`), and its id. */
  subjectType?: string
  subjectId?: string
  event?: string
  /** London calendar dates, both included. */
  from?: string
  to?: string
}

/** The same, as instants: `from` included, `to` excluded (the London midnight after the last day). */
export type AuditQuery = Omit<AuditFilters, 'from' | 'to'> & { fromInstant?: Date; toInstant?: Date }

/** The query-string fields, as typed (kept on the page when a date is wrong). */
export const FILTER_FIELDS = ['user', 'type', 'id', 'event', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'] as const
export type FilterValues = Record<(typeof FILTER_FIELDS)[number], string>

export type ParsedFilters = {
  values: FilterValues
  filters: AuditFilters
  errors: FieldErrors
  /** Which parts of each date input get the error style: `from-day`, `to-year` ... */
  errorParts: string[]
}

const PARTS = ['day', 'month', 'year'] as const
const MAX_TEXT = 200
/** A record type as events name it (`agenda_item`): the list offers the known ones, a link may carry another. */
const SUBJECT_TYPE = /^[a-z][a-z0-9_]{0,49}$/

/** GOV.UK's date input pattern: day, month and year boxes, with the messages its guidance gives. */
function parseDate(
  prefix: 'from' | 'to',
  label: string,
  values: FilterValues,
): { date?: string; error?: string; parts: string[] } {
  const raw = { day: values[`${prefix}-day`], month: values[`${prefix}-month`], year: values[`${prefix}-year`] }
  const missing = PARTS.filter((p) => raw[p] === '')
  if (missing.length === 3) return { parts: [] }
  if (missing.length > 0) {
    return { error: `${label} must include a ${missing.join(' and a ')}`, parts: missing.map((p) => `${prefix}-${p}`) }
  }
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(raw[p]))
  if (notNumbers.length > 0) return { error: `${label} must be a real date`, parts: notNumbers.map((p) => `${prefix}-${p}`) }
  if (raw.year.length !== 4) return { error: 'Year must include 4 numbers', parts: [`${prefix}-year`] }
  const date = `${raw.year}-${raw.month.padStart(2, '0')}-${raw.day.padStart(2, '0')}`
  if (raw.day.length > 2 || raw.month.length > 2 || !isIsoDate(date)) return { error: `${label} must be a real date`, parts: PARTS.map((p) => `${prefix}-${p}`) }
  return { date, parts: [] }
}

/** The audit log's query string: filters, or field errors with what was typed kept. */
export function parseFilters(query: Record<string, string | undefined>): ParsedFilters {
  const values = Object.fromEntries(FILTER_FIELDS.map((f) => [f, (query[f] ?? '').trim()])) as FilterValues
  const errors: FieldErrors = {}
  const filters: AuditFilters = {}
  const errorParts: string[] = []

  if (values.user.length > MAX_TEXT) errors.user = `Name or email must be ${MAX_TEXT} characters or fewer`
  else if (values.user) filters.user = values.user

  if (values.type && !SUBJECT_TYPE.test(values.type)) errors.type = 'Select a type of record from the list'
  else if (values.type) filters.subjectType = values.type
  if (values.id.length > 100) errors.id = 'Record id must be 100 characters or fewer'
  else if (values.id && !values.type) errors.type = 'Select the type of record this id belongs to'
  else if (values.id) filters.subjectId = values.id

  if (values.event && !EVENT_NAME.test(values.event)) errors.event = 'Select an event from the list'
  else if (values.event) filters.event = values.event

  for (const [prefix, label] of [['from', 'The ‘from’ date'], ['to', 'The ‘to’ date']] as const) {
    const d = parseDate(prefix, label, values)
    if (d.error) {
      errors[d.parts[0]!] = d.error
      errorParts.push(...d.parts)
    } else if (d.date) filters[prefix] = d.date
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    errors['to-day'] = 'The ‘to’ date must be the same as or after the ‘from’ date'
    errorParts.push('to-day', 'to-month', 'to-year')
  }
  return { values, filters, errors, errorParts }
}

/** Calendar dates to the instants the index on `at` is searched by: London midnights. */
export function toQuery(filters: AuditFilters): AuditQuery {
  const { from, to, ...rest } = filters
  return {
    ...rest,
    ...(from ? { fromInstant: londonInstant(from, '00:00') } : {}),
    ...(to ? { toInstant: londonInstant(addDays(to, 1), '00:00') } : {}),
  }
}

/** The filters as query parameters again (for page links and the CSV link), empty ones left out. */
export function filterParams(values: FilterValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''))
}
