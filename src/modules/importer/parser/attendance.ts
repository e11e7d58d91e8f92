/**
 * Attendance and apologies: "Present:" / "Attendees:" / "Members present:" blocks, names one a line or in a
 * comma list, grouped under "Representing X:" (or any "Organisation:" line), "(Substitute)" and role notes,
 * name and organisation in aligned columns or "Name – Organisation"; "Apologies:" blocks and prose such as
 * "Apologies for absence were received from A, B and C (substituted by D)"; "apologies were noted" with no
 * names is reported, never guessed.
 */
import { LABEL } from './items.ts'
import { clean, columns } from './text.ts'

export type Attendance = {
  attendees: string[]
  apologies: string[]
  /** The organisation a person attended or sent apologies for, when the page says ("Representing X:", columns, "Name – X"). */
  organisations: Record<string, string>
  warnings: string[]
  usedLines: Set<number>
}

const PRESENT = /^(?:members\s+)?(?:present|attendees|attendance|in attendance|also present|also in attendance|officers present|officers in attendance|councillors present|members present|those present)\s*(?::|–|—|-)?\s*(.*)$/i
const APOLOGIES_HEAD = /^apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?(?:received|submitted)\s+from)?\s*(?::|–|—|-)?\s*(.*)$/i
const GROUP = /^(?:representing\s+.+|[A-Z][A-Za-z&'’.,() -]{2,80}):$/
const PROSE_APOLOGIES =
  /\bapologies(?:\s+for\s+absence)?\s+(?:were|was|had been|have been)?\s*(?:received|submitted|given|tendered|reported)\s+(?:from|by|on behalf of)\s+([^.\n]+)/gi
const PROSE_APOLOGIES_ONE = new RegExp(PROSE_APOLOGIES.source, 'i')
const NOTED_NO_NAMES = /\bapologies\s+(?:were\s+|was\s+|had\s+been\s+|have\s+been\s+)?noted\b/i
const NO_APOLOGIES = /\bno apologies\b|\bthere were no apologies\b/i
const ROLE_NOTE = /\s*\((?:[^()]*)\)\s*/g
const SUBSTITUTE = /\s*(?:[,–—-]\s*)?(?:\(?\s*(?:substituted by|substitute[d]?:?|sub(?:stituting)?:?|represented by|replaced by|deputised by|deputy:?)\s+[^)]*\)?|\(substitute\))\s*$/i
const TITLE_WORDS = /^(?:councillors?|cllrs?\.?)\s+/i

function splitList(text: string): string[] {
  const lead = TITLE_WORDS.exec(text)
  const prefix = lead && /^councillors\b|^cllrs\b/i.test(lead[0]) ? 'Cllr ' : ''
  const body = prefix ? text.slice(lead?.[0].length ?? 0) : text
  return body
    .replace(/\.$/, '')
    .split(/\s*[;,]\s*|\s+and\s+|\s+&\s+/)
    .map((n) => nameOf(n, prefix))
    .filter((n): n is string => n !== null)
}

function nameOf(raw: string, prefix = ''): string | null {
  let n = clean(raw).replace(/^[·•▪*–—-]\s*/, '')
  n = n.replace(SUBSTITUTE, '')
  const dash = /\s+[–—-]\s+/.exec(n)
  if (dash) n = n.slice(0, dash.index)
  n = n.replace(ROLE_NOTE, ' ').replace(/[.,;:]+$/, '').trim()
  if (n === '' || n.length > 60 || !/^[A-Z]/.test(n) || n.split(/\s+/).length > 7) return null
  if (/^(?:none|nil|n\/a|no apologies)$/i.test(n)) return null
  return prefix && !/^(?:cllr|councillor)\b/i.test(n) ? prefix + n : n
}

function isProse(line: string): boolean {
  const words = line.split(/\s+/).length
  return words > 9 || (/[.!?]$/.test(line) && words > 5)
}

/** Scan every line for attendance blocks, and each item's minutes for apologies written as prose. */
export function findAttendance(
  lines: readonly string[],
  minutesTexts: readonly { label: string; text: string }[],
  /** lines where a block must end: the items header and each item's number line */
  boundaries: ReadonlySet<number> = new Set(),
): Attendance {
  const attendees: string[] = []
  const apologies: string[] = []
  const warnings: string[] = []
  const usedLines = new Set<number>()
  const organisations: Record<string, string> = {}
  let group: string | null = null
  const add = (list: string[], name: string | null, organisation: string | null = null) => {
    if (name && !list.includes(name)) list.push(name)
    const org = organisation ?? group
    if (name && org && !(name in organisations)) organisations[name] = org
  }
  let mode: 'present' | 'apologies' | null = null
  let blanks = 0
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? ''
    if (boundaries.has(i)) mode = null
    if (raw === '') {
      if (mode) blanks++
      if (blanks >= 2) mode = null
      continue
    }
    const line = clean(raw)
    const present = PRESENT.exec(line)
    const apol = present ? null : APOLOGIES_HEAD.exec(line)
    // A "Present:" or "Apologies:" heading starts its list, with any names on the same line.
    const heading =
      present && (present[1] === '' || !isProse(present[1] ?? ''))
        ? { mode: 'present' as const, names: present[1] ?? '', list: attendees }
        : apol && (apol[1] === '' || !isProse(apol[1] ?? '')) && /^apologies\b/i.test(line) && (apol[1] !== '' || line.length < 40)
          ? { mode: 'apologies' as const, names: apol[1] ?? '', list: apologies }
          : null
    if (heading) {
      group = null
      mode = heading.mode
      blanks = 0
      usedLines.add(i)
      for (const n of splitList(heading.names)) add(heading.list, n)
      continue
    }
    if (!mode) continue
    if (/^minutes?\s*:\s*$/i.test(line)) continue
    if (/^(?:items?|no\.?\s+item|agenda)$/i.test(line)) {
      mode = null
      continue
    }
    if (isProse(line) || LABEL.test(line)) {
      mode = null
      continue
    }
    blanks = 0
    if (GROUP.test(line) && !/^(?:cllr|councillor|dr|mr|mrs|ms)\b/i.test(line)) {
      usedLines.add(i)
      group = clean(line.replace(/^representing\s+/i, '').replace(/:$/, '')) || null
      continue
    }
    const cells = columns(raw).filter((c) => c !== '')
    const list = mode === 'present' ? attendees : apologies
    const first = cells[0] ?? ''
    if (cells.length === 1 && /,| and /.test(first)) for (const n of splitList(first)) add(list, n)
    else {
      const dash = /\s+[–—-]\s+(.+)$/.exec(first)
      const org = cells.length >= 2 ? clean(cells[1] ?? '') : dash ? clean(dash[1] ?? '') : null
      add(list, nameOf(first), org && /^[A-Z]/.test(org) && !/^(?:substitute|sub|deputy|chair)\b/i.test(org) ? org : null)
    }
    usedLines.add(i)
  }

  let notedWithoutNames: string | null = null
  for (const { label, text } of minutesTexts) {
    for (const m of text.matchAll(PROSE_APOLOGIES)) for (const n of splitList(m[1] ?? '')) add(apologies, n)
    if (NOTED_NO_NAMES.test(text) && !PROSE_APOLOGIES_ONE.test(text) && !NO_APOLOGIES.test(text)) notedWithoutNames ??= label
  }
  if (notedWithoutNames !== null && apologies.length === 0) {
    warnings.push(`Apologies were noted (${notedWithoutNames}) but no names were given`)
  }
  if (attendees.length === 0) warnings.push('No list of those present was found')
  return { attendees, apologies, organisations, warnings, usedLines }
}
