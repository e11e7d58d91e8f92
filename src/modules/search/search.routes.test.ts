import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import {
  addPartner,
  buildAgendaItem,
  buildBody,
  buildDecision,
  buildDocument,
  buildMeeting,
  buildMembership,
  buildOrganisation,
  buildPartnership,
  buildPerson,
} from '../../../test/support/builders.ts'
import { buildAction } from '../../../test/support/action-builders.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'

const t = useTestApp()
const db = () => t.db
const published = new Date('2015-03-01T09:00:00Z')

const ids: Record<string, string> = {}

/** Every string planted in withheld content: none may ever come back from a search. */
const CANARIES = [
  'canarydesc',
  'canarymin',
  'canarydec',
  'canarysubdesc',
  'canarysubmin',
  'canarysubdec',
  'canarypaperitem',
  'canarypaperexempt',
  'canaryaction',
  'canaryexemptaction',
  'canaryunpubmin',
  'canaryunpubdec',
  'canaryunpubagenda',
  'canaryunpubpaper',
  'canaryunpubaction',
]

beforeAll(async () => {
  const partnership = await buildPartnership(db(), { slug: 'search-partnership', name: 'Search Partnership' })
  const board = await buildBody(db(), { partnershipId: partnership.id, slug: 'search-board', name: 'Search Board' })
  const exec = await buildBody(db(), { partnershipId: partnership.id, slug: 'search-exec', name: 'Search Executive' })
  // An away day with published (approved) minutes.
  const m1 = await buildMeeting(db(), { bodyId: board.id, date: '2015-03-27', kind: 'away_day', status: 'minutes_approved', agendaPublishedAt: published })
  ids.m1 = m1.id
  const i1 = await buildAgendaItem(db(), {
    meetingId: m1.id,
    position: 0,
    title: 'Maverick thinking session',
    description: 'Discuss the zebra strategy',
    minutes: 'The board agreed to be bold about giraffe partnerships',
  })
  ids.i1 = i1.id
  await buildDecision(db(), { itemId: i1.id, text: 'RESOLVED: to adopt the pelican plan' })
  const e1 = await buildAgendaItem(db(), {
    meetingId: m1.id,
    position: 1,
    title: 'Contract award for walrus services',
    description: 'canarydesc walrus detail',
    minutes: 'canarymin walrus minutes',
    isExempt: true,
    exemptParagraph: 3,
  })
  ids.e1 = e1.id
  await buildDecision(db(), { itemId: e1.id, text: 'canarydec walrus decision' })
  const s1 = await buildAgendaItem(db(), {
    meetingId: m1.id,
    parentItemId: e1.id,
    position: 0,
    title: 'Ocelot sub item',
    description: 'canarysubdesc',
    minutes: 'canarysubmin',
  })
  await buildDecision(db(), { itemId: s1.id, text: 'canarysubdec' })
  await buildDocument(db(), { meetingId: m1.id, itemId: e1.id, title: 'Walrus appendix', textContent: 'canarypaperitem', textStatus: 'extracted' })
  await buildDocument(db(), { meetingId: m1.id, itemId: i1.id, title: 'Confidential annex', textContent: 'canarypaperexempt', isExempt: true, exemptParagraph: 1 })
  const paper = await buildDocument(db(), {
    meetingId: m1.id,
    itemId: i1.id,
    title: 'Budget report',
    filename: 'budget-report.pdf',
    textContent: 'The narwhal budget grows by four percent',
    textStatus: 'extracted',
  })
  ids.paper = paper.id
  await buildAction(db(), { itemId: i1.id, description: 'Circulate the quokka outcomes', isPublic: true })
  await buildAction(db(), { itemId: i1.id, description: 'canaryaction private', isPublic: false })
  await buildAction(db(), { itemId: e1.id, description: 'canaryexemptaction', isPublic: true })
  // Agenda published, minutes not yet.
  const m2 = await buildMeeting(db(), { bodyId: board.id, date: '2016-05-01', status: 'agenda_published', agendaPublishedAt: published })
  ids.m2 = m2.id
  const i2 = await buildAgendaItem(db(), { meetingId: m2.id, title: 'Armadillo review', description: 'Agenda text about lemur', minutes: 'canaryunpubmin' })
  await buildDecision(db(), { itemId: i2.id, text: 'canaryunpubdec' })
  await buildDocument(db(), { meetingId: m2.id, itemId: i2.id, title: 'Lemur paper', textContent: 'lemur details', textStatus: 'extracted' })
  await buildAction(db(), { itemId: i2.id, description: 'canaryunpubaction', isPublic: true })
  // Agenda not published.
  const m3 = await buildMeeting(db(), { bodyId: exec.id, date: '2016-06-01' })
  await buildAgendaItem(db(), { meetingId: m3.id, title: 'canaryunpubagenda title' })
  await buildDocument(db(), { meetingId: m3.id, title: 'canaryunpubpaper' })
  // Many budget items for pagination, ordering and ranking, on another body with draft minutes.
  const m4 = await buildMeeting(db(), { bodyId: exec.id, date: '2017-01-10', status: 'minutes_draft', agendaPublishedAt: published })
  ids.m4 = m4.id
  for (let i = 0; i < 24; i++) {
    await buildAgendaItem(db(), { meetingId: m4.id, position: i, title: `Item ${i + 1}`, minutes: `The budget was noted (${i + 1}).` })
  }
  const xss = await buildAgendaItem(db(), { meetingId: m4.id, position: 30, title: '<script>alert("x")</script> Budget & "quotes"', minutes: 'Tom & "Jerry" discussed the budget <b>bold</b>' })
  ids.xss = xss.id
  const heronTitle = await buildAgendaItem(db(), { meetingId: m4.id, position: 31, title: 'Heron project' })
  const heronMinutes = await buildAgendaItem(db(), { meetingId: m4.id, position: 32, title: 'Other business', minutes: 'A heron was mentioned in passing among many other words about the river' })
  ids.heronTitle = heronTitle.id
  ids.heronMinutes = heronMinutes.id
})

async function search(query: string) {
  const res = await t.app.request(`http://localhost/search${query ? `?${query}` : ''}`)
  return { status: res.status, html: await res.text(), res }
}
const q = (text: string, extra = '') => search(`q=${encodeURIComponent(text)}${extra}`)
/** The result headings, in order. */
const titles = (html: string) => [...html.matchAll(/<h3 class="govuk-heading-s[^"]*">\s*(?:<a [^>]*>)?([\s\S]*?)(?:<\/a>)?\s*<\/h3>/g)].map((m) => m[1]!.replace(/<\/?mark[^>]*>/g, ''))
const count = (html: string) => /id="result-count"[^>]*>([^<]*)</.exec(html)?.[1] ?? null

describe('GET /search', () => {
  it('shows the form, without a cookie, when nothing is asked', async () => {
    const { status, html } = await search('')
    expect(status).toBe(200)
    expect(html).toContain('<h1 class="govuk-heading-l">Search meetings and papers</h1>')
    expect(html).toContain('name="q"')
    expect(html).toContain('Search Board (Search Partnership)')
    expect(html).not.toContain('id="results"')
  })

  it('finds an item by its title and links to it on the meeting page, with the match marked', async () => {
    const { status, html } = await q('maverick')
    expect(status).toBe(200)
    expect(count(html)).toBe('1 result')
    expect(html).toContain(`href="/meetings/${ids.m1}#item-${ids.i1}"`)
    expect(html).toContain('<mark class="app-search-match">Maverick</mark> thinking session')
    expect(html).toContain('Search Board, 27 March 2015')
  })

  it('finds minutes, decisions, papers and public actions, each linking to the right place', async () => {
    const giraffe = await q('giraffe')
    expect(titles(giraffe.html)).toEqual(['Maverick thinking session'])
    expect(giraffe.html).toContain('<mark class="app-search-match">giraffe</mark>')
    const pelican = await q('pelican')
    expect(pelican.html).toContain('Decision')
    expect(pelican.html).toContain(`href="/meetings/${ids.m1}#item-${ids.i1}"`)
    const narwhal = await q('narwhal')
    expect(count(narwhal.html)).toBe('1 result')
    expect(narwhal.html).toContain(`href="/papers/${ids.paper}/budget-report.pdf"`)
    expect(narwhal.html).toContain('<mark class="app-search-match">narwhal</mark>')
    const quokka = await q('quokka')
    expect(count(quokka.html)).toBe('1 result')
    expect(quokka.html).toContain('Action')
    expect(quokka.html).toContain(`href="/meetings/${ids.m1}#item-${ids.i1}"`)
    const lemur = await q('lemur')
    expect(count(lemur.html)).toBe('2 results') // the agenda description and the public paper
  })

  it('never finds withheld content: exempt items, their sub-items, papers, decisions; unpublished agendas and minutes; private actions', async () => {
    for (const canary of CANARIES) {
      const { status, html } = await q(canary)
      expect(status, canary).toBe(200)
      expect(html, canary).toContain('No results')
      expect(titles(html), canary).toEqual([])
      // The page repeats the query (title, search box, "no results matching"), and nothing else.
      expect(html.toLowerCase().split(canary).length - 1, canary).toBe(3)
    }
    const several = await q(CANARIES.slice(0, 8).join(' or '))
    expect(several.html).toContain('No results')
  })

  it('finds an exempt item by its title only, showing nothing else of it', async () => {
    const walrus = await q('walrus')
    expect(titles(walrus.html)).toEqual(['Contract award for walrus services'])
    expect(walrus.html).not.toContain('canary')
    expect(walrus.html).not.toContain('Walrus appendix')
    const ocelot = await q('ocelot')
    expect(titles(ocelot.html)).toEqual(['Ocelot sub item'])
    expect(ocelot.html).not.toContain('canary')
  })

  it('does not let an exclusion reveal what withheld text contains', async () => {
    // The exempt item's withheld description holds "canarydesc": excluding it must not hide the item.
    const { html } = await q('walrus -canarydesc')
    expect(titles(html)).toEqual(['Contract award for walrus services'])
    // Exclusions do work on public text.
    const lemur = await q('lemur -details')
    expect(count(lemur.html)).toBe('1 result')
    expect(titles(lemur.html)).toEqual(['Armadillo review'])
  })

  it('escapes titles and text: only the match markers become HTML', async () => {
    const { html } = await q('quotes')
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Budget &amp; &quot;<mark class="app-search-match">quotes</mark>&quot;')
    const bold = await q('bold budget')
    expect(bold.html).not.toContain('<b>bold</b>')
    expect(bold.html).toMatch(/&quot; discussed the <mark class="app-search-match">budget<\/mark>\s*<mark class="app-search-match">bold<\/mark>/)
  })

  it('ranks a title match above a passing mention in the minutes', async () => {
    const { html } = await q('heron')
    expect(titles(html)).toEqual(['Heron project', 'Other business'])
  })

  it('pages 20 at a time with GOV.UK pagination that keeps the filters', async () => {
    const first = await q('budget', '&body=search-exec')
    expect(count(first.html)).toBe('25 results (showing 1 to 20)')
    expect(titles(first.html)).toHaveLength(20)
    expect(first.html).toContain('govuk-pagination')
    expect(first.html).toContain('href="/search?q=budget&amp;body=search-exec&amp;page=2"')
    const second = await q('budget', '&body=search-exec&page=2')
    expect(count(second.html)).toBe('25 results (showing 21 to 25)')
    const secondTitles = titles(second.html)
    expect(secondTitles).toHaveLength(5)
    for (const title of secondTitles) expect(titles(first.html)).not.toContain(title)
    const beyond = await q('budget', '&body=search-exec&page=9')
    expect(beyond.status).toBe(200)
    expect(beyond.html).toContain('There are no more results')
  })

  it('filters by body, dates and kind, and orders by date', async () => {
    expect(count((await q('budget', '&body=search-board')).html)).toBe('1 result') // the paper
    expect(count((await q('budget', '&body=search-exec&kind=paper')).html)).toBeNull()
    expect(titles((await q('budget', '&kind=paper')).html)).toEqual(['<mark class="app-search-match">Budget</mark> report'.replace(/<\/?mark[^>]*>/g, '')])
    expect((await q('budget', '&to=2016-12-31')).html).toContain('1 result')
    expect((await q('budget', '&from=2017-01-10&to=2017-01-10')).html).toContain('25 results')
    // Kind: the minutes only, or the agenda (title and description) only.
    expect(titles((await q('giraffe', '&kind=minutes')).html)).toEqual(['Maverick thinking session'])
    expect((await q('giraffe', '&kind=item')).html).toContain('No results')
    expect(titles((await q('zebra', '&kind=item')).html)).toEqual(['Maverick thinking session'])
    expect((await q('zebra', '&kind=minutes')).html).toContain('No results')
    expect((await q('pelican', '&kind=decision&kind=action')).html).toContain('1 result')
    // Date order: newest first.
    const byDate = await q('lemur or narwhal or budget', '&order=date')
    expect(byDate.html).toContain('Search Executive, 10 January 2017')
    const metas = [...byDate.html.matchAll(/, (\d{1,2} \w+ \d{4})<\/p>/g)].map((m) => new Date(m[1]!).getTime())
    expect(metas.length).toBeGreaterThan(2)
    expect([...metas].sort((a, b) => b - a)).toEqual(metas)
  })

  it('says so when nothing matches, and when the words hold nothing searchable', async () => {
    const none = await q('xylophone')
    expect(none.status).toBe(200)
    expect(none.html).toContain('No results')
    expect(none.html).toContain('matching “xylophone”')
    const stop = await q('the and of')
    expect(stop.html).toContain('No results')
  })

  it('rejects invalid dates with a GOV.UK error summary, keeping what was typed', async () => {
    const { status, html } = await search('q=budget&from=2017-02-30&to=soon&body=search-exec&kind=paper')
    expect(status).toBe(400)
    expectFormErrors(html, ['from', 'to'], ['value="budget"', 'value="2017-02-30"', 'value="soon"'])
    expect(html).toMatch(/<option value="search-exec" selected>/)
    expect(html).toMatch(/value="paper" checked/)
    const order = await search('q=budget&from=2017-02-01&to=2016-01-01')
    expect(order.status).toBe(400)
    expect(order.html).toContain('The date to must be the same as or after the date from')
  })

  it('rejects a body that is not in the list', async () => {
    const { status, html } = await search('q=budget&body=no-such-body')
    expect(status).toBe(400)
    expect(html).toContain('Select a body from the list')
  })
})

describe('GET /search: the structure', () => {
  const structure = {} as Record<string, string>
  beforeAll(async () => {
    const partnership = await buildPartnership(db(), { slug: 'wombat-partnership', name: 'Wombat Reform Partnership', summary: 'Partners improving outcomes for platypus residents.' })
    const board = await buildBody(db(), { partnershipId: partnership.id, slug: 'wombat-board', name: 'Wombat Board', termsOfReference: 'To oversee the echidna programme.' })
    const college = await buildOrganisation(db(), { name: 'Runshaw College', slug: 'runshaw-college', type: 'education' })
    const police = await buildOrganisation(db(), { name: 'Lancashire Numbat Constabulary', slug: 'numbat-police', type: 'police' })
    await addPartner(db(), partnership.id, college.id)
    const principal = await buildPerson(db(), { fullName: 'Quentin Quokkason', honorific: 'Dr', jobTitle: 'Principal', email: 'quentin.private@example.org', phone: '07700 900555' })
    await buildMembership(db(), { bodyId: board.id, personId: principal.id, role: 'vice_chair', onBehalfOfOrganisationId: college.id })
    const former = await buildPerson(db(), { fullName: 'Quilla Quokkason' })
    await buildMembership(db(), { bodyId: board.id, personId: former.id, role: 'member', onBehalfOfOrganisationId: police.id, startsOn: '2014-01-01', endsOn: '2016-03-31' })
    // Someone with no seat (an action owner, a contact): never listed, whatever their name.
    await buildPerson(db(), { fullName: 'Quincy Quokkason', email: 'quincy@example.org' })
    // Minutes with an action table, as the seed prints them.
    const m = await buildMeeting(db(), { bodyId: board.id, date: '2016-09-27', status: 'minutes_draft', agendaPublishedAt: published })
    await buildAgendaItem(db(), {
      meetingId: m.id,
      title: 'Matters arising',
      minutes: '| What | Who | When |\n|---|---|---|\n| Circulate the **bandicoot** outcomes | HH | 17/02/2015 |\n\n## Next steps\n\n- [Report](/papers/x/report.pdf) back',
    })
    Object.assign(structure, { partnership: partnership.id, board: board.id, college: college.id, principal: principal.id })
  })

  it('finds a partner organisation by name, saying what it is a partner in and linking to that partnership', async () => {
    const { status, html } = await q('Runshaw')
    expect(status).toBe(200)
    expect(count(html)).toBe('1 result')
    expect(titles(html)).toEqual(['Runshaw College'])
    expect(html).toContain('>Organisation</strong>')
    expect(html).toContain('href="/partnerships/wombat-partnership#partners"')
    expect(html).toContain('Education. Partner in Wombat Reform Partnership. Represented on Wombat Board')
    // The partnership page it leads to has that anchor.
    expect(await (await t.app.request('http://localhost/partnerships/wombat-partnership')).text()).toContain('id="partners"')
  })

  it('finds people by name or public job title with their seats, never by or with a contact detail, and only people with a seat', async () => {
    const { html } = await q('Quokkason')
    expect(titles(html).sort()).toEqual(['Dr Quentin Quokkason', 'Quilla Quokkason'])
    expect(html).toContain('Vice-chair, Wombat Board, for Runshaw College')
    expect(html).toContain('Member, Wombat Board, for Lancashire Numbat Constabulary (until 31 March 2016)')
    expect(html).toContain('href="/bodies/wombat-board#members"')
    expect(html).not.toContain('Quincy')
    for (const secret of ['quentin.private', '07700 900555', 'quincy@example.org']) expect(html).not.toContain(secret)
    expect(titles((await q('principal')).html)).toContain('Dr Quentin Quokkason')
    expect(count((await q('quentin.private@example.org')).html)).toBeNull()
    expect(count((await q('07700 900555')).html)).toBeNull()
    expect((await q('Quincy')).html).toContain('No results')
  })

  it('finds bodies and partnerships by name and by what their pages say', async () => {
    const echidna = await q('echidna')
    expect(titles(echidna.html)).toEqual(['Wombat Board'])
    expect(echidna.html).toContain('href="/bodies/wombat-board"')
    expect(echidna.html).toContain('Part of Wombat Reform Partnership')
    const platypus = await q('platypus')
    expect(titles(platypus.html)).toEqual(['Wombat Reform Partnership'])
    expect(platypus.html).toContain('href="/partnerships/wombat-partnership"')
    expect(platypus.html).toContain('<mark class="app-search-match">platypus</mark> residents')
  })

  it('filters the structure by kind and body, and leaves it out of a search by dates (it is not dated)', async () => {
    expect(titles((await q('wombat', '&kind=body')).html)).toEqual(['Wombat Board'])
    expect(titles((await q('wombat', '&kind=partnership')).html)).toEqual(['Wombat Reform Partnership'])
    expect(titles((await q('Runshaw', '&body=search-board')).html)).toEqual([])
    expect(titles((await q('Runshaw', '&body=wombat-board')).html)).toEqual(['Runshaw College'])
    expect(titles((await q('wombat', '&from=2000-01-01')).html)).not.toContain('Wombat Board')
    expect(titles((await q('Quokkason -Quilla')).html)).toEqual(['Dr Quentin Quokkason'])
  })

  it('shows snippets of Markdown minutes as plain words', async () => {
    const { html } = await q('bandicoot')
    expect(titles(html)).toEqual(['Matters arising'])
    const snippet = /<p class="govuk-body">([^]*?)<\/p>\s*<\/li>/.exec(html.slice(html.indexOf('app-search-result')))![1]!
    expect(snippet).toContain('What · Who · When Circulate the <mark class="app-search-match">bandicoot</mark> outcomes · HH · 17/02/2015')
    expect(snippet).not.toMatch(/\||\*\*|##|\]\(/)
  })
})
