import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { shortTime } from '../../shared/dates.ts'
import { numberAgenda, orderAgenda } from '../../shared/agenda-numbering.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService, PublishedItem } from '../meetings/minutes.service.ts'
import type { ActionsService } from '../actions/actions.service.ts'
import { EditMeetingSchema, NewItemSchema, ScheduleMeetingSchema } from '../meetings/meetings.schemas.ts'
import { UpdateSchema } from '../actions/actions.schemas.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import {
  ACTION_KEYS,
  apiRepository,
  BODY_KEYS,
  DECISION_KEYS,
  DOCUMENT_KEYS,
  MEETING_KEYS,
  MEMBERSHIP_KEYS,
  ORGANISATION_KEYS,
  PARTNERSHIP_KEYS,
  PERSON_KEYS,
  shapeOf,
  type KeyCast,
} from './api.repository.ts'
import {
  ActionsQuerySchema,
  BodiesQuerySchema,
  decodeCursor,
  DecisionsQuerySchema,
  DocumentsQuerySchema,
  encodeCursor,
  formLike,
  MeetingsQuerySchema,
  MembershipsQuerySchema,
  PageQuerySchema,
  parseBody,
  parseQuery,
  VersionOnly,
  type CursorKey,
} from './api.schemas.ts'
import { tokensService } from './tokens.service.ts'

/** One page of a list: the rows, and the cursor of the next page (null on the last). */
export type Page<T> = { data: T[]; nextCursor: string | null }

type Query = Record<string, string>

/** Trim the extra row, and make the next cursor from the last row kept. */
function page<R, T>(rows: R[], limit: number, key: (row: R) => CursorKey, present: (row: R) => T): Page<T> {
  const more = rows.length > limit
  const kept = more ? rows.slice(0, limit) : rows
  const last = kept[kept.length - 1]
  return { data: kept.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null }
}

const pageArgs = (q: { limit: number; cursor?: string | undefined }, keys: readonly { cast: KeyCast }[]) => ({
  limit: q.limit,
  after: q.cursor !== undefined ? decodeCursor(q.cursor, shapeOf(keys)) : null,
})

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null)
const hhmm = (t: string | null): string | null => (t ? shortTime(t) : null)

/**
 * The versioned JSON API: public reads composed from the public rules (public-rules.ts, publishedActionSql,
 * minutes.findPublishedMeeting), and staff writes that go through the meetings and actions services as a
 * token's CurrentUser, so every rule, audit record and version check applies.
 */
export function apiService(db: Db, deps: { structure: StructureService; meetings: MeetingsService; minutes: MinutesService; actions: ActionsService; config: Config }) {
  const repo = apiRepository(db)
  const base = deps.config.publicUrl.replace(/\/$/, '')
  const abs = (path: string) => `${base}${path}`

  type MeetingListRow = Awaited<ReturnType<typeof repo.findMeetings>>[number]

  function presentMeeting(m: MeetingListRow | (Omit<MeetingListRow, 'agendaPublic' | 'minutesPublic' | 'bodyName' | 'numberingScheme' | 'nextItemNumber'> & { agendaPublic: boolean; minutesPublic: boolean })) {
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
      updatedAt: m.updatedAt.toISOString(),
    }
  }

  /** Items for a page of meetings: one query, numbered by the body's scheme (the agenda-numbering helper). */
  async function itemsForMeetings(rows: MeetingListRow[]) {
    const publicRows = rows.filter((m) => m.agendaPublic)
    const items = await repo.findItemsOfMeetings(publicRows.map((m) => m.id))
    const byMeeting = new Map<string, typeof items>()
    for (const item of items) {
      const list = byMeeting.get(item.meetingId) ?? []
      list.push(item)
      byMeeting.set(item.meetingId, list)
    }
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

  function detailItem(i: PublishedItem) {
    if (i.kind === 'exempt') {
      return { ...summaryItem({ ...i, exemptParagraph: i.exemptParagraph }) }
    }
    return {
      ...summaryItem({ ...i, exemptParagraph: undefined }),
      description: i.description,
      purpose: i.purpose,
      presenter: i.presenter,
      urgencyReason: i.urgencyReason,
      papers: i.papers.map((p) => ({
        id: p.id,
        title: p.title,
        filename: p.filename,
        mediaType: p.mediaType,
        sizeBytes: p.sizeBytes,
        downloadUrl: abs(p.href),
      })),
      minutes: i.minutes,
      decisions: i.decisions.map((d) => ({ id: d.id, text: d.text })),
    }
  }

  /** Actions with their owners' names (one query for the page). */
  async function withOwners(rows: ActionFields[]) {
    const owners = await repo.findOwnersOfActions(rows.map((r) => r.id))
    return rows.map((r) => ({
      ...presentAction(r),
      owners: owners
        .filter((o) => o.actionId === r.id)
        .map((o) =>
          o.personId
            ? { type: 'person' as const, id: o.personId, name: o.personHonorific ? `${o.personHonorific} ${o.personName ?? ''}` : (o.personName ?? '') }
            : o.organisationId
              ? { type: 'organisation' as const, id: o.organisationId, name: o.organisationName ?? '' }
              : { type: 'group' as const, id: null, name: o.groupName ?? '' },
        ),
    }))
  }

  const service = {
    tokens: tokensService(db, repo, { structure: deps.structure }),

    // ---- reads (public) ----

    async listPartnerships(query: Query) {
      const q = parseQuery(PageQuerySchema, query)
      const rows = await repo.findPartnerships(pageArgs(q, PARTNERSHIP_KEYS))
      return page(rows, q.limit, (r) => [r.name, r.id], (r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        url: abs(structurePaths.public.partnership(r.slug)),
        summary: r.summary,
        purpose: r.purpose,
        vision: r.vision,
        parentPartnershipId: r.parentPartnershipId,
        updatedAt: r.updatedAt.toISOString(),
      }))
    },

    async listOrganisations(query: Query) {
      const q = parseQuery(PageQuerySchema, query)
      const rows = await repo.findOrganisations(pageArgs(q, ORGANISATION_KEYS))
      return page(rows, q.limit, (r) => [r.name, r.id], (r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        shortName: r.shortName,
        type: r.type,
        website: r.website,
        updatedAt: r.updatedAt.toISOString(),
      }))
    },

    async listBodies(query: Query) {
      const q = parseQuery(BodiesQuerySchema, query)
      const rows = await repo.findBodies({ partnershipId: q.partnership }, pageArgs(q, BODY_KEYS))
      return page(rows, q.limit, (r) => [r.name, r.id], (r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        url: abs(structurePaths.public.body(r.slug)),
        partnershipId: r.partnershipId,
        kind: r.kind,
        regime: r.regime,
        termsOfReference: r.termsOfReference,
        quorum: r.quorum,
        meetingFrequency: r.meetingFrequency,
        accountableToBodyId: r.accountableToBodyId,
        updatedAt: r.updatedAt.toISOString(),
      }))
    },

    async listPeople(query: Query) {
      const q = parseQuery(PageQuerySchema, query)
      const rows = await repo.findPeople(pageArgs(q, PERSON_KEYS))
      return page(rows, q.limit, (r) => [r.fullName, r.id], (r) => ({
        id: r.id,
        honorific: r.honorific,
        fullName: r.fullName,
        jobTitle: r.jobTitle,
        organisationId: r.organisationId,
      }))
    },

    async listMemberships(query: Query) {
      const q = parseQuery(MembershipsQuerySchema, query)
      const rows = await repo.findMemberships({ bodyId: q.body, personId: q.person }, pageArgs(q, MEMBERSHIP_KEYS))
      return page(rows, q.limit, (r) => [r.id], (r) => ({
        id: r.id,
        person: { id: r.personId, honorific: r.personHonorific, fullName: r.personName },
        bodyId: r.bodyId,
        role: r.role,
        onBehalfOfOrganisationId: r.onBehalfOfOrganisationId,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        deputyForMembershipId: r.deputyForMembershipId,
      }))
    },

    async listMeetings(query: Query) {
      const q = parseQuery(MeetingsQuerySchema, query)
      const rows = await repo.findMeetings(
        {
          bodyId: q.body,
          partnershipId: q.partnership,
          from: q.from,
          to: q.to,
          updatedSince: q.updated_since ? new Date(q.updated_since) : undefined,
        },
        pageArgs(q, MEETING_KEYS),
      )
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
        items: published.items.map(detailItem),
      }
    },

    async listDocuments(query: Query) {
      const q = parseQuery(DocumentsQuerySchema, query)
      const rows = await repo.findPublicDocuments({ meetingId: q.meeting, bodyId: q.body }, pageArgs(q, DOCUMENT_KEYS))
      return page(rows, q.limit, (r) => [r.meetingDate, r.id], (r) => ({
        id: r.id,
        meetingId: r.meetingId,
        bodyId: r.bodyId,
        meetingDate: r.meetingDate,
        itemId: r.itemId,
        title: r.title,
        filename: r.filename,
        mediaType: r.mediaType,
        sizeBytes: r.sizeBytes,
        pageCount: r.pageCount,
        downloadUrl: abs(meetingPaths.public.paper(r.id, r.filename)),
        updatedAt: r.updatedAt.toISOString(),
      }))
    },

    async listDecisions(query: Query) {
      const q = parseQuery(DecisionsQuerySchema, query)
      const rows = await repo.findPublicDecisions({ bodyId: q.body, from: q.from, to: q.to }, pageArgs(q, DECISION_KEYS))
      return page(rows, q.limit, (r) => [r.meetingDate, r.id], (r) => ({
        id: r.id,
        text: r.text,
        itemId: r.itemId,
        itemTitle: r.itemTitle,
        meetingId: r.meetingId,
        meetingDate: r.meetingDate,
        meetingUrl: abs(meetingPaths.public.meeting(r.meetingId)),
        bodyId: r.bodyId,
        updatedAt: r.updatedAt.toISOString(),
      }))
    },

    async listActions(query: Query) {
      const q = parseQuery(ActionsQuerySchema, query)
      const rows = await repo.findPublicActions({ bodyId: q.body, status: q.status }, pageArgs(q, ACTION_KEYS))
      const result = page(rows, q.limit, (r) => [r.raisedOn, r.id], (r) => r)
      return { data: await withOwners(result.data), nextCursor: result.nextCursor }
    },

    // ---- writes (API token) ----

    async scheduleMeeting(user: CurrentUser, bodyId: string, json: unknown) {
      const input = parseBody(ScheduleMeetingSchema, formLike(json))
      const row = await deps.meetings.scheduleMeeting(user, bodyId, input)
      return service.getMeeting(row.id)
    },

    /** PATCH: fields sent replace the meeting's; fields left out keep their value. `version` is required. */
    async updateMeeting(user: CurrentUser, id: string, json: unknown) {
      const sent = formLike(json)
      parseBody(VersionOnly, sent)
      const current = await deps.meetings.getManagedMeeting(user, id)
      const merged: Record<string, string> = {
        date: current.date,
        startTime: shortTime(current.startTime),
        endTime: current.endTime ? shortTime(current.endTime) : '',
        venue: current.venue ?? '',
        contactName: current.contactName ?? '',
        contactPhone: current.contactPhone ?? '',
        contactEmail: current.contactEmail ?? '',
        kind: current.kind,
        firstItemNumber: current.firstItemNumber !== null ? String(current.firstItemNumber) : '',
        ...sent,
      }
      const input = parseBody(EditMeetingSchema, merged)
      await deps.meetings.updateMeeting(user, id, input)
      return service.getMeeting(id)
    },

    async addItem(user: CurrentUser, meetingId: string, json: unknown) {
      const input = parseBody(NewItemSchema, formLike(json))
      const item = await deps.meetings.addItem(user, meetingId, input)
      const meeting = await deps.meetings.getMeeting(meetingId)
      const agenda = await deps.meetings.findAgenda(meeting)
      const entry = agenda.find((e) => e.id === item.id)
      return {
        id: item.id,
        meetingId,
        number: entry?.number ?? '',
        title: item.title,
        isSubItem: item.parentItemId !== null,
        parentItemId: item.parentItemId,
        description: item.description,
        purpose: item.purpose,
        presenter: item.presenter,
        exempt: item.isExempt,
        exemptParagraph: item.exemptParagraph,
        addedAfterPublication: item.addedAfterPublication,
        version: item.version,
      }
    },

    async addActionUpdate(user: CurrentUser, actionId: string, json: unknown) {
      const input = parseBody(UpdateSchema, formLike(json))
      const row = await deps.actions.addUpdate(user, actionId, input)
      const [presented] = await withOwners([row])
      return presented!
    },
  }
  return service
}

type ActionFields = {
  id: string
  bodyId: string
  meetingId: string | null
  itemId: string | null
  description: string
  status: string
  dueOn: string | null
  raisedOn: string
  completedOn: string | null
  version: number
  updatedAt: Date
}

function presentAction(r: {
  id: string
  bodyId: string
  meetingId: string | null
  itemId: string | null
  description: string
  status: string
  dueOn: string | null
  raisedOn: string
  completedOn: string | null
  version: number
  updatedAt: Date
}) {
  return {
    id: r.id,
    bodyId: r.bodyId,
    meetingId: r.meetingId,
    itemId: r.itemId,
    description: r.description,
    status: r.status,
    dueOn: r.dueOn,
    raisedOn: r.raisedOn,
    completedOn: r.completedOn,
    version: r.version,
    updatedAt: iso(r.updatedAt)!,
  }
}

export type ApiService = ReturnType<typeof apiService>
