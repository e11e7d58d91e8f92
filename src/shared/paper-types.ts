/**
 * The file types a meeting pack may hold, with their media types and labels. Pure data: the meetings module
 * checks uploads against it (meetings/papers.ts), the packs module decides what can be merged into a pack.
 * PDF starts with %PDF-; DOCX/XLSX/PPTX are ZIP files holding word/, xl/ or ppt/ entries.
 */
export const PAPER_TYPES = {
  pdf: { mediaType: 'application/pdf', label: 'PDF', zipDir: null },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)', zipDir: 'word/' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)', zipDir: 'xl/' },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint (PPTX)', zipDir: 'ppt/' },
} as const
export type PaperExtension = keyof typeof PAPER_TYPES

export function isPdf(mediaType: string): boolean {
  return mediaType === PAPER_TYPES.pdf.mediaType
}

/** "Word (DOCX)", or "File" for a media type that is none of the paper types. */
export function paperTypeLabel(mediaType: string): string {
  return Object.values(PAPER_TYPES).find((t) => t.mediaType === mediaType)?.label ?? 'File'
}

/** "PDF, 301 KB": a paper's type and size, as a list of papers prints it. */
export function describePaper(mediaType: string, sizeBytes: number): string {
  const size = sizeBytes < 1024 * 1024 ? `${Math.max(1, Math.round(sizeBytes / 1024))} KB` : `${(sizeBytes / 1024 / 1024).toFixed(1)} MB`
  return `${paperTypeLabel(mediaType)}, ${size}`
}
