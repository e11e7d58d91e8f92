import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCanManagePartnership } from '../../platform/http/auth.ts'
import { conflict, invalidState, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { formatLongDate, londonToday } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { BodyWithPartnership } from '../structure/structure.service.ts'
import type { MeetingsService, MeetingWithBody } from '../meetings/meetings.service.ts'
import type { MeetingStatus } from '../meetings/meetings.tables.ts'
import type { ActionsService } from './actions.service.ts'
import type { ActionStatus } from './actions.tables.ts'
import { canTransition, STATUS_LABELS } from './action-status.ts'
import { actionPaths } from './actions.paths.ts'
import type {
  MaActionChanges,
  MaActionRow,
  MaItem,
  MaMeeting,
  MaOwner,
  MaUpdate,
  MattersArisingRepository,
} from './matters-arising.repository.ts'
import type { MattersArisingInput, Outcome } from './matters-arising.schemas.ts'
import { decisionsService } from './decisions.service.ts'
import { decisionsRepository } from './decisions.repository.ts'
import { topicsService } from './topics.service.ts'
import { topicsRepository } from './topics.repository.ts'

/** One action as matters arising lists it. */
export type MaEntry = {
  id: string
  description: string
  dueOn: string | null
  raisedOn: string
  status: ActionStatus
  isPublic: boolean
  raisedUnderExemptItem: boolean
  /** The public may see it (the public action sheet's rule: public, and its source published). */
  published: boolean
  version: number
  owners: string[]
  /** The latest update of any kind, for staff: it may have come in after the meeting, unreviewed. */
  update: MaUpdate | null
  /** The latest update reported at this meeting: the only one the minutes print. */
  reportedUpdate: MaUpdate | null
  /** Other actions it is linked with ("both above linked as one action"). */
  linkedIds: string[]
  /** Cleared or dropped at this meeting: nothing more can change but its update. */
  final: boolean
}

export type MattersArisingView = {
  meeting: MeetingWithBody
  item: MaItem | null
  previous: MaMeeting | null
  /** False once the meeting's minutes are approved: the list is then what was reported at it. */
  live: boolean
  entries: MaEntry[]
  /** Why nothing can be recorded now, or null. */
  lockReason: string | null
}

export type PublicMeetingExtras = {
  mattersArising: { itemId: string; lines: PrintedLine[] } | null
  topics: { itemId: string; name: string; href: string }[]
}

/** The printed minutes of the matters arising: "Action – … to …", then "Update – …". */
export type PrintedLine = { kind: 'action' | 'update'; text: string }

const SHORT_KIND_NAMES: Partial<Record<BodyWithPartnership['kind'], string>> = {
  board: 'Board',
  executive: 'Executive',
  implementation_group: 'Implementation Group',
}

const ORDINAL = (n: number) => {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "19th July 2016", as the minutes print it. */
export function ordinalDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${ORDINAL(d!)} ${MONTHS[m! - 1]} ${y}`
}

/** "Minutes and Matters arising from Executive Meeting held on 19th July 2016". */
export function mattersArisingTitle(body: Pick<BodyWithPartnership, 'kind' | 'name'>, previousDate: string | null): string {
  if (!previousDate) return 'Matters arising'
  return `Minutes and Matters arising from ${SHORT_KIND_NAMES[body.kind] ?? body.name} Meeting held on ${ordinalDate(previousDate)}`
}

/** "Hayley Hughes", "Cllr Bradley and PMO", "A, B and C". */
export function ownerNames(owners: MaOwner[]): string[] {
  return owners.map((o) =>
    o.personFullName
      ? [o.personHonorific, o.personFullName].filter(Boolean).join(' ')
      : (o.organisationName ?? o.groupName ?? ''),
  )
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/**
 * The seed's format. An action whose description starts in lower case reads "<owners> to <description>";
 * one written as a heading ("Circulate Away Day outcomes") reads "<owners>: <description>". Linked actions
 * that share the same update print it once, after the last of them ("both above linked as one action").
 */
export function printMattersArising(entries: MaEntry[]): PrintedLine[] {
  return printLines(entries.map((e) => ({ ...e, update: e.reportedUpdate })))
}

/** The lines for entries whose `update` is the one to print. */
function printLines(entries: Pick<MaEntry, 'id' | 'description' | 'owners' | 'update' | 'linkedIds'>[]): PrintedLine[] {
  const lines: PrintedLine[] = []
  entries.forEach((entry, i) => {
    const owners = joinNames(entry.owners)
    const description = entry.description.trim()
    const text = !owners
      ? description
      : /^\p{Ll}/u.test(description)
        ? `${owners} to ${description}`
        : `${owners}: ${description}`
    lines.push({ kind: 'action', text: `Action – ${text}` })
    const next = entries[i + 1]
    const sharedWithNext =
      !!next && !!entry.update && next.linkedIds.includes(entry.id) && next.update?.text.trim() === entry.update.text.trim()
    if (entry.update && !sharedWithNext) lines.push({ kind: 'update', text: `Update – ${entry.update.text.trim()}` })
  })
  return lines
}

const OUTCOME_STATUS: Record<Exclude<Outcome, 'keep'>, ActionStatus> = {
  in_progress: 'in_progress',
  completed: 'completed',
  cleared: 'cleared',
  dropped: 'dropped',
}

export const MATTERS_ARISING_CONFLICT =
  'Someone else changed an action since you opened this page. Nothing has been saved: your updates are kept below, check them and save again'

export function mattersArisingService(
  db: Db,
  repo: MattersArisingRepository,
  deps: { structure: StructureService; meetings: MeetingsService; actions: ActionsService; now?: () => Date },
) {
  const now = () => (deps.now ? deps.now() : new Date())

  async function managedMeeting(user: CurrentUser, meetingId: string): Promise<MeetingWithBody> {
    const meeting = await deps.meetings.getMeeting(meetingId)
    assertCanManagePartnership(user, meeting.body.partnershipId)
    return meeting
  }

  /** Why matters arising cannot be generated for the meeting, or null. */
  function generateLockReason(meeting: MaMeeting): string | null {
    if (meeting.status === 'cancelled') return 'This meeting has been cancelled, so it has no matters arising.'
    if (meeting.status === 'minutes_approved') return 'The minutes of this meeting are approved, so its agenda cannot change.'
    return null
  }

  /** Why updates cannot be recorded at the meeting now, or null. */
  function recordLockReason(meeting: MaMeeting): string | null {
    if (meeting.status === 'cancelled') return 'This meeting has been cancelled, so nothing can be recorded at it.'
    if (meeting.status === 'minutes_approved') {
      return 'The minutes of this meeting are approved: the matters arising below are the record of what was reported at it.'
    }
    if (meeting.date > londonToday(now())) {
      return `This meeting has not happened yet. Updates can be recorded at it from ${formatLongDate(meeting.date)}.`
    }
    return null
  }

  async function assemble(meeting: MeetingWithBody, tx?: Db): Promise<MattersArisingView> {
    const live = meeting.status !== 'minutes_approved'
    const [item, previous, rows] = await Promise.all([
      repo.findMattersArisingItem(meeting.id, tx),
      repo.findPreviousMeeting(meeting.bodyId, meeting.date, tx),
      repo.findMattersArisingActions({ bodyId: meeting.bodyId, meetingId: meeting.id, beforeDate: meeting.date, live }, tx),
    ])
    const entries = await entriesOf(rows, meeting.id, tx)
    return { meeting, item: item ?? null, previous: previous ?? null, live, entries, lockReason: recordLockReason(meeting) }
  }

  /**
   * The printed matters arising of a meeting whose minutes are out, as the public sees them: only when its
   * matters arising item is among the items the public may read, and only actions whose source is published.
   * Takes the meeting as already loaded (the public page has it), and skips what the staff view needs.
   */
  async function publishedMattersArising(
    meeting: { id: string; bodyId: string; date: string; status: MeetingStatus },
    visibleItemIds: readonly string[],
  ): Promise<{ itemId: string; lines: PrintedLine[] } | null> {
    if (meeting.status !== 'minutes_draft' && meeting.status !== 'minutes_approved') return null
    const item = await repo.findMattersArisingItem(meeting.id)
    if (!item || !visibleItemIds.includes(item.id)) return null
    const rows = await repo.findMattersArisingActions({
      bodyId: meeting.bodyId,
      meetingId: meeting.id,
      beforeDate: meeting.date,
      live: meeting.status !== 'minutes_approved',
    })
    const published = rows.filter((r) => r.published)
    const shown = published.length > 0 ? await entriesOf(published, meeting.id) : []
    const shownIds = new Set(shown.map((e) => e.id))
    const lines = printMattersArising(shown.map((e) => ({ ...e, linkedIds: e.linkedIds.filter((id) => shownIds.has(id)) })))
    return { itemId: item.id, lines }
  }

  /** Owners, updates and links for all rows in three queries. */
  async function entriesOf(rows: MaActionRow[], meetingId: string, tx?: Db): Promise<MaEntry[]> {
    const ids = rows.map((r) => r.id)
    const [owners, updates, links] = await Promise.all([repo.findOwners(ids, tx), repo.findUpdates(ids, tx), repo.findLinks(ids, tx)])
    const ownersOf = groupBy(owners, (o) => o.actionId)
    const updatesOf = groupBy(updates, (u) => u.actionId)
    // A link is stored once: index it from both sides.
    const linksOf = groupBy(
      links.flatMap((l) => [
        { from: l.actionId, to: l.linkedActionId },
        { from: l.linkedActionId, to: l.actionId },
      ]),
      (l) => l.from,
    )
    return rows.map((r) => {
      // Newest first (the repository's order).
      const mine = updatesOf.get(r.id) ?? []
      return {
        id: r.id,
        description: r.description,
        dueOn: r.dueOn,
        raisedOn: r.raisedOn,
        status: r.status,
        isPublic: r.isPublic,
        raisedUnderExemptItem: r.raisedUnderExemptItem,
        published: r.published,
        version: r.version,
        owners: ownerNames(ownersOf.get(r.id) ?? []),
        update: mine[0] ?? null,
        reportedUpdate: mine.find((u) => u.reportedAtMeetingId === meetingId) ?? null,
        linkedIds: (linksOf.get(r.id) ?? []).map((l) => l.to),
        final: r.status === 'cleared' || r.status === 'dropped',
      }
    })
  }

  async function ensure(user: CurrentUser, meeting: MeetingWithBody): Promise<{ item: MaItem; created: boolean }> {
    return db.transaction(async (tx) => {
      const locked = await repo.lockMeeting(meeting.id, tx)
      if (!locked) throw notFound('Meeting')
      const existing = await repo.findMattersArisingItem(meeting.id, tx)
      if (existing) return { item: existing, created: false }
      const reason = generateLockReason(locked)
      if (reason) throw invalidState(reason)
      const previous = await repo.findPreviousMeeting(meeting.bodyId, locked.date, tx)
      const mains = await repo.findMainItems(meeting.id, tx)
      const published = locked.agendaPublishedAt !== null
      // Before publication it goes first (after a welcome or apologies item); afterwards at the end, so
      // that a published agenda is not renumbered.
      let position: number
      if (published) {
        position = mains.length ? Math.max(...mains.map((m) => m.position)) + 1 : 0
      } else {
        const first = mains[0]
        position = first && /welcome|apologies/i.test(first.title) ? first.position + 1 : (first?.position ?? 0)
        await repo.shiftMainItems(meeting.id, position, tx)
      }
      const item = await repo.insertItem(
        {
          meetingId: meeting.id,
          position,
          kind: 'matters_arising',
          title: mattersArisingTitle(meeting.body, previous?.date ?? null),
          purpose: 'information',
          addedAfterPublication: published,
        },
        tx,
      )
      await recordAudit(tx, { userId: user.id }, {
        event: 'matters_arising.generated',
        subjectType: 'agenda_item',
        subjectId: item.id,
        data: { meetingId: meeting.id, previousMeetingId: previous?.id ?? null, title: item.title, position },
      })
      return { item, created: true }
    })
  }

  const service = {
    decisions: decisionsService(db, decisionsRepository(db), deps),
    topics: topicsService(db, topicsRepository(db), deps),

    /**
     * Give the meeting its "Minutes and matters arising" item, once. Idempotent: a second call (or a second
     * instance racing) finds the first item under the meeting's row lock and returns it.
     */
    async ensureMattersArising(user: CurrentUser, meetingId: string): Promise<{ item: MaItem; created: boolean }> {
      return ensure(user, await managedMeeting(user, meetingId))
    },

    /** The same for the body's next meeting after this one (the earliest later meeting not cancelled). */
    async ensureMattersArisingAfter(user: CurrentUser, meetingId: string): Promise<{ item: MaItem; created: boolean } | null> {
      const meeting = await managedMeeting(user, meetingId)
      const next = await repo.findNextMeeting(meeting.bodyId, meeting.date)
      if (!next) return null
      return ensure(user, await deps.meetings.getMeeting(next.id))
    },

    /** The secretariat's page: generates the item on first opening when the meeting can still take it. */
    async mattersArisingPage(user: CurrentUser, meetingId: string): Promise<MattersArisingView & { generated: boolean }> {
      let meeting = await managedMeeting(user, meetingId)
      let generated = false
      if (!generateLockReason(meeting) && !(await repo.findMattersArisingItem(meeting.id))) {
        generated = (await ensure(user, meeting)).created
        meeting = await deps.meetings.getMeeting(meeting.id)
      }
      return { ...(await assemble(meeting)), generated }
    },

    /** What the matters arising item prints, for staff: every action. */
    async printedForStaff(user: CurrentUser, meetingId: string): Promise<PrintedLine[]> {
      return printMattersArising((await assemble(await managedMeeting(user, meetingId))).entries)
    },

    /**
     * For the public meeting page: the printed matters arising under their item, when the minutes are
     * published and the item is not exempt. Only actions the public action sheet would show (public, and
     * raised under a published, non-exempt source), each with only the update reported at this meeting:
     * never an owner's later update that no meeting has yet seen.
     */
    async findPublishedMattersArising(
      meetingId: string,
      visibleItemIds: readonly string[],
    ): Promise<{ itemId: string; lines: PrintedLine[] } | null> {
      return publishedMattersArising(await deps.meetings.getMeeting(meetingId), visibleItemIds)
    },

    /**
     * What the public meeting page adds to the minutes: the printed matters arising and links to the topics
     * of its items. Takes the published view, so only items already cleared for the public are considered.
     */
    async publicMeetingExtras(view: {
      id: string
      status: MeetingStatus
      date: string
      body: { id: string }
      minutesPublished: boolean
      items: readonly { id: string; kind: 'open' | 'exempt' }[]
    }): Promise<PublicMeetingExtras> {
      const openIds = view.items.filter((i) => i.kind === 'open').map((i) => i.id)
      const [mattersArising, topics] = await Promise.all([
        view.minutesPublished ? publishedMattersArising({ id: view.id, bodyId: view.body.id, date: view.date, status: view.status }, openIds) : null,
        service.topics.findTopicsOfPublicItems(openIds),
      ])
      return {
        mattersArising,
        topics: topics.map((t) => ({ itemId: t.itemId, name: t.name, href: actionPaths.public.topic(t.partnershipSlug, t.slug) })),
      }
    },

    /**
     * Record the meeting's pass over its matters arising in one transaction: each update (reported at this
     * meeting), each status change (cleared records this meeting), and links. Every action is version-checked.
     */
    async recordMattersArising(user: CurrentUser, meetingId: string, input: MattersArisingInput): Promise<{ changed: number }> {
      const meeting = await managedMeeting(user, meetingId)
      const reason = recordLockReason(meeting)
      if (reason) throw invalidState(reason)
      return db.transaction(async (tx) => {
        const locked = await repo.lockMeeting(meeting.id, tx)
        if (!locked) throw notFound('Meeting')
        const lockReason = recordLockReason(locked)
        if (lockReason) throw invalidState(lockReason)
        const rows = await repo.findMattersArisingActions(
          { bodyId: meeting.bodyId, meetingId: meeting.id, beforeDate: locked.date, live: true },
          tx,
        )
        const current = new Map(rows.map((r) => [r.id, r]))
        const errors: FieldErrors = {}
        const plans: { row: MattersArisingInput['rows'][number]; action: MaActionRow; to: ActionStatus }[] = []
        for (const row of input.rows) {
          const action = current.get(row.id)
          if (!action || action.version !== row.version) throw conflict(MATTERS_ARISING_CONFLICT)
          const to = row.outcome === 'keep' ? action.status : OUTCOME_STATUS[row.outcome]
          if (to !== action.status && !canTransition(action.status, to)) {
            errors[`outcome.${row.id}`] =
              `This action is ${STATUS_LABELS[action.status].toLowerCase()}, so it cannot be marked ${STATUS_LABELS[to].toLowerCase()}`
            continue
          }
          plans.push({ row, action, to })
        }
        if (Object.keys(errors).length) throw validation(errors)

        const today = londonToday(now())
        const base = now().getTime()
        let changed = 0
        for (const [i, { row, action, to }] of plans.entries()) {
          const moved = to !== action.status
          const linking = row.linkWith !== ''
          if (!moved && row.update === '' && !linking) continue
          const changes: MaActionChanges = {}
          if (moved) {
            changes.status = to
            if ((to === 'completed' || to === 'cleared') && !action.completedOn) changes.completedOn = today
            if (to === 'cleared') {
              changes.clearedAtMeetingId = meeting.id
              changes.clearedAt = now()
            }
            if (to === 'dropped') changes.droppedReason = row.reason
          }
          if (!(await repo.updateAction(action.id, action.version, changes, tx))) throw conflict(MATTERS_ARISING_CONFLICT)
          const text = row.update || (moved ? autoUpdateText(to, row.reason) : '')
          if (text) {
            await repo.insertUpdate(
              {
                actionId: action.id,
                text,
                statusTo: moved ? to : null,
                authorUserId: user.id,
                reportedAtMeetingId: meeting.id,
                // Same transaction, same now(): keep the form's order.
                createdAt: new Date(base + i),
              },
              tx,
            )
          }
          const linked = linking ? await repo.insertLink(action.id, row.linkWith, tx) : false
          await recordAudit(tx, { userId: user.id }, {
            event: 'action.reported_at_meeting',
            subjectType: 'action',
            subjectId: action.id,
            data: {
              meetingId: meeting.id,
              ...(moved ? { statusFrom: action.status, statusTo: to } : {}),
              ...(text ? { update: text } : {}),
              ...(linked ? { linkedWith: row.linkWith } : {}),
            },
          })
          changed++
        }
        return { changed }
      })
    },
  }
  return service
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

function autoUpdateText(to: ActionStatus, reason: string): string {
  if (to === 'dropped') return `dropped – ${reason}`
  return STATUS_LABELS[to].toLowerCase()
}

export type MattersArisingService = ReturnType<typeof mattersArisingService>
