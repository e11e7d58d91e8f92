import { beforeEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { useTestDb } from '../../../test/support/use-test-app.ts'
import { createScheduler, dailyAt, isoWeek, londonHour, weeklyOnMondayAt, type JobDefinition } from './scheduler.ts'
import { jobRuns } from './jobs.tables.ts'

const t = useTestDb()
beforeEach(async () => {
  await t.db.delete(jobRuns)
})

/** A job that counts its runs; `periodFor` is daily from 07:00 London. */
function countingJob(runs: string[], opts: { fail?: () => boolean; slow?: Promise<void> } = {}): JobDefinition {
  return {
    periodFor: dailyAt(7),
    run: async (period) => {
      if (opts.slow) await opts.slow
      if (opts.fail?.()) throw new Error('boom')
      runs.push(period)
    },
  }
}

const at = (iso: string) => () => new Date(iso)

describe('scheduler', () => {
  it('runs a job once when two instances tick at the same time', async () => {
    const runs: string[] = []
    const now = at('2026-11-23T08:00:00Z')
    const a = createScheduler(t.db, { instanceId: 'a', now })
    const b = createScheduler(t.db, { instanceId: 'b', now })
    a.registerJob('digest', countingJob(runs))
    b.registerJob('digest', countingJob(runs))
    const [ra, rb] = await Promise.all([a.tick(), b.tick()])
    expect(runs).toEqual(['2026-11-23'])
    expect([...ra, ...rb]).toEqual([{ name: 'digest', period: '2026-11-23', outcome: 'ran' }])
    const [row] = await t.db.select().from(jobRuns)
    expect(row).toMatchObject({ name: 'digest', period: '2026-11-23', error: null })
    expect(row!.finishedAt).not.toBeNull()
  })

  it('does not run again the same day, on the same or another instance, nor after a restart', async () => {
    const runs: string[] = []
    const first = createScheduler(t.db, { instanceId: 'first', now: at('2026-11-23T08:00:00Z') })
    first.registerJob('digest', countingJob(runs))
    await first.tick()
    await first.tick()
    // "Restart": a new scheduler, later the same day.
    const restarted = createScheduler(t.db, { instanceId: 'restarted', now: at('2026-11-23T22:30:00Z') })
    restarted.registerJob('digest', countingJob(runs))
    expect(await restarted.tick()).toEqual([])
    expect(runs).toEqual(['2026-11-23'])
    // The next day it runs again.
    const nextDay = createScheduler(t.db, { instanceId: 'next', now: at('2026-11-24T07:00:00Z') })
    nextDay.registerJob('digest', countingJob(runs))
    await nextDay.tick()
    expect(runs).toEqual(['2026-11-23', '2026-11-24'])
  })

  it('does not run before the hour (London time)', async () => {
    const runs: string[] = []
    // 06:30 UTC in summer is 07:30 in London: due. 06:30 UTC in winter is 06:30: not due.
    const winter = createScheduler(t.db, { now: at('2026-11-23T06:30:00Z') })
    winter.registerJob('digest', countingJob(runs))
    expect(await winter.tick()).toEqual([])
    const summer = createScheduler(t.db, { now: at('2026-06-15T06:30:00Z') })
    summer.registerJob('digest', countingJob(runs))
    await summer.tick()
    expect(runs).toEqual(['2026-06-15'])
  })

  it('takes over a claim whose instance died (unfinished past the lease), but not a live one', async () => {
    const runs: string[] = []
    await t.db
      .insert(jobRuns)
      .values({ name: 'digest', period: '2026-11-23', claimedBy: 'dead', claimedAt: new Date('2026-11-23T07:00:00Z') })
    const early = createScheduler(t.db, { instanceId: 'early', now: at('2026-11-23T07:20:00Z'), leaseMs: 30 * 60_000 })
    early.registerJob('digest', countingJob(runs))
    expect(await early.tick()).toEqual([])

    const late = () => new Date('2026-11-23T07:31:00Z')
    const a = createScheduler(t.db, { instanceId: 'a', now: late })
    const b = createScheduler(t.db, { instanceId: 'b', now: late })
    a.registerJob('digest', countingJob(runs))
    b.registerJob('digest', countingJob(runs))
    await Promise.all([a.tick(), b.tick()])
    expect(runs).toEqual(['2026-11-23'])
    const [row] = await t.db.select().from(jobRuns)
    expect(['a', 'b']).toContain(row!.claimedBy)
    expect(row!.finishedAt).not.toBeNull()
  })

  it('records a failure and retries it on a later tick', async () => {
    const runs: string[] = []
    let failing = true
    let clock = new Date('2026-11-23T08:00:00Z')
    const logged: string[] = []
    const s = createScheduler(t.db, {
      now: () => clock,
      retryAfterMs: 10 * 60_000,
      logger: { error: (msg) => logged.push(msg), info: () => {} },
    })
    s.registerJob('digest', countingJob(runs, { fail: () => failing }))
    expect(await s.tick()).toEqual([{ name: 'digest', period: '2026-11-23', outcome: 'failed', error: 'boom' }])
    const [failed] = await t.db.select().from(jobRuns)
    expect(failed).toMatchObject({ error: 'boom', finishedAt: null })
    expect(logged).toEqual(['scheduled job failed'])

    failing = false
    clock = new Date('2026-11-23T08:05:00Z')
    expect(await s.tick()).toEqual([]) // too soon to retry
    clock = new Date('2026-11-23T08:11:00Z')
    expect(await s.tick()).toEqual([{ name: 'digest', period: '2026-11-23', outcome: 'ran' }])
    const [done] = await t.db.select().from(jobRuns).where(eq(jobRuns.name, 'digest'))
    expect(done).toMatchObject({ error: null })
    expect(done!.finishedAt).not.toBeNull()
    expect(runs).toEqual(['2026-11-23'])
  })

  it('start() ticks at once and on an interval; stop() waits for a tick in progress', async () => {
    const runs: string[] = []
    let release!: () => void
    const slow = new Promise<void>((r) => (release = r))
    let clock = new Date('2026-11-23T08:00:00Z')
    const s = createScheduler(t.db, { now: () => clock, intervalMs: 5 })
    let secondRun!: () => void
    const ranTwice = new Promise<void>((r) => (secondRun = r))
    s.registerJob('digest', {
      periodFor: dailyAt(7),
      run: async (period) => {
        await slow
        runs.push(period)
        if (runs.length === 2) secondRun()
      },
    })
    s.start()
    release()
    clock = new Date('2026-11-24T08:00:00Z')
    await ranTwice
    await s.stop()
    expect(runs).toEqual(['2026-11-23', '2026-11-24'])
  })
})

describe('periods', () => {
  it('names ISO weeks', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48')
    expect(isoWeek('2026-11-29')).toBe('2026-W48')
    expect(isoWeek('2026-11-30')).toBe('2026-W49')
    expect(isoWeek('2021-01-03')).toBe('2020-W53')
    expect(isoWeek('2024-12-30')).toBe('2025-W01')
    expect(isoWeek('2026-01-01')).toBe('2026-W01')
  })
  it('reads the London hour across the clock change', () => {
    expect(londonHour(new Date('2026-01-15T07:00:00Z'))).toBe(7)
    expect(londonHour(new Date('2026-07-15T07:00:00Z'))).toBe(8)
    expect(londonHour(new Date('2026-07-15T23:30:00Z'))).toBe(0)
  })
  it('is due daily from the hour, weekly from Monday at the hour', () => {
    expect(dailyAt(7)(new Date('2026-11-23T06:59:00Z'))).toBeNull()
    expect(dailyAt(7)(new Date('2026-11-23T07:00:00Z'))).toBe('2026-11-23')
    // 23:30 UTC on 14 July is 00:30 on 15 July in London.
    expect(dailyAt(0)(new Date('2026-07-14T23:30:00Z'))).toBe('2026-07-15')
    const weekly = weeklyOnMondayAt(7)
    expect(weekly(new Date('2026-11-23T06:00:00Z'))).toBeNull() // Monday before 7
    expect(weekly(new Date('2026-11-23T07:00:00Z'))).toBe('2026-W48')
    expect(weekly(new Date('2026-11-25T03:00:00Z'))).toBe('2026-W48') // a missed Monday is caught up
    expect(weekly(new Date('2026-11-29T23:00:00Z'))).toBe('2026-W48') // Sunday night
  })
})
