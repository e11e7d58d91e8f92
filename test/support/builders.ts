import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../../src/platform/db/client.ts'
import { hashPassword } from '../../src/platform/http/passwords.ts'
import {
  bodies,
  memberships,
  organisations,
  partnershipOrganisations,
  partnerships,
  people,
} from '../../src/modules/structure/structure.tables.ts'
import { notePeopleUse } from '../../src/modules/structure/person-use.ts'
import { userPartnershipRoles, users } from '../../src/modules/accounts/accounts.tables.ts'
import { agendaItems, attendance, decisions, documents, meetings } from '../../src/modules/meetings/meetings.tables.ts'

/**
 * Test-data builders: each creates the parents it needs, so a test names only what it cares about.
 * They write rows directly (fast, no audit); tests of use cases go through the services.
 */
export const TEST_PASSWORD = 'correct horse battery staple'
const cheapHash = hashPassword(TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 })

const uniq = () => randomBytes(4).toString('hex')

export async function buildUser(
  db: Db,
  opts: { email?: string; isAdmin?: boolean; secretariatOf?: string[]; readOnlyOf?: string[]; personId?: string; displayName?: string } = {},
) {
  const [user] = await db
    .insert(users)
    .values({
      email: opts.email ?? `user-${uniq()}@example.org`,
      displayName: opts.displayName ?? 'Test User',
      passwordHash: await cheapHash,
      isAdmin: opts.isAdmin ?? false,
      personId: opts.personId ?? null,
    })
    .returning()
  for (const partnershipId of opts.secretariatOf ?? []) {
    await db.insert(userPartnershipRoles).values({ userId: user!.id, partnershipId, role: 'secretariat' })
  }
  for (const partnershipId of opts.readOnlyOf ?? []) {
    await db.insert(userPartnershipRoles).values({ userId: user!.id, partnershipId, role: 'read_only' })
  }
  return user!
}

export async function buildOrganisation(db: Db, values: Partial<typeof organisations.$inferInsert> = {}) {
  const id = uniq()
  const [row] = await db
    .insert(organisations)
    .values({ name: `Organisation ${id}`, slug: `organisation-${id}`, type: 'council', ...values })
    .returning()
  return row!
}

export async function buildPartnership(db: Db, values: Partial<typeof partnerships.$inferInsert> = {}) {
  const id = uniq()
  const [row] = await db
    .insert(partnerships)
    .values({ name: `Partnership ${id}`, slug: `partnership-${id}`, purpose: 'To work together', ...values })
    .returning()
  return row!
}

export async function addPartner(db: Db, partnershipId: string, organisationId: string, position = 0) {
  await db.insert(partnershipOrganisations).values({ partnershipId, organisationId, position })
}

export async function buildBody(db: Db, values: Partial<typeof bodies.$inferInsert> = {}) {
  const partnershipId = values.partnershipId ?? (await buildPartnership(db)).id
  const id = uniq()
  const [row] = await db
    .insert(bodies)
    .values({ name: `Board ${id}`, slug: `board-${id}`, kind: 'board', regime: 'informal', ...values, partnershipId })
    .returning()
  return row!
}

/** A person; `usedBy`: partnerships that work with them (person_partnerships, issue 10), as adding them there would. */
export async function buildPerson(db: Db, values: Partial<typeof people.$inferInsert> & { usedBy?: string | string[] } = {}) {
  const { usedBy, ...columns } = values
  const [row] = await db
    .insert(people)
    .values({ fullName: `Person ${uniq()}`, ...columns })
    .returning()
  for (const partnershipId of [usedBy ?? []].flat()) await notePeopleUse([row!.id], partnershipId, db)
  return row!
}

/** The partnership of a body. */
async function bodyPartnership(db: Db, bodyId: string): Promise<string> {
  const [row] = await db.select({ partnershipId: bodies.partnershipId }).from(bodies).where(eq(bodies.id, bodyId))
  return row!.partnershipId
}

/** A seat; the body's partnership uses the person from then on, as the app records it. */
export async function buildMembership(db: Db, values: Partial<typeof memberships.$inferInsert> = {}) {
  const bodyId = values.bodyId ?? (await buildBody(db)).id
  const personId = values.personId ?? (await buildPerson(db)).id
  const [row] = await db
    .insert(memberships)
    .values({ role: 'member', ...values, bodyId, personId })
    .returning()
  await notePeopleUse([personId], await bodyPartnership(db, bodyId), db)
  return row!
}

type MeetingTrait = 'agendaPublished' | 'cancelled' | 'minutesDraft' | 'minutesApproved'

export async function buildMeeting(
  db: Db,
  values: Partial<typeof meetings.$inferInsert> = {},
  ...traits: MeetingTrait[]
) {
  const bodyId = values.bodyId ?? (await buildBody(db)).id
  const t = new Set(traits)
  const status = t.has('cancelled')
    ? 'cancelled'
    : t.has('minutesApproved')
      ? 'minutes_approved'
      : t.has('minutesDraft')
        ? 'minutes_draft'
        : t.has('agendaPublished')
          ? 'agenda_published'
          : 'scheduled'
  const [row] = await db
    .insert(meetings)
    .values({
      date: '2027-03-16',
      startTime: '14:30',
      venue: 'Town Hall',
      status,
      agendaPublishedAt: status === 'scheduled' || status === 'cancelled' ? null : new Date('2027-03-01T09:00:00Z'),
      cancelledAt: status === 'cancelled' ? new Date('2027-03-02T09:00:00Z') : null,
      minutesApprovedAt: status === 'minutes_approved' ? new Date('2027-04-20T16:00:00Z') : null,
      ...values,
      bodyId,
    })
    .returning()
  return row!
}

export async function buildAgendaItem(db: Db, values: Partial<typeof agendaItems.$inferInsert> = {}) {
  const meetingId = values.meetingId ?? (await buildMeeting(db)).id
  const [row] = await db
    .insert(agendaItems)
    .values({ title: `Item ${uniq()}`, position: 0, ...values, meetingId })
    .returning()
  return row!
}

export async function buildDecision(db: Db, values: Partial<typeof decisions.$inferInsert> = {}) {
  const itemId = values.itemId ?? (await buildAgendaItem(db)).id
  const [row] = await db
    .insert(decisions)
    .values({ text: 'RESOLVED: to note the report', ...values, itemId })
    .returning()
  return row!
}

export async function buildDocument(db: Db, values: Partial<typeof documents.$inferInsert> = {}) {
  const meetingId = values.meetingId ?? (await buildMeeting(db)).id
  const content = values.content ?? Buffer.from('%PDF-1.4\n%test\n')
  const [row] = await db
    .insert(documents)
    .values({
      title: 'Report',
      filename: 'report.pdf',
      mediaType: 'application/pdf',
      sizeBytes: content.length,
      sha256: 'test',
      ...values,
      content,
      meetingId,
    })
    .returning()
  return row!
}

/** An attendance row; the meeting's partnership uses the person from then on, as the app records it. */
export async function buildAttendance(db: Db, values: Partial<typeof attendance.$inferInsert> = {}) {
  const meetingId = values.meetingId ?? (await buildMeeting(db)).id
  const personId = values.personId ?? (await buildPerson(db)).id
  const [row] = await db
    .insert(attendance)
    .values({ status: 'present', ...values, meetingId, personId })
    .returning()
  const [meeting] = await db.select({ bodyId: meetings.bodyId }).from(meetings).where(eq(meetings.id, meetingId))
  await notePeopleUse([personId], await bodyPartnership(db, meeting!.bodyId), db)
  return row!
}
