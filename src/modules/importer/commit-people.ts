import { recordAudit } from '../../platform/audit/audit.ts'
import type { AttendanceStatus } from '../meetings/meetings.read.ts'
import type { PersonMatch } from './importer.repository.ts'
import { nameKey, splitName } from './names.ts'
import { ours, type Draft } from './commit-draft.ts'

/** The people and organisations a page names, as the partnership knows them; people it does not are added. */
export type PeopleBook = {
  findPerson: (raw: string) => PersonMatch | undefined
  /** Adds a person the partnership does not know (audited, noted). */
  createPerson: (raw: string, why: string) => Promise<PersonMatch>
  orgNamed: (name: string | undefined) => { id: string; name: string; shortName: string | null } | undefined
  /** attendee name -> the organisation printed with it */
  attendeeOrgs: Record<string, string>
}

/** Owners and attendees: people of the partnership by name (with or without an honorific). */
async function resolvePeople(d: Draft, names: string[]): Promise<Map<string, PersonMatch>> {
  const keys = [...new Set(names.map(nameKey))]
  const fullKeys = [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim().toLowerCase()))]
  const found = await d.deps.repo.peopleOfPartnershipNamed(d.partnershipId, [...new Set([...keys, ...fullKeys])], d.tx)
  const byKey = new Map<string, PersonMatch>()
  for (const p of found) {
    const k = p.fullName.toLowerCase()
    if (!byKey.has(k)) byKey.set(k, p)
  }
  return byKey
}

/** Attendees, apologies and action owners: people of the partnership by name, organisations by name. */
export async function findPeople(d: Draft): Promise<PeopleBook> {
  const { tx, actor, parsed, changes, notes } = d
  const ownerNames = parsed.actions.map((a) => a.who).filter((w): w is string => !!w)
  const attendeeOrgs: Record<string, string> = parsed.attendeeOrganisations ?? {}
  const people = await resolvePeople(d, [...parsed.attendees, ...parsed.apologies, ...ownerNames])
  const orgs = await d.deps.repo.organisationsNamed(
    [...new Set([...ownerNames, ...Object.values(attendeeOrgs)].map((n) => n.trim().toLowerCase()))],
    tx,
  )
  const orgNamed = (name: string | undefined) =>
    name ? orgs.find((o) => o.name.toLowerCase() === name.trim().toLowerCase() || o.shortName?.toLowerCase() === name.trim().toLowerCase()) : undefined
  const findPerson = (raw: string): PersonMatch | undefined =>
    people.get(nameKey(raw)) ?? people.get(raw.replace(/\s+/g, ' ').trim().toLowerCase())
  const createPerson = async (raw: string, why: string): Promise<PersonMatch> => {
    const person = await d.deps.writes.structure.insertPerson({ ...splitName(raw), organisationId: orgNamed(attendeeOrgs[raw])?.id ?? null }, tx)
    // A person an import adds belongs to the importing partnership, like one a secretariat adds by hand.
    await d.deps.writes.structure.notePeopleUse([person.id], d.partnershipId, tx)
    people.set(person.fullName.toLowerCase(), person)
    changes.push({ what: 'person', field: 'created', from: null, to: raw })
    notes.push(`${raw} was not found among the partnership's people: added (${why})`)
    await recordAudit(tx, actor, { event: 'person.created', subjectType: 'person', subjectId: person.id, partnershipId: d.partnershipId, data: { fullName: person.fullName, importedFrom: d.source } })
    return person
  }
  const unknownOrgs = [...new Set(Object.values(attendeeOrgs))].filter((o) => !orgNamed(o))
  if (unknownOrgs.length > 0) notes.push(`Organisations not in Joined Up, so not recorded on attendance: ${unknownOrgs.join(', ')}`)
  return { findPerson, createPerson, orgNamed, attendeeOrgs }
}

/**
 * The attendance: present (a seat on the body that day) or in attendance, and apologies; written only when the
 * import wrote all of it and nobody has changed it since.
 */
export async function writeAttendance(d: Draft, people: PeopleBook): Promise<void> {
  const { tx, parsed, body, created, meetingId, written, changes, notes } = d
  if (parsed.attendees.length + parsed.apologies.length === 0) return
  const seats = await d.deps.repo.seatHolders(body.id, parsed.date, tx)
  const rows = new Map<string, { status: AttendanceStatus; organisationId: string | null }>()
  const orgOf = (name: string, person: PersonMatch) => people.orgNamed(people.attendeeOrgs[name])?.id ?? person.organisationId
  for (const name of parsed.attendees) {
    const person = people.findPerson(name) ?? (await people.createPerson(name, 'attendance'))
    if (!rows.has(person.id)) rows.set(person.id, { status: seats.has(person.id) ? 'present' : 'in_attendance', organisationId: orgOf(name, person) })
  }
  for (const name of parsed.apologies) {
    const person = people.findPerson(name) ?? (await people.createPerson(name, 'apologies'))
    if (rows.has(person.id)) notes.push(`${name} is listed as present and as sending apologies: recorded as present`)
    else rows.set(person.id, { status: 'apologies', organisationId: orgOf(name, person) })
  }
  const before = created ? [] : await d.deps.repo.attendanceOfMeeting(meetingId, tx)
  const asText = (list: { personId: string; status: string; organisationId: string | null }[]) =>
    list.map((r) => `${r.personId}:${r.status}:${r.organisationId ?? ''}`).sort().join(',')
  const wanted = [...rows].map(([personId, r]) => ({ personId, ...r }))
  const allOurs = before.every((r) => ours(d, 'attendance', r.id, r.version))
  if (asText(before) !== asText(wanted)) {
    if (!allOurs) notes.push('The attendance was changed in Joined Up since it was imported: kept as it is')
    else {
      for (const r of await d.deps.writes.meetings.replaceAttendance(meetingId, wanted, tx)) written.attendance[r.id] = r.version
      await d.deps.writes.structure.notePeopleUse(wanted.map((r) => r.personId), d.partnershipId, tx)
      const count = (list: { status: string }[], s: string) => list.filter((r) => r.status === s).length
      for (const s of ['present', 'in_attendance', 'apologies'] as const) {
        if (count(before, s) !== count(wanted, s)) changes.push({ what: 'attendance', field: s, from: count(before, s), to: count(wanted, s) })
      }
      if (!changes.some((c) => c.what === 'attendance')) changes.push({ what: 'attendance', field: 'people', from: before.length, to: wanted.length })
    }
  } else if (allOurs) for (const r of before) written.attendance[r.id] = r.version
}
