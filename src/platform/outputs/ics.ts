import { ICalCalendar, ICalEventStatus, type ICalDayJsStub } from 'ical-generator'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import { wallClockParts } from '../../shared/dates.ts'

/**
 * iCalendar (RFC 5545) engine: a view-model in, ICS text out. No domain knowledge.
 *
 * Times are wall-clock times in the calendar's time zone (an IANA name such as Europe/London) and are
 * written as DTSTART;TZID=...:YYYYMMDDTHHMMSS with the zone's VTIMEZONE (from @touch4it/ical-timezones)
 * in the calendar, so a subscriber's calendar app shows the right time whatever its own zone.
 * DTSTAMP is written in UTC.
 */

/** A calendar date ('YYYY-MM-DD') and wall-clock time ('HH:MM' or 'HH:MM:SS') in the calendar's zone. */
export type WallClock = { date: string; time: string }

export type IcsEventStatus = 'confirmed' | 'tentative' | 'cancelled'

export type IcsEvent = {
  /** Globally unique and never changing (RFC 5545 3.8.4.7). */
  uid: string
  /** Revision number: raise it whenever subscribers should take a change (3.8.7.4). */
  sequence: number
  /** When this revision of the event was made (DTSTAMP, written in UTC). */
  stamp: Date
  start: WallClock
  end: WallClock
  summary: string
  description?: string | null
  location?: string | null
  url?: string | null
  status: IcsEventStatus
}

export type IcsCalendar = {
  name: string
  description?: string | null
  /** PRODID company and product. */
  productOwner: string
  product: string
  /** IANA time zone of every event's wall-clock times. */
  timezone: string
  /** How often a subscriber should refresh (REFRESH-INTERVAL / X-PUBLISHED-TTL), in seconds. */
  refreshSeconds?: number
  url?: string | null
  events: IcsEvent[]
}

const STATUS: Record<IcsEventStatus, ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function parts(clock: WallClock): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(clock.date)
  const tm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(clock.time)
  if (!dm || !tm) throw new RangeError(`Not a wall-clock date and time: ${clock.date} ${clock.time}`)
  return { y: Number(dm[1]), mo: Number(dm[2]), d: Number(dm[3]), h: Number(tm[1]), mi: Number(tm[2]), s: Number(tm[3] ?? 0) }
}

/** The wall clock in a zone at an instant. */
export function wallClockAt(instant: Date, timezone: string): WallClock {
  const p = wallClockParts(instant, timezone)
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` }
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: Date, timezone: string): number {
  const wall = parts(wallClockAt(instant, timezone))
  const asUtc = Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
}

/**
 * What a wall-clock time in a zone means, by RFC 5545 section 3.3.5: a time that occurs twice (the
 * hour the clocks go back) is its first occurrence ('overlap'); a time that does not exist (the hour the
 * clocks go forward) is read with the offset in force before the gap ('gap').
 */
export function resolveWallClock(clock: WallClock, timezone: string): { instant: Date; kind: 'exact' | 'gap' | 'overlap' } {
  const p = parts(clock)
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s)
  // The offsets in force a day either side bound every offset a wall-clock time can have.
  const before = offsetMinutes(new Date(asUtc - 86_400_000), timezone)
  const after = offsetMinutes(new Date(asUtc + 86_400_000), timezone)
  const matching = [...new Set([before, after])]
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((instant) => {
      const back = parts(wallClockAt(instant, timezone))
      return Date.UTC(back.y, back.mo - 1, back.d, back.h, back.mi, back.s) === asUtc
    })
    .sort((a, b) => a.getTime() - b.getTime())
  if (matching.length === 0) return { instant: new Date(asUtc - before * 60_000), kind: 'gap' }
  return { instant: matching[0]!, kind: matching.length > 1 ? 'overlap' : 'exact' }
}

/** The instant a wall-clock time in a zone means (see resolveWallClock). */
export function instantOf(clock: WallClock, timezone: string): Date {
  return resolveWallClock(clock, timezone).instant
}

/** The wall clock `minutes` after a wall-clock time, counted in real (elapsed) time across any clock change. */
export function addMinutes(clock: WallClock, minutes: number, timezone: string): WallClock {
  return wallClockAt(new Date(instantOf(clock, timezone).getTime() + minutes * 60_000), timezone)
}

/**
 * ical-generator formats a native Date given with a time zone in the *process's* local zone, so the
 * wall clock is handed over as its documented day.js-shaped value instead: format() prints the wall
 * clock as it is (ical-generator adds the TZID), toDate() gives the real instant for its comparisons.
 */
function wallClockValue(clock: WallClock, timezone: string): ICalDayJsStub {
  const p = parts(clock)
  const instant = instantOf(clock, timezone)
  return {
    format(fmt?: string): string {
      if (fmt === 'YYYYMMDD') return `${pad(p.y, 4)}${pad(p.mo)}${pad(p.d)}`
      if (fmt === 'HHmmss') return `${pad(p.h)}${pad(p.mi)}${pad(p.s)}`
      return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`
    },
    isValid: () => true,
    toDate: () => new Date(instant),
    toJSON: () => instant.toISOString(),
  }
}

/**
 * The ICS text of a calendar (every line ended by CRLF, the last one too; folded at 75 octets).
 *
 * Parsers disagree about wall-clock times that do not exist or occur twice (ical.js, for one, does not
 * follow RFC 5545 3.3.5 there), so such times are never written as they are: a time in the spring gap
 * is written as the wall clock of the same instant after the change (01:30 -> 02:30 BST), and an event
 * touching the repeated autumn hour is written in UTC. Every parser then reads the same instants.
 */
export function renderIcs(calendar: IcsCalendar): string {
  const tz = calendar.timezone
  const cal = new ICalCalendar({
    name: calendar.name,
    description: calendar.description ?? null,
    prodId: { company: calendar.productOwner, product: calendar.product, language: 'EN' },
    url: calendar.url ?? null,
    ttl: calendar.refreshSeconds ?? null,
  })
  // No calendar-wide zone name (that would make ical-generator write DTSTAMP without its Z); the
  // generator still adds a VTIMEZONE for every zone the events use.
  cal.timezone({ name: null, generator: getVtimezoneComponent })
  cal.x([['X-WR-TIMEZONE', tz]])
  for (const e of calendar.events) {
    const start = resolveWallClock(e.start, tz)
    const end = resolveWallClock(e.end, tz)
    const inUtc = start.kind === 'overlap' || end.kind === 'overlap'
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: e.stamp,
      timezone: inUtc ? null : tz,
      start: inUtc ? start.instant : wallClockValue(wallClockAt(start.instant, tz), tz),
      end: inUtc ? end.instant : wallClockValue(wallClockAt(end.instant, tz), tz),
      summary: e.summary,
      description: e.description ?? null,
      location: e.location ?? null,
      url: e.url ?? null,
      status: STATUS[e.status],
    })
  }
  // RFC 5545 3.1: every content line ends with CRLF, the last END:VCALENDAR too; ical-generator leaves it off.
  const text = cal.toString()
  return text.endsWith('\r\n') ? text : `${text}\r\n`
}
