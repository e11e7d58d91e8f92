/**
 * `npm run cli -- import [--dry-run] [--json] [--partnership <slug>] [--body <name>] [--date YYYY-MM-DD]
 *  [--create-bodies] <files or folders>`
 *
 * - Folders are walked (recursively, in name order) for .html, .htm and .txt files; files named directly are
 *   read whatever their extension (a binary or unrelated file is reported "not a meeting record").
 * - `--dry-run --json` prints issue 4's object (toDryRunJson) for ONE document, or a JSON array of them, in
 *   the order read, when several were given. Without --json, one line per document.
 * - Without --dry-run, every meeting record is committed into the partnership named by --partnership (its
 *   slug), each in one transaction through the importer service; `--json` then prints the import report
 *   ({file, status, meetingId, changes, notes, error}) the same way: one object, or an array.
 * - Exit code: 0 when at least one document was a meeting record (dry run) or was imported (created, updated
 *   or unchanged); 1 when every document failed or none was a meeting record; 2 for a usage error.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../../platform/http/errors.ts'
import { decodeUpload } from './importer.files.ts'
import { isIsoDate } from '../../shared/dates.ts'
import { parseMeetingRecord, toDryRunJson } from './parser/parse-meeting.ts'
import type { ParsedMeeting, ParseHints } from './parser/types.ts'
import { isImportFileName } from './importer.schemas.ts'
import type { ImporterService } from './importer.service.ts'

type Out = { stdout: (s: string) => void; stderr?: (s: string) => void }

/** What a commit needs: the importer service on the configured database, and how to let go of it afterwards. */
export type OpenedImporter = {
  importer: Pick<ImporterService, 'findPartnershipBySlug' | 'findBodyByName' | 'importDocument'>
  close: () => Promise<void>
}
/**
 * Opens the importer for a commit (never for a dry run). The composition root (src/cli.ts) provides it: this
 * module does not open databases or build services itself.
 */
export type ImporterOpener = () => Promise<OpenedImporter>

export const IMPORT_USAGE = `Usage: npm run cli -- import [--dry-run] [--json] [--partnership <slug>] [--body <name>] [--date YYYY-MM-DD] [--create-bodies] <files or folders>

  --dry-run        show what was recognised; change nothing
  --json           print JSON: one object for one document, an array for several
  --partnership    the partnership (slug) to import into (required without --dry-run)
  --body           the body, for pages with no heading (or to import every page into it)
  --date           the meeting date, for pages with no heading
  --create-bodies  create bodies the partnership does not have yet`

/** Files to read: named files as they are, folders walked for .html, .htm and .txt. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && isImportFileName(entry.name)) out.push(full)
    }
  }
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false })
    if (!stat) throw new ImportUsageError(`No such file or folder: ${p}`)
    if (stat.isDirectory()) walk(p)
    else out.push(p)
  }
  return out
}

export class ImportUsageError extends Error {}

const jsonOf = (list: unknown[]): string => `${JSON.stringify(list.length === 1 ? list[0] : list, null, 2)}\n`

function summaryLine(file: string, p: ParsedMeeting): string {
  if (p.kind !== 'meeting') return `${file}: not a meeting record (${p.warnings[0] ?? 'nothing recognised'})`
  const parts = [
    p.body ?? 'no body',
    p.date ?? 'no date',
    `${p.items.length} items`,
    `${p.attendees.length} present`,
    `${p.apologies.length} apologies`,
    `${p.decisions.length} decisions`,
    `${p.actions.length} actions`,
    `next meeting ${p.nextMeeting ?? 'not given'}`,
  ]
  return `${file}: ${parts.join(', ')}${p.warnings.length ? `\n${p.warnings.map((w) => `  warning: ${w}`).join('\n')}` : ''}`
}

export async function runImportCli(
  args: string[],
  out: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
  opts: { openImporter?: ImporterOpener } = {},
): Promise<number> {
  const stderr = out.stderr ?? ((s: string) => out.stdout(s))
  try {
    return await run(args, out, opts)
  } catch (err) {
    if (err instanceof ImportUsageError) {
      stderr(`${err.message}\n\n${IMPORT_USAGE}\n`)
      return 2
    }
    throw err
  }
}

async function run(args: string[], out: Out, opts: { openImporter?: ImporterOpener }): Promise<number> {
  let parsedArgs
  try {
    parsedArgs = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        partnership: { type: 'string' },
        body: { type: 'string' },
        date: { type: 'string' },
        'create-bodies': { type: 'boolean', default: false },
      },
    })
  } catch (err) {
    throw new ImportUsageError(err instanceof Error ? err.message : String(err))
  }
  const { values, positionals } = parsedArgs
  if (positionals.length === 0) throw new ImportUsageError('import needs at least one file or folder')
  if (values.date !== undefined && !isIsoDate(values.date)) throw new ImportUsageError(`--date must be a date like 2016-09-27, not "${values.date}"`)
  if (!values['dry-run'] && !values.partnership) throw new ImportUsageError('import needs --partnership <slug> (or --dry-run)')
  const files = collectFiles(positionals)
  if (files.length === 0) throw new ImportUsageError('No .html, .htm or .txt files were found')

  const hints: ParseHints = {}
  if (values.body) hints.body = values.body
  if (values.date) hints.date = values.date
  const parseFile = (file: string): ParsedMeeting =>
    parseMeetingRecord({ text: decodeUpload(fs.readFileSync(file)).text, fileName: path.basename(file) }, hints)

  if (values['dry-run']) {
    const parsed = files.map((f) => ({ file: f, p: parseFile(f) }))
    out.stdout(values.json ? jsonOf(parsed.map(({ p }) => toDryRunJson(p))) : `${parsed.map(({ file, p }) => summaryLine(file, p)).join('\n')}\n`)
    return parsed.some(({ p }) => p.kind === 'meeting') ? 0 : 1
  }

  // Commit: through the importer service, on the configured database (src/cli.ts opens it, taking the embedded
  // database's lock).
  if (!opts.openImporter) throw new Error('import: nothing to import into (the CLI passes openImporter)')
  const { importer, close } = await opts.openImporter()
  try {
    let partnership
    try {
      partnership = await importer.findPartnershipBySlug(values.partnership ?? '')
    } catch {
      throw new ImportUsageError(`No partnership with the slug "${values.partnership ?? ''}"`)
    }
    let bodyId: string | null = null
    if (values.body) {
      // A body of the partnership by that name takes every page; otherwise --body is only a hint for pages with no heading.
      bodyId = (await importer.findBodyByName(partnership.id, values.body))?.id ?? null
    }
    const reports: { file: string; status: string; meetingId: string | null; changes: unknown[]; notes: string[]; error: string | null }[] = []
    for (const file of files) {
      const p = parseFile(file)
      if (p.kind !== 'meeting') {
        reports.push({ file, status: 'not_a_meeting_record', meetingId: null, changes: [], notes: [], error: p.warnings[0] ?? 'Not a meeting record' })
        continue
      }
      try {
        const outcome = await importer.importDocument({ system: 'cli import' }, partnership.id, p, {
          bodyId,
          createBody: values['create-bodies'],
          source: path.basename(file),
        })
        reports.push({ file, status: outcome.status, meetingId: outcome.meetingId, changes: outcome.changes, notes: outcome.notes, error: null })
      } catch (err) {
        const message = err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err)
        reports.push({ file, status: 'failed', meetingId: null, changes: [], notes: [], error: message })
      }
    }
    if (values.json) out.stdout(jsonOf(reports))
    else {
      for (const r of reports) {
        const what =
          r.status === 'not_a_meeting_record'
            ? `not a meeting record (${r.error ?? ''})`
            : r.status === 'failed'
              ? `failed: ${r.error ?? ''}`
              : `${r.status}${r.changes.length ? ` (${r.changes.length} changes)` : ''}, meeting ${r.meetingId ?? ''}`
        out.stdout(`${r.file}: ${what}\n${r.notes.map((n) => `  note: ${n}\n`).join('')}`)
      }
    }
    return reports.some((r) => r.status === 'created' || r.status === 'updated' || r.status === 'unchanged') ? 0 : 1
  } finally {
    await close()
  }
}
