/**
 * What the pure parser understood from one published meeting record. `null` or `[]` where the document
 * does not say; `warnings` lists everything uncertain (the parser never guesses silently).
 */
export type ParseInput = { text?: string; html?: string; fileName?: string }
export type ParseHints = { body?: string; date?: string }

export type ParsedPaper = { title: string; sizeText: string }

export type ParsedItem = {
  /** as printed ("15.26a", "43.", "77/21", "CSF 14/1", "*450"); "Agenda item 1" gives "1"; null when unnumbered */
  number: string | null
  title: string
  /**
   * the "Minutes:" text (or the whole item text when there is no label), without the "... view the full minutes text"
   * marker; the full text when the document holds it
   */
  minutes: string
  /** the page showed only the start of these minutes; `href` is its link to the full text (absolute http(s)), when saved */
  excerpt?: { href: string | null } | null
  decisions: string[]
  papers: ParsedPaper[]
  /** agenda text printed between the title and a "Minutes:" label (null when none) */
  description: string | null
  /** a per-item time slot such as "9.30 am – 9.40 am" */
  timeSlot: { start: string; end: string | null } | null
}

export type ParsedAction = {
  what: string
  who: string | null
  when: string | null
  status: string | null
  update: string | null
}

export type ParsedMeeting = {
  kind: 'meeting' | 'not_a_meeting_record'
  body: string | null
  date: string | null
  time: string | null
  /** the original date when the heading says the meeting was moved ("Moved from 9th October 2018, ...") */
  movedFrom?: string | null
  venue: string | null
  /** the contact's name (phone and email cut off) */
  contact: string | null
  /** the whole "Contact:" line as printed, with the phone and email when given (absent in older stored parses) */
  contactDetails?: string | null
  /** true for "Agenda and draft minutes", false for "Agenda and minutes", null when the page does not say */
  minutesDraft: boolean | null
  items: ParsedItem[]
  attendees: string[]
  apologies: string[]
  /** name (as in attendees/apologies) -> the organisation the page gives for them; absent when it gives none */
  attendeeOrganisations: Record<string, string>
  decisions: string[]
  actions: ParsedAction[]
  nextMeeting: string | null
  /** the time printed with the next meeting's date (HH:MM), null when none (absent in older stored parses) */
  nextMeetingTime?: string | null
  warnings: string[]
}

/** The `import --dry-run --json` shape of issue 4, one object per document. */
export type DryRunJson = {
  body: string | null
  date: string | null
  time: string | null
  venue: string | null
  items: { number: string | null; title: string }[]
  attendees: string[]
  apologies: string[]
  decisions: string[]
  actions: { what: string; who: string | null; when: string | null; status: string | null }[]
  nextMeeting: string | null
  warnings: string[]
}
