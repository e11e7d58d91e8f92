import { z } from 'zod'
import { isIsoDate } from '../../shared/dates.ts'
import { normalisePartialDate, type PartialDate } from '../../shared/partial-dates.ts'

/**
 * The GOV.UK date input pattern (day, month and year in three boxes), for forms. The page posts `name-day`,
 * `name-month` and `name-year`; `withDateInputs` gathers them into one value under `name`, which `requiredDateInput`
 * or `optionalDateInput` parse into a date (or a month, where the form allows the day to be left blank). Messages
 * follow the GOV.UK design system ("Start date must include a month", "Start date must be a real date").
 * A plain `YYYY-MM-DD` (or `YYYY-MM` where a month is allowed) under `name` is accepted too.
 */
export type DateParts = { day: string; month: string; year: string }
export type DateInputOptions = { allowMonthOnly?: boolean }

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? text(v[v.length - 1]) : '')

/** The three part names of a date input called `name`. */
export const datePartNames = (name: string) => ({ day: `${name}-day`, month: `${name}-month`, year: `${name}-year` })

/** A form body with each named date input's parts gathered under its name. */
export function collectDateParts(body: unknown, names: readonly string[]): unknown {
  if (!body || typeof body !== 'object') return body
  const source = body as Record<string, unknown>
  const out: Record<string, unknown> = { ...source }
  for (const name of names) {
    const p = datePartNames(name)
    if (p.day in source || p.month in source || p.year in source) {
      out[name] = { day: text(source[p.day]), month: text(source[p.month]), year: text(source[p.year]) }
    }
  }
  return out
}

/** A schema over a form body whose date inputs (by name) are gathered first. */
export const withDateInputs = <S extends z.ZodType>(names: readonly string[], schema: S) =>
  z.preprocess((body) => collectDateParts(body, names), schema)

/** "3", "03", "March", "mar", "Sept" -> 3 (9); anything else -> null. */
function monthNumber(v: string): number | null {
  if (/^\d{1,2}$/.test(v)) return Number(v)
  const word = v.toLowerCase().replace(/\.$/, '')
  const i = MONTH_NAMES.findIndex((m) => m === word || m.slice(0, 3) === word || (m === 'september' && word === 'sept'))
  return i >= 0 ? i + 1 : null
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Parses a date input's parts. Blank: undefined. Otherwise a date, or an error message for the field.
 * Pure: exported for tests.
 */
export function parseDateParts(value: unknown, label: string, opts: DateInputOptions = {}): { value?: PartialDate } | { error: string } {
  const Label = capitalise(label)
  if (typeof value === 'string') {
    const v = value.trim()
    if (v === '') return {}
    if (isIsoDate(v)) return { value: { date: v, precision: 'day' } }
    if (opts.allowMonthOnly && /^\d{4}-\d{2}$/.test(v) && isIsoDate(`${v}-01`)) return { value: { date: `${v}-01`, precision: 'month' } }
    return { error: `${Label} must be a real date` }
  }
  const parts: DateParts = value && typeof value === 'object' ? { day: text((value as DateParts).day), month: text((value as DateParts).month), year: text((value as DateParts).year) } : { day: '', month: '', year: '' }
  if (!parts.day && !parts.month && !parts.year) return {}
  const missing = (['day', 'month', 'year'] as const).filter((k) => !parts[k] && !(k === 'day' && opts.allowMonthOnly))
  if (missing.length) {
    const words = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`
    return { error: `${Label} must include a ${words}` }
  }
  if (!/^\d{4}$/.test(parts.year)) return { error: 'Year must include 4 numbers' }
  const month = monthNumber(parts.month)
  if (month === null || month < 1 || month > 12) return { error: `${Label} must be a real date` }
  if (!parts.day) return { value: normalisePartialDate({ date: `${parts.year}-${pad(month)}-01`, precision: 'month' }) }
  if (!/^\d{1,2}$/.test(parts.day)) return { error: `${Label} must be a real date` }
  const iso = `${parts.year}-${pad(month)}-${pad(Number(parts.day))}`
  if (!isIsoDate(iso)) return { error: `${Label} must be a real date` }
  return { value: { date: iso, precision: 'day' } }
}

function dateInputSchema(label: string, opts: DateInputOptions, required: boolean) {
  return z.unknown().transform((value, ctx): PartialDate | undefined => {
    const parsed = parseDateParts(value, label, opts)
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error })
      return z.NEVER
    }
    if (!parsed.value && required) {
      ctx.addIssue({ code: 'custom', message: `Enter ${label}` })
      return z.NEVER
    }
    return parsed.value
  })
}

/** A date input that must be filled in. */
export const requiredDateInput = (label: string, opts: DateInputOptions = {}) =>
  dateInputSchema(label, opts, true) as unknown as z.ZodType<PartialDate, unknown>

/** A date input that may be left blank (undefined). */
export const optionalDateInput = (label: string, opts: DateInputOptions = {}) =>
  dateInputSchema(label, opts, false).optional() as z.ZodType<PartialDate | undefined, unknown>
