import type { CurrentUser } from '../../platform/http/types.ts'
import type { MeetingsService } from '../meetings/meetings.service.ts'
import type { ActionsService, AddUpdateInput } from '../actions/actions.service.ts'
import { editMeetingValues, EditMeetingSchema, type NewItemInput, type ScheduleMeetingInput } from '../meetings/meetings.schemas.ts'
import { parseBody, type MeetingPatch } from './api.schemas.ts'
import type { actionLists } from './action-lists.ts'
import type { meetingLists } from './meeting-lists.ts'

type Deps = {
  meetings: Pick<MeetingsService, 'scheduleMeeting' | 'getManagedMeeting' | 'updateMeeting' | 'addItem' | 'getMeeting' | 'findAgenda'>
  actions: Pick<ActionsService, 'addUpdate'>
  /** The meeting as GET /api/v1/meetings/:id answers. */
  getMeeting: ReturnType<typeof meetingLists>['getMeeting']
  /** Actions as the API prints them, with their owners. */
  withOwners: ReturnType<typeof actionLists>['withOwners']
}

/**
 * Staff writes through the API (a token's CurrentUser): each goes through the meetings or actions service, so
 * every rule, audit record and version check applies; input arrives already parsed by the route's schema.
 */
export function apiWrites(deps: Deps) {
  return {
    async scheduleMeeting(user: CurrentUser, bodyId: string, input: ScheduleMeetingInput) {
      const row = await deps.meetings.scheduleMeeting(user, bodyId, input)
      return deps.getMeeting(row.id)
    },

    /** PATCH: fields sent replace the meeting's; fields left out keep their value. `version` is required. */
    async updateMeeting(user: CurrentUser, id: string, patch: MeetingPatch) {
      const current = await deps.meetings.getManagedMeeting(user, id)
      const sent = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)]))
      const merged = { ...editMeetingValues(current), ...sent }
      await deps.meetings.updateMeeting(user, id, parseBody(EditMeetingSchema, merged))
      return deps.getMeeting(id)
    },

    async addItem(user: CurrentUser, meetingId: string, input: NewItemInput) {
      const item = await deps.meetings.addItem(user, meetingId, input)
      const agenda = await deps.meetings.findAgenda(await deps.meetings.getMeeting(meetingId))
      return {
        id: item.id,
        meetingId,
        number: agenda.find((e) => e.id === item.id)?.number ?? '',
        title: item.title,
        isSubItem: item.parentItemId !== null,
        parentItemId: item.parentItemId,
        description: item.description,
        purpose: item.purpose,
        presenter: item.presenter,
        exempt: item.isExempt,
        exemptParagraph: item.exemptParagraph,
        addedAfterPublication: item.addedAfterPublication,
        version: item.version,
      }
    },

    async addActionUpdate(user: CurrentUser, actionId: string, input: AddUpdateInput) {
      const row = await deps.actions.addUpdate(user, actionId, input)
      const [presented] = await deps.withOwners([row])
      return presented!
    },
  }
}
