import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { ActionsService } from './actions.service.ts'
import type { RemindersRepository } from './reminders.repository.ts'

export function remindersService(
  _db: Db,
  _repo: RemindersRepository,
  _deps: { structure: StructureService; actions: ActionsService; mailer: Mailer; config: Config },
) {
  return {}
}
export type RemindersService = ReturnType<typeof remindersService>
