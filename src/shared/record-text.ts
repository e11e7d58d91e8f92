import { formatLongDate, formatTime } from './dates.ts'

/**
 * Words the public record prints for the structure and meetings (labels of roles, kinds and statuses; names,
 * times and approval sentences), shared by the staff pages, the public pages and the printed packs so every
 * channel says the same thing. Pure: no module imports.
 */

export function personName(p: { honorific: string | null; fullName: string }): string {
  return p.honorific ? `${p.honorific} ${p.fullName}` : p.fullName
}

/** A seat's role on a body (the structure module's membership roles). */
export const ROLE_LABELS = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  deputy: 'Deputy',
  secretariat: 'Secretariat',
  observer: 'Observer',
} as const

/** An organisation's type (the structure module's organisation types). */
export const ORGANISATION_TYPE_LABELS = {
  council: 'Council',
  nhs: 'NHS',
  police: 'Police',
  fire: 'Fire and rescue',
  dwp: 'DWP',
  education: 'Education',
  voluntary_sector: 'Voluntary sector',
  other: 'Other',
} as const

export const BODY_KIND_LABELS = {
  board: 'Board',
  executive: 'Executive',
  implementation_group: 'Implementation group',
  thematic_partnership: 'Thematic partnership',
  working_group: 'Working group',
} as const

/** A meeting's status as a GOV.UK tag. */
export const MEETING_STATUS_TAGS = {
  scheduled: { text: 'Scheduled', classes: 'govuk-tag--blue' },
  agenda_published: { text: 'Agenda published', classes: 'govuk-tag--turquoise' },
  held: { text: 'Held', classes: 'govuk-tag--grey' },
  minutes_draft: { text: 'Draft minutes', classes: 'govuk-tag--yellow' },
  minutes_approved: { text: 'Minutes approved', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
} as const

/** A body's meetings as table rows: the date, time and status tag, linking to each meeting. */
export function meetingRows(
  rows: { id: string; date: string; startTime: string; status: keyof typeof MEETING_STATUS_TAGS }[],
  href: (id: string) => string,
) {
  return rows.map((m) => ({
    href: href(m.id),
    date: m.date,
    time: m.startTime,
    status: MEETING_STATUS_TAGS[m.status],
    cancelled: m.status === 'cancelled',
  }))
}

export const PURPOSE_LABELS = {
  decision: 'For decision',
  discussion: 'For discussion',
  information: 'For information',
} as const

/** "Tuesday 10 February 2015, 2.30pm" */
export function whenText(date: string, startTime: string): string {
  return `${formatLongDate(date)}, ${formatTime(startTime)}`
}

export function exemptText(paragraph: number): string {
  return `Exempt under paragraph ${paragraph} of Schedule 12A to the Local Government Act 1972`
}

/** What approvalLines reads of a meeting's approval history (the minutes service's ApprovalHistory). */
export type ApprovalGroups = {
  groups: {
    isApproval: boolean
    agreedAt: { date: string; href: string }
    corrections: { text: string; itemNumber: string | null }[]
  }[]
}

/** Sentences for the approval and any corrections, for the staff and public pages. */
export function approvalLines(history: ApprovalGroups | null) {
  if (!history) return []
  return history.groups.map((g) => {
    const day = formatLongDate(g.agreedAt.date)
    const count = g.corrections.length
    const text = g.isApproval
      ? `Approved as a correct record at the meeting on ${day}${count ? ', with corrections:' : '.'}`
      : `Further ${count === 1 ? 'correction' : 'corrections'} agreed at the meeting on ${day}:`
    return {
      text,
      href: g.agreedAt.href,
      corrections: g.corrections.map((c) => (c.itemNumber ? `${c.text} (item ${c.itemNumber})` : c.text)),
    }
  })
}

/** A published attendee as the attendance lists print them (the minutes service's PublishedAttendee). */
type Attendee = {
  person: { honorific: string | null; fullName: string; jobTitle: string | null }
  role: keyof typeof ROLE_LABELS | null
  organisation: string | null
  capacity: string | null
  deputyFor: { honorific: string | null; fullName: string } | null
}
type AttendanceKind = 'present' | 'apologies' | 'deputies' | 'inAttendance'

/** How a channel punctuates an attendee: the web page writes "A for B – Job", the printed pack "A (deputy for B), Job". */
export type AttendeeStyle = { deputyFor: (principal: string) => string; whereSeparator: string }

const ATTENDANCE_SECTIONS = [
  ['Present', 'present'],
  ['Apologies', 'apologies'],
  ['Deputies', 'deputies'],
  ['In attendance', 'inAttendance'],
] as const

function attendeeLine(a: Attendee, kind: AttendanceKind, style: AttendeeStyle): string {
  let line = personName(a.person)
  if (kind === 'deputies' && a.deputyFor) line += style.deputyFor(personName(a.deputyFor))
  if (kind === 'inAttendance' && a.capacity) line += `, ${a.capacity}`
  if ((kind === 'present' || kind === 'apologies') && a.role && a.role !== 'member') line += ` (${ROLE_LABELS[a.role]})`
  const where = [a.person.jobTitle, a.organisation].filter((s): s is string => !!s)
  return where.length ? `${line}${style.whereSeparator}${where.join(', ')}` : line
}

/** The attendance sections that have anyone in them (Present, Apologies, Deputies, In attendance), a line each. */
export function attendanceSections(attendance: Record<AttendanceKind, Attendee[]>, style: AttendeeStyle) {
  return ATTENDANCE_SECTIONS.map(([title, key]) => ({ title, lines: attendance[key].map((a) => attendeeLine(a, key, style)) })).filter(
    (s) => s.lines.length > 0,
  )
}
