import { describe, expect, it } from 'vitest'
import type { Db } from '../db/client.ts'
import { createEventBus } from './events.ts'

type E = { type: 'a'; n: number } | { type: 'b'; s: string }
const tx = {} as Db

describe('event bus', () => {
  it('delivers each event to its subscribers, in subscription order, with the transaction', async () => {
    const bus = createEventBus<E>()
    const seen: string[] = []
    bus.subscribe('a', (t, e) => { seen.push(`a1:${e.n}:${t === tx}`); return Promise.resolve() })
    bus.subscribe('*', (_t, e) => { seen.push(`all:${e.type}`); return Promise.resolve() })
    bus.subscribe('a', (_t, e) => { seen.push(`a2:${e.n}`); return Promise.resolve() })
    bus.subscribe('b', (_t, e) => { seen.push(`b:${e.s}`); return Promise.resolve() })
    await bus.publish(tx, { type: 'a', n: 1 })
    await bus.publish(tx, { type: 'b', s: 'x' })
    expect(seen).toEqual(['a1:1:true', 'all:a', 'a2:1', 'all:b', 'b:x'])
  })

  it('lets a failing handler abort the publisher (so its transaction rolls back)', async () => {
    const bus = createEventBus<E>()
    bus.subscribe('a', () => Promise.reject(new Error('no')))
    await expect(bus.publish(tx, { type: 'a', n: 1 })).rejects.toThrow('no')
  })
})
