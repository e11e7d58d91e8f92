import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { LONDON, addDays, dayOfWeek, londonDate } from '../../shared/dates.ts'
import { jobRuns } from './jobs.tables.ts'

/**
 * A job: `periodFor(now)` names the run that is due now ('2026-11-23', '2026-W48'), or null when none is;
 * `run(period)` does the work. Each (job, period) runs once across restarts and app instances (ADR 0005).
 */
export type JobDefinition = {
  periodFor: (now: Date) => string | null
  run: (period: string) => Promise<void>
}

export type JobOutcome = { name: string; period: string; outcome: 'ran' | 'failed'; error?: string }

export type SchedulerLogger = {
  error: (msg: string, meta?: Record<string, unknown>) => void
  info: (msg: string, meta?: Record<string, unknown>) => void
}

export type SchedulerOptions = {
  /** Recorded in job_runs.claimed_by. Default: host, pid and a random suffix. */
  instanceId?: string
  now?: () => Date
  /** A claim unfinished after this long is presumed dead and may be taken over. Default 30 minutes. */
  leaseMs?: number
  /** A run that failed may be retried once this long has passed since it was claimed. Default 10 minutes. */
  retryAfterMs?: number
  /** How often start() ticks. Default one minute. */
  intervalMs?: number
  logger?: SchedulerLogger
}

export type Scheduler = ReturnType<typeof createScheduler>

/**
 * A domain-free scheduler on the job_runs table. A tick claims each due (name, period) with
 * INSERT ... ON CONFLICT DO NOTHING RETURNING: exactly one instance wins. A claim left unfinished past its lease
 * (the instance died) or failed (error set) is taken over under a row lock with SKIP LOCKED, so two instances
 * never take it over together. Success sets finished_at; failure sets error and leaves finished_at null.
 */
export function createScheduler(db: Db, opts: SchedulerOptions = {}) {
  const instanceId = opts.instanceId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const now = opts.now ?? (() => new Date())
  const leaseMs = opts.leaseMs ?? 30 * 60_000
  const retryAfterMs = opts.retryAfterMs ?? 10 * 60_000
  const intervalMs = opts.intervalMs ?? 60_000
  const logger = opts.logger
  const jobs = new Map<string, JobDefinition>()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<JobOutcome[]> | null = null

  /** Claim (name, period) for this instance: a new row, or a dead or failed claim taken over. */
  async function claim(name: string, period: string, at: Date): Promise<boolean> {
    const inserted = await db
      .insert(jobRuns)
      .values({ name, period, claimedBy: instanceId, claimedAt: at })
      .onConflictDoNothing()
      .returning({ name: jobRuns.name })
    if (inserted.length > 0) return true
    const leaseEnd = new Date(at.getTime() - leaseMs).toISOString()
    const retryEnd = new Date(at.getTime() - retryAfterMs).toISOString()
    return db.transaction(async (tx) => {
      const [stale] = await tx
        .select({ name: jobRuns.name })
        .from(jobRuns)
        .where(
          and(
            eq(jobRuns.name, name),
            eq(jobRuns.period, period),
            isNull(jobRuns.finishedAt),
            sql`(${jobRuns.claimedAt} < ${leaseEnd}::timestamptz or (${jobRuns.error} is not null and ${jobRuns.claimedAt} < ${retryEnd}::timestamptz))`,
          ),
        )
        .for('update', { skipLocked: true })
      if (!stale) return false
      await tx
        .update(jobRuns)
        .set({ claimedBy: instanceId, claimedAt: at, error: null })
        .where(and(eq(jobRuns.name, name), eq(jobRuns.period, period)))
      return true
    })
  }

  async function finish(name: string, period: string, error: string | null): Promise<void> {
    await db
      .update(jobRuns)
      .set(error === null ? { finishedAt: now(), error: null } : { error })
      .where(and(eq(jobRuns.name, name), eq(jobRuns.period, period), eq(jobRuns.claimedBy, instanceId)))
  }

  async function tickOnce(): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = []
    for (const [name, job] of jobs) {
      const at = now()
      const period = job.periodFor(at)
      if (period === null) continue
      if (!(await claim(name, period, at))) continue
      try {
        await job.run(period)
        await finish(name, period, null)
        outcomes.push({ name, period, outcome: 'ran' })
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err)
        await finish(name, period, message.slice(0, 2000))
        logger?.error('scheduled job failed', { job: name, period, error: err instanceof Error ? err.stack : message })
        outcomes.push({ name, period, outcome: 'failed', error: message })
      }
    }
    return outcomes
  }

  /** Run every job that is due and not yet run (or claimed) for its period. Ticks never overlap. */
  function tick(): Promise<JobOutcome[]> {
    if (running) return running
    running = tickOnce().finally(() => {
      running = null
    })
    return running
  }

  return {
    instanceId,
    registerJob(name: string, job: JobDefinition): void {
      if (jobs.has(name)) throw new Error(`Job ${name} is already registered`)
      jobs.set(name, job)
    },
    tick,
    /** Tick now and then every interval; the timer does not keep the process alive. */
    start(): void {
      if (timer) return
      const safeTick = () => {
        tick().catch((err: unknown) => logger?.error('scheduler tick failed', { error: String(err) }))
      }
      timer = setInterval(safeTick, intervalMs).unref()
      safeTick()
    },
    /** Stop ticking and wait for a tick in progress to end. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = null
      if (running) await running.catch(() => {})
    },
  }
}

// ---- periods ----

const londonHourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', hourCycle: 'h23' })

/** The hour (0-23) on a London clock at an instant. */
export function londonHour(instant: Date): number {
  return Number(londonHourFormat.format(instant))
}

/** The ISO 8601 week of a calendar date, like '2026-W48' (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeek(date: string): string {
  const dow = (dayOfWeek(date) + 6) % 7 // Monday 0 ... Sunday 6
  const thursday = addDays(date, 3 - dow)
  const year = Number(thursday.slice(0, 4))
  const ordinal = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000)
  return `${year}-W${String(Math.floor(ordinal / 7) + 1).padStart(2, '0')}`
}

/** Daily from `hour` London time: the London date, else null. */
export function dailyAt(hour: number): (now: Date) => string | null {
  return (now) => (londonHour(now) >= hour ? londonDate(now) : null)
}

/**
 * Weekly from Monday at `hour` London time: the ISO week. A week whose Monday was missed (the service was
 * down) still gets its run later that week.
 */
export function weeklyOnMondayAt(hour: number): (now: Date) => string | null {
  return (now) => {
    const today = londonDate(now)
    if (dayOfWeek(today) === 1 && londonHour(now) < hour) return null
    return isoWeek(today)
  }
}
