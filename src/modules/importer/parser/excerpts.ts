/**
 * Minutes a page shows only the start of. A modern.gov "Agenda and minutes" page cuts long minutes short with
 * "... view the full minutes text for item 43b", a link to the item's own page. The marker is not minutes: it is
 * taken off, the item is marked as an excerpt, and the link (when the saved page has it) kept, so the public page
 * can say so and point there. When the document itself also holds the item's full minutes (the item's own page
 * saved after the agenda page, as "Agenda item" pages print them: the number and title, then "Minutes:" and the
 * text), that full text is used instead. Pure; linear (every pattern is bounded).
 */
import { decodeEntities } from './html-to-text.ts'
import { clean } from './text.ts'

/** The marker at the end of the minutes (as text: "...", "…" or the markdown-ish "*... view ...*"). */
const MARKER = /[ \t]*\*?(?:\.\.\.|…)?[ \t]*view the full minutes text for item[ \t]*(\S{0,40}?)\.?\*?[ \t]*$/i
const MARKER_LINE = /view the full minutes text for item[ \t]*(\S{0,40})/i
const MARKER_TEXT = 'view the full minutes text for item'
/** How far before the marker its link's opening tag may be. */
const LINK_WINDOW = 1500
const HREF = /\bhref\s*=\s*(?:"([^"<>]{1,2000})"|'([^'<>]{1,2000})'|([^\s"'<>]{1,2000}))/i
const NUMBER_AFTER = /^\s*([^<\s]{1,40})/
const BASE = /<base\s[^<>]{0,500}?href\s*=\s*["']([^"'<>]{1,2000})["']/i
const CANONICAL = /<link\s[^<>]{0,500}?rel\s*=\s*["']canonical["'][^<>]{0,500}?href\s*=\s*["']([^"'<>]{1,2000})["']|<link\s[^<>]{0,500}?href\s*=\s*["']([^"'<>]{1,2000})["'][^<>]{0,500}?rel\s*=\s*["']canonical["']/i
const OG_URL = /<meta\s[^<>]{0,500}?property\s*=\s*["']og:url["'][^<>]{0,500}?content\s*=\s*["']([^"'<>]{1,2000})["']/i

const key = (number: string) => number.trim().replace(/\.$/, '').toLowerCase()

/** An absolute http(s) address, or null: nothing else (javascript:, data:, a bare path) is ever kept. */
export function webAddress(href: string, base: string | null): string | null {
  try {
    const url = base ? new URL(decodeEntities(href).trim(), base) : new URL(decodeEntities(href).trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/** Where the saved page came from: its <base href>, canonical link or og:url, when absolute. */
export function pageAddress(html: string): string | null {
  const head = html.slice(0, 200_000)
  for (const m of [BASE.exec(head), CANONICAL.exec(head), OG_URL.exec(head)]) {
    const found = m?.[1] ?? m?.[2]
    const address = found ? webAddress(found, null) : null
    if (address) return address
  }
  return null
}

/**
 * Item number (lower case, no final dot) -> the absolute address of its "view the full minutes text" link. Finds
 * each marker by plain search, then the `<a` that opens just before it (with no `</a>` between): linear in the page.
 */
export function fullTextLinks(html: string): Map<string, string> {
  const base = pageAddress(html)
  const links = new Map<string, string>()
  const lower = html.toLowerCase()
  for (let at = lower.indexOf(MARKER_TEXT); at >= 0; at = lower.indexOf(MARKER_TEXT, at + MARKER_TEXT.length)) {
    // Only the window before the marker is read (never back to the start): linear in the page.
    const from = Math.max(0, at - LINK_WINDOW)
    const before = lower.slice(from, at)
    const open = before.lastIndexOf('<a ')
    if (open < 0 || before.lastIndexOf('</a') > open) continue
    const tagEnd = before.indexOf('>', open)
    if (tagEnd < 0) continue
    const href = HREF.exec(html.slice(from + open, from + tagEnd))
    const number = NUMBER_AFTER.exec(html.slice(at + MARKER_TEXT.length, at + MARKER_TEXT.length + 60))?.[1]
    const address = href ? webAddress(href[1] ?? href[2] ?? href[3] ?? '', base) : null
    if (address && number && !links.has(key(number))) links.set(key(number), address)
  }
  return links
}

/** The minutes without the truncation marker, and whether there was one. */
export function stripMarker(minutes: string): { minutes: string; truncated: boolean } {
  const m = MARKER.exec(minutes)
  if (!m) return { minutes, truncated: false }
  return { minutes: minutes.slice(0, m.index).replace(/[ \t]*(?:\.\.\.|…)?[ \t]*$/, '').trimEnd(), truncated: true }
}

const MINUTES_LABEL = /^minutes?\s*:\s*(.*)$/i
const PAGE_TITLE = /^agenda item\b/i
/** How many lines may separate an item's heading from its "Minutes:" label on its own page ("Meeting: ..."). */
const HEADING_TO_LABEL = 8

/**
 * The full minutes of truncated items, when the document holds them after the page that cut them short: for each
 * item number the page marks as truncated, a later line that is that number (alone, or before the title) followed
 * within a few lines by "Minutes:". The block runs to the next such heading or the end of the document; it is cut
 * out of the lines (blanked, so line numbers stay) so the agenda's last item does not swallow it.
 */
export function takeFullTexts(lines: readonly string[]): { lines: string[]; fullTexts: Map<string, string> } {
  const out = [...lines]
  const fullTexts = new Map<string, string>()
  const wanted = new Map<string, number>() // number -> line of its marker
  lines.forEach((raw, i) => {
    const m = MARKER_LINE.exec(raw)
    if (m?.[1] && !wanted.has(key(m[1]))) wanted.set(key(m[1]), i)
  })
  if (wanted.size === 0) return { lines: out, fullTexts }
  const headings: { line: number; number: string; label: number }[] = []
  for (let i = 0; i < lines.length; i++) {
    const first = clean(lines[i] ?? '').split(' ')[0] ?? ''
    const number = key(first)
    const after = wanted.get(number)
    if (after === undefined || i <= after) continue
    for (let j = i + 1; j < Math.min(lines.length, i + HEADING_TO_LABEL); j++) {
      if (MINUTES_LABEL.test(clean(lines[j] ?? ''))) {
        headings.push({ line: i, number, label: j })
        break
      }
    }
  }
  headings.forEach((h, k) => {
    const end = headings[k + 1]?.line ?? lines.length
    // The item's own page is titled "Agenda item" just above its number: that goes with it.
    let start = h.line
    let prev = start - 1
    while (prev >= 0 && (lines[prev] ?? '').trim() === '') prev--
    if (prev >= 0 && PAGE_TITLE.test(clean(lines[prev] ?? ''))) start = prev
    const first = MINUTES_LABEL.exec(clean(lines[h.label] ?? ''))?.[1] ?? ''
    const body = [first, ...lines.slice(h.label + 1, end)].join('\n').replace(/\n{3,}/g, '\n\n').trim()
    if (body && !MARKER_LINE.test(body) && !fullTexts.has(h.number)) {
      fullTexts.set(h.number, body)
      for (let i = start; i < end; i++) out[i] = ''
    }
  })
  return { lines: out, fullTexts }
}

const words = (s: string) => clean(s.replace(/[·•*_#>|-]/g, ' ')).toLowerCase()

/** Whether `full` is the whole of what `excerpt` began: it starts with the excerpt's opening words. */
export function continues(excerpt: string, full: string): boolean {
  const start = words(excerpt).slice(0, 80)
  return start.length >= 20 && words(full).startsWith(start) && words(full).length > words(excerpt).length
}

export { key as itemKey }
