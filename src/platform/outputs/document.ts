import { Marked, type Token, type Tokens } from 'marked'

/**
 * A printable document as plain data: what the PDF (pdf.ts) and Word (docx.ts) engines take in.
 * Domain-free: modules build one in a presenter; the engines never see a table row.
 */
export type PrintBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; anchor?: string }
  | { kind: 'paragraph'; text: string; style?: 'normal' | 'lead' | 'small' | 'strong' | 'banner'; anchor?: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  /** Label and value pairs (date, venue, contact). */
  | { kind: 'fields'; rows: { label: string; value: string }[] }
  /** A numbered line with a right-hand reference (an agenda line and its page), notes underneath. */
  | { kind: 'entry'; number: string; title: string; reference?: string; notes?: string[]; indent?: boolean; anchor?: string }
  | { kind: 'pageBreak' }

export type PrintDocument = {
  title: string
  /** BCP 47, e.g. en-GB. */
  language: string
  author?: string
  subject?: string
  blocks: PrintBlock[]
  /** Column heading over entry references, e.g. "Page". */
  referenceHeading?: string
}

const lexer = new Marked({ gfm: true, breaks: false, async: false })

function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'br':
          return ' '
        case 'link': {
          const link = t as Tokens.Link
          const text = inlineText(link.tokens, link.text)
          return text === link.href ? text : `${text} (${link.href})`
        }
        case 'image':
          return (t as Tokens.Image).text
        case 'html':
          return (t as Tokens.HTML).text
        default:
          return 'tokens' in t && Array.isArray(t.tokens) ? inlineText(t.tokens, 'text' in t ? String(t.text) : '') : 'text' in t ? String(t.text) : ''
      }
    })
    .join('')
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

const clean = (s: string) => decodeEntities(s).replace(/\s+/g, ' ').trim()

function listItemText(item: Tokens.ListItem): string {
  return clean(
    item.tokens
      .map((t) => {
        if (t.type === 'list') return (t as Tokens.List).items.map((i) => `; ${listItemText(i)}`).join('')
        return inlineText('tokens' in t ? (t.tokens) : undefined, 'text' in t ? String(t.text) : '')
      })
      .join(' '),
  )
}

/**
 * Markdown (minutes, descriptions) as plain paragraphs and lists: no Markdown syntax survives. Headings
 * become strong paragraphs, tables become one paragraph per row, nested lists are folded into their item.
 */
export function markdownBlocks(source: string | null | undefined): PrintBlock[] {
  if (!source || !source.trim()) return []
  const blocks: PrintBlock[] = []
  for (const token of lexer.lexer(source)) {
    switch (token.type) {
      case 'paragraph':
      case 'text': {
        const text = clean(inlineText((token as Tokens.Paragraph).tokens, (token as Tokens.Paragraph).text))
        if (text) blocks.push({ kind: 'paragraph', text })
        break
      }
      case 'heading':
        blocks.push({ kind: 'paragraph', style: 'strong', text: clean(inlineText((token as Tokens.Heading).tokens, (token as Tokens.Heading).text)) })
        break
      case 'list': {
        const list = token as Tokens.List
        blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(listItemText).filter((s) => s) })
        break
      }
      case 'blockquote':
        blocks.push(...markdownBlocks((token as Tokens.Blockquote).text))
        break
      case 'code':
        blocks.push({ kind: 'paragraph', text: clean((token as Tokens.Code).text) })
        break
      case 'table': {
        const table = token as Tokens.Table
        const cell = (c: Tokens.TableCell) => clean(inlineText(c.tokens, c.text))
        blocks.push({ kind: 'paragraph', style: 'strong', text: table.header.map(cell).join(' | ') })
        for (const row of table.rows) blocks.push({ kind: 'paragraph', text: row.map(cell).join(' | ') })
        break
      }
      case 'html': {
        const text = clean((token as Tokens.HTML).text.replace(/<[^>]*>/g, ' '))
        if (text) blocks.push({ kind: 'paragraph', text })
        break
      }
      default:
        break // space, hr, def
    }
  }
  return blocks
}

/** Every piece of text in the document, in order (tests and search). */
export function documentText(doc: PrintDocument): string {
  return doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
          return b.text
        case 'list':
          return b.items.join('\n')
        case 'fields':
          return b.rows.map((r) => `${r.label}: ${r.value}`).join('\n')
        case 'entry':
          return [`${b.number} ${b.title} ${b.reference ?? ''}`, ...(b.notes ?? [])].join('\n')
        default:
          return ''
      }
    })
    .join('\n')
}
