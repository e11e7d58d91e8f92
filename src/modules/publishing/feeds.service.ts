import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'

/** STUB: to be written. */
export function feedsService(db: Db, deps: { structure: StructureService; meetings: MeetingsService; mailer: Mailer; config: Config }) {
  void db
  void deps
  return {}
}
export type FeedsService = ReturnType<typeof feedsService>
