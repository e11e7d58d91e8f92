import { beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { addPartner, buildBody, buildMembership, buildOrganisation, buildPartnership, buildPerson, buildUser } from '../../../test/support/builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { auditEvents } from '../../platform/audit/audit.tables.ts'
import type { MailMessage } from '../../platform/mail/mailer.ts'

const t = useTestApp({ publicUrl: 'http://localhost' })

const ids = { chorley: '', glos: '', org: '', otherOrg: '', chorleyUser: '', person: '' }
let admin: Agent
let chorleySec: Agent
let glosSec: Agent

beforeAll(async () => {
  ids.chorley = (await buildPartnership(t.db, { name: 'Chorley Together' })).id
  ids.glos = (await buildPartnership(t.db, { name: 'Gloucestershire Partnership' })).id
  ids.org = (await buildOrganisation(t.db, { name: 'Chorley Council' })).id
  ids.otherOrg = (await buildOrganisation(t.db, { name: 'Not A Partner' })).id
  await addPartner(t.db, ids.chorley, ids.org)
  ids.chorleyUser = (await buildUser(t.db, { secretariatOf: [ids.chorley], displayName: 'Chorley Officer' })).id
  const body = await buildBody(t.db, { partnershipId: ids.chorley })
  ids.person = (await buildPerson(t.db, { fullName: 'Pat Member' })).id
  await buildMembership(t.db, { bodyId: body.id, personId: ids.person })
  admin = await signedInAgent(t.app, t.services, { isAdmin: true })
  chorleySec = await signedInAgent(t.app, t.services, { secretariatOf: [ids.chorley] })
  glosSec = await signedInAgent(t.app, t.services, { secretariatOf: [ids.glos] })
})

const sent = (): MailMessage[] => t.services.mailer.sent ?? []
const linkTo = (email: string) => /http:\/\/localhost(\/account\/set-password\/[\w-]{43})/.exec(sent().filter((m) => m.to === email).at(-1)?.text ?? '')?.[1]
const userIdFrom = (res: Response) => /\/manage\/users\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')![1]!

describe('access to people management', () => {
  const pages = () => ['/manage/users', '/manage/users/invite', `/manage/users/${ids.chorleyUser}`]
  it('sends anonymous visitors to sign in, and gives JSON callers 401', async () => {
    for (const path of pages()) {
      const res = await t.app.request(`http://localhost${path}`)
      expect(res.status, path).toBe(302)
      expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`)
      expect((await t.app.request(`http://localhost${path}`, { headers: { accept: 'application/json' } })).status).toBe(401)
    }
    const anon = new Agent(t.app)
    await anon.get('/sign-in')
    const posts = ['invite', 'roles', 'roles/remove', 'disable', 'enable', 'person', 'invite-again'].map((p) => (p === 'invite' ? '/manage/users/invite' : `/manage/users/${ids.chorleyUser}/${p}`))
    for (const path of posts) {
      expect((await anon.post(path, {})).status, path).toBe(401)
    }
  })

  it('refuses another partnership’s secretariat with 403 and a signed-in member with no role with 403', async () => {
    expect((await glosSec.get(`/manage/users/${ids.chorleyUser}`)).status).toBe(403)
    expect((await glosSec.post(`/manage/users/${ids.chorleyUser}/roles`, { role: 'read_only', partnershipId: ids.chorley })).status).toBe(403)
    expect((await glosSec.post(`/manage/users/${ids.chorleyUser}/roles/remove`, { role: 'secretariat', partnershipId: ids.chorley })).status).toBe(403)
    expect((await glosSec.post(`/manage/users/${ids.chorleyUser}/disable`)).status).toBe(403)
    expect((await glosSec.post(`/manage/users/${ids.chorleyUser}/enable`)).status).toBe(403)
    expect((await glosSec.post(`/manage/users/${ids.chorleyUser}/invite-again`)).status).toBe(403)
    expect((await glosSec.post(`/manage/users/${ids.chorleyUser}/person`, { personId: ids.person })).status).toBe(403)
    expect((await glosSec.post('/manage/users/invite', { email: 'x@example.org', displayName: 'X', role: 'read_only', partnershipId: ids.chorley })).status).toBe(403)
    const list = await (await glosSec.get('/manage/users')).text()
    expect(list).not.toContain('Chorley Officer')
    const member = await signedInAgent(t.app, t.services, { personId: ids.person })
    expect((await member.get('/manage/users')).status).toBe(403)
  })

  it('never lets a secretariat grant more than it holds: no admins', async () => {
    const res = await chorleySec.post('/manage/users/invite', { email: 'would-be-admin@example.org', displayName: 'Would Be', role: 'admin' })
    expect(res.status).toBe(403)
    expect(await (await chorleySec.get('/manage/users/invite')).text()).not.toContain('value="admin"')
    expect(await (await admin.get('/manage/users/invite')).text()).toContain('value="admin"')
  })
})

describe('inviting and roles', () => {
  it('an admin invites a secretariat, who sets a password from the email and can manage the partnership', async () => {
    await admin.get('/manage/users/invite')
    const res = await admin.post('/manage/users/invite', { email: 'new.sec@example.org', displayName: 'New Sec', role: 'secretariat', partnershipId: ids.chorley })
    expect(res.status).toBe(303)
    const userId = userIdFrom(res)
    const page = await (await admin.get(`/manage/users/${userId}`)).text()
    expect(page).toContain('Invitation sent to new.sec@example.org')
    expect(page).toContain('Secretariat, Chorley Together')
    expect(page).toContain('Invited')
    const path = linkTo('new.sec@example.org')!
    const invitee = new Agent(t.app)
    await invitee.get(path)
    expect((await invitee.post(path, { password: 'otter lamp biscuit', confirmPassword: 'otter lamp biscuit' })).status).toBe(303)
    await invitee.signIn('new.sec@example.org', 'otter lamp biscuit')
    expect((await invitee.get(`/manage/partnerships/${ids.chorley}`)).status).toBe(200)
    const list = await (await chorleySec.get('/manage/users')).text()
    expect(list).toContain('New Sec')
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, userId))
    expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(['user.invited', 'user.role_granted', 'user.password_set', 'user.signed_in']))
  })

  it('shows field errors and keeps what was typed', async () => {
    await chorleySec.get('/manage/users/invite')
    const res = await chorleySec.post('/manage/users/invite', { email: 'not-an-email', displayName: 'Kept Name', role: '' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expectFormErrors(html, ['email', 'role'], ['value="Kept Name"'])
    const noPartnership = await chorleySec.post('/manage/users/invite', { email: 'a@example.org', displayName: 'A', role: 'read_only' })
    expect(noPartnership.status).toBe(400)
    expect(await noPartnership.text()).toContain('Select a partnership')
  })

  it('a data provider needs an organisation of that partnership', async () => {
    await chorleySec.get('/manage/users/invite')
    const wrong = await chorleySec.post('/manage/users/invite', { email: 'dp@example.org', displayName: 'Data Person', role: 'data_provider', partnershipId: ids.chorley, organisationId: ids.otherOrg })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Select an organisation of this partnership')
    const ok = await chorleySec.post('/manage/users/invite', { email: 'dp@example.org', displayName: 'Data Person', role: 'data_provider', partnershipId: ids.chorley, organisationId: ids.org })
    expect(ok.status).toBe(303)
    expect(await (await chorleySec.get(ok.headers.get('location')!)).text()).toContain('Data provider for Chorley Council, Chorley Together')
  })

  it('a role change rotates the user’s session id and takes effect at once; removing it too', async () => {
    const user = await buildUser(t.db)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const before = agent.cookies.get('ju_session')!
    expect((await agent.get(`/manage/partnerships/${ids.chorley}`)).status).toBe(403)
    const grant = await admin.post(`/manage/users/${user.id}/roles`, { role: 'secretariat', partnershipId: ids.chorley })
    expect(grant.status).toBe(303)
    expect((await agent.get(`/manage/partnerships/${ids.chorley}`)).status).toBe(200)
    const after = agent.cookies.get('ju_session')!
    expect(after).not.toBe(before)
    const replay = new Agent(t.app)
    replay.cookies.set('ju_session', before)
    expect((await replay.get('/manage')).status).toBe(302)
    const remove = await chorleySec.post(`/manage/users/${user.id}/roles/remove`, { role: 'secretariat', partnershipId: ids.chorley })
    expect(remove.status).toBe(303)
    expect((await agent.get(`/manage/partnerships/${ids.chorley}`)).status).toBe(403)
    expect(agent.cookies.get('ju_session')).not.toBe(after)
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id)))
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['user.role_granted', 'user.role_removed']))
  })
})

describe('disabling and person links', () => {
  it('disabling ends every session at once; re-enabling lets them sign in again', async () => {
    const user = await buildUser(t.db, { secretariatOf: [ids.chorley] })
    const a = new Agent(t.app)
    const b = new Agent(t.app)
    await a.signIn(user.email)
    await b.signIn(user.email)
    await chorleySec.get(`/manage/users/${user.id}`)
    expect((await chorleySec.post(`/manage/users/${user.id}/disable`)).status).toBe(303)
    expect((await a.get('/manage')).status).toBe(302)
    expect((await b.get('/manage')).status).toBe(302)
    expect(await (await chorleySec.get('/manage/users')).text()).toContain('Disabled')
    expect((await chorleySec.post(`/manage/users/${user.id}/enable`)).status).toBe(303)
    await a.signIn(user.email)
  })

  it('a secretariat cannot disable an account that also works for another partnership, nor its own', async () => {
    const shared = await buildUser(t.db, { secretariatOf: [ids.chorley, ids.glos] })
    expect((await chorleySec.post(`/manage/users/${shared.id}/disable`)).status).toBe(403)
    expect((await admin.post(`/manage/users/${shared.id}/disable`)).status).toBe(303)
  })

  it('links an account to a person record, whose seats then give member access', async () => {
    const user = await buildUser(t.db, { secretariatOf: [ids.chorley] })
    const res = await chorleySec.post(`/manage/users/${user.id}/person`, { personId: ids.person })
    expect(res.status).toBe(303)
    const current = await t.services.accounts.currentUser(user.id)
    expect(current!.memberOf).toHaveLength(1)
    const stranger = await buildPerson(t.db)
    const refused = await chorleySec.post(`/manage/users/${user.id}/person`, { personId: stranger.id })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Select a person from the list')
  })
})
