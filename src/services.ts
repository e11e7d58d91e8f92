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
import { createMailer, type Mailer } from './platform/mail/mailer.ts'
import { actionsRepository } from './modules/actions/actions.repository.ts'
import { actionsService } from './modules/actions/actions.service.ts'
import { mattersArisingRepository } from './modules/actions/matters-arising.repository.ts'
import { mattersArisingService } from './modules/actions/matters-arising.service.ts'
import { remindersRepository } from './modules/actions/reminders.repository.ts'
import { remindersService } from './modules/actions/reminders.service.ts'
import { calendarService } from './modules/publishing/calendar.service.ts'
import { feedsService } from './modules/publishing/feeds.service.ts'
import { searchService } from './modules/search/search.service.ts'
import { apiService } from './modules/api/api.service.ts'
import { openDataService } from './modules/opendata/opendata.service.ts'
import { packsService } from './modules/packs/packs.service.ts'
import { importerService } from './modules/importer/importer.service.ts'

/** The composition root for use cases: repositories -> services. Routes receive this object. */
export function buildServices(config: Config, database: Database, opts: { mailer?: Mailer } = {}) {
  const { db } = database
  const mailer = opts.mailer ?? createMailer(config)
  const accounts = accountsService(db, accountsRepository(db), { mailer, publicUrl: config.publicUrl })
  const structure = structureService(db, structureRepository(db))
  const meetings = meetingsService(db, meetingsRepository(db), { structure, config })
  const minutes = minutesService(db, minutesRepository(db), { structure, meetings })
  const actions = actionsService(db, actionsRepository(db), { structure, meetings, config })
  const mattersArising = mattersArisingService(db, mattersArisingRepository(db), { structure, meetings, actions })
  const reminders = remindersService(db, remindersRepository(db), { structure, actions, mailer, config })
  const calendar = calendarService(db, { structure, meetings, config })
  const feeds = feedsService(db, { structure, meetings, mailer, config })
  const search = searchService(db, { structure, config })
  const api = apiService(db, { structure, meetings, minutes, actions, config })
  const openData = openDataService(db, { structure, meetings, config })
  const packs = packsService(db, { meetings, minutes, config })
  const importer = importerService(db, { structure, meetings, minutes, actions, config })
  return {
    config,
    database,
    mailer,
    accounts,
    structure,
    meetings,
    minutes,
    actions,
    mattersArising,
    reminders,
    calendar,
    feeds,
    search,
    api,
    openData,
    packs,
    importer,
  }
}
export type Services = ReturnType<typeof buildServices>
