import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsRepository } from './meetings.repository.ts'

export function meetingsService(_db: Db, _repo: MeetingsRepository, _deps: { structure: StructureService; config: Config }) {
  return {}
}
export type MeetingsService = ReturnType<typeof meetingsService>
