/**
 * parseMeetingRecord: one published meeting record (a saved modern.gov "Agenda and minutes" page, as HTML or
 * text) in, a structured ParsedMeeting out. Pure: no database, no I/O, regexes compiled once, linear passes.
 * Anything uncertain goes into `warnings`; a file that is not a meeting record says so and yields nothing else.
 */
import type { DryRunJson, ParsedItem, ParsedMeeting, ParseHints, ParseInput } from './types.ts'
import { findActions } from './actions.ts'
import { findAttendance } from './attendance.ts'
import { findDates, findDayMonth, findTimes, mask, resolveDayMonth } from './dates.ts'
import { extractDecisions } from './decisions.ts'
import { findHeading, findLabelled } from './headings.ts'
import { htmlToText } from './html-to-text.ts'
import { findItems } from './items.ts'
import { clean, junkRatio, normaliseLines } from './text.ts'
import { continues, fullTextLinks, itemKey, stripMarker, takeFullTexts } from './excerpts.ts'
import { isIsoDate } from '../../../shared/dates.ts'

const LOOKS_LIKE_HTML = /^\s*(?:<!doctype html|<html\b|<\?xml)|<(?:body|div|p|table|td|h1)\b[^<>]{0,500}>/i
const NEXT_MEETING = /\b(?:next|following)\s+(?:\w+\s+){0,2}meeting\b|\bdate\s+of\s+(?:the\s+)?next\b|\bnext\s+meets\b/i
/** A cut-short decision text (cut-short minutes are handled in excerpts.ts). */
const TRUNCATED = /(?:\.\.\.|…)\s*view the full decision text for item\s*(\S+)?/i
/** An item that was (or may have been) taken in private: the page may print it, Joined Up must be told to check. */
const EXEMPT =
  /\bexclusion\s+of\s+(?:the\s+)?(?:press|public)\b|\bexempt(?:\s+information)?\b|\bschedule\s+12a\b|\bpart\s+(?:ii|2)\b[^\n]{0,40}\b(?:private|confidential)\b/i
const FILE_DATE_COMPACT = /(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/
const FILE_NOISE = /\b(?:agenda(?:\s+and)?(?:\s+draft)?\s+minutes|agenda|draft|minutes|printed|decisions|pdf|html?|txt|copy|final|v\d+)\b/gi

function emptyResult(kind: ParsedMeeting['kind'], warnings: string[]): ParsedMeeting {
  return {
    kind,
    body: null,
    date: null,
    time: null,
    venue: null,
    contact: null,
    minutesDraft: null,
    items: [],
    attendees: [],
    apologies: [],
    attendeeOrganisations: {},
    decisions: [],
    actions: [],
    nextMeeting: null,
    warnings,
  }
}

function itemLabel(item: { number: string | null; title: string }): string {
  return item.number ? `item ${item.number}` : `item "${item.title}"`
}

function fromFileName(fileName: string): { body: string | null; date: string | null } {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]{1,5}$/i, '')
  const spaced = base.replace(/[_+]+/g, ' ')
  let date: string | null = null
  let rest = spaced
  const compact = FILE_DATE_COMPACT.exec(spaced)
  const found = findDates(spaced)[0]
  if (found) {
    date = found.date
    rest = spaced.slice(0, found.index) + ' ' + spaced.slice(found.end)
  } else if (compact) {
    const d = `${compact[1] ?? ''}-${compact[2] ?? ''}-${compact[3] ?? ''}`
    if (isIsoDate(d)) {
      date = d
      rest = spaced.slice(0, compact.index) + ' ' + spaced.slice(compact.index + compact[0].length)
    }
  }
  const body = clean(rest.replace(/-+/g, ' ').replace(FILE_NOISE, ' '))
  return { body: body.length >= 3 && /[A-Za-z]{3}/.test(body) ? body : null, date }
}

function findNextMeeting(
  lines: readonly string[],
  items: readonly ParsedItem[],
  meetingDate: string | null,
  warnings: string[],
): { date: string | null; time: string | null } {
  const found: string[] = []
  const times = new Map<string, string>() // date -> the time printed with it
  const yearless: string[] = []
  const scan = (text: string) => {
    const dates = findDates(text)
    if (dates[0]) {
      found.push(dates[0].date)
      const t = findTimes(mask(text, dates))[0]
      if (t?.time && !times.has(dates[0].date)) times.set(dates[0].date, t.time)
    } else {
      const dm = findDayMonth(text)[0]
      if (dm) yearless.push(dm.text)
      if (dm && meetingDate) {
        const d = resolveDayMonth(dm, meetingDate)
        if (d) {
          found.push(d)
          warnings.push(`The next meeting date "${dm.text.trim()}" has no year; read as ${d}`)
        }
      }
    }
  }
  for (const raw of lines) {
    if (raw === '') continue
    const m = NEXT_MEETING.exec(raw)
    if (m) scan(clean(raw.slice(m.index)))
  }
  if (found.length === 0) {
    for (const item of items) {
      if (!NEXT_MEETING.test(item.title)) continue
      for (const text of [item.minutes, item.description ?? '']) for (const line of text.split('\n')) if (found.length === 0) scan(line)
    }
  }
  if (found.length === 0) {
    if (yearless.length > 0 && !meetingDate) warnings.push(`The next meeting date "${yearless[0] ?? ''}" has no year and the meeting date is unknown`)
    return { date: null, time: null }
  }
  const distinct = [...new Set(found)]
  const next = distinct[0] ?? null
  if (distinct.length > 1) warnings.push(`The next meeting is given more than one date (${distinct.join(', ')}); took ${next ?? ''}`)
  if (next && meetingDate && next <= meetingDate) warnings.push(`The next meeting date ${next} is not after the meeting date ${meetingDate}`)
  return { date: next, time: next ? (times.get(next) ?? null) : null }
}

export function parseMeetingRecord(input: ParseInput, hints: ParseHints = {}): ParsedMeeting {
  const source = input.html ?? input.text ?? ''
  if (source.trim() === '') return emptyResult('not_a_meeting_record', ['Not a meeting record: the file is empty'])
  if (junkRatio(source) > 0.02) {
    return emptyResult('not_a_meeting_record', ['Not a meeting record: the file looks like binary data, not text or a web page'])
  }
  const isHtml = input.html !== undefined || LOOKS_LIKE_HTML.test(source.slice(0, 5000))
  const text = isHtml ? htmlToText(source) : source
  // The full minutes of items the page cut short, when the document holds them too (excerpts.ts).
  const { lines, fullTexts } = takeFullTexts(normaliseLines(text))
  const links = isHtml ? fullTextLinks(source) : new Map<string, string>()
  const warnings: string[] = []

  const found = findItems(lines)
  const heading = findHeading(lines, found.start)
  const labelled = findLabelled(lines, found.start)

  const excerptNotes: string[] = []
  const items: ParsedItem[] = found.items.map((raw) => {
    const cut = stripMarker(raw.minutes)
    let minutes = cut.minutes
    let excerpt: ParsedItem['excerpt'] = null
    if (cut.truncated) {
      const label = itemLabel(raw)
      const full = raw.number ? fullTexts.get(itemKey(raw.number)) : undefined
      if (full !== undefined && continues(minutes, full)) {
        minutes = full
        excerptNotes.push(`The page shows only the start of the minutes of ${label}; the full text, later in the document, was imported`)
      } else {
        const href = raw.number ? (links.get(itemKey(raw.number)) ?? null) : null
        excerpt = { href }
        // Every channel that prints the text (packs, the API, search) shows where it stops.
        minutes = `${minutes} …`
        excerptNotes.push(
          `The page shows only the start of the minutes of ${label} ("view the full minutes text"): imported as an excerpt, marked as one on the public page${href ? ', with its link to the full text' : ''}`,
        )
      }
    }
    const decisions = extractDecisions(minutes)
    for (const block of raw.decisionBlocks) {
      const inBlock = extractDecisions(block)
      for (const d of inBlock.length > 0 ? inBlock : [block]) if (!decisions.includes(d)) decisions.push(d)
    }
    return {
      number: raw.number,
      title: raw.title,
      minutes,
      excerpt,
      decisions,
      papers: raw.papers,
      description: raw.description,
      timeSlot: raw.timeSlot,
    }
  })
  const decisions =
    items.length > 0 ? items.flatMap((i) => i.decisions) : extractDecisions(lines.map((l) => clean(l)).join('\n'))
  const attendance = findAttendance(
    lines,
    items.map((i) => ({ label: itemLabel(i), text: `${i.description ?? ''}\n${i.minutes}` })),
    new Set([found.start, ...found.items.map((i) => i.from)]),
  )
  const actions = findActions(lines, found.start)

  const strong =
    found.labelCount > 0 ||
    labelled.minutesDraft !== null ||
    attendance.attendees.length + attendance.apologies.length > 0 ||
    decisions.length > 0
  const score =
    (heading.date ? 1 : 0) +
    (heading.body ? 1 : 0) +
    (found.labelCount > 0 ? 2 : 0) +
    (labelled.minutesDraft !== null ? 2 : 0) +
    (labelled.venue ? 1 : 0) +
    (attendance.attendees.length + attendance.apologies.length > 0 ? 1 : 0) +
    (decisions.length > 0 ? 1 : 0) +
    (items.length >= 2 ? 1 : 0) +
    (actions.actions.length > 0 ? 1 : 0)
  if (!strong || score < 3) {
    return emptyResult('not_a_meeting_record', [
      'Not a meeting record: no "Agenda and minutes" heading, "Minutes:" labels, attendance or decisions were found',
    ])
  }

  let body = heading.body
  let date = heading.date
  warnings.push(...heading.warnings)
  const fromFile = input.fileName ? fromFileName(input.fileName) : { body: null, date: null }
  if (body === null) {
    if (hints.body) {
      body = hints.body
      warnings.push(`No body named in the heading: used the one given ("${hints.body}")`)
    } else if (fromFile.body) {
      body = fromFile.body
      warnings.push(`No body named in the heading: took "${fromFile.body}" from the file name`)
    } else warnings.push('No body named in the heading, and none was given')
  } else if (hints.body && clean(hints.body).toLowerCase() !== body.toLowerCase()) {
    warnings.push(`The heading names "${body}" but "${hints.body}" was given; kept the heading`)
  }
  const hintDate = hints.date && isIsoDate(hints.date) ? hints.date : null
  if (hints.date && !hintDate) warnings.push(`The date given ("${hints.date}") is not a YYYY-MM-DD date; ignored it`)
  if (date === null) {
    if (hintDate) {
      date = hintDate
      warnings.push(`No meeting date in the heading: used the one given (${hintDate})`)
    } else if (fromFile.date) {
      date = fromFile.date
      warnings.push(`No meeting date in the heading: took ${fromFile.date} from the file name`)
    } else warnings.push('No meeting date in the heading, and none was given')
  } else if (hintDate && hintDate !== date) {
    warnings.push(`The heading says ${date} but ${hintDate} was given; kept the heading`)
  }
  if (heading.time === null) warnings.push('No meeting time in the heading')

  if (items.length === 0) warnings.push('No agenda items were found')
  warnings.push(...found.warnings)
  warnings.push(...excerptNotes)
  for (const item of items) {
    if ([item.minutes, ...item.decisions].some((t) => TRUNCATED.test(t))) warnings.push(`The page shows only the start of the decision text of ${itemLabel(item)} ("view the full decision text")`)
    if (EXEMPT.test(item.title) || EXEMPT.test(item.minutes) || EXEMPT.test(item.description ?? '')) {
      warnings.push(
        `${itemLabel(item).replace(/^i/, 'I')} mentions exempt information or the exclusion of the press and public: it is imported as printed (public); mark it exempt in Joined Up if it was taken in private`,
      )
    }
  }
  warnings.push(...attendance.warnings, ...actions.warnings)
  const nextMeeting = findNextMeeting(lines, items, date, warnings)

  return {
    kind: 'meeting',
    body,
    date,
    time: heading.time,
    movedFrom: heading.movedFrom,
    venue: labelled.venue,
    contact: labelled.contact,
    contactDetails: labelled.contactDetails,
    minutesDraft: labelled.minutesDraft,
    items,
    attendees: attendance.attendees,
    apologies: attendance.apologies,
    attendeeOrganisations: attendance.organisations,
    decisions,
    actions: actions.actions,
    nextMeeting: nextMeeting.date,
    nextMeetingTime: nextMeeting.time,
    warnings: [...new Set(warnings)],
  }
}

/** Exactly the `import --dry-run --json` object of issue 4. */
export function toDryRunJson(parsed: ParsedMeeting): DryRunJson {
  return {
    body: parsed.body,
    date: parsed.date,
    time: parsed.time,
    venue: parsed.venue,
    items: parsed.items.map((i) => ({ number: i.number, title: i.title })),
    attendees: [...parsed.attendees],
    apologies: [...parsed.apologies],
    decisions: [...parsed.decisions],
    actions: parsed.actions.map((a) => ({ what: a.what, who: a.who, when: a.when, status: a.status })),
    nextMeeting: parsed.nextMeeting,
    warnings: [...parsed.warnings],
  }
}
