import type { Config } from '../../config.ts'
import type { Db } from '../../platform/db/client.ts'
import { useCaseContext, type UseCaseContext } from '../../platform/use-case-context.ts'
import type { Mailer } from '../../platform/mail/mailer.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { ActionsService } from '../actions/actions.service.ts'
import type { RemindersRepository } from './reminders.repository.ts'

/** What the reminders use cases need from outside: only what they use. */
export type RemindersDeps = {
  structure: Pick<StructureService, 'getBody'>
  /** An owner's update through their link is recorded by the actions module, in the link's transaction. */
  actions: Pick<ActionsService, 'recordOwnerUpdate'>
  /** A person's opt-out is written by the structure module (src/modules/structure/reminder-preferences.ts). */
  setRemindersOptOut: (personId: string, optOut: boolean, tx: Db) => Promise<boolean>
  mailer: Mailer
  config: Pick<Config, 'publicUrl' | 'sessionSecret'>
  now?: () => Date
}

/** What every reminders use case is given: the database, its repository, its dependencies and the clock. */
export type RemindersContext = UseCaseContext<RemindersRepository, RemindersDeps> & {
  /** An absolute URL on this service, for emails. */
  absolute: (path: string) => string
}

export function remindersContext(db: Db, repo: RemindersRepository, deps: RemindersDeps): RemindersContext {
  return { ...useCaseContext(db, repo, deps), absolute: (p) => new URL(p, deps.config.publicUrl).toString() }
}
