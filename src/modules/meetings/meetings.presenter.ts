import { MEETING_STATUS_TAGS } from '../../shared/record-text.ts'
import { formatDateTime, formatLongDate, formatTime, londonDate, shortTime } from '../../shared/dates.ts'
import type { BodyWithPartnership } from '../structure/structure.service.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { meetingPaths } from './meetings.paths.ts'
import { agendaLockReason, type AgendaEntry, type DocumentMeta, type MeetingWithBody, type NoticeStatus, type PublishCheck } from './meetings.service.ts'
import { ITEM_PURPOSES, MEETING_KINDS, type MeetingKind } from './meetings.tables.ts'
import { describePaper, isPdfOnly } from './papers.ts'

/** Turns meetings, agendas and papers into what the secretariat templates print. */

export const KIND_LABELS: Record<MeetingKind, string> = {
  ordinary: 'Ordinary',
  extraordinary: 'Extraordinary',
  away_day: 'Away day',
  challenge_session: 'Challenge session',
}

export const PURPOSE_LABELS = { decision: 'For decision', discussion: 'For discussion', information: 'For information' } as const

/** Schedule 12A Part 1 (England): meeting-law.md section 3. */
export const EXEMPT_PARAGRAPH_LABELS: Record<number, string> = {
  1: 'Information relating to any individual',
  2: 'Information likely to reveal the identity of an individual',
  3: 'Financial or business affairs of any particular person (including the authority)',
  4: 'Labour relations consultations or negotiations',
  5: 'Legal professional privilege',
  6: 'Proposal to give a notice, order or direction under any enactment',
  7: 'Prevention, investigation or prosecution of crime',
}

export const PDF_ONLY_WARNING =
  'HTML is the primary form: this paper is only a PDF and may not be accessible. The Public Sector Bodies Accessibility Regulations 2018 expect an accessible version: upload it as a Word (DOCX) document too, or put its content in the item description.'

type Values = Record<string, unknown>
type SelectItem = { value: string; text: string }

export function exemptLabel(paragraph: number | null): string {
  return paragraph ? `Exempt: paragraph ${paragraph} (${EXEMPT_PARAGRAPH_LABELS[paragraph] ?? ''})` : 'Exempt'
}

function movedFrom(meeting: { movedFromDate: string | null; movedFromTime: string | null; startTime: string }): string | null {
  if (!meeting.movedFromDate) return null
  const time = meeting.movedFromTime && shortTime(meeting.movedFromTime) !== shortTime(meeting.startTime) ? ` at ${formatTime(meeting.movedFromTime)}` : ''
  return `Moved from ${formatLongDate(meeting.movedFromDate)}${time}`
}

export function meetingTitle(meeting: MeetingWithBody): string {
  return `${meeting.body.name}: ${formatLongDate(meeting.date)}`
}

export function meetingTime(meeting: { startTime: string; endTime: string | null }): string {
  return meeting.endTime ? `${formatTime(meeting.startTime)} to ${formatTime(meeting.endTime)}` : formatTime(meeting.startTime)
}

/**
 * Once published: whether the agenda went out in time for the notice the body must give, and for a late one
 * the reason recorded at publication (an urgency ruling for statutory bodies).
 */
export function publicationRecord(
  publishedAt: Date,
  lateReason: string | null,
  notice: Pick<NoticeStatus, 'latestCompliant' | 'clearDays'>,
): { onTime: boolean; text: string; reason: string | null } {
  const days = notice.clearDays === 1 ? '1 clear working day’s' : `${notice.clearDays} clear working days’`
  const onTime = londonDate(publishedAt) <= notice.latestCompliant
  return {
    onTime,
    text: onTime
      ? `Published on time: ${days} notice needed publication by ${formatLongDate(notice.latestCompliant)}.`
      : `Published late: ${days} notice needed publication by ${formatLongDate(notice.latestCompliant)}.`,
    reason: onTime ? null : (lateReason ?? 'No reason was recorded.'),
  }
}

/** "To give 5 clear working days' notice, publish by Friday 25 April 2025 (latest working day; ...)" */
export function noticeSentence(notice: NoticeStatus): string {
  const days = notice.clearDays === 1 ? "1 clear working day's" : `${notice.clearDays} clear working days'`
  const by = `To give ${days} notice, publish by ${formatLongDate(notice.latestWorkingDay)}`
  return notice.latestWorkingDay === notice.latestCompliant
    ? `${by} (the latest compliant date)`
    : `${by} (latest working day; the latest compliant date is ${formatLongDate(notice.latestCompliant)})`
}

/** A paper's row; `sameGroup` is every paper of the same item (or of the meeting as a whole). */
function paperRow(paper: DocumentMeta, sameGroup: readonly DocumentMeta[]) {
  return {
    id: paper.id,
    title: paper.title,
    href: meetingPaths.public.paper(paper.id, paper.filename),
    filename: paper.filename,
    description: describePaper(paper.mediaType, paper.sizeBytes),
    exempt: paper.isExempt ? exemptLabel(paper.exemptParagraph) : null,
    pdfWarning: isPdfOnly(paper, sameGroup) ? PDF_ONLY_WARNING : null,
    deleteHref: meetingPaths.manage.deletePaper(paper.id),
    version: String(paper.version),
  }
}

export function agendaRows(agenda: (AgendaEntry & { withheld?: boolean })[]) {
  return agenda.map((item) => {
    const siblings = agenda.filter((i) => i.parentItemId === item.parentItemId)
    const index = siblings.findIndex((i) => i.id === item.id)
    return {
      id: item.id,
      /** Exempt content left out for a read-only officer. */
      withheld: item.withheld ?? false,
      version: String(item.version),
      number: item.number,
      title: item.title,
      description: item.description,
      isSubItem: item.isSubItem,
      purpose: item.purpose ? PURPOSE_LABELS[item.purpose] : null,
      presenter: item.presenter,
      exempt: item.isExempt ? exemptLabel(item.exemptParagraph) : null,
      late: item.addedAfterPublication,
      urgencyReason: item.urgencyReason,
      papers: item.papers.map((p) => paperRow(p, item.papers)),
      editHref: meetingPaths.manage.editItem(item.id),
      deleteHref: meetingPaths.manage.deleteItem(item.id),
      moveHref: meetingPaths.manage.moveItem(item.id),
      addSubItemHref: `${meetingPaths.manage.newItem(item.meetingId)}?parent=${item.id}`,
      addPaperHref: `${meetingPaths.manage.newPaper(item.meetingId)}?item=${item.id}`,
      canMoveUp: index > 0,
      canMoveDown: index < siblings.length - 1,
    }
  })
}

export function meetingSummaryRows(meeting: MeetingWithBody) {
  const row = (key: string, value: string | null | undefined, html = false) =>
    value ? { key: { text: key }, value: html ? { html: value } : { text: value } } : null
  const contact = [meeting.contactName, meeting.contactPhone, meeting.contactEmail].filter(Boolean).join(', ')
  return [
    row('Body', meeting.body.name),
    row('Date', formatLongDate(meeting.date)),
    row('Time', meetingTime(meeting)),
    row('Venue', meeting.venue),
    row('Kind of meeting', KIND_LABELS[meeting.kind]),
    row('Contact', contact),
    meeting.body.numberingScheme !== 'per_meeting'
      ? row('First item number', String(meeting.firstItemNumber ?? meeting.body.nextItemNumber) + (meeting.firstItemNumber ? '' : " (the body's next number)"))
      : null,
    meeting.cancelledAt ? row('Cancelled', formatDateTime(meeting.cancelledAt)) : null,
    row('Reason for cancellation', meeting.cancellationReason),
    meeting.agendaPublishedAt ? row('Agenda published', formatDateTime(meeting.agendaPublishedAt)) : null,
    row('Reason for late publication', meeting.lateReason),
  ].filter((r) => r !== null)
}

/**
 * The staff meeting page. `canManage` false is a read-only officer: the agenda comes without exempt content (see
 * viewing.ts) and the page offers nothing that changes the meeting.
 */
export function meetingPageView(
  meeting: MeetingWithBody,
  agenda: (AgendaEntry & { withheld?: boolean })[],
  meetingPapers: DocumentMeta[],
  notice: NoticeStatus,
  canManage = true,
) {
  const cancelled = meeting.status === 'cancelled'
  const editLock = agendaLockReason(meeting, 'edit')
  const restructureLock = agendaLockReason(meeting, 'restructure')
  return {
    pageTitle: meetingTitle(meeting),
    meeting,
    title: meetingTitle(meeting),
    statusTag: MEETING_STATUS_TAGS[meeting.status],
    moved: movedFrom(meeting),
    summaryRows: meetingSummaryRows(meeting),
    cancelled,
    /** The user may change the meeting at all (not a read-only officer). */
    canManage,
    /** Details, items and papers may be added or changed (not cancelled, minutes not approved). */
    canEdit: canManage && !editLock,
    /** Items may be deleted or moved and papers deleted (also not once draft minutes are published). */
    canRestructure: canManage && !restructureLock,
    /** Why some changes are no longer offered (cancellation has its own warning). */
    lockReason: cancelled || !canManage ? null : (editLock ?? restructureLock),
    agenda: agendaRows(agenda),
    meetingPapers: meetingPapers.map((p) => paperRow(p, meetingPapers)),
    publish: {
      published: meeting.agendaPublishedAt !== null,
      publishedAt: meeting.agendaPublishedAt ? formatDateTime(meeting.agendaPublishedAt) : null,
      record: meeting.agendaPublishedAt ? publicationRecord(meeting.agendaPublishedAt, meeting.lateReason, notice) : null,
      sentence: noticeSentence(notice),
      late: notice.late,
      statutory: notice.statutory,
      href: meetingPaths.manage.publishAgenda(meeting.id),
    },
    links: {
      edit: meetingPaths.manage.editMeeting(meeting.id),
      cancel: meetingPaths.manage.cancelMeeting(meeting.id),
      newItem: meetingPaths.manage.newItem(meeting.id),
      newPaper: meetingPaths.manage.newPaper(meeting.id),
      attendance: meetingPaths.manage.attendance(meeting.id),
      minutes: meetingPaths.manage.minutes(meeting.id),
      publicPage: meetingPaths.public.meeting(meeting.id),
      body: structurePaths.manage.body(meeting.bodyId),
    },
    breadcrumbs: breadcrumbs(meeting.body),
  }
}

export function breadcrumbs(body: BodyWithPartnership, meeting?: MeetingWithBody) {
  return [
    { text: 'Manage', href: structurePaths.manage.home() },
    { text: body.partnership.name, href: structurePaths.manage.partnership(body.partnership.id) },
    { text: body.name, href: structurePaths.manage.body(body.id) },
    ...(meeting ? [{ text: formatLongDate(meeting.date), href: meetingPaths.manage.meeting(meeting.id) }] : []),
  ]
}

// ---- forms ----

export function meetingFormView(body: BodyWithPartnership, values: Values, meeting?: MeetingWithBody) {
  const continuing = body.numberingScheme !== 'per_meeting'
  return {
    body,
    values,
    kindItems: MEETING_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] })),
    showFirstItemNumber: continuing && !meeting?.agendaPublishedAt,
    firstItemNumberHint: `Leave blank to carry on from the body's numbering (the next number is ${body.nextItemNumber}).`,
    moved: meeting ? movedFrom(meeting) : null,
  }
}

const paragraphItems = (): SelectItem[] => [
  { value: '', text: 'Select a paragraph' },
  ...Object.entries(EXEMPT_PARAGRAPH_LABELS).map(([n, label]) => ({ value: n, text: `Paragraph ${n}: ${label}` })),
]

export function itemFormView(
  meeting: MeetingWithBody,
  agenda: AgendaEntry[],
  values: Values,
  notice: NoticeStatus,
  item?: { id: string; addedAfterPublication: boolean },
) {
  const hasChildren = item ? agenda.some((i) => i.parentItemId === item.id) : false
  const parents = agenda.filter((i) => !i.isSubItem && i.id !== item?.id)
  const askUrgency = item ? item.addedAfterPublication : meeting.agendaPublishedAt !== null
  return {
    meeting,
    values,
    purposeItems: [{ value: '', text: 'Not stated' }, ...ITEM_PURPOSES.map((p) => ({ value: p, text: PURPOSE_LABELS[p] }))],
    parentItems: hasChildren
      ? []
      : [{ value: '', text: 'None: this is a main item' }, ...parents.map((p) => ({ value: p.id, text: `${p.number} ${p.title}` }))],
    paragraphItems: paragraphItems(),
    askUrgency,
    /** The notice period has passed: a warning for every body, a required reason for statutory regimes. */
    urgencyLate: askUrgency && notice.late,
    urgencyRequired: askUrgency && notice.late && notice.statutory,
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    backLink: { href: meetingPaths.manage.meeting(meeting.id) },
  }
}

export function itemValues(item: {
  title: string
  description: string | null
  purpose: string | null
  presenter: string | null
  parentItemId: string | null
  numberOverride: string | null
  isExempt: boolean
  exemptParagraph: number | null
  publicInterestReasoning: string | null
  exemptReviewOn: string | null
  urgencyReason: string | null
  version: number
}): Values {
  return {
    title: item.title,
    description: item.description ?? '',
    purpose: item.purpose ?? '',
    presenter: item.presenter ?? '',
    parentItemId: item.parentItemId ?? '',
    numberOverride: item.numberOverride ?? '',
    isExempt: item.isExempt ? 'true' : '',
    exemptParagraph: item.exemptParagraph ? String(item.exemptParagraph) : '',
    publicInterestReasoning: item.publicInterestReasoning ?? '',
    exemptReviewOn: item.exemptReviewOn ?? '',
    urgencyReason: item.urgencyReason ?? '',
    version: String(item.version),
  }
}

export function paperFormView(meeting: MeetingWithBody, agenda: AgendaEntry[], values: Values, maxUploadBytes: number) {
  return {
    meeting,
    values,
    itemItems: [
      { value: '', text: 'The meeting as a whole' },
      ...agenda.map((i) => ({ value: i.id, text: `${i.number} ${i.title}` })),
    ],
    paragraphItems: paragraphItems(),
    maxSize: `${Math.floor(maxUploadBytes / 1024 / 1024)}MB`,
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    backLink: { href: meetingPaths.manage.meeting(meeting.id) },
  }
}

export function publishView(meeting: MeetingWithBody, check: PublishCheck, values: Values) {
  return {
    pageTitle: 'Publish the agenda',
    meeting,
    action: meetingPaths.manage.publishAgenda(meeting.id),
    title: meetingTitle(meeting),
    values,
    sentence: noticeSentence(check.notice),
    notice: check.notice,
    blocker: check.blocker,
    warnings: check.warnings,
    withheldItems: check.withheldItems.map((i) => ({
      number: i.number,
      title: i.title,
      exempt: i.isExempt ? exemptLabel(i.exemptParagraph) : 'Withheld with its main item',
    })),
    withheldPapers: check.withheldPapers.map((p) => ({ title: p.title, exempt: exemptLabel(p.exemptParagraph) })),
    breadcrumbs: breadcrumbs(meeting.body, meeting),
    backLink: { href: meetingPaths.manage.meeting(meeting.id) },
  }
}
