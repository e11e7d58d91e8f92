import { exclusionResolution } from './exclusion.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { formatLongDate, formatTime } from '../../shared/dates.ts'
import { approvalLines, attendanceSections, exemptText, PURPOSE_LABELS, whenText, type AttendeeStyle } from '../../shared/record-text.ts'
import type { PublishedItem, PublishedMeeting, PublishedPaper } from '../meetings/minutes.service.ts'
import { publicActionRow, type PublicActionRow, type PublishedAction } from '../actions/actions.types.ts'

/** Turns the published view of a meeting (everything exempt already removed) into what the public page prints. */

const TYPE_LABELS: [RegExp, string][] = [
  [/pdf/, 'PDF'],
  [/wordprocessingml|msword|opendocument\.text/, 'Word'],
  [/spreadsheetml|ms-excel|opendocument\.spreadsheet/, 'Excel'],
  [/presentationml|ms-powerpoint|opendocument\.presentation/, 'PowerPoint'],
  [/^text\/csv/, 'CSV'],
  [/^text\/plain/, 'Text'],
  [/^image\/png/, 'PNG'],
  [/^image\/jpeg/, 'JPEG'],
]

/** "PDF 301 KB", as modern.gov prints a paper's type and size. */
export function paperTypeAndSize(mediaType: string, filename: string, sizeBytes: number): string {
  const type =
    TYPE_LABELS.find(([re]) => re.test(mediaType))?.[1] ?? (filename.includes('.') ? filename.split('.').pop()!.toUpperCase() : 'File')
  const size =
    sizeBytes >= 1024 * 1024 ? `${(sizeBytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(sizeBytes / 1024))} KB`
  return `${type} ${size}`
}

/**
 * The minutes record the resolution excluding the public before each run of consecutive exempt items,
 * naming their numbers and paragraphs (sub-items go with their parent). Keyed by the run's first item.
 */
export function exclusionsBefore(items: PublishedItem[]): Map<string, string> {
  const out = new Map<string, string>()
  let run: Extract<PublishedItem, { kind: 'exempt' }>[] = []
  const flush = () => {
    if (run.length) out.set(run[0]!.id, exclusionResolution({ itemNumbers: run.map((i) => i.number), paragraphs: run.map((i) => i.exemptParagraph) }))
    run = []
  }
  for (const item of items) {
    if (item.isSubItem) continue
    if (item.kind === 'exempt') run.push(item)
    else flush()
  }
  flush()
  return out
}

const paperLink = (p: PublishedPaper) => ({ href: p.href, title: p.title, meta: paperTypeAndSize(p.mediaType, p.filename, p.sizeBytes) })

/** The web page's punctuation of an attendee line. */
const PAGE_ATTENDEE: AttendeeStyle = { deputyFor: (principal) => ` for ${principal}`, whereSeparator: ' – ' }

function publicItem(item: PublishedItem) {
  if (item.kind === 'exempt') {
    return {
      id: item.id,
      number: item.number,
      title: item.title,
      isSubItem: item.isSubItem,
      exempt: true,
      exemptText: exemptText(item.exemptParagraph),
    }
  }
  return {
    id: item.id,
    number: item.number,
    title: item.title,
    isSubItem: item.isSubItem,
    exempt: false,
    description: item.description,
    purpose: item.purpose ? PURPOSE_LABELS[item.purpose] : null,
    presenter: item.presenter,
    urgencyReason: item.urgencyReason,
    papers: item.papers.map(paperLink),
    minutes: item.minutes,
    minutesExcerpt: item.minutesExcerpt,
    decisions: item.decisions.map((d) => d.text),
  }
}

/**
 * What the actions module adds to the public page (see MattersArisingService.publicMeetingExtras): the
 * printed matters arising under their item, and links to each item's topics.
 */
export type PublicMeetingExtras = {
  mattersArising: { itemId: string; lines: { kind: 'action' | 'update'; text: string }[] } | null
  topics: { itemId: string; name: string; href: string }[]
}

function meetingDetails(view: PublishedMeeting, when: string) {
  const details: { key: string; lines: { text: string; href?: string }[] }[] = [
    { key: 'Date and time', lines: [{ text: view.endTime ? `${when} to ${formatTime(view.endTime)}` : when }] },
  ]
  if (view.venue) details.push({ key: 'Venue', lines: [{ text: view.venue }] })
  const contact: { text: string; href?: string }[] = []
  if (view.contact.name) contact.push({ text: view.contact.name })
  if (view.contact.phone) contact.push({ text: view.contact.phone, href: `tel:${view.contact.phone.replace(/[^\d+]/g, '')}` })
  if (view.contact.email) contact.push({ text: view.contact.email, href: `mailto:${view.contact.email}` })
  if (contact.length) details.push({ key: 'Contact', lines: contact })
  return details
}

/** The public actions agreed at the meeting (ActionsService.findPublishedActionsOfMeeting). */
export type PublicMeetingActions = { actions: PublishedAction[]; today: string }

type ContentsEntry = { text: string; href: string; number?: string; isSubItem?: boolean }

/** Fewer entries than this and the page is short enough to read without a contents list. */
export const CONTENTS_MIN_ENTRIES = 4

/**
 * The GOV.UK contents list of a long meeting page: its sections and every item (exempt ones too: their number
 * and title are public), each linking to its anchor.
 */
export function contentsList(sections: { approval: boolean; attendance: boolean; papers: boolean; otherActions: boolean }, items: { id: string; number: string; title: string; isSubItem: boolean }[]): ContentsEntry[] {
  const entries: ContentsEntry[] = []
  if (sections.approval) entries.push({ text: 'Approval of these minutes', href: '#approval' })
  if (sections.attendance) entries.push({ text: 'Attendance', href: '#attendance' })
  if (sections.papers) entries.push({ text: 'Papers for the meeting', href: '#papers' })
  for (const item of items) entries.push({ text: item.title, number: item.number, href: `#item-${item.id}`, isSubItem: item.isSubItem })
  if (sections.otherActions) entries.push({ text: 'Actions agreed at the meeting', href: '#meeting-actions' })
  return entries.length >= CONTENTS_MIN_ENTRIES ? entries : []
}

export function publicMeetingPage(view: PublishedMeeting, extras?: PublicMeetingExtras, agreed?: PublicMeetingActions) {
  const when = whenText(view.date, view.startTime)
  const heading = `${view.title} – ${view.body.name}, ${when}`
  const attendance = view.attendance ? attendanceSections(view.attendance, PAGE_ATTENDEE) : []

  const exclusions = exclusionsBefore(view.items)
  const actionRows = (agreed?.actions ?? []).map((a) => ({ itemId: a.itemId, row: publicActionRow(a, agreed!.today) }))
  const actionsOf = (itemId: string | null): PublicActionRow[] => actionRows.filter((a) => a.itemId === itemId).map((a) => a.row)
  const approval = approvalLines(view.approval)
  const otherActions = actionsOf(null)
  return {
    pageTitle: heading,
    heading,
    caption: view.body.partnershipName,
    breadcrumbs: [
      { text: 'Partnerships', href: structurePaths.public.home() },
      { text: view.body.partnershipName, href: structurePaths.public.partnership(view.body.partnershipSlug) },
      { text: view.body.name, href: structurePaths.public.body(view.body.slug) },
    ],
    title: view.title,
    cancelled: view.cancelled,
    movedFrom: view.movedFrom
      ? `Moved from ${view.movedFrom.time ? whenText(view.movedFrom.date, view.movedFrom.time) : formatLongDate(view.movedFrom.date)}`
      : null,
    details: meetingDetails(view, when),
    agendaPublished: view.agendaPublished,
    minutesDraft: view.minutesPublished && view.status === 'minutes_draft',
    attendance,
    papers: view.papers.map(paperLink),
    items: view.items.map((item) => ({
      ...publicItem(item),
      exclusion: view.minutesPublished ? (exclusions.get(item.id) ?? null) : null,
      mattersArising: extras?.mattersArising?.itemId === item.id ? extras.mattersArising.lines : [],
      topics: (extras?.topics ?? []).filter((t) => t.itemId === item.id).map((t) => ({ text: t.name, href: t.href })),
      actions: item.kind === 'open' ? actionsOf(item.id) : [],
    })),
    otherActions,
    approval,
    contents: contentsList(
      { approval: approval.length > 0, attendance: attendance.length > 0, papers: view.papers.length > 0, otherActions: otherActions.length > 0 },
      view.agendaPublished ? view.items : [],
    ),
  }
}
