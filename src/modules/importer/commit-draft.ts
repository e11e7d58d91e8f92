import type { Db } from '../../platform/db/client.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import type { ParsedMeeting } from './parser/types.ts'
import type { BodyMatch, ImporterRepository } from './importer.repository.ts'
import type { FieldChange, ImportWrites } from './importer.types.ts'
import type { WrittenRows } from './rules.ts'

export type CommitDeps = {
  repo: ImporterRepository
  writes: ImportWrites
  now: () => Date
  /** Tests only: called inside the document's transaction after everything is written. */
  afterWrite?: ((meetingId: string, parsed: ParsedMeeting) => Promise<void> | void) | undefined
}

export type CommitOptions = { bodyId?: string | null | undefined; createBody?: boolean | undefined; source: string }

/** One document's import in progress: where it goes, what the last import wrote, and what this one did so far. */
export type Draft = {
  deps: CommitDeps
  tx: Db
  actor: Actor
  partnershipId: string
  source: string
  parsed: ParsedMeeting & { date: string }
  stamp: Date
  body: BodyMatch
  meetingId: string
  created: boolean
  /** What the last import recorded about the rows it wrote: only those rows, unchanged since, may be changed. */
  prior: WrittenRows | null
  written: WrittenRows
  changes: FieldChange[]
  notes: string[]
}

/** A row the last import wrote and nobody has changed since (same version). */
export const ours = (d: Draft, kind: 'items' | 'decisions' | 'actions' | 'attendance', id: string, version: number): boolean =>
  d.prior?.[kind][id] === version
