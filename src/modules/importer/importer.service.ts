import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService } from '../meetings/minutes.service.ts'
import type { ActionsService } from '../actions/actions.service.ts'

/** STUB: to be written. */
export function importerService(db: Db, deps: { structure: StructureService; meetings: MeetingsService; minutes: MinutesService; actions: ActionsService; config: Config }) {
  void db
  void deps
  return {}
}
export type ImporterService = ReturnType<typeof importerService>
