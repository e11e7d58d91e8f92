import { beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildPartnership, buildPerson, buildUser, TEST_PASSWORD } from '../../../test/support/builders.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { ActionSchema } from '../actions/actions.schemas.ts'
import { MembershipSchema } from '../structure/structure.schemas.ts'

/**
 * The audit log shows a secretariat the events of its partnerships: that works only if the use cases record
 * which partnership each event belongs to. A sample of them, one per kind of record, through the real services.
 */
const t = useTestApp()
let admin: CurrentUser
let chorley: string
let other: string

/** The partnership of the newest event of this name about this record. */
async function partnershipOf(event: string, subjectId: string): Promise<string | null | undefined> {
  const [row] = await t.db
    .select({ p: auditEvents.partnershipId })
    .from(auditEvents)
    .where(and(eq(auditEvents.event, event), eq(auditEvents.subjectId, subjectId)))
    .orderBy(desc(auditEvents.id))
    .limit(1)
  return row ? row.p : undefined
}

beforeAll(async () => {
  const user = await buildUser(t.db, { isAdmin: true })
  admin = { id: user.id, email: user.email, displayName: user.displayName, isAdmin: true, secretariatOf: [], memberOf: [] }
  chorley = (await buildPartnership(t.db, { name: 'Chorley Together' })).id
  other = (await buildPartnership(t.db, { name: 'Another Partnership' })).id
})

describe('audit events carry their partnership', () => {
  it('structure, meetings, actions and API tokens: the body’s partnership', async () => {
    const s = t.services
    const body = await s.structure.createBody({ userId: admin.id }, chorley, {
      name: 'Chorley Board',
      kind: 'board',
      regime: 'informal',
      numberingScheme: 'per_meeting',
      nextItemNumber: 1,
      noticeClearDays: 5,
      region: 'england-and-wales',
    })
    expect(await partnershipOf('body.created', body.id)).toBe(chorley)
    const person = await buildPerson(t.db, { fullName: 'Pat Member' })
    const seat = await s.structure.createMembership({ userId: admin.id, isAdmin: true, secretariatOf: [] }, body.id, MembershipSchema.parse({ personId: person.id, role: 'member' }))
    expect(await partnershipOf('membership.created', seat.id)).toBe(chorley)
    await s.structure.addPartner({ userId: admin.id }, chorley, (await s.structure.createOrganisation({ userId: admin.id }, { name: 'Chorley Council', type: 'council' })).id)
    expect(await partnershipOf('partnership.partner_added', chorley)).toBe(chorley)

    const meeting = await s.meetings.scheduleMeeting(admin, body.id, { date: '2027-02-10', startTime: '14:30', kind: 'ordinary' })
    expect(await partnershipOf('meeting.scheduled', meeting.id)).toBe(chorley)
    const item = await s.meetings.addItem(admin, meeting.id, { title: 'Welcome', isExempt: false })
    expect(await partnershipOf('agenda_item.added', item.id)).toBe(chorley)
    const action = await s.actions.createAction(admin, item.id, ActionSchema.parse({ description: 'Circulate the notes', groups: 'PMO' }))
    expect(await partnershipOf('action.recorded', action.id)).toBe(chorley)
    await s.actions.addUpdate(admin, action.id, { text: 'Started' })
    expect(await partnershipOf('action.updated', action.id)).toBe(chorley)

    const { token } = await s.api.tokens.createToken(admin, chorley, 'Website')
    expect(await partnershipOf('api_token.created', token.id)).toBe(chorley)
  })

  it('accounts: a role’s partnership; sign-ins, failed sign-ins and admin grants belong to none', async () => {
    const a = t.services.accounts
    const target = await buildUser(t.db, { email: 'target@example.org' })
    await a.grantRole(admin, target.id, { partnershipId: chorley, role: 'read_only' })
    expect(await partnershipOf('user.role_granted', target.id)).toBe(chorley)
    await a.removeRole(admin, target.id, { partnershipId: chorley, role: 'read_only' })
    expect(await partnershipOf('user.role_removed', target.id)).toBe(chorley)

    // Disabling an account whose roles are all in one partnership: that partnership's event.
    await a.grantRole(admin, target.id, { partnershipId: chorley, role: 'secretariat' })
    await a.setDisabled(admin, target.id, true)
    expect(await partnershipOf('user.disabled', target.id)).toBe(chorley)
    // With roles in two partnerships it is neither's alone: admins only.
    await a.grantRole(admin, target.id, { partnershipId: other, role: 'read_only' })
    await a.setDisabled(admin, target.id, false)
    expect(await partnershipOf('user.enabled', target.id)).toBeNull()

    const invited = await a.inviteUser(admin, { email: 'new.admin@example.org', displayName: 'New Admin', role: 'admin' })
    expect(await partnershipOf('user.invited', invited.userId)).toBeNull()
    expect(await partnershipOf('user.role_granted', invited.userId)).toBeNull()
    const sec = await a.inviteUser(admin, { email: 'new.sec@example.org', displayName: 'New Sec', role: 'secretariat', partnershipId: chorley })
    expect(await partnershipOf('user.invited', sec.userId)).toBe(chorley)

    const signer = await buildUser(t.db, { email: 'signer@example.org', secretariatOf: [chorley] })
    expect((await a.signIn(signer.email, TEST_PASSWORD, '10.0.0.9')).kind).toBe('signed_in')
    expect(await partnershipOf('user.signed_in', signer.id)).toBeNull()
    expect((await a.signIn(signer.email, 'not the password', '10.0.0.9')).kind).toBe('wrong')
    expect(await partnershipOf('user.sign_in_failed', signer.id)).toBeNull()
  })

  it('records a wrong current password on the change-password form, like a failed sign-in', async () => {
    const user = await buildUser(t.db, { email: 'changer@example.org' })
    const actor: CurrentUser = { id: user.id, email: user.email, displayName: user.displayName, isAdmin: false, secretariatOf: [], memberOf: [] }
    await expect(
      t.services.accounts.changePassword(actor, { currentPassword: 'wrong guess', password: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' }, { client: '10.0.0.7' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    const [row] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'user.password_change_failed'), eq(auditEvents.subjectId, user.id)))
    expect(row).toMatchObject({ actorUserId: user.id, partnershipId: null, data: { client: '10.0.0.7' } })
  })
})
