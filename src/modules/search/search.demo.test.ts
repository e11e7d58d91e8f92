import { beforeAll, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { seedDemoIfEmpty } from '../../demo/demo.seed.ts'

const t = useTestApp()

beforeAll(async () => {
  await seedDemoIfEmpty(t.services)
})

/** The search results page for a query: 200, with a result count. */
async function searchResults(query: string): Promise<string> {
  const res = await t.app.request(`http://localhost/search${query}`)
  expect(res.status).toBe(200)
  const html = await res.text()
  expect(html).toMatch(/id="result-count"[^>]*>\d+ results?</)
  return html
}

it('finds the 2015 away day in the demo by searching "maverick"', async () => {
  const html = await searchResults('?q=maverick')
  expect(html).toContain('<mark class="app-search-match">maverick</mark>')
  expect(html).toMatch(/2015<\/p>/)
  const link = /<h3 class="govuk-heading-s[^"]*">\s*<a class="govuk-link" href="([^"]+)"/.exec(html)?.[1]
  expect(link).toMatch(/^\/meetings\/[0-9a-f-]{36}#item-[0-9a-f-]{36}$/)
  const meeting = await (await t.app.request(`http://localhost${link!.split('#')[0]}`)).text()
  expect(meeting).toContain('be maverick but realistic')
  expect(meeting).toMatch(/Away Day|away day/)
})

it('finds words inside the demo papers (their text is stored as upload extraction would store it)', async () => {
  const html = await searchResults('?q=stand-in&kind=paper')
  expect(html).toContain('Minutes and Matters arising from Executive Meeting held on 19th July 2016')
  expect(html).toMatch(/href="\/papers\/[0-9a-f-]{36}\//)
})

it('finds Runshaw College, a partner the seed names, and leads to the partnership that lists it', async () => {
  const html = await searchResults('?q=Runshaw')
  expect(html).toContain('<mark class="app-search-match">Runshaw</mark> College')
  const link = /<h3 class="govuk-heading-s[^"]*">\s*<a class="govuk-link" href="([^"]+)"/.exec(html)?.[1]
  expect(link).toMatch(/^\/partnerships\/[a-z0-9-]+#partners$/)
  const page = await (await t.app.request(`http://localhost${link!.split('#')[0]}`)).text()
  expect(page).toContain('Runshaw College')
})

it('shows the demo minutes’ action table as words, not Markdown', async () => {
  const html = await searchResults('?q=%22Away+Day+outcomes%22&kind=minutes')
  expect(html).toMatch(/What · Who · When Circulate <mark class="app-search-match">Away<\/mark> <mark class="app-search-match">Day<\/mark> <mark class="app-search-match">outcomes<\/mark> · Hayley Hughes · 17\.02\.15/)
  expect(html).not.toMatch(/\| (What|Who|When) \|/)
  expect(html).not.toContain('|---')
})
