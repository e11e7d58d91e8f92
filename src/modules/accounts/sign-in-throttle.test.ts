import { describe, expect, it } from 'vitest'
import { createSignInThrottle, PAIR_FREE_ATTEMPTS } from './sign-in-throttle.ts'

const MIN = 60_000

function clock() {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('sign-in throttle', () => {
  it('admits five attempts per account and address, then makes each further one wait longer, up to 15 minutes', () => {
    const c = clock()
    const t = createSignInThrottle({ now: c.now })
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(true)
    const refused = t.admit('jo@example.org', '1.1.1.1')
    expect(refused).toEqual({ ok: false, retryAfterMs: MIN })
    c.advance(MIN)
    expect(t.admit('JO@example.org ', '1.1.1.1').ok).toBe(true) // the account key ignores case and spaces
    expect(t.admit('jo@example.org', '1.1.1.1')).toEqual({ ok: false, retryAfterMs: 2 * MIN })
    c.advance(2 * MIN)
    expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(true)
    expect(t.admit('jo@example.org', '1.1.1.1')).toEqual({ ok: false, retryAfterMs: 4 * MIN })
    for (const wait of [4, 8, 15, 15]) {
      c.advance(wait * MIN)
      expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(true)
    }
    const capped = t.admit('jo@example.org', '1.1.1.1')
    expect(capped.ok ? 0 : capped.retryAfterMs).toBe(15 * MIN)
  })

  it('does not count a refused attempt, and slows only that address for that account', () => {
    const t = createSignInThrottle({ now: clock().now })
    for (let i = 0; i < 20; i++) t.admit('jo@example.org', '1.1.1.1')
    expect(t.admit('jo@example.org', '2.2.2.2').ok).toBe(true)
    expect(t.admit('sam@example.org', '1.1.1.1').ok).toBe(true)
  })

  it('a success clears its pair and gives back its counts', () => {
    const t = createSignInThrottle({ now: clock().now })
    for (let i = 0; i < 4; i++) t.admit('jo@example.org', '1.1.1.1')
    const ok = t.admit('jo@example.org', '1.1.1.1')
    if (!ok.ok) throw new Error('should be admitted')
    t.succeeded(ok.ticket)
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(true)
  })

  it('a sign-in completed by a second factor clears the password pair and makes the address known', () => {
    const t = createSignInThrottle({ now: clock().now })
    // Right passwords, each awaiting a code: they stay counted until the code completes the sign-in.
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) expect(t.admit('jo@example.org', '10.0.0.1').ok).toBe(true)
    expect(t.admit('jo@example.org', '10.0.0.1').ok).toBe(false)
    t.completed('JO@example.org', '10.0.0.1')
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) expect(t.admit('jo@example.org', '10.0.0.1').ok).toBe(true)
    // Known now: strangers filling the account's hourly limit do not shut this address out.
    for (let i = 0; i < 100; i++) t.admit('jo@example.org', `203.0.113.${i}`)
    expect(t.admit('jo@example.org', '198.51.100.1').ok).toBe(false)
    t.completed('jo@example.org', '10.0.0.1')
    expect(t.admit('jo@example.org', '10.0.0.1').ok).toBe(true)
  })

  it('gives back the address count of a sign-in completed by a second factor (an office behind one address)', () => {
    const t = createSignInThrottle({ now: clock().now })
    for (let i = 0; i < 60; i++) {
      expect(t.admit(`user${i}@example.org`, '9.9.9.9').ok, `user ${i}`).toBe(true)
      t.completed(`user${i}@example.org`, '9.9.9.9')
    }
  })

  it('limits one address to 50 attempts in 15 minutes across accounts', () => {
    const c = clock()
    const t = createSignInThrottle({ now: c.now })
    for (let i = 0; i < 50; i++) expect(t.admit(`user${i}@example.org`, '9.9.9.9').ok).toBe(true)
    expect(t.admit('another@example.org', '9.9.9.9')).toEqual({ ok: false, retryAfterMs: 15 * MIN })
    c.advance(15 * MIN)
    expect(t.admit('another@example.org', '9.9.9.9').ok).toBe(true)
  })

  it('limits one account to 100 attempts an hour from strange addresses, but not from one it signed in from', () => {
    const c = clock()
    const t = createSignInThrottle({ now: c.now })
    const home = t.admit('jo@example.org', '10.0.0.1')
    if (!home.ok) throw new Error('should be admitted')
    t.succeeded(home.ticket)
    for (let i = 0; i < 100; i++) expect(t.admit('jo@example.org', `203.0.113.${i}`).ok).toBe(true)
    const stranger = t.admit('jo@example.org', '198.51.100.1')
    expect(stranger.ok).toBe(false)
    expect(stranger.ok ? 0 : stranger.retryAfterMs).toBe(60 * MIN)
    expect(t.admit('jo@example.org', '10.0.0.1').ok).toBe(true)
    c.advance(31 * 24 * 60 * MIN) // a month later the address is no longer known, and the hour has passed
    expect(t.admit('jo@example.org', '198.51.100.1').ok).toBe(true)
  })

  it('keeps at most maxKeys entries', () => {
    const t = createSignInThrottle({ now: clock().now, maxKeys: 3 })
    for (let i = 0; i < 10; i++) t.admit(`u${i}@example.org`, `a${i}`)
    // the oldest pairs were forgotten: u0 may try five more times
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) expect(t.admit('u0@example.org', 'a0').ok).toBe(true)
  })
})

describe('sign-in throttle memory', () => {
  it('forgets a pair after an hour with no attempt, not after merely waiting out the longest wait', () => {
    const c = clock()
    const t = createSignInThrottle({ now: c.now })
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) t.admit('jo@example.org', '1.1.1.1')
    c.advance(15 * MIN)
    expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(true)
    expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(false)
    c.advance(60 * MIN)
    for (let i = 0; i < PAIR_FREE_ATTEMPTS; i++) expect(t.admit('jo@example.org', '1.1.1.1').ok).toBe(true)
  })
})
