import type { Db } from '../../../src/platform/db/client.ts'
import { addPartner, buildBody, buildMembership, buildPartnership, buildPerson } from '../builders.ts'

type PartnershipValues = NonNullable<Parameters<typeof buildPartnership>[1]>
type BodyValues = NonNullable<Parameters<typeof buildBody>[1]>
type PersonValues = NonNullable<Parameters<typeof buildPerson>[1]>
type MembershipValues = NonNullable<Parameters<typeof buildMembership>[1]>

/** One person to seat on the body: their details, and the seat (role, dates, on behalf of...). */
export type MemberSpec = { person?: PersonValues; seat?: Omit<MembershipValues, 'bodyId' | 'personId'> }

/**
 * A partnership with one body and its members: the partnership (with the given partner organisations, in order),
 * the body in it, and a person and a membership for each member, in the order given.
 */
export async function buildPartnershipBody(
  db: Db,
  opts: {
    partnership?: PartnershipValues
    partnerIds?: readonly string[]
    body?: Omit<BodyValues, 'partnershipId'>
    members?: readonly MemberSpec[]
  } = {},
) {
  const partnership = await buildPartnership(db, opts.partnership)
  for (const [position, organisationId] of (opts.partnerIds ?? []).entries()) await addPartner(db, partnership.id, organisationId, position)
  const body = await buildBody(db, { ...opts.body, partnershipId: partnership.id })
  const members = []
  for (const m of opts.members ?? []) {
    const person = await buildPerson(db, m.person)
    await buildMembership(db, { ...m.seat, bodyId: body.id, personId: person.id })
    members.push(person)
  }
  return { partnership, body, members }
}
