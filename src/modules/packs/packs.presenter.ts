import { markdownBlocks, type PrintBlock, type PrintDocument } from '../../platform/outputs/document.ts'
import type { OutlineNode } from '../../platform/outputs/pdf.ts'
import { formatLongDate, formatTime } from '../../shared/dates.ts'
import { slugify } from '../../shared/slug.ts'
import type { PublishedItem, PublishedMeeting } from '../meetings/minutes.service.ts'
import { attendanceSections, type AttendeeStyle } from '../../shared/record-text.ts'

/** How one public paper appears in a pack: merged at a page, or listed as available separately. */
export type PackPaper = {
  id: string
  itemId: string | null
  title: string
  /** Absolute download address. */
  url: string
  typeLabel: string
  placement: { kind: 'merged'; firstPage: number } | { kind: 'separate'; reason: 'format' | 'unreadable' }
}

const LANGUAGE = 'en-GB'

const whenText = (view: PublishedMeeting) =>
  view.endTime ? `${formatTime(view.startTime)} to ${formatTime(view.endTime)}` : formatTime(view.startTime)

function paperNote(paper: PackPaper): string {
  switch (paper.placement.kind) {
    case 'merged':
      return `${paper.title}: page ${paper.placement.firstPage}`
    case 'separate':
      return paper.placement.reason === 'format'
        ? `${paper.title} (${paper.typeLabel}): available separately at ${paper.url}`
        : `${paper.title}: could not be included in this pack; available separately at ${paper.url}`
  }
}

const firstMergedPage = (papers: PackPaper[]): number | null => {
  const merged = papers.find((p) => p.placement.kind === 'merged')
  return merged && merged.placement.kind === 'merged' ? merged.placement.firstPage : null
}

export const packAnchors = { agenda: 'agenda', otherPapers: 'other-papers', minutes: 'minutes', item: (id: string) => `item:${id}` }

/** The front sheet and the agenda of a pack, with the pack page where each open item's papers start. */
export function packDocument(view: PublishedMeeting, papers: PackPaper[], meetingUrl: string, minutesPage: number | null = null): PrintDocument {
  const title = `${view.title}: ${view.body.name}, ${formatLongDate(view.date)}`
  const blocks: PrintBlock[] = [
    { kind: 'paragraph', style: 'lead', text: view.body.partnershipName },
    { kind: 'heading', level: 1, text: view.body.name },
    { kind: 'paragraph', style: 'banner', text: view.title },
  ]
  if (view.cancelled) {
    blocks.push({
      kind: 'paragraph',
      style: 'strong',
      text: `This meeting has been cancelled.${view.cancelled.reason ? ` ${view.cancelled.reason}` : ''}`,
    })
  }
  const fields = [
    { label: 'Date', value: formatLongDate(view.date) },
    { label: 'Time', value: whenText(view) },
  ]
  if (view.venue) fields.push({ label: 'Venue', value: view.venue })
  const contact = [view.contact.name, view.contact.phone, view.contact.email].filter((s): s is string => !!s)
  if (contact.length) fields.push({ label: 'Contact', value: contact.join(', ') })
  if (view.movedFrom) fields.push({ label: 'Moved from', value: formatLongDate(view.movedFrom.date) })
  blocks.push({ kind: 'fields', rows: fields })
  blocks.push({
    kind: 'paragraph',
    text: `The agenda follows this sheet. Each paper that can be printed follows the agenda, in agenda order, starting at the page shown against its item${minutesPage !== null ? ', then the minutes' : ''}. Page numbers are at the foot of each page.`,
  })
  blocks.push({ kind: 'paragraph', style: 'small', text: `This pack is a printed copy of the meeting page: ${meetingUrl}` })
  blocks.push({ kind: 'pageBreak' })
  blocks.push({ kind: 'heading', level: 1, text: 'Agenda', anchor: packAnchors.agenda })

  for (const item of view.items) {
    // Every item keeps its number, title and anchor; an exempt one says why nothing more is printed.
    const entry = { kind: 'entry' as const, number: item.number, title: item.title, indent: item.isSubItem, anchor: packAnchors.item(item.id) }
    if (item.kind === 'exempt') {
      blocks.push({ ...entry, notes: [`Not for publication: Schedule 12A paragraph ${item.exemptParagraph}`] })
      continue
    }
    const own = papers.filter((p) => p.itemId === item.id)
    const page = firstMergedPage(own)
    blocks.push({
      ...entry,
      ...(page !== null ? { reference: `Page ${page}` } : {}),
      notes: [...(item.presenter ? [`Presented by ${item.presenter}`] : []), ...own.map(paperNote)],
    })
  }
  const others = papers.filter((p) => p.itemId === null)
  if (others.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Other papers for this meeting', anchor: packAnchors.otherPapers })
    blocks.push({ kind: 'list', ordered: false, items: others.map(paperNote) })
  }
  if (minutesPage !== null) {
    blocks.push({
      kind: 'entry',
      number: '',
      title: view.status === 'minutes_approved' ? 'Minutes of this meeting' : 'Draft minutes of this meeting',
      reference: `Page ${minutesPage}`,
      anchor: packAnchors.minutes,
    })
  }
  return { title, language: LANGUAGE, subject: `${view.title} pack`, author: view.body.partnershipName, blocks }
}

/**
 * Pack bookmarks: the front sheet, the agenda, then one per agenda item (sub-items under their main item),
 * each at the first page of its papers, or at its agenda line when it has none in the pack.
 */
export function packOutline(view: PublishedMeeting, papers: PackPaper[], anchors: Map<string, number>, minutesPage: number | null = null): OutlineNode[] {
  const agendaPage = anchors.get(packAnchors.agenda) ?? 0
  const nodeOf = (item: PublishedItem): OutlineNode => {
    const page = item.kind === 'open' ? firstMergedPage(papers.filter((p) => p.itemId === item.id)) : null
    return {
      title: `${item.number} ${item.title}`.trim(),
      pageIndex: page !== null ? page - 1 : (anchors.get(packAnchors.item(item.id)) ?? agendaPage),
    }
  }
  const nodes: OutlineNode[] = [
    { title: 'Front sheet', pageIndex: 0 },
    { title: 'Agenda', pageIndex: agendaPage },
  ]
  let main: OutlineNode | null = null
  for (const item of view.items) {
    const node = nodeOf(item)
    if (item.isSubItem && main) (main.children ??= []).push(node)
    else {
      nodes.push(node)
      main = node
    }
  }
  const otherPage = firstMergedPage(papers.filter((p) => p.itemId === null))
  if (otherPage !== null) nodes.push({ title: 'Other papers for this meeting', pageIndex: otherPage - 1 })
  if (minutesPage !== null) nodes.push({ title: view.status === 'minutes_approved' ? 'Minutes' : 'Draft minutes', pageIndex: minutesPage - 1 })
  return nodes
}

/** The printed pack's punctuation of an attendee line. */
const PACK_ATTENDEE: AttendeeStyle = { deputyFor: (principal) => ` (deputy for ${principal})`, whereSeparator: ', ' }

/** Printed minutes: heading, DRAFT until approved, attendance, then each item's minutes and decisions. */
export function minutesDocument(view: PublishedMeeting, meetingUrl: string): PrintDocument {
  const draft = view.status !== 'minutes_approved'
  const blocks: PrintBlock[] = [
    { kind: 'paragraph', style: 'lead', text: view.body.partnershipName },
    { kind: 'heading', level: 1, text: `${view.body.name}: minutes` },
  ]
  if (draft) {
    blocks.push({ kind: 'paragraph', style: 'banner', text: 'DRAFT' })
    blocks.push({ kind: 'paragraph', text: 'These minutes are a draft until the meeting approves them.' })
  }
  const fields = [
    { label: 'Date', value: formatLongDate(view.date) },
    { label: 'Time', value: whenText(view) },
  ]
  if (view.venue) fields.push({ label: 'Venue', value: view.venue })
  if (!draft && view.approval?.approvedAtMeeting) {
    fields.push({ label: 'Approved', value: `At the meeting on ${formatLongDate(view.approval.approvedAtMeeting.date)}` })
  }
  blocks.push({ kind: 'fields', rows: fields })

  if (view.attendance) {
    const sections = attendanceSections(view.attendance, PACK_ATTENDEE)
    if (sections.length) {
      blocks.push({ kind: 'heading', level: 2, text: 'Attendance' })
      for (const s of sections) {
        blocks.push({ kind: 'heading', level: 3, text: s.title })
        blocks.push({ kind: 'list', ordered: false, items: s.lines })
      }
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Minutes' })
  for (const item of view.items) {
    blocks.push({ kind: 'heading', level: 3, text: `${item.number} ${item.title}`.trim() })
    if (item.kind === 'exempt') {
      blocks.push({ kind: 'paragraph', text: `Not for publication: Schedule 12A paragraph ${item.exemptParagraph}` })
      continue
    }
    const minutes = markdownBlocks(item.minutes)
    blocks.push(...(minutes.length ? minutes : [{ kind: 'paragraph' as const, text: 'No minutes were recorded for this item.' }]))
    if (item.decisions.length) {
      blocks.push({ kind: 'paragraph', style: 'strong', text: item.decisions.length === 1 ? 'Decision' : 'Decisions' })
      blocks.push({ kind: 'list', ordered: item.decisions.length > 1, items: item.decisions.map((d) => d.text.replace(/\s+/g, ' ').trim()) })
    }
  }
  blocks.push({ kind: 'paragraph', style: 'small', text: `The meeting page is the primary record: ${meetingUrl}` })
  return {
    title: `${draft ? 'Draft minutes' : 'Minutes'}: ${view.body.name}, ${formatLongDate(view.date)}`,
    language: LANGUAGE,
    subject: 'Minutes',
    author: view.body.partnershipName,
    blocks,
  }
}

/** "executive-board-2027-03-16-agenda-pack.pdf" */
export function downloadName(view: PublishedMeeting, what: 'agenda-pack' | 'minutes' | 'draft-minutes', ext: 'pdf' | 'docx'): string {
  const base = slugify(view.body.name).slice(0, 60) || 'meeting'
  return `${base}-${view.date}-${what}.${ext}`
}
