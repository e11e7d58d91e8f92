/**
 * The page heading: which body met, on what date, at what time; plus "Venue:", "Contact:" and whether the minutes
 * are draft. Headings come as "Agenda for X on <date>", "X - <date>", "Minutes of the meeting of X held on <date>",
 * or the body and the date on separate lines; "Moved from 9th October 2018, Cabinet - " prefixes are reported.
 */
import { clean, nextNonBlank, prevNonBlank } from './text.ts'
import { findDates, findTimes, mask, type DateMatch } from './dates.ts'

export type Heading = {
  body: string | null
  date: string | null
  time: string | null
  /** "Moved from 9th October 2018, ..." gives the original date (YYYY-MM-DD); null when not moved or unreadable */
  movedFrom: string | null
  /** line indexes the heading used (they are not content) */
  lines: number[]
  warnings: string[]
}

const AGENDA_FOR = /^(?:agenda|minutes|agenda and (?:draft )?minutes|decisions)\s+for\s+(?:the\s+)?(.+?)\s+on\s+(.+)$/i
const MINUTES_OF = /^(?:draft\s+|confirmed\s+|approved\s+)?minutes\s+of\s+(?:an?\s+|the\s+)?(?:(?:extraordinary|ordinary|special|annual)\s+)?(?:meeting\s+of\s+(?:the\s+)?)?(.+?)\s+held\s+(?:(?:at|in)\s+(.+?)\s+)?on\s+(.+)$/i
const MOVED = /^(?:(?:meeting\s+)?(?:moved|rescheduled|postponed|rearranged|changed)\s+from|originally\s+(?:scheduled|arranged)\s+for)\s+(.+?),\s*/i
const SEPARATOR_TAIL = /[\s,:;–—-]+$/
const NOT_A_BODY =
  /^(?:agenda|minutes|agenda and (?:draft )?minutes|draft minutes|items?|no\.? item|date|meeting|venue|contact|time|date and time|present|apologies)\b[:.]?$/i
const GENERIC_LINE = /^(?:agenda|agenda and (?:draft )?minutes|draft minutes|minutes|decisions|items|no\.?\s+item)$/i

function firstTime(text: string, dates: readonly DateMatch[]): { time: string | null; warning: string | null } {
  const t = findTimes(mask(text, dates))[0]
  return { time: t?.time ?? null, warning: t?.warning ?? null }
}

function tidyBody(raw: string): string {
  return clean(raw).replace(SEPARATOR_TAIL, '').replace(/^[\s,:;–—-]+/, '')
}

function plausibleBody(body: string): boolean {
  return body.length >= 3 && body.length <= 140 && /[A-Za-z]{2}/.test(body) && !NOT_A_BODY.test(body) && !body.includes(':')
}

/** Read the heading from the first lines of the document (before `end`, where the items start). */
export function findHeading(lines: readonly string[], end: number): Heading {
  const warnings: string[] = []
  const limit = Math.min(end, lines.length)
  let seen = 0
  let movedFrom: string | null = null
  for (let i = 0; i < limit && seen < 25; i++) {
    const raw = lines[i]
    if (raw === undefined || raw.trim() === '') continue
    seen++
    let line = clean(raw)
    const moved = MOVED.exec(line)
    if (moved) {
      warnings.push(`The heading says the meeting was moved from ${clean(moved[1] ?? '')}`)
      movedFrom = findDates(moved[1] ?? '')[0]?.date ?? null
      line = line.slice(moved[0].length)
    }
    const agenda = AGENDA_FOR.exec(line)
    const minutesOf = agenda ? null : MINUTES_OF.exec(line)
    if (agenda || minutesOf) {
      const bodyText = tidyBody((agenda ? agenda[1] : minutesOf?.[1]) ?? '')
      const rest = (agenda ? agenda[2] : minutesOf?.[3]) ?? ''
      const dates = findDates(rest)
      const first = dates[0]
      if (first && plausibleBody(bodyText)) {
        const t = firstTime(rest, dates)
        if (first.warning) warnings.push(`Heading date: ${first.warning}`)
        if (t.warning) warnings.push(`Heading: ${t.warning}`)
        return { body: bodyText, date: first.date, time: t.time, lines: [i], warnings, movedFrom }
      }
    }
    const dates = findDates(line)
    const first = dates[0]
    if (!first) continue
    const before = tidyBody(line.slice(0, first.index))
    const t = firstTime(line, dates)
    const timeBefore = findTimes(line.slice(0, first.index))[0]
    const bodyText = timeBefore ? tidyBody(line.slice(0, timeBefore.index)) : before
    if (first.warning) warnings.push(`Heading date: ${first.warning}`)
    if (t.warning) warnings.push(`Heading: ${t.warning}`)
    if (bodyText !== '' && plausibleBody(bodyText)) {
      return { body: bodyText, date: first.date, time: t.time, lines: [i], warnings, movedFrom }
    }
    if (bodyText === '') {
      // the date on its own line: the body is the line above (or below, under a date-first layout)
      const above = prevNonBlank(lines, i - 1)
      const aboveText = above >= 0 ? tidyBody(lines[above] ?? '') : ''
      if (above >= 0 && plausibleBody(aboveText) && !GENERIC_LINE.test(aboveText) && findDates(aboveText).length === 0) {
        return { body: aboveText, date: first.date, time: t.time, lines: [above, i], warnings, movedFrom }
      }
      const below = nextNonBlank(lines, i + 1, limit)
      const belowText = below >= 0 ? tidyBody(lines[below] ?? '') : ''
      if (below >= 0 && plausibleBody(belowText) && !GENERIC_LINE.test(belowText) && findDates(belowText).length === 0) {
        return { body: belowText, date: first.date, time: t.time, lines: [i, below], warnings, movedFrom }
      }
      return { body: null, date: first.date, time: t.time, lines: [i], warnings, movedFrom }
    }
  }
  return { body: null, date: null, time: null, lines: [], warnings, movedFrom }
}

const VENUE = /^(?:venue|place|location|meeting venue)\s*:\s*(.+)$/i
const CONTACT = /^(?:contact(?: officer)?|clerk|democratic services officer)\s*:\s*(.+)$/i
const CONTACT_CUT = / {2,}|\t|\s*[,;]?\s*\b(?:tel|telephone|phone|tel\.|t:|email|e-mail|e:|mobile|ext)\b|\s*\(?\+?\d[\d ()-]{5,}|\s*\S+@\S+/i
const DOC_TYPE = /^agenda(?:,? (?:reports|decisions))? and (draft )?minutes$|^(draft )?minutes$|^agenda$/i

export function findLabelled(lines: readonly string[], end: number): {
  venue: string | null
  contact: string | null
  /** the whole "Contact:" value as printed (name, phone, email) */
  contactDetails: string | null
  minutesDraft: boolean | null
  lines: number[]
} {
  let venue: string | null = null
  let contact: string | null = null
  let contactDetails: string | null = null
  let minutesDraft: boolean | null = null
  const used: number[] = []
  for (let i = 0; i < Math.min(end, lines.length); i++) {
    const raw = lines[i] ?? ''
    if (raw === '') continue
    const line = clean(raw)
    const v: RegExpExecArray | null = venue === null ? VENUE.exec(line) : null
    if (v) {
      venue = clean(v[1] ?? '') || null
      used.push(i)
      continue
    }
    const c: RegExpExecArray | null = contact === null ? CONTACT.exec(raw.trim()) : null
    if (c) {
      const value: string = c[1] ?? ''
      const cut = CONTACT_CUT.exec(value)
      contact = clean(cut ? value.slice(0, cut.index) : value).replace(/[,;:]$/, '') || null
      // Two or more spaces and tabs separate the name from the phone: keep them as two spaces.
      contactDetails = value.replace(/[ \t\u00a0]{2,}|\t/g, '  ').trim() || null
      used.push(i)
      continue
    }
    const d: RegExpExecArray | null = minutesDraft === null ? DOC_TYPE.exec(line) : null
    if (d) {
      if (/minutes/i.test(line)) minutesDraft = Boolean(d[1] ?? d[2])
      used.push(i)
    }
  }
  return { venue, contact, contactDetails, minutesDraft, lines: used }
}
