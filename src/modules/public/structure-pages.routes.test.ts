import { describe, expect, it } from 'vitest'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { expectToContainAll, expectToContainNone } from '../../../test/support/page-text.ts'
import { addPartner, buildBody, buildMeeting, buildOrganisation, buildPartnership } from '../../../test/support/builders.ts'
import { buildPartnershipBody } from '../../../test/support/scenarios/partnership-body.ts'
import { addDays, londonToday } from '../../shared/dates.ts'

const t = useTestApp()

/** How deep in nested lists the first occurrence of text sits within html. */
function listDepth(html: string, text: string): number {
  const at = html.indexOf(text)
  expect(at, `${text} is on the page`).toBeGreaterThanOrEqual(0)
  const before = html.slice(0, at)
  return (before.match(/<ul[\s>]/g) ?? []).length - (before.match(/<\/ul>/g) ?? []).length
}

async function page(path: string) {
  const res = await new Agent(t.app).get(path)
  return { status: res.status, html: await res.text() }
}

describe('public home page', () => {
  it('lists partnerships with summaries, children nested under their parent', async () => {
    const parent = await buildPartnership(t.db, { name: 'Gloucestershire Conference', summary: 'A partnership of partnerships' })
    await buildPartnership(t.db, { name: 'Gloucestershire Strategic Partnership', parentPartnershipId: parent.id })
    const { status, html } = await page('/')
    expect(status).toBe(200)
    expect(html).toContain('<h1 class="govuk-heading-xl">Partnerships</h1>')
    expect(html).toContain('A partnership of partnerships')
    const main = html.slice(html.indexOf('<main'))
    expect(listDepth(main, 'Gloucestershire Strategic Partnership')).toBe(listDepth(main, 'Gloucestershire Conference') + 1)
    expect(main.indexOf('Gloucestershire Conference')).toBeLessThan(main.indexOf('Gloucestershire Strategic Partnership'))
  })
})

describe('public partnership page', () => {
  it('shows purpose, vision, partners, child partnerships and a nested structure chart', async () => {
    const partnership = await buildPartnership(t.db, {
      name: 'Chorley Public Service Reform Partnership',
      slug: 'chorley-psr',
      purpose: 'we will work together to integrate and reconfigure public services in Chorley',
      vision: 'by 2020, we will have high quality public services',
    })
    await buildPartnership(t.db, { name: 'Chorley Locality Partnership', parentPartnershipId: partnership.id })
    const council = await buildOrganisation(t.db, { name: 'Chorley Council', website: 'https://chorley.gov.uk', type: 'council' })
    const college = await buildOrganisation(t.db, { name: 'Runshaw College', type: 'education' })
    await addPartner(t.db, partnership.id, college.id, 1)
    await addPartner(t.db, partnership.id, council.id, 0)
    const board = await buildBody(t.db, { partnershipId: partnership.id, name: 'Board', slug: 'chorley-board', kind: 'board' })
    const exec = await buildBody(t.db, {
      partnershipId: partnership.id,
      name: 'Executive',
      slug: 'chorley-executive',
      kind: 'executive',
      accountableToBodyId: board.id,
    })
    await buildBody(t.db, {
      partnershipId: partnership.id,
      name: 'Implementation Group',
      slug: 'chorley-ig',
      kind: 'implementation_group',
      accountableToBodyId: exec.id,
    })

    const { status, html } = await page('/partnerships/chorley-psr')
    expect(status).toBe(200)
    expect(html).toContain('Purpose</h2>')
    expect(html).toContain('we will work together to integrate')
    expect(html).toContain('Vision</h2>')
    expect(html.indexOf('Chorley Council')).toBeLessThan(html.indexOf('Runshaw College'))
    expect(html).toContain('Chorley Locality Partnership')

    const chart = html.slice(html.indexOf('<ul class="app-structure">'))
    expect(listDepth(chart, '>Board</a>')).toBe(1)
    expect(listDepth(chart, '>Executive</a>')).toBe(2)
    expect(listDepth(chart, '>Implementation Group</a>')).toBe(3)
    expect(html).toContain('The Executive is accountable to the Board.')
    expect(html).toContain('The Implementation Group is accountable to the Executive.')
    expect(html).toContain('href="/bodies/chorley-executive"')
  })

  it('is a 404 for an unknown partnership', async () => {
    expect((await page('/partnerships/no-such-thing')).status).toBe(404)
  })
})

describe('public body page', () => {
  it('lists current members with roles, never contact details', async () => {
    const org = await buildOrganisation(t.db, { name: 'Lancashire Constabulary', type: 'police' })
    await buildPartnershipBody(t.db, {
      body: { name: 'Community Safety Partnership', slug: 'csp-public', termsOfReference: 'To **reduce** crime.', quorum: 4, meetingFrequency: 'Monthly' },
      members: [
        { person: { honorific: 'Cllr', fullName: 'Alistair Bradley', email: 'alistair.secret@example.org', phone: '01632 960 001' }, seat: { role: 'chair' } },
        { person: { honorific: 'CI', fullName: 'Jane Smith', email: 'jane.secret@example.org' }, seat: { role: 'vice_chair', onBehalfOfOrganisationId: org.id } },
        { person: { fullName: 'Former Member' }, seat: { role: 'member', endsOn: '2020-01-01' } },
      ],
    })

    const { status, html } = await page('/bodies/csp-public')
    expect(status).toBe(200)
    expectToContainAll(html, ['Cllr Alistair Bradley', 'CI Jane Smith', 'Vice-chair', 'Lancashire Constabulary', '<strong>reduce</strong>', 'Monthly'])
    expectToContainNone(html, ['Former Member', 'secret@example.org', '01632 960 001'])
    expect(html.indexOf('Cllr Alistair Bradley')).toBeLessThan(html.indexOf('CI Jane Smith'))
  })

  it('splits upcoming and past meetings, shows cancellations and pages the past 20 at a time', async () => {
    const body = await buildBody(t.db, { name: 'Executive', slug: 'exec-meetings' })
    const today = londonToday()
    await buildMeeting(t.db, { bodyId: body.id, date: addDays(today, 14), startTime: '14:30' })
    await buildMeeting(t.db, { bodyId: body.id, date: addDays(today, 7), startTime: '10:00' }, 'cancelled')
    for (let i = 1; i <= 25; i++) await buildMeeting(t.db, { bodyId: body.id, date: addDays(today, -7 * i) }, 'minutesApproved')

    const first = await page('/bodies/exec-meetings')
    expect(first.status).toBe(200)
    const upcoming = first.html.slice(first.html.indexOf('Upcoming meetings'), first.html.indexOf('Past meetings'))
    expect(upcoming).toContain('Cancelled')
    expect(upcoming).toContain('2.30pm')
    expect(upcoming.indexOf('10am')).toBeLessThan(upcoming.indexOf('2.30pm'))
    expect(upcoming).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}/)
    expect(upcoming).toContain('href="/meetings/')
    const past = first.html.slice(first.html.indexOf('Past meetings'))
    expect((past.match(/href="\/meetings\//g) ?? []).length).toBe(20)
    expect(past).toContain('href="/bodies/exec-meetings?page=2"')

    const second = await page('/bodies/exec-meetings?page=2')
    const past2 = second.html.slice(second.html.indexOf('Past meetings'))
    expect((past2.match(/href="\/meetings\//g) ?? []).length).toBe(5)
  })

  it('treats a bad page number as page 1 and an unknown body as 404', async () => {
    expect((await page('/bodies/exec-meetings?page=abc')).status).toBe(200)
    expect((await page('/bodies/nope')).status).toBe(404)
  })
})
