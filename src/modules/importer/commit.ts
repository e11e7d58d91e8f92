import type { Db } from '../../platform/db/client.ts'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { invalidState, notFound } from '../../platform/http/errors.ts'
import { slugify } from '../../shared/slug.ts'
import { londonToday, shortTime } from '../../shared/dates.ts'
import type { ParsedMeeting } from './parser/types.ts'
import type { BodyMatch, ImportedItemRow, ImportedMeetingRow, ImporterRepository } from './importer.repository.ts'
import type { FieldChange, ImportOutcome } from './importer.types.ts'
import { bodyKey, guessBodyKind, splitContact } from './names.ts'
import { MEETING_RANK, runInJoinedUp, same, statusFor, writtenRowsOf, type WrittenRows } from './rules.ts'
import type { CommitDeps, CommitOptions, Draft } from './commit-draft.ts'
import { writeItems } from './commit-items.ts'
import { findPeople, writeAttendance } from './commit-people.ts'
import { writeActions } from './commit-actions.ts'

/**
 * Commit: write one parsed document into the partnership's record, inside the caller's ONE transaction (the
 * worker's per document, or the CLI's): the body if asked, the meeting, its items, minutes and decisions,
 * attendance, actions and people, and the next meeting; then one audit record with every change and the
 * versions of the rows written, so a re-import changes only what nobody has changed since (ADR 0007).
 */

export async function importParsed(
  deps: CommitDeps,
  actor: Actor,
  partnershipId: string,
  parsed: ParsedMeeting,
  opts: CommitOptions,
  tx: Db,
): Promise<ImportOutcome> {
  if (parsed.kind !== 'meeting') throw invalidState('Not a meeting record')
  const date = parsed.date
  if (!date) throw invalidState('The page gives no meeting date: enter the date and upload it again')
  const partnership = await deps.repo.findPartnership(partnershipId, tx)
  if (!partnership) throw notFound('Partnership')
  const changes: FieldChange[] = []
  const notes: string[] = []
  const stamp = deps.now()
  const { body, bodyCreated } = await resolveBody(deps, actor, partnership, parsed, opts, changes, tx)
  const base = { deps, tx, actor, partnershipId, source: opts.source, parsed: { ...parsed, date }, stamp, body, changes, notes }
  const { draft, startTime, current } = await writeMeeting(base)

  const { itemIds, exemptIds } = await writeItems(draft, current)
  const people = await findPeople(draft)
  await writeAttendance(draft, people)
  await writeActions(draft, people, itemIds, exemptIds)
  await scheduleNextMeeting(draft, startTime)

  const { meetingId, created, written } = draft
  if (changes.length === 0) return { status: 'unchanged', meetingId, bodyId: body.id, bodyCreated, changes, notes }
  if (!created) written.meeting = await deps.writes.meetings.updateMeeting(meetingId, { importedFrom: opts.source, importedAt: stamp }, tx)
  await deps.afterWrite?.(meetingId, parsed)
  await recordAudit(tx, actor, {
    partnershipId,
    event: created ? 'meeting.imported' : 'meeting.reimported',
    subjectType: 'meeting',
    subjectId: meetingId,
    data: { source: opts.source, bodyId: body.id, date, changes, written },
  })
  return { status: created ? 'created' : 'updated', meetingId, bodyId: body.id, bodyCreated, changes, notes }
}

async function uniqueBodySlug(repo: ImporterRepository, name: string, partnershipSlug: string, tx: Db): Promise<string> {
  const base = slugify(name)
  for (const candidate of [base, slugify(`${partnershipSlug}-${base}`)]) if (!(await repo.slugTaken(candidate, tx))) return candidate
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 75)}-${n}`
    if (!(await repo.slugTaken(candidate, tx))) return candidate
  }
}

/** The body chosen, or the one the page names, or (when asked) a new one by that name. */
async function resolveBody(
  deps: CommitDeps,
  actor: Actor,
  partnership: { id: string; name: string; slug: string },
  parsed: ParsedMeeting,
  opts: CommitOptions,
  changes: FieldChange[],
  tx: Db,
): Promise<{ body: BodyMatch; bodyCreated: boolean }> {
  const bodiesHere = await deps.repo.bodiesOfPartnership(partnership.id, tx)
  if (opts.bodyId) {
    const body = bodiesHere.find((b) => b.id === opts.bodyId)
    if (!body) throw invalidState('The body chosen is not part of this partnership')
    return { body, bodyCreated: false }
  }
  if (!parsed.body) throw invalidState('The page names no body: choose the body and upload it again')
  const found = bodiesHere.find((b) => bodyKey(b.name) === bodyKey(parsed.body ?? ''))
  if (found) return { body: found, bodyCreated: false }
  if (!opts.createBody) {
    throw invalidState(`${partnership.name} has no body called "${parsed.body}": choose a body, or ask for it to be created`)
  }
  const slug = await uniqueBodySlug(deps.repo, parsed.body, partnership.slug, tx)
  const body = await deps.writes.structure.insertBody(
    { slug, partnershipId: partnership.id, name: parsed.body, kind: guessBodyKind(parsed.body) },
    tx,
  )
  changes.push({ what: 'body', field: 'created', from: null, to: parsed.body })
  await recordAudit(tx, actor, {
    partnershipId: partnership.id,
    event: 'body.created',
    subjectType: 'body',
    subjectId: body.id,
    data: { name: body.name, slug, partnershipId: partnership.id, importedFrom: opts.source },
  })
  return { body, bodyCreated: true }
}

type DraftBase = Omit<Draft, 'meetingId' | 'created' | 'prior' | 'written'>

/**
 * The meeting this page is of (the body's on that date, preferring the same start time), refused when it is
 * run in Joined Up, cancelled or has final minutes; with the rows the last import wrote onto it.
 */
async function existingMeeting(
  base: DraftBase,
): Promise<{ existing: ImportedMeetingRow | undefined; prior: WrittenRows | null; current: ImportedItemRow[] }> {
  const { deps, tx, body, parsed } = base
  await deps.repo.lockBodyDate(body.id, parsed.date, tx)
  const onDate = await deps.repo.meetingsOfBodyOn(body.id, parsed.date, tx)
  const wantedTime = parsed.time ? `${parsed.time}:00` : null
  const existing: ImportedMeetingRow | undefined =
    onDate.find((m) => m.status !== 'cancelled' && wantedTime !== null && m.startTime === wantedTime) ??
    onDate.find((m) => m.status !== 'cancelled') ??
    onDate[0]
  const meetingLabel = `The meeting of ${body.name} on ${parsed.date}`
  const ofMeeting = `${meetingLabel.charAt(0).toLowerCase()}${meetingLabel.slice(1)}`
  if (existing?.status === 'cancelled') throw invalidState(`${meetingLabel} was cancelled in Joined Up: not imported`)
  if (existing && existing.importedFrom === null && existing.status === 'minutes_approved') {
    throw invalidState(`The minutes of the meeting of ${body.name} on ${parsed.date} were approved in Joined Up: they are final and were not overwritten`)
  }
  const prior: WrittenRows | null = existing ? writtenRowsOf(await deps.repo.lastImportRecord(existing.id, tx)) : null
  const current = existing ? await deps.repo.itemsOfMeeting(existing.id, tx) : []
  if (existing && runInJoinedUp(existing, prior, current.length)) {
    throw invalidState(`${meetingLabel} is run in Joined Up; it was not changed`)
  }
  if (existing?.status === 'minutes_approved' && existing.minutesApprovedAtMeetingId !== null) {
    throw invalidState(`The minutes of ${ofMeeting} were approved at a meeting in Joined Up: they are final and were not changed`)
  }
  if (existing?.status === 'minutes_approved' && statusFor(parsed).status !== 'minutes_approved') {
    throw invalidState(`The minutes of ${ofMeeting} are approved; this page is not the approved minutes, so nothing was changed`)
  }
  return { existing, prior, current }
}

/** Creates the meeting, or brings the existing one's details up to the page (unless changed in Joined Up since). */
async function writeMeeting(base: DraftBase): Promise<{ draft: Draft; startTime: string; current: ImportedItemRow[] }> {
  const { deps, tx, body, parsed, stamp, changes, notes, source } = base
  const { existing, prior, current } = await existingMeeting(base)
  const planned = statusFor(parsed)
  if (planned.note) notes.push(planned.note)
  const status = planned.status
  const written: WrittenRows = { items: {}, decisions: {}, actions: {}, attendance: {}, updates: [] }
  const contact = splitContact(parsed.contactDetails ?? parsed.contact)
  const wantedTime = parsed.time ? `${parsed.time}:00` : null
  const startTime = wantedTime ?? existing?.startTime ?? '00:00:00'
  if (!wantedTime && !existing) notes.push('The page gives no start time: recorded as 00:00, correct it on the meeting page')
  const fields = {
    date: parsed.date,
    startTime,
    venue: parsed.venue ?? existing?.venue ?? null,
    contactName: contact.name ?? existing?.contactName ?? null,
    contactPhone: contact.phone ?? existing?.contactPhone ?? null,
    contactEmail: contact.email ?? existing?.contactEmail ?? null,
    movedFromDate: parsed.movedFrom && parsed.movedFrom !== parsed.date ? parsed.movedFrom : (existing?.movedFromDate ?? null),
    status,
  }
  if (!existing) {
    const row = await deps.writes.meetings.insertMeeting(
      {
        bodyId: body.id,
        ...fields,
        agendaPublishedAt: stamp,
        minutesPublishedAt: status === 'minutes_draft' || status === 'minutes_approved' ? stamp : null,
        minutesApprovedAt: status === 'minutes_approved' ? stamp : null,
        importedFrom: source,
        importedAt: stamp,
      },
      tx,
    )
    written.meeting = row.version
    for (const [field, to] of Object.entries(fields)) {
      if (to !== null) changes.push({ what: 'meeting', field, to: field === 'startTime' ? shortTime(String(to)) : to, from: null })
    }
    return { draft: { ...base, meetingId: row.id, created: true, prior, written }, startTime, current }
  }
  const meetingChanges: Record<string, unknown> = {}
  // Changed in Joined Up since the last import (or only scheduled by one): its details stay as they are;
  // only the status moves forward (draft minutes to approved).
  const meetingOurs = prior === null || prior.meeting === undefined || prior.meeting === existing.version
  const kept: string[] = []
  for (const [field, to] of Object.entries(fields)) {
    const from = existing[field as keyof typeof fields]
    if (!same(from, to) && !meetingOurs && (field !== 'status' || MEETING_RANK[status] <= MEETING_RANK[existing.status])) {
      kept.push(field)
      continue
    }
    if (!same(from, to)) {
      meetingChanges[field] = to
      changes.push({
        what: 'meeting',
        field,
        from: field === 'startTime' && from ? shortTime(String(from)) : from,
        to: field === 'startTime' ? shortTime(String(to)) : to,
      })
    }
  }
  if (kept.length > 0) notes.push(`The meeting was changed in Joined Up since it was imported: kept its ${kept.join(', ')} (the page differs)`)
  if (!existing.agendaPublishedAt) meetingChanges.agendaPublishedAt = stamp
  if ((status === 'minutes_draft' || status === 'minutes_approved') && !existing.minutesPublishedAt) meetingChanges.minutesPublishedAt = stamp
  if (status === 'minutes_approved' && !existing.minutesApprovedAt) meetingChanges.minutesApprovedAt = stamp
  if (Object.keys(meetingChanges).length > 0) {
    const calendarChanged = 'startTime' in meetingChanges || 'venue' in meetingChanges || 'status' in meetingChanges
    await deps.writes.meetings.updateMeeting(
      existing.id,
      { ...meetingChanges, ...(calendarChanged ? { icalSequence: existing.icalSequence + 1 } : {}) },
      tx,
    )
  }
  return { draft: { ...base, meetingId: existing.id, created: false, prior, written }, startTime, current }
}

/**
 * The next meeting: scheduled only when it is still to come (an old page must not leave past "scheduled"
 * meetings), at the time printed with it, else this meeting's time (noted).
 */
async function scheduleNextMeeting(d: Draft, startTime: string): Promise<void> {
  const { deps, tx, parsed, body, changes, notes, stamp } = d
  if (!parsed.nextMeeting || parsed.nextMeeting <= parsed.date) return
  if (parsed.nextMeeting < londonToday(deps.now())) {
    notes.push(`The next meeting (${parsed.nextMeeting}) is in the past: it was not scheduled`)
    return
  }
  await deps.repo.lockBodyDate(body.id, parsed.nextMeeting, tx)
  const next = await deps.repo.meetingsOfBodyOn(body.id, parsed.nextMeeting, tx)
  if (next.length > 0) return
  const nextTime = parsed.nextMeetingTime ? `${parsed.nextMeetingTime}:00` : startTime
  const row = await deps.writes.meetings.insertMeeting(
    { bodyId: body.id, date: parsed.nextMeeting, startTime: nextTime, status: 'scheduled', importedFrom: `${d.source} (next meeting)`, importedAt: stamp },
    tx,
  )
  changes.push({ what: 'next meeting', field: 'scheduled', from: null, to: parsed.nextMeeting })
  notes.push(
    parsed.nextMeetingTime
      ? `The next meeting on ${parsed.nextMeeting} was scheduled at ${shortTime(nextTime)}, as the page says`
      : `The next meeting on ${parsed.nextMeeting} was scheduled at ${shortTime(nextTime)}, the time of this meeting: check it`,
  )
  await recordAudit(tx, d.actor, {
    partnershipId: d.partnershipId,
    event: 'meeting.scheduled',
    subjectType: 'meeting',
    subjectId: row.id,
    data: { bodyId: body.id, date: row.date, startTime: row.startTime, importedFrom: d.source },
  })
}
