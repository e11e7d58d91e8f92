import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { Agent } from '../../../test/support/app.ts'
import { seedDemoIfEmpty } from '../../demo/demo.seed.ts'
import { ocdEventValidator, popoloValidator } from '../../../test/support/standards.ts'
import type { eventsDocument, popoloDocument } from './opendata.presenter.ts'

const BASE = 'https://joinedup.example'

const t = useTestApp({ publicUrl: BASE })
const validate = { event: ocdEventValidator(), popolo: popoloValidator() }

beforeAll(async () => {
  await seedDemoIfEmpty(t.services)
})

async function getJson<T>(path: string): Promise<T> {
  const res = await new Agent(t.app).get(path)
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

describe('open data on the demo partnerships', () => {
  it('every page of the events download is valid Open Civic Data, and pages cover every meeting once', async () => {
    let next: string | null = '/open-data/events.json?per_page=100'
    const seen = new Set<string>()
    let total = 0
    while (next) {
      const doc: ReturnType<typeof eventsDocument> = await getJson(next)
      for (const e of doc.results) {
        expect(validate.event(e), e.id).toEqual([])
        seen.add(e.id)
      }
      total = doc.pagination.total_items
      next = doc.pagination.next ? doc.pagination.next.slice(BASE.length) : null
    }
    expect(total).toBeGreaterThan(0)
    expect(seen.size).toBe(total)
  })

  it('the Popolo export is valid, with every body under its partnership', async () => {
    const doc: ReturnType<typeof popoloDocument> = await getJson('/open-data/popolo.json')
    expect(validate.popolo(doc)).toEqual([])
    const bodies = doc.organizations.filter((o) => o.id.startsWith('ju:body/'))
    expect(bodies.length).toBeGreaterThan(0)
    for (const b of bodies) expect(b.parent_id).toMatch(/^ju:partnership\//)
    expect(doc.memberships.length).toBeGreaterThan(0)
    expect(doc.events.some((e) => (e.attendees?.length ?? 0) > 0)).toBe(true)
  })
})
