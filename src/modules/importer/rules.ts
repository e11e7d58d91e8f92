import type { MeetingStatus } from '../meetings/meetings.read.ts'
import type { ActionStatus } from '../actions/actions.read.ts'
import type { ImportedMeetingRow } from './importer.repository.ts'
import type { ParsedMeeting } from './parser/types.ts'

/** What an import may change, decided from what the page says and what the last import wrote. Pure. */

/** What a printed action status means in the action log; null when unknown (kept open). */
export function actionStatusOf(printed: string | null): ActionStatus | null {
  if (!printed) return null
  const s = printed.toLowerCase()
  if (/cleared/.test(s)) return 'cleared'
  if (/complete|done|closed/.test(s)) return 'completed'
  if (/ongoing|in progress|amber|green|red/.test(s)) return 'in_progress'
  if (/open|outstanding|not started|overdue|on hold|carried forward/.test(s)) return 'open'
  if (/deferred|superseded|withdrawn/.test(s)) return 'dropped'
  return null
}

/** An item's parent: "15.26a" under "15.26", "43a" under "43.", "3b" under "3". */
export function parentNumber(number: string | null): string | null {
  if (!number) return null
  const m = /^(.*\d)[a-z]$/.exec(number.trim())
  return m ? (m[1] ?? null) : null
}
export const baseOf = (n: string): string => n.trim().replace(/\.$/, '').toLowerCase()

export const clip = (v: unknown): unknown => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 297)}...` : v)
export const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null)

export function statusFor(parsed: ParsedMeeting): { status: MeetingStatus; note: string | null } {
  if (parsed.minutesDraft === true) return { status: 'minutes_draft', note: null }
  if (parsed.minutesDraft === false) return { status: 'minutes_approved', note: null }
  const hasMinutes = parsed.items.some((i) => i.minutes.trim() !== '')
  return hasMinutes
    ? { status: 'minutes_draft', note: 'The page does not say whether its minutes are draft or approved: imported as draft minutes' }
    : { status: 'agenda_published', note: 'The page has no minutes: imported as a published agenda' }
}

/**
 * The rows an import wrote, with the version it left each at (kept in the audit data of `meeting.imported` /
 * `meeting.reimported`). A re-import changes or deletes only rows listed here whose version is unchanged:
 * anything added or edited in Joined Up since is kept.
 */
export type WrittenRows = {
  items: Record<string, number>
  decisions: Record<string, number>
  actions: Record<string, number>
  attendance: Record<string, number>
  updates: string[]
  /** the meeting's own version after the import (its fields are the page's only while nobody changed it since) */
  meeting?: number
}

export function writtenRowsOf(data: Record<string, unknown> | null): WrittenRows | null {
  const w = data?.written
  if (!w || typeof w !== 'object') return null
  const rec = (v: unknown): Record<string, number> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {})
  const o = w as Record<string, unknown>
  return {
    items: rec(o.items),
    decisions: rec(o.decisions),
    actions: rec(o.actions),
    attendance: rec(o.attendance),
    updates: Array.isArray(o.updates) ? o.updates.filter((u): u is string => typeof u === 'string') : [],
    ...(typeof o.meeting === 'number' ? { meeting: o.meeting } : {}),
  }
}

/**
 * A meeting run in Joined Up: created there (not imported), or only scheduled by an import (the "next meeting")
 * and since worked on in Joined Up. An import never changes one.
 */
export function runInJoinedUp(meeting: ImportedMeetingRow, prior: WrittenRows | null, itemCount: number): boolean {
  if (meeting.importedFrom === null) return true
  if (prior) return false
  return meeting.status !== 'scheduled' || itemCount > 0 || meeting.agendaPublishedAt !== null
}

/**
 * Why an import onto this meeting will be refused, as far as the review screen can tell (the import itself
 * checks again, with the rows the last import wrote); null when it may go ahead.
 */
export function refusalOf(
  m: Pick<ImportedMeetingRow, 'status' | 'importedFrom' | 'minutesApprovedAtMeetingId'>,
  parsed: ParsedMeeting,
): string | null {
  if (m.status === 'cancelled') return 'This meeting was cancelled in Joined Up: it will not be imported.'
  if (m.importedFrom === null) return 'This meeting is run in Joined Up: it will not be changed.'
  if (m.status === 'minutes_approved' && m.minutesApprovedAtMeetingId !== null) {
    return 'The minutes of this meeting were approved at a meeting in Joined Up: they are final and will not be changed.'
  }
  if (m.status === 'minutes_approved' && statusFor(parsed).status !== 'minutes_approved') {
    return 'The minutes of this meeting are approved; this page is not the approved minutes, so nothing will be changed.'
  }
  return null
}

export const MEETING_RANK: Record<MeetingStatus, number> = {
  scheduled: 0,
  agenda_published: 1,
  held: 2,
  minutes_draft: 3,
  minutes_approved: 4,
  cancelled: 5,
}

/** Statuses only move forward on a re-import. */
export const STATUS_RANK: Record<ActionStatus, number> = { open: 0, in_progress: 1, completed: 2, dropped: 2, cleared: 3 }
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

