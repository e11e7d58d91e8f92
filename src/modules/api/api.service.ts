import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { MinutesService } from '../meetings/minutes.service.ts'
import type { ActionsService } from '../actions/actions.service.ts'
import { apiRepository } from './api.repository.ts'
import { actionLists } from './action-lists.ts'
import { meetingLists } from './meeting-lists.ts'
import { structureLists } from './structure-lists.ts'
import { tokensService } from './tokens.service.ts'
import { apiWrites } from './writes.ts'

export type { Page } from './paging.ts'

/**
 * The versioned JSON API: public reads composed from the public rules (public-rules.ts, publishedActionSql,
 * minutes.findPublishedMeeting), and staff writes that go through the meetings and actions services as a
 * token's CurrentUser, so every rule, audit record and version check applies. Each group of use cases is in
 * its own file; this only assembles them.
 */
export function apiService(db: Db, deps: { structure: StructureService; meetings: MeetingsService; minutes: MinutesService; actions: ActionsService; config: Config }) {
  const repo = apiRepository(db)
  const base = deps.config.publicUrl.replace(/\/$/, '')
  const abs = (path: string) => `${base}${path}`
  const meetings = meetingLists(repo, abs, deps)
  const { withOwners, listActions } = actionLists(repo)
  return {
    tokens: tokensService(db, repo, { structure: deps.structure }),
    ...structureLists(repo, abs),
    ...meetings,
    listActions,
    ...apiWrites({ meetings: deps.meetings, actions: deps.actions, getMeeting: (id) => meetings.getMeeting(id), withOwners }),
  }
}

export type ApiService = ReturnType<typeof apiService>
