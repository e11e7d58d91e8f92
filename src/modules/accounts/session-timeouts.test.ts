import { describe, expect, it } from 'vitest'
import { DEFAULT_SESSION_TIMEOUTS, expiresAt, isLive, liveSince, sessionTimeouts, touchInterval } from './session-timeouts.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const t0 = new Date('2026-03-02T09:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)
const limits = { idleMs: 30 * MIN, absoluteMs: 2 * HOUR }

describe('session timeouts', () => {
  it('reads SESSION_IDLE_MINUTES and SESSION_ABSOLUTE_HOURS, defaulting to 8 hours idle and 24 absolute', () => {
    expect(sessionTimeouts({ sessionIdleMinutes: 15, sessionAbsoluteHours: 12 })).toEqual({ idleMs: 15 * MIN, absoluteMs: 12 * HOUR })
    expect(DEFAULT_SESSION_TIMEOUTS).toEqual({ idleMs: 8 * HOUR, absoluteMs: 24 * HOUR })
  })

  it('ends a session idle for the idle limit, not a moment before', () => {
    const s = { createdAt: t0, lastSeenAt: t0 }
    expect(isLive(s, at(30 * MIN - 1), limits)).toBe(true)
    expect(isLive(s, at(30 * MIN), limits)).toBe(false)
    expect(isLive(s, at(31 * MIN), limits)).toBe(false)
  })

  it('ends a busy session at the absolute limit from when it began, however recently it was used', () => {
    const busy = (now: Date) => ({ createdAt: t0, lastSeenAt: new Date(now.getTime() - MIN) })
    expect(isLive(busy(at(2 * HOUR - 1)), at(2 * HOUR - 1), limits)).toBe(true)
    expect(isLive(busy(at(2 * HOUR)), at(2 * HOUR), limits)).toBe(false)
    expect(isLive(busy(at(5 * HOUR)), at(5 * HOUR), limits)).toBe(false)
  })

  it('gives the cut-offs the database query applies', () => {
    expect(liveSince(at(3 * HOUR), limits)).toEqual({ lastSeenAfter: at(3 * HOUR - 30 * MIN), createdAfter: at(HOUR) })
  })

  it('expires at the earlier of idle and absolute', () => {
    expect(expiresAt({ createdAt: t0, lastSeenAt: t0 }, limits)).toEqual(at(30 * MIN))
    expect(expiresAt({ createdAt: t0, lastSeenAt: at(HOUR) }, limits)).toEqual(at(HOUR + 30 * MIN))
    expect(expiresAt({ createdAt: t0, lastSeenAt: at(HOUR + 45 * MIN) }, limits)).toEqual(at(2 * HOUR))
  })

  it('refreshes last activity every 5 minutes at most, sooner when the idle limit is short', () => {
    expect(touchInterval(DEFAULT_SESSION_TIMEOUTS)).toBe(5 * MIN)
    expect(touchInterval({ idleMs: 30 * MIN, absoluteMs: HOUR })).toBe(3 * MIN)
    expect(touchInterval({ idleMs: 5 * MIN, absoluteMs: HOUR })).toBe(30_000)
  })
})
