import { numberAgenda } from '../../shared/agenda-numbering.ts'
import { personName, ROLE_LABELS } from '../../shared/record-text.ts'
import { addDays, LONDON, londonDate, londonInstant, londonOffsetMinutes, shortTime } from '../../shared/dates.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import type { AttendanceStatus, MeetingKind } from '../meetings/meetings.read.ts'
import { structurePaths, withQuery } from '../structure/structure.paths.ts'
import type { MembershipRole } from '../structure/structure.read.ts'
import type {
  OpenAttendeeRow,
  OpenBodyRow,
  OpenItemRow,
  OpenMeetingRow,
  OpenMembershipRow,
  OpenOrganisationRow,
  OpenPaperRow,
  OpenPartnershipRow,
  PublicPersonRow,
} from './opendata.repository.ts'
import { OGL, openDataPaths } from './opendata.paths.ts'
import { EVENTS_PER_PAGE, MAX_EVENTS_PER_PAGE } from './opendata.schemas.ts'

/** Turns a site path into an absolute URL on the public address. */
export type Absolute = (path: string) => string

export const EVENT_STATUSES = ['cancelled', 'tentative', 'confirmed', 'passed'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

// ---------- identifiers (stable: built from the row's UUID) ----------

export const ids = {
  organisation: (id: string) => `ju:organisation/${id}`,
  partnership: (id: string) => `ju:partnership/${id}`,
  body: (id: string) => `ju:body/${id}`,
  person: (id: string) => `ju:person/${id}`,
  membership: (id: string) => `ju:membership/${id}`,
  partner: (partnershipId: string, organisationId: string) => `ju:partner/${partnershipId}/${organisationId}`,
  post: (bodyId: string, role: MembershipRole) => `ju:post/${bodyId}/${role}`,
  event: (meetingId: string) => `ju:meeting/${meetingId}`,
  ocdEvent: (meetingId: string) => `ocd-event/${meetingId}`,
}

// ---------- dates ----------

/** A London wall-clock date and time as ISO 8601 with its UTC offset: BST +01:00, GMT +00:00. */
export function londonDateTime(date: string, time: string): string {
  const offset = londonOffsetMinutes(londonInstant(date, time))
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${date}T${shortTime(time)}:00${sign}${hh}:${mm}`
}

/**
 * Open Civic Data status: cancelled stays cancelled; a meeting that has been held, or whose end (or, with
 * no end time, whose day) is over, has passed; otherwise confirmed once its agenda is published, tentative before.
 */
export function eventStatus(m: Pick<OpenMeetingRow, 'status' | 'date' | 'startTime' | 'endTime' | 'agendaPublishedAt'>, now: Date): EventStatus {
  if (m.status === 'cancelled') return 'cancelled'
  if (m.status === 'held' || m.status === 'minutes_draft' || m.status === 'minutes_approved') return 'passed'
  // Without an end time, a meeting counts as under way until the end of its day.
  const over = m.endTime ? londonInstant(m.date, m.endTime) : londonInstant(addDays(m.date, 1), '00:00')
  if (over.getTime() <= now.getTime()) return 'passed'
  return m.agendaPublishedAt ? 'confirmed' : 'tentative'
}

const KIND_SUFFIX: Record<MeetingKind, string> = {
  ordinary: '',
  extraordinary: ': extraordinary meeting',
  away_day: ': away day',
  challenge_session: ': challenge session',
}

export const eventName = (m: Pick<OpenMeetingRow, 'kind' | 'body'>): string => `${m.body.name}${KIND_SUFFIX[m.kind]}`

// ---------- agenda ----------

/** An entity an agenda item concerns (OCDEP 4 "Related Entities"; pupa's EventAgendaItem.add_entity). */
export type OcdRelatedEntity = { entity_type: string; name: string; note: string | null; id?: string }
/** A recording (OCDEP 4 "Media"). */
export type OcdMedia = { name: string; type: string; date: string; offset: number | null; links: { url: string; media_type: string }[] }

/** An agenda item with every field OCDEP 4 documents and pupa's EventAgendaItem writes, even when empty. */
export type OcdAgendaItem = {
  description: string
  order: string
  notes: string[]
  classification: string[]
  subjects: string[]
  related_entities: OcdRelatedEntity[]
  media: OcdMedia[]
  extras: { number: string; exempt: boolean; exempt_paragraph?: number; purpose?: string; presenter?: string }
}

/**
 * Joined Up records no subjects, linked people, organisations or bills, and no recordings for an item, so
 * these are always empty; they are written all the same, as pupa writes them, so a reader finds every field.
 */
const NO_LINKS = { subjects: [] as string[], related_entities: [] as OcdRelatedEntity[], media: [] as OcdMedia[] }

export const notForPublication = (paragraph: number) => `Not for publication (paragraph ${paragraph})`

/**
 * The agenda in order with OCD "1", "1.2"-style order from the structure (main items, then sub-items) and
 * the number as the body prints it. An exempt item, and any sub-item of one, is its title and
 * "Not for publication (paragraph N)" only.
 */
export function ocdAgenda(meeting: OpenMeetingRow, items: OpenItemRow[]): OcdAgendaItem[] {
  const first = meeting.firstItemNumber ?? meeting.body.nextItemNumber
  const numbers = numberAgenda(meeting.body.numberingScheme, first, Number(meeting.date.slice(0, 4)), items)
  const byPosition = (a: OpenItemRow, b: OpenItemRow) => a.position - b.position || a.id.localeCompare(b.id)
  const mains = items.filter((i) => !i.parentItemId).sort(byPosition)
  const out: OcdAgendaItem[] = []
  const entry = (item: OpenItemRow, order: string, parent: OpenItemRow | null): OcdAgendaItem => {
    const number = numbers.get(item.id) ?? ''
    const exempt = item.isExempt || !!parent?.isExempt || !item.open
    if (exempt) {
      const paragraph = (item.isExempt ? item.exemptParagraph : parent?.exemptParagraph) ?? 0
      return {
        description: item.title,
        order,
        notes: [notForPublication(paragraph)],
        classification: ['exempt'],
        ...NO_LINKS,
        extras: { number, exempt: true, exempt_paragraph: paragraph },
      }
    }
    return {
      description: item.title,
      order,
      notes: item.description ? [item.description] : [],
      classification: item.purpose ? [item.purpose] : [],
      ...NO_LINKS,
      extras: {
        number,
        exempt: false,
        ...(item.purpose ? { purpose: item.purpose } : {}),
        ...(item.presenter ? { presenter: item.presenter } : {}),
      },
    }
  }
  mains.forEach((main, i) => {
    out.push(entry(main, String(i + 1), null))
    items
      .filter((s) => s.parentItemId === main.id)
      .sort(byPosition)
      .forEach((sub, j) => out.push(entry(sub, `${i + 1}.${j + 1}`, main)))
  })
  return out
}

// ---------- Open Civic Data event ----------

export type OcdEvent = ReturnType<typeof ocdEvent>

export function ocdEvent(
  meeting: OpenMeetingRow,
  items: OpenItemRow[],
  papers: OpenPaperRow[],
  abs: Absolute,
  now: Date,
) {
  const page = abs(meetingPaths.public.meeting(meeting.id))
  return {
    _type: 'event' as const,
    id: ids.ocdEvent(meeting.id),
    name: eventName(meeting),
    description: '',
    classification: 'committee-meeting',
    start_time: londonDateTime(meeting.date, meeting.startTime),
    end_time: meeting.endTime ? londonDateTime(meeting.date, meeting.endTime) : null,
    start_date: londonDateTime(meeting.date, meeting.startTime),
    // pupa's schema: a string, blank when unknown (as its Event writes it), never null.
    end_date: meeting.endTime ? londonDateTime(meeting.date, meeting.endTime) : '',
    all_day: false,
    timezone: LONDON,
    status: eventStatus(meeting, now),
    location: meeting.venue ? { name: meeting.venue, note: '', coordinates: null } : null,
    participants: [
      {
        name: meeting.body.name,
        // `type` is the field OCDEP 4 and pupa's schema name; `entity_type` is what pupa writes.
        type: 'organization' as const,
        entity_type: 'organization' as const,
        entity_id: ids.body(meeting.body.id),
        entity_name: meeting.body.name,
        note: 'host',
      },
    ],
    documents: papers.map((p) => {
      const url = abs(meetingPaths.public.paper(p.id, p.filename))
      // date: the day (London) the paper was added, as YYYY-MM-DD (pupa's add_document `date`).
      return { name: p.title, note: p.title, url, media_type: p.mediaType, date: londonDate(p.createdAt), links: [{ url, media_type: p.mediaType }] }
    }),
    agenda: ocdAgenda(meeting, items),
    media: [] as OcdMedia[],
    links: [{ note: 'Meeting page', url: page }],
    sources: [{ note: 'Joined Up', url: page }],
    updated_at: meeting.updatedAt.toISOString(),
    extras: {
      partnership: { id: ids.partnership(meeting.partnership.id), name: meeting.partnership.name },
      kind: meeting.kind,
      cancellation_reason: meeting.status === 'cancelled' ? meeting.cancellationReason : null,
      moved_from: meeting.movedFromDate
        ? { start_time: londonDateTime(meeting.movedFromDate, meeting.movedFromTime ?? meeting.startTime) }
        : null,
      event_json: abs(openDataPaths.meetingEvent(meeting.id)),
    },
  }
}

export type Pagination = { page: number; perPage: number; total: number }

/** The events download: a page of events with its pagination and next/previous links. */
export function eventsDocument(events: OcdEvent[], p: Pagination, pageHref: (page: number) => string, abs: Absolute) {
  const maxPage = Math.max(1, Math.ceil(p.total / p.perPage))
  return {
    licence: OGL,
    source: abs(openDataPaths.index()),
    pagination: {
      page: p.page,
      per_page: p.perPage,
      max_page: maxPage,
      total_items: p.total,
      next: p.page < maxPage ? pageHref(p.page + 1) : null,
      previous: p.page > 1 ? pageHref(Math.min(p.page - 1, maxPage)) : null,
    },
    results: events,
  }
}

// ---------- Popolo ----------

const ATTENDANCE_LABELS: Partial<Record<AttendanceStatus, string>> = {
  present: 'present',
  apologies: 'apologies',
  deputy: 'deputy',
  in_attendance: 'in_attendance',
}

export type PopoloInput = {
  organisations: OpenOrganisationRow[]
  partnerships: OpenPartnershipRow[]
  bodies: OpenBodyRow[]
  partners: { partnershipId: string; organisationId: string; position: number }[]
  memberships: OpenMembershipRow[]
  meetings: OpenMeetingRow[]
  attendees: OpenAttendeeRow[]
}

/**
 * Popolo: organisations, partnerships and bodies as organizations (a body's parent is its partnership),
 * persons by name and public role only, memberships with on_behalf_of, posts per body and role, events
 * with attendees only where the minutes are public (the repository returns no others).
 */
export function popoloDocument(input: PopoloInput, abs: Absolute, now: Date) {
  const partnershipIds = new Set(input.partnerships.map((p) => p.id))
  const organizations = [
    ...input.organisations.map((o) => ({
      id: ids.organisation(o.id),
      name: o.name,
      ...(o.shortName ? { other_names: [{ name: o.shortName, note: 'short name' }] } : {}),
      classification: o.type,
      parent_id: null,
      links: o.website ? [{ url: o.website, note: 'website' }] : [],
    })),
    ...input.partnerships.map((p) => ({
      id: ids.partnership(p.id),
      name: p.name,
      classification: 'partnership',
      parent_id: p.parentPartnershipId && partnershipIds.has(p.parentPartnershipId) ? ids.partnership(p.parentPartnershipId) : null,
      links: [{ url: abs(structurePaths.public.partnership(p.slug)), note: 'Partnership page' }],
    })),
    ...input.bodies.map((b) => ({
      id: ids.body(b.id),
      name: b.name,
      classification: b.kind,
      parent_id: ids.partnership(b.partnershipId),
      links: [{ url: abs(structurePaths.public.body(b.slug)), note: 'Body page' }],
    })),
  ]

  const people = new Map<string, PublicPersonRow>()
  for (const m of input.memberships) people.set(m.person.id, m.person)
  for (const a of input.attendees) people.set(a.personId, { id: a.personId, fullName: a.fullName, honorific: a.honorific, jobTitle: a.jobTitle })
  const persons = [...people.values()]
    .sort((a, b) => a.fullName.localeCompare(b.fullName) || a.id.localeCompare(b.id))
    .map((p) => ({
      id: ids.person(p.id),
      name: personName(p),
      ...(p.honorific ? { honorific_prefix: p.honorific } : {}),
      ...(p.jobTitle ? { role: p.jobTitle } : {}),
    }))

  const bodyName = new Map(input.bodies.map((b) => [b.id, b.name]))
  const posts = new Map<string, { id: string; label: string; role: string; organization_id: string }>()
  for (const m of input.memberships) {
    const id = ids.post(m.bodyId, m.role)
    if (!posts.has(id)) {
      posts.set(id, { id, label: `${ROLE_LABELS[m.role]}, ${bodyName.get(m.bodyId) ?? ''}`.trim(), role: ROLE_LABELS[m.role], organization_id: ids.body(m.bodyId) })
    }
  }

  const memberships = [
    ...input.memberships.map((m) => ({
      id: ids.membership(m.id),
      person_id: ids.person(m.person.id),
      organization_id: ids.body(m.bodyId),
      post_id: ids.post(m.bodyId, m.role),
      role: ROLE_LABELS[m.role],
      start_date: m.startsOn,
      end_date: m.endsOn,
      on_behalf_of_id: m.onBehalfOfOrganisationId ? ids.organisation(m.onBehalfOfOrganisationId) : null,
    })),
    ...input.partners.map((p) => ({
      id: ids.partner(p.partnershipId, p.organisationId),
      member: { '@type': 'Organization' as const, id: ids.organisation(p.organisationId) },
      organization_id: ids.partnership(p.partnershipId),
      role: 'Partner',
    })),
  ]

  const attendeesOf = new Map<string, OpenAttendeeRow[]>()
  for (const a of input.attendees) attendeesOf.set(a.meetingId, [...(attendeesOf.get(a.meetingId) ?? []), a])
  const events = input.meetings.map((m) => {
    const attendees = attendeesOf.get(m.id)
    return {
      id: ids.event(m.id),
      name: eventName(m),
      classification: m.kind,
      start_date: londonDateTime(m.date, m.startTime),
      end_date: m.endTime ? londonDateTime(m.date, m.endTime) : null,
      status: eventStatus(m, now),
      organization_id: ids.body(m.body.id),
      // Popolo's event.json: the location is a string or null (OCD's location object is for the events download).
      location: m.venue ?? null,
      sources: [{ url: abs(meetingPaths.public.meeting(m.id)), note: 'Meeting page' }],
      ...(attendees
        ? {
            attendees: attendees.map((a) => ({
              id: ids.person(a.personId),
              name: personName(a),
              attendance: ATTENDANCE_LABELS[a.status] ?? a.status,
            })),
          }
        : {}),
    }
  })

  return {
    licence: OGL,
    source: abs(openDataPaths.index()),
    organizations,
    persons,
    posts: [...posts.values()],
    memberships,
    events,
  }
}

// ---------- the /open-data page ----------

export function openDataPage(partnerships: { slug: string; name: string }[]) {
  const link = (href: string, text: string, hidden = '') =>
    `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}${hidden ? `<span class="govuk-visually-hidden"> ${escapeHtml(hidden)}</span>` : ''}</a>`
  const code = (s: string) => `<code>${escapeHtml(s)}</code>`
  const row = (key: string, html: string) => ({ key: { text: key }, value: { html } })
  const eventsExample = withQuery(openDataPaths.events(), { from: '2025-01-01', to: '2025-12-31', per_page: 50 })
  return {
    pageTitle: 'Open data',
    licence: OGL,
    popoloRows: [
      row('Format', `${link('https://www.popoloproject.com/', 'Popolo')} JSON (UTF-8)`),
      row('Download', link(openDataPaths.popolo(), openDataPaths.popolo())),
      row('One partnership', `Add ${code('?partnership=')} and the partnership's short name, as in the table below. Partnerships within it are included.`),
    ],
    eventsRows: [
      row('Format', `${link('https://open-civic-data.readthedocs.io/en/latest/data/event.html', 'Open Civic Data event')} JSON (UTF-8)`),
      row('Download', link(openDataPaths.events(), openDataPaths.events())),
      row(
        'Pages',
        `Oldest first, ${EVENTS_PER_PAGE} events a page (${code('per_page')} up to ${MAX_EVENTS_PER_PAGE}). Follow ${code('pagination.next')}, or the ${code('Link')} header, for the next page.`,
      ),
      row(
        'Filters',
        `${code('from')} and ${code('to')} (dates as YYYY-MM-DD, inclusive), ${code('partnership')} and ${code('body')} (short names). For example ${link(eventsExample, eventsExample)}`,
      ),
      row('One meeting', `${code(openDataPaths.meetingEvent('{meeting id}'))}, linked from each event as ${code('extras.event_json')}`),
    ],
    partnershipRows: partnerships.map((p) => [
      { text: p.name },
      { html: link(withQuery(openDataPaths.popolo(), { partnership: p.slug }), 'Popolo JSON', `for ${p.name}`) },
      { html: link(withQuery(openDataPaths.events(), { partnership: p.slug }), 'Events JSON', `for ${p.name}`) },
    ]),
  }
}

function escapeHtml(s: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
  return s.replace(/[&<>"']/g, (ch) => entities[ch]!)
}
