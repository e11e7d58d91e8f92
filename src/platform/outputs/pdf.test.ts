import { PDFDocument } from 'pdf-lib'
import { getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import { makeEncryptedPdf, makeTestPdf, pdfPageTexts } from '../../../test/support/packs-builders.ts'
import type { PrintDocument } from './document.ts'
import { draftOpening } from '../../../test/support/print-blocks.ts'
import { PdfAssembler, renderPdf, winAnsi } from './pdf.ts'

const model: PrintDocument = {
  title: 'Test document',
  language: 'en-GB',
  author: 'Someone',
  blocks: [
    ...draftOpening('Main heading'),
    { kind: 'list', ordered: true, items: ['first point', 'second point'] },
    { kind: 'entry', number: '7', title: 'An agenda item', reference: 'Page 12', notes: ['A note'], anchor: 'item-7' },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: 'Second page', anchor: 'second' },
    { kind: 'paragraph', text: 'Café → “quotes” – 中' },
  ],
}

describe('winAnsi', () => {
  it('keeps what the standard fonts can print and replaces the rest', () => {
    expect(winAnsi('Café “x” – £5 €6')).toBe('Café “x” – £5 €6')
    expect(winAnsi('a → b ≥ c')).toBe('a -> b >= c')
    expect(winAnsi('Łódź 中')).toBe('Lódz ?')
  })
})

describe('renderPdf', () => {
  it('lays out the blocks with metadata, anchors and page numbers', async () => {
    const out = await renderPdf(model, { pageNumbers: true, bookmarks: true })
    expect(out.pageCount).toBe(2)
    expect(out.anchors.get('item-7')).toBe(0)
    expect(out.anchors.get('second')).toBe(1)
    const pdf = await PDFDocument.load(out.bytes, { updateMetadata: false })
    expect(pdf.getTitle()).toBe('Test document')
    expect(pdf.getAuthor()).toBe('Someone')
    expect(pdf.catalog.get(pdf.catalog.context.obj('Lang'))?.toString()).toBe('(en-GB)')
    const pages = await pdfPageTexts(out.bytes)
    expect(pages[0]).toContain('Main heading')
    expect(pages[0]).toContain('DRAFT')
    expect(pages[0]).toMatch(/7 An agenda item\s+Page 12/)
    expect(pages[0]).toContain('2. second point')
    expect(pages[0]).toContain('Page 1 of 2')
    expect(pages[1]).toContain('Café -> “quotes” – ?')
    expect(pages[1]).toContain('Page 2 of 2')
    const outline = (await (await getDocumentProxy(new Uint8Array(out.bytes))).getOutline()) ?? []
    expect(outline.map((o) => o.title)).toEqual(['Main heading', 'Second page'])
  })
})

describe('PdfAssembler', () => {
  it('merges PDFs, skips encrypted and unreadable ones, prepends, outlines and numbers every page', async () => {
    const asm = await PdfAssembler.create()
    expect(await asm.append(await makeTestPdf(3, 'FIRST'))).toEqual({ ok: true, firstPage: 0, pageCount: 3 })
    expect(await asm.append(await makeEncryptedPdf('LOCKED'))).toEqual({ ok: false, reason: 'encrypted' })
    expect(await asm.append(Buffer.from('%PDF-1.7\nnonsense'))).toEqual({ ok: false, reason: 'unreadable' })
    expect(await asm.append(await makeTestPdf(2, 'SECOND'))).toEqual({ ok: true, firstPage: 3, pageCount: 2 })
    expect(await asm.prepend((await renderPdf(model)).bytes)).toBe(2)
    expect(asm.pageCount).toBe(7)
    asm.setOutline([
      { title: 'Cover', pageIndex: 0 },
      { title: 'First paper', pageIndex: 2, children: [{ title: 'Its last page', pageIndex: 4 }] },
      { title: 'Second paper ✓', pageIndex: 5 },
    ])
    await asm.stampPageNumbers()
    asm.setMetadata({ title: 'Merged', language: 'en-GB' })
    const bytes = await asm.save()

    const pages = await pdfPageTexts(bytes)
    expect(pages).toHaveLength(7)
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of 7`))
    expect(pages[2]).toContain('FIRST page 1')
    expect(pages[5]).toContain('SECOND page 1')
    expect(pages.join('\n')).not.toContain('LOCKED')

    const doc = await getDocumentProxy(new Uint8Array(bytes))
    const outline = (await doc.getOutline()) ?? []
    const pageOf = async (dest: unknown): Promise<number> => {
      const index: number = await doc.getPageIndex((dest as [Parameters<typeof doc.getPageIndex>[0]])[0])
      return index
    }
    expect(outline.map((o) => o.title)).toEqual(['Cover', 'First paper', 'Second paper ✓'])
    expect(await pageOf(outline[1]!.dest)).toBe(2)
    const children = outline[1]!.items as { title: string; dest: unknown }[]
    expect(children.map((o) => o.title)).toEqual(['Its last page'])
    expect(await pageOf(children[0]!.dest)).toBe(4)
    expect(await pageOf(outline[2]!.dest)).toBe(5)
    const merged = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(merged.getTitle()).toBe('Merged')
  })
})
