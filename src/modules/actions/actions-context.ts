import type { Db } from '../../platform/db/client.ts'
import { useCaseContext, type UseCaseContext } from '../../platform/use-case-context.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { Actor as AuditActor } from '../../platform/audit/audit.ts'
import { londonToday } from '../../shared/dates.ts'
import type { NotePeopleUse, StructureService } from '../structure/structure.service.ts'
import type { AgendaEntry, MeetingsService, MeetingWithBody } from '../meetings/meetings.service.ts'
import type { BodyMeetingsService } from '../meetings/body-meetings.service.ts'
import type { ActionsRepository, OwnerView, UpdateView } from './actions.repository.ts'

/** What the action use cases need from other modules: only what they use. */
export type ActionsDeps = {
  structure: Pick<
    StructureService,
    'findPeopleByIds' | 'personOptions' | 'organisationOptions' | 'listPartnerships' | 'bodiesOfPartnership' | 'getBodyBySlug'
  >
  meetings: Pick<MeetingsService, 'getMeeting' | 'getManagedItem' | 'findAgenda'>
  bodyMeetings: Pick<BodyMeetingsService, 'meetingsOfBody'>
  /** Structure's port: the action's partnership uses the people who own it (issue 10). */
  notePeopleUse: NotePeopleUse
  now?: () => Date
}

/** What every action use case is given: the database, its repository, its dependencies and the clock. */
export type ActionsContext = UseCaseContext<ActionsRepository, ActionsDeps> & {
  /** Today in London. */
  today: () => string
}

export function actionsContext(db: Db, repo: ActionsRepository, deps: ActionsDeps): ActionsContext {
  const ctx = useCaseContext(db, repo, deps)
  return { ...ctx, today: () => londonToday(ctx.now()) }
}

/** Who changes an action: a signed-in user, or an owner posting through their emailed link (no user). */
export type ActionActor = CurrentUser | { personId: string }

export const isUser = (actor: ActionActor): actor is CurrentUser => 'id' in actor
export const auditActor = (actor: ActionActor): AuditActor => (isUser(actor) ? { userId: actor.id } : { system: 'owner_link' })

/** Where an action came from: its meeting, item and decision. */
export type ActionSource = {
  meeting: MeetingWithBody | null
  item: AgendaEntry | null
  /** The item or its main item is exempt: the action can never be public. */
  withheld: boolean
}

/** Runs `work` in the caller's transaction, or in a new one. */
export const inTx = <T>(ctx: ActionsContext, tx: Db | undefined, work: (tx: Db) => Promise<T>): Promise<T> =>
  tx ? work(tx) : ctx.db.transaction(work)

/** The rows with their owners (one query for all). */
export async function withOwners<T extends { id: string }>(ctx: ActionsContext, rows: T[], tx?: Db): Promise<(T & { owners: OwnerView[] })[]> {
  const owners = await ctx.repo.findOwnersOf(
    rows.map((r) => r.id),
    tx,
  )
  const byAction = new Map<string, OwnerView[]>()
  for (const o of owners) {
    const list = byAction.get(o.actionId)
    if (list) list.push(o)
    else byAction.set(o.actionId, [o])
  }
  return rows.map((r) => ({ ...r, owners: byAction.get(r.id) ?? [] }))
}

/** The rows with their latest update (one query for all). */
export async function withLatest<T extends { id: string }>(
  ctx: ActionsContext,
  rows: T[],
  tx?: Db,
): Promise<(T & { latestUpdate: UpdateView | null })[]> {
  const latest = await ctx.repo.findLatestUpdates(
    rows.map((r) => r.id),
    tx,
  )
  // One row per action (distinct on action id).
  const byAction = new Map(latest.map((u) => [u.actionId, u]))
  return rows.map((r) => ({ ...r, latestUpdate: byAction.get(r.id) ?? null }))
}

/** The item (from its numbered agenda) and whether it is withheld from the public. */
export async function sourceOf(ctx: ActionsContext, meeting: MeetingWithBody, itemId: string | null): Promise<ActionSource> {
  if (!itemId) return { meeting, item: null, withheld: false }
  const agenda = await ctx.deps.meetings.findAgenda(meeting)
  const item = agenda.find((i) => i.id === itemId) ?? null
  const parent = item?.parentItemId ? agenda.find((i) => i.id === item.parentItemId) : undefined
  return { meeting, item, withheld: !!item && (item.isExempt || !!parent?.isExempt) }
}
