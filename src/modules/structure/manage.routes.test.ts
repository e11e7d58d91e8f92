import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import {
  addPartner,
  buildBody,
  buildMeeting,
  buildMembership,
  buildOrganisation,
  buildPartnership,
  buildPerson,
} from '../../../test/support/builders.ts'
import { buildPartnershipBody } from '../../../test/support/scenarios/partnership-body.ts'
import { bodies, memberships, organisations, partnerships } from './structure.tables.ts'
import { structurePaths as paths } from './structure.paths.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'
import { importerPaths } from '../importer/importer.paths.ts'
import { apiPaths } from '../api/api.paths.ts'

const t = useTestApp()

const admin = () => signedInAgent(t.app, t.services, { isAdmin: true })
const secretariat = (partnershipId: string) => signedInAgent(t.app, t.services, { secretariatOf: [partnershipId] })

/** Fetch a form page (for its CSRF token) and post to it. */
async function submit(agent: Agent, path: string, fields: Record<string, string>) {
  await agent.get(path)
  const res = await agent.post(path, fields)
  return { res, status: res.status, location: res.headers.get('location'), html: res.headers.get('location') ? '' : await res.text() }
}

const bodyFields = (values: Record<string, string> = {}) => ({
  name: 'Implementation Group',
  kind: 'implementation_group',
  regime: 'informal',
  numberingScheme: 'per_meeting',
  nextItemNumber: '1',
  noticeClearDays: '5',
  region: 'england-and-wales',
  ...values,
})

describe('the public and non-staff are kept out', () => {
  it('redirects page requests to sign in and refuses a form post with 401', async () => {
    const { partnership, body } = await buildPartnershipBody(t.db)
    for (const path of [
      paths.manage.organisations(),
      paths.manage.newPerson(),
      paths.manage.partnership(partnership.id),
      paths.manage.body(body.id),
      paths.manage.newMembership(body.id),
    ]) {
      const res = await new Agent(t.app).get(path)
      expect(res.status, path).toBe(302)
      expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`)
    }
    const anon = new Agent(t.app)
    await anon.get('/')
    expect((await anon.post(paths.manage.newOrganisation(), { name: 'X', type: 'council' })).status).toBe(401)
  })

  it('refuses the shared registers to a signed-in user who is not staff', async () => {
    const member = await signedInAgent(t.app, t.services, {})
    expect((await member.get(paths.manage.organisations())).status).toBe(403)
    expect((await member.get(paths.manage.people())).status).toBe(403)
  })
})

describe('dashboard', () => {
  it('lists only the partnerships a secretariat manages; an admin sees all and may create one', async () => {
    const mine = await buildPartnership(t.db, { name: 'Mine Partnership' })
    await buildPartnership(t.db, { name: 'Theirs Partnership' })
    const sec = await secretariat(mine.id)
    const html = await (await sec.get('/manage')).text()
    expect(html).toContain('Mine Partnership')
    expect(html).not.toContain('Theirs Partnership')
    expect(html).not.toContain('Create a partnership')
    expect(html).toContain(`href="${paths.manage.organisations()}"`)
    const adminHtml = await (await (await admin()).get('/manage')).text()
    expect(adminHtml).toContain('Theirs Partnership')
    expect(adminHtml).toContain('Create a partnership')
  })
})

describe('organisations', () => {
  it('creates, lists with pagination and edits an organisation', async () => {
    const agent = await secretariat((await buildPartnership(t.db)).id)
    const created = await submit(agent, paths.manage.newOrganisation(), {
      name: 'Aardvark Voluntary Network',
      shortName: 'AVN',
      type: 'voluntary_sector',
      website: 'https://avn.example.org',
    })
    expect(created.status).toBe(303)
    expect(created.location).toBe(paths.manage.organisations())
    const list = await (await agent.get(paths.manage.organisations())).text()
    expect(list).toContain('Aardvark Voluntary Network added')
    expect(list).toContain('Voluntary sector')

    for (let i = 0; i < 26; i++) await buildOrganisation(t.db, { name: `Zulu Org ${String(i).padStart(2, '0')}` })
    const first = await (await agent.get(paths.manage.organisations())).text()
    expect(first).toContain('govuk-pagination')
    expect(first).toContain('href="/manage/organisations?page=2"')
    expect((first.match(/<tr class="govuk-table__row">/g) ?? []).length).toBe(26) // header + 25

    const [row] = await t.db.select().from(organisations).where(eq(organisations.name, 'Aardvark Voluntary Network'))
    const edited = await submit(agent, paths.manage.editOrganisation(row!.id), {
      name: 'Aardvark VCFS Network',
      type: 'voluntary_sector',
      version: String(row!.version),
    })
    expect(edited.status).toBe(303)
  })

  it('re-shows the form with 400, the errors and what was typed', async () => {
    const agent = await admin()
    const { status, html } = await submit(agent, paths.manage.newOrganisation(), { name: '', shortName: 'KEEP', type: '', website: 'not a url' })
    expect(status).toBe(400)
    expectFormErrors(html, ['name'], [
      'Enter the organisation name',
      'Select the type of organisation',
      'Enter a website address in the correct format',
      'value="KEEP"',
      'value="not a url"',
    ])
  })

  it('refuses a stale version with 409, keeping the input and giving the new version', async () => {
    const org = await buildOrganisation(t.db, { name: 'Stale Org' })
    const agent = await admin()
    const path = paths.manage.editOrganisation(org.id)
    expect((await submit(agent, path, { name: 'First edit', type: 'nhs', version: '1' })).status).toBe(303)
    const { status, html } = await submit(agent, path, { name: 'My late edit', type: 'nhs', version: '1' })
    expect(status).toBe(409)
    expectFormErrors(html, [], ['changed this since you opened it', 'value="My late edit"', 'name="version" value="2"'])
  })
})

describe('people', () => {
  it('creates a person with private contact details and finds them by name', async () => {
    const agent = await admin()
    const org = await buildOrganisation(t.db, { name: 'Lancashire Fire and Rescue' })
    const partnership = await buildPartnership(t.db)
    const created = await submit(agent, paths.manage.newPerson(), {
      partnershipId: partnership.id,
      honorific: 'Dr',
      fullName: 'Quentin Searchable',
      jobTitle: 'Director',
      organisationId: org.id,
      email: 'quentin@example.org',
      phone: '01632 960 002',
    })
    expect(created.status).toBe(303)
    const found = await (await agent.get(`${paths.manage.people()}?q=searchab`)).text()
    expect(found).toContain('Dr Quentin Searchable')
    expect(found).toContain('Lancashire Fire and Rescue')
    const none = await (await agent.get(`${paths.manage.people()}?q=${encodeURIComponent('%_nobody')}`)).text()
    expect(none).not.toContain('Quentin')
  })

  it('re-shows a bad email with 400 and keeps the input; a stale edit gets 409', async () => {
    const agent = await admin()
    const bad = await submit(agent, paths.manage.newPerson(), { fullName: 'Kept Name', email: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.html).toContain('href="#email"')
    expect(bad.html).toContain('value="Kept Name"')
    const person = await buildPerson(t.db)
    const path = paths.manage.editPerson(person.id)
    expect((await submit(agent, path, { fullName: 'One', version: '1' })).status).toBe(303)
    const stale = await submit(agent, path, { fullName: 'Two', version: '1' })
    expect(stale.status).toBe(409)
    expect(stale.html).toContain('value="Two"')
  })

  it('returns to the membership form with the new person chosen', async () => {
    const { partnership, body } = await buildPartnershipBody(t.db)
    const agent = await secretariat(partnership.id)
    const back = paths.manage.newMembership(body.id)
    const formPath = `${paths.manage.newPerson()}?returnTo=${encodeURIComponent(back)}`
    // A secretariat of one partnership adds people for it: the form says so rather than asking.
    const page = await (await agent.get(formPath)).text()
    expect(page).toContain(`You are adding this person for ${partnership.name}`)
    expect(page).toContain(`name="partnershipId" value="${partnership.id}"`)
    const res = await submit(agent, formPath, { fullName: 'Brand New', returnTo: back, partnershipId: partnership.id })
    expect(res.status).toBe(303)
    expect(res.location).toMatch(new RegExp(`^${back}\\?personId=`))
    const form = await (await agent.get(res.location!)).text()
    expect(form).toMatch(/<option value="[^"]+" selected>Brand New<\/option>/)
  })
})

describe('partnerships', () => {
  it('lets an admin create a partnership with a slug made from its name; a secretariat may not', async () => {
    const agent = await admin()
    const res = await submit(agent, paths.manage.newPartnership(), { name: 'Salford Partnership', summary: 'Salford' })
    expect(res.status).toBe(303)
    const [row] = await t.db.select().from(partnerships).where(eq(partnerships.name, 'Salford Partnership'))
    expect(row!.slug).toBe('salford-partnership')
    expect(res.location).toBe(paths.manage.partnership(row!.id))

    const sec = await secretariat(row!.id)
    // The partnership page leads to its import and API token pages.
    const page = await (await sec.get(paths.manage.partnership(row!.id))).text()
    expect(page).toContain(`href="/manage/partnerships/${row!.id}/import"`)
    expect(page).toContain(`href="/manage/partnerships/${row!.id}/api-tokens"`)
    expect((await sec.get(paths.manage.newPartnership())).status).toBe(403)
    expect((await sec.post(paths.manage.newPartnership(), { name: 'Sneaky' })).status).toBe(403)
  })

  it("lets a partnership's secretariat edit it, refuses another secretariat, and catches a stale version", async () => {
    const partnership = await buildPartnership(t.db, { name: 'Editable' })
    const other = await buildPartnership(t.db)
    const path = paths.manage.editPartnership(partnership.id)
    const sec = await secretariat(partnership.id)
    const ok = await submit(sec, path, { name: 'Edited', purpose: 'A purpose', version: '1' })
    expect(ok.status).toBe(303)

    const stranger = await secretariat(other.id)
    expect((await stranger.get(path)).status).toBe(403)
    expect((await stranger.get(paths.manage.partnership(partnership.id))).status).toBe(403)
    await stranger.get('/manage')
    expect((await stranger.post(path, { name: 'Hijack', version: '2' })).status).toBe(403)

    const stale = await submit(sec, path, { name: 'Late', version: '1' })
    expect(stale.status).toBe(409)
    expect(stale.html).toContain('changed this since you opened it')
    expect(stale.html).toContain('value="Late"')

    const bad = await submit(sec, path, { name: '', version: '2' })
    expect(bad.status).toBe(400)
  })

  it('does not offer itself or a descendant as parent, and refuses one posted anyway', async () => {
    const top = await buildPartnership(t.db, { name: 'Top P' })
    const child = await buildPartnership(t.db, { name: 'Child P', parentPartnershipId: top.id })
    const agent = await admin()
    const form = await (await agent.get(paths.manage.editPartnership(top.id))).text()
    expect(form).not.toContain(`value="${child.id}"`)
    const res = await submit(agent, paths.manage.editPartnership(top.id), { name: 'Top P', parentPartnershipId: child.id, version: '1' })
    expect(res.status).toBe(400)
    expect(res.html).toContain('href="#parentPartnershipId"')
  })

  it('adds, orders and removes partner organisations', async () => {
    const partnership = await buildPartnership(t.db)
    const [a, b] = [await buildOrganisation(t.db, { name: 'Partner A' }), await buildOrganisation(t.db, { name: 'Partner B' })]
    const sec = await secretariat(partnership.id)
    const managePath = paths.manage.partnership(partnership.id)
    await sec.get(managePath)
    expect((await sec.post(paths.manage.addPartner(partnership.id), { organisationId: a.id })).status).toBe(303)
    expect((await sec.post(paths.manage.addPartner(partnership.id), { organisationId: b.id })).status).toBe(303)
    const blank = await sec.post(paths.manage.addPartner(partnership.id), { organisationId: '' })
    expect(blank.status).toBe(400)
    expect(await blank.text()).toContain('Select an organisation')
    let html = await (await sec.get(managePath)).text()
    expect(html).toContain('name="version" value="3"')
    expect((await sec.post(paths.manage.movePartner(partnership.id, b.id), { direction: 'up', version: '3' })).status).toBe(303)
    html = await (await sec.get(managePath)).text()
    expect(html.indexOf('Partner B')).toBeLessThan(html.indexOf('Partner A'))
    expect((await sec.post(paths.manage.removePartner(partnership.id, b.id), { version: '4' })).status).toBe(303)
    html = await (await sec.get(managePath)).text()
    expect(html).not.toMatch(/<td class="govuk-table__cell">Partner B<\/td>/)
  })

  it('links to what the modules above do with the partnership (passed in by the composition root)', async () => {
    const partnership = await buildPartnership(t.db)
    const html = await (await (await secretariat(partnership.id)).get(paths.manage.partnership(partnership.id))).text()
    expect(html).toContain(`<li><a class="govuk-link" href="${importerPaths.upload(partnership.id)}">Import published meeting records</a></li>`)
    expect(html).toContain(`<li><a class="govuk-link" href="${apiPaths.manage.tokens(partnership.id)}">API tokens</a></li>`)
  })

  it('refuses a partner button posted without the version it was shown at', async () => {
    const partnership = await buildPartnership(t.db)
    const organisation = await buildOrganisation(t.db)
    await addPartner(t.db, partnership.id, organisation.id)
    const sec = await secretariat(partnership.id)
    await sec.get(paths.manage.partnership(partnership.id))
    const res = await sec.post(paths.manage.removePartner(partnership.id, organisation.id), {})
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('The form was incomplete or out of date')
    expect((await sec.post(paths.manage.removePartner(partnership.id, 'not-a-uuid'), { version: '1' })).status).toBe(404)
  })
})

describe('bodies', () => {
  it('creates a body in a partnership and shows it on the partnership page', async () => {
    const { partnership, body: board } = await buildPartnershipBody(t.db, { body: { name: 'The Board' } })
    const sec = await secretariat(partnership.id)
    const res = await submit(
      sec,
      paths.manage.newBody(partnership.id),
      bodyFields({ name: 'Route Group', accountableToBodyId: board.id, quorum: '3', meetingFrequency: 'Monthly', termsOfReference: '- one' }),
    )
    expect(res.status).toBe(303)
    const [row] = await t.db.select().from(bodies).where(eq(bodies.name, 'Route Group'))
    expect(res.location).toBe(paths.manage.body(row!.id))
    expect(row).toMatchObject({ accountableToBodyId: board.id, quorum: 3, noticeClearDays: 5, slug: 'route-group' })
    const html = await (await sec.get(paths.manage.partnership(partnership.id))).text()
    expect(html).toContain('Route Group')
    expect(html).toContain('Implementation group')
    expect(html).toContain('The Board')
  })

  it('shows statutory-rule hint text and keeps input on a 400', async () => {
    const partnership = await buildPartnership(t.db)
    const sec = await secretariat(partnership.id)
    const form = await (await sec.get(paths.manage.newBody(partnership.id))).text()
    expect(form).toContain('hard blocks')
    expect(form).toContain('warnings')
    expect(form).toContain('name="noticeClearDays" type="text" value="5"')
    const res = await submit(sec, paths.manage.newBody(partnership.id), bodyFields({ name: 'Kept body', quorum: '0', kind: '' }))
    expect(res.status).toBe(400)
    expect(res.html).toContain('href="#quorum"')
    expect(res.html).toContain('href="#kind"')
    expect(res.html).toContain('value="Kept body"')
  })

  it('refuses an accountability loop with a field error', async () => {
    const { partnership, body: board } = await buildPartnershipBody(t.db, { body: { name: 'Loop Board' } })
    await buildBody(t.db, { partnershipId: partnership.id, name: 'Loop Exec', accountableToBodyId: board.id })
    const exec = (await t.db.select().from(bodies).where(eq(bodies.name, 'Loop Exec')))[0]!
    const res = await submit(await secretariat(partnership.id), paths.manage.editBody(board.id), bodyFields({ name: 'Loop Board', accountableToBodyId: exec.id, version: '1' }))
    expect(res.status).toBe(400)
    expect(res.html).toContain('href="#accountableToBodyId"')
    expect(res.html).toContain('already accountable to this body')
  })

  it('gives another secretariat 403 and a stale edit 409', async () => {
    const { partnership, body } = await buildPartnershipBody(t.db, { body: { name: 'Guarded' } })
    const stranger = await secretariat((await buildPartnership(t.db)).id)
    expect((await stranger.get(paths.manage.body(body.id))).status).toBe(403)
    expect((await stranger.get(paths.manage.newBody(partnership.id))).status).toBe(403)
    await stranger.get('/manage')
    expect((await stranger.post(paths.manage.editBody(body.id), bodyFields({ version: '1' }))).status).toBe(403)

    const sec = await secretariat(partnership.id)
    expect((await submit(sec, paths.manage.editBody(body.id), bodyFields({ name: 'Guarded 2', version: '1' }))).status).toBe(303)
    const stale = await submit(sec, paths.manage.editBody(body.id), bodyFields({ name: 'Guarded late', version: '1' }))
    expect(stale.status).toBe(409)
    expect(stale.html).toContain('value="Guarded late"')
    expect(stale.html).toContain('name="version" value="2"')
  })

  it("lists the body's members and meetings with links to schedule and open meetings", async () => {
    const { partnership, body } = await buildPartnershipBody(t.db, {
      members: [{ person: { honorific: 'Cllr', fullName: 'Chair Person' }, seat: { role: 'chair', startsOn: '2025-05-01' } }],
    })
    const meeting = await buildMeeting(t.db, { bodyId: body.id, date: '2015-02-10' }, 'cancelled')
    const html = await (await (await secretariat(partnership.id)).get(paths.manage.body(body.id))).text()
    expect(html).toContain('Cllr Chair Person')
    expect(html).toContain('1 May 2025')
    expect(html).toContain(`href="${meetingPaths.manage.newMeeting(body.id)}"`)
    expect(html).toContain(`href="${meetingPaths.manage.meeting(meeting.id)}"`)
    expect(html).toContain('Tuesday 10 February 2015')
    expect(html).toContain('Cancelled')
    expect(html).toContain(`href="${paths.manage.newMembership(body.id)}"`)
  })

  it('is a 404, not a 500, for a malformed id', async () => {
    const agent = await admin()
    expect((await agent.get('/manage/bodies/not-a-uuid')).status).toBe(404)
    expect((await agent.get('/manage/partnerships/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('memberships', () => {
  it('adds a member, then a deputy for them, and edits and ends a seat', async () => {
    const { partnership, body } = await buildPartnershipBody(t.db)
    const org = await buildOrganisation(t.db)
    const member = await buildPerson(t.db, { fullName: 'Seat Holder', organisationId: org.id, usedBy: partnership.id })
    const deputy = await buildPerson(t.db, { fullName: 'Stand In', usedBy: partnership.id })
    const agent = await secretariat(partnership.id)

    const added = await submit(agent, paths.manage.newMembership(body.id), { personId: member.id, role: 'member', startsOn: '2026-01-01' })
    expect(added.status).toBe(303)
    expect(added.location).toBe(paths.manage.body(body.id))
    const [seat] = await t.db.select().from(memberships).where(eq(memberships.personId, member.id))
    expect(seat!.onBehalfOfOrganisationId).toBe(org.id)

    const noPrincipal = await submit(agent, paths.manage.newMembership(body.id), { personId: deputy.id, role: 'deputy' })
    expect(noPrincipal.status).toBe(400)
    expect(noPrincipal.html).toContain('href="#deputyForMembershipId"')
    const wrongRole = await submit(agent, paths.manage.newMembership(body.id), {
      personId: deputy.id,
      role: 'observer',
      deputyForMembershipId: seat!.id,
    })
    expect(wrongRole.status).toBe(400)
    expect(wrongRole.html).toContain('Only a deputy stands in for another member')
    const ok = await submit(agent, paths.manage.newMembership(body.id), { personId: deputy.id, role: 'deputy', deputyForMembershipId: seat!.id })
    expect(ok.status).toBe(303)
    const page = await (await agent.get(paths.manage.body(body.id))).text()
    expect(page).toMatch(/Stand In<\/td>\s*<td class="govuk-table__cell">Deputy<\/td>[\s\S]*?<td class="govuk-table__cell">Seat Holder<\/td>/)

    const badDates = await submit(agent, paths.manage.editMembership(seat!.id), {
      personId: member.id,
      role: 'member',
      startsOn: '2026-01-01',
      endsOn: '2025-12-31',
      version: '1',
    })
    expect(badDates.status).toBe(400)
    expect(badDates.html).toContain('href="#endsOn"')
    expect(badDates.html).toContain('value="2025-12-31"')

    const edited = await submit(agent, paths.manage.editMembership(seat!.id), { personId: member.id, role: 'vice_chair', startsOn: '2026-01-01', version: '1' })
    expect(edited.status).toBe(303)
    const stale = await submit(agent, paths.manage.editMembership(seat!.id), { personId: member.id, role: 'chair', version: '1' })
    expect(stale.status).toBe(409)
    expect(stale.html).toContain('changed this since you opened it')

    const early = await submit(agent, paths.manage.endMembership(seat!.id), { endsOn: '2025-06-01', version: '2' })
    expect(early.status).toBe(400)
    const ended = await submit(agent, paths.manage.endMembership(seat!.id), { endsOn: '2026-12-31', version: '2' })
    expect(ended.status).toBe(303)
    const [after] = await t.db.select().from(memberships).where(eq(memberships.id, seat!.id))
    expect(after).toMatchObject({ endsOn: '2026-12-31', role: 'vice_chair', version: 3 })
  })

  it("refuses another partnership's secretariat", async () => {
    const partnership = await buildPartnership(t.db)
    const seat = await buildMembership(t.db, { bodyId: (await buildBody(t.db, { partnershipId: partnership.id })).id })
    const stranger = await secretariat((await buildPartnership(t.db)).id)
    expect((await stranger.get(paths.manage.editMembership(seat.id))).status).toBe(403)
    expect((await stranger.get(paths.manage.newMembership(seat.bodyId))).status).toBe(403)
    await stranger.get('/manage')
    expect((await stranger.post(paths.manage.endMembership(seat.id), { endsOn: '2026-01-01', version: '1' })).status).toBe(403)
    const [unchanged] = await t.db.select().from(memberships).where(eq(memberships.id, seat.id))
    expect(unchanged!.endsOn).toBeNull()
  })
})

describe('partner list changes from an out-of-date page', () => {
  it('409 with a clear message; nothing removed or moved', async () => {
    const partnership = await buildPartnership(t.db)
    const [a, b] = [await buildOrganisation(t.db, { name: 'Stale A' }), await buildOrganisation(t.db, { name: 'Stale B' })]
    await addPartner(t.db, partnership.id, a.id, 0)
    await addPartner(t.db, partnership.id, b.id, 1)
    const sec = await secretariat(partnership.id)
    const page = await (await sec.get(paths.manage.partnership(partnership.id))).text()
    expect(page).toContain('name="version" value="1"')
    // Someone else edits the partnership (or its partners) meanwhile.
    await t.db.update(partnerships).set({ version: 2 }).where(eq(partnerships.id, partnership.id))
    const remove = await sec.post(paths.manage.removePartner(partnership.id, a.id), { version: '1' })
    expect(remove.status).toBe(409)
    const removeText = await remove.text()
    expect(removeText).toContain('govuk-error-summary')
    expect(removeText).toContain('Someone else changed this partnership or its partners since you opened the page')
    expect(removeText).toContain('name="version" value="2"')
    const move = await sec.post(paths.manage.movePartner(partnership.id, b.id), { direction: 'up', version: '1' })
    expect(move.status).toBe(409)
    expect((await t.services.structure.partnersOf(partnership.id)).map((p) => p.name)).toEqual(['Stale A', 'Stale B'])
    expect((await sec.post(paths.manage.removePartner(partnership.id, a.id), {})).status).toBe(400)
    expect((await sec.post(paths.manage.removePartner(partnership.id, a.id), { version: '2' })).status).toBe(303)
    expect((await t.services.structure.partnersOf(partnership.id)).map((p) => p.name)).toEqual(['Stale B'])
  })
})

describe('attaching a partnership under another', () => {
  it("refuses a secretariat attaching theirs under a partnership they do not manage; allows one they manage, and an admin", async () => {
    const mine = await buildPartnership(t.db, { name: 'Mine' })
    const theirs = await buildPartnership(t.db, { name: 'Theirs' })
    const alsoMine = await buildPartnership(t.db, { name: 'Also mine' })
    const sec = await signedInAgent(t.app, t.services, { secretariatOf: [mine.id, alsoMine.id] })
    const path = paths.manage.editPartnership(mine.id)
    const form = await (await sec.get(path)).text()
    expect(form).not.toContain(`value="${theirs.id}"`)
    expect(form).toContain(`value="${alsoMine.id}"`)
    const refused = await submit(sec, path, { name: 'Mine', parentPartnershipId: theirs.id, version: '1' })
    expect(refused.status).toBe(400)
    expect(refused.html).toContain('href="#parentPartnershipId"')
    expect(refused.html).toContain('You can only choose a partnership you manage')
    expect((await t.services.structure.getPartnership(mine.id)).parentPartnershipId).toBeNull()

    expect((await submit(sec, path, { name: 'Mine', parentPartnershipId: alsoMine.id, version: '1' })).status).toBe(303)
    expect((await t.services.structure.getPartnership(mine.id)).parentPartnershipId).toBe(alsoMine.id)

    const adminAgent = await admin()
    expect((await submit(adminAgent, path, { name: 'Mine', parentPartnershipId: theirs.id, version: '2' })).status).toBe(303)
    // The secretariat can still edit the details, keeping the parent an admin chose.
    const kept = await submit(sec, path, { name: 'Mine, renamed', parentPartnershipId: theirs.id, version: '3' })
    expect(kept.status).toBe(303)
    expect(await t.services.structure.getPartnership(mine.id)).toMatchObject({ name: 'Mine, renamed', parentPartnershipId: theirs.id })
  })
})

describe('who may edit shared people and organisations', () => {
  it('a secretariat edits only people its partnership works with (a seat now or before, or added by it); 403 otherwise', async () => {
    const mine = await buildPartnership(t.db)
    const theirs = await buildPartnership(t.db)
    const myBody = await buildBody(t.db, { partnershipId: mine.id })
    const theirBody = await buildBody(t.db, { partnershipId: theirs.id })
    const theirMember = await buildPerson(t.db, { fullName: 'Their Member' })
    await buildMembership(t.db, { bodyId: theirBody.id, personId: theirMember.id })
    const formerMember = await buildPerson(t.db, { fullName: 'Former Member' })
    await buildMembership(t.db, { bodyId: myBody.id, personId: formerMember.id, startsOn: '2020-01-01', endsOn: '2021-01-01' })
    await buildMembership(t.db, { bodyId: theirBody.id, personId: formerMember.id })
    const unused = await buildPerson(t.db, { fullName: 'Used By Nobody' })
    const sec = await secretariat(mine.id)

    expect((await sec.get(paths.manage.editPerson(theirMember.id))).status).toBe(403)
    expect((await sec.get(paths.manage.editPerson(unused.id))).status).toBe(403)
    await sec.get(paths.manage.people())
    const post = await sec.post(paths.manage.editPerson(theirMember.id), { fullName: 'Hijacked', version: '1' })
    expect(post.status).toBe(403)
    expect((await t.services.structure.getPerson(theirMember.id)).fullName).toBe('Their Member')

    expect((await submit(sec, paths.manage.editPerson(formerMember.id), { fullName: 'Former Member, edited', version: '1' })).status).toBe(303)
    expect((await submit(await admin(), paths.manage.editPerson(theirMember.id), { fullName: 'Their Member, by admin', version: '1' })).status).toBe(303)
    expect((await submit(await admin(), paths.manage.editPerson(unused.id), { fullName: 'Used By Nobody, by admin', version: '1' })).status).toBe(303)

    // Any secretariat adds people (for its own partnership), and then edits them.
    const created = await submit(sec, paths.manage.newPerson(), { fullName: 'Created By Sec', partnershipId: mine.id })
    expect(created.status).toBe(303)
    const list = await sec.getText(`${paths.manage.people()}?q=${encodeURIComponent('Member')}`)
    expect(list.status).toBe(200)
    expect(list.text).toContain('Former Member, edited')
    expect(list.text).not.toContain('Their Member')
  })

  it('a secretariat edits organisations that are partners of their partnership, or of none; 403 otherwise', async () => {
    const mine = await buildPartnership(t.db)
    const theirs = await buildPartnership(t.db)
    const theirPartner = await buildOrganisation(t.db, { name: 'Their Partner Org' })
    await addPartner(t.db, theirs.id, theirPartner.id)
    const shared = await buildOrganisation(t.db, { name: 'Shared Partner Org' })
    await addPartner(t.db, theirs.id, shared.id)
    await addPartner(t.db, mine.id, shared.id)
    const loose = await buildOrganisation(t.db, { name: 'Loose Org' })
    const sec = await secretariat(mine.id)

    expect((await sec.get(paths.manage.editOrganisation(theirPartner.id))).status).toBe(403)
    await sec.get(paths.manage.organisations())
    expect((await sec.post(paths.manage.editOrganisation(theirPartner.id), { name: 'Hijacked', type: 'council', version: '1' })).status).toBe(403)
    expect((await t.services.structure.getOrganisation(theirPartner.id)).name).toBe('Their Partner Org')

    expect((await submit(sec, paths.manage.editOrganisation(shared.id), { name: 'Shared Partner Org 2', type: 'council', version: '1' })).status).toBe(303)
    expect((await submit(sec, paths.manage.editOrganisation(loose.id), { name: 'Loose Org 2', type: 'council', version: '1' })).status).toBe(303)
    expect((await submit(await admin(), paths.manage.editOrganisation(theirPartner.id), { name: 'Their Partner Org 2', type: 'council', version: '1' })).status).toBe(303)
    expect((await sec.get(paths.manage.organisations())).status).toBe(200)
    expect((await submit(sec, paths.manage.newOrganisation(), { name: 'New By Sec', type: 'council' })).status).toBe(303)
  })
})
