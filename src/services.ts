import type { Config } from './config.ts'
import type { Database } from './platform/db/client.ts'
import { accountsRepository } from './modules/accounts/accounts.repository.ts'
import { accountsService } from './modules/accounts/accounts.service.ts'
import { sessionTimeouts } from './modules/accounts/session-timeouts.ts'
import { structureRepository } from './modules/structure/structure.repository.ts'
import { structureService } from './modules/structure/structure.service.ts'
import { bodyMeetingsService } from './modules/meetings/body-meetings.service.ts'
import { meetingsRepository } from './modules/meetings/meetings.repository.ts'
import { meetingsService } from './modules/meetings/meetings.service.ts'
import { minutesRepository } from './modules/meetings/minutes.repository.ts'
import { minutesService } from './modules/meetings/minutes.service.ts'
import { numberingService } from './modules/structure/numbering.service.ts'
import type { MeetingEvent } from './modules/meetings/meetings.events.ts'
import { createEventBus } from './platform/events/events.ts'
import { createMailer, type Mailer } from './platform/mail/mailer.ts'
import { actionsRepository } from './modules/actions/actions.repository.ts'
import { actionsService } from './modules/actions/actions.service.ts'
import { mattersArisingRepository } from './modules/actions/matters-arising.repository.ts'
import { mattersArisingService } from './modules/actions/matters-arising.service.ts'
import { insertGeneratedItem, makeRoomForMainItem } from './modules/meetings/generated-items.ts'
import { setRemindersOptOut } from './modules/structure/reminder-preferences.ts'
import { notePeopleUse } from './modules/structure/person-use.ts'
import { decisionsRepository } from './modules/decisions/decisions.repository.ts'
import { decisionsService } from './modules/decisions/decisions.service.ts'
import { topicsRepository } from './modules/topics/topics.repository.ts'
import { topicsService } from './modules/topics/topics.service.ts'
import { remindersRepository } from './modules/reminders/reminders.repository.ts'
import { remindersService } from './modules/reminders/reminders.service.ts'
import { calendarService } from './modules/publishing/calendar.service.ts'
import { feedsService } from './modules/publishing/feeds.service.ts'
import { recordMeetingPublication } from './modules/publishing/publication-events.ts'
import { searchService } from './modules/search/search.service.ts'
import { apiService } from './modules/api/api.service.ts'
import { openDataService } from './modules/opendata/opendata.service.ts'
import { packsService } from './modules/packs/packs.service.ts'
import { importerService } from './modules/importer/importer.service.ts'
import { strategyRepository } from './modules/strategy/strategy.repository.ts'
import { strategyService } from './modules/strategy/strategy.service.ts'
import { programmeRepository } from './modules/programme/programme.repository.ts'
import { programmeLinksRepository } from './modules/programme/programme-links.repository.ts'
import { programmeService } from './modules/programme/programme.service.ts'
import { auditLogRepository } from './modules/auditlog/auditlog.repository.ts'
import { auditLogService } from './modules/auditlog/auditlog.service.ts'
import { membersService } from './modules/members/members.service.ts'
import * as importedStructure from './modules/structure/imported-records.ts'
import * as importedMeetings from './modules/meetings/imported-records.ts'
import * as importedActions from './modules/actions/imported-records.ts'

/** The writes an import makes in other modules' tables, each provided by the module that owns them (ADR 0007). */
export const importWrites = { structure: importedStructure, meetings: importedMeetings, actions: importedActions }

/** The composition root for use cases: repositories -> services. Routes receive this object. */
export function buildServices(config: Config, database: Database, opts: { mailer?: Mailer } = {}) {
  const { db } = database
  const mailer = opts.mailer ?? createMailer(config)
  const accounts = accountsService(db, accountsRepository(db), {
    mailer,
    publicUrl: config.publicUrl,
    sessionSecret: config.sessionSecret,
    sessionTimeouts: sessionTimeouts(config),
    sso: config.sso ? { config: config.sso, secret: config.sessionSecret } : undefined,
  })
  const bodyMeetings = bodyMeetingsService(db)
  const structure = structureService(db, structureRepository(db))
  // What meetings announce (agenda published, moved, cancelled, minutes published or approved), heard by the
  // modules above it in the same transaction: publishing records it for the feeds and email alerts.
  const meetingEvents = createEventBus<MeetingEvent>()
  meetingEvents.subscribe('*', recordMeetingPublication)
  const meetings = meetingsService(db, meetingsRepository(db), { structure, numbering: numberingService(), events: meetingEvents })
  // Every module that first refers to a person for a partnership notes it through structure's port (issue 10): only
  // partnerships that use a person see and change their record.
  const minutes = minutesService(db, minutesRepository(db), { structure, meetings, events: meetingEvents, notePeopleUse })
  const actions = actionsService(db, actionsRepository(db), { structure, meetings, bodyMeetings, notePeopleUse })
  const decisions = decisionsService(decisionsRepository(db))
  const topics = topicsService(db, topicsRepository(db), { structure, meetings })
  const mattersArising = mattersArisingService(db, mattersArisingRepository(db), {
    meetings,
    generatedItems: { insertGeneratedItem, makeRoomForMainItem },
    topicLinksOfPublicItems: (itemIds) => topics.topicLinksOfPublicItems(itemIds),
  })
  // The strategy keeps a theme the programme (above it) still uses: the programme's repository answers, passed in.
  const programmeRepo = programmeRepository(db)
  const strategy = strategyService(db, strategyRepository(db), { structure, themeInUse: (themeId, tx) => programmeRepo.isThemeInUse(themeId, tx) })
  const programme = programmeService(db, programmeRepo, { structure, strategy, links: programmeLinksRepository(db) })
  const reminders = remindersService(db, remindersRepository(db), { structure, actions, setRemindersOptOut, mailer, config })
  const calendar = calendarService(db, { structure, meetings, config })
  const feeds = feedsService(db, { structure, meetings, mailer, config })
  const search = searchService(db, { structure, config })
  const api = apiService(db, { structure, meetings, minutes, actions, config })
  const openData = openDataService(db, { structure, meetings, config })
  const packs = packsService(db, { meetings, minutes, config })
  const importer = importerService(db, { writes: importWrites })
  const auditLog = auditLogService(db, auditLogRepository(db))
  const members = membersService(db, { structure, meetings, bodyMeetings, actions })
  return {
    config,
    database,
    mailer,
    accounts,
    structure,
    meetings,
    bodyMeetings,
    minutes,
    actions,
    mattersArising,
    decisions,
    topics,
    strategy,
    programme,
    reminders,
    calendar,
    feeds,
    search,
    api,
    openData,
    packs,
    importer,
    auditLog,
    members,
  }
}
export type Services = ReturnType<typeof buildServices>
