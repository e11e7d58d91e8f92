import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/http/errors.ts'
import { numberAgenda, orderAgenda } from '../../shared/agenda-numbering.ts'
import type { BodyWithPartnership, StructureService } from '../structure/structure.service.ts'
import type { AgendaItemRow, DecisionRow, DocumentMeta, MeetingRow, MeetingsRepository } from './meetings.repository.ts'

export type { AgendaItemRow, DecisionRow, DocumentMeta, MeetingRow }

export type MeetingWithBody = MeetingRow & { body: BodyWithPartnership }

/** An agenda item as printed: its number, its sub-items' place, its papers and decisions. */
export type AgendaEntry = AgendaItemRow & {
  number: string
  isSubItem: boolean
  papers: DocumentMeta[]
  decisions: DecisionRow[]
}

export function meetingsService(
  _db: Db,
  repo: MeetingsRepository,
  deps: { structure: StructureService; config: Config },
) {
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
  }
  return service
}
export type MeetingsService = ReturnType<typeof meetingsService>
