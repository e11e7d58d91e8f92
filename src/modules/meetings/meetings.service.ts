import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { recordPublicationEvent } from '../publishing/publication-events.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, invalidState, notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { numberAgenda, orderAgenda } from '../../shared/agenda-numbering.ts'
import { noticeDeadline, workingCalendar, type NoticeDeadline, type WorkingCalendar } from '../../shared/clear-days.ts'
import { londonToday, shortTime } from '../../shared/dates.ts'
import type { BodyWithPartnership, StructureService } from '../structure/structure.service.ts'
import type { Regime } from '../structure/structure.tables.ts'
import type { AgendaItemRow, DecisionRow, DocumentMeta, MeetingChanges, MeetingRow, MeetingsRepository } from './meetings.repository.ts'
import { assertCanManageBody, canSeeWithheldPapers } from './meetings.policy.ts'
import type {
  CancelMeetingInput,
  DeleteInput,
  EditItemInput,
  EditMeetingInput,
  MoveItemInput,
  NewItemInput,
  PaperInput,
  PublishAgendaInput,
  ScheduleMeetingInput,
} from './meetings.schemas.ts'
import type { CheckedPaper } from './papers.ts'
import { extractPaperText } from '../../platform/outputs/text-extract.ts'

export type { AgendaItemRow, DecisionRow, DocumentMeta, MeetingRow }

export type MeetingWithBody = MeetingRow & { body: BodyWithPartnership }

/** An agenda item as printed: its number, its sub-items' place, its papers and decisions. */
export type AgendaEntry = AgendaItemRow & {
  number: string
  isSubItem: boolean
  papers: DocumentMeta[]
  decisions: DecisionRow[]
}

/** Regimes where the notice rules are law (hard blocks); others get warnings (meeting-law.md section 0). */
export const STATUTORY_REGIMES: readonly Regime[] = ['statutory_committee', 'executive', 'hwb']
export const isStatutory = (regime: Regime): boolean => STATUTORY_REGIMES.includes(regime)

export type NoticeStatus = NoticeDeadline & {
  clearDays: number
  today: string
  /** Today is after the latest compliant publication date. */
  late: boolean
  statutory: boolean
}

/** What the publish page shows before the agenda goes out. */
export type PublishCheck = {
  notice: NoticeStatus
  /** Exempt items and papers that the public will not see. */
  withheldItems: AgendaEntry[]
  withheldPapers: DocumentMeta[]
  /** Things to put right or be aware of (exempt content without a paragraph or reasoning). */
  warnings: string[]
  /** A reason publication cannot happen at all (empty agenda, wrong status). */
  blocker: string | null
}

type Actor = CurrentUser

/** The agenda is public once it has been published (whatever happened to the meeting since). */
export const isAgendaPublic = (meeting: Pick<MeetingRow, 'agendaPublishedAt'>): boolean => meeting.agendaPublishedAt !== null

/**
 * Whether the public may have a paper: the agenda is published, the paper is not exempt, and it is not
 * on an exempt item or a sub-item of one (an item that cannot be found withholds it too). The one rule
 * for the paper download route and the papers the public meeting page lists.
 */
export function isPaperPublic(
  meeting: Pick<MeetingRow, 'agendaPublishedAt'>,
  paper: Pick<DocumentMeta, 'isExempt' | 'itemId'>,
  item: Pick<AgendaItemRow, 'isExempt'> | undefined,
  parent: Pick<AgendaItemRow, 'isExempt'> | undefined,
): boolean {
  if (!isAgendaPublic(meeting) || paper.isExempt) return false
  if (paper.itemId === null) return true
  return !!item && !item.isExempt && !parent?.isExempt
}

/**
 * What may still change on a meeting's agenda:
 * - 'edit': the meeting's details, adding and rewording items, adding papers;
 * - 'restructure': deleting or moving items, deleting papers.
 * Nothing changes once the meeting is cancelled or its minutes are approved (the record is final); once
 * draft minutes are published, items keep their place and papers stay, so the minutes still match.
 */
export type AgendaChange = 'edit' | 'restructure'

export const CANCELLED_MESSAGE = 'This meeting has been cancelled, so it cannot be changed.'
export const MINUTES_APPROVED_MESSAGE =
  'The minutes of this meeting have been approved, so its details, agenda and papers can no longer be changed.'
export const DRAFT_MINUTES_MESSAGE =
  "Draft minutes of this meeting have been published, so agenda items can no longer be deleted or moved and papers can no longer be deleted. You can still change an item's wording."

/** Why this change cannot be made to the meeting now, or null. */
export function agendaLockReason(meeting: Pick<MeetingRow, 'status'>, change: AgendaChange): string | null {
  if (meeting.status === 'cancelled') return CANCELLED_MESSAGE
  if (meeting.status === 'minutes_approved') return MINUTES_APPROVED_MESSAGE
  if (change === 'restructure' && meeting.status === 'minutes_draft') return DRAFT_MINUTES_MESSAGE
  return null
}

export const ITEM_CHANGED_MESSAGE =
  'Someone else changed this agenda item since you opened it. Nothing has been changed: check the agenda and try again.'
export const PAPER_CHANGED_MESSAGE =
  'Someone else changed this paper since you opened it. Nothing has been deleted: check the papers and try again.'

const actorOf = (user: Actor) => ({ userId: user.id })

export function meetingsService(
  db: Db,
  repo: MeetingsRepository,
  deps: { structure: StructureService; config: Config; now?: () => Date },
) {
  const now = () => (deps.now ? deps.now() : new Date())

  function assertNotCancelled(meeting: MeetingRow, what = 'changed'): void {
    if (meeting.status === 'cancelled') {
      throw invalidState(`This meeting has been cancelled, so it cannot be ${what}.`)
    }
  }

  function assertAgendaChangeable(meeting: MeetingRow, change: AgendaChange): void {
    const reason = agendaLockReason(meeting, change)
    if (reason) throw invalidState(reason)
  }

  /** Inside a transaction: the meeting row locked (as the minutes lock it), with its body. */
  async function lockedMeeting(id: string, tx: Db): Promise<MeetingWithBody> {
    const row = await repo.lockMeetingById(id, tx)
    if (!row) throw notFound('Meeting')
    return { ...row, body: await deps.structure.getBody(row.bodyId, tx) }
  }

  /** Inside a transaction: an item and its meeting, the meeting locked and the item read again under the lock. */
  async function lockedItem(itemId: string, tx: Db): Promise<{ item: AgendaItemRow; meeting: MeetingWithBody }> {
    const seen = await repo.findItemById(itemId, tx)
    if (!seen) throw notFound('Agenda item')
    const meeting = await lockedMeeting(seen.meetingId, tx)
    const item = await repo.findItemById(itemId, tx)
    if (!item) throw notFound('Agenda item')
    return { item, meeting }
  }

  /**
   * After a main item is added to (or made on) a published agenda of a continuing scheme, keep the body's
   * counter past this meeting's last number so the next meeting does not reuse it. Never lowers it.
   */
  async function keepCounterAhead(meeting: MeetingWithBody, tx: Db): Promise<void> {
    if (meeting.body.numberingScheme === 'per_meeting' || !isAgendaPublic(meeting)) return
    const first = meeting.firstItemNumber ?? meeting.body.nextItemNumber
    const mainItems = (await repo.findItemsOfMeeting(meeting.id, tx)).filter((i) => i.parentItemId === null).length
    await repo.advanceBodyNextItemNumber(meeting.body.id, first + mainItems, tx)
  }

  async function calendarFor(body: BodyWithPartnership) {
    const closureDays = await deps.structure.findClosureDates(body.partnershipId)
    return workingCalendar({ region: body.region, closureDays })
  }

  function noticeStatus(meeting: MeetingWithBody, cal: ReturnType<typeof workingCalendar>): NoticeStatus {
    const deadline = noticeDeadline(meeting.date, meeting.body.noticeClearDays, cal)
    const today = londonToday(now())
    return {
      ...deadline,
      clearDays: meeting.body.noticeClearDays,
      today,
      late: today > deadline.latestCompliant,
      statutory: isStatutory(meeting.body.regime),
    }
  }

  /** The meeting's partnership, read before a transaction (closure days are not read with tx). */
  async function partnershipBodyOfMeeting(meetingId: string): Promise<BodyWithPartnership> {
    return (await service.getMeeting(meetingId)).body
  }

  async function loadItem(itemId: string, tx?: Db): Promise<{ item: AgendaItemRow; meeting: MeetingWithBody }> {
    const item = await repo.findItemById(itemId, tx)
    if (!item) throw notFound('Agenda item')
    const meeting = await service.getMeeting(item.meetingId, tx)
    return { item, meeting }
  }

  async function assertValidParent(meetingId: string, parentItemId: string | undefined, selfId: string | null, tx: Db) {
    if (!parentItemId) return
    const parent = await repo.findItemById(parentItemId, tx)
    if (!parent || parent.meetingId !== meetingId || parent.id === selfId) {
      throw validation({ parentItemId: 'Select a main item from this agenda' })
    }
    if (parent.parentItemId) {
      throw validation({ parentItemId: 'Sub-items cannot have sub-items of their own: select a main item' })
    }
  }

  function exemptColumns(input: { isExempt: boolean; exemptParagraph?: string | undefined; publicInterestReasoning?: string | undefined }) {
    return input.isExempt
      ? { isExempt: true, exemptParagraph: Number(input.exemptParagraph), publicInterestReasoning: input.publicInterestReasoning ?? null }
      : { isExempt: false, exemptParagraph: null, publicInterestReasoning: null }
  }

  function itemColumns(input: NewItemInput | EditItemInput) {
    const exempt = exemptColumns(input)
    return {
      title: input.title,
      description: input.description ?? null,
      purpose: input.purpose ?? null,
      presenter: input.presenter ?? null,
      parentItemId: input.parentItemId ?? null,
      numberOverride: input.numberOverride ?? null,
      ...exempt,
      exemptReviewOn: exempt.isExempt ? (input.exemptReviewOn ?? null) : null,
      urgencyReason: input.urgencyReason ?? null,
    }
  }

  /** A late item is a hard block only for statutory regimes; informal bodies get a warning (meeting-law.md s.0). */
  const lateForStatutoryBody = (meeting: MeetingWithBody, cal: WorkingCalendar): boolean => {
    const notice = noticeStatus(meeting, cal)
    return notice.late && notice.statutory
  }

  const URGENCY_REQUIRED =
    "Enter the reason the chair ruled this item urgent: the agenda's notice period has passed (s.100B(4)(b))"

  const service = {
    /** A meeting with its body and partnership; throws NOT_FOUND. */
    async getMeeting(id: string, tx?: Db): Promise<MeetingWithBody> {
      const meeting = await repo.findMeetingById(id, tx)
      if (!meeting) throw notFound('Meeting')
      const body = await deps.structure.getBody(meeting.bodyId, tx)
      return { ...meeting, body }
    },

    /**
     * The whole agenda in order, numbered by the body's scheme. Includes exempt items and papers:
     * public callers must filter (see publicAgenda in the public meeting presenter).
     */
    async findAgenda(meeting: MeetingWithBody, tx?: Db): Promise<AgendaEntry[]> {
      const [items, docs, decisions] = await Promise.all([
        repo.findItemsOfMeeting(meeting.id, tx),
        repo.findDocumentsOfMeeting(meeting.id, tx),
        repo.findDecisionsOfMeeting(meeting.id, tx),
      ])
      const first = meeting.firstItemNumber ?? meeting.body.nextItemNumber
      const numbers = numberAgenda(meeting.body.numberingScheme, first, Number(meeting.date.slice(0, 4)), items)
      return orderAgenda(items).map((item) => ({
        ...item,
        number: numbers.get(item.id) ?? '',
        isSubItem: item.parentItemId !== null,
        papers: docs.filter((d) => d.itemId === item.id),
        decisions: decisions.filter((d) => d.itemId === item.id),
      }))
    },

    /** Papers attached to the meeting as a whole rather than to an item. */
    async findMeetingPapers(meeting: MeetingWithBody): Promise<DocumentMeta[]> {
      return (await repo.findDocumentsOfMeeting(meeting.id)).filter((d) => d.itemId === null)
    },

    // ---- reads for staff screens (each checks the policy) ----

    async getBodyToSchedule(user: Actor, bodyId: string): Promise<BodyWithPartnership> {
      const body = await deps.structure.getBody(bodyId)
      assertCanManageBody(user, body)
      return body
    },

    async getManagedMeeting(user: Actor, id: string): Promise<MeetingWithBody> {
      const meeting = await service.getMeeting(id)
      assertCanManageBody(user, meeting.body)
      return meeting
    },

    async getManagedItem(user: Actor, itemId: string): Promise<{ item: AgendaItemRow; meeting: MeetingWithBody }> {
      const loaded = await loadItem(itemId)
      assertCanManageBody(user, loaded.meeting.body)
      return loaded
    },

    async getManagedPaper(user: Actor, paperId: string): Promise<{ paper: DocumentMeta; meeting: MeetingWithBody }> {
      const paper = await repo.findDocumentById(paperId)
      if (!paper) throw notFound('Paper')
      const meeting = await service.getMeeting(paper.meetingId)
      assertCanManageBody(user, meeting.body)
      return { paper, meeting }
    },

    /** Notice deadline and whether publication (or a new item) would now be late. */
    async noticeStatus(meeting: MeetingWithBody): Promise<NoticeStatus> {
      return noticeStatus(meeting, await calendarFor(meeting.body))
    },

    async checkPublication(meeting: MeetingWithBody): Promise<PublishCheck> {
      const [notice, agenda, papers] = await Promise.all([
        service.noticeStatus(meeting),
        service.findAgenda(meeting),
        service.findMeetingPapers(meeting),
      ])
      const allPapers = [...papers, ...agenda.flatMap((i) => i.papers)]
      const exemptIds = new Set(agenda.filter((i) => i.isExempt).map((i) => i.id))
      const withheldItems = agenda.filter((i) => i.isExempt || (i.parentItemId !== null && exemptIds.has(i.parentItemId)))
      const withheldPapers = allPapers.filter((p) => p.isExempt)
      const warnings: string[] = []
      for (const item of agenda.filter((i) => i.isExempt)) {
        if (!item.exemptParagraph) warnings.push(`Item ${item.number} ${item.title} is exempt but names no Schedule 12A paragraph`)
        if (!item.publicInterestReasoning) warnings.push(`Item ${item.number} ${item.title} is exempt but has no public interest reasoning`)
      }
      for (const paper of withheldPapers) {
        if (!paper.exemptParagraph) warnings.push(`Paper "${paper.title}" is exempt but names no Schedule 12A paragraph`)
        if (!paper.publicInterestReasoning) warnings.push(`Paper "${paper.title}" is exempt but has no public interest reasoning`)
      }
      let blocker: string | null = null
      if (meeting.status === 'cancelled') blocker = 'This meeting has been cancelled, so its agenda cannot be published.'
      else if (meeting.status !== 'scheduled') blocker = 'The agenda for this meeting has already been published.'
      else if (agenda.length === 0) blocker = 'Add at least one agenda item before publishing the agenda.'
      return { notice, withheldItems, withheldPapers, warnings, blocker }
    },

    // ---- meetings ----

    async scheduleMeeting(user: Actor, bodyId: string, input: ScheduleMeetingInput): Promise<MeetingRow> {
      return db.transaction(async (tx) => {
        const body = await deps.structure.getBody(bodyId, tx)
        assertCanManageBody(user, body)
        const meeting = await repo.insertMeeting(
          {
            bodyId,
            date: input.date,
            startTime: input.startTime,
            endTime: input.endTime ?? null,
            venue: input.venue ?? null,
            contactName: input.contactName ?? null,
            contactPhone: input.contactPhone ?? null,
            contactEmail: input.contactEmail ?? null,
            kind: input.kind,
            firstItemNumber: body.numberingScheme === 'per_meeting' ? null : (input.firstItemNumber ?? null),
          },
          tx,
        )
        await recordAudit(tx, actorOf(user), {
          event: 'meeting.scheduled',
          subjectType: 'meeting',
          subjectId: meeting.id,
          data: { bodyId, date: meeting.date, startTime: meeting.startTime },
        })
        return meeting
      })
    },

    /** Change a meeting's details. Moving its date or time keeps the first original date and time. */
    async updateMeeting(user: Actor, id: string, input: EditMeetingInput): Promise<MeetingRow> {
      return db.transaction(async (tx) => {
        const meeting = await lockedMeeting(id, tx)
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'edit')
        if (meeting.version !== input.version) throw conflict()
        const moved = input.date !== meeting.date || input.startTime !== shortTime(meeting.startTime)
        const changes: MeetingChanges = {
          date: input.date,
          startTime: input.startTime,
          endTime: input.endTime ?? null,
          venue: input.venue ?? null,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
          contactEmail: input.contactEmail ?? null,
          kind: input.kind,
        }
        // The first number is frozen when the agenda is published: changing it would renumber a public agenda.
        if (!meeting.agendaPublishedAt && meeting.body.numberingScheme !== 'per_meeting') {
          changes.firstItemNumber = input.firstItemNumber ?? null
        }
        if (moved) {
          if (!meeting.movedFromDate) {
            changes.movedFromDate = meeting.date
            changes.movedFromTime = meeting.startTime
          } else if (meeting.movedFromDate === input.date && shortTime(meeting.movedFromTime ?? '') === input.startTime) {
            // Moved back to where it was first set: no longer moved.
            changes.movedFromDate = null
            changes.movedFromTime = null
          }
        }
        // Calendar subscribers see a new SEQUENCE whenever the time or place changes.
        const calendarChanged =
          moved ||
          (input.endTime ?? null) !== (meeting.endTime ? shortTime(meeting.endTime) : null) ||
          (input.venue ?? null) !== meeting.venue
        if (calendarChanged) changes.icalSequence = meeting.icalSequence + 1
        const row = await repo.updateMeeting(id, input.version, changes, tx)
        if (!row) throw conflict()
        if (moved) await recordPublicationEvent(tx, { kind: 'meeting_moved', bodyId: meeting.bodyId, meetingId: id })
        await recordAudit(tx, actorOf(user), {
          event: moved ? 'meeting.moved' : 'meeting.updated',
          subjectType: 'meeting',
          subjectId: id,
          data: moved
            ? { fromDate: meeting.date, fromTime: meeting.startTime, toDate: row.date, toTime: row.startTime }
            : {},
        })
        return row
      })
    },

    async cancelMeeting(user: Actor, id: string, input: CancelMeetingInput): Promise<MeetingRow> {
      return db.transaction(async (tx) => {
        const meeting = await lockedMeeting(id, tx)
        assertCanManageBody(user, meeting.body)
        assertNotCancelled(meeting, 'cancelled again')
        if (meeting.status === 'held' || meeting.status === 'minutes_draft' || meeting.status === 'minutes_approved') {
          throw invalidState('This meeting has been held, so it cannot be cancelled.')
        }
        const row = await repo.updateMeeting(
          id,
          input.version,
          {
            status: 'cancelled',
            cancelledAt: now(),
            cancellationReason: input.reason ?? null,
            icalSequence: meeting.icalSequence + 1,
          },
          tx,
        )
        if (!row) throw conflict()
        await recordPublicationEvent(tx, { kind: 'meeting_cancelled', bodyId: meeting.bodyId, meetingId: id })
        await recordAudit(tx, actorOf(user), {
          event: 'meeting.cancelled',
          subjectType: 'meeting',
          subjectId: id,
          data: { reason: input.reason ?? null },
        })
        return row
      })
    },

    // ---- agenda items ----

    async addItem(user: Actor, meetingId: string, input: NewItemInput): Promise<AgendaItemRow> {
      const cal = await calendarFor(await partnershipBodyOfMeeting(meetingId))
      return db.transaction(async (tx) => {
        const meeting = await lockedMeeting(meetingId, tx)
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'edit')
        await assertValidParent(meeting.id, input.parentItemId, null, tx)
        const addedAfterPublication = meeting.agendaPublishedAt !== null
        if (addedAfterPublication && !input.urgencyReason && lateForStatutoryBody(meeting, cal)) {
          throw validation({ urgencyReason: URGENCY_REQUIRED })
        }
        const position = await repo.nextItemPosition(meeting.id, input.parentItemId ?? null, tx)
        const item = await repo.insertItem(
          { meetingId: meeting.id, position, ...itemColumns(input), addedAfterPublication },
          tx,
        )
        if (addedAfterPublication && item.parentItemId === null) await keepCounterAhead(meeting, tx)
        await recordAudit(tx, actorOf(user), {
          event: 'agenda_item.added',
          subjectType: 'agenda_item',
          subjectId: item.id,
          data: { meetingId: meeting.id, title: item.title, addedAfterPublication, isExempt: item.isExempt },
        })
        return item
      })
    },

    async updateItem(user: Actor, itemId: string, input: EditItemInput): Promise<AgendaItemRow> {
      const { meeting: before } = await loadItem(itemId)
      const cal = await calendarFor(before.body)
      return db.transaction(async (tx) => {
        const { item, meeting } = await lockedItem(itemId, tx)
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'edit')
        if (item.version !== input.version) throw conflict()
        const newParent = input.parentItemId ?? null
        const changes = itemColumns(input)
        const reparented = newParent !== item.parentItemId
        if (reparented) {
          // Moving an item under another (or out) renumbers the agenda: not once draft minutes are out.
          if (agendaLockReason(meeting, 'restructure')) {
            throw validation({
              parentItemId: 'Draft minutes of this meeting have been published, so this item cannot be moved to another place in the agenda',
            })
          }
          await assertValidParent(meeting.id, input.parentItemId, item.id, tx)
          const items = await repo.findItemsOfMeeting(meeting.id, tx)
          if (newParent && items.some((i) => i.parentItemId === item.id)) {
            throw validation({ parentItemId: 'This item has sub-items of its own, so it cannot become a sub-item' })
          }
          Object.assign(changes, { position: await repo.nextItemPosition(meeting.id, newParent, tx) })
        }
        if (item.addedAfterPublication && !input.urgencyReason && lateForStatutoryBody(meeting, cal)) {
          throw validation({ urgencyReason: URGENCY_REQUIRED })
        }
        const row = await repo.updateItem(item.id, input.version, changes, tx)
        if (!row) throw conflict()
        if (reparented && newParent === null) await keepCounterAhead(meeting, tx)
        await recordAudit(tx, actorOf(user), {
          event: 'agenda_item.updated',
          subjectType: 'agenda_item',
          subjectId: item.id,
          data: { meetingId: meeting.id, title: row.title, isExempt: row.isExempt },
        })
        return row
      })
    },

    /** Delete an item; deleting a main item deletes its sub-items (and their papers) too. */
    async deleteItem(user: Actor, itemId: string, input: DeleteInput): Promise<MeetingWithBody> {
      return db.transaction(async (tx) => {
        const { item, meeting } = await lockedItem(itemId, tx)
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'restructure')
        if (item.version !== input.version) throw conflict(ITEM_CHANGED_MESSAGE)
        const subItems = (await repo.findItemsOfMeeting(meeting.id, tx)).filter((i) => i.parentItemId === item.id)
        if (!(await repo.deleteItem(item.id, input.version, tx))) throw conflict(ITEM_CHANGED_MESSAGE)
        await recordAudit(tx, actorOf(user), {
          event: 'agenda_item.deleted',
          subjectType: 'agenda_item',
          subjectId: item.id,
          data: { meetingId: meeting.id, title: item.title, subItemIds: subItems.map((i) => i.id) },
        })
        return meeting
      })
    },

    /** Swap an item with its neighbour among its siblings; at either end nothing changes. */
    async moveItem(user: Actor, itemId: string, input: MoveItemInput): Promise<MeetingWithBody> {
      const { direction } = input
      return db.transaction(async (tx) => {
        const { item, meeting } = await lockedItem(itemId, tx)
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'restructure')
        if (item.version !== input.version) throw conflict(ITEM_CHANGED_MESSAGE)
        const siblings = (await repo.findItemsOfMeeting(meeting.id, tx))
          .filter((i) => i.parentItemId === item.parentItemId)
          .sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime())
        const index = siblings.findIndex((i) => i.id === item.id)
        const other = direction === 'up' ? index - 1 : index + 1
        if (index < 0 || other < 0 || other >= siblings.length) return meeting
        const order = [...siblings]
        ;[order[index], order[other]] = [order[other]!, order[index]!]
        // Renumber positions 0..n-1 so that duplicate positions (imports) cannot make a swap a no-op.
        for (const [position, sibling] of order.entries()) {
          if (sibling.position !== position) await repo.setItemPosition(sibling.id, position, tx)
        }
        await recordAudit(tx, actorOf(user), {
          event: 'agenda_item.moved',
          subjectType: 'agenda_item',
          subjectId: item.id,
          data: { meetingId: meeting.id, direction },
        })
        return meeting
      })
    },

    // ---- papers ----

    async addPaper(user: Actor, meetingId: string, input: PaperInput, file: CheckedPaper): Promise<DocumentMeta> {
      // Text for search, read before the transaction (it can take a moment); never fails the upload.
      const extracted = await extractPaperText(file.bytes, file.mediaType)
      return db.transaction(async (tx) => {
        const meeting = await lockedMeeting(meetingId, tx)
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'edit')
        if (input.itemId) {
          const item = await repo.findItemById(input.itemId, tx)
          if (!item || item.meetingId !== meeting.id) throw validation({ itemId: 'Select an agenda item from this meeting' })
        }
        const position = await repo.nextDocumentPosition(meeting.id, input.itemId ?? null, tx)
        const paper = await repo.insertDocument(
          {
            meetingId: meeting.id,
            itemId: input.itemId ?? null,
            position,
            title: input.title,
            filename: file.filename,
            mediaType: file.mediaType,
            sizeBytes: file.sizeBytes,
            sha256: file.sha256,
            content: file.bytes,
            textContent: extracted.text,
            textStatus: extracted.status,
            pageCount: extracted.pageCount,
            ...exemptColumns(input),
            uploadedByUserId: user.id,
          },
          tx,
        )
        await recordAudit(tx, actorOf(user), {
          event: 'paper.uploaded',
          subjectType: 'document',
          subjectId: paper.id,
          data: { meetingId: meeting.id, itemId: paper.itemId, filename: paper.filename, sha256: paper.sha256, isExempt: paper.isExempt },
        })
        return paper
      })
    },

    async deletePaper(user: Actor, paperId: string, input: DeleteInput): Promise<MeetingWithBody> {
      return db.transaction(async (tx) => {
        const seen = await repo.findDocumentById(paperId, tx)
        if (!seen) throw notFound('Paper')
        const meeting = await lockedMeeting(seen.meetingId, tx)
        const paper = await repo.findDocumentById(paperId, tx)
        if (!paper) throw notFound('Paper')
        assertCanManageBody(user, meeting.body)
        assertAgendaChangeable(meeting, 'restructure')
        if (paper.version !== input.version) throw conflict(PAPER_CHANGED_MESSAGE)
        if (!(await repo.deleteDocument(paper.id, input.version, tx))) throw conflict(PAPER_CHANGED_MESSAGE)
        await recordAudit(tx, actorOf(user), {
          event: 'paper.deleted',
          subjectType: 'document',
          subjectId: paper.id,
          data: { meetingId: meeting.id, title: paper.title, filename: paper.filename, sha256: paper.sha256 },
        })
        return meeting
      })
    },

    /**
     * A paper's bytes for download. The public gets NOT_FOUND for an exempt paper, a paper on an exempt
     * item (or a sub-item of one), and any paper of an agenda not yet published; the partnership's staff
     * and the body's members get every paper.
     */
    async findPaperForDownload(
      user: CurrentUser | null,
      paperId: string,
      filename: string,
    ): Promise<{ paper: DocumentMeta; content: Buffer }> {
      const paper = await repo.findDocumentById(paperId)
      if (!paper || paper.filename !== filename) throw notFound('Paper')
      const meeting = await service.getMeeting(paper.meetingId)
      if (!canSeeWithheldPapers(user, meeting.body)) {
        const item = paper.itemId ? await repo.findItemById(paper.itemId) : undefined
        const parent = item?.parentItemId ? await repo.findItemById(item.parentItemId) : undefined
        if (!isPaperPublic(meeting, paper, item, parent)) throw notFound('Paper')
      }
      const content = await repo.findDocumentContent(paper.id)
      if (!content) throw notFound('Paper')
      return { paper, content }
    },

    // ---- publication ----

    /**
     * Publish the agenda. Late publication (after the latest compliant date) is a warning for informal
     * bodies and CSPs, and blocked for statutory regimes unless an urgency reason is recorded. Freezes the
     * meeting's first item number and advances the body's counter for continuing schemes.
     */
    async publishAgenda(user: Actor, id: string, input: PublishAgendaInput): Promise<MeetingRow> {
      const cal = await calendarFor(await partnershipBodyOfMeeting(id))
      return db.transaction(async (tx) => {
        const meeting = await lockedMeeting(id, tx)
        assertCanManageBody(user, meeting.body)
        assertNotCancelled(meeting, 'published')
        if (meeting.status !== 'scheduled') throw invalidState('The agenda for this meeting has already been published.')
        if (meeting.version !== input.version) throw conflict()
        const items = await repo.findItemsOfMeeting(meeting.id, tx)
        if (items.length === 0) throw invalidState('Add at least one agenda item before publishing the agenda.')
        const notice = noticeStatus(meeting, cal)
        if (notice.late && notice.statutory && !input.urgencyReason) {
          throw validation({
            urgencyReason: 'Enter the reason the agenda is being published late: this body must give notice by law',
          })
        }
        const continuing = meeting.body.numberingScheme !== 'per_meeting'
        const first = meeting.firstItemNumber ?? meeting.body.nextItemNumber
        const mainItems = items.filter((i) => i.parentItemId === null).length
        const row = await repo.updateMeeting(
          meeting.id,
          input.version,
          {
            status: 'agenda_published',
            agendaPublishedAt: now(),
            lateReason: notice.late ? (input.urgencyReason ?? null) : null,
            ...(continuing ? { firstItemNumber: first } : {}),
          },
          tx,
        )
        if (!row) throw conflict()
        if (continuing) await repo.advanceBodyNextItemNumber(meeting.body.id, first + mainItems, tx)
        await recordPublicationEvent(tx, { kind: 'agenda_published', bodyId: meeting.bodyId, meetingId: meeting.id })
        await recordAudit(tx, actorOf(user), {
          event: 'agenda.published',
          subjectType: 'meeting',
          subjectId: meeting.id,
          data: {
            late: notice.late,
            lateReason: row.lateReason,
            latestCompliant: notice.latestCompliant,
            firstItemNumber: continuing ? first : null,
            mainItems,
          },
        })
        return row
      })
    },
  }
  return service
}
export type MeetingsService = ReturnType<typeof meetingsService>
