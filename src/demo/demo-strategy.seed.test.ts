import { beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../test/support/use-test-app.ts'
import { Agent } from '../../test/support/app.ts'
import { buildCurrentUser } from '../../test/support/strategy-builders.ts'
import { expectPage, expectToContainNone } from '../../test/support/page-text.ts'
import { partnerships } from '../modules/structure/structure.tables.ts'
import { strategyPaths } from '../modules/strategy/strategy.paths.ts'
import { programmePaths } from '../modules/programme/programme.paths.ts'
import { seedDemoIfEmpty } from './demo.seed.ts'

const t = useTestApp()
const CHORLEY = 'chorley-public-service-reform-partnership'
const GSP = 'gloucestershire-strategic-partnership'

beforeAll(async () => {
  expect(await seedDemoIfEmpty(t.services)).toBe(true)
})

async function partnershipId(slug: string): Promise<string> {
  const [row] = await t.db.select({ id: partnerships.id }).from(partnerships).where(eq(partnerships.slug, slug))
  return row!.id
}

describe('the Chorley strategy', () => {
  it('is the Strategy 2015-2020, approved by the Executive in June 2015, as seed 002 prints it', async () => {
    const published = await t.services.strategy.findPublishedStrategy(await partnershipId(CHORLEY))
    const v = published!.version
    expect(v).toMatchObject({
      number: 2,
      title: 'Chorley Public Service Reform Partnership Strategy 2015-2020',
      periodFromYear: 2015,
      periodToYear: 2020,
      purpose: 'We will work together to integrate and reconfigure public services in Chorley to provide the best outcomes for residents',
      vision: 'By 2020, we will have high quality public services which provide value for money and the best outcomes for the residents of Chorley',
      approvedOn: '2015-06-01',
      approvedOnPrecision: 'month',
    })
    expect(published!.approval).toMatchObject({ bodyName: 'Chorley Public Services Reform Executive', meeting: null, decision: null })
    expect(v.principles).toHaveLength(3)
    expect(v.principles[0]).toBe('We will make every contact count, regardless of the organisation or team to who it is made')
    expect(v.aims).toEqual([
      'Improve health and wellbeing outcomes',
      'Improve service delivery standards',
      'Manage service demand to support financial sustainability',
      'Support a wider programme of transformational change across the system',
    ])
    expect(v.themes.map((x) => x.title)).toEqual(['Building community capacity', 'Establishing the single front line', 'Enhanced multi-agency teams'])
    expect(v.themes[1]!.description).toMatch(/^Equipping front line teams and services/)
  })

  it('keeps the Board’s “Vision for 2017” as an earlier draft, never approved and never public', async () => {
    const history = await t.services.strategy.findPublishedHistory(CHORLEY)
    expect(history.versions.map((v) => v.number)).toEqual([2])
    const anon = new Agent(t.app)
    expect((await anon.get(strategyPaths.public.version(CHORLEY, 1))).status).toBe(404)
    const admin = await buildCurrentUser(t.db, { isAdmin: true })
    const overview = await t.services.strategy.overview(admin, await partnershipId(CHORLEY))
    const v1 = overview.versions.find((v) => v.number === 1)!
    expect(v1).toMatchObject({ title: 'Vision for 2017', status: 'superseded', approvedOn: null })
    const detail = await t.services.strategy.getManagedVersion(admin, v1.id)
    expect(detail.version.vision).toBe('To improve outcomes for residents, particularly the most vulnerable, ensuring equality of access to services')
    expect(detail.version.principles).toContain('One public service superstore')
    const compared = await t.services.strategy.compareManaged(admin, await partnershipId(CHORLEY))
    expect(compared.comparison!.themes.map((x) => x.kind)).toEqual(['added', 'added', 'added'])
  })

  it('shows on the partnership page with its themes and the three workstreams of seed 001, started February 2016', async () => {
    const anon = new Agent(t.app)
    const page = await anon.getText(`/partnerships/${CHORLEY}`)
    expectPage(page, 200, [
      'Chorley Public Service Reform Partnership Strategy 2015-2020',
      'Approved by Chorley Public Services Reform Executive in June 2015',
      'Establishing the single front line',
      'Placed based service integration',
      'Effective MDT working',
      'Resilient Communities',
      'On track',
    ])
    expectToContainNone(page.text, ['Vision for 2017', 'One public service superstore'])
    const workstream = await anon.getText(programmePaths.public.workstream(CHORLEY, 'effective-mdt-working'))
    expectPage(workstream, 200, ['Enhanced multi-agency teams', 'From February 2016', 'Chorley Public Service Reform Implementation Group', 'Evaluation after the first 6 months', 'August 2016', 'Done 27 September 2016', 'Overview Evaluation (Year One)'])
    const theme = await anon.getText(strategyPaths.public.theme(CHORLEY, 'establishing-the-single-front-line'))
    expectPage(theme, 200, ['Placed based service integration', 'Overview Evaluation (Year One)'])
  })
})

describe('the Gloucestershire strategy', () => {
  it('has its five thematic partnerships as the themes of a draft, not yet public', async () => {
    const id = await partnershipId(GSP)
    const staff = await t.services.strategy.themesForStaff(id)
    expect(staff.map((x) => x.title)).toEqual([
      'Gloucestershire Children and Young People’s Strategic Partnership',
      'Gloucestershire Health and Community Wellbeing Partnership',
      'Gloucestershire Safer and Stronger Communities Partnership',
      'Gloucestershire First (economic)',
      'Gloucestershire Environment Partnership',
    ])
    expect(staff.every((x) => x.inDraft && !x.inCurrentStrategy)).toBe(true)
    expect(await t.services.strategy.findPublishedStrategy(id)).toBeNull()
    expectToContainNone((await new Agent(t.app).getText(`/partnerships/${GSP}`)).text, ['Community Strategy', 'Gloucestershire First (economic)'])
  })
})
