import type { Db } from '../../platform/db/client.ts'
import { notFound, validation } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { londonToday } from '../../shared/dates.ts'
import type { ActionOnLog, ActionsService } from '../actions/actions.service.ts'
import type { BodyMeetingsService } from '../meetings/body-meetings.service.ts'
import type { AgendaEntry, DocumentMeta, MeetingsService, MeetingWithBody } from '../meetings/meetings.service.ts'
import { isAgendaPublished } from '../meetings/public-rules.ts'
import type { BodyWithPartnership, StructureService } from '../structure/structure.service.ts'
import type { MemberUpdateInput } from './members.schemas.ts'

/** What the members' home reads: the structure, meetings and actions modules' use cases, and the clock. */
export type MembersDeps = {
  structure: Pick<StructureService, 'getBody'>
  meetings: Pick<MeetingsService, 'getMeeting' | 'findAgenda' | 'findMeetingPapers'>
  bodyMeetings: Pick<BodyMeetingsService, 'meetingsOfBody'>
  actions: Pick<ActionsService, 'findActionsForOwnerPerson' | 'recordOwnerUpdate'>
  now?: () => Date
}

/** How many of a body's coming meetings the home lists (the first with its agenda and papers). */
export const UPCOMING_MEETINGS = 3

/** A body's next meeting: its agenda and papers once the agenda is published (members get exempt papers too). */
export type NextMeeting = {
  meeting: MeetingWithBody
  published: boolean
  agenda: AgendaEntry[]
  papers: DocumentMeta[]
}

export type MemberBody = {
  body: BodyWithPartnership
  next: NextMeeting | null
  /** The meetings after the next one, soonest first. */
  later: { id: string; date: string; startTime: string }[]
}

export type MemberHome = { bodies: MemberBody[]; actions: ActionOnLog[]; today: string }

/**
 * The members' home (issue 10): what a signed-in member needs from the record of the bodies they sit on. A member
 * is a user linked to a person record; their current seats (CurrentUser.memberOf) say which bodies, and the actions
 * they own are those of that person. Nothing here is another body's: the bodies come from the user's own seats.
 */
export function membersService(db: Db, deps: MembersDeps) {
  const now = () => (deps.now ? deps.now() : new Date())

  async function nextMeetingOf(body: BodyWithPartnership, today: string): Promise<MemberBody> {
    const upcoming = (await deps.bodyMeetings.meetingsOfBody(body.id, { fromDate: today }, 1, UPCOMING_MEETINGS + 5)).rows.filter(
      (m) => m.status !== 'cancelled',
    )
    const [first, ...rest] = upcoming
    if (!first) return { body, next: null, later: [] }
    const meeting = await deps.meetings.getMeeting(first.id)
    const published = isAgendaPublished(meeting)
    // Before publication the agenda is still being drafted by the secretariat: members see it once it is sent out.
    const [agenda, papers] = published ? await Promise.all([deps.meetings.findAgenda(meeting), deps.meetings.findMeetingPapers(meeting)]) : [[], []]
    return { body, next: { meeting, published, agenda, papers }, later: rest.slice(0, UPCOMING_MEETINGS - 1) }
  }

  /** The actions the user's person owns that are still on a log. */
  const ownActions = (user: CurrentUser): Promise<ActionOnLog[]> =>
    user.personId ? deps.actions.findActionsForOwnerPerson(user.personId) : Promise.resolve([])

  return {
    /** The home: the user's bodies with their next meetings, and the actions they own. */
    async memberHome(user: CurrentUser): Promise<MemberHome> {
      const today = londonToday(now())
      const bodies = await Promise.all(user.memberOf.map((id) => deps.structure.getBody(id)))
      bodies.sort((a, b) => a.name.localeCompare(b.name))
      const [withMeetings, actions] = await Promise.all([Promise.all(bodies.map((b) => nextMeetingOf(b, today))), ownActions(user)])
      return { bodies: withMeetings, actions, today }
    },

    /** One action the user owns, still on its log; NOT_FOUND for any other (someone else's, or cleared). */
    async ownAction(user: CurrentUser, actionId: string): Promise<{ action: ActionOnLog; today: string }> {
      const action = (await ownActions(user)).find((a) => a.id === actionId)
      if (!action) throw notFound('Action')
      return { action, today: londonToday(now()) }
    },

    /**
     * The member's update to an action they own, signed in (audited as them): words, a completion, or both. The
     * actions module checks they own it and applies the state machine, in this transaction.
     */
    async recordUpdate(user: CurrentUser, actionId: string, input: MemberUpdateInput): Promise<{ completed: boolean }> {
      const personId = user.personId
      if (!personId) throw notFound('Action')
      if (!input.text && !input.completed) throw validation({ text: 'Enter your update, or tick that the action is completed' })
      const done = await db.transaction((tx) =>
        deps.actions.recordOwnerUpdate(personId, { actionId, text: input.text ?? null, completed: input.completed }, now(), tx, { userId: user.id }),
      )
      if (!done) throw validation({ text: 'This action is already completed: enter an update to add one' })
      return { completed: done.completed }
    },
  }
}
export type MembersService = ReturnType<typeof membersService>
