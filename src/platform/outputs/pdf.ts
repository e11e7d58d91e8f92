import PDFKit from 'pdfkit'
import { EncryptedPDFError, PDFDict, PDFDocument, PDFHexString, PDFName, StandardFonts, rgb, type PDFRef } from 'pdf-lib'
import type { PrintBlock, PrintDocument } from './document.ts'

/**
 * PDF engines, domain-free:
 * - renderPdf: a PrintDocument laid out by pdfkit with the standard fonts (title and language metadata set);
 * - PdfAssembler: pdf-lib merging of existing PDFs, a bookmark outline built from low-level objects (pdf-lib
 *   has no outline API) and "Page N of M" stamped on every page.
 */

const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const MARGIN = 56
const A4 = { width: 595.28, height: 841.89 }

/** Characters outside WinAnsi (the standard fonts' encoding) that have a plain equivalent. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
const REPLACEMENTS: Record<string, string> = { 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i', '→': '->', '←': '<-', '≤': '<=', '≥': '>=', '✓': 'v', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ' }

/** Text the standard fonts can print: accents kept where WinAnsi has them, others folded, the rest "?". */
export function winAnsi(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch]
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch
    else if (ch === '\n' || ch === '\t') out += ' '
    else {
      const folded = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      out += /^[\x20-\x7e]+$/.test(folded) ? folded : '?'
    }
  }
  return out
}

export type RenderedPdf = {
  bytes: Buffer
  pageCount: number
  /** Block anchor -> 0-based page index where the block starts. */
  anchors: Map<string, number>
}

export type RenderOptions = {
  /** Stamp "Page N of M" at the foot of each page (leave off when PdfAssembler stamps the whole file). */
  pageNumbers?: boolean
  /** Bookmarks for level 1 and 2 headings. */
  bookmarks?: boolean
}

/** Lay out a PrintDocument on A4 pages with pdfkit. */
export async function renderPdf(model: PrintDocument, options: RenderOptions = {}): Promise<RenderedPdf> {
  const doc = new PDFKit({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: model.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: model.title,
      ...(model.author ? { Author: model.author } : {}),
      ...(model.subject ? { Subject: model.subject } : {}),
      Creator: 'Joined Up',
      Producer: 'Joined Up',
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })

  const anchors = new Map<string, number>()
  const left = MARGIN
  const width = A4.width - 2 * MARGIN
  const bottom = A4.height - MARGIN
  const pageIndex = () => {
    const range = doc.bufferedPageRange()
    return range.start + range.count - 1
  }
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom && doc.y > MARGIN + 1) doc.addPage()
  }
  const mark = (anchor: string | undefined) => {
    if (anchor) anchors.set(anchor, pageIndex())
  }

  for (const block of model.blocks) renderBlock(block)

  function renderBlock(block: PrintBlock): void {
    switch (block.kind) {
      case 'heading': {
        const size = block.level === 1 ? 22 : block.level === 2 ? 16 : 13
        doc.font(BOLD).fontSize(size)
        ensureRoom(doc.heightOfString(winAnsi(block.text), { width }) + 40)
        if (block.level > 1 && doc.y > MARGIN + 1) doc.moveDown(0.6)
        mark(block.anchor)
        if (options.bookmarks && block.level <= 2) doc.outline.addItem(winAnsi(block.text))
        doc.text(winAnsi(block.text), left, doc.y, { width })
        doc.moveDown(0.4)
        return
      }
      case 'paragraph': {
        const style = block.style ?? 'normal'
        const size = style === 'lead' ? 14 : style === 'small' ? 9.5 : style === 'banner' ? 20 : 11
        doc.font(style === 'strong' || style === 'banner' ? BOLD : FONT).fontSize(size)
        const text = winAnsi(block.text)
        ensureRoom(Math.min(doc.heightOfString(text, { width }), 3 * doc.currentLineHeight(true)))
        mark(block.anchor)
        if (style === 'banner') {
          const h = doc.heightOfString(text, { width }) + 12
          const y = doc.y
          doc.save().lineWidth(2).rect(left, y, width, h).stroke().restore()
          doc.text(text, left, y + 7, { width, align: 'center' })
          doc.y = y + h
        } else {
          doc.text(text, left, doc.y, { width })
        }
        doc.moveDown(0.5)
        return
      }
      case 'list': {
        doc.font(FONT).fontSize(11)
        block.items.forEach((item, i) => {
          const marker = block.ordered ? `${i + 1}.` : '•'
          const text = winAnsi(item)
          ensureRoom(doc.currentLineHeight(true) * 2)
          const y = doc.y
          doc.text(marker, left + 4, y, { width: 20 })
          doc.text(text, left + 24, y, { width: width - 24 })
          doc.moveDown(0.2)
        })
        doc.moveDown(0.3)
        return
      }
      case 'fields': {
        for (const row of block.rows) {
          const value = winAnsi(row.value)
          doc.font(FONT).fontSize(11)
          ensureRoom(doc.heightOfString(value, { width: width - 120 }) + 4)
          const y = doc.y
          doc.font(BOLD).text(winAnsi(row.label), left, y, { width: 110 })
          const afterLabel = doc.y
          doc.font(FONT).text(value, left + 120, y, { width: width - 120 })
          doc.y = Math.max(doc.y, afterLabel)
          doc.moveDown(0.3)
        }
        doc.moveDown(0.4)
        return
      }
      case 'entry': {
        const indent = block.indent ? 24 : 0
        const numberWidth = 44
        const refWidth = 80
        const x = left + indent
        const titleWidth = width - indent - numberWidth - refWidth - 8
        const title = winAnsi(block.title)
        doc.font(BOLD).fontSize(11)
        ensureRoom(doc.heightOfString(title, { width: titleWidth }) + doc.currentLineHeight(true))
        mark(block.anchor)
        const y = doc.y
        doc.text(winAnsi(block.number), x, y, { width: numberWidth })
        doc.text(title, x + numberWidth, y, { width: titleWidth })
        let end = doc.y
        if (block.reference) {
          doc.font(FONT).text(winAnsi(block.reference), left + width - refWidth, y, { width: refWidth, align: 'right' })
          end = Math.max(end, doc.y)
        }
        doc.y = end
        doc.font(FONT).fontSize(10)
        for (const note of block.notes ?? []) {
          doc.text(winAnsi(note), x + numberWidth, doc.y + 1, { width: width - indent - numberWidth })
        }
        doc.moveDown(0.6)
        return
      }
      case 'pageBreak':
        doc.addPage()
        return
    }
  }

  const range = doc.bufferedPageRange()
  if (options.pageNumbers) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      const margins = doc.page.margins.bottom
      doc.page.margins.bottom = 0
      doc.font(FONT).fontSize(9).text(`Page ${i + 1} of ${range.count}`, left, A4.height - 34, { width, align: 'center', lineBreak: false })
      doc.page.margins.bottom = margins
    }
  }
  doc.end()
  await ended
  return { bytes: Buffer.concat(chunks), pageCount: range.count, anchors }
}

// ------------------------------------------------------------------ merging

export type OutlineNode = { title: string; pageIndex: number; children?: OutlineNode[] }
export type AppendResult =
  | { ok: true; firstPage: number; pageCount: number }
  | { ok: false; reason: 'encrypted' | 'unreadable' | 'empty' }

/** Builds one PDF from others with pdf-lib: append papers, put generated pages in front, outline, page numbers. */
export class PdfAssembler {
  private constructor(private readonly doc: PDFDocument) {}

  static async create(): Promise<PdfAssembler> {
    return new PdfAssembler(await PDFDocument.create({ updateMetadata: false }))
  }

  get pageCount(): number {
    return this.doc.getPageCount()
  }

  /**
   * Append every page of a PDF. An encrypted, unreadable or empty file appends nothing and says why,
   * so one bad paper never breaks the whole document.
   */
  async append(bytes: Uint8Array): Promise<AppendResult> {
    let source: PDFDocument
    let count: number
    try {
      source = await PDFDocument.load(bytes, { updateMetadata: false })
      count = source.getPageCount()
    } catch (err) {
      // pdf-lib's errors are compiled to ES5, so instanceof may not hold: the message says it too.
      const encrypted = err instanceof EncryptedPDFError || (err instanceof Error && /is encrypted/.test(err.message))
      return { ok: false, reason: encrypted ? 'encrypted' : 'unreadable' }
    }
    if (source.isEncrypted) return { ok: false, reason: 'encrypted' }
    if (count === 0) return { ok: false, reason: 'empty' }
    let pages
    try {
      pages = await this.doc.copyPages(source, source.getPageIndices())
    } catch {
      return { ok: false, reason: 'unreadable' }
    }
    const firstPage = this.doc.getPageCount()
    for (const page of pages) this.doc.addPage(page)
    return { ok: true, firstPage, pageCount: count }
  }

  /** Put all pages of a (trusted, generated) PDF in front; returns how many pages were inserted. */
  async prepend(bytes: Uint8Array): Promise<number> {
    const source = await PDFDocument.load(bytes, { updateMetadata: false })
    const pages = await this.doc.copyPages(source, source.getPageIndices())
    pages.forEach((page, i) => this.doc.insertPage(i, page))
    return pages.length
  }

  /** The document outline (bookmarks), built as /Outlines dictionaries; opens with the outline shown. */
  setOutline(nodes: OutlineNode[]): void {
    if (nodes.length === 0) return
    const ctx = this.doc.context
    const pages = this.doc.getPages()
    const pageRef = (index: number) => pages[Math.max(0, Math.min(index, pages.length - 1))]!.ref
    const build = (list: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
      const refs = list.map(() => ctx.nextRef())
      let count = 0
      list.forEach((node, i) => {
        const dict = PDFDict.withContext(ctx)
        dict.set(PDFName.of('Title'), PDFHexString.fromText(node.title))
        dict.set(PDFName.of('Parent'), parent)
        if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!)
        if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!)
        dict.set(PDFName.of('Dest'), ctx.obj([pageRef(node.pageIndex), 'XYZ', null, null, null]))
        count += 1
        if (node.children?.length) {
          const sub = build(node.children, refs[i]!)
          dict.set(PDFName.of('First'), sub.first)
          dict.set(PDFName.of('Last'), sub.last)
          dict.set(PDFName.of('Count'), ctx.obj(sub.count))
          count += sub.count
        }
        ctx.assign(refs[i]!, dict)
      })
      return { first: refs[0]!, last: refs[refs.length - 1]!, count }
    }
    const rootRef = ctx.nextRef()
    const top = build(nodes, rootRef)
    ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }))
    this.doc.catalog.set(PDFName.of('Outlines'), rootRef)
    this.doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
  }

  /** "Page N of M" at the foot of every page, on a white patch so it reads over a paper's own footer. */
  async stampPageNumbers(label: (n: number, total: number) => string = (n, total) => `Page ${n} of ${total}`): Promise<void> {
    const font = await this.doc.embedFont(StandardFonts.Helvetica)
    const pages = this.doc.getPages()
    const size = 9
    pages.forEach((page, i) => {
      const text = label(i + 1, pages.length)
      const box = page.getCropBox()
      const textWidth = font.widthOfTextAtSize(text, size)
      const x = box.x + (box.width - textWidth) / 2
      const y = box.y + 16
      page.drawRectangle({ x: x - 4, y: y - 3, width: textWidth + 8, height: size + 6, color: rgb(1, 1, 1) })
      page.drawText(text, { x, y, size, font, color: rgb(0, 0, 0) })
    })
  }

  setMetadata(meta: { title: string; language: string; author?: string; subject?: string }): void {
    this.doc.setTitle(meta.title, { showInWindowTitleBar: true })
    this.doc.setLanguage(meta.language)
    if (meta.author) this.doc.setAuthor(meta.author)
    if (meta.subject) this.doc.setSubject(meta.subject)
    this.doc.setCreator('Joined Up')
    this.doc.setProducer('Joined Up')
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: true })
  }
}
