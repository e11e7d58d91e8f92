/**
 * Calendar dates as 'YYYY-MM-DD' strings and Europe/London wall-clock time.
 * Arithmetic is done on UTC midnights so that it never crosses a DST boundary.
 */
export const LONDON = 'Europe/London'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`)
  return new Date(`${date}T00:00:00Z`)
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** 0 = Sunday ... 6 = Saturday */
export function dayOfWeek(date: string): number {
  return toUtc(date).getUTCDay()
}

export function addYears(date: string, years: number): string {
  const d = toUtc(date)
  const month = d.getUTCMonth()
  d.setUTCFullYear(d.getUTCFullYear() + years)
  if (d.getUTCMonth() !== month) d.setUTCDate(0) // 29 Feb -> 28 Feb
  return d.toISOString().slice(0, 10)
}

const londonDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date in London of an instant (a UTC date is wrong in summer after 23:00). */
export function londonDate(instant: Date): string {
  return londonDateFormat.format(instant)
}

const partsFormats = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock fields (year, month, day, hour, minute, second; 24-hour, zero-padded) in a zone at an instant. */
export function wallClockParts(instant: Date, timezone: string): Record<string, string> {
  let f = partsFormats.get(timezone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormats.set(timezone, f)
  }
  return Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]))
}

/** Offset of London from UTC, in minutes, at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(instant: Date): number {
  const parts = wallClockParts(instant, LONDON)
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
}

/** The instant of a London wall-clock date and time ('HH:MM' or 'HH:MM:SS'). */
export function londonInstant(date: string, time: string): Date {
  const [h = '0', m = '0'] = time.split(':')
  const guess = new Date(`${date}T${h.padStart(2, '0')}:${m.padStart(2, '0')}:00Z`)
  const offset = londonOffsetMinutes(new Date(guess.getTime() - londonOffsetMinutes(guess) * 60000))
  return new Date(guess.getTime() - offset * 60000)
}

/** Today's date in London. */
export function londonToday(now: Date = new Date()): string {
  return londonDate(now)
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})
const shortDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })

/** "Tuesday 10 February 2015" (GOV.UK style: no commas, no ordinals). */
export function formatLongDate(date: string): string {
  return longDate.format(toUtc(date)).replace(',', '')
}

/** "10 February 2015" */
export function formatDate(date: string): string {
  return shortDate.format(toUtc(date))
}

/** "2.30pm", "4pm", "midday" (GOV.UK style). Accepts 'HH:MM' or 'HH:MM:SS'. */
export function formatTime(time: string): string {
  const [hs = '0', ms = '0'] = time.split(':')
  const h = Number(hs)
  const m = Number(ms)
  if (h === 12 && m === 0) return 'midday'
  if (h === 0 && m === 0) return 'midnight'
  const suffix = h < 12 ? 'am' : 'pm'
  const h12 = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${h12}${suffix}` : `${h12}.${String(m).padStart(2, '0')}${suffix}`
}

/** "10 February 2015 at 3.05pm" in London for an instant. */
export function formatDateTime(instant: Date): string {
  const date = londonDate(instant)
  const parts = wallClockParts(instant, LONDON)
  return `${formatDate(date)} at ${formatTime(`${parts.hour}:${parts.minute}`)}`
}

/** 'HH:MM' from a Postgres time 'HH:MM:SS'. */
export function shortTime(time: string): string {
  return time.slice(0, 5)
}
