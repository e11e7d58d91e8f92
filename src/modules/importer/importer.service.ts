import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import { recordAudit, type Actor } from '../../platform/audit/audit.ts'
import { AppError, conflict, invalidState, notFound } from '../../platform/http/errors.ts'
import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { slugify } from '../../shared/slug.ts'
import { londonToday, shortTime } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService } from '../meetings/minutes.service.ts'
import type { ActionsService } from '../actions/actions.service.ts'
import type { AttendanceStatus, MeetingStatus } from '../meetings/meetings.tables.ts'
import type { ActionStatus } from '../actions/actions.tables.ts'
import type { BodyKind } from '../structure/structure.tables.ts'
import { parseMeetingRecord } from './parser/parse-meeting.ts'
import type { ParsedAction, ParsedMeeting, ParseHints } from './parser/types.ts'
import {
  importerRepository,
  type BodyMatch,
  type ImportDocumentRow,
  type ImportedMeetingRow,
  type ImportJobRow,
  type ImporterRepository,
  type PersonMatch,
} from './importer.repository.ts'
import type { ImportDocumentStatus } from './importer.tables.ts'

/** One field the import changed: the change history kept in the audit record and the job's report. */
export type FieldChange = { what: string; field: string; from: unknown; to: unknown }

export type ImportOutcome = {
  status: 'created' | 'updated' | 'unchanged'
  meetingId: string
  bodyId: string
  bodyCreated: boolean
  changes: FieldChange[]
  /** Things the import decided that the user should know (owners recorded as groups, times assumed). */
  notes: string[]
}

/** What the parser understood of one document, and the choice made on the review screen. */
export type StoredParse = { meeting: ParsedMeeting; createBody?: boolean }

/** The review screen's "what would happen" for one document. */
export type DocumentPlan =
  | { kind: 'not_a_meeting_record' }
  | { kind: 'no_body' | 'no_date'; bodyName: string | null }
  | { kind: 'body_missing'; bodyName: string }
  | { kind: 'create' | 'update'; bodyName: string; bodyId: string; meetingId: string | null; meetingStatus: MeetingStatus | null }
  /** The import will change nothing: the meeting is run in Joined Up, cancelled, or has final minutes. */
  | { kind: 'refused'; bodyName: string; bodyId: string; meetingId: string; meetingStatus: MeetingStatus; reason: string }

export type UploadedDocument = { fileName: string; content: string }
export type NewJobInput = { bodyId?: string | undefined; bodyHint?: string | undefined; dateHint?: string | undefined }

export const STALE_CLAIM_MS = 5 * 60_000
export const JOBS_PER_PAGE = 10

const HONORIFIC =
  /^(Cllr\.?|Councillor|County Councillor|Dr\.?|Prof\.?|Professor|CI|DCI|DI|DS|Supt\.?|Ch\.?\s*Supt\.?|Chief Superintendent|Superintendent|Chief Inspector|Inspector|Insp\.?|Sgt\.?|PC|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Rev\.?|Revd\.?|Sir|Dame|Lord|Lady)\s+(.+)$/i
const GROUP_WORDS =
  /\b(?:group|groups|leads?|team|teams|board|executive|partners?|pmo|officers?|members|all|secretariat|chair|council|partnership|network|services?|committee|forum|panel|unit|office|agencies|organisations?)\b/i
const PERSON_LIKE = /^[A-Z][A-Za-z’'`-]+(?:\s+[A-Z][A-Za-z’'`-]+){1,3}$/

/** "Cllr Alistair Bradley" -> honorific "Cllr", full name "Alistair Bradley". */
export function splitName(raw: string): { honorific: string | null; fullName: string } {
  const name = raw.replace(/\s+/g, ' ').trim()
  const m = HONORIFIC.exec(name)
  if (m && m[2] && m[2].trim().length > 0) return { honorific: (m[1] ?? '').trim(), fullName: m[2].trim() }
  return { honorific: null, fullName: name }
}
const nameKey = (raw: string): string => splitName(raw).fullName.toLowerCase()
const bodyKey = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase()

/** "Hayley Hughes  01257 515035" -> name and phone; "Democratic Services, tel 01954 713000, email a@b.gov.uk" too. */
export function splitContact(contact: string | null): { name: string | null; phone: string | null; email: string | null } {
  if (!contact) return { name: null, phone: null, email: null }
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(contact)?.[0] ?? null
  const phone = /(?:\+44\s?|\b0)\d[\d ]{8,12}\d\b/.exec(contact)?.[0]?.replace(/\s+/g, ' ') ?? null
  let name = contact
  if (email) name = name.replace(email, ' ')
  if (phone) name = name.replace(/(?:\+44\s?|\b0)\d[\d ]{8,12}\d\b/, ' ')
  name = name
    .replace(/\b(?:tel(?:ephone)?|phone|e-?mail)\b\.?:?/gi, ' ')
    .replace(/[\s,;:–-]+$/g, '')
    .replace(/\s*,(?:\s*,)+/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/[\s,]+$/, '')
    .trim()
  return { name: name || null, phone, email }
}

/** What a printed action status means in the action log; null when unknown (kept open). */
export function actionStatusOf(printed: string | null): ActionStatus | null {
  if (!printed) return null
  const s = printed.toLowerCase()
  if (/cleared/.test(s)) return 'cleared'
  if (/complete|done|closed/.test(s)) return 'completed'
  if (/ongoing|in progress|amber|green|red/.test(s)) return 'in_progress'
  if (/open|outstanding|not started|overdue|on hold|carried forward/.test(s)) return 'open'
  if (/deferred|superseded|withdrawn/.test(s)) return 'dropped'
  return null
}

function guessBodyKind(name: string): BodyKind {
  if (/\bexecutive\b/i.test(name)) return 'executive'
  if (/\b(?:working|task)\s+group\b/i.test(name)) return 'working_group'
  if (/\b(?:implementation|delivery|operational)\b/i.test(name)) return 'implementation_group'
  if (/\bpartnership\b/i.test(name) && !/\bboard\b/i.test(name)) return 'thematic_partnership'
  return 'board'
}

/** An item's parent: "15.26a" under "15.26", "43a" under "43.", "3b" under "3". */
function parentNumber(number: string | null): string | null {
  if (!number) return null
  const m = /^(.*\d)[a-z]$/.exec(number.trim())
  return m ? (m[1] ?? null) : null
}
const baseOf = (n: string): string => n.trim().replace(/\.$/, '').toLowerCase()

const clip = (v: unknown): unknown => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 297)}...` : v)
const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null)

function statusFor(parsed: ParsedMeeting): { status: MeetingStatus; note: string | null } {
  if (parsed.minutesDraft === true) return { status: 'minutes_draft', note: null }
  if (parsed.minutesDraft === false) return { status: 'minutes_approved', note: null }
  const hasMinutes = parsed.items.some((i) => i.minutes.trim() !== '')
  return hasMinutes
    ? { status: 'minutes_draft', note: 'The page does not say whether its minutes are draft or approved: imported as draft minutes' }
    : { status: 'agenda_published', note: 'The page has no minutes: imported as a published agenda' }
}

/**
 * The rows an import wrote, with the version it left each at (kept in the audit data of `meeting.imported` /
 * `meeting.reimported`). A re-import changes or deletes only rows listed here whose version is unchanged:
 * anything added or edited in Joined Up since is kept.
 */
export type WrittenRows = {
  items: Record<string, number>
  decisions: Record<string, number>
  actions: Record<string, number>
  attendance: Record<string, number>
  updates: string[]
  /** the meeting's own version after the import (its fields are the page's only while nobody changed it since) */
  meeting?: number
}

function writtenRowsOf(data: Record<string, unknown> | null): WrittenRows | null {
  const w = data?.written
  if (!w || typeof w !== 'object') return null
  const rec = (v: unknown): Record<string, number> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {})
  const o = w as Record<string, unknown>
  return {
    items: rec(o.items),
    decisions: rec(o.decisions),
    actions: rec(o.actions),
    attendance: rec(o.attendance),
    updates: Array.isArray(o.updates) ? o.updates.filter((u): u is string => typeof u === 'string') : [],
    ...(typeof o.meeting === 'number' ? { meeting: o.meeting } : {}),
  }
}

/**
 * A meeting run in Joined Up: created there (not imported), or only scheduled by an import (the "next meeting")
 * and since worked on in Joined Up. An import never changes one.
 */
function runInJoinedUp(meeting: ImportedMeetingRow, prior: WrittenRows | null, itemCount: number): boolean {
  if (meeting.importedFrom === null) return true
  if (prior) return false
  return meeting.status !== 'scheduled' || itemCount > 0 || meeting.agendaPublishedAt !== null
}

/**
 * Why an import onto this meeting will be refused, as far as the review screen can tell (the import itself
 * checks again, with the rows the last import wrote); null when it may go ahead.
 */
function refusalOf(
  m: Pick<ImportedMeetingRow, 'status' | 'importedFrom' | 'minutesApprovedAtMeetingId'>,
  parsed: ParsedMeeting,
): string | null {
  if (m.status === 'cancelled') return 'This meeting was cancelled in Joined Up: it will not be imported.'
  if (m.importedFrom === null) return 'This meeting is run in Joined Up: it will not be changed.'
  if (m.status === 'minutes_approved' && m.minutesApprovedAtMeetingId !== null) {
    return 'The minutes of this meeting were approved at a meeting in Joined Up: they are final and will not be changed.'
  }
  if (m.status === 'minutes_approved' && statusFor(parsed).status !== 'minutes_approved') {
    return 'The minutes of this meeting are approved; this page is not the approved minutes, so nothing will be changed.'
  }
  return null
}

const MEETING_RANK: Record<MeetingStatus, number> = {
  scheduled: 0,
  agenda_published: 1,
  held: 2,
  minutes_draft: 3,
  minutes_approved: 4,
  cancelled: 5,
}

/** Statuses only move forward on a re-import. */
const STATUS_RANK: Record<ActionStatus, number> = { open: 0, in_progress: 1, completed: 2, dropped: 2, cleared: 3 }
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

type ImporterDeps = {
  structure: StructureService
  meetings: MeetingsService
  minutes: MinutesService
  actions: ActionsService
  config: Config
  now?: () => Date
  /** Tests only: called inside the document's transaction after everything is written. */
  afterWrite?: (meetingId: string, parsed: ParsedMeeting) => Promise<void> | void
}

export function importerService(db: Db, deps: ImporterDeps, repoOverride?: ImporterRepository) {
  const repo = repoOverride ?? importerRepository(db)
  const now = () => (deps.now ? deps.now() : new Date())

  async function uniqueBodySlug(name: string, partnershipSlug: string, tx: Db): Promise<string> {
    const base = slugify(name)
    for (const candidate of [base, slugify(`${partnershipSlug}-${base}`)]) if (!(await repo.slugTaken(candidate, tx))) return candidate
    for (let n = 2; ; n++) {
      const candidate = `${base.slice(0, 75)}-${n}`
      if (!(await repo.slugTaken(candidate, tx))) return candidate
    }
  }

  /** Owners and attendees: people of the partnership by name, organisations by name, or created / named groups. */
  async function resolvePeople(partnershipId: string, names: string[], tx: Db) {
    const keys = [...new Set(names.map(nameKey))]
    const fullKeys = [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim().toLowerCase()))]
    const found = await repo.peopleOfPartnershipNamed(partnershipId, [...new Set([...keys, ...fullKeys])], tx)
    const byKey = new Map<string, PersonMatch>()
    for (const p of found) {
      const k = p.fullName.toLowerCase()
      if (!byKey.has(k)) byKey.set(k, p)
    }
    return byKey
  }

  async function importParsed(
    actor: Actor,
    partnershipId: string,
    parsed: ParsedMeeting,
    opts: { bodyId?: string | null | undefined; createBody?: boolean | undefined; source: string },
    tx: Db,
  ): Promise<ImportOutcome> {
    if (parsed.kind !== 'meeting') throw invalidState('Not a meeting record')
    if (!parsed.date) throw invalidState('The page gives no meeting date: enter the date and upload it again')
    const partnership = await repo.findPartnership(partnershipId, tx)
    if (!partnership) throw notFound('Partnership')
    const changes: FieldChange[] = []
    const notes: string[] = []
    const stamp = now()

    // ---- the body ----
    let body: BodyMatch | undefined
    let bodyCreated = false
    const bodiesHere = await repo.bodiesOfPartnership(partnershipId, tx)
    if (opts.bodyId) {
      body = bodiesHere.find((b) => b.id === opts.bodyId)
      if (!body) throw invalidState('The body chosen is not part of this partnership')
    } else {
      if (!parsed.body) throw invalidState('The page names no body: choose the body and upload it again')
      body = bodiesHere.find((b) => bodyKey(b.name) === bodyKey(parsed.body ?? ''))
      if (!body) {
        if (!opts.createBody) {
          throw invalidState(`${partnership.name} has no body called "${parsed.body}": choose a body, or ask for it to be created`)
        }
        const slug = await uniqueBodySlug(parsed.body, partnership.slug, tx)
        body = await repo.insertBody({ slug, partnershipId, name: parsed.body, kind: guessBodyKind(parsed.body) }, tx)
        bodyCreated = true
        changes.push({ what: 'body', field: 'created', from: null, to: parsed.body })
        await recordAudit(tx, actor, {
          event: 'body.created',
          subjectType: 'body',
          subjectId: body.id,
          data: { name: body.name, slug, partnershipId, importedFrom: opts.source },
        })
      }
    }

    // ---- the meeting ----
    await repo.lockBodyDate(body.id, parsed.date, tx)
    const onDate = await repo.meetingsOfBodyOn(body.id, parsed.date, tx)
    const wantedTime = parsed.time ? `${parsed.time}:00` : null
    const existing: ImportedMeetingRow | undefined =
      onDate.find((m) => m.status !== 'cancelled' && wantedTime !== null && m.startTime === wantedTime) ??
      onDate.find((m) => m.status !== 'cancelled') ??
      onDate[0]
    const meetingLabel = `The meeting of ${body.name} on ${parsed.date}`
    if (existing?.status === 'cancelled') throw invalidState(`${meetingLabel} was cancelled in Joined Up: not imported`)
    if (existing && existing.importedFrom === null && existing.status === 'minutes_approved') {
      throw invalidState(`The minutes of the meeting of ${body.name} on ${parsed.date} were approved in Joined Up: they are final and were not overwritten`)
    }
    // What the last import recorded about the rows it wrote: only those rows, unchanged since, may be changed.
    const prior: WrittenRows | null = existing ? writtenRowsOf(await repo.lastImportRecord(existing.id, tx)) : null
    const current = existing ? await repo.itemsOfMeeting(existing.id, tx) : []
    if (existing && runInJoinedUp(existing, prior, current.length)) {
      throw invalidState(`${meetingLabel} is run in Joined Up; it was not changed`)
    }
    if (existing?.status === 'minutes_approved' && existing.minutesApprovedAtMeetingId !== null) {
      throw invalidState(`The minutes of ${meetingLabel.charAt(0).toLowerCase()}${meetingLabel.slice(1)} were approved at a meeting in Joined Up: they are final and were not changed`)
    }
    const planned = statusFor(parsed)
    if (existing?.status === 'minutes_approved' && planned.status !== 'minutes_approved') {
      throw invalidState(`The minutes of ${meetingLabel.charAt(0).toLowerCase()}${meetingLabel.slice(1)} are approved; this page is not the approved minutes, so nothing was changed`)
    }
    if (planned.note) notes.push(planned.note)
    const status = planned.status
    const ours = (kind: 'items' | 'decisions' | 'actions' | 'attendance', id: string, version: number): boolean => prior?.[kind][id] === version
    const written: WrittenRows = { items: {}, decisions: {}, actions: {}, attendance: {}, updates: [] }
    const contact = splitContact(parsed.contactDetails ?? parsed.contact)
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
    let meetingId: string
    let created = false
    if (!existing) {
      const row = await repo.insertMeeting(
        {
          bodyId: body.id,
          ...fields,
          agendaPublishedAt: stamp,
          minutesPublishedAt: status === 'minutes_draft' || status === 'minutes_approved' ? stamp : null,
          minutesApprovedAt: status === 'minutes_approved' ? stamp : null,
          importedFrom: opts.source,
          importedAt: stamp,
        },
        tx,
      )
      meetingId = row.id
      written.meeting = row.version
      created = true
      for (const [field, to] of Object.entries(fields)) {
        if (to !== null) changes.push({ what: 'meeting', field, to: field === 'startTime' ? shortTime(String(to)) : to, from: null })
      }
    } else {
      meetingId = existing.id
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
        await repo.updateMeeting(
          existing.id,
          { ...meetingChanges, ...(calendarChanged ? { icalSequence: existing.icalSequence + 1 } : {}) },
          tx,
        )
      }
    }

    // ---- agenda items, minutes and decisions ----
    const byId = new Map(current.map((i) => [i.id, i]))
    const exemptIds = new Set(current.filter((i) => i.isExempt || (i.parentItemId !== null && byId.get(i.parentItemId)?.isExempt)).map((i) => i.id))
    const parentNow = new Map(current.map((i) => [i.id, i.parentItemId]))
    const keyOf = (n: string | null, title: string) => (n ? `n:${n.trim().toLowerCase()}` : `t:${title.trim().toLowerCase()}`)
    const pool = new Map<string, (typeof current)[number][]>()
    for (const item of current) {
      const k = keyOf(item.numberOverride, item.title)
      pool.set(k, [...(pool.get(k) ?? []), item])
    }
    const mainNumbers = new Map<string, number>() // base number -> index of main item
    const parentIndex: (number | null)[] = parsed.items.map((item, index) => {
      const parent = parentNumber(item.number)
      const found = parent !== null ? mainNumbers.get(baseOf(parent)) : undefined
      if (found === undefined && item.number) mainNumbers.set(baseOf(item.number), index)
      return found ?? null
    })
    const itemIds: string[] = []
    const kept = new Set<string>()
    // Positions (per parent) follow the page; items added in Joined Up keep theirs.
    const positions = new Map<string, number>()
    const allDecisions = await repo.decisionsOfItems(
      current.map((i) => i.id),
      tx,
    )
    const CONTENT_FIELDS = new Set(['numberOverride', 'title', 'description', 'minutes'])
    for (const [index, item] of parsed.items.entries()) {
      const label = item.number ? `item ${item.number}` : `item "${item.title}"`
      const parentIdx = parentIndex[index] ?? null
      const parentItemId = parentIdx !== null ? (itemIds[parentIdx] ?? null) : null
      const siblingKey = parentItemId ?? 'main'
      const position = positions.get(siblingKey) ?? 0
      positions.set(siblingKey, position + 1)
      const want = {
        numberOverride: item.number,
        title: item.title,
        description: item.description && item.description.trim() !== '' ? item.description : null,
        minutes: item.minutes.trim() !== '' ? item.minutes : null,
        parentItemId,
        position,
      }
      const k = keyOf(item.number, item.title)
      const match = pool.get(k)?.shift()
      let itemId: string
      let mayWriteDecisions: boolean
      if (!match) {
        const row = await repo.insertItem({ meetingId, ...want, ...(item.number ? {} : { numberOverride: '' }) }, tx)
        itemId = row.id
        written.items[row.id] = row.version
        mayWriteDecisions = true
        changes.push({ what: label, field: 'created', from: null, to: item.title })
      } else {
        itemId = match.id
        kept.add(match.id)
        const mine = ours('items', match.id, match.version) && !exemptIds.has(match.id)
        const diff: Record<string, unknown> = {}
        const wantHere = item.number ? want : { ...want, numberOverride: '' }
        for (const [field, to] of Object.entries(wantHere)) {
          const from = match[field as keyof typeof want]
          if (!same(from, to)) diff[field] = to
        }
        const contentDiff = Object.keys(diff).filter((f) => CONTENT_FIELDS.has(f))
        if (mine) {
          for (const field of Object.keys(diff)) {
            if (CONTENT_FIELDS.has(field)) changes.push({ what: label, field, from: clip(match[field as keyof typeof want]), to: clip(diff[field]) })
          }
          written.items[match.id] = Object.keys(diff).length > 0 ? await repo.updateItem(match.id, diff, tx) : match.version
          if ('parentItemId' in diff) parentNow.set(match.id, parentItemId)
        } else if (contentDiff.length > 0) {
          notes.push(
            exemptIds.has(match.id)
              ? `${capital(label)} is exempt in Joined Up: its content was not changed`
              : `${capital(label)} was changed in Joined Up since it was imported: kept as it is (the page differs in ${contentDiff.join(', ')})`,
          )
        }
        mayWriteDecisions = mine
      }
      itemIds.push(itemId)
      const beforeRows = allDecisions.filter((d) => d.itemId === itemId)
      const before = beforeRows.map((d) => d.text)
      const allOurs = beforeRows.every((d) => ours('decisions', d.id, d.version))
      if (before.length !== item.decisions.length || before.some((t, i) => t !== item.decisions[i])) {
        if (mayWriteDecisions && allOurs) {
          for (const d of await repo.replaceDecisions(itemId, item.decisions, tx)) written.decisions[d.id] = d.version
          changes.push({ what: label, field: 'decisions', from: before.map(clip), to: item.decisions.map(clip) })
        } else if (mayWriteDecisions) {
          notes.push(`The decisions of ${label} were changed in Joined Up since they were imported: kept as they are`)
        }
      } else {
        for (const d of beforeRows) if (ours('decisions', d.id, d.version)) written.decisions[d.id] = d.version
      }
    }
    const stale = current.filter((i) => !kept.has(i.id))
    if (stale.length > 0) {
      const papered = await repo.itemsWithPapers(
        stale.map((i) => i.id),
        tx,
      )
      const deletable = new Set(stale.filter((i) => ours('items', i.id, i.version) && !exemptIds.has(i.id) && !papered.has(i.id)).map((i) => i.id))
      // An item goes only with all its sub-items: keep any whose sub-items must stay.
      for (let changed = true; changed; ) {
        changed = false
        for (const id of deletable) {
          if ([...parentNow].some(([child, parent]) => parent === id && !deletable.has(child))) {
            deletable.delete(id)
            changed = true
          }
        }
      }
      await repo.deleteItems([...deletable], tx)
      for (const i of stale) {
        const label = i.numberOverride ? `item ${i.numberOverride}` : `item "${i.title}"`
        if (deletable.has(i.id)) changes.push({ what: label, field: 'deleted', from: i.title, to: null })
        else {
          if (ours('items', i.id, i.version)) written.items[i.id] = i.version
          const why = !ours('items', i.id, i.version)
            ? 'it was added or changed in Joined Up'
            : papered.has(i.id)
              ? 'it has papers'
              : exemptIds.has(i.id)
                ? 'it is exempt'
                : 'it has sub-items that stay'
          notes.push(`${capital(label)} is not on the page: kept, as ${why}`)
        }
      }
    }

    // ---- people: attendance and action owners ----
    const ownerNames = parsed.actions.map((a) => a.who).filter((w): w is string => !!w)
    const attendeeOrgs: Record<string, string> = parsed.attendeeOrganisations ?? {}
    const people = await resolvePeople(partnershipId, [...parsed.attendees, ...parsed.apologies, ...ownerNames], tx)
    const orgs = await repo.organisationsNamed(
      [...new Set([...ownerNames, ...Object.values(attendeeOrgs)].map((n) => n.trim().toLowerCase()))],
      tx,
    )
    const orgNamed = (name: string | undefined) =>
      name ? orgs.find((o) => o.name.toLowerCase() === name.trim().toLowerCase() || o.shortName?.toLowerCase() === name.trim().toLowerCase()) : undefined
    const findPerson = (raw: string): PersonMatch | undefined =>
      people.get(nameKey(raw)) ?? people.get(raw.replace(/\s+/g, ' ').trim().toLowerCase())
    const createPerson = async (raw: string, why: string): Promise<PersonMatch> => {
      const person = await repo.insertPerson({ ...splitName(raw), organisationId: orgNamed(attendeeOrgs[raw])?.id ?? null }, tx)
      people.set(person.fullName.toLowerCase(), person)
      changes.push({ what: 'person', field: 'created', from: null, to: raw })
      notes.push(`${raw} was not found among the partnership's people: added (${why})`)
      await recordAudit(tx, actor, { event: 'person.created', subjectType: 'person', subjectId: person.id, data: { fullName: person.fullName, importedFrom: opts.source } })
      return person
    }
    const unknownOrgs = [...new Set(Object.values(attendeeOrgs))].filter((o) => !orgNamed(o))
    if (unknownOrgs.length > 0) notes.push(`Organisations not in Joined Up, so not recorded on attendance: ${unknownOrgs.join(', ')}`)

    if (parsed.attendees.length + parsed.apologies.length > 0) {
      const seats = await repo.seatHolders(body.id, parsed.date, tx)
      const rows = new Map<string, { status: AttendanceStatus; organisationId: string | null }>()
      const orgOf = (name: string, person: PersonMatch) => orgNamed(attendeeOrgs[name])?.id ?? person.organisationId
      for (const name of parsed.attendees) {
        const person = findPerson(name) ?? (await createPerson(name, 'attendance'))
        if (!rows.has(person.id)) rows.set(person.id, { status: seats.has(person.id) ? 'present' : 'in_attendance', organisationId: orgOf(name, person) })
      }
      for (const name of parsed.apologies) {
        const person = findPerson(name) ?? (await createPerson(name, 'apologies'))
        if (rows.has(person.id)) notes.push(`${name} is listed as present and as sending apologies: recorded as present`)
        else rows.set(person.id, { status: 'apologies', organisationId: orgOf(name, person) })
      }
      const before = created ? [] : await repo.attendanceOfMeeting(meetingId, tx)
      const asText = (list: { personId: string; status: string; organisationId: string | null }[]) =>
        list.map((r) => `${r.personId}:${r.status}:${r.organisationId ?? ''}`).sort().join(',')
      const wanted = [...rows].map(([personId, r]) => ({ personId, ...r }))
      const allOurs = before.every((r) => ours('attendance', r.id, r.version))
      if (asText(before) !== asText(wanted)) {
        if (!allOurs) notes.push('The attendance was changed in Joined Up since it was imported: kept as it is')
        else {
          for (const r of await repo.replaceAttendance(meetingId, wanted, tx)) written.attendance[r.id] = r.version
          const count = (list: { status: string }[], s: string) => list.filter((r) => r.status === s).length
          for (const s of ['present', 'in_attendance', 'apologies'] as const) {
            if (count(before, s) !== count(wanted, s)) changes.push({ what: 'attendance', field: s, from: count(before, s), to: count(wanted, s) })
          }
          if (!changes.some((c) => c.what === 'attendance')) changes.push({ what: 'attendance', field: 'people', from: before.length, to: wanted.length })
        }
      } else if (allOurs) for (const r of before) written.attendance[r.id] = r.version
    }

    // ---- actions ----
    const ownerOf = async (who: string | null) => {
      if (!who) return null
      const person = findPerson(who)
      if (person) return { personId: person.id, organisationId: null, groupName: null }
      const org = orgNamed(who)
      if (org) return { personId: null, organisationId: org.id, groupName: null }
      const looksLikePerson = splitName(who).honorific !== null || (PERSON_LIKE.test(who.trim()) && !GROUP_WORDS.test(who))
      if (looksLikePerson) {
        const created = await createPerson(who, 'action owner')
        return { personId: created.id, organisationId: null, groupName: null }
      }
      notes.push(`Action owner "${who}" is not a person or organisation of the partnership: recorded as a named group`)
      return { personId: null, organisationId: null, groupName: who.trim() }
    }
    type Owner = { personId: string | null; organisationId: string | null; groupName: string | null } | null
    const ownerText = (o: Owner | undefined) => (o ? `${o.personId ?? ''}|${o.organisationId ?? ''}|${o.groupName ?? ''}` : '')
    const existingActions = created ? [] : await repo.actionsOfMeeting(meetingId, tx)
    const existingOwners = await repo.ownersOf(
      existingActions.map((a) => a.id),
      tx,
    )
    const existingUpdates = await repo.updatesOf(
      existingActions.map((a) => a.id),
      tx,
    )
    const priorUpdates = new Set(prior?.updates ?? [])
    for (const u of existingUpdates) if (priorUpdates.has(u.id)) written.updates.push(u.id)
    const actionPool = new Map<string, (typeof existingActions)[number][]>()
    for (const a of existingActions) actionPool.set(a.description, [...(actionPool.get(a.description) ?? []), a])
    /** The recorded action for a printed one: same description, preferring the same owner and date (duplicates). */
    const takeAction = (a: ParsedAction, owner: Owner) => {
      const list = actionPool.get(a.what)
      if (!list || list.length === 0) return undefined
      const ownerOfRow = (id: string) => existingOwners.find((o) => o.actionId === id)
      const index = Math.max(
        0,
        list.findIndex((r) => r.dueOn === a.when && ownerText(ownerOfRow(r.id)) === ownerText(owner)),
      )
      return list.splice(index, 1)[0]
    }
    const keptActions = new Set<string>()
    const itemOfAction = (a: ParsedAction): string | null => {
      const probe = a.what.slice(0, 60)
      const index = parsed.items.findIndex((i) => i.minutes.includes(probe) || (i.description ?? '').includes(probe))
      return index >= 0 ? (itemIds[index] ?? null) : null
    }
    for (const a of parsed.actions) {
      const label = `action "${a.what.length > 60 ? `${a.what.slice(0, 57)}...` : a.what}"`
      const mapped = actionStatusOf(a.status)
      if (a.status && !mapped) notes.push(`Action status "${a.status}" is not one Joined Up knows: ${label} kept open`)
      const owner = await ownerOf(a.who)
      const match = takeAction(a, owner)
      const itemId = itemOfAction(a)
      // An action of an exempt item (or of a sub-item of one) is never public.
      const onExempt = itemId !== null && exemptIds.has(itemId)
      let actionStatus: ActionStatus = mapped ?? 'open'
      if (match && STATUS_RANK[actionStatus] < STATUS_RANK[match.status]) {
        notes.push(`${capital(label)} is ${match.status.replace('_', ' ')} in Joined Up; the page says ${actionStatus.replace('_', ' ')}: kept as ${match.status.replace('_', ' ')}`)
        actionStatus = match.status
      }
      const want = {
        description: a.what,
        dueOn: a.when,
        status: actionStatus,
        itemId,
        clearedAtMeetingId: actionStatus === 'cleared' ? (match?.status === 'cleared' ? match.clearedAtMeetingId : meetingId) : null,
        completedOn: actionStatus === 'completed' ? (match?.completedOn ?? parsed.date) : null,
        droppedReason: actionStatus === 'dropped' ? (match?.droppedReason ?? a.update ?? a.status ?? 'Dropped') : null,
        isPublic: match ? match.isPublic && !onExempt : !onExempt,
      }
      let actionId: string
      let mine: boolean
      if (!match) {
        const row = await repo.insertAction(
          { bodyId: body.id, meetingId, raisedOn: parsed.date, clearedAt: actionStatus === 'cleared' ? stamp : null, ...want },
          tx,
        )
        actionId = row.id
        written.actions[row.id] = row.version
        mine = true
        changes.push({ what: label, field: 'created', from: null, to: a.who ? `${a.who}: ${actionStatus}` : actionStatus })
        await repo.replaceOwners(actionId, owner, tx)
      } else {
        actionId = match.id
        keptActions.add(match.id)
        mine = ours('actions', match.id, match.version)
        const diff: Record<string, unknown> = {}
        const fieldChanges: FieldChange[] = []
        for (const [field, to] of Object.entries(want)) {
          const from = match[field as keyof typeof want]
          if (!same(from, to)) {
            diff[field] = to
            fieldChanges.push({ what: label, field, from: clip(from), to: clip(to) })
          }
        }
        if (want.status === 'cleared' && !match.clearedAt) diff.clearedAt = stamp
        if (want.status !== 'cleared' && match.clearedAt) diff.clearedAt = null
        const had = existingOwners.filter((o) => o.actionId === match.id)
        const ownersChanged = had.length !== (owner ? 1 : 0) || ownerText(had[0]) !== ownerText(owner)
        if (!mine) {
          if (fieldChanges.length > 0 || ownersChanged) notes.push(`${capital(label)} was changed in Joined Up since it was imported: kept as it is`)
        } else {
          changes.push(...fieldChanges)
          written.actions[match.id] = Object.keys(diff).length > 0 || ownersChanged ? await repo.updateAction(match.id, diff, tx) : match.version
          if (ownersChanged) {
            await repo.replaceOwners(match.id, owner, tx)
            changes.push({ what: label, field: 'owner', from: had.length, to: a.who })
          }
        }
      }
      if (mine && a.update && !existingUpdates.some((u) => u.actionId === actionId && u.text === a.update)) {
        const updateId = await repo.insertUpdate(
          {
            actionId,
            text: a.update,
            statusTo: mapped,
            authorUserId: 'userId' in actor ? actor.userId : null,
            reportedAtMeetingId: meetingId,
            createdAt: stamp,
          },
          tx,
        )
        written.updates.push(updateId)
        changes.push({ what: label, field: 'update', from: null, to: clip(a.update) })
      }
    }
    const staleActions = existingActions.filter((a) => !keptActions.has(a.id))
    if (staleActions.length > 0) {
      const linked = await repo.linkedActions(
        staleActions.map((a) => a.id),
        tx,
      )
      for (const a of staleActions) {
        const label = `action "${a.description.slice(0, 60)}"`
        const othersUpdates = existingUpdates.some((u) => u.actionId === a.id && !priorUpdates.has(u.id))
        const why = !ours('actions', a.id, a.version)
          ? 'it was added or changed in Joined Up'
          : othersUpdates
            ? 'it has updates made in Joined Up'
            : linked.has(a.id)
              ? 'it is linked to another action'
              : null
        if (why) {
          notes.push(`${capital(label)} is not on the page: kept, as ${why}`)
          if (ours('actions', a.id, a.version)) written.actions[a.id] = a.version
        } else {
          await repo.deleteActions([a.id], tx)
          changes.push({ what: label, field: 'deleted', from: clip(a.description), to: null })
        }
      }
    }

    // ---- the next meeting ----
    // Scheduled only when it is still to come (an old page must not leave past "scheduled" meetings), at the
    // time printed with it, else this meeting's time (noted).
    if (parsed.nextMeeting && parsed.nextMeeting > parsed.date) {
      if (parsed.nextMeeting < londonToday(now())) {
        notes.push(`The next meeting (${parsed.nextMeeting}) is in the past: it was not scheduled`)
      } else {
        await repo.lockBodyDate(body.id, parsed.nextMeeting, tx)
        const next = await repo.meetingsOfBodyOn(body.id, parsed.nextMeeting, tx)
        if (next.length === 0) {
          const nextTime = parsed.nextMeetingTime ? `${parsed.nextMeetingTime}:00` : startTime
          const row = await repo.insertMeeting(
            { bodyId: body.id, date: parsed.nextMeeting, startTime: nextTime, status: 'scheduled', importedFrom: `${opts.source} (next meeting)`, importedAt: stamp },
            tx,
          )
          changes.push({ what: 'next meeting', field: 'scheduled', from: null, to: parsed.nextMeeting })
          notes.push(
            parsed.nextMeetingTime
              ? `The next meeting on ${parsed.nextMeeting} was scheduled at ${shortTime(nextTime)}, as the page says`
              : `The next meeting on ${parsed.nextMeeting} was scheduled at ${shortTime(nextTime)}, the time of this meeting: check it`,
          )
          await recordAudit(tx, actor, {
            event: 'meeting.scheduled',
            subjectType: 'meeting',
            subjectId: row.id,
            data: { bodyId: body.id, date: row.date, startTime: row.startTime, importedFrom: opts.source },
          })
        }
      }
    }

    if (changes.length === 0) return { status: 'unchanged', meetingId, bodyId: body.id, bodyCreated, changes, notes }
    if (!created) written.meeting = await repo.updateMeeting(meetingId, { importedFrom: opts.source, importedAt: stamp }, tx)
    await deps.afterWrite?.(meetingId, parsed)
    await recordAudit(tx, actor, {
      event: created ? 'meeting.imported' : 'meeting.reimported',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: { source: opts.source, bodyId: body.id, date: parsed.date, changes, written },
    })
    return { status: created ? 'created' : 'updated', meetingId, bodyId: body.id, bodyCreated, changes, notes }
  }

  /**
   * Work one pending document of a job: its import and its outcome in one transaction; a failure rolls back
   * alone. The document row is taken first (still pending, locked), so a second worker that reached it too
   * waits, then skips it: a document is never imported twice. Returns null when it was skipped.
   */
  async function processDocument(job: ImportJobRow, doc: ImportDocumentRow): Promise<ImportDocumentStatus | null> {
    const stored = doc.parsed as StoredParse | null
    const actor: Actor = job.createdByUserId ? { userId: job.createdByUserId } : { system: 'importer' }
    if (!stored || stored.meeting.kind !== 'meeting') {
      await repo.finishPendingDocument(doc.id, { status: 'not_a_meeting_record', finishedAt: now() })
      return 'not_a_meeting_record'
    }
    try {
      return await db.transaction(async (tx) => {
        if (!(await repo.claimPendingDocument(doc.id, tx))) return null
        const outcome = await importParsed(
          actor,
          job.partnershipId,
          stored.meeting,
          { bodyId: doc.bodyId, createBody: stored.createBody ?? false, source: doc.fileName },
          tx,
        )
        await repo.updateDocument(
          doc.id,
          { status: outcome.status, meetingId: outcome.meetingId, report: { changes: outcome.changes, notes: outcome.notes }, finishedAt: now() },
          tx,
        )
        return outcome.status
      })
    } catch (err) {
      const reason =
        err instanceof AppError ? err.message : `Could not be imported (${err instanceof Error ? err.message.slice(0, 300) : 'unknown error'})`
      await repo.finishPendingDocument(doc.id, { status: 'failed', error: reason, finishedAt: now() })
      return 'failed'
    }
  }

  /** Counters and a fresh claim; false when this worker no longer holds the job (its claim was retaken). */
  async function refreshCounters(jobId: string, token: Date, fresh: Date): Promise<{ held: boolean; claim: Date }> {
    const counts = await repo.countDocuments(jobId)
    const n = (s: ImportDocumentStatus[]) => counts.filter((c) => s.includes(c.status)).reduce((a, c) => a + c.n, 0)
    const done = n(['created', 'updated', 'unchanged', 'failed', 'not_a_meeting_record', 'skipped'])
    const failed = n(['failed', 'not_a_meeting_record'])
    const held = await repo.updateClaimedJob(jobId, token, { done, failed, claimedAt: fresh })
    return { held, claim: held ? fresh : token }
  }

  async function loadManagedJob(user: CurrentUser, jobId: string): Promise<ImportJobRow> {
    const job = await repo.findJob(jobId)
    if (!job) throw notFound('Import')
    assertCanManagePartnership(user, job.partnershipId)
    return job
  }

  const service = {
    /** Parse one uploaded document (pure). */
    parse(doc: UploadedDocument, hints: ParseHints = {}): ParsedMeeting {
      return parseMeetingRecord({ text: doc.content, fileName: doc.fileName }, hints)
    },

    /** Import one parsed document now, in one transaction (the CLI; the worker uses the same path). */
    async importDocument(
      actor: Actor,
      partnershipId: string,
      parsed: ParsedMeeting,
      opts: { bodyId?: string | null; createBody?: boolean; source: string },
    ): Promise<ImportOutcome> {
      return db.transaction((tx) => importParsed(actor, partnershipId, parsed, opts, tx))
    },

    async findPartnershipBySlug(slug: string) {
      const p = await repo.findPartnershipBySlug(slug)
      if (!p) throw notFound('Partnership')
      return p
    },

    /** A body of the partnership by name (case and spacing ignored), or undefined. */
    async findBodyByName(partnershipId: string, name: string): Promise<BodyMatch | undefined> {
      return (await repo.bodiesOfPartnership(partnershipId)).find((b) => bodyKey(b.name) === bodyKey(name))
    },

    /** The import screen: the partnership, its bodies and its recent imports. */
    async importScreen(user: CurrentUser, partnershipId: string, page = 1) {
      assertCanManagePartnership(user, partnershipId)
      const partnership = await repo.findPartnership(partnershipId)
      if (!partnership) throw notFound('Partnership')
      const current = Math.max(1, Math.min(10_000, Math.floor(page) || 1))
      const [bodies, rows] = await Promise.all([
        repo.bodiesOfPartnership(partnershipId),
        repo.findJobsOfPartnership(partnershipId, JOBS_PER_PAGE + 1, (current - 1) * JOBS_PER_PAGE),
      ])
      return { partnership, bodies, jobs: rows.slice(0, JOBS_PER_PAGE), page: current, hasNext: rows.length > JOBS_PER_PAGE }
    },

    /** Parse every document and keep it for review (status 'reviewing'); nothing is imported yet. */
    async createJob(user: CurrentUser, partnershipId: string, docs: UploadedDocument[], input: NewJobInput): Promise<ImportJobRow> {
      assertCanManagePartnership(user, partnershipId)
      const bodies = await repo.bodiesOfPartnership(partnershipId)
      const chosen = input.bodyId ? bodies.find((b) => b.id === input.bodyId) : undefined
      if (input.bodyId && !chosen) throw new AppError('VALIDATION', 'There is a problem', { bodyId: 'Select a body of this partnership' })
      const hints: ParseHints = {}
      const bodyHint = chosen?.name ?? input.bodyHint
      if (bodyHint) hints.body = bodyHint
      if (input.dateHint) hints.date = input.dateHint
      const parsedDocs = docs.map((d, position) => {
        const meeting = service.parse(d, hints)
        const status: ImportDocumentStatus = meeting.kind === 'meeting' ? 'pending' : 'not_a_meeting_record'
        return {
          position,
          fileName: d.fileName,
          content: d.content,
          bodyId: chosen?.id ?? null,
          dateHint: input.dateHint ?? null,
          parsed: { meeting } satisfies StoredParse,
          status,
          finishedAt: meeting.kind === 'meeting' ? null : now(),
        }
      })
      return db.transaction(async (tx) => {
        const job = await repo.insertJob({ partnershipId, createdByUserId: user.id, total: docs.length }, tx)
        await repo.insertDocuments(job.id, parsedDocs, tx)
        return job
      })
    },

    /** A job with its documents and, while reviewing, what each would create or update. */
    async getJob(user: CurrentUser, jobId: string) {
      const job = await loadManagedJob(user, jobId)
      const partnership = await repo.findPartnership(job.partnershipId)
      if (!partnership) throw notFound('Partnership')
      const documents = await repo.findDocumentsOfJob(job.id)
      const bodies = await repo.bodiesOfPartnership(job.partnershipId)
      const plans = new Map<string, DocumentPlan>()
      if (job.status === 'reviewing') {
        const stored = documents.map((d) => ({ doc: d, parsed: (d.parsed as StoredParse | null)?.meeting ?? null }))
        const bodyFor = (d: ImportDocumentRow, p: ParsedMeeting) =>
          d.bodyId ? bodies.find((b) => b.id === d.bodyId) : bodies.find((b) => bodyKey(b.name) === bodyKey(p.body ?? ''))
        const meetings = await repo.meetingsOnDates(
          bodies.map((b) => b.id),
          [...new Set(stored.map((s) => s.parsed?.date).filter((d): d is string => !!d))],
        )
        for (const { doc, parsed } of stored) {
          if (!parsed || parsed.kind !== 'meeting') plans.set(doc.id, { kind: 'not_a_meeting_record' })
          else if (!parsed.date) plans.set(doc.id, { kind: 'no_date', bodyName: parsed.body })
          else {
            const body = bodyFor(doc, parsed)
            if (!body) plans.set(doc.id, parsed.body ? { kind: 'body_missing', bodyName: parsed.body } : { kind: 'no_body', bodyName: null })
            else {
              const onDay = meetings.filter((x) => x.bodyId === body.id && x.date === parsed.date)
              const m = onDay.find((x) => x.status !== 'cancelled') ?? onDay[0]
              const reason = m ? refusalOf(m, parsed) : null
              if (m && reason) {
                plans.set(doc.id, { kind: 'refused', bodyName: body.name, bodyId: body.id, meetingId: m.id, meetingStatus: m.status, reason })
              } else {
                plans.set(doc.id, {
                  kind: m ? 'update' : 'create',
                  bodyName: body.name,
                  bodyId: body.id,
                  meetingId: m?.id ?? null,
                  meetingStatus: m?.status ?? null,
                })
              }
            }
          }
        }
      }
      return { job, partnership, documents, plans }
    },

    /** "Import": queue the job for the worker. */
    async startJob(user: CurrentUser, jobId: string, input: { createBodies: boolean; version: number }): Promise<ImportJobRow> {
      const job = await loadManagedJob(user, jobId)
      if (job.status !== 'reviewing') throw invalidState('This import has already been started or discarded.')
      return db.transaction(async (tx) => {
        await repo.setCreateBody(job.id, input.createBodies, tx)
        const row = await repo.updateJobIfVersion(job.id, input.version, { status: 'queued' }, tx)
        if (!row) throw conflict('This import was changed by someone else while you were looking at it: reload the page and check it again.')
        await recordAudit(tx, { userId: user.id }, { event: 'import.queued', subjectType: 'import_job', subjectId: job.id, data: { total: job.total, createBodies: input.createBodies } })
        return row
      })
    },

    async discardJob(user: CurrentUser, jobId: string, input: { version: number }): Promise<ImportJobRow> {
      const job = await loadManagedJob(user, jobId)
      if (job.status !== 'reviewing') throw invalidState('This import has already been started or discarded.')
      return db.transaction(async (tx) => {
        const row = await repo.updateJobIfVersion(job.id, input.version, { status: 'discarded', finishedAt: now() }, tx)
        if (!row) throw conflict('This import was changed by someone else while you were looking at it: reload the page and check it again.')
        await repo.clearContents(job.id, tx)
        await recordAudit(tx, { userId: user.id }, { event: 'import.discarded', subjectType: 'import_job', subjectId: job.id, data: { total: job.total } })
        return row
      })
    },

    /**
     * The worker's step: claim one queued job (or one whose claim went stale) under a row lock with SKIP
     * LOCKED, then import its pending documents one by one, each in its own transaction, keeping the
     * counters and the claim fresh. Returns the job worked, or null when there was none.
     */
    async workOnce(opts: { shouldStop?: () => boolean } = {}): Promise<ImportJobRow | null> {
      const at = now()
      const job = await db.transaction(async (tx) => {
        const row = await repo.lockClaimableJob(new Date(at.getTime() - STALE_CLAIM_MS), tx)
        if (!row) return null
        await repo.updateJob(row.id, { status: 'running', claimedAt: at, startedAt: row.startedAt ?? at }, tx)
        return row
      })
      if (!job) return null
      // The claim's time is this worker's token: every later write to the job checks it is still ours.
      let claim = at
      const documents = await repo.findDocumentsOfJob(job.id)
      const step = async (): Promise<boolean> => {
        const fresh = new Date(Math.max(now().getTime(), claim.getTime() + 1))
        const r = await refreshCounters(job.id, claim, fresh)
        claim = r.claim
        return r.held
      }
      if (!(await step())) return (await repo.findJob(job.id)) ?? null
      for (const doc of documents) {
        if (doc.status !== 'pending') continue
        if (opts.shouldStop?.()) {
          // Shutting down: hand the job back to the queue for the next worker.
          await repo.updateClaimedJob(job.id, claim, { status: 'queued', claimedAt: null })
          return (await repo.findJob(job.id)) ?? null
        }
        await processDocument(job, doc)
        if (!(await step())) return (await repo.findJob(job.id)) ?? null
      }
      if (await repo.updateClaimedJob(job.id, claim, { status: 'finished', finishedAt: now(), claimedAt: null })) await repo.clearContents(job.id)
      return (await repo.findJob(job.id)) ?? null
    },

    /** Poll for queued jobs every `intervalMs` until stopped (started from src/server.ts). */
    startWorker(opts: { intervalMs?: number; logger?: { error: (msg: string, meta?: Record<string, unknown>) => void } } = {}) {
      const intervalMs = opts.intervalMs ?? 3000
      let running: Promise<void> | null = null
      let stopped = false
      const tick = () => {
        if (running || stopped) return
        running = (async () => {
          try {
            while (!stopped && (await service.workOnce({ shouldStop: () => stopped }))) {
              /* keep going while there is work */
            }
          } catch (err) {
            opts.logger?.error('import worker failed', { error: err instanceof Error ? err.stack : String(err) })
          } finally {
            running = null
          }
        })()
      }
      const timer = setInterval(tick, intervalMs)
      timer.unref()
      return {
        async stop() {
          stopped = true
          clearInterval(timer)
          if (running) await running
        },
      }
    },
  }
  void deps.config
  return service
}
export type ImporterService = ReturnType<typeof importerService>
