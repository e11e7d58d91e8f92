import { beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import {
  buildBody,
  buildMembership,
  buildOrganisation,
  buildPartnership,
  buildPerson,
  buildUser,
} from '../../../test/support/builders.ts'
import { structureRepository } from './structure.repository.ts'
import { structureService, type StructureService } from './structure.service.ts'
import type { BodyInput } from './structure.schemas.ts'

const t = useTestDb()
let structure: StructureService
let actor: { userId: string }

beforeAll(async () => {
  structure = structureService(t.db, structureRepository(t.db))
  actor = { userId: (await buildUser(t.db, { isAdmin: true })).id }
})

const bodyInput = (values: Partial<BodyInput> = {}): BodyInput => ({
  name: 'Board',
  kind: 'board',
  regime: 'informal',
  numberingScheme: 'per_meeting',
  nextItemNumber: 1,
  noticeClearDays: 5,
  region: 'england-and-wales',
  ...values,
})

/** The admin as a partnership editor (attaching under a parent depends on what the user manages). */
const editor = () => ({ ...actor, isAdmin: true, secretariatOf: [] as string[] })
const partnershipVersion = async (id: string) => (await structure.getPartnership(id)).version

const fieldError = (field: string) => ({ code: 'VALIDATION', fieldErrors: { [field]: expect.any(String) } })

describe('bodies and accountability', () => {
  it('creates a body with a unique slug, in one transaction with its audit event', async () => {
    const partnership = await buildPartnership(t.db, { name: 'Slug Test Partnership', slug: 'slug-test' })
    const first = await structure.createBody(actor, partnership.id, bodyInput({ name: 'Slug Test Board' }))
    const second = await structure.createBody(actor, partnership.id, bodyInput({ name: 'Slug Test Board' }))
    const third = await structure.createBody(actor, partnership.id, bodyInput({ name: 'Slug Test Board' }))
    expect(first.slug).toBe('slug-test-board')
    expect(second.slug).toBe('slug-test-slug-test-board')
    expect(third.slug).toBe('slug-test-board-2')
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, first.id), eq(auditEvents.event, 'body.created')))
    expect(audit).toMatchObject({ actorUserId: actor.userId, subjectType: 'body' })
  })

  it('refuses an accountability loop, a body accountable to itself and a body of another partnership', async () => {
    const partnership = await buildPartnership(t.db)
    const board = await structure.createBody(actor, partnership.id, bodyInput({ name: 'Loop Board' }))
    const exec = await structure.createBody(actor, partnership.id, bodyInput({ name: 'Loop Executive', accountableToBodyId: board.id }))
    const group = await structure.createBody(actor, partnership.id, bodyInput({ name: 'Loop Group', accountableToBodyId: exec.id }))

    await expect(
      structure.updateBody(actor, board.id, { ...bodyInput({ name: 'Loop Board', accountableToBodyId: group.id }), version: board.version }),
    ).rejects.toMatchObject(fieldError('accountableToBodyId'))
    await expect(
      structure.updateBody(actor, board.id, { ...bodyInput({ name: 'Loop Board', accountableToBodyId: board.id }), version: board.version }),
    ).rejects.toMatchObject(fieldError('accountableToBodyId'))
    const elsewhere = await buildBody(t.db)
    await expect(
      structure.createBody(actor, partnership.id, bodyInput({ name: 'Stray', accountableToBodyId: elsewhere.id })),
    ).rejects.toMatchObject(fieldError('accountableToBodyId'))

    // A legal move is fine: the group reports straight to the board.
    const moved = await structure.updateBody(actor, group.id, {
      ...bodyInput({ name: 'Loop Group', accountableToBodyId: board.id }),
      version: group.version,
    })
    expect(moved.accountableToBodyId).toBe(board.id)
    expect(moved.version).toBe(group.version + 1)
  })

  it('refuses a stale version with a conflict', async () => {
    const body = await buildBody(t.db)
    await structure.updateBody(actor, body.id, { ...bodyInput({ name: 'First save' }), version: body.version })
    await expect(
      structure.updateBody(actor, body.id, { ...bodyInput({ name: 'Second save' }), version: body.version }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await structure.getBody(body.id)).name).toBe('First save')
  })
})

describe('partnerships', () => {
  it('makes unique slugs from the name', async () => {
    const a = await structure.createPartnership(actor, { name: 'Chorley Public Service Reform Partnership' })
    const b = await structure.createPartnership(actor, { name: 'Chorley Public Service Reform Partnership' })
    expect(a.slug).toBe('chorley-public-service-reform-partnership')
    expect(b.slug).toBe('chorley-public-service-reform-partnership-2')
  })

  it('refuses a parent that is the partnership itself or one of its descendants', async () => {
    const top = await structure.createPartnership(actor, { name: 'Gloucestershire Conference' })
    const middle = await structure.createPartnership(actor, { name: 'GSP', parentPartnershipId: top.id })
    const bottom = await structure.createPartnership(actor, { name: 'Thematic', parentPartnershipId: middle.id })
    await expect(
      structure.updatePartnership(editor(), top.id, { name: top.name, parentPartnershipId: bottom.id, version: top.version }),
    ).rejects.toMatchObject(fieldError('parentPartnershipId'))
    await expect(
      structure.updatePartnership(editor(), top.id, { name: top.name, parentPartnershipId: top.id, version: top.version }),
    ).rejects.toMatchObject(fieldError('parentPartnershipId'))
    const options = await structure.parentPartnershipOptions(top.id)
    expect(options.map((o) => o.id)).not.toContain(bottom.id)
    expect(options.map((o) => o.id)).not.toContain(top.id)
  })

  it('keeps partners in order and refuses a duplicate', async () => {
    const partnership = await buildPartnership(t.db)
    const [a, b, c] = await Promise.all([buildOrganisation(t.db), buildOrganisation(t.db), buildOrganisation(t.db)])
    for (const org of [a, b, c]) await structure.addPartner(actor, partnership.id, org.id)
    await expect(structure.addPartner(actor, partnership.id, a.id)).rejects.toMatchObject(fieldError('organisationId'))
    await structure.movePartner(actor, partnership.id, c.id, { direction: 'up', version: await partnershipVersion(partnership.id) })
    expect((await structure.partnersOf(partnership.id)).map((p) => p.id)).toEqual([a.id, c.id, b.id])
    await structure.removePartner(actor, partnership.id, a.id, await partnershipVersion(partnership.id))
    expect((await structure.partnersOf(partnership.id)).map((p) => p.id)).toEqual([c.id, b.id])
  })
})

describe('partnership rules that depend on the user', () => {
  it("a secretariat may attach their partnership only under one they also manage; the current parent may stay", async () => {
    const mine = await buildPartnership(t.db)
    const theirs = await buildPartnership(t.db)
    const alsoMine = await buildPartnership(t.db)
    const sec = { ...actor, isAdmin: false, secretariatOf: [mine.id, alsoMine.id] }
    await expect(
      structure.updatePartnership(sec, mine.id, { name: mine.name, parentPartnershipId: theirs.id, version: 1 }),
    ).rejects.toMatchObject(fieldError('parentPartnershipId'))
    expect((await structure.getPartnership(mine.id)).parentPartnershipId).toBeNull()
    await structure.updatePartnership(sec, mine.id, { name: mine.name, parentPartnershipId: alsoMine.id, version: 1 })
    await structure.updatePartnership(editor(), mine.id, { name: mine.name, parentPartnershipId: theirs.id, version: 2 })
    const renamed = await structure.updatePartnership(sec, mine.id, { name: 'Renamed', parentPartnershipId: theirs.id, version: 3 })
    expect(renamed).toMatchObject({ name: 'Renamed', parentPartnershipId: theirs.id })
  })

  it('removing or moving a partner checks the partnership version; a stale one changes nothing', async () => {
    const partnership = await buildPartnership(t.db)
    const [a, b] = [await buildOrganisation(t.db), await buildOrganisation(t.db)]
    await structure.addPartner(actor, partnership.id, a.id)
    await structure.addPartner(actor, partnership.id, b.id)
    const version = await partnershipVersion(partnership.id)
    expect(version).toBe(3)
    await expect(structure.removePartner(actor, partnership.id, a.id, version - 1)).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(structure.movePartner(actor, partnership.id, b.id, { direction: 'up', version: version - 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect((await structure.partnersOf(partnership.id)).map((p) => p.id)).toEqual([a.id, b.id])
    expect(await partnershipVersion(partnership.id)).toBe(version)
    await structure.removePartner(actor, partnership.id, a.id, version)
    expect((await structure.partnersOf(partnership.id)).map((p) => p.id)).toEqual([b.id])
  })
})

describe('memberships', () => {
  it('requires a deputy to stand in for a member of the same body, and only a deputy', async () => {
    const body = await buildBody(t.db)
    const principal = await buildMembership(t.db, { bodyId: body.id, role: 'member' })
    const other = await buildMembership(t.db, { role: 'member' })
    const person = await buildPerson(t.db)

    await expect(structure.createMembership(editor(), body.id, { personId: person.id, role: 'deputy' })).rejects.toMatchObject(
      fieldError('deputyForMembershipId'),
    )
    await expect(
      structure.createMembership(editor(), body.id, { personId: person.id, role: 'member', deputyForMembershipId: principal.id }),
    ).rejects.toMatchObject(fieldError('deputyForMembershipId'))
    await expect(
      structure.createMembership(editor(), body.id, { personId: person.id, role: 'deputy', deputyForMembershipId: other.id }),
    ).rejects.toMatchObject(fieldError('deputyForMembershipId'))

    const deputy = await structure.createMembership(editor(), body.id, {
      personId: person.id,
      role: 'deputy',
      deputyForMembershipId: principal.id,
    })
    expect(deputy.deputyForMembershipId).toBe(principal.id)
  })

  it('refuses an end date before the start date, on create, edit and end', async () => {
    const body = await buildBody(t.db)
    const person = await buildPerson(t.db)
    await expect(
      structure.createMembership(editor(), body.id, { personId: person.id, role: 'member', startsOn: '2026-04-01', endsOn: '2026-03-31' }),
    ).rejects.toMatchObject(fieldError('endsOn'))
    const seat = await structure.createMembership(editor(), body.id, { personId: person.id, role: 'chair', startsOn: '2026-04-01' })
    await expect(
      structure.updateMembership(editor(), seat.id, {
        personId: person.id,
        role: 'chair',
        startsOn: '2026-04-01',
        endsOn: '2025-01-01',
        version: seat.version,
      }),
    ).rejects.toMatchObject(fieldError('endsOn'))
    await expect(structure.endMembership(actor, seat.id, { endsOn: '2026-03-01', version: seat.version })).rejects.toMatchObject(
      fieldError('endsOn'),
    )
    const ended = await structure.endMembership(actor, seat.id, { endsOn: '2027-03-31', version: seat.version })
    expect(ended.endsOn).toBe('2027-03-31')
  })

  it("seats a member on behalf of their own organisation unless another is chosen", async () => {
    const org = await buildOrganisation(t.db)
    const person = await buildPerson(t.db, { organisationId: org.id })
    const seat = await structure.createMembership(editor(), (await buildBody(t.db)).id, { personId: person.id, role: 'member' })
    expect(seat.onBehalfOfOrganisationId).toBe(org.id)
  })

  it('turns an unknown person into a field error, not a database error', async () => {
    const body = await buildBody(t.db)
    await expect(
      structure.createMembership(editor(), body.id, { personId: '00000000-0000-4000-8000-000000000000', role: 'member' }),
    ).rejects.toMatchObject(fieldError('personId'))
  })
})
