import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'

/** STUB: to be written. */
export function calendarService(db: Db, deps: { structure: StructureService; meetings: MeetingsService; config: Config }) {
  void db
  void deps
  return {}
}
export type CalendarService = ReturnType<typeof calendarService>
