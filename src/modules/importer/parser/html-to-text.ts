/**
 * A saved web page to text with its block structure: block elements start new lines, table cells are
 * separated by tabs (a row stays one line), images give their alt text ("pdf icon"), entities are decoded.
 * No DOM: one pass of a tag tokenizer, which is all a saved modern.gov page needs.
 */

const DROP = /<(script|style|noscript|template|svg|head|select)\b[\s\S]*?<\/\1\s*>/gi
const COMMENTS = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!doctype[^>]*>/gi
const WS = /\s+/g
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g
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

export function htmlToText(html: string): string {
  const flat = html.replace(COMMENTS, ' ').replace(DROP, ' ').replace(WS, ' ')
  const out: string[] = []
  let last = 0
  for (const m of flat.matchAll(TAG)) {
    out.push(flat.slice(last, m.index))
    last = m.index + m[0].length
    const closing = m[1] === '/'
    const name = (m[2] ?? '').toLowerCase()
    if (name === 'br') out.push('\n')
    else if (name === 'td' || name === 'th') out.push(closing ? '' : '\t')
    else if (name === 'img' || name === 'input') {
      const alt = ALT.exec(m[3] ?? '')
      const text = alt?.[1] ?? alt?.[2]
      if (text) out.push(` ${text} `)
    } else if (name === 'li' && !closing) out.push('\n· ')
    else if (BLOCK.has(name)) out.push('\n')
  }
  out.push(flat.slice(last))
  const text = decodeEntities(out.join(''))
  return text
    .split('\n')
    .map((line) => line.replace(/^[ \t]*\t/, '').replace(/ *\t */g, '\t').replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
