import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildPartnership, buildUser } from '../../../test/support/builders.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { notePeopleUse } from './person-use.ts'
import { personPartnerships } from './structure.tables.ts'

const t = useTestApp()

const usersOf = async (personId: string) =>
  (await t.db.select().from(personPartnerships).where(eq(personPartnerships.personId, personId)))
    .map((r) => r.partnershipId)
    .sort()

/** A secretariat of both partnerships, as the services see them. */
async function secretariatOf(...partnershipIds: string[]): Promise<CurrentUser> {
  const user = await buildUser(t.db, { secretariatOf: partnershipIds })
  return { id: user.id, email: user.email, displayName: user.displayName, isAdmin: false, secretariatOf: partnershipIds, memberOf: [] }
}

describe('structure records which partnerships use a person (issue 10)', () => {
  it('notes a use once, keeping the first date, and ignores blanks', async () => {
    const p = await buildPartnership(t.db)
    const person = await t.services.structure.createPerson(
      { userId: (await buildUser(t.db, { isAdmin: true })).id, isAdmin: true, secretariatOf: [] },
      { fullName: 'Noted Once', partnershipId: p.id },
    )
    const [first] = await t.db.select().from(personPartnerships).where(eq(personPartnerships.personId, person.id))
    await notePeopleUse([person.id, person.id, null, undefined], p.id, t.db)
    const rows = await t.db.select().from(personPartnerships).where(eq(personPartnerships.personId, person.id))
    expect(rows).toEqual([first])
  })

  it('a seat, attendance and an action owner in another partnership each make it a user of the person', async () => {
    const [a, b, c, d] = [await buildPartnership(t.db), await buildPartnership(t.db), await buildPartnership(t.db), await buildPartnership(t.db)]
    const user = await secretariatOf(a.id, b.id, c.id, d.id)
    const editor = { userId: user.id, isAdmin: false, secretariatOf: user.secretariatOf }
    const person = await t.services.structure.createPerson(editor, { fullName: 'Sam Shared', partnershipId: a.id })
    expect(await usersOf(person.id)).toEqual([a.id])

    // A seat on a body of B.
    await t.services.structure.createMembership(editor, (await buildBody(t.db, { partnershipId: b.id })).id, { personId: person.id, role: 'member' })
    expect(await usersOf(person.id)).toEqual([a.id, b.id].sort())

    // In attendance at a meeting of C.
    const meetingC = await buildMeeting(t.db, { bodyId: (await buildBody(t.db, { partnershipId: c.id })).id, date: '2025-06-10' }, 'agendaPublished')
    await t.services.minutes.recordAttendance(meetingC.id, user, { version: meetingC.version, members: [], others: [{ personId: person.id }] })
    expect(await usersOf(person.id)).toEqual([a.id, b.id, c.id].sort())

    // The owner of an action of D.
    const itemD = await buildAgendaItem(t.db, { meetingId: (await buildMeeting(t.db, { bodyId: (await buildBody(t.db, { partnershipId: d.id })).id })).id })
    await t.services.actions.createAction(user, itemD.id, { description: 'Share the plan', personIds: [person.id], organisationIds: [], groups: [] })
    expect(await usersOf(person.id)).toEqual([a.id, b.id, c.id, d.id].sort())
  })

  it('refuses, in the service too, a person the editor may not choose', async () => {
    const [mine, theirs] = [await buildPartnership(t.db), await buildPartnership(t.db)]
    const admin = { userId: (await buildUser(t.db, { isAdmin: true })).id, isAdmin: true, secretariatOf: [] }
    const theirPerson = await t.services.structure.createPerson(admin, { fullName: 'Theirs Only', partnershipId: theirs.id })
    const user = await secretariatOf(mine.id)
    const editor = { userId: user.id, isAdmin: false, secretariatOf: [mine.id] }
    const body = await buildBody(t.db, { partnershipId: mine.id })
    await expect(t.services.structure.createMembership(editor, body.id, { personId: theirPerson.id, role: 'member' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { personId: 'Select a person from the list' },
    })
    const item = await buildAgendaItem(t.db, { meetingId: (await buildMeeting(t.db, { bodyId: body.id })).id })
    await expect(
      t.services.actions.createAction(user, item.id, { description: 'x', personIds: [theirPerson.id], organisationIds: [], groups: [] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(t.services.structure.createPerson(editor, { fullName: 'For Them', partnershipId: theirs.id })).rejects.toMatchObject({
      fieldErrors: { partnershipId: 'Select a partnership you manage' },
    })
    expect(await usersOf(theirPerson.id)).toEqual([theirs.id])
    expect((await t.services.structure.personOptions([mine.id])).map((p) => p.id)).not.toContain(theirPerson.id)
    expect((await t.services.structure.personOptions(null)).map((p) => p.id)).toContain(theirPerson.id)
  })
})
