import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { and, asc, inArray, isNull } from 'drizzle-orm'
import { seedDemoIfEmpty } from '../../demo/demo.seed.ts'
import { meetings } from '../meetings/meetings.tables.ts'
import { feedPaths } from './feeds.paths.ts'
import { publicationEvents } from './publishing.tables.ts'
import { atomErrors } from '../../../test/support/atom.ts'

const t = useTestApp()

beforeAll(async () => {
  expect(await seedDemoIfEmpty(t.services)).toBe(true)
})

const titles = (xml: string) => [...xml.matchAll(/<title type="html"><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((m) => m[1])

describe('the demo feeds', () => {
  it('has publication events in order and minutes_published_at for every meeting with public minutes', async () => {
    const missing = await t.db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(inArray(meetings.status, ['minutes_draft', 'minutes_approved']), isNull(meetings.minutesPublishedAt)))
    expect(missing).toEqual([])
    const order = await t.db.select({ at: publicationEvents.occurredAt }).from(publicationEvents).orderBy(asc(publicationEvents.id))
    const times = order.map((r) => r.at.getTime())
    expect(times.length).toBeGreaterThan(5)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  it("shows the Board's away day and the Executive's approved minutes", async () => {
    const board = await (await t.app.request(`http://localhost${feedPaths.bodyAtom('chorley-public-service-reform-board')}`)).text()
    expect(titles(board)).toContain('Agenda published: Chorley Public Service Reform Board, 10 February 2015')
    expect(titles(board)).toContain('Draft minutes published: Chorley Public Service Reform Board, 10 February 2015')
    expect(atomErrors(board)).toEqual([])
    const partnerships = await t.services.structure.listPartnerships()
    for (const p of partnerships) {
      expect(atomErrors(await (await t.app.request(`http://localhost${feedPaths.partnershipAtom(p.slug)}`)).text()), p.slug).toEqual([])
    }
    const exec = await (await t.app.request(`http://localhost${feedPaths.bodyRss('chorley-public-services-reform-executive')}`)).text()
    expect(exec).toContain('Minutes approved: Chorley Public Services Reform Executive, 19 July 2016')
  })
})
