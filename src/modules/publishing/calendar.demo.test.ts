import { beforeAll, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { parseIcs } from '../../../test/support/ical.ts'
import { seedDemoIfEmpty } from '../../demo/demo.seed.ts'

const t = useTestApp({ publicUrl: 'https://joinedup.example.org' })

beforeAll(async () => {
  await seedDemoIfEmpty(t.services)
})

it("a newcomer can subscribe to the Board's calendar: every meeting on record parses, with a link back", async () => {
  const board = await t.services.structure.getBodyBySlug('chorley-public-service-reform-board')
  const all = await t.services.bodyMeetings.meetingsOfBody(board.id, {}, 1, 1000)
  expect(all.total).toBeGreaterThan(0)
  for (const m of all.rows) {
    const res = await t.app.request(`http://localhost/meetings/${m.id}/calendar.ics`)
    expect(res.status).toBe(200)
    const [event] = parseIcs(await res.text()).events
    expect(event!.uid).toBe(`meeting-${m.id}@joinedup`)
    expect(event!.url).toBe(`https://joinedup.example.org/meetings/${m.id}`)
    expect(event!.summary).toMatch(/^Chorley Public Service Reform Board( \(cancelled\))?$/)
  }
  const feed = await t.app.request('http://localhost/bodies/chorley-public-service-reform-board/calendar.ics')
  expect(feed.status).toBe(200)
  const parsed = parseIcs(await feed.text())
  expect(parsed.timezones).toEqual(['Europe/London'])
  // The demo's meetings are older than the two-year window: the feed still has the last ones.
  expect(parsed.events.length).toBe(Math.min(all.total, 20))
  expect(parsed.events.every((e) => e.summary.startsWith('Chorley Public Service Reform Board'))).toBe(true)
  const page = await t.app.request('http://localhost/calendar?view=list&body=chorley-public-service-reform-board&to=2030-01-01')
  expect(page.status).toBe(200)
  const html = await page.text()
  for (const m of all.rows.slice(0, 25)) expect(html).toContain(`/meetings/${m.id}`)
})
