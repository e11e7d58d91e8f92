import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService } from '../meetings/minutes.service.ts'

/** STUB: to be written. */
export function packsService(db: Db, deps: { meetings: MeetingsService; minutes: MinutesService; config: Config }) {
  void db
  void deps
  return {}
}
export type PacksService = ReturnType<typeof packsService>
