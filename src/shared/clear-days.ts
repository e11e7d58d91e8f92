import { addDays, addYears, dayOfWeek, isIsoDate, londonDate } from './dates.ts'
import bankHolidayData from './bank-holidays.json' with { type: 'json' }

/**
 * Clear working days (meeting-law.md section 1): the working weekdays strictly between two dates,
 * excluding weekends, the region's bank holidays and configured local closure days.
 */
export type Region = 'england-and-wales' | 'scotland' | 'northern-ireland'
export const REGIONS: readonly Region[] = ['england-and-wales', 'scotland', 'northern-ireland']

export type BankHolidayFeed = Record<string, { division: string; events: { title: string; date: string }[] }>

export type WorkingCalendar = {
  isWorkingDay: (date: string) => boolean
}

const shipped = bankHolidayData as BankHolidayFeed

export function bankHolidays(region: Region, feed: BankHolidayFeed = shipped): Set<string> {
  return new Set((feed[region]?.events ?? []).map((e) => e.date))
}

const cache = new Map<Region, Set<string>>()
function shippedHolidays(region: Region): Set<string> {
  let set = cache.get(region)
  if (!set) {
    set = bankHolidays(region)
    cache.set(region, set)
  }
  return set
}

export function workingCalendar(
  opts: { region?: Region; closureDays?: Iterable<string>; holidays?: Set<string> } = {},
): WorkingCalendar {
  const holidays = opts.holidays ?? shippedHolidays(opts.region ?? 'england-and-wales')
  const closures = new Set(opts.closureDays ?? [])
  return {
    isWorkingDay: (date) => {
      const dow = dayOfWeek(date)
      return dow !== 0 && dow !== 6 && !holidays.has(date) && !closures.has(date)
    },
  }
}

/** A publication moment as a London calendar date: a timestamp is converted, a date kept. */
export function publicationDate(published: string | Date): string {
  if (published instanceof Date) return londonDate(published)
  if (isIsoDate(published)) return published
  const instant = new Date(published)
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date or timestamp: ${published}`)
  return londonDate(instant)
}

/** Clear working days strictly between publication and meeting. */
export function countClearDays(published: string | Date, meetingDate: string, cal: WorkingCalendar): number {
  const from = publicationDate(published)
  let count = 0
  for (let d = addDays(from, 1); d < meetingDate; d = addDays(d, 1)) {
    if (cal.isWorkingDay(d)) count++
  }
  return count
}

export type NoticeDeadline = {
  /** The last calendar day on which publication still leaves the required clear days (may be a weekend). */
  latestCompliant: string
  /** The last working day on or before latestCompliant: when an office would actually publish. */
  latestWorkingDay: string
}

export function noticeDeadline(meetingDate: string, clearDays: number, cal: WorkingCalendar): NoticeDeadline {
  let found = 0
  let d = meetingDate
  while (found < clearDays) {
    d = addDays(d, -1)
    if (cal.isWorkingDay(d)) found++
  }
  const latestCompliant = addDays(d, -1)
  let latestWorkingDay = latestCompliant
  while (!cal.isWorkingDay(latestWorkingDay)) latestWorkingDay = addDays(latestWorkingDay, -1)
  return { latestCompliant, latestWorkingDay }
}

/** The nth working day after a date (the date itself not counted). */
export function addWorkingDays(date: string, n: number, cal: WorkingCalendar): string {
  let d = date
  let found = 0
  while (found < n) {
    d = addDays(d, 1)
    if (cal.isWorkingDay(d)) found++
  }
  return d
}

/** The first working day strictly after a date. */
export function nextWorkingDay(date: string, cal: WorkingCalendar): string {
  return addWorkingDays(date, 1, cal)
}

/** Earliest date something may happen after `clearDays` clear working days from notice (e.g. reg 10). */
export function earliestAfterClearDays(noticeDate: string, clearDays: number, cal: WorkingCalendar): string {
  return addDays(addWorkingDays(noticeDate, clearDays, cal), 1)
}

/** Minutes, agenda and reports: 6 years from the meeting (s.100C); background papers 4 years (s.100D). */
export function retention(meetingDate: string): { minutesUntil: string; backgroundPapersUntil: string } {
  return {
    minutesUntil: addDays(addYears(meetingDate, 6), -1),
    backgroundPapersUntil: addDays(addYears(meetingDate, 4), -1),
  }
}
