import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'

import { describePaper, isPdf, PAPER_TYPES, type PaperExtension } from '../../shared/paper-types.ts'

/** Papers: an upload is checked by content (not by the name or the browser's claimed type) against PAPER_TYPES. */
export { isPdf, PAPER_TYPES, type PaperExtension }

const EXTENSIONS = Object.keys(PAPER_TYPES) as PaperExtension[]
const WRONG_TYPE = 'The selected file must be a PDF, DOCX, XLSX or PPTX'

export type CheckedPaper = {
  ext: PaperExtension
  mediaType: string
  filename: string
  bytes: Buffer
  sizeBytes: number
  sha256: string
}

export type UploadCheck = { ok: true; paper: CheckedPaper } | { ok: false; message: string }

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1')
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const CENTRAL_DIR = Buffer.from([0x50, 0x4b, 0x01, 0x02])

/** Names of the entries in a ZIP's central directory (a fallback when there is no [Content_Types].xml). */
export function zipEntryNames(bytes: Buffer): string[] {
  const names: string[] = []
  let at = bytes.indexOf(CENTRAL_DIR)
  while (at !== -1 && at + 46 <= bytes.length) {
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    const end = at + 46 + nameLength
    if (end > bytes.length) break
    names.push(bytes.subarray(at + 46, end).toString('utf8'))
    at = bytes.indexOf(CENTRAL_DIR, end + extraLength + commentLength)
  }
  return names
}

/** What a file really is, judged by its bytes; null when it is none of the accepted types. */
export async function detectPaperType(bytes: Buffer): Promise<PaperExtension | null> {
  if (bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return 'pdf'
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) return null
  let detected: string | undefined
  try {
    detected = (await fileTypeFromBuffer(bytes))?.ext
  } catch {
    detected = undefined
  }
  if (detected === 'docx' || detected === 'xlsx' || detected === 'pptx') return detected
  if (detected && detected !== 'zip') return null // docm, xlsm, jar...: not accepted
  const names = zipEntryNames(bytes)
  for (const ext of ['docx', 'xlsx', 'pptx'] as const) {
    const dir = PAPER_TYPES[ext].zipDir
    if (names.some((n) => n.startsWith(dir))) return ext
  }
  return null
}

/** A safe download name: the base name in plain characters, with the extension the content has. */
export function safeFilename(original: string, ext: PaperExtension): string {
  const base = (original.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '')
  const clean = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
  return `${clean || 'paper'}.${ext}`
}

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name)
  return m ? m[1]!.toLowerCase() : ''
}

/** Check an uploaded file: present, not empty, not too big, an accepted type by content and by name. */
export async function checkUpload(file: unknown, maxBytes: number): Promise<UploadCheck> {
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) return { ok: false, message: 'Select a file' }
  if (file.size === 0) return { ok: false, message: 'The selected file is empty' }
  if (file.size > maxBytes) {
    return { ok: false, message: `The selected file must be smaller than ${Math.floor(maxBytes / 1024 / 1024)}MB` }
  }
  const named = extensionOf(file.name)
  if (!EXTENSIONS.includes(named as PaperExtension)) return { ok: false, message: WRONG_TYPE }
  const bytes = Buffer.from(await file.arrayBuffer())
  const ext = await detectPaperType(bytes)
  if (!ext) return { ok: false, message: WRONG_TYPE }
  if (ext !== named) {
    return { ok: false, message: `The selected file is named .${named} but is really a ${PAPER_TYPES[ext].label} file: rename it and try again` }
  }
  return {
    ok: true,
    paper: {
      ext,
      mediaType: PAPER_TYPES[ext].mediaType,
      filename: safeFilename(file.name, ext),
      bytes,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  }
}

/** "PDF, 301 KB" (shared: the members' home lists papers too). */
export { describePaper }

/**
 * A PDF with no accessible alternative beside it: no Word (DOCX) paper among the other papers of the same
 * item (or of the meeting as a whole, for a meeting-level paper). The secretariat is warned about these
 * (Public Sector Bodies Accessibility Regulations 2018: HTML first, PDF only as an extra copy).
 */
export function isPdfOnly(paper: { id: string; mediaType: string }, sameGroup: readonly { id: string; mediaType: string }[]): boolean {
  return isPdf(paper.mediaType) && !sameGroup.some((p) => p.id !== paper.id && p.mediaType === PAPER_TYPES.docx.mediaType)
}
