import type { Config } from './config.ts'
import type { Database } from './platform/db/client.ts'
import { accountsRepository } from './modules/accounts/accounts.repository.ts'
import { accountsService } from './modules/accounts/accounts.service.ts'
import { structureRepository } from './modules/structure/structure.repository.ts'
import { structureService } from './modules/structure/structure.service.ts'
import { meetingsRepository } from './modules/meetings/meetings.repository.ts'
import { meetingsService } from './modules/meetings/meetings.service.ts'
import { minutesRepository } from './modules/meetings/minutes.repository.ts'
import { minutesService } from './modules/meetings/minutes.service.ts'

/** The composition root for use cases: repositories -> services. Routes receive this object. */
export function buildServices(config: Config, database: Database) {
  const { db } = database
  const accounts = accountsService(db, accountsRepository(db))
  const structure = structureService(db, structureRepository(db))
  const meetings = meetingsService(db, meetingsRepository(db), { structure, config })
  const minutes = minutesService(db, minutesRepository(db), { structure, meetings })
  return { config, database, accounts, structure, meetings, minutes }
}
export type Services = ReturnType<typeof buildServices>
