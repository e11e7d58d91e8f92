import type { Db } from '../../platform/db/client.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { ActionsService } from './actions.service.ts'
import type { MattersArisingRepository } from './matters-arising.repository.ts'

export function mattersArisingService(
  _db: Db,
  _repo: MattersArisingRepository,
  _deps: { structure: StructureService; meetings: MeetingsService; actions: ActionsService },
) {
  return {}
}
export type MattersArisingService = ReturnType<typeof mattersArisingService>
