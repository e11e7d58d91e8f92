import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, validation, type FieldErrors } from '../../platform/http/errors.ts'
import { managedPartnershipIds } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { AttendanceStatus } from './meetings.tables.ts'
import {
  ATTENDANCE_CONFLICT,
  assertMinutesEditable,
  lockEditableMeeting,
  managedMeeting,
  minutesLockReason,
  personName,
  seatHolders,
  type MinutesDeps,
} from './minutes-loading.ts'
import type { AttendanceWrite, PersonOption } from './minutes.repository.ts'
import type { AttendanceInput } from './minutes.schemas.ts'
import type { SeatHolder } from './minutes.types.ts'

/** Who attended a meeting: the form, and saving it (members, deputies, officers and guests). */

export async function attendanceForm(deps: MinutesDeps, meetingId: string, user: CurrentUser) {
  const meeting = await managedMeeting(deps, meetingId, user)
  const memberships = await deps.structure.findMembershipsOfBody(meeting.bodyId, meeting.date)
  const attendance = await deps.repo.findAttendanceOfMeeting(meeting.id)
  // Only people the user's partnerships work with (issue 10), and whoever this meeting's attendance already names.
  const people = await deps.repo.findPeopleForSelect(managedPartnershipIds(user))
  const listed = new Set(people.map((p) => p.id))
  const missing = attendance.map((a) => a.personId).filter((id) => !listed.has(id))
  const extra = await deps.repo.findPeopleOptionsByIds(missing)
  return {
    meeting,
    members: seatHolders(memberships),
    attendance,
    people: [...people, ...extra].sort((a, b) => a.fullName.localeCompare(b.fullName)),
    lockReason: await minutesLockReason(deps, meeting),
  }
}

type CheckedRow = AttendanceWrite & { field: string; name: string }

/**
 * The attendance rows the form describes, checked: member rows by index, then officers and guests. A deputy
 * names the member they stood in for. Throws VALIDATION with every field that is wrong.
 */
export function attendanceRows(input: AttendanceInput, seats: SeatHolder[], others: PersonOption[], bodyName: string): CheckedRow[] {
  const seatOf = new Map(seats.map((s) => [s.person.id, s]))
  const personOf = new Map(others.map((p) => [p.id, p]))
  const errors: FieldErrors = {}
  const rows: CheckedRow[] = []
  const seen = new Set<string>()

  const checkDeputyFor = (field: string, name: string, personId: string, deputyFor: string | undefined) => {
    if (!deputyFor) errors[field] = `Select the member ${name} stood in for`
    else if (deputyFor === personId) errors[field] = `${name} cannot stand in for themselves`
    else if (!seatOf.has(deputyFor)) errors[field] = `Select a member of ${bodyName}`
  }

  input.members.forEach((row, i) => {
    const seat = seatOf.get(row.personId)
    if (!seat) {
      errors[`members.${i}.status`] = 'The list of members has changed since you opened the form: reload the page'
      return
    }
    if (seen.has(row.personId) || !row.status) {
      seen.add(row.personId)
      return
    }
    seen.add(row.personId)
    const name = personName(seat.person)
    const deputyField = `members.${i}.deputyForPersonId`
    if (row.status === 'deputy') checkDeputyFor(deputyField, name, row.personId, row.deputyForPersonId)
    rows.push({
      field: deputyField,
      name,
      personId: row.personId,
      status: row.status,
      deputyForPersonId: row.status === 'deputy' ? (row.deputyForPersonId ?? null) : null,
      organisationId: seat.organisation?.id ?? null,
      capacity: null,
    })
  })

  input.others.forEach((row, i) => {
    const field = `others.${i}.personId`
    if (!row.personId) {
      if (row.capacity || row.deputyForPersonId) errors[field] = 'Select a person, or clear the row'
      return
    }
    const person = personOf.get(row.personId)
    if (!person) {
      errors[field] = 'Select a person from the list'
      return
    }
    const name = personName(person)
    if (seatOf.has(row.personId)) {
      errors[field] = `${name} is a member of ${bodyName}: record them in the list of members`
      return
    }
    if (seen.has(row.personId)) {
      errors[field] = `${name} is listed more than once`
      return
    }
    seen.add(row.personId)
    const deputyField = `others.${i}.deputyForPersonId`
    if (row.deputyForPersonId) checkDeputyFor(deputyField, name, row.personId, row.deputyForPersonId)
    rows.push({
      field: deputyField,
      name,
      personId: row.personId,
      status: row.deputyForPersonId ? 'deputy' : 'in_attendance',
      deputyForPersonId: row.deputyForPersonId ?? null,
      organisationId: person.organisationId,
      capacity: row.capacity ?? null,
    })
  })

  // Somebody stood in for a member: that member was not there, and only one person stood in for them.
  const standingIn = new Map<string, string>()
  for (const row of rows) {
    if (row.status !== 'deputy' || !row.deputyForPersonId || errors[row.field]) continue
    const member = seatOf.get(row.deputyForPersonId)!
    const memberRow = rows.find((r) => r.personId === row.deputyForPersonId)
    const memberName = personName(member.person)
    if (memberRow && (memberRow.status === 'present' || memberRow.status === 'deputy')) {
      errors[row.field] = `${memberName} is recorded as attending, so ${row.name} cannot have stood in for them`
    } else if (standingIn.has(row.deputyForPersonId)) {
      errors[row.field] = `${standingIn.get(row.deputyForPersonId)} already stood in for ${memberName}`
    } else {
      standingIn.set(row.deputyForPersonId, row.name)
    }
  }
  if (Object.keys(errors).length > 0) throw validation(errors)
  return rows
}

/**
 * Saves the whole attendance form: member rows by index, then officers and guests. A deputy names
 * the member they stood in for. The first record moves a scheduled or published meeting to held.
 */
export async function recordAttendance(deps: MinutesDeps, meetingId: string, user: CurrentUser, input: AttendanceInput): Promise<void> {
  const meeting = await managedMeeting(deps, meetingId, user)
  await assertMinutesEditable(deps, meeting)
  const seats = seatHolders(await deps.structure.findMembershipsOfBody(meeting.bodyId, meeting.date))
  // An officer or guest must be someone the user may choose (a person their partnerships work with), or someone
  // this meeting already records: choosing a person is never a way to another partnership's person record.
  const recorded = new Set((await deps.repo.findAttendanceOfMeeting(meeting.id)).map((a) => a.personId))
  const chosen = input.others.map((o) => o.personId).filter((id): id is string => !!id)
  const others = [
    ...(await deps.repo.findPeopleOptionsByIds(chosen.filter((id) => !recorded.has(id)), managedPartnershipIds(user))),
    ...(await deps.repo.findPeopleOptionsByIds(chosen.filter((id) => recorded.has(id)))),
  ]
  const rows = attendanceRows(input, seats, others, meeting.body.name)

  await deps.db.transaction(async (tx) => {
    const current = await lockEditableMeeting(deps, meeting.id, tx)
    const moveTo = current.status === 'scheduled' || current.status === 'agenda_published' ? 'held' : undefined
    if (!(await deps.repo.touchMeeting(meeting.id, input.version, moveTo ? { status: moveTo } : {}, tx))) {
      throw conflict(ATTENDANCE_CONFLICT)
    }
    await deps.repo.replaceAttendance(
      meeting.id,
      rows.map(({ field: _f, name: _n, ...row }) => row),
      tx,
    )
    await deps.notePeopleUse(rows.map((r) => r.personId), meeting.body.partnership.id, tx)
    const count = (s: AttendanceStatus) => rows.filter((r) => r.status === s).length
    await recordAudit(tx, { userId: user.id }, {
      partnershipId: meeting.body.partnershipId,
      event: 'meeting.attendance_recorded',
      subjectType: 'meeting',
      subjectId: meeting.id,
      data: {
        present: count('present'),
        apologies: count('apologies'),
        absent: count('absent'),
        deputies: count('deputy'),
        inAttendance: count('in_attendance'),
        ...(moveTo ? { statusFrom: current.status, statusTo: moveTo } : {}),
      },
    })
  })
}
