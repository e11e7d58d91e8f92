/**
 * Failed-attempt throttling (OWASP ASVS 2.2.1): after `limit` failures for one key within `windowMs`,
 * the key is refused until the window has passed since the first failure. In memory, per instance:
 * with several instances each counts on its own, which still bounds guessing to limit x instances.
 */
export type Throttle = {
  /** Milliseconds until the key may try again, or 0. */
  retryAfterMs: (key: string) => number
  fail: (key: string) => void
  reset: (key: string) => void
}

export function createThrottle(opts: { limit: number; windowMs: number; now?: () => number; maxKeys?: number }): Throttle {
  const now = opts.now ?? Date.now
  const maxKeys = opts.maxKeys ?? 50_000
  const failures = new Map<string, { count: number; since: number }>()
  const live = (key: string) => {
    const entry = failures.get(key)
    if (entry && now() - entry.since >= opts.windowMs) {
      failures.delete(key)
      return undefined
    }
    return entry
  }
  return {
    retryAfterMs: (key) => {
      const entry = live(key)
      return entry && entry.count >= opts.limit ? opts.windowMs - (now() - entry.since) : 0
    },
    fail: (key) => {
      const entry = live(key)
      if (entry) entry.count++
      else {
        if (failures.size >= maxKeys) failures.delete(failures.keys().next().value!)
        failures.set(key, { count: 1, since: now() })
      }
    },
    reset: (key) => {
      failures.delete(key)
    },
  }
}
