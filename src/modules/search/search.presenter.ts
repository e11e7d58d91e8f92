import { pagination } from '../../platform/views/pagination.ts'
import type { FieldErrors } from '../../platform/http/errors.ts'
import { formatDate, londonToday } from '../../shared/dates.ts'
import { ORGANISATION_TYPE_LABELS, ROLE_LABELS } from '../../shared/record-text.ts'
import { structurePaths } from '../structure/structure.paths.ts'
import { markdownToPlainText } from './snippet-text.ts'
import { STRUCTURE_KINDS, type PersonSeat, type StructureDetails } from './search-structure.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { MARK_START, MARK_STOP, type SearchHit } from './search.repository.ts'
import { SEARCH_KINDS, type SearchKind } from './search.schemas.ts'
import { searchPaths } from './search.paths.ts'
import { PAGE_SIZE, type SearchResults } from './search.service.ts'

type Values = Record<string, string | string[] | undefined>
const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '')
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const err = (errors: FieldErrors | undefined, key: string) => (errors?.[key] ? { text: errors[key] } : undefined)

export const KIND_LABELS: Record<SearchKind, string> = {
  item: 'Agenda item',
  minutes: 'Minutes',
  decision: 'Decision',
  paper: 'Paper',
  action: 'Action',
  partnership: 'Partnership',
  body: 'Board or group',
  organisation: 'Organisation',
  person: 'Person',
}
const KIND_CHECKBOX_LABELS: Record<SearchKind, string> = {
  item: 'Agenda items',
  minutes: 'Minutes',
  decision: 'Decisions',
  paper: 'Papers',
  action: 'Actions',
  partnership: 'Partnerships',
  body: 'Boards and groups',
  organisation: 'Organisations',
  person: 'People (by their seats on boards and groups)',
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)

/**
 * ts_headline output to HTML: everything is escaped, then only the match markers become <mark> (kept
 * balanced). The markers are private-use characters stripped from the text before ts_headline ran, so
 * nothing in a record can forge one; ts_headline's own output is never trusted as HTML.
 */
export function markedToHtml(marked: string): string {
  let html = ''
  let open = false
  for (const piece of marked.split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) {
      if (!open) html += '<mark class="app-search-match">'
      open = true
    } else if (piece === MARK_STOP) {
      if (open) html += '</mark>'
      open = false
    } else {
      html += escapeHtml(piece)
    }
  }
  return open ? `${html}</mark>` : html
}

const names = (list: { name: string }[]) =>
  list.length <= 2 ? list.map((x) => x.name).join(' and ') : `${list.slice(0, -1).map((x) => x.name).join(', ')} and ${list[list.length - 1]!.name}`

/** A seat as the body page prints it: "Chair, Chorley Public Service Reform Board, for Chorley Council (until …)". */
export function seatText(seat: PersonSeat, today: string): string {
  const ended = seat.endsOn !== null && seat.endsOn < today
  return `${ROLE_LABELS[seat.role]}, ${seat.bodyName}${seat.organisationName ? `, for ${seat.organisationName}` : ''}${ended ? ` (until ${formatDate(seat.endsOn!)})` : ''}`
}

/**
 * A partnership, body, organisation or person hit: where it leads (the page that shows it) and what the result
 * says of it (its partnership, what it is a partner in, a person's seats). Public fields only: see search-structure.ts.
 */
export function structureHit(hit: Pick<SearchHit, 'kind' | 'id'>, details: StructureDetails, today: string): { href: string | null; meta: string; extra: string | null } {
  switch (hit.kind) {
    case 'partnership': {
      const p = details.partnerships.get(hit.id)
      return { href: p ? structurePaths.public.partnership(p.slug) : null, meta: 'Partnership', extra: null }
    }
    case 'body': {
      const b = details.bodies.get(hit.id)
      return { href: b ? structurePaths.public.body(b.slug) : null, meta: b ? `Part of ${b.partnershipName}` : '', extra: null }
    }
    case 'organisation': {
      const o = details.organisations.get(hit.id)
      if (!o) return { href: null, meta: '', extra: null }
      const first = o.partnerOf[0]
      const seat = o.seatsOn[0]
      const href = first ? `${structurePaths.public.partnership(first.slug)}#partners` : seat ? `${structurePaths.public.body(seat.slug)}#members` : null
      const parts: string[] = [ORGANISATION_TYPE_LABELS[o.type]]
      if (o.partnerOf.length) parts.push(`Partner in ${names(o.partnerOf)}`)
      if (o.seatsOn.length) parts.push(`Represented on ${names(o.seatsOn)}`)
      return { href, meta: parts.join('. '), extra: null }
    }
    case 'person': {
      const p = details.people.get(hit.id)
      if (!p) return { href: null, meta: '', extra: null }
      const seat = p.seats[0]
      return {
        href: seat ? `${structurePaths.public.body(seat.bodySlug)}#members` : null,
        meta: p.jobTitle ?? 'Member of a board or group',
        extra: p.seats.map((s) => seatText(s, today)).join('; ') || null,
      }
    }
    default:
      return { href: null, meta: '', extra: null }
  }
}

/** Where a hit leads: the meeting page at the item, or the paper itself. */
export function hitHref(hit: Pick<SearchHit, 'kind' | 'id' | 'meetingId' | 'itemId' | 'filename'>): string | null {
  if (hit.kind === 'paper' && hit.filename) return meetingPaths.public.paper(hit.id, hit.filename)
  if (!hit.meetingId) return null
  const page = meetingPaths.public.meeting(hit.meetingId)
  return hit.itemId ? `${page}#item-${hit.itemId}` : page
}

const FILTER_KEYS = ['q', 'body', 'from', 'to', 'kind', 'order'] as const

/** The query string of the current search, for pagination and ordering links. */
export function searchQueryString(values: Values, overrides: { page?: number; order?: string } = {}): string {
  const params = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    if (key === 'order') continue
    for (const v of list(values[key])) if (v !== '') params.append(key, v)
  }
  const order = overrides.order ?? str(values.order)
  if (order === 'date') params.set('order', 'date')
  if (overrides.page && overrides.page > 1) params.set('page', String(overrides.page))
  return params.toString()
}

/** The From and To filters: the same date field, each with its own worked example. */
function dateFilter(name: 'from' | 'to', label: string, example: string, values: Values, errors?: FieldErrors) {
  return {
    id: name,
    name,
    type: 'date',
    label: { text: label },
    hint: { text: `For example, ${example}` },
    classes: 'govuk-input--width-10',
    value: str(values[name]),
    errorMessage: err(errors, name),
  }
}

export function searchPage(results: SearchResults, values: Values, errors?: FieldErrors) {
  const q = str(values.q)
  const body = str(values.body)
  const order = str(values.order) === 'date' ? 'date' : 'relevance'
  const kinds = list(values.kind)
  const base = (extra: { page?: number; order?: string } = {}) => searchPaths.public.search(searchQueryString(values, extra))
  const today = londonToday()
  const hits = results.hits.map((hit) => {
    // Minutes, decisions and actions are Markdown: a snippet (and an action's title) reads as plain words.
    const snippet = markdownToPlainText(hit.snippetMarked)
    const title = hit.kind === 'action' ? markdownToPlainText(hit.titleMarked) : hit.titleMarked
    const structure = (STRUCTURE_KINDS as readonly string[]).includes(hit.kind) ? structureHit(hit, results.details, today) : null
    const snippetHtml = [snippet ? markedToHtml(snippet) : '', structure?.extra ? escapeHtml(structure.extra) : ''].filter(Boolean).join(' ')
    return {
      kind: KIND_LABELS[hit.kind],
      href: structure ? structure.href : hitHref(hit),
      titleHtml: markedToHtml(title),
      snippetHtml,
      meta: structure ? structure.meta : [hit.bodyName, hit.date ? formatDate(hit.date) : null].filter(Boolean).join(', '),
    }
  })
  const firstShown = (results.page - 1) * PAGE_SIZE + 1
  return {
    pageTitle: q && results.searched ? `Search results for "${q}"` : 'Search',
    heading: 'Search meetings and papers',
    action: searchPaths.public.search(),
    searchInput: {
      id: 'q',
      name: 'q',
      type: 'search',
      label: { text: 'Search for', classes: 'govuk-label--s' },
      hint: {
        text: 'Words from item titles, minutes, decisions, actions and papers, or the name of a partnership, board, organisation or member. Put a phrase in quotes; put a minus sign before a word to leave it out.',
      },
      value: q,
      spellcheck: false,
      autocomplete: 'off',
      errorMessage: err(errors, 'q'),
    },
    bodySelect: {
      id: 'body',
      name: 'body',
      label: { text: 'Body' },
      items: [
        { value: '', text: 'All bodies' },
        ...results.bodies.map((b) => ({ value: b.slug, text: `${b.name} (${b.partnershipName})`, selected: b.slug === body })),
      ],
      errorMessage: err(errors, 'body'),
    },
    fromInput: dateFilter('from', 'From', '2015-03-27', values, errors),
    toInput: dateFilter('to', 'To', '2016-03-31', values, errors),
    kindCheckboxes: {
      idPrefix: 'kind',
      name: 'kind',
      classes: 'govuk-checkboxes--small',
      fieldset: { legend: { text: 'Show', classes: 'govuk-fieldset__legend--s' } },
      hint: { text: 'Leave all unticked to search everything.' },
      items: SEARCH_KINDS.map((k) => ({ value: k, text: KIND_CHECKBOX_LABELS[k], checked: kinds.includes(k) })),
    },
    orderRadios: {
      idPrefix: 'order',
      name: 'order',
      classes: 'govuk-radios--small govuk-radios--inline',
      fieldset: { legend: { text: 'Order', classes: 'govuk-fieldset__legend--s' } },
      items: [
        { value: 'relevance', text: 'Most relevant first', checked: order === 'relevance' },
        { value: 'date', text: 'Newest first', checked: order === 'date' },
      ],
    },
    searched: results.searched,
    hasErrors: Boolean(errors && Object.keys(errors).length),
    resultCount:
      results.total === 0
        ? null
        : results.total === 1
          ? '1 result'
          : results.hits.length && results.pageCount > 1
            ? `${results.total} results (showing ${firstShown} to ${firstShown + results.hits.length - 1})`
            : `${results.total} results`,
    noResults: results.searched && results.total === 0,
    pastTheEnd: results.searched && results.total > 0 && results.hits.length === 0,
    q,
    hits,
    pagination: pagination(results, (p) => base({ page: p })),
    clearHref: searchPaths.public.search(),
  }
}
