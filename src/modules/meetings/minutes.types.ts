import type { MembershipView } from '../structure/structure.service.ts'
import type { ItemPurpose, MeetingKind, MeetingStatus } from './meetings.tables.ts'
import type { AttendanceView, PersonOption, PublicPerson } from './minutes.repository.ts'

export type { AttendanceView, PersonOption, PublicPerson }

/** A current seat holder who can be marked present, apologies, absent or deputy. */
export type SeatHolder = {
  person: PublicPerson
  role: MembershipView['role']
  organisation: { id: string; name: string } | null
}

/** Corrections agreed at one later meeting; the first group is the approval itself. */
export type CorrectionGroup = {
  agreedAt: { id: string; date: string; href: string }
  isApproval: boolean
  corrections: { text: string; itemNumber: string | null }[]
}

export type ApprovalHistory = {
  approved: boolean
  approvedAt: Date | null
  approvedAtMeeting: { id: string; date: string; href: string } | null
  groups: CorrectionGroup[]
}

export type PublishedPaper = { id: string; title: string; href: string; mediaType: string; filename: string; sizeBytes: number }

/** An item as the public may see it. Exempt items carry nothing but their number, title and paragraph. */
export type PublishedItem =
  | { kind: 'exempt'; id: string; number: string; title: string; isSubItem: boolean; exemptParagraph: number }
  | {
      kind: 'open'
      id: string
      number: string
      title: string
      isSubItem: boolean
      description: string | null
      purpose: ItemPurpose | null
      presenter: string | null
      urgencyReason: string | null
      papers: PublishedPaper[]
      minutes: string | null
      /**
       * The minutes are only the start of the text (the page they were imported from cut them short), with where
       * the rest can be read: the page's own link, else the page imported from, when it is a web address.
       */
      minutesExcerpt: { sourceUrl: string | null } | null
      decisions: { id: string; text: string }[]
    }

export type PublishedAttendee = {
  person: PublicPerson
  role: MembershipView['role'] | null
  organisation: string | null
  capacity: string | null
  deputyFor: PublicPerson | null
}

/** The public meeting page: everything exempt already removed. */
export type PublishedMeeting = {
  id: string
  title: 'Agenda' | 'Agenda and draft minutes' | 'Agenda and minutes'
  status: MeetingStatus
  kind: MeetingKind
  body: { id: string; name: string; slug: string; partnershipName: string; partnershipSlug: string }
  date: string
  startTime: string
  endTime: string | null
  venue: string | null
  contact: { name: string | null; phone: string | null; email: string | null }
  cancelled: { reason: string | null } | null
  movedFrom: { date: string; time: string | null } | null
  agendaPublished: boolean
  minutesPublished: boolean
  attendance: {
    present: PublishedAttendee[]
    apologies: PublishedAttendee[]
    deputies: PublishedAttendee[]
    inAttendance: PublishedAttendee[]
  } | null
  items: PublishedItem[]
  /** Public papers for the meeting as a whole (on no item), in their order; empty until the agenda is published. */
  papers: PublishedPaper[]
  approval: ApprovalHistory | null
}
