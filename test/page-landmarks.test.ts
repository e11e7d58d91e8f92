import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from './support/use-test-app.ts'
import type { Agent } from './support/app.ts'
import { signedInAgent } from './support/app.ts'
import { buildOpenDataScenario } from './support/opendata-builders.ts'
import { meetingPaths } from '../src/modules/meetings/meetings.paths.ts'

/**
 * Every page has one banner, one main and one contentinfo landmark, none inside another, and its navigation
 * and complementary regions are told apart by their labels (axe's landmark-* rules, which the browser
 * journeys also run). The layout once nested a <footer> in the <footer> the GOV.UK template already writes:
 * every page had two contentinfo landmarks. The pages are found by following links, as a reader would.
 */
const t = useTestApp()
let scenario: Awaited<ReturnType<typeof buildOpenDataScenario>>

beforeAll(async () => {
  scenario = await buildOpenDataScenario(t.db)
})

const openTags = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>`, 'g'))].map((m) => m[1] ?? '')
const attribute = (attrs: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1]

/** The landmark faults of one page (empty when none). */
function landmarkErrors(html: string): string[] {
  const errors: string[] = []
  for (const tag of ['header', 'main', 'footer']) {
    const n = openTags(html, tag).length
    if (n !== 1) errors.push(`${n} <${tag}> elements (one landmark each, none nested in another)`)
  }
  if (/\srole="(banner|main|contentinfo)"/.test(html)) errors.push('a second banner, main or contentinfo by role')
  const labels = new Map<string, number>()
  for (const tag of ['nav', 'aside']) {
    for (const attrs of openTags(html, tag)) {
      const label = attribute(attrs, 'aria-label') ?? attribute(attrs, 'aria-labelledby')
      if (!label) errors.push(`a <${tag}> without aria-label or aria-labelledby`)
      else labels.set(`${tag} "${label}"`, (labels.get(`${tag} "${label}"`) ?? 0) + 1)
    }
  }
  for (const [landmark, n] of labels) if (n > 1) errors.push(`${n} of ${landmark} (landmarks must be unique)`)
  return errors
}

/** HTML pages reachable from `start` by GET, up to `limit`, skipping files, feeds and sign-out. */
async function crawl(agent: Agent, start: string[], skip: RegExp, limit: number): Promise<Map<string, string>> {
  const pages = new Map<string, string>()
  const seen = new Set<string>(start)
  const queue = [...start]
  while (queue.length && pages.size < limit) {
    const path = queue.shift()!
    const res = await agent.get(path)
    const type = res.headers.get('content-type') ?? ''
    const body = await res.text()
    if (!type.startsWith('text/html')) continue
    pages.set(`${path} (${res.status})`, body)
    for (const m of body.matchAll(/href="([^"#]+)"/g)) {
      const href = m[1]!.replace(/&amp;/g, '&')
      if (!href.startsWith('/') || href.startsWith('//') || seen.has(href) || skip.test(href)) continue
      seen.add(href)
      queue.push(href)
    }
  }
  return pages
}

const FILES = /^\/(assets|static)\/|\.(pdf|docx|ics|json|xml|csv|zip)(\?|$)|\/papers\/|\/(feed|atom|rss)\b|sign-out/
const PUBLIC_SKIP = new RegExp(`${FILES.source}|^/(manage|my-actions)\\b`)

describe('page landmarks', () => {
  it('the landmark check finds the nested footer the layout used to write', () => {
    const page = (footer: string) =>
      `<header class="govuk-template__header"><nav aria-label="Menu"></nav></header><main id="main-content"></main>${footer}`
    expect(landmarkErrors(page('<footer class="govuk-template__footer"><div class="govuk-footer"></div></footer>'))).toEqual([])
    expect(landmarkErrors(page('<footer class="govuk-template__footer"><footer class="govuk-footer"></footer></footer>'))).toEqual([
      '2 <footer> elements (one landmark each, none nested in another)',
    ])
    expect(landmarkErrors(page('<footer><nav></nav><aside aria-label="A"></aside><aside aria-label="A"></aside></footer>'))).toEqual([
      'a <nav> without aria-label or aria-labelledby',
      '2 of aside "A" (landmarks must be unique)',
    ])
  })

  it('holds on every public page a reader reaches from the home page, and on error pages', async () => {
    const agent = t.agent()
    const start = ['/', '/calendar?view=list', '/open-data', '/api/docs', '/accessibility', '/sign-in', '/no-such-page', '/calendar?month=March']
    const pages = await crawl(agent, start, PUBLIC_SKIP, 120)
    expect(pages.size).toBeGreaterThan(20)
    expect([...pages.keys()]).toEqual(expect.arrayContaining([`/meetings/${scenario.meetings.july.id} (200)`, '/no-such-page (404)', '/calendar?month=March (400)']))
    const faults = [...pages].flatMap(([path, html]) => landmarkErrors(html).map((e) => `${path}: ${e}`))
    expect(faults).toEqual([])
  })

  it('holds on the secretariat pages', async () => {
    const agent = await signedInAgent(t.app, t.services, { secretariatOf: [scenario.partnership.id] })
    const pages = await crawl(agent, ['/manage', meetingPaths.manage.meeting(scenario.meetings.july.id)], FILES, 80)
    expect(pages.size).toBeGreaterThan(10)
    const faults = [...pages].flatMap(([path, html]) => landmarkErrors(html).map((e) => `${path}: ${e}`))
    expect(faults).toEqual([])
  })
})
