import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { numberAgenda, orderAgenda } from '../../shared/agenda-numbering.ts'
import type { WorkingCalendar } from '../../shared/clear-days.ts'
import { agendaLockReason, isAgendaPublic, ITEM_CHANGED_MESSAGE } from './agenda-rules.ts'
import {
  actorOf,
  assertAgendaChangeable,
  calendarFor,
  loadItem,
  lockedItem,
  lockedManagedMeeting,
  noticeStatusOn,
  partnershipBodyOfMeeting,
  type MeetingsDeps,
} from './meeting-loading.ts'
import { assertCanManageBody } from './meetings.policy.ts'
import type { DeleteInput, EditItemInput, MoveItemInput, NewItemInput } from './meetings.schemas.ts'
import type { AgendaEntry, AgendaItemRow, MeetingWithBody } from './meetings.types.ts'

/** The agenda: reading it numbered, and adding, changing, deleting and moving its items. */

/**
 * The whole agenda in order, numbered by the body's scheme. Includes exempt items and papers:
 * public callers must filter (see publicAgenda in the public meeting presenter).
 */
export async function findAgenda(deps: MeetingsDeps, meeting: MeetingWithBody, tx?: Db): Promise<AgendaEntry[]> {
  const [items, docs, decisions] = await Promise.all([
    deps.repo.findItemsOfMeeting(meeting.id, tx),
    deps.repo.findDocumentsOfMeeting(meeting.id, tx),
    deps.repo.findDecisionsOfMeeting(meeting.id, tx),
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
}

export async function getManagedItem(deps: MeetingsDeps, user: CurrentUser, itemId: string): Promise<{ item: AgendaItemRow; meeting: MeetingWithBody }> {
  const loaded = await loadItem(deps, itemId)
  assertCanManageBody(user, loaded.meeting.body)
  return loaded
}

/**
 * After a main item is added to (or made on) a published agenda of a continuing scheme, keep the body's
 * counter past this meeting's last number so the next meeting does not reuse it. Never lowers it.
 */
async function keepCounterAhead(deps: MeetingsDeps, meeting: MeetingWithBody, tx: Db): Promise<void> {
  if (meeting.body.numberingScheme === 'per_meeting' || !isAgendaPublic(meeting)) return
  const first = meeting.firstItemNumber ?? meeting.body.nextItemNumber
  const mainItems = (await deps.repo.findItemsOfMeeting(meeting.id, tx)).filter((i) => i.parentItemId === null).length
  await deps.numbering.advanceNextItemNumber(meeting.body.id, first + mainItems, tx)
}

async function assertValidParent(deps: MeetingsDeps, meetingId: string, parentItemId: string | undefined, selfId: string | null, tx: Db) {
  if (!parentItemId) return
  const parent = await deps.repo.findItemById(parentItemId, tx)
  if (!parent || parent.meetingId !== meetingId || parent.id === selfId) {
    throw validation({ parentItemId: 'Select a main item from this agenda' })
  }
  if (parent.parentItemId) {
    throw validation({ parentItemId: 'Sub-items cannot have sub-items of their own: select a main item' })
  }
}

/** The exempt columns of an item or a paper: a paragraph and reasoning only when exempt. */
export function exemptColumns(input: { isExempt: boolean; exemptParagraph?: string | undefined; publicInterestReasoning?: string | undefined }) {
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
function lateForStatutoryBody(deps: MeetingsDeps, meeting: MeetingWithBody, cal: WorkingCalendar): boolean {
  const notice = noticeStatusOn(deps, meeting, cal)
  return notice.late && notice.statutory
}

const URGENCY_REQUIRED = "Enter the reason the chair ruled this item urgent: the agenda's notice period has passed (s.100B(4)(b))"

export async function addItem(deps: MeetingsDeps, user: CurrentUser, meetingId: string, input: NewItemInput): Promise<AgendaItemRow> {
  const cal = await calendarFor(deps, await partnershipBodyOfMeeting(deps, meetingId))
  return deps.db.transaction(async (tx) => {
    const meeting = await lockedManagedMeeting(deps, user, meetingId, tx)
    assertAgendaChangeable(meeting, 'edit')
    await assertValidParent(deps, meeting.id, input.parentItemId, null, tx)
    const addedAfterPublication = meeting.agendaPublishedAt !== null
    if (addedAfterPublication && !input.urgencyReason && lateForStatutoryBody(deps, meeting, cal)) {
      throw validation({ urgencyReason: URGENCY_REQUIRED })
    }
    const position = await deps.repo.nextItemPosition(meeting.id, input.parentItemId ?? null, tx)
    const item = await deps.repo.insertItem({ meetingId: meeting.id, position, ...itemColumns(input), addedAfterPublication }, tx)
    if (addedAfterPublication && item.parentItemId === null) await keepCounterAhead(deps, meeting, tx)
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'agenda_item.added',
      subjectType: 'agenda_item',
      subjectId: item.id,
      data: { meetingId: meeting.id, title: item.title, addedAfterPublication, isExempt: item.isExempt },
    })
    return item
  })
}

export async function updateItem(deps: MeetingsDeps, user: CurrentUser, itemId: string, input: EditItemInput): Promise<AgendaItemRow> {
  const { meeting: before } = await loadItem(deps, itemId)
  const cal = await calendarFor(deps, before.body)
  return deps.db.transaction(async (tx) => {
    const { item, meeting } = await lockedItem(deps, itemId, tx)
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
      await assertValidParent(deps, meeting.id, input.parentItemId, item.id, tx)
      const items = await deps.repo.findItemsOfMeeting(meeting.id, tx)
      if (newParent && items.some((i) => i.parentItemId === item.id)) {
        throw validation({ parentItemId: 'This item has sub-items of its own, so it cannot become a sub-item' })
      }
      Object.assign(changes, { position: await deps.repo.nextItemPosition(meeting.id, newParent, tx) })
    }
    if (item.addedAfterPublication && !input.urgencyReason && lateForStatutoryBody(deps, meeting, cal)) {
      throw validation({ urgencyReason: URGENCY_REQUIRED })
    }
    const row = await deps.repo.updateItem(item.id, input.version, changes, tx)
    if (!row) throw conflict()
    if (reparented && newParent === null) await keepCounterAhead(deps, meeting, tx)
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'agenda_item.updated',
      subjectType: 'agenda_item',
      subjectId: item.id,
      data: { meetingId: meeting.id, title: row.title, isExempt: row.isExempt },
    })
    return row
  })
}

/** Delete an item; deleting a main item deletes its sub-items (and their papers) too. */
export async function deleteItem(deps: MeetingsDeps, user: CurrentUser, itemId: string, input: DeleteInput): Promise<MeetingWithBody> {
  return deps.db.transaction(async (tx) => {
    const { item, meeting } = await lockedItem(deps, itemId, tx)
    assertCanManageBody(user, meeting.body)
    assertAgendaChangeable(meeting, 'restructure')
    if (item.version !== input.version) throw conflict(ITEM_CHANGED_MESSAGE)
    const subItems = (await deps.repo.findItemsOfMeeting(meeting.id, tx)).filter((i) => i.parentItemId === item.id)
    if (!(await deps.repo.deleteItem(item.id, input.version, tx))) throw conflict(ITEM_CHANGED_MESSAGE)
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'agenda_item.deleted',
      subjectType: 'agenda_item',
      subjectId: item.id,
      data: { meetingId: meeting.id, title: item.title, subItemIds: subItems.map((i) => i.id) },
    })
    return meeting
  })
}

/** Swap an item with its neighbour among its siblings; at either end nothing changes. */
export async function moveItem(deps: MeetingsDeps, user: CurrentUser, itemId: string, input: MoveItemInput): Promise<MeetingWithBody> {
  const { direction } = input
  return deps.db.transaction(async (tx) => {
    const { item, meeting } = await lockedItem(deps, itemId, tx)
    assertCanManageBody(user, meeting.body)
    assertAgendaChangeable(meeting, 'restructure')
    if (item.version !== input.version) throw conflict(ITEM_CHANGED_MESSAGE)
    const siblings = (await deps.repo.findItemsOfMeeting(meeting.id, tx))
      .filter((i) => i.parentItemId === item.parentItemId)
      .sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime())
    const index = siblings.findIndex((i) => i.id === item.id)
    const other = direction === 'up' ? index - 1 : index + 1
    if (index < 0 || other < 0 || other >= siblings.length) return meeting
    const order = [...siblings]
    ;[order[index], order[other]] = [order[other]!, order[index]!]
    // Renumber positions 0..n-1 so that duplicate positions (imports) cannot make a swap a no-op.
    for (const [position, sibling] of order.entries()) {
      if (sibling.position !== position) await deps.repo.setItemPosition(sibling.id, position, tx)
    }
    await recordAudit(tx, actorOf(user), {
      partnershipId: meeting.body.partnershipId,
      event: 'agenda_item.moved',
      subjectType: 'agenda_item',
      subjectId: item.id,
      data: { meetingId: meeting.id, direction },
    })
    return meeting
  })
}
