import { shortTime } from '../../shared/dates.ts'
import { numberAgenda, orderAgenda } from '../../shared/agenda-numbering.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService, PublishedItem, PublishedPaper } from '../meetings/minutes.service.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { DECISION_KEYS, DOCUMENT_KEYS, MEETING_KEYS, type ApiRepository } from './api.repository.ts'
import { DecisionsQuerySchema, DocumentsQuerySchema, MeetingsQuerySchema, parseQuery } from './api.schemas.ts'
import { iso, listing, page, pageArgs, type Query } from './paging.ts'

type MeetingListRow = Awaited<ReturnType<ApiRepository['findMeetings']>>[number]
/** What presentMeeting reads: a list row, or a meeting read through the meetings service. */
type MeetingFields = Omit<MeetingListRow, 'agendaPublic' | 'minutesPublic' | 'bodyName' | 'numberingScheme' | 'nextItemNumber'> & {
  agendaPublic: boolean
  minutesPublic: boolean
}

const hhmm = (t: string | null): string | null => (t ? shortTime(t) : null)

function summaryItem(i: { id: string; number: string; title: string; isSubItem: boolean; exemptParagraph: number | undefined }) {
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    isSubItem: i.isSubItem,
    exempt: i.exemptParagraph !== undefined,
    exemptParagraph: i.exemptParagraph ?? null,
  }
}

/**
 * The API's meetings, papers and decisions: lists composed from the public rules (in the repository's SQL), and
 * one meeting as the public meeting page shows it (the minutes service's published view).
 */
export function meetingLists(
  repo: ApiRepository,
  abs: (path: string) => string,
  deps: { meetings: Pick<MeetingsService, 'getMeeting'>; minutes: Pick<MinutesService, 'findPublishedMeeting'> },
) {
  function presentMeeting(m: MeetingFields) {
    return {
      id: m.id,
      url: abs(meetingPaths.public.meeting(m.id)),
      bodyId: m.bodyId,
      partnershipId: m.partnershipId,
      date: m.date,
      startTime: shortTime(m.startTime),
      endTime: hhmm(m.endTime),
      venue: m.venue,
      kind: m.kind,
      status: m.status,
      cancellationReason: m.status === 'cancelled' ? m.cancellationReason : null,
      movedFrom: m.movedFromDate ? { date: m.movedFromDate, startTime: hhmm(m.movedFromTime) } : null,
      agendaPublished: Boolean(m.agendaPublic),
      minutesPublished: Boolean(m.minutesPublic),
      version: m.version,
      updatedAt: iso(m.updatedAt),
    }
  }

  /** Items for a page of meetings: one query, numbered by the body's scheme (the agenda-numbering helper). */
  async function itemsForMeetings(rows: MeetingListRow[]) {
    const publicRows = rows.filter((m) => m.agendaPublic)
    const items = await repo.findItemsOfMeetings(publicRows.map((m) => m.id))
    const byMeeting = new Map<string, typeof items>()
    for (const item of items) byMeeting.set(item.meetingId, [...(byMeeting.get(item.meetingId) ?? []), item])
    const out = new Map<string, ReturnType<typeof summaryItem>[]>()
    for (const m of publicRows) {
      const list = byMeeting.get(m.id) ?? []
      // As the meetings service numbers an agenda (findAgenda): the meeting's frozen first number, else the body's counter.
      const numbers = numberAgenda(m.numberingScheme, m.firstItemNumber ?? m.nextItemNumber, Number(m.date.slice(0, 4)), list)
      const exemptMains = new Map(list.filter((i) => i.isExempt).map((i) => [i.id, i.exemptParagraph ?? 0]))
      out.set(
        m.id,
        orderAgenda(list).map((i) => {
          const paragraph = i.isExempt ? (i.exemptParagraph ?? 0) : i.parentItemId ? exemptMains.get(i.parentItemId) : undefined
          return summaryItem({ id: i.id, number: numbers.get(i.id) ?? '', title: i.title, isSubItem: i.parentItemId !== null, exemptParagraph: paragraph })
        }),
      )
    }
    return out
  }

  function presentPaper(p: PublishedPaper) {
    return { id: p.id, title: p.title, filename: p.filename, mediaType: p.mediaType, sizeBytes: p.sizeBytes, downloadUrl: abs(p.href) }
  }

  function detailItem(i: PublishedItem) {
    if (i.kind === 'exempt') return summaryItem(i)
    return {
      ...summaryItem({ ...i, exemptParagraph: undefined }),
      description: i.description,
      purpose: i.purpose,
      presenter: i.presenter,
      urgencyReason: i.urgencyReason,
      papers: i.papers.map(presentPaper),
      minutes: i.minutes,
      minutesExcerpt: i.minutesExcerpt,
      decisions: i.decisions.map((d) => ({ id: d.id, text: d.text })),
    }
  }

  return {
    async listMeetings(query: Query) {
      const q = parseQuery(MeetingsQuerySchema, query)
      const filter = {
        bodyId: q.body,
        partnershipId: q.partnership,
        from: q.from,
        to: q.to,
        updatedSince: q.updated_since ? new Date(q.updated_since) : undefined,
      }
      const rows = await repo.findMeetings(filter, pageArgs(q, MEETING_KEYS))
      const result = page(rows, q.limit, (r) => [r.date, r.startTime, r.id], (r) => r)
      if (q.include !== 'items') return { data: result.data.map(presentMeeting), nextCursor: result.nextCursor }
      const items = await itemsForMeetings(result.data)
      return { data: result.data.map((r) => ({ ...presentMeeting(r), items: items.get(r.id) ?? [] })), nextCursor: result.nextCursor }
    },

    /** One meeting with its items as the public meeting page shows them (the minutes service's published view). */
    async getMeeting(id: string) {
      const [meeting, published] = await Promise.all([deps.meetings.getMeeting(id), deps.minutes.findPublishedMeeting(id)])
      return {
        ...presentMeeting({
          ...meeting,
          partnershipId: meeting.body.partnershipId,
          agendaPublic: published.agendaPublished,
          minutesPublic: published.minutesPublished,
        }),
        body: { id: published.body.id, name: published.body.name, partnershipName: published.body.partnershipName },
        papers: published.papers.map(presentPaper),
        items: published.items.map(detailItem),
      }
    },

    listDocuments: listing({
      query: DocumentsQuerySchema,
      keys: DOCUMENT_KEYS,
      find: (q, page) => repo.findPublicDocuments({ meetingId: q.meeting, bodyId: q.body }, page),
      key: (r) => [r.meetingDate, r.id],
      present: ({ sha256: _sha256, ...r }) => ({ ...r, downloadUrl: abs(meetingPaths.public.paper(r.id, r.filename)), updatedAt: iso(r.updatedAt) }),
    }),

    listDecisions: listing({
      query: DecisionsQuerySchema,
      keys: DECISION_KEYS,
      find: (q, page) => repo.findPublicDecisions({ bodyId: q.body, from: q.from, to: q.to }, page),
      key: (r) => [r.meetingDate, r.id],
      present: (r) => ({ ...r, meetingUrl: abs(meetingPaths.public.meeting(r.meetingId)), updatedAt: iso(r.updatedAt) }),
    }),
  }
}
