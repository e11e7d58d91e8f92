import { formatDate, formatDateTime, LONDON, wallClockParts } from '../../shared/dates.ts'
import { auditPaths } from './auditlog.paths.ts'
import type { AuditRow } from './auditlog.repository.ts'
import { eventLabel, subjectLabel } from './event-labels.ts'
import { recordHref } from './record-links.ts'

/** Keys whose values are never shown nor exported, whatever an event put in its data: secrets and their hashes. */
const SECRET_KEY = /password|hash|token|secret|code|otp|credential|cookie|session/i
/** Values that look like a secret even under an innocent key: a password hash, an API token. */
const SECRET_VALUE = /^(scrypt\$|\$argon2|\$2[aby]\$|ju_[A-Za-z0-9_-]{20,})/
const HIDDEN = '(hidden)'
const MAX_SHOWN = 200

/** An event's data without secrets (keys or values that look like one), and without `system` (shown as who). */
export function safeData(data: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return SECRET_VALUE.test(value) ? HIDDEN : value
    if (Array.isArray(value)) return depth > 4 ? '…' : value.map((v) => clean(v, depth + 1))
    if (value && typeof value === 'object') {
      if (depth > 4) return '…'
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? HIDDEN : clean(v, depth + 1)]))
    }
    return value
  }
  const { system: _system, ...rest } = data
  return clean(rest, 0) as Record<string, unknown>
}

/** `statusFrom` -> "Status from". */
const keyLabel = (key: string) => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const valueText = (value: unknown): string => {
  if (value === null || value === undefined) return 'none'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return JSON.stringify(value)
}
const cut = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text)

/** Changes made with no one signed in, by what made them (`system` in the event's data). */
const SYSTEM_ACTORS: Readonly<Record<string, string>> = {
  'sign-in': 'Someone at the sign-in page',
  sso: 'Someone signing in through single sign-on',
  accounts: 'The service (accounts)',
  cli: 'The command line on the server',
  demo: 'The demo loader',
  email_alerts: 'A member of the public (email alerts)',
  importer: 'The importer',
  owner_link: 'An action owner, through their emailed link',
  reminders_opt_out: 'A person, through a reminder’s opt-out link',
}

/** Who did it: a person by name (and email), a process of the service by what it is, or an account since deleted. */
export function whoOf(row: AuditRow): { name: string; email?: string } {
  if (row.actorName) return { name: row.actorName, email: row.actorEmail ?? undefined }
  if (row.actorUserId) return { name: 'A deleted account' }
  const system = typeof row.data.system === 'string' ? row.data.system : ''
  return { name: SYSTEM_ACTORS[system] ?? (system ? `The service (${system.replace(/[_-]/g, ' ')})` : 'The service') }
}

/** The record an event is about, in words: its kind and, where the event says, its name. */
export function recordText(row: AuditRow): string {
  const d = row.data
  const named = [row.subjectUserName, d.title, d.name, d.fullName, d.filename].find((v): v is string => typeof v === 'string' && v !== '')
  const dated = typeof d.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.date) ? formatDate(d.date) : undefined
  const name = named ?? dated
  return name ? `${subjectLabel(row.subjectType)}: ${name}` : subjectLabel(row.subjectType)
}

/** 2026-05-01 14:03:22, London wall-clock time (for the CSV). */
export function londonTimestamp(at: Date): string {
  const p = wallClockParts(at, LONDON)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

/** A row of the audit log's table. */
export function auditTableRow(row: AuditRow) {
  const who = whoOf(row)
  const details = Object.entries(safeData(row.data))
    .filter(([k, v]) => !(k === 'partnershipId' && v === row.partnershipId)) // already shown under the record
    .map(([k, v]) => ({ key: keyLabel(k), value: cut(valueText(v)) }))
  return {
    id: row.id,
    when: formatDateTime(row.at),
    whenIso: row.at.toISOString(),
    whenExact: londonTimestamp(row.at),
    who,
    what: eventLabel(row.event),
    event: row.event,
    record: { text: recordText(row), href: recordHref(row), historyHref: auditPaths.manage.ofRecord(row.subjectType, row.subjectId) },
    partnership: row.partnershipName,
    details,
  }
}

export const CSV_HEADER = ['Event id', 'When (London)', 'When (UTC)', 'Who', 'Email', 'What', 'Event', 'Record type', 'Record id', 'Record', 'Partnership', 'Details'] as const

/** A row of the CSV: the same facts as the page, details as JSON (secrets removed). */
export function auditCsvRow(row: AuditRow): (string | number)[] {
  const who = whoOf(row)
  return [
    row.id,
    londonTimestamp(row.at),
    row.at.toISOString(),
    who.name,
    who.email ?? '',
    eventLabel(row.event),
    row.event,
    row.subjectType,
    row.subjectId,
    recordText(row),
    row.partnershipName ?? '',
    JSON.stringify(safeData(row.data)),
  ]
}

/** audit-log-2026-05-01.csv: the London date of the download. */
export const auditCsvFilename = (today: string) => `audit-log-${today}.csv`
