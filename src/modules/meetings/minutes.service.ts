import type { Db } from '../../platform/db/client.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from './meetings.service.ts'
import type { MinutesRepository } from './minutes.repository.ts'

export function minutesService(_db: Db, _repo: MinutesRepository, _deps: { structure: StructureService; meetings: MeetingsService }) {
  return {}
}
export type MinutesService = ReturnType<typeof minutesService>
