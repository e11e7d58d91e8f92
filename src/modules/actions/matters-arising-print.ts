import type { BodyWithPartnership } from '../structure/structure.service.ts'
import type { MaEntry, PrintedLine } from './matters-arising-context.ts'
import type { MaOwner } from './matters-arising.repository.ts'

/** How the minutes print matters arising: pure functions of the entries. */

const SHORT_KIND_NAMES: Partial<Record<BodyWithPartnership['kind'], string>> = {
  board: 'Board',
  executive: 'Executive',
  implementation_group: 'Implementation Group',
}

const ORDINAL = (n: number) => {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "19th July 2016", as the minutes print it. */
export function ordinalDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${ORDINAL(d!)} ${MONTHS[m! - 1]} ${y}`
}

/** "Minutes and Matters arising from Executive Meeting held on 19th July 2016". */
export function mattersArisingTitle(body: Pick<BodyWithPartnership, 'kind' | 'name'>, previousDate: string | null): string {
  if (!previousDate) return 'Matters arising'
  return `Minutes and Matters arising from ${SHORT_KIND_NAMES[body.kind] ?? body.name} Meeting held on ${ordinalDate(previousDate)}`
}

/** "Hayley Hughes", "Cllr Bradley and PMO", "A, B and C". */
export function ownerNames(owners: MaOwner[]): string[] {
  return owners.map((o) =>
    o.personFullName
      ? [o.personHonorific, o.personFullName].filter(Boolean).join(' ')
      : (o.organisationName ?? o.groupName ?? ''),
  )
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/**
 * The seed's format. An action whose description starts in lower case reads "<owners> to <description>";
 * one written as a heading ("Circulate Away Day outcomes") reads "<owners>: <description>". Linked actions
 * that share the same update print it once, after the last of them ("both above linked as one action").
 */
export function printMattersArising(entries: MaEntry[]): PrintedLine[] {
  return printLines(entries.map((e) => ({ ...e, update: e.reportedUpdate })))
}

/** The lines for entries whose `update` is the one to print. */
function printLines(entries: Pick<MaEntry, 'id' | 'description' | 'owners' | 'update' | 'linkedIds'>[]): PrintedLine[] {
  const lines: PrintedLine[] = []
  entries.forEach((entry, i) => {
    const owners = joinNames(entry.owners)
    const description = entry.description.trim()
    const text = !owners
      ? description
      : /^\p{Ll}/u.test(description)
        ? `${owners} to ${description}`
        : `${owners}: ${description}`
    lines.push({ kind: 'action', text: `Action – ${text}` })
    const next = entries[i + 1]
    const sharedWithNext =
      !!next && !!entry.update && next.linkedIds.includes(entry.id) && next.update?.text.trim() === entry.update.text.trim()
    if (entry.update && !sharedWithNext) lines.push({ kind: 'update', text: `Update – ${entry.update.text.trim()}` })
  })
  return lines
}
