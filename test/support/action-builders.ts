import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/platform/db/client.ts'
import { actionLinks, actionOwners, actions, actionUpdates } from '../../src/modules/actions/actions.tables.ts'
import { agendaItems, meetings } from '../../src/modules/meetings/meetings.tables.ts'
import { bodies } from '../../src/modules/structure/structure.tables.ts'
import { notePeopleUse } from '../../src/modules/structure/person-use.ts'
import { eq } from 'drizzle-orm'
import { buildAgendaItem, buildBody, buildMeeting } from './builders.ts'

type OwnerSpec = { personId?: string; organisationId?: string; groupName?: string }

/**
 * An action with its parents: pass an itemId (its meeting and body follow), or a bodyId / meetingId,
 * or nothing (a new body, meeting and item). Owners default to the group "PMO".
 */
export async function buildAction(
  db: Db,
  values: Partial<typeof actions.$inferInsert> & { owners?: OwnerSpec[]; exempt?: boolean } = {},
) {
  const { owners, exempt, ...rest } = values
  let itemId = rest.itemId
  let meetingId = rest.meetingId
  let bodyId = rest.bodyId
  let raisedOn = rest.raisedOn
  if (itemId) {
    const [item] = await db.select().from(agendaItems).where(eq(agendaItems.id, itemId))
    meetingId ??= item!.meetingId
  }
  if (meetingId) {
    const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId))
    bodyId ??= meeting!.bodyId
    raisedOn ??= meeting!.date
  }
  if (!bodyId) bodyId = (await buildBody(db)).id
  if (!meetingId) {
    const meeting = await buildMeeting(db, { bodyId, date: raisedOn ?? '2027-03-16' })
    meetingId = meeting.id
    raisedOn ??= meeting.date
  }
  if (!itemId) {
    itemId = (
      await buildAgendaItem(db, { meetingId, ...(exempt ? { isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'Commercial' } : {}) })
    ).id
  }
  const [row] = await db
    .insert(actions)
    .values({ description: 'Circulate Away Day outcomes', isPublic: !exempt, ...rest, bodyId, meetingId, itemId, raisedOn: raisedOn! })
    .returning()
  const list = owners ?? [{ groupName: 'PMO' }]
  if (list.length) {
    await db.insert(actionOwners).values(
      list.map((o, position) => ({
        actionId: row!.id,
        personId: o.personId ?? null,
        organisationId: o.organisationId ?? null,
        groupName: o.groupName ?? null,
        position,
      })),
    )
  }
  await notePeopleUse(list.map((o) => o.personId), await partnershipOfBody(db, bodyId), db)
  return row!
}

export async function buildActionUpdate(db: Db, values: Partial<typeof actionUpdates.$inferInsert> & { actionId: string }) {
  const [row] = await db.insert(actionUpdates).values({ text: 'Update: in hand', ...values }).returning()
  return row!
}

export async function linkActions(db: Db, a: string, b: string) {
  const [low, high] = a < b ? [a, b] : [b, a]
  await db.insert(actionLinks).values({ actionId: low, linkedActionId: high })
}

/**
 * An action on a body with no meeting or item behind it (a body is made when none is given), raised on
 * 2026-01-10 and public unless told otherwise; owned by the group "PMO" unless owners are given.
 */
export async function buildBodyAction(
  db: Db,
  values: Partial<typeof actions.$inferInsert> & { owners?: { personId?: string; organisationId?: string; groupName?: string }[] } = {},
) {
  const { owners, ...rest } = values
  const bodyId = rest.bodyId ?? (await buildBody(db)).id
  const [row] = await db
    .insert(actions)
    .values({
      description: `do thing ${randomBytes(3).toString('hex')}`,
      raisedOn: '2026-01-10',
      isPublic: true,
      ...rest,
      bodyId,
    })
    .returning()
  const list = owners ?? [{ groupName: 'PMO' }]
  for (const [position, o] of list.entries()) {
    await db.insert(actionOwners).values({
      actionId: row!.id,
      position,
      personId: o.personId ?? null,
      organisationId: o.organisationId ?? null,
      groupName: o.groupName ?? null,
    })
  }
  await notePeopleUse(list.map((o) => o.personId), await partnershipOfBody(db, bodyId), db)
  return row!
}

/** The partnership of a body, for signing in its secretariat. */
export async function partnershipOfBody(db: Db, bodyId: string): Promise<string> {
  const [body] = await db.select({ partnershipId: bodies.partnershipId }).from(bodies).where(eq(bodies.id, bodyId))
  return body!.partnershipId
}
