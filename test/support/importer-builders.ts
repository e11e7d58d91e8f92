import fs from 'node:fs'
import path from 'node:path'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../src/platform/db/client.ts'
import { auditEvents } from '../../src/platform/audit/audit.tables.ts'
import { agendaItems, attendance, decisions, meetings } from '../../src/modules/meetings/meetings.tables.ts'
import { actionOwners, actionUpdates, actions } from '../../src/modules/actions/actions.tables.ts'
import { bodies, people } from '../../src/modules/structure/structure.tables.ts'

export const IMPORTER_FIXTURES = path.resolve(import.meta.dirname, '../../src/modules/importer/parser/fixtures')

/** A parser fixture's text (the seeds are `seed-000.txt` and `seed-001.txt`). */
export function importerFixture(name: string): string {
  return fs.readFileSync(path.join(IMPORTER_FIXTURES, name), 'utf8')
}

/**
 * Everything an import can write for the bodies of a partnership, with versions, as plain data: two
 * snapshots equal means nothing changed (no rows, no field, no version bump).
 */
export async function importSnapshot(db: Db, partnershipId: string) {
  const bodyRows = await db.select().from(bodies).where(eq(bodies.partnershipId, partnershipId)).orderBy(asc(bodies.id))
  const bodyIds = bodyRows.map((b) => b.id)
  const meetingRows = bodyIds.length ? await db.select().from(meetings).where(inArray(meetings.bodyId, bodyIds)).orderBy(asc(meetings.id)) : []
  const meetingIds = meetingRows.map((m) => m.id)
  const itemRows = meetingIds.length ? await db.select().from(agendaItems).where(inArray(agendaItems.meetingId, meetingIds)).orderBy(asc(agendaItems.id)) : []
  const itemIds = itemRows.map((i) => i.id)
  const decisionRows = itemIds.length ? await db.select().from(decisions).where(inArray(decisions.itemId, itemIds)).orderBy(asc(decisions.id)) : []
  const attendanceRows = meetingIds.length ? await db.select().from(attendance).where(inArray(attendance.meetingId, meetingIds)).orderBy(asc(attendance.id)) : []
  const actionRows = bodyIds.length ? await db.select().from(actions).where(inArray(actions.bodyId, bodyIds)).orderBy(asc(actions.id)) : []
  const actionIds = actionRows.map((a) => a.id)
  const ownerRows = actionIds.length ? await db.select().from(actionOwners).where(inArray(actionOwners.actionId, actionIds)).orderBy(asc(actionOwners.id)) : []
  const updateRows = actionIds.length ? await db.select().from(actionUpdates).where(inArray(actionUpdates.actionId, actionIds)).orderBy(asc(actionUpdates.id)) : []
  const peopleRows = await db.select().from(people).orderBy(asc(people.id))
  const [audit] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents)
  const strip = <T extends Record<string, unknown>>(rows: T[]) => rows.map(({ searchVector: _s, ...r }) => r)
  return {
    bodies: bodyRows,
    meetings: meetingRows,
    items: strip(itemRows),
    decisions: strip(decisionRows),
    attendance: attendanceRows,
    actions: strip(actionRows),
    owners: ownerRows,
    updates: updateRows,
    people: peopleRows,
    auditCount: Number(audit?.n ?? 0),
  }
}
