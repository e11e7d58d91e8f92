import type {
  BankHolidayRegion,
  BodyKind,
  MembershipRole,
  NumberingScheme,
  OrganisationType,
  Regime,
} from './structure.tables.ts'
import {
  BANK_HOLIDAY_REGIONS,
  BODY_KINDS,
  MEMBERSHIP_ROLES,
  NUMBERING_SCHEMES,
  ORGANISATION_TYPES,
  REGIMES,
} from './structure.tables.ts'
import type {
  BodyInPartnership,
  BodyRow,
  MeetingListRow,
  MembershipRow,
  MembershipView,
  Option,
  OrganisationRow,
  PartnershipRow,
  PartnershipSummary,
  PersonOption,
  PersonRow,
} from './structure.service.ts'
import { structurePaths, withQuery } from './structure.paths.ts'
import { formatDate } from '../../shared/dates.ts'

// ---- labels ----

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  council: 'Council',
  nhs: 'NHS',
  police: 'Police',
  fire: 'Fire and rescue',
  dwp: 'DWP',
  education: 'Education',
  voluntary_sector: 'Voluntary sector',
  other: 'Other',
}

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  board: 'Board',
  executive: 'Executive',
  implementation_group: 'Implementation group',
  thematic_partnership: 'Thematic partnership',
  working_group: 'Working group',
}

export const REGIME_LABELS: Record<Regime, string> = {
  statutory_committee: 'Statutory committee',
  executive: 'Local authority executive',
  hwb: 'Health and wellbeing board',
  csp: 'Community safety partnership',
  informal: 'Informal partnership body',
}

const REGIME_HINTS: Record<Regime, string> = {
  statutory_committee: 'Access to information rules apply. Breaking a statutory rule is a hard block.',
  executive: 'Executive decision rules apply. Breaking a statutory rule is a hard block.',
  hwb: 'A committee of the council under the Health and Social Care Act 2012. Breaking a statutory rule is a hard block.',
  csp: 'A statutory partnership under the Crime and Disorder Act 1998. Breaking a statutory rule is a hard block.',
  informal: 'Not bound by statute. The same rules are shown as warnings, not blocks.',
}

export const NUMBERING_LABELS: Record<NumberingScheme, string> = {
  per_meeting: 'Start again at each meeting (1, 2, 2a)',
  continuing: 'Carry on from the last meeting (43., 43a, 44.)',
  year_sequence: 'Number within the year (15.26, 15.26a)',
}

export const REGION_LABELS: Record<BankHolidayRegion, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
}

export const ROLE_LABELS: Record<MembershipRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  deputy: 'Deputy',
  secretariat: 'Secretariat',
  observer: 'Observer',
}

/**
 * The public body page's meeting status tags (structure.routes.ts, which moves to the public module; the staff body
 * page takes its rows from meetings/body-meetings.types.ts). Delete with that page's move.
 */
const MEETING_STATUS: Record<string, { text: string; classes: string } | undefined> = {
  scheduled: { text: 'Scheduled', classes: 'govuk-tag--blue' },
  agenda_published: { text: 'Agenda published', classes: 'govuk-tag--turquoise' },
  held: { text: 'Held', classes: 'govuk-tag--grey' },
  minutes_draft: { text: 'Draft minutes', classes: 'govuk-tag--yellow' },
  minutes_approved: { text: 'Minutes approved', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
}

// ---- form controls ----

export type SelectItem = { value: string; text: string; selected?: boolean }
type FormValue = string | string[] | undefined

const str = (v: FormValue): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

/** govukSelect items with a blank first choice. */
export function selectItems(options: { value: string; text: string }[], selected: FormValue, blank: string): SelectItem[] {
  const current = str(selected)
  return [{ value: '', text: blank, selected: current === '' }, ...options.map((o) => ({ ...o, selected: o.value === current }))]
}

export const organisationSelect = (options: Option[], selected: FormValue, blank = 'Choose an organisation') =>
  selectItems(
    options.map((o) => ({ value: o.id, text: o.name })),
    selected,
    blank,
  )

export const personSelect = (options: PersonOption[], selected: FormValue) =>
  selectItems(
    options.map((p) => ({ value: p.id, text: personName(p) })),
    selected,
    'Choose a person',
  )

function radios<K extends string>(keys: readonly K[], labels: Record<K, string>, selected: FormValue, hints?: Record<K, string>) {
  const current = str(selected)
  return keys.map((k) => ({ value: k, text: labels[k], checked: k === current, ...(hints ? { hint: { text: hints[k] } } : {}) }))
}

export const organisationTypeItems = (v: FormValue) => radios(ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, v)
export const bodyKindItems = (v: FormValue) => radios(BODY_KINDS, BODY_KIND_LABELS, v)
export const regimeItems = (v: FormValue) => radios(REGIMES, REGIME_LABELS, v, REGIME_HINTS)
export const numberingItems = (v: FormValue) => radios(NUMBERING_SCHEMES, NUMBERING_LABELS, v)
export const regionSelect = (v: FormValue) =>
  BANK_HOLIDAY_REGIONS.map((r) => ({ value: r, text: REGION_LABELS[r], selected: r === str(v) }))
export const roleItems = (v: FormValue) => radios(MEMBERSHIP_ROLES, ROLE_LABELS, v)

// ---- form values from records (strings, as a form posts them) ----

type Values = Record<string, string>
const s = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v))

export const organisationValues = (o: OrganisationRow): Values => ({
  name: o.name,
  shortName: s(o.shortName),
  type: o.type,
  website: s(o.website),
  version: s(o.version),
})

export const personValues = (p: PersonRow): Values => ({
  honorific: s(p.honorific),
  fullName: p.fullName,
  jobTitle: s(p.jobTitle),
  organisationId: s(p.organisationId),
  email: s(p.email),
  phone: s(p.phone),
  version: s(p.version),
})

export const partnershipValues = (p: PartnershipRow): Values => ({
  name: p.name,
  parentPartnershipId: s(p.parentPartnershipId),
  summary: s(p.summary),
  purpose: s(p.purpose),
  vision: s(p.vision),
  version: s(p.version),
})

export const NEW_BODY_VALUES: Values = {
  kind: 'board',
  regime: 'informal',
  numberingScheme: 'per_meeting',
  nextItemNumber: '1',
  noticeClearDays: '5',
  region: 'england-and-wales',
}

export const bodyValues = (b: BodyRow): Values => ({
  name: b.name,
  kind: b.kind,
  regime: b.regime,
  termsOfReference: s(b.termsOfReference),
  quorum: s(b.quorum),
  meetingFrequency: s(b.meetingFrequency),
  accountableToBodyId: s(b.accountableToBodyId),
  numberingScheme: b.numberingScheme,
  nextItemNumber: s(b.nextItemNumber),
  noticeClearDays: s(b.noticeClearDays),
  region: b.region,
  version: s(b.version),
})

export const membershipValues = (m: MembershipRow): Values => ({
  personId: m.personId,
  role: m.role,
  onBehalfOfOrganisationId: s(m.onBehalfOfOrganisationId),
  startsOn: s(m.startsOn),
  endsOn: s(m.endsOn),
  deputyForMembershipId: s(m.deputyForMembershipId),
  version: s(m.version),
})

export { pagination } from '../../platform/views/pagination.ts'

// ---- names and rows ----

export function personName(p: { honorific: string | null; fullName: string }): string {
  return p.honorific ? `${p.honorific} ${p.fullName}` : p.fullName
}


export const pageHref = (path: string, query: Record<string, string> = {}) => (page: number) =>
  withQuery(path, { ...query, page: page === 1 ? undefined : page })

export function organisationRows(rows: OrganisationRow[]) {
  return rows.map((o) => ({
    name: o.name,
    shortName: o.shortName ?? '',
    type: ORGANISATION_TYPE_LABELS[o.type],
    website: o.website ?? '',
    editHref: structurePaths.manage.editOrganisation(o.id),
  }))
}

export function peopleRows(rows: { id: string; honorific: string | null; fullName: string; jobTitle: string | null; organisation: { name: string } | null }[]) {
  return rows.map((p) => ({
    name: personName(p),
    jobTitle: p.jobTitle ?? '',
    organisation: p.organisation?.name ?? '',
    editHref: structurePaths.manage.editPerson(p.id),
  }))
}

export function bodyRowsForManage(bodies: BodyInPartnership[]) {
  return bodies.map((b) => ({
    name: b.name,
    href: structurePaths.manage.body(b.id),
    kind: BODY_KIND_LABELS[b.kind],
    regime: REGIME_LABELS[b.regime],
    accountableTo: b.accountableTo?.name ?? '',
  }))
}

export function partnerRows(
  partnershipId: string,
  partners: { id: string; name: string; type: OrganisationType }[],
  partnershipVersion: number,
) {
  return partners.map((p, i) => ({
    name: p.name,
    /** The partnership's version: a change posted from an out-of-date page is refused. */
    version: String(partnershipVersion),
    type: ORGANISATION_TYPE_LABELS[p.type],
    removeAction: structurePaths.manage.removePartner(partnershipId, p.id),
    moveAction: structurePaths.manage.movePartner(partnershipId, p.id),
    canMoveUp: i > 0,
    canMoveDown: i < partners.length - 1,
  }))
}

const dateOrBlank = (d: string | null) => (d ? formatDate(d) : '')

/** The staff table of seats, with who each deputy stands in for. */
export function membershipRowsForManage(seats: MembershipView[]) {
  const byId = new Map(seats.map((m) => [m.id, m]))
  return seats.map((m) => {
    const principal = m.deputyForMembershipId ? byId.get(m.deputyForMembershipId) : undefined
    return {
      person: personName(m.person),
      role: ROLE_LABELS[m.role],
      organisation: m.organisation?.name ?? '',
      from: dateOrBlank(m.startsOn),
      to: dateOrBlank(m.endsOn),
      deputyFor: principal ? personName(principal.person) : '',
      editHref: structurePaths.manage.editMembership(m.id),
      endHref: structurePaths.manage.endMembership(m.id),
      ended: !!m.endsOn,
    }
  })
}

/** Other seats on the body, for the "deputy for" choice. */
export function deputyForSelect(seats: MembershipView[], exceptId: string | null, selected: FormValue) {
  return selectItems(
    seats
      .filter((m) => m.id !== exceptId && m.role !== 'deputy')
      .map((m) => ({ value: m.id, text: `${personName(m.person)} (${ROLE_LABELS[m.role]}${m.organisation ? `, ${m.organisation.name}` : ''})` })),
    selected,
    'Not a deputy',
  )
}

/** Public: name, role and organisation only. Never contact details. */
export function publicMemberRows(seats: MembershipView[]) {
  return seats.map((m) => ({
    name: personName(m.person),
    jobTitle: m.person.jobTitle ?? '',
    role: ROLE_LABELS[m.role],
    organisation: m.organisation?.name ?? '',
  }))
}

export function meetingRows(rows: MeetingListRow[], href: (id: string) => string) {
  return rows.map((m) => ({
    href: href(m.id),
    date: m.date,
    time: m.startTime,
    status: MEETING_STATUS[m.status],
    cancelled: m.status === 'cancelled',
  }))
}

export function bodySummaryRows(body: BodyRow, accountableTo: { name: string } | null) {
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text: text || 'Not set' } })
  return [
    row('Kind', BODY_KIND_LABELS[body.kind]),
    row('Rules it meets under', REGIME_LABELS[body.regime]),
    row('Accountable to', accountableTo?.name ?? ''),
    row('Quorum', body.quorum ? String(body.quorum) : ''),
    row('Meets', body.meetingFrequency ?? ''),
    row('Agenda numbering', NUMBERING_LABELS[body.numberingScheme]),
    row('Next item number', String(body.nextItemNumber)),
    row('Notice (clear working days)', String(body.noticeClearDays)),
    row('Bank holidays', REGION_LABELS[body.region]),
  ]
}

// ---- trees ----

export type TreeNode<T> = T & { children: TreeNode<T>[] }

/**
 * Builds a forest from parent links. A node whose parent is missing is a root; nodes caught in a
 * loop (which the service refuses, but old data may hold) are shown as roots rather than lost.
 */
export function buildTree<T extends { id: string }>(items: T[], parentOf: (item: T) => string | null): TreeNode<T>[] {
  const ids = new Set(items.map((i) => i.id))
  const childrenOf = new Map<string | null, T[]>()
  for (const item of items) {
    const parent = parentOf(item)
    const key = parent && ids.has(parent) ? parent : null
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), item])
  }
  const placed = new Set<string>()
  const grow = (item: T): TreeNode<T> => {
    placed.add(item.id)
    const children = (childrenOf.get(item.id) ?? []).filter((c) => !placed.has(c.id)).map(grow)
    return { ...item, children }
  }
  const roots = (childrenOf.get(null) ?? []).map(grow)
  for (const item of items) if (!placed.has(item.id)) roots.push(grow(item))
  return roots
}

/** The structure chart: each body under the body it is accountable to, with the line in words. */
export function structureChart(bodies: BodyInPartnership[]) {
  const nodes = bodies.map((b) => ({
    id: b.id,
    name: b.name,
    href: structurePaths.public.body(b.slug),
    kind: BODY_KIND_LABELS[b.kind],
    parentId: b.accountableToBodyId,
    accountableTo: b.accountableTo ? { name: b.accountableTo.name, href: structurePaths.public.body(b.accountableTo.slug) } : null,
    sentence: b.accountableTo ? `${withThe(b.name)} is accountable to ${withThe(b.accountableTo.name, false)}.` : null,
  }))
  const order = (a: { kind: string; name: string }, b: { kind: string; name: string }) => a.name.localeCompare(b.name)
  const sort = <N extends { kind: string; name: string; children: N[] }>(list: N[]): N[] =>
    list.sort(order).map((n) => ({ ...n, children: sort(n.children) }))
  return sort(buildTree(nodes, (n) => n.parentId))
}

/** "The Executive" for a bare kind-like name; names of their own ("Chorley Executive") too. */
function withThe(name: string, capital = true): string {
  if (/^the\s/i.test(name)) return capital ? name.charAt(0).toUpperCase() + name.slice(1) : name
  return `${capital ? 'The' : 'the'} ${name}`
}

export function partnershipTree(partnerships: PartnershipSummary[]) {
  const nodes = partnerships.map((p) => ({
    id: p.id,
    name: p.name,
    summary: p.summary ?? '',
    href: structurePaths.public.partnership(p.slug),
    parentId: p.parentPartnershipId,
  }))
  return buildTree(nodes, (n) => n.parentId)
}

export function partnershipRowsForManage(partnerships: PartnershipSummary[]) {
  const names = new Map(partnerships.map((p) => [p.id, p.name]))
  return partnerships.map((p) => ({
    name: p.name,
    href: structurePaths.manage.partnership(p.id),
    parent: p.parentPartnershipId ? (names.get(p.parentPartnershipId) ?? '') : '',
  }))
}

export const parentPartnershipSelect = (options: PartnershipSummary[], selected: FormValue) =>
  selectItems(
    options.map((p) => ({ value: p.id, text: p.name })),
    selected,
    'None: this is a top-level partnership',
  )

export const accountableToSelect = (bodies: BodyInPartnership[], exceptId: string | null, selected: FormValue) =>
  selectItems(
    bodies.filter((b) => b.id !== exceptId).map((b) => ({ value: b.id, text: b.name })),
    selected,
    'Not accountable to another body here',
  )

const escapeHtml = (v: string): string =>
  v.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
const link = (href: string, text: string) => `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`

/** The public summary of a body: what it is part of, who it answers to, quorum, how often it meets. */
export function publicBodySummaryRows(
  body: Pick<BodyRow, 'quorum' | 'meetingFrequency'>,
  partnership: { name: string; href: string },
  accountableTo: { name: string; href: string } | null,
) {
  return [
    { key: { text: 'Partnership' }, value: { html: link(partnership.href, partnership.name) } },
    ...(accountableTo ? [{ key: { text: 'Accountable to' }, value: { html: link(accountableTo.href, accountableTo.name) } }] : []),
    ...(body.quorum ? [{ key: { text: 'Quorum' }, value: { text: String(body.quorum) } }] : []),
    ...(body.meetingFrequency ? [{ key: { text: 'Meets' }, value: { text: body.meetingFrequency } }] : []),
  ]
}
