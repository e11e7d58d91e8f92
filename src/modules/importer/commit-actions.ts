import type { ActionStatus } from '../actions/actions.read.ts'
import type { ParsedAction } from './parser/types.ts'
import type { ImportedActionRow, ImportedOwnerRow, ImportedUpdateRow } from './importer.repository.ts'
import type { FieldChange } from './importer.types.ts'
import { looksLikePerson } from './names.ts'
import { actionStatusOf, capital, clip, same, STATUS_RANK } from './rules.ts'
import { ours, type Draft } from './commit-draft.ts'
import type { PeopleBook } from './commit-people.ts'

type Owner = { personId: string | null; organisationId: string | null; groupName: string | null } | null
const ownerText = (o: Owner | undefined) => (o ? `${o.personId ?? ''}|${o.organisationId ?? ''}|${o.groupName ?? ''}` : '')

/** The meeting's actions as recorded before this import, with their owners and updates. */
type Recorded = {
  actions: ImportedActionRow[]
  owners: ImportedOwnerRow[]
  updates: ImportedUpdateRow[]
  /** the updates the last import wrote */
  priorUpdates: Set<string>
}

/** An action's owner: a person or organisation of the partnership, a new person, or a named group (noted). */
async function ownerOf(d: Draft, people: PeopleBook, who: string | null): Promise<Owner> {
  if (!who) return null
  const person = people.findPerson(who)
  if (person) return { personId: person.id, organisationId: null, groupName: null }
  const org = people.orgNamed(who)
  if (org) return { personId: null, organisationId: org.id, groupName: null }
  if (looksLikePerson(who)) {
    const created = await people.createPerson(who, 'action owner')
    return { personId: created.id, organisationId: null, groupName: null }
  }
  d.notes.push(`Action owner "${who}" is not a person or organisation of the partnership: recorded as a named group`)
  return { personId: null, organisationId: null, groupName: who.trim() }
}

/**
 * The actions, matched to the meeting's recorded actions by description (preferring the same owner and date):
 * new ones are added, the import's own unchanged ones follow the page (a status only moves forward), anything
 * changed in Joined Up is kept, with a note; actions no longer on the page go when nothing else holds them.
 */
export async function writeActions(d: Draft, people: PeopleBook, itemIds: string[], exemptIds: Set<string>): Promise<void> {
  const { tx, parsed, created, meetingId, prior, written } = d
  const existingActions = created ? [] : await d.deps.repo.actionsOfMeeting(meetingId, tx)
  const existingOwners = await d.deps.repo.ownersOf(
    existingActions.map((a) => a.id),
    tx,
  )
  const existingUpdates = await d.deps.repo.updatesOf(
    existingActions.map((a) => a.id),
    tx,
  )
  const priorUpdates = new Set(prior?.updates ?? [])
  const recorded: Recorded = { actions: existingActions, owners: existingOwners, updates: existingUpdates, priorUpdates }
  for (const u of existingUpdates) if (priorUpdates.has(u.id)) written.updates.push(u.id)
  const actionPool = new Map<string, (typeof existingActions)[number][]>()
  for (const a of existingActions) actionPool.set(a.description, [...(actionPool.get(a.description) ?? []), a])
  /** The recorded action for a printed one: same description, preferring the same owner and date (duplicates). */
  const takeAction = (a: ParsedAction, owner: Owner) => {
    const list = actionPool.get(a.what)
    if (!list || list.length === 0) return undefined
    const ownerOfRow = (id: string) => existingOwners.find((o) => o.actionId === id)
    const index = Math.max(
      0,
      list.findIndex((r) => r.dueOn === a.when && ownerText(ownerOfRow(r.id)) === ownerText(owner)),
    )
    return list.splice(index, 1)[0]
  }
  const keptActions = new Set<string>()
  const itemOfAction = (a: ParsedAction): string | null => {
    const probe = a.what.slice(0, 60)
    const index = parsed.items.findIndex((i) => i.minutes.includes(probe) || (i.description ?? '').includes(probe))
    return index >= 0 ? (itemIds[index] ?? null) : null
  }
  for (const a of parsed.actions) {
    const label = `action "${a.what.length > 60 ? `${a.what.slice(0, 57)}...` : a.what}"`
    const mapped = actionStatusOf(a.status)
    if (a.status && !mapped) d.notes.push(`Action status "${a.status}" is not one Joined Up knows: ${label} kept open`)
    const owner = await ownerOf(d, people, a.who)
    const match = takeAction(a, owner)
    if (match) keptActions.add(match.id)
    const itemId = itemOfAction(a)
    // An action of an exempt item (or of a sub-item of one) is never public.
    await writeAction(d, a, { label, mapped, owner, match, itemId, onExempt: itemId !== null && exemptIds.has(itemId) }, recorded)
  }
  const staleActions = existingActions.filter((a) => !keptActions.has(a.id))
  if (staleActions.length > 0) await removeStaleActions(d, staleActions, recorded)
}

/** One printed action: added, or the recorded one brought up to the page when it is the import's own; its update. */
async function writeAction(
  d: Draft,
  a: ParsedAction,
  found: { label: string; mapped: ActionStatus | null; owner: Owner; match: ImportedActionRow | undefined; itemId: string | null; onExempt: boolean },
  recorded: Recorded,
): Promise<void> {
  const { tx, actor, parsed, body, meetingId, stamp, written, changes, notes } = d
  const { label, mapped, owner, match, itemId, onExempt } = found
  const existingOwners = recorded.owners
  const existingUpdates = recorded.updates
  let actionStatus: ActionStatus = mapped ?? 'open'
  if (match && STATUS_RANK[actionStatus] < STATUS_RANK[match.status]) {
    notes.push(`${capital(label)} is ${match.status.replace('_', ' ')} in Joined Up; the page says ${actionStatus.replace('_', ' ')}: kept as ${match.status.replace('_', ' ')}`)
    actionStatus = match.status
  }
  const want = {
    description: a.what,
    dueOn: a.when,
    status: actionStatus,
    itemId,
    clearedAtMeetingId: actionStatus === 'cleared' ? (match?.status === 'cleared' ? match.clearedAtMeetingId : meetingId) : null,
    completedOn: actionStatus === 'completed' ? (match?.completedOn ?? parsed.date) : null,
    droppedReason: actionStatus === 'dropped' ? (match?.droppedReason ?? a.update ?? a.status ?? 'Dropped') : null,
    isPublic: match ? match.isPublic && !onExempt : !onExempt,
  }
  let actionId: string
  let mine: boolean
  if (!match) {
    const row = await d.deps.writes.actions.insertAction(
      { bodyId: body.id, meetingId, raisedOn: parsed.date, clearedAt: actionStatus === 'cleared' ? stamp : null, ...want },
      tx,
    )
    actionId = row.id
    written.actions[row.id] = row.version
    mine = true
    changes.push({ what: label, field: 'created', from: null, to: a.who ? `${a.who}: ${actionStatus}` : actionStatus })
    await d.deps.writes.actions.replaceOwners(actionId, owner, tx)
    await d.deps.writes.structure.notePeopleUse([owner?.personId], d.partnershipId, tx)
  } else {
    actionId = match.id
    mine = ours(d, 'actions', match.id, match.version)
    const diff: Record<string, unknown> = {}
    const fieldChanges: FieldChange[] = []
    for (const [field, to] of Object.entries(want)) {
      const from = match[field as keyof typeof want]
      if (!same(from, to)) {
        diff[field] = to
        fieldChanges.push({ what: label, field, from: clip(from), to: clip(to) })
      }
    }
    if (want.status === 'cleared' && !match.clearedAt) diff.clearedAt = stamp
    if (want.status !== 'cleared' && match.clearedAt) diff.clearedAt = null
    const had = existingOwners.filter((o) => o.actionId === match.id)
    const ownersChanged = had.length !== (owner ? 1 : 0) || ownerText(had[0]) !== ownerText(owner)
    if (!mine) {
      if (fieldChanges.length > 0 || ownersChanged) notes.push(`${capital(label)} was changed in Joined Up since it was imported: kept as it is`)
    } else {
      changes.push(...fieldChanges)
      written.actions[match.id] = Object.keys(diff).length > 0 || ownersChanged ? await d.deps.writes.actions.updateAction(match.id, diff, tx) : match.version
      if (ownersChanged) {
        await d.deps.writes.actions.replaceOwners(match.id, owner, tx)
        await d.deps.writes.structure.notePeopleUse([owner?.personId], d.partnershipId, tx)
        changes.push({ what: label, field: 'owner', from: had.length, to: a.who })
      }
    }
  }
  if (mine && a.update && !existingUpdates.some((u) => u.actionId === actionId && u.text === a.update)) {
    const updateId = await d.deps.writes.actions.insertUpdate(
      {
        actionId,
        text: a.update,
        statusTo: mapped,
        authorUserId: 'userId' in actor ? actor.userId : null,
        reportedAtMeetingId: meetingId,
        createdAt: stamp,
      },
      tx,
    )
    written.updates.push(updateId)
    changes.push({ what: label, field: 'update', from: null, to: clip(a.update) })
  }
}

/** Actions no longer on the page: deleted unless changed or updated in Joined Up, or linked to another action. */
async function removeStaleActions(d: Draft, staleActions: ImportedActionRow[], recorded: Recorded): Promise<void> {
  const { tx, written, changes, notes } = d
  const existingUpdates = recorded.updates
  const priorUpdates = recorded.priorUpdates
  const linked = await d.deps.repo.linkedActions(
    staleActions.map((a) => a.id),
    tx,
  )
  for (const a of staleActions) {
    const label = `action "${a.description.slice(0, 60)}"`
    const othersUpdates = existingUpdates.some((u) => u.actionId === a.id && !priorUpdates.has(u.id))
    const why = !ours(d, 'actions', a.id, a.version)
      ? 'it was added or changed in Joined Up'
      : othersUpdates
        ? 'it has updates made in Joined Up'
        : linked.has(a.id)
          ? 'it is linked to another action'
          : null
    if (why) {
      notes.push(`${capital(label)} is not on the page: kept, as ${why}`)
      if (ours(d, 'actions', a.id, a.version)) written.actions[a.id] = a.version
    } else {
      await d.deps.writes.actions.deleteActions([a.id], tx)
      changes.push({ what: label, field: 'deleted', from: clip(a.description), to: null })
    }
  }
}
