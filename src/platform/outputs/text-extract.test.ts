import { describe, expect, it } from 'vitest'
import { PDFDocument } from 'pdf-lib'
import { cleanText, extractPaperText } from './text-extract.ts'
import { makeDocx, makePdf } from '../../../test/support/paper-files.ts'

const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

describe('extractPaperText', () => {
  it('reads the text and page count of a PDF, leaving the bytes untouched', async () => {
    const bytes = await makePdf(['Community safety plan narwhal', 'Second page about the pelican budget'])
    const before = Buffer.from(bytes)
    const out = await extractPaperText(bytes, PDF)
    expect(out.status).toBe('extracted')
    expect(out.pageCount).toBe(2)
    expect(out.text).toContain('Community safety plan narwhal')
    expect(out.text).toContain('Second page about the pelican budget')
    expect(bytes.equals(before)).toBe(true)
  })

  it('reads the text of a DOCX', async () => {
    const bytes = await makeDocx(['Report of the Executive', 'The maverick proposal was agreed.'])
    const out = await extractPaperText(bytes, DOCX)
    expect(out).toEqual({ status: 'extracted', text: 'Report of the Executive\n\nThe maverick proposal was agreed.', pageCount: null })
  })

  it('says "empty" for a PDF without a text layer (a scan)', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage([595, 842])
    const out = await extractPaperText(Buffer.from(await pdf.save()), PDF)
    expect(out).toEqual({ status: 'empty', text: null, pageCount: 1 })
  })

  it('says "unsupported" for spreadsheets and slides', async () => {
    const out = await extractPaperText(Buffer.from('PK\u0003\u0004'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(out).toEqual({ status: 'unsupported', text: null, pageCount: null })
  })

  it('says "failed", without throwing, for a damaged file', async () => {
    expect(await extractPaperText(Buffer.from('%PDF-1.7\nnot really a pdf'), PDF)).toMatchObject({ status: 'failed', text: null })
    expect(await extractPaperText(Buffer.from('PK\u0003\u0004 broken zip'), DOCX)).toMatchObject({ status: 'failed', text: null })
  })

  it('caps the text it keeps', async () => {
    const bytes = await makeDocx(['word '.repeat(2000)])
    const out = await extractPaperText(bytes, DOCX, { maxChars: 100 })
    expect(out.status).toBe('extracted')
    expect(out.text!.length).toBe(100)
    expect(out.text!.startsWith('word word')).toBe(true)
  })
})

describe('cleanText', () => {
  it('drops NUL and control characters and collapses blank runs', () => {
    expect(cleanText('a\u0000b\t\tc\r\n\r\n\r\n\r\nd  \n  e')).toBe('a b c\n\nd\ne')
  })
})
