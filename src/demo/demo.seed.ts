import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Services } from '../services.ts'
import type { Db } from '../platform/db/client.ts'
import { recordAudit } from '../platform/audit/audit.ts'
import {
  bodies,
  memberships,
  organisations,
  partnershipOrganisations,
  partnerships,
  people,
} from '../modules/structure/structure.tables.ts'
import { notePeopleUse } from '../modules/structure/person-use.ts'
import {
  agendaItems,
  attendance,
  decisions,
  documents,
  meetings,
  minutesCorrections,
} from '../modules/meetings/meetings.tables.ts'
import { publicationEvents, type PublicationEventKind } from '../modules/publishing/publishing.tables.ts'
import { actionLinks, actionOwners, actions, actionUpdates } from '../modules/actions/actions.tables.ts'
import { agendaItemTopics, topics } from '../modules/topics/topics.tables.ts'
import {
  ACTIONS,
  BODIES,
  DEMO_ACCOUNTS,
  MEETINGS,
  MEMBERSHIPS,
  ORGANISATIONS,
  PARTNERSHIPS,
  PEOPLE,
  TOPICS,
  type BodyKey,
  type DemoItem,
  type MeetingKey,
  type OrganisationKey,
  type PartnershipKey,
  type PersonKey,
} from './demo-data.ts'

import { seedStrategies } from './demo-strategy.seed.ts'

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-data.ts'

/** Any number: it only keeps two app instances starting on one PostgreSQL database from seeding twice. */
const SEED_LOCK = 741_302_915

/**
 * Loads the demo partnerships from the seeds when the database has no partnerships. Returns true when it seeded.
 * Everything is written in one transaction, so a failure leaves the database empty and the next start retries.
 */
export async function seedDemoIfEmpty(services: Services): Promise<boolean> {
  const { db } = services.database
  if (await hasPartnerships(db)) return false
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`)
    if (await hasPartnerships(tx)) return false
    await seed(services, tx)
    return true
  })
}

async function hasPartnerships(db: Db): Promise<boolean> {
  const rows = await db.select({ id: partnerships.id }).from(partnerships).limit(1)
  return rows.length > 0
}

/** Looks a key up in the ids written so far; a missing one is a mistake in demo-data.ts. */
function idOf<K extends string>(ids: Map<K, string>, key: K): string {
  const id = ids.get(key)
  if (!id) throw new Error(`demo data: nothing seeded for "${key}"`)
  return id
}

/** The ids written so far, by the demo data's keys. */
type SeededIds = {
  orgs: Map<OrganisationKey, string>
  partnerships: Map<PartnershipKey, string>
  bodies: Map<BodyKey, string>
  people: Map<PersonKey, string>
  meetings: Map<MeetingKey, string>
  /** `${meeting key}:${item ref}` -> item id */
  items: Map<string, string>
  actions: Map<string, string>
}

async function seed(services: Services, tx: Db): Promise<void> {
  const ids: SeededIds = {
    orgs: new Map(),
    partnerships: new Map(),
    bodies: new Map(),
    people: new Map(),
    meetings: new Map(),
    items: new Map(),
    actions: new Map(),
  }
  await seedPartnerships(tx, ids)
  await seedPeople(tx, ids)
  await seedMeetings(tx, ids)
  await seedPublicationEvents(tx, ids)
  await seedActions(tx, ids)
  await seedTopics(tx, ids)
  const programme = await seedStrategies(tx, ids)
  const accountIds = await seedAccounts(services, tx, ids)
  await recordAudit(
    tx,
    { system: 'demo' },
    {
      event: 'demo.seeded',
      subjectType: 'partnership',
      subjectId: idOf(ids.partnerships, 'chorley'),
      data: {
        partnerships: [...ids.partnerships.values()],
        bodies: ids.bodies.size,
        people: ids.people.size,
        meetings: ids.meetings.size,
        actions: ids.actions.size,
        strategyVersions: programme.versions,
        workstreams: programme.workstreams,
        demoAccounts: accountIds,
      },
    },
  )
}

/** Organisations, partnerships (with their partners) and bodies. */
async function seedPartnerships(tx: Db, ids: SeededIds): Promise<void> {
  for (const [key, org] of entries(ORGANISATIONS)) {
    const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id })
    ids.orgs.set(key, row!.id)
  }

  // Parents first: a child partnership points at its parent.
  const partnershipOrder = entries(PARTNERSHIPS).sort(([, a], [, b]) => Number(a.parent !== null) - Number(b.parent !== null))
  for (const [key, p] of partnershipOrder) {
    const [row] = await tx
      .insert(partnerships)
      .values({
        slug: p.slug,
        name: p.name,
        parentPartnershipId: p.parent ? idOf(ids.partnerships, p.parent) : null,
        summary: p.summary,
        purpose: p.purpose,
        vision: p.vision,
      })
      .returning({ id: partnerships.id })
    ids.partnerships.set(key, row!.id)
    for (const [position, org] of p.organisations.entries()) {
      await tx
        .insert(partnershipOrganisations)
        .values({ partnershipId: row!.id, organisationId: idOf(ids.orgs, org), position })
    }
  }

  // Bodies, then who each is accountable to (a body may name one defined after it).
  for (const [key, b] of entries(BODIES)) {
    const [row] = await tx
      .insert(bodies)
      .values({
        slug: b.slug,
        partnershipId: idOf(ids.partnerships, b.partnership),
        name: b.name,
        kind: b.kind,
        regime: b.regime,
        termsOfReference: b.termsOfReference,
        meetingFrequency: b.meetingFrequency,
        numberingScheme: b.numberingScheme,
        nextItemNumber: b.nextItemNumber,
      })
      .returning({ id: bodies.id })
    ids.bodies.set(key, row!.id)
  }
  for (const [key, b] of entries(BODIES)) {
    if (!b.accountableTo) continue
    if (BODIES[b.accountableTo].partnership !== b.partnership) {
      throw new Error(`demo data: ${key} is accountable to a body of another partnership`)
    }
    await tx
      .update(bodies)
      .set({ accountableToBodyId: idOf(ids.bodies, b.accountableTo) })
      .where(eq(bodies.id, idOf(ids.bodies, key)))
  }
}

/** The partnership a demo body belongs to. */
const partnershipOfBody = (ids: SeededIds, body: BodyKey): string => idOf(ids.partnerships, BODIES[body].partnership)

/** People and their seats on bodies. */
async function seedPeople(tx: Db, ids: SeededIds): Promise<void> {
  for (const [key, p] of entries(PEOPLE)) {
    const [row] = await tx
      .insert(people)
      .values({
        honorific: p.honorific,
        fullName: p.fullName,
        jobTitle: p.jobTitle,
        organisationId: p.organisation ? idOf(ids.orgs, p.organisation) : null,
      })
      .returning({ id: people.id })
    ids.people.set(key, row!.id)
  }
  for (const m of MEMBERSHIPS) {
    const personId = idOf(ids.people, m.person)
    await tx.insert(memberships).values({ bodyId: idOf(ids.bodies, m.body), personId, role: m.role })
    await notePeopleUse([personId], partnershipOfBody(ids, m.body), tx)
  }
}

async function seedMeetings(tx: Db, ids: SeededIds): Promise<void> {
  // Meetings and their agendas; approvals and corrections point at later meetings, so they come after.
  for (const [key, m] of entries(MEETINGS)) {
    const [row] = await tx
      .insert(meetings)
      .values({
        bodyId: idOf(ids.bodies, m.body),
        date: m.date,
        startTime: m.startTime,
        endTime: m.endTime,
        venue: m.venue,
        contactName: m.contactName,
        contactPhone: m.contactPhone,
        kind: m.kind,
        status: m.status,
        firstItemNumber: m.firstItemNumber,
        agendaPublishedAt: m.agendaPublishedAt ? new Date(m.agendaPublishedAt) : null,
      })
      .returning({ id: meetings.id })
    const meetingId = row!.id
    ids.meetings.set(key, meetingId)
    for (const [position, item] of m.items.entries()) {
      await insertItem(tx, key, meetingId, null, position, item, ids.items)
    }
    for (const a of m.attendance) {
      const personId = idOf(ids.people, a.person)
      await tx.insert(attendance).values({ meetingId, personId, status: a.status, capacity: a.capacity })
      await notePeopleUse([personId], partnershipOfBody(ids, m.body), tx)
    }
  }
  for (const [key, m] of entries(MEETINGS)) {
    const meetingId = idOf(ids.meetings, key)
    if (m.minutesApproved) {
      await tx
        .update(meetings)
        .set({
          minutesApprovedAt: new Date(m.minutesApproved.at),
          minutesApprovedAtMeetingId: idOf(ids.meetings, m.minutesApproved.atMeeting),
        })
        .where(eq(meetings.id, meetingId))
    }
    for (const c of m.corrections) {
      if (MEETINGS[c.agreedAtMeeting].body !== m.body) {
        throw new Error(`demo data: a correction to ${key} is agreed at another body's meeting`)
      }
      await tx.insert(minutesCorrections).values({
        meetingId,
        agreedAtMeetingId: idOf(ids.meetings, c.agreedAtMeeting),
        itemId: idOf(ids.items, `${c.agreedAtMeeting}:${c.itemRef}`),
        text: c.text,
      })
    }
  }
}

async function seedPublicationEvents(tx: Db, ids: SeededIds): Promise<void> {
  // The public record's history for the feeds and alerts: agendas, then draft minutes (published a week
  // after the meeting, or the day before approval if sooner), then approvals, in the order they happened.
  const events: { kind: PublicationEventKind; bodyId: string; meetingId: string; occurredAt: Date }[] = []
  for (const [key, m] of entries(MEETINGS)) {
    if (!m.agendaPublishedAt) continue
    const meetingId = idOf(ids.meetings, key)
    const bodyId = idOf(ids.bodies, m.body)
    events.push({ kind: 'agenda_published', bodyId, meetingId, occurredAt: new Date(m.agendaPublishedAt) })
    if (m.status !== 'minutes_draft' && m.status !== 'minutes_approved') continue
    const weekAfter = Date.parse(`${m.date}T09:00:00Z`) + 7 * 86_400_000
    const minutesPublishedAt = new Date(m.minutesApproved ? Math.min(weekAfter, Date.parse(m.minutesApproved.at) - 86_400_000) : weekAfter)
    await tx.update(meetings).set({ minutesPublishedAt }).where(eq(meetings.id, meetingId))
    events.push({ kind: 'minutes_published', bodyId, meetingId, occurredAt: minutesPublishedAt })
    if (m.minutesApproved) events.push({ kind: 'minutes_approved', bodyId, meetingId, occurredAt: new Date(m.minutesApproved.at) })
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
  for (const e of events) await tx.insert(publicationEvents).values(e)
}

async function seedActions(tx: Db, ids: SeededIds): Promise<void> {
  // Actions (seeds 000 and 001), in the seeds' order: created_at keeps that order within a day.
  for (const [i, a] of ACTIONS.entries()) {
    const raisedAt = MEETINGS[a.raisedAt]
    if (raisedAt.body !== a.body) throw new Error(`demo data: action ${a.ref} is raised at another body's meeting`)
    const [row] = await tx
      .insert(actions)
      .values({
        bodyId: idOf(ids.bodies, a.body),
        meetingId: idOf(ids.meetings, a.raisedAt),
        itemId: a.itemRef ? idOf(ids.items, `${a.raisedAt}:${a.itemRef}`) : null,
        description: a.description,
        dueOn: a.dueOn,
        raisedOn: raisedAt.date,
        status: a.status,
        isPublic: a.isPublic,
        clearedAtMeetingId: a.cleared ? idOf(ids.meetings, a.cleared.atMeeting) : null,
        clearedAt: a.cleared ? new Date(a.cleared.at) : null,
        createdAt: new Date(Date.parse(`${raisedAt.date}T12:00:00Z`) + i),
      })
      .returning({ id: actions.id })
    const actionId = row!.id
    ids.actions.set(a.ref, actionId)
    for (const [position, owner] of a.owners.entries()) {
      const personId = 'person' in owner ? idOf(ids.people, owner.person) : null
      await tx.insert(actionOwners).values({
        actionId,
        position,
        personId,
        organisationId: 'organisation' in owner ? idOf(ids.orgs, owner.organisation) : null,
        groupName: 'group' in owner ? owner.group : null,
      })
      // The partnership uses the people it seats, minutes and gives actions to (issue 10), as the app records them.
      await notePeopleUse([personId], partnershipOfBody(ids, a.body), tx)
    }
    for (const [j, u] of a.updates.entries()) {
      await tx.insert(actionUpdates).values({
        actionId,
        text: u.text,
        statusTo: u.statusTo,
        reportedAtMeetingId: u.reportedAtMeeting ? idOf(ids.meetings, u.reportedAtMeeting) : null,
        createdAt: new Date(Date.parse(u.at) + i * 10 + j),
      })
    }
    for (const other of a.linkedWith) {
      const otherId = idOf(ids.actions, other)
      const [low, high] = actionId < otherId ? [actionId, otherId] : [otherId, actionId]
      await tx.insert(actionLinks).values({ actionId: low, linkedActionId: high })
    }
  }
}

async function seedTopics(tx: Db, ids: SeededIds): Promise<void> {
  for (const t of TOPICS) {
    const [row] = await tx
      .insert(topics)
      .values({ partnershipId: idOf(ids.partnerships, t.partnership), name: t.name, slug: t.slug })
      .returning({ id: topics.id })
    for (const it of t.items) {
      if (BODIES[MEETINGS[it.meeting].body].partnership !== t.partnership) {
        throw new Error(`demo data: topic ${t.slug} tags an item of another partnership`)
      }
      await tx.insert(agendaItemTopics).values({ itemId: idOf(ids.items, `${it.meeting}:${it.itemRef}`), topicId: row!.id })
    }
  }
}

async function seedAccounts(services: Services, tx: Db, ids: SeededIds): Promise<string[]> {
  const accountIds: string[] = []
  for (const account of DEMO_ACCOUNTS) {
    const user = await services.accounts.createUser(tx, {
      email: account.email,
      displayName: account.displayName,
      password: account.password,
      isAdmin: account.role === 'admin',
      isDemo: true,
      secretariatOf: account.partnership ? [idOf(ids.partnerships, account.partnership)] : [],
    })
    accountIds.push(user.id)
  }
  return accountIds
}

async function insertItem(
  tx: Db,
  meetingKey: MeetingKey,
  meetingId: string,
  parentItemId: string | null,
  position: number,
  item: DemoItem,
  itemIds: Map<string, string>,
): Promise<void> {
  const [row] = await tx
    .insert(agendaItems)
    .values({
      meetingId,
      parentItemId,
      position,
      kind: item.kind,
      title: item.title,
      description: item.description,
      minutes: item.minutes,
      minutesExcerpt: item.minutesExcerpt,
    })
    .returning({ id: agendaItems.id })
  const itemId = row!.id
  itemIds.set(`${meetingKey}:${item.ref}`, itemId)
  for (const [i, text] of item.decisions.entries()) {
    await tx.insert(decisions).values({ itemId, position: i, text })
  }
  for (const [i, paper] of item.papers.entries()) {
    const content = minimalPdf(paper.title, paper.lines)
    await tx.insert(documents).values({
      meetingId,
      itemId,
      position: i,
      title: paper.title,
      filename: paper.filename,
      mediaType: 'application/pdf',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      // The text the PDF shows, as upload extraction would store it, so search finds it.
      textContent: [paper.title, ...paper.lines].join('\n'),
      textStatus: 'extracted',
      pageCount: 1,
    })
  }
  for (const [i, sub] of item.subItems.entries()) {
    await insertItem(tx, meetingKey, meetingId, itemId, i, sub, itemIds)
  }
}

/**
 * A one-page PDF (1.4, Helvetica, A4) showing the given lines, with the title in its document information.
 * Text must be printable ASCII: that is all the standard font's encoding promises.
 */
export function minimalPdf(title: string, lines: readonly string[]): Buffer {
  const text = (s: string) => {
    if (!/^[\x20-\x7e]*$/.test(s)) throw new Error(`minimalPdf: not printable ASCII: ${s}`)
    return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`
  }
  const stream = ['BT', '/F1 12 Tf', '16 TL', '56 780 Td', ...lines.map((l) => `${text(l)} Tj T*`), 'ET'].join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${text(title)} /Producer (Joined Up demo) >>`,
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

function entries<K extends string, V>(record: Record<K, V>): [K, V][] {
  return Object.entries(record) as [K, V][]
}
