import { isPaperPublic } from './agenda-rules.ts'
import { approvalHistory } from './approval.ts'
import { meetingPaths } from './meetings.paths.ts'
import type { AttendanceStatus } from './meetings.tables.ts'
import type { AgendaEntry, DocumentMeta, MeetingRow } from './meetings.types.ts'
import { ATTENDANCE_VISIBLE, seatHolders, type MinutesDeps } from './minutes-loading.ts'
import type { AttendanceView } from './minutes.repository.ts'
import type { PublishedAttendee, PublishedItem, PublishedMeeting, PublishedPaper, SeatHolder } from './minutes.types.ts'
import { areMinutesPublished, isAgendaPublished } from './public-rules.ts'

/** A meeting as the public may see it: everything exempt, and people's contact details, removed here. */

const publishPaper = (p: DocumentMeta): PublishedPaper => ({
  id: p.id,
  title: p.title,
  filename: p.filename,
  mediaType: p.mediaType,
  sizeBytes: p.sizeBytes,
  href: meetingPaths.public.paper(p.id, p.filename),
})

/** An address the public page may link to: absolute http(s) only (an import's source may be a file name). */
function sourceOf(address: string | null): string | null {
  if (!address) return null
  try {
    const url = new URL(address)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/** Exempt items (and sub-items of exempt items) keep only number, title and paragraph. */
function publishItems(meeting: MeetingRow, agenda: AgendaEntry[], withMinutes: boolean): PublishedItem[] {
  const byId = new Map(agenda.map((e) => [e.id, e]))
  const exemptParagraph = new Map<string, number>()
  for (const e of agenda) {
    const inherited = e.parentItemId ? exemptParagraph.get(e.parentItemId) : undefined
    if (e.isExempt) exemptParagraph.set(e.id, e.exemptParagraph ?? inherited ?? 0)
    else if (inherited !== undefined) exemptParagraph.set(e.id, inherited)
  }
  return agenda.map((e): PublishedItem => {
    const paragraph = exemptParagraph.get(e.id)
    if (paragraph !== undefined) {
      return { kind: 'exempt', id: e.id, number: e.number, title: e.title, isSubItem: e.isSubItem, exemptParagraph: paragraph }
    }
    return {
      kind: 'open',
      id: e.id,
      number: e.number,
      title: e.title,
      isSubItem: e.isSubItem,
      description: e.description,
      purpose: e.purpose,
      presenter: e.presenter,
      urgencyReason: e.urgencyReason,
      papers: e.papers.filter((p) => isPaperPublic(meeting, p, e, e.parentItemId ? byId.get(e.parentItemId) : undefined)).map(publishPaper),
      minutes: withMinutes ? e.minutes : null,
      minutesExcerpt: withMinutes && e.minutes && e.minutesExcerpt ? { sourceUrl: sourceOf(e.minutesSourceUrl) ?? sourceOf(meeting.importedFrom) } : null,
      decisions: withMinutes ? e.decisions.map((d) => ({ id: d.id, text: d.text })) : [],
    }
  })
}

function publishAttendance(rows: AttendanceView[], seats: SeatHolder[]): NonNullable<PublishedMeeting['attendance']> {
  const order = new Map(seats.map((s, i) => [s.person.id, i]))
  const roles = new Map(seats.map((s) => [s.person.id, s.role]))
  const sorted = [...rows].sort(
    (a, b) => (order.get(a.personId) ?? 1e6) - (order.get(b.personId) ?? 1e6) || a.person.fullName.localeCompare(b.person.fullName),
  )
  const view = (a: AttendanceView): PublishedAttendee => ({
    person: { id: a.person.id, fullName: a.person.fullName, honorific: a.person.honorific, jobTitle: a.person.jobTitle },
    role: roles.get(a.personId) ?? null,
    organisation: a.organisation?.name ?? null,
    capacity: a.capacity,
    deputyFor: a.deputyFor,
  })
  const only = (status: AttendanceStatus) => sorted.filter((a) => a.status === status).map(view)
  return { present: only('present'), apologies: only('apologies'), deputies: only('deputy'), inAttendance: only('in_attendance') }
}

/**
 * The public meeting page. Exempt items keep only their number, title and paragraph; exempt papers,
 * people's contact details and staff-only fields never leave this function.
 */
export async function findPublishedMeeting(deps: MinutesDeps, id: string): Promise<PublishedMeeting> {
  const meeting = await deps.meetings.getMeeting(id)
  // Nothing of a meeting whose agenda was never published, whatever its status: recording attendance
  // or minutes must not publish an agenda the secretariat never published.
  const agendaPublished = isAgendaPublished(meeting)
  const minutesPublished = areMinutesPublished(meeting)
  const attendanceVisible = agendaPublished && ATTENDANCE_VISIBLE.includes(meeting.status)

  const [agenda, meetingPapers] = agendaPublished
    ? await Promise.all([deps.meetings.findAgenda(meeting), deps.meetings.findMeetingPapers(meeting)])
    : [[], []]
  let attendance: PublishedMeeting['attendance'] = null
  if (attendanceVisible) {
    const rows = await deps.repo.findAttendanceOfMeeting(meeting.id)
    const seats = seatHolders(await deps.structure.findMembershipsOfBody(meeting.bodyId, meeting.date))
    attendance = publishAttendance(rows, seats)
  }
  return {
    id: meeting.id,
    title: !minutesPublished ? 'Agenda' : meeting.status === 'minutes_approved' ? 'Agenda and minutes' : 'Agenda and draft minutes',
    status: meeting.status,
    kind: meeting.kind,
    body: {
      id: meeting.body.id,
      name: meeting.body.name,
      slug: meeting.body.slug,
      partnershipName: meeting.body.partnership.name,
      partnershipSlug: meeting.body.partnership.slug,
    },
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    venue: meeting.venue,
    contact: { name: meeting.contactName, phone: meeting.contactPhone, email: meeting.contactEmail },
    cancelled: meeting.status === 'cancelled' ? { reason: meeting.cancellationReason } : null,
    movedFrom: meeting.movedFromDate ? { date: meeting.movedFromDate, time: meeting.movedFromTime } : null,
    agendaPublished,
    minutesPublished,
    attendance,
    items: publishItems(meeting, agenda, minutesPublished),
    // Papers for the meeting as a whole (not on an item): the same rule, with no item to withhold them.
    papers: meetingPapers.filter((p) => isPaperPublic(meeting, p, undefined, undefined)).map(publishPaper),
    approval: minutesPublished ? await approvalHistory(deps, meeting) : null,
  }
}
