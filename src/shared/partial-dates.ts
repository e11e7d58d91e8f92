import { formatDate, isIsoDate } from './dates.ts'

/**
 * A date known to the day, or only to the month ("approved by the Executive in June 2015", "delivery will commence
 * in February 2016"). Stored as a date column (the first of the month for month precision) and a precision column.
 */
export const DATE_PRECISIONS = ['day', 'month'] as const
export type DatePrecision = (typeof DATE_PRECISIONS)[number]
export type PartialDate = { date: string; precision: DatePrecision }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "27 September 2016", or "June 2015" for a date known only to the month. */
export function formatPartialDate(date: string, precision: DatePrecision): string {
  if (precision === 'day') return formatDate(date)
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`)
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`
}

/** The same, or '' when there is no date. */
export function formatOptionalPartialDate(date: string | null | undefined, precision: DatePrecision | null | undefined): string {
  return date ? formatPartialDate(date, precision ?? 'day') : ''
}

/** The last day the date covers: itself, or the last day of its month. */
export function lastDayCovered(date: string, precision: DatePrecision): string {
  if (precision === 'day') return date
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`
}

/** True when `today` is after every day the date covers ("due in August 2016" has passed on 1 September 2016). */
export function hasPassed(date: string, precision: DatePrecision, today: string): boolean {
  return today > lastDayCovered(date, precision)
}

/** The stored form of a partial date: a month-precision date is the first of its month. */
export function normalisePartialDate(d: PartialDate): PartialDate {
  return d.precision === 'month' ? { date: `${d.date.slice(0, 7)}-01`, precision: 'month' } : d
}
