import type { Db } from '../../platform/db/client.ts'
import { useCaseContext, type UseCaseContext } from '../../platform/use-case-context.ts'
import type { MeetingsService, MeetingWithBody } from '../meetings/meetings.service.ts'
import type { GeneratedItemValues } from '../meetings/meetings.types.ts'
import type { ActionStatus } from './actions.tables.ts'
import type { MaItem, MaMeeting, MattersArisingRepository, MaUpdate } from './matters-arising.repository.ts'

/** The generated agenda item, as the meetings module writes it (src/modules/meetings/generated-items.ts). */
export type GeneratedItem = GeneratedItemValues

/** What the matters arising use cases need from outside: only what they use. */
export type MattersArisingDeps = {
  meetings: Pick<MeetingsService, 'getMeeting'>
  /** Agenda items are the meetings module's: it writes the generated item, in our transaction. */
  generatedItems: {
    insertGeneratedItem: (values: GeneratedItem, tx: Db) => Promise<MaItem>
    makeRoomForMainItem: (meetingId: string, fromPosition: number, tx: Db) => Promise<void>
  }
  /** Links from public items to their topics' pages (the topics module sits above this one). */
  topicLinksOfPublicItems: (itemIds: readonly string[]) => Promise<{ itemId: string; name: string; href: string }[]>
  now?: () => Date
}

export type MattersArisingContext = UseCaseContext<MattersArisingRepository, MattersArisingDeps>

export function mattersArisingContext(db: Db, repo: MattersArisingRepository, deps: MattersArisingDeps): MattersArisingContext {
  return useCaseContext(db, repo, deps)
}

/** One action as matters arising lists it. */
export type MaEntry = {
  id: string
  description: string
  dueOn: string | null
  raisedOn: string
  status: ActionStatus
  isPublic: boolean
  raisedUnderExemptItem: boolean
  /** The public may see it (the public action sheet's rule: public, and its source published). */
  published: boolean
  version: number
  owners: string[]
  /** The latest update of any kind, for staff: it may have come in after the meeting, unreviewed. */
  update: MaUpdate | null
  /** The latest update reported at this meeting: the only one the minutes print. */
  reportedUpdate: MaUpdate | null
  /** Other actions it is linked with ("both above linked as one action"). */
  linkedIds: string[]
  /** Cleared or dropped at this meeting: nothing more can change but its update. */
  final: boolean
}

export type MattersArisingView = {
  meeting: MeetingWithBody
  item: MaItem | null
  previous: MaMeeting | null
  /** False once the meeting's minutes are approved: the list is then what was reported at it. */
  live: boolean
  entries: MaEntry[]
  /** Why nothing can be recorded now, or null. */
  lockReason: string | null
}

/** The printed minutes of the matters arising: "Action – … to …", then "Update – …". */
export type PrintedLine = { kind: 'action' | 'update'; text: string }

export type PublicMeetingExtras = {
  mattersArising: { itemId: string; lines: PrintedLine[] } | null
  topics: { itemId: string; name: string; href: string }[]
}
