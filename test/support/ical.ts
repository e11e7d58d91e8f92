import ICAL from 'ical.js'

/** One VEVENT as an independent parser (ical.js) reads it. */
export type ParsedEvent = {
  uid: string
  sequence: number
  status: string | null
  summary: string
  location: string | null
  description: string | null
  url: string | null
  /** The instants a calendar app would show. */
  start: Date
  end: Date
  /** The TZID parameter of DTSTART (null for a UTC time). */
  startTzid: string | null
  dtstamp: string
}

export type ParsedCalendar = { timezones: string[]; events: ParsedEvent[]; component: ICAL.Component }

/**
 * What ical.js forgives but RFC 5545 section 3.1 does not: every content line, the last `END:VCALENDAR`
 * included, ends with CRLF; no bare CR or LF; no line longer than 75 octets (longer ones are folded).
 */
export function rfc5545LineErrors(text: string): string[] {
  const errors: string[] = []
  if (!text.startsWith('BEGIN:VCALENDAR\r\n')) errors.push('does not start with BEGIN:VCALENDAR CRLF')
  if (!text.endsWith('END:VCALENDAR\r\n')) errors.push('does not end with END:VCALENDAR CRLF')
  const lines = text.split('\r\n')
  if (lines.at(-1) !== '') errors.push(`the last line is not ended by CRLF: ${JSON.stringify(lines.at(-1))}`)
  lines.forEach((line, i) => {
    if (/[\r\n]/.test(line)) errors.push(`line ${i + 1} has a bare CR or LF`)
    if (Buffer.byteLength(line, 'utf8') > 75) errors.push(`line ${i + 1} is longer than 75 octets`)
  })
  return errors
}

/**
 * Parse an iCalendar text with ical.js (not the library that wrote it), registering its VTIMEZONEs. Throws
 * first if the text breaks the content-line rules of RFC 5545 3.1 (rfc5545LineErrors), so every .ics a test
 * reads is checked for them.
 */
export function parseIcs(text: string): ParsedCalendar {
  const lineErrors = rfc5545LineErrors(text)
  if (lineErrors.length) throw new Error(`Not RFC 5545 content lines: ${lineErrors.join('; ')}`)
  const component = new ICAL.Component(ICAL.parse(text) as unknown[])
  const vtimezones = component.getAllSubcomponents('vtimezone')
  for (const vtz of vtimezones) ICAL.TimezoneService.register(vtz)
  const events = component.getAllSubcomponents('vevent').map((ve) => {
    const event = new ICAL.Event(ve)
    const text = (name: string) => {
      const v = ve.getFirstPropertyValue(name)
      return v === null || v === undefined ? null : String(v)
    }
    const tzid = ve.getFirstProperty('dtstart')?.getParameter('tzid')
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: text('status'),
      summary: event.summary,
      location: text('location'),
      description: text('description'),
      url: text('url'),
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startTzid: typeof tzid === 'string' ? tzid : null,
      dtstamp: text('dtstamp') ?? '',
    }
  })
  return { timezones: vtimezones.map((v) => String(v.getFirstPropertyValue('tzid'))), events, component }
}
