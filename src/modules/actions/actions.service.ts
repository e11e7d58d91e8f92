import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { ActionsRepository } from './actions.repository.ts'

export function actionsService(
  _db: Db,
  _repo: ActionsRepository,
  _deps: { structure: StructureService; meetings: MeetingsService; config: Config },
) {
  return {}
}
export type ActionsService = ReturnType<typeof actionsService>
