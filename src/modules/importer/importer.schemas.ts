import { z } from 'zod'
import { checkbox, optionalDate, optionalText, optionalUuid, versionField } from '../../platform/http/schemas.ts'

/** The upload form's text fields (the files are checked in the route: see `checkUploadedFiles`). */
export const UploadSchema = z.object({
  text: optionalText('the pasted text', 2_000_000),
  bodyId: optionalUuid('Select a body of this partnership'),
  bodyHint: optionalText('the body name', 200),
  dateHint: optionalDate('the meeting date'),
})
export type UploadInput = z.infer<typeof UploadSchema>

export const StartSchema = z.object({ createBodies: checkbox, version: versionField })
export const DiscardSchema = z.object({ version: versionField })

/** File names the importer reads: HTML saved from a browser, or the page's text. */
export const IMPORT_EXTENSIONS = ['.html', '.htm', '.txt'] as const
export const isImportFileName = (name: string): boolean => IMPORT_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext))
/** At most this many documents in one upload. */
export const MAX_FILES = 200

