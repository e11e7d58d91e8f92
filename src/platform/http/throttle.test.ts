import { describe, expect, it } from 'vitest'
import { createThrottle } from './throttle.ts'

describe('failed-attempt throttle', () => {
  it('refuses a key after the limit until the window passes', () => {
    let t = 0
    const th = createThrottle({ limit: 3, windowMs: 1000, now: () => t })
    for (let i = 0; i < 3; i++) {
      expect(th.retryAfterMs('a')).toBe(0)
      th.fail('a')
    }
    expect(th.retryAfterMs('a')).toBe(1000)
    expect(th.retryAfterMs('b')).toBe(0)
    t = 600
    expect(th.retryAfterMs('a')).toBe(400)
    t = 1000
    expect(th.retryAfterMs('a')).toBe(0)
  })
  it('forgets a key on success', () => {
    const th = createThrottle({ limit: 2, windowMs: 1000, now: () => 0 })
    th.fail('a')
    th.reset('a')
    th.fail('a')
    expect(th.retryAfterMs('a')).toBe(0)
  })
  it('bounds its memory', () => {
    const th = createThrottle({ limit: 1, windowMs: 1000, now: () => 0, maxKeys: 2 })
    th.fail('a')
    th.fail('b')
    th.fail('c')
    expect(th.retryAfterMs('a')).toBe(0)
    expect(th.retryAfterMs('c')).toBe(1000)
  })
})
