/**
 * Text normalisation shared by every pass. Lines keep their source wording (typos and all); only spacing is
 * normalised: non-breaking and other Unicode spaces become plain spaces, zero-width characters go, and tabs
 * (table cells from HTML) are kept so that columns can still be split.
 */

const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g
// vertical tab and form feed end lines too (pages printed from Word)
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u000b\u000c\u0085]/g
const RUNS = /[ \t]+/g

/** Site furniture printed around a modern.gov page: never content. */
const CHROME: RegExp[] = [
  /^toggle menu$/i,
  /^modern\.gov app available$/i,
  /^view upcoming public committee documents on your ipad/i,
  /^share this page$/i,
  /^share on facebook\b/i,
  /^skip to (?:main )?content$/i,
  /^print this page$/i,
  /^back to top$/i,
  /^(?:follow us|subscribe to updates)$/i,
]

export function normaliseLines(raw: string): string[] {
  const text = raw.replace(LINE_BREAKS, '\n').replace(ZERO_WIDTH, '').replace(UNICODE_SPACES, ' ')
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/^[ \t]+|[ \t]+$/g, '')
    lines[i] = isChrome(line) ? '' : line
  }
  return lines
}

function isChrome(line: string): boolean {
  if (line === '' || line.length > 200) return false
  const c = clean(line)
  return CHROME.some((re) => re.test(c))
}

/** One line as prose: runs of spaces and tabs become one space. */
export function clean(s: string): string {
  return s.replace(RUNS, ' ').trim()
}

/** Lines back to a text block: spacing cleaned, runs of blank lines reduced to one, ends trimmed. */
export function joinBlock(lines: readonly string[]): string {
  const out: string[] = []
  let blank = false
  for (const line of lines) {
    const c = clean(line)
    if (c === '') {
      blank = out.length > 0
      continue
    }
    if (blank) out.push('')
    out.push(c)
    blank = false
  }
  return out.join('\n')
}

export function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === ''
}

/** Index of the next non-blank line at or after `from` (before `end`), or -1. */
export function nextNonBlank(lines: readonly string[], from: number, end = lines.length): number {
  for (let i = from; i < end; i++) if (!isBlank(lines[i])) return i
  return -1
}

/** Index of the previous non-blank line at or before `from` (not before `start`), or -1. */
export function prevNonBlank(lines: readonly string[], from: number, start = 0): number {
  for (let i = from; i >= start; i--) if (!isBlank(lines[i])) return i
  return -1
}

/**
 * Table cells of a line: tab-separated (HTML) or aligned with three or more spaces (text copies); two spaces
 * are odd spacing inside a cell ("Chief Inspector  Jon Hutchinson"), not a column gap.
 */
export function columns(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((c) => clean(c))
  return line.split(/ {3,}/).map((c) => clean(c))
}

/** Share of characters that cannot be text: NULs, control characters and U+FFFD replacement characters. */
export function junkRatio(raw: string): number {
  if (raw.length === 0) return 0
  const sample = raw.length > 20_000 ? raw.slice(0, 20_000) : raw
  let junk = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) junk++
  }
  return junk / sample.length
}
