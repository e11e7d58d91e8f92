/**
 * Dates and times as minutes print them: "Tuesday, 10th February 2015", "Wed Jan 13 2016", "28 September 2005",
 * "10/03/2022", "17.02.15", "2015-02-10"; times "2.30 pm", "10.30 a.m.", "13:30pm", "16.00", "12 noon".
 * Every match is checked against the calendar, and a printed weekday that disagrees with the date is reported.
 */
import { dayOfWeek, isIsoDate } from '../../../shared/dates.ts'

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

const WD = String.raw`(?:(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`
const MON = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)[a-z]*\.?`

const DAY_MONTH_YEAR = new RegExp(String.raw`\b${WD}(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MON},?\s+(\d{4})\b`, 'gi')
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${WD}${MON}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'gi')
const NUMERIC = /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g
const DAY_MONTH = new RegExp(String.raw`\b${WD}(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MON}(?![a-z]*\.?,?\s+\d{4})`, 'gi')

export type DateMatch = {
  date: string
  index: number
  end: number
  text: string
  /** set when the printed weekday disagrees with the date, or a two-digit year was widened */
  warning: string | null
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return isIsoDate(s) ? s : null
}

function checkWeekday(date: string, weekday: string | undefined, text: string): string | null {
  if (!weekday) return null
  const expected = WEEKDAYS[weekday.slice(0, 3).toLowerCase()]
  const actual = dayOfWeek(date)
  return expected === undefined || expected === actual
    ? null
    : `"${text}" names a ${WEEKDAY_NAMES[expected] ?? weekday} but ${date} is a ${WEEKDAY_NAMES[actual] ?? '?'}`
}

function twoDigitYear(yy: string): number {
  const n = Number(yy)
  return yy.length === 4 ? n : n < 70 ? 2000 + n : 1900 + n
}

/** Every full date in `text`, in order of position. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = []
  const push = (index: number, raw: string, date: string | null, weekday: string | undefined, note: string | null = null) => {
    if (!date) return
    if (found.some((f) => index < f.end && index + raw.length > f.index)) return
    found.push({ date, index, end: index + raw.length, text: raw, warning: checkWeekday(date, weekday, raw) ?? note })
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    push(m.index, m[0], iso(Number(m[4]), MONTHS[(m[3] ?? '').toLowerCase()] ?? 0, Number(m[2])), m[1])
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    push(m.index, m[0], iso(Number(m[4]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[3])), m[1])
  }
  for (const m of text.matchAll(ISO)) push(m.index, m[0], iso(Number(m[1]), Number(m[2]), Number(m[3])), undefined)
  for (const m of text.matchAll(NUMERIC)) {
    const yy = m[4] ?? ''
    push(m.index, m[0], iso(twoDigitYear(yy), Number(m[3]), Number(m[1])), undefined)
  }
  return found.sort((a, b) => a.index - b.index)
}

/** The date a whole string denotes ("17.02.15", "Tuesday 21st April 2015"), or null. */
export function parseDate(text: string): string | null {
  const t = text.trim()
  const all = findDates(t)
  const first = all[0]
  return all.length === 1 && first && first.index <= 12 && t.length - first.end <= 12 ? first.date : null
}

export type DayMonthMatch = { month: number; day: number; weekday: string | undefined; index: number; text: string }

/** Dates printed without a year ("Tuesday 21st April"); the caller supplies the year and says so. */
export function findDayMonth(text: string): DayMonthMatch[] {
  const out: DayMonthMatch[] = []
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = MONTHS[(m[3] ?? '').toLowerCase()]
    if (month) out.push({ month, day: Number(m[2]), weekday: m[1], index: m.index, text: m[0] })
  }
  return out
}

/** The first date on or after `after` with this month and day (a yearless "21st April" after a February meeting). */
export function resolveDayMonth(dm: DayMonthMatch, after: string): string | null {
  const year = Number(after.slice(0, 4))
  for (const y of [year, year + 1]) {
    const d = iso(y, dm.month, dm.day)
    if (d && d >= after) return d
  }
  return null
}

const TIME =
  /(?<![\d.:/£$])(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?|noon\b|midday\b|hrs\b|hours\b)?(?![\d/]|\.\d|:\d|\s*(?:%|per\s?cent|minutes|mins|days|weeks|months|years|people|members))/gi

export type TimeMatch = { time: string; index: number; end: number; text: string; warning: string | null }

/** Times in `text`: a time needs minutes ("16.00") or am/pm ("4pm"); "2.30" with no am/pm is read as pm, with a warning. */
export function findTimes(text: string): TimeMatch[] {
  const out: TimeMatch[] = []
  for (const m of text.matchAll(TIME)) {
    const h = Number(m[1])
    const min = m[2] === undefined ? 0 : Number(m[2])
    const suffix = (m[3] ?? '').toLowerCase().replace(/[\s.]/g, '')
    if (m[2] === undefined && suffix === '') continue
    if (min > 59 || h > 23) continue
    let hour = h
    let warning: string | null = null
    if (suffix === 'pm') {
      if (h === 0) continue
      if (h < 12) hour = h + 12
    } else if (suffix === 'am') {
      if (h === 0 || h > 12) continue
      if (h === 12) hour = 0
    } else if (suffix === 'noon' || suffix === 'midday') {
      if (h !== 12) continue
    } else if (suffix === '' && h >= 1 && h <= 6) {
      hour = h + 12
      warning = `time "${m[0].trim()}" has no am or pm; read as ${String(hour)}:${String(min).padStart(2, '0')}`
    }
    out.push({
      time: `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`,
      index: m.index,
      end: m.index + m[0].length,
      text: m[0].trim(),
      warning,
    })
  }
  return out
}

/** Blank out the given spans so that, for example, "17.02.15" is not also read as a time. */
export function mask(text: string, spans: readonly { index: number; end: number }[]): string {
  let out = text
  for (const s of spans) out = out.slice(0, s.index) + ' '.repeat(s.end - s.index) + out.slice(s.end)
  return out
}

const TIME_PART = String.raw`\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)?`
const SLOT = new RegExp(String.raw`(?:^|\s)(${TIME_PART})\s*(?:–|—|-|to|until)\s*(${TIME_PART})(?=$|\s)`, 'i')

/** A per-item time slot ("9.30 am – 9.40 am", "10:00-10:30"): its start and end and where it sits in the line. */
export function findTimeSlot(line: string): { start: string; end: string | null; index: number; length: number } | null {
  const m = SLOT.exec(line)
  if (!m) return null
  const [start] = findTimes(m[1] ?? '')
  let [end] = findTimes(m[2] ?? '')
  if (!start) return null
  // "9.30 am – 9.40" : the end inherits nothing, so re-read it with the start's half of the day
  if (!end) {
    const bare = /^(\d{1,2})[.:](\d{2})$/.exec((m[2] ?? '').trim())
    if (bare) end = { time: `${bare[1]?.padStart(2, '0')}:${bare[2]}`, index: 0, end: 0, text: '', warning: null }
  }
  const lead = m[0].length - m[0].trimStart().length
  return { start: start.time, end: end?.time ?? null, index: m.index + lead, length: m[0].length - lead }
}
