import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import { openDataRepository, type MeetingFilter, type OpenItemRow, type OpenMeetingRow, type OpenPaperRow } from './opendata.repository.ts'
import { eventsDocument, ocdEvent, openDataPage, popoloDocument, type Absolute, type OcdEvent } from './opendata.presenter.ts'
import type { EventsQuery, PopoloQuery } from './opendata.schemas.ts'

const groupBy = <T extends { meetingId: string }>(rows: T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.meetingId)
    if (list) list.push(r)
    else out.set(r.meetingId, [r])
  }
  return out
}

/**
 * Open data exports: meetings as Open Civic Data events, structure as Popolo. Lists are built in a
 * fixed number of queries (no N+1), each composing the public rules in meetings/public-rules.ts.
 */
export function openDataService(
  db: Db,
  deps: { structure: StructureService; meetings: MeetingsService; config: Config; now?: () => Date },
) {
  const repo = openDataRepository(db)
  const now = () => (deps.now ? deps.now() : new Date())
  const abs: Absolute = (path) => new URL(path, deps.config.publicUrl).toString()

  async function toEvents(meetings: OpenMeetingRow[]): Promise<OcdEvent[]> {
    const meetingIds = meetings.map((m) => m.id)
    const [items, papers] = await Promise.all([repo.findPublicAgendaItems(meetingIds), repo.findPublicPapers(meetingIds)])
    const itemsOf = groupBy<OpenItemRow>(items)
    const papersOf = groupBy<OpenPaperRow>(papers)
    const at = now()
    return meetings.map((m) => ocdEvent(m, itemsOf.get(m.id) ?? [], papersOf.get(m.id) ?? [], abs, at))
  }

  async function partnershipScope(slug: string | undefined): Promise<string[] | undefined> {
    if (!slug) return undefined
    const partnership = await deps.structure.getPartnershipBySlug(slug)
    return repo.partnershipAndDescendantIds(partnership.id)
  }

  return {
    absolute: abs,

    /** A page of meetings as OCD events, oldest first, with pagination links (absolute URLs). */
    async eventsPage(query: EventsQuery, pageHref: (page: number) => string) {
      const filter: MeetingFilter = { from: query.from, to: query.to, partnershipIds: await partnershipScope(query.partnership) }
      if (query.body) filter.bodyId = (await deps.structure.getBodyBySlug(query.body)).id
      const { rows, total } = await repo.findMeetings(filter, { limit: query.per_page, offset: (query.page - 1) * query.per_page })
      const events = await toEvents(rows)
      return eventsDocument(events, { page: query.page, perPage: query.per_page, total }, (p) => abs(pageHref(p)), abs)
    },

    /** One meeting as an OCD event; NOT_FOUND when there is no such meeting. */
    async meetingEvent(meetingId: string): Promise<OcdEvent> {
      const { rows } = await repo.findMeetings({ ids: [meetingId] }, { limit: 1, offset: 0 })
      if (rows.length === 0) throw notFound('Meeting')
      const [event] = await toEvents(rows)
      return event!
    },

    /** The Popolo export of everything, or of one partnership and the partnerships below it. */
    async popolo(query: PopoloQuery) {
      const scope = await partnershipScope(query.partnership)
      const partnerships = await repo.findPartnerships(scope)
      const partnershipIds = partnerships.map((p) => p.id)
      const bodies = await repo.findBodiesOfPartnerships(partnershipIds)
      const bodyIds = bodies.map((b) => b.id)
      const [memberships, meetings, partners] = await Promise.all([
        repo.findMembershipsOfBodies(bodyIds),
        repo.findMeetingsOfBodies(bodyIds),
        repo.findPartners(scope),
      ])
      const onBehalfOf = [...new Set(memberships.map((m) => m.onBehalfOfOrganisationId).filter((id): id is string => !!id))]
      const [organisations, attendees] = await Promise.all([
        repo.findOrganisations(scope ? { partnershipIds, extraIds: onBehalfOf } : undefined),
        repo.findPublicAttendanceOfBodies(bodyIds),
      ])
      return popoloDocument({ organisations, partnerships, bodies, partners, memberships, meetings, attendees }, abs, now())
    },

    /** What the /open-data page lists. */
    async openDataPage() {
      const partnerships = await deps.structure.listPartnerships()
      return openDataPage(partnerships)
    },
  }
}
export type OpenDataService = ReturnType<typeof openDataService>
