import type { Db } from '../../platform/db/client.ts'
import { areMinutesPublished, isAgendaPublished, MINUTES_PUBLIC_STATUSES } from './public-rules.ts'
import { recordPublicationEvent } from '../publishing/publication-events.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { formatLongDate, londonDate, londonToday } from '../../shared/dates.ts'
import type { MembershipView, StructureService } from '../structure/structure.service.ts'
import type { AttendanceStatus, ItemPurpose, MeetingKind, MeetingStatus } from './meetings.tables.ts'
import type { AgendaEntry, MeetingRow, MeetingsService, MeetingWithBody } from './meetings.service.ts'
import { isAgendaPublic, isPaperPublic } from './meetings.service.ts'
import { meetingPaths } from './meetings.paths.ts'
import type {
  AttendanceView,
  AttendanceWrite,
  MinutesDecisionRow,
  MinutesRepository,
  PersonOption,
  PublicPerson,
} from './minutes.repository.ts'
import type { ApproveMinutesInput, AttendanceInput, PublishDraftMinutesInput, SaveMinutesInput } from './minutes.schemas.ts'
import { assertCanRecordMinutes } from './minutes.policy.ts'

export type { AttendanceView, PersonOption, PublicPerson }

/** A current seat holder who can be marked present, apologies, absent or deputy. */
export type SeatHolder = {
  person: PublicPerson
  role: MembershipView['role']
  organisation: { id: string; name: string } | null
}

/** Corrections agreed at one later meeting; the first group is the approval itself. */
export type CorrectionGroup = {
  agreedAt: { id: string; date: string; href: string }
  isApproval: boolean
  corrections: { text: string; itemNumber: string | null }[]
}

export type ApprovalHistory = {
  approved: boolean
  approvedAt: Date | null
  approvedAtMeeting: { id: string; date: string; href: string } | null
  groups: CorrectionGroup[]
}

export type PublishedPaper = { id: string; title: string; href: string; mediaType: string; filename: string; sizeBytes: number }

/** An item as the public may see it. Exempt items carry nothing but their number, title and paragraph. */
export type PublishedItem =
  | { kind: 'exempt'; id: string; number: string; title: string; isSubItem: boolean; exemptParagraph: number }
  | {
      kind: 'open'
      id: string
      number: string
      title: string
      isSubItem: boolean
      description: string | null
      purpose: ItemPurpose | null
      presenter: string | null
      urgencyReason: string | null
      papers: PublishedPaper[]
      minutes: string | null
      decisions: { id: string; text: string }[]
    }

export type PublishedAttendee = {
  person: PublicPerson
  role: MembershipView['role'] | null
  organisation: string | null
  capacity: string | null
  deputyFor: PublicPerson | null
}

/** The public meeting page: everything exempt already removed. */
export type PublishedMeeting = {
  id: string
  title: 'Agenda' | 'Agenda and draft minutes' | 'Agenda and minutes'
  status: MeetingStatus
  kind: MeetingKind
  body: { id: string; name: string; slug: string; partnershipName: string; partnershipSlug: string }
  date: string
  startTime: string
  endTime: string | null
  venue: string | null
  contact: { name: string | null; phone: string | null; email: string | null }
  cancelled: { reason: string | null } | null
  movedFrom: { date: string; time: string | null } | null
  agendaPublished: boolean
  minutesPublished: boolean
  attendance: {
    present: PublishedAttendee[]
    apologies: PublishedAttendee[]
    deputies: PublishedAttendee[]
    inAttendance: PublishedAttendee[]
  } | null
  items: PublishedItem[]
  approval: ApprovalHistory | null
}

export const MINUTES_CONFLICT = 'Someone else changed these minutes since you opened them'
export const DECISION_CONFLICT = 'Someone else changed this decision since you opened it'
export const PUBLISH_DRAFT_CONFLICT =
  'Someone else changed this meeting since you opened the page. Check the minutes below and publish again'
export const NO_MINUTES_TO_PUBLISH = 'Write the minutes of at least one item before publishing the draft minutes'
export const ATTENDANCE_CONFLICT =
  'Someone else changed this meeting or its attendance since you opened the form. Your choices are kept below: check them and save again'

const BEFORE_MINUTES: MeetingStatus[] = ['scheduled', 'agenda_published', 'held']
const ATTENDANCE_VISIBLE: MeetingStatus[] = ['held', 'minutes_draft', 'minutes_approved']

const personName = (p: PublicPerson) => (p.honorific ? `${p.honorific} ${p.fullName}` : p.fullName)

/** Seat holders who can attend as members: everyone current on the day except the secretariat, once each. */
export function seatHolders(memberships: MembershipView[]): SeatHolder[] {
  const seen = new Set<string>()
  const out: SeatHolder[] = []
  for (const m of memberships) {
    if (m.role === 'secretariat' || seen.has(m.person.id)) continue
    seen.add(m.person.id)
    out.push({ person: m.person, role: m.role, organisation: m.organisation })
  }
  return out
}

export function minutesService(db: Db, repo: MinutesRepository, deps: { structure: StructureService; meetings: MeetingsService }) {
  async function managedMeeting(id: string, user: CurrentUser): Promise<MeetingWithBody> {
    const meeting = await deps.meetings.getMeeting(id)
    assertCanRecordMinutes(user, meeting)
    return meeting
  }

  async function managedItem(itemId: string, user: CurrentUser) {
    const item = await repo.findItemById(itemId)
    if (!item) throw notFound('Agenda item')
    const meeting = await managedMeeting(item.meetingId, user)
    return { item, meeting }
  }

  /** "These minutes were approved as a correct record on …": the day of the meeting that approved them. */
  async function approvedMessage(meeting: MeetingRow, tx?: Db): Promise<string> {
    let day: string | null = null
    if (meeting.minutesApprovedAtMeetingId) {
      day = (await deps.meetings.getMeeting(meeting.minutesApprovedAtMeetingId, tx)).date
    } else if (meeting.minutesApprovedAt) {
      day = londonDate(meeting.minutesApprovedAt)
    }
    return `These minutes were approved as a correct record${day ? ` on ${formatLongDate(day)}` : ''}. They can only be corrected at a later meeting.`
  }

  /** Why minutes (and attendance) of this meeting cannot be changed now, or null. */
  async function minutesLockReason(meeting: MeetingRow, tx?: Db): Promise<string | null> {
    if (meeting.status === 'cancelled') return 'This meeting was cancelled, so it has no attendance or minutes.'
    if (meeting.status === 'minutes_approved') return approvedMessage(meeting, tx)
    if (meeting.date > londonToday()) {
      return `This meeting has not happened yet. Attendance and minutes can be recorded from ${formatLongDate(meeting.date)}.`
    }
    return null
  }

  async function assertMinutesEditable(meeting: MeetingRow, tx?: Db): Promise<void> {
    const reason = await minutesLockReason(meeting, tx)
    if (reason) throw invalidState(reason)
  }

  /** Inside a transaction: lock the meeting row and check its minutes may still change. */
  async function lockEditableMeeting(tx: Db, meetingId: string): Promise<MeetingRow> {
    const row = await repo.lockMeeting(tx, meetingId)
    if (!row) throw notFound('Meeting')
    await assertMinutesEditable(row, tx)
    return row
  }

  async function itemOfManagedMeeting(itemId: string, user: CurrentUser) {
    const { item, meeting } = await managedItem(itemId, user)
    const agenda = await deps.meetings.findAgenda(meeting)
    const entry = agenda.find((e) => e.id === item.id)
    if (!entry) throw notFound('Agenda item')
    return { meeting, item: entry }
  }

  async function decisionOfItem(tx: Db, itemId: string, decisionId: string): Promise<MinutesDecisionRow> {
    const decision = await repo.findDecisionById(decisionId, tx)
    if (!decision || decision.itemId !== itemId) {
      throw conflict('This decision has been deleted since you opened the page. Nothing has been changed.')
    }
    return decision
  }

  async function approvalHistory(meeting: MeetingRow): Promise<ApprovalHistory | null> {
    const corrections = await repo.findCorrectionsOfMeeting(meeting.id)
    const approved = meeting.status === 'minutes_approved'
    if (!approved && corrections.length === 0) return null
    const laterIds = [...new Set([meeting.minutesApprovedAtMeetingId, ...corrections.map((c) => c.agreedAt.id)])].filter(
      (id): id is string => !!id,
    )
    const numbers = new Map<string, string>()
    const dates = new Map<string, string>()
    for (const id of laterIds) {
      const later = await deps.meetings.getMeeting(id)
      dates.set(id, later.date)
      if (corrections.some((c) => c.agreedAt.id === id && c.itemId)) {
        for (const entry of await deps.meetings.findAgenda(later)) numbers.set(entry.id, entry.number)
      }
    }
    const at = (id: string) => ({ id, date: dates.get(id)!, href: meetingPaths.public.meeting(id) })
    const groups: CorrectionGroup[] = []
    const approvalId = meeting.minutesApprovedAtMeetingId
    if (approved && approvalId) groups.push({ agreedAt: at(approvalId), isApproval: true, corrections: [] })
    for (const c of corrections) {
      let group = groups.find((g) => g.agreedAt.id === c.agreedAt.id)
      if (!group) {
        group = { agreedAt: at(c.agreedAt.id), isApproval: false, corrections: [] }
        groups.push(group)
      }
      group.corrections.push({ text: c.text, itemNumber: c.itemId ? (numbers.get(c.itemId) ?? null) : null })
    }
    return {
      approved,
      approvedAt: meeting.minutesApprovedAt,
      approvedAtMeeting: approvalId ? at(approvalId) : null,
      groups,
    }
  }

  /** Exempt items (and sub-items of exempt items) keep only number, title and paragraph. */
  function publishItems(meeting: MeetingRow, agenda: AgendaEntry[], withMinutes: boolean): PublishedItem[] {
    const byId = new Map(agenda.map((e) => [e.id, e]))
    const exemptParagraph = new Map<string, number>()
    for (const e of agenda) {
      const inherited = e.parentItemId ? exemptParagraph.get(e.parentItemId) : undefined
      if (e.isExempt) exemptParagraph.set(e.id, e.exemptParagraph ?? inherited ?? 0)
      else if (inherited !== undefined) exemptParagraph.set(e.id, inherited)
    }
    return agenda.map((e): PublishedItem => {
      const paragraph = exemptParagraph.get(e.id)
      if (paragraph !== undefined) {
        return { kind: 'exempt', id: e.id, number: e.number, title: e.title, isSubItem: e.isSubItem, exemptParagraph: paragraph }
      }
      return {
        kind: 'open',
        id: e.id,
        number: e.number,
        title: e.title,
        isSubItem: e.isSubItem,
        description: e.description,
        purpose: e.purpose,
        presenter: e.presenter,
        urgencyReason: e.urgencyReason,
        papers: e.papers
          .filter((p) => isPaperPublic(meeting, p, e, e.parentItemId ? byId.get(e.parentItemId) : undefined))
          .map((p) => ({
            id: p.id,
            title: p.title,
            filename: p.filename,
            mediaType: p.mediaType,
            sizeBytes: p.sizeBytes,
            href: meetingPaths.public.paper(p.id, p.filename),
          })),
        minutes: withMinutes ? e.minutes : null,
        decisions: withMinutes ? e.decisions.map((d) => ({ id: d.id, text: d.text })) : [],
      }
    })
  }

  function publishAttendance(rows: AttendanceView[], seats: SeatHolder[]): NonNullable<PublishedMeeting['attendance']> {
    const order = new Map(seats.map((s, i) => [s.person.id, i]))
    const roles = new Map(seats.map((s) => [s.person.id, s.role]))
    const sorted = [...rows].sort(
      (a, b) =>
        (order.get(a.personId) ?? 1e6) - (order.get(b.personId) ?? 1e6) || a.person.fullName.localeCompare(b.person.fullName),
    )
    const view = (a: AttendanceView): PublishedAttendee => ({
      person: { id: a.person.id, fullName: a.person.fullName, honorific: a.person.honorific, jobTitle: a.person.jobTitle },
      role: roles.get(a.personId) ?? null,
      organisation: a.organisation?.name ?? null,
      capacity: a.capacity,
      deputyFor: a.deputyFor,
    })
    const only = (status: AttendanceStatus) => sorted.filter((a) => a.status === status).map(view)
    return { present: only('present'), apologies: only('apologies'), deputies: only('deputy'), inAttendance: only('in_attendance') }
  }

  return {
    // ---------- staff: attendance ----------

    async attendanceForm(meetingId: string, user: CurrentUser) {
      const meeting = await managedMeeting(meetingId, user)
      const memberships = await deps.structure.findMembershipsOfBody(meeting.bodyId, meeting.date)
      const attendance = await repo.findAttendanceOfMeeting(meeting.id)
      const people = await repo.findPeopleForSelect()
      const listed = new Set(people.map((p) => p.id))
      const missing = attendance.map((a) => a.personId).filter((id) => !listed.has(id))
      const extra = await repo.findPeopleOptionsByIds(missing)
      return {
        meeting,
        members: seatHolders(memberships),
        attendance,
        people: [...people, ...extra].sort((a, b) => a.fullName.localeCompare(b.fullName)),
        lockReason: await minutesLockReason(meeting),
      }
    },

    /**
     * Saves the whole attendance form: member rows by index, then officers and guests. A deputy names
     * the member they stood in for. The first record moves a scheduled or published meeting to held.
     */
    async recordAttendance(meetingId: string, user: CurrentUser, input: AttendanceInput): Promise<void> {
      const meeting = await managedMeeting(meetingId, user)
      await assertMinutesEditable(meeting)
      const seats = seatHolders(await deps.structure.findMembershipsOfBody(meeting.bodyId, meeting.date))
      const seatOf = new Map(seats.map((s) => [s.person.id, s]))
      const others = await repo.findPeopleOptionsByIds(
        input.others.map((o) => o.personId).filter((id): id is string => !!id),
      )
      const personOf = new Map(others.map((p) => [p.id, p]))

      const errors: FieldErrors = {}
      const rows: (AttendanceWrite & { field: string; name: string })[] = []
      const seen = new Set<string>()

      const checkDeputyFor = (field: string, name: string, personId: string, deputyFor: string | undefined) => {
        if (!deputyFor) errors[field] = `Select the member ${name} stood in for`
        else if (deputyFor === personId) errors[field] = `${name} cannot stand in for themselves`
        else if (!seatOf.has(deputyFor)) errors[field] = `Select a member of ${meeting.body.name}`
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
          errors[field] = `${name} is a member of ${meeting.body.name}: record them in the list of members`
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

      await db.transaction(async (tx) => {
        const current = await lockEditableMeeting(tx, meeting.id)
        const moveTo = current.status === 'scheduled' || current.status === 'agenda_published' ? 'held' : undefined
        if (!(await repo.touchMeeting(tx, meeting.id, input.version, moveTo ? { status: moveTo } : {}))) {
          throw conflict(ATTENDANCE_CONFLICT)
        }
        await repo.replaceAttendance(
          tx,
          meeting.id,
          rows.map(({ field: _f, name: _n, ...row }) => row),
        )
        const count = (s: AttendanceStatus) => rows.filter((r) => r.status === s).length
        await recordAudit(tx, { userId: user.id }, {
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
    },

    // ---------- staff: minutes and decisions ----------

    async minutesOverview(meetingId: string, user: CurrentUser) {
      const meeting = await managedMeeting(meetingId, user)
      const items = await deps.meetings.findAgenda(meeting)
      const attendance = await repo.findAttendanceOfMeeting(meeting.id)
      const lockReason = await minutesLockReason(meeting)
      return {
        meeting,
        items,
        attendance,
        approval: await approvalHistory(meeting),
        lockReason,
        /** Draft (or approved) minutes are on the public page. */
        draftPublished: MINUTES_PUBLIC_STATUSES.includes(meeting.status),
        /** The "Publish draft minutes" button: minutes may change and are not yet public. */
        canPublishDraft: !lockReason && BEFORE_MINUTES.includes(meeting.status),
        agendaPublished: isAgendaPublic(meeting),
      }
    },

    /**
     * Put the draft minutes on the public page: held (or earlier) -> minutes_draft. Needs the minutes of
     * at least one item; until then saving minutes and decisions stays private to staff. Draft minutes
     * must be published before a later meeting can approve them.
     */
    async publishDraftMinutes(meetingId: string, user: CurrentUser, input: PublishDraftMinutesInput): Promise<void> {
      const meeting = await managedMeeting(meetingId, user)
      await assertMinutesEditable(meeting)
      await db.transaction(async (tx) => {
        const current = await lockEditableMeeting(tx, meeting.id)
        if (!BEFORE_MINUTES.includes(current.status)) throw invalidState('The draft minutes of this meeting have already been published.')
        if (current.version !== input.version) throw conflict(PUBLISH_DRAFT_CONFLICT)
        const written = await repo.countItemsWithMinutes(tx, meeting.id)
        if (written === 0) throw validation({ publishDraft: NO_MINUTES_TO_PUBLISH })
        if (!(await repo.touchMeeting(tx, meeting.id, input.version, { status: 'minutes_draft', minutesPublishedAt: new Date() }))) {
          throw conflict(PUBLISH_DRAFT_CONFLICT)
        }
        await recordPublicationEvent(tx, { kind: 'minutes_published', bodyId: current.bodyId, meetingId: meeting.id })
        await recordAudit(tx, { userId: user.id }, {
          event: 'minutes.draft_published',
          subjectType: 'meeting',
          subjectId: meeting.id,
          data: { statusFrom: current.status, statusTo: 'minutes_draft', itemsWithMinutes: written },
        })
      })
    },

    async itemMinutesForm(itemId: string, user: CurrentUser) {
      const { meeting, item } = await itemOfManagedMeeting(itemId, user)
      return { meeting, item, lockReason: await minutesLockReason(meeting) }
    },

    /** Saves an item's minutes if nobody else saved since `version`. The public sees them only once the draft is published. */
    async saveItemMinutes(itemId: string, user: CurrentUser, input: Pick<SaveMinutesInput, 'version' | 'minutes'>): Promise<void> {
      const { item, meeting } = await managedItem(itemId, user)
      await assertMinutesEditable(meeting)
      const minutes = input.minutes.trim() === '' ? null : input.minutes
      await db.transaction(async (tx) => {
        await lockEditableMeeting(tx, meeting.id)
        if (!(await repo.updateItemMinutes(tx, item.id, input.version, minutes))) throw conflict(MINUTES_CONFLICT)
        await recordAudit(tx, { userId: user.id }, {
          event: 'item.minutes_saved',
          subjectType: 'agenda_item',
          subjectId: item.id,
          data: { meetingId: meeting.id, length: minutes?.length ?? 0 },
        })
      })
    },

    async addDecision(itemId: string, user: CurrentUser, text: string): Promise<void> {
      const { item, meeting } = await managedItem(itemId, user)
      await assertMinutesEditable(meeting)
      await db.transaction(async (tx) => {
        await lockEditableMeeting(tx, meeting.id)
        const decision = await repo.insertDecision(tx, item.id, text)
        await recordAudit(tx, { userId: user.id }, {
          event: 'decision.added',
          subjectType: 'decision',
          subjectId: decision.id,
          data: { itemId: item.id, meetingId: meeting.id },
        })
      })
    },

    async updateDecision(itemId: string, user: CurrentUser, input: { decisionId: string; version: number; text: string }): Promise<void> {
      const { item, meeting } = await managedItem(itemId, user)
      await assertMinutesEditable(meeting)
      await db.transaction(async (tx) => {
        await lockEditableMeeting(tx, meeting.id)
        const decision = await decisionOfItem(tx, item.id, input.decisionId)
        if (!(await repo.updateDecision(tx, decision.id, input.version, input.text))) throw conflict(DECISION_CONFLICT)
        await recordAudit(tx, { userId: user.id }, {
          event: 'decision.changed',
          subjectType: 'decision',
          subjectId: decision.id,
          data: { itemId: item.id, meetingId: meeting.id },
        })
      })
    },

    async deleteDecision(itemId: string, user: CurrentUser, input: { decisionId: string; version: number }): Promise<void> {
      const { item, meeting } = await managedItem(itemId, user)
      await assertMinutesEditable(meeting)
      await db.transaction(async (tx) => {
        await lockEditableMeeting(tx, meeting.id)
        const decision = await decisionOfItem(tx, item.id, input.decisionId)
        if (!(await repo.deleteDecision(tx, decision.id, input.version))) throw conflict(DECISION_CONFLICT)
        await recordAudit(tx, { userId: user.id }, {
          event: 'decision.deleted',
          subjectType: 'decision',
          subjectId: decision.id,
          data: { itemId: item.id, meetingId: meeting.id, text: decision.text },
        })
      })
    },

    // ---------- staff: approving minutes at a later meeting ----------

    async approvalForm(laterMeetingId: string, user: CurrentUser) {
      const meeting = await managedMeeting(laterMeetingId, user)
      const candidates = await repo.findEarlierMeetingsOfBody(meeting.bodyId, meeting.date, ['minutes_draft', 'minutes_approved'])
      const items = await deps.meetings.findAgenda(meeting)
      return { meeting, candidates, items, lockReason: approvalLockReason(meeting) }
    },

    /**
     * At a later meeting of the same body, approve an earlier meeting's draft minutes as a correct record
     * (with any corrections), or record a further correction to minutes already approved.
     */
    async approveMinutes(
      laterMeetingId: string,
      user: CurrentUser,
      input: ApproveMinutesInput,
    ): Promise<{ earlierMeetingId: string; earlierDate: string; approved: boolean; corrections: number }> {
      const later = await managedMeeting(laterMeetingId, user)
      const reason = approvalLockReason(later)
      if (reason) throw invalidState(reason)
      return db.transaction(async (tx) => {
        const earlier = await repo.lockMeeting(tx, input.earlierMeetingId)
        if (!earlier || earlier.bodyId !== later.bodyId) {
          throw validation({ earlierMeetingId: `Select an earlier meeting of ${later.body.name}` })
        }
        if (earlier.date >= later.date) {
          throw validation({
            earlierMeetingId: `Minutes can only be approved at a later meeting: select a meeting held before ${formatLongDate(later.date)}`,
          })
        }
        if (earlier.status !== 'minutes_draft' && earlier.status !== 'minutes_approved') {
          throw validation({
            earlierMeetingId: `The meeting on ${formatLongDate(earlier.date)} has no draft minutes to approve`,
          })
        }
        if (input.itemId) {
          const item = await repo.findItemById(input.itemId, tx)
          if (!item || item.meetingId !== later.id) throw validation({ itemId: 'Select an item of this meeting' })
        }
        const alreadyApproved = earlier.status === 'minutes_approved'
        if (alreadyApproved && input.corrections.length === 0) {
          throw validation({
            corrections: `The minutes of ${formatLongDate(earlier.date)} are already approved: enter the correction agreed at this meeting`,
          })
        }
        const now = new Date()
        if (!alreadyApproved) {
          const ok = await repo.touchMeeting(tx, earlier.id, earlier.version, {
            status: 'minutes_approved',
            minutesApprovedAt: now,
            minutesApprovedAtMeetingId: later.id,
          })
          if (!ok) throw conflict()
          await recordPublicationEvent(tx, { kind: 'minutes_approved', bodyId: earlier.bodyId, meetingId: earlier.id })
        }
        for (const [i, text] of input.corrections.entries()) {
          await repo.insertCorrection(tx, {
            meetingId: earlier.id,
            agreedAtMeetingId: later.id,
            itemId: input.itemId ?? null,
            text,
            recordedByUserId: user.id,
            // Same transaction, same now(): keep the order they were typed in.
            createdAt: new Date(now.getTime() + i),
          })
        }
        await recordAudit(tx, { userId: user.id }, {
          event: alreadyApproved ? 'minutes.corrected' : 'minutes.approved',
          subjectType: 'meeting',
          subjectId: earlier.id,
          data: { atMeetingId: later.id, itemId: input.itemId ?? null, corrections: input.corrections.length },
        })
        return { earlierMeetingId: earlier.id, earlierDate: earlier.date, approved: !alreadyApproved, corrections: input.corrections.length }
      })
    },

    // ---------- public ----------

    /**
     * The public meeting page. Exempt items keep only their number, title and paragraph; exempt papers,
     * people's contact details and staff-only fields never leave this function.
     */
    async findPublishedMeeting(id: string): Promise<PublishedMeeting> {
      const meeting = await deps.meetings.getMeeting(id)
      // Nothing of a meeting whose agenda was never published, whatever its status: recording attendance
      // or minutes must not publish an agenda the secretariat never published.
      const agendaPublished = isAgendaPublished(meeting)
      const minutesPublished = areMinutesPublished(meeting)
      const attendanceVisible = agendaPublished && ATTENDANCE_VISIBLE.includes(meeting.status)

      const agenda = agendaPublished ? await deps.meetings.findAgenda(meeting) : []
      let attendance: PublishedMeeting['attendance'] = null
      if (attendanceVisible) {
        const rows = await repo.findAttendanceOfMeeting(meeting.id)
        const seats = seatHolders(await deps.structure.findMembershipsOfBody(meeting.bodyId, meeting.date))
        attendance = publishAttendance(rows, seats)
      }
      return {
        id: meeting.id,
        title: !minutesPublished
          ? 'Agenda'
          : meeting.status === 'minutes_approved'
            ? 'Agenda and minutes'
            : 'Agenda and draft minutes',
        status: meeting.status,
        kind: meeting.kind,
        body: {
          id: meeting.body.id,
          name: meeting.body.name,
          slug: meeting.body.slug,
          partnershipName: meeting.body.partnership.name,
          partnershipSlug: meeting.body.partnership.slug,
        },
        date: meeting.date,
        startTime: meeting.startTime,
        endTime: meeting.endTime,
        venue: meeting.venue,
        contact: { name: meeting.contactName, phone: meeting.contactPhone, email: meeting.contactEmail },
        cancelled: meeting.status === 'cancelled' ? { reason: meeting.cancellationReason } : null,
        movedFrom: meeting.movedFromDate ? { date: meeting.movedFromDate, time: meeting.movedFromTime } : null,
        agendaPublished,
        minutesPublished,
        attendance,
        items: publishItems(meeting, agenda, minutesPublished),
        approval: minutesPublished ? await approvalHistory(meeting) : null,
      }
    },
  }

  function approvalLockReason(later: MeetingRow): string | null {
    if (later.status === 'cancelled') return 'This meeting was cancelled, so no minutes can be approved at it.'
    if (later.date > londonToday()) {
      return `This meeting has not happened yet. Minutes can be approved at it from ${formatLongDate(later.date)}.`
    }
    return null
  }
}
export type MinutesService = ReturnType<typeof minutesService>
