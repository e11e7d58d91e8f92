/**
 * A saved web page to text with its block structure: block elements start new lines, table cells are
 * separated by tabs (a row stays one line), images give their alt text ("pdf icon"), entities are decoded.
 * No DOM: one pass of a tag tokenizer, which is all a saved modern.gov page needs.
 */

/** Elements dropped with their content (when their end tag is present). */
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'select'])
const WS = /\s+/g
/** A tag longer than this is not a tag (its "<" is text): keeps the scan linear on unclosed "<tag" runs. */
export const MAX_TAG_LENGTH = 4096
const ALT = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i
const ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'legend',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
])

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', pound: '£', euro: '€', middot: '·',
  bull: '•', copy: '©', reg: '®', trade: '™', deg: '°', frac12: '½', frac14: '¼', frac34: '¾', times: '×',
  shy: '', zwnj: '', zwj: '', ensp: ' ', emsp: ' ', thinsp: ' ', laquo: '«', raquo: '»', eacute: 'é',
  egrave: 'è', aacute: 'á', oacute: 'ó', uuml: 'ü', ouml: 'ö', auml: 'ä', ccedil: 'ç',
}

export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[name.toLowerCase()] ?? whole
  })
}

type Tag = { end: number; closing: boolean; name: string; attrs: string }

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57)

/**
 * The tag starting at `lt` ("<" then a name), or null when there is none: no name, a "<" before its ">" outside
 * quotes, or no ">" within MAX_TAG_LENGTH. Looks at most MAX_TAG_LENGTH characters, so the whole scan is linear.
 */
function readTag(html: string, lt: number): Tag | null {
  let j = lt + 1
  const closing = html.charCodeAt(j) === 47 // "/"
  if (closing) j++
  if (!isNameStart(html.charCodeAt(j))) return null
  const nameStart = j
  while (j < html.length && isNameChar(html.charCodeAt(j))) j++
  if (html[j] === '_') return null
  const name = html.slice(nameStart, j).toLowerCase()
  const limit = Math.min(html.length, lt + MAX_TAG_LENGTH)
  let quote: string | null = null
  for (let k = j; k < limit; k++) {
    const c = html[k]
    if (quote !== null) {
      if (c === quote) quote = null
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return { end: k + 1, closing, name, attrs: html.slice(j, k) }
    else if (c === '<') return null
  }
  return null
}

/**
 * One linear pass of a hand-written tag scanner (no backtracking regex over the document: a page of unclosed
 * "<a " or "<script" must not take quadratic time). Comments, CDATA and the doctype are dropped; so are the
 * elements of DROP up to their end tag (kept as text when there is none, as before).
 */
export function htmlToText(html: string): string {
  const out: string[] = []
  const text = (from: number, to: number) => {
    if (to > from) out.push(html.slice(from, to).replace(WS, ' '))
  }
  const n = html.length
  const missing = new Set<string>() // end markers known to be absent after some point: never searched again
  const find = (needle: string, from: number): number => {
    if (missing.has(needle)) return -1
    const at = html.indexOf(needle, from)
    if (at < 0) missing.add(needle)
    return at
  }
  const closers = new Map<string, RegExp>()
  let i = 0
  let textStart = 0
  while (i < n) {
    const lt = html.indexOf('<', i)
    if (lt < 0) break
    i = lt + 1
    if (html.startsWith('<!', lt)) {
      const head = html.slice(lt, lt + 9).toLowerCase()
      const [open, close] = head.startsWith('<!--') ? ['<!--', '-->'] : head === '<![cdata[' ? ['<![CDATA[', ']]>'] : head.startsWith('<!doctype') ? ['<!doctype', '>'] : ['', '']
      if (!open) continue
      const end = find(close, lt + open.length)
      if (end < 0) continue
      text(textStart, lt)
      out.push(' ')
      i = textStart = end + close.length
      continue
    }
    const tag = readTag(html, lt)
    if (!tag) continue
    text(textStart, lt)
    i = textStart = tag.end
    const { closing, name } = tag
    if (!closing && DROP.has(name) && !missing.has(`</${name}`)) {
      let re = closers.get(name)
      if (!re) closers.set(name, (re = new RegExp(`</${name}\\s*>`, 'gi')))
      re.lastIndex = tag.end
      const m = re.exec(html)
      if (m) {
        out.push(' ')
        i = textStart = m.index + m[0].length
        continue
      }
      missing.add(`</${name}`)
    }
    if (name === 'br') out.push('\n')
    else if (name === 'td' || name === 'th') out.push(closing ? '' : '\t')
    else if (name === 'img' || name === 'input') {
      const alt = ALT.exec(tag.attrs)
      const altText = alt?.[1] ?? alt?.[2]
      if (altText) out.push(` ${altText.replace(WS, ' ')} `)
    } else if (name === 'li' && !closing) out.push('\n· ')
    else if (BLOCK.has(name)) out.push('\n')
  }
  text(textStart, n)
  const decoded = decodeEntities(out.join(''))
  return decoded
    .split('\n')
    .map((line) => line.replace(/^[ \t]*\t/, '').replace(/ *\t */g, '\t').replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
