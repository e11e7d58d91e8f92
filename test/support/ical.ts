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

/** Parse an iCalendar text with ical.js (not the library that wrote it), registering its VTIMEZONEs. */
export function parseIcs(text: string): ParsedCalendar {
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
