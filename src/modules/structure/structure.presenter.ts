import type {
  BankHolidayRegion,
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
import { BODY_KIND_LABELS, ORGANISATION_TYPE_LABELS, personName, ROLE_LABELS } from '../../shared/record-text.ts'

export { BODY_KIND_LABELS, ORGANISATION_TYPE_LABELS, personName, ROLE_LABELS }
export { meetingRows } from '../../shared/record-text.ts'

// ---- labels ----


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

export function partnershipRowsForManage(partnerships: PartnershipSummary[]) {
  const names = new Map(partnerships.map((p) => [p.id, p.name]))
  return partnerships.map((p) => ({
    name: p.name,
    href: structurePaths.manage.partnership(p.id),
    parent: p.parentPartnershipId ? (names.get(p.parentPartnershipId) ?? '') : '',
  }))
}

export const parentPartnershipSelect = (options: PartnershipSummary[], selected: FormValue, blank = 'None: this is a top-level partnership') =>
  selectItems(
    options.map((p) => ({ value: p.id, text: p.name })),
    selected,
    blank,
  )

export const accountableToSelect = (bodies: BodyInPartnership[], exceptId: string | null, selected: FormValue) =>
  selectItems(
    bodies.filter((b) => b.id !== exceptId).map((b) => ({ value: b.id, text: b.name })),
    selected,
    'Not accountable to another body here',
  )
