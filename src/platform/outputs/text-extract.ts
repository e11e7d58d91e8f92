import { extractText, getDocumentProxy } from 'unpdf'
import mammoth from 'mammoth'
import { SEARCH_TEXT_LIMIT } from '../db/columns.ts'

/**
 * Plain text from an uploaded paper, for search. PDF through unpdf (pdf.js), DOCX through mammoth.
 * Bounded: the text is cut to `MAX_TEXT_CHARS` (the search vector indexes no more than that), the work
 * gives up after `timeoutMs`, and any error becomes status 'failed'. It never throws: an upload must
 * not fail because its text could not be read.
 */
export type TextStatus = 'extracted' | 'empty' | 'unsupported' | 'failed'
export type ExtractedText = { status: TextStatus; text: string | null; pageCount: number | null }

export const MAX_TEXT_CHARS = SEARCH_TEXT_LIMIT
const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Whitespace runs collapsed (keeping paragraph breaks), control characters (NUL cannot be stored) removed, cut to the limit. */
export function cleanText(raw: string, max = MAX_TEXT_CHARS): string {
  return (
    raw
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ')
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\u00A0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
      .slice(0, max)
  )
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`text extraction took longer than ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

async function fromPdf(bytes: Buffer): Promise<{ text: string; pageCount: number }> {
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy, never the stored bytes.
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: true })
    return { text, pageCount: totalPages }
  } finally {
    await pdf.destroy().catch(() => {})
  }
}

async function fromDocx(bytes: Buffer): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: bytes })
  return result.value
}

export async function extractPaperText(
  bytes: Buffer,
  mediaType: string,
  opts: { timeoutMs?: number; maxChars?: number } = {},
): Promise<ExtractedText> {
  const timeoutMs = opts.timeoutMs ?? 20_000
  const max = opts.maxChars ?? MAX_TEXT_CHARS
  if (mediaType !== PDF && mediaType !== DOCX) return { status: 'unsupported', text: null, pageCount: null }
  let pageCount: number | null = null
  try {
    let raw: string
    if (mediaType === PDF) {
      const pdf = await withTimeout(fromPdf(bytes), timeoutMs)
      raw = pdf.text
      pageCount = pdf.pageCount
    } else {
      raw = await withTimeout(fromDocx(bytes), timeoutMs)
    }
    const text = cleanText(raw, max)
    return text ? { status: 'extracted', text, pageCount } : { status: 'empty', text: null, pageCount }
  } catch {
    return { status: 'failed', text: null, pageCount }
  }
}
