import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { NumberingService } from '../structure/numbering.service.ts'
import type { StructureService } from '../structure/structure.service.ts'
import { addItem, deleteItem, findAgenda, getManagedItem, moveItem, updateItem } from './agenda.ts'
import { getMeeting, type MeetingsDeps } from './meeting-loading.ts'
import type { MeetingEvents } from './meetings.events.ts'
import type { MeetingsRepository } from './meetings.repository.ts'
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
import type { MeetingWithBody } from './meetings.types.ts'
import { addPaper, deletePaper, findMeetingPapers, findPaperForDownload, getManagedPaper } from './papers-service.ts'
import type { CheckedPaper } from './papers.ts'
import { checkPublication, noticeStatus, publishAgenda } from './publication.ts'
import { cancelMeeting, getBodyToSchedule, getManagedMeeting, scheduleMeeting, updateMeeting } from './schedule.ts'
import { getViewableMeeting, viewMeeting } from './viewing.ts'

export type {
  AgendaChange,
  AgendaEntry,
  AgendaItemRow,
  DecisionRow,
  DocumentMeta,
  MeetingRow,
  MeetingWithBody,
  NoticeStatus,
  PublishCheck,
} from './meetings.types.ts'
export type { ViewedAgendaEntry } from './viewing.ts'
export {
  STATUTORY_REGIMES,
  isStatutory,
  isAgendaPublic,
  isPaperPublic,
  CANCELLED_MESSAGE,
  MINUTES_APPROVED_MESSAGE,
  DRAFT_MINUTES_MESSAGE,
  agendaLockReason,
  ITEM_CHANGED_MESSAGE,
  PAPER_CHANGED_MESSAGE,
} from './agenda-rules.ts'

type Actor = CurrentUser

/**
 * The meetings use cases, assembled: each lives with its neighbours in schedule.ts, agenda.ts,
 * papers-service.ts and publication.ts and takes its dependencies explicitly. Agenda publication, moves and
 * cancellations are announced on `events` (never by calling a higher module); the body's item counter is
 * structure's record, changed through `numbering` in the same transaction.
 */
export function meetingsService(
  db: Db,
  repo: MeetingsRepository,
  deps: { structure: StructureService; numbering: NumberingService; events: MeetingEvents; now?: () => Date },
) {
  const d: MeetingsDeps = {
    db,
    repo,
    structure: deps.structure,
    numbering: deps.numbering,
    events: deps.events,
    now: () => (deps.now ? deps.now() : new Date()),
  }
  return {
    /** A meeting with its body and partnership; throws NOT_FOUND. */
    getMeeting: (id: string, tx?: Db) => getMeeting(d, id, tx),
    /** The whole agenda in order, numbered; includes exempt items and papers (public callers must filter). */
    findAgenda: (meeting: MeetingWithBody, tx?: Db) => findAgenda(d, meeting, tx),
    findMeetingPapers: (meeting: MeetingWithBody) => findMeetingPapers(d, meeting),

    // ---- reads for staff screens (each checks the policy) ----
    getBodyToSchedule: (user: Actor, bodyId: string) => getBodyToSchedule(d, user, bodyId),
    getManagedMeeting: (user: Actor, id: string) => getManagedMeeting(d, user, id),
    /** The meeting for anyone who may see its partnership's staff pages (read-only officers too), and whether they manage it. */
    getViewableMeeting: (user: Actor, id: string) => getViewableMeeting(d, user, id),
    /** The staff meeting page's content for this user: without exempt content for a read-only officer. */
    viewMeeting: (user: Actor, id: string) => viewMeeting(d, user, id),
    getManagedItem: (user: Actor, itemId: string) => getManagedItem(d, user, itemId),
    getManagedPaper: (user: Actor, paperId: string) => getManagedPaper(d, user, paperId),
    noticeStatus: (meeting: MeetingWithBody) => noticeStatus(d, meeting),
    checkPublication: (meeting: MeetingWithBody) => checkPublication(d, meeting),

    // ---- meetings ----
    scheduleMeeting: (user: Actor, bodyId: string, input: ScheduleMeetingInput) => scheduleMeeting(d, user, bodyId, input),
    updateMeeting: (user: Actor, id: string, input: EditMeetingInput) => updateMeeting(d, user, id, input),
    cancelMeeting: (user: Actor, id: string, input: CancelMeetingInput) => cancelMeeting(d, user, id, input),

    // ---- agenda items ----
    addItem: (user: Actor, meetingId: string, input: NewItemInput) => addItem(d, user, meetingId, input),
    updateItem: (user: Actor, itemId: string, input: EditItemInput) => updateItem(d, user, itemId, input),
    deleteItem: (user: Actor, itemId: string, input: DeleteInput) => deleteItem(d, user, itemId, input),
    moveItem: (user: Actor, itemId: string, input: MoveItemInput) => moveItem(d, user, itemId, input),

    // ---- papers ----
    addPaper: (user: Actor, meetingId: string, input: PaperInput, file: CheckedPaper) => addPaper(d, user, meetingId, input, file),
    deletePaper: (user: Actor, paperId: string, input: DeleteInput) => deletePaper(d, user, paperId, input),
    findPaperForDownload: (user: CurrentUser | null, paperId: string, filename: string) => findPaperForDownload(d, user, paperId, filename),

    // ---- publication ----
    publishAgenda: (user: Actor, id: string, input: PublishAgendaInput) => publishAgenda(d, user, id, input),
  }
}
export type MeetingsService = ReturnType<typeof meetingsService>
