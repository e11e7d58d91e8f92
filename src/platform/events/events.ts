import type { Db } from '../db/client.ts'

/**
 * Domain events, delivered inside the transaction that caused them. A lower module (meetings) announces what
 * happened (`agenda_published`, `minutes_approved` ...) without knowing who listens; a higher one (publishing)
 * subscribes in the composition root. Handlers run in order, awaited, with the emitter's `tx`: what they write
 * commits or rolls back with the change itself. A handler that throws aborts the change.
 */
export type EventHandler<E> = (tx: Db, event: E) => Promise<void>

export type EventBus<E extends { type: string }> = {
  publish: (tx: Db, event: E) => Promise<void>
  subscribe: <T extends E['type']>(type: T | '*', handler: EventHandler<Extract<E, { type: T }>>) => void
}

export function createEventBus<E extends { type: string }>(): EventBus<E> {
  const handlers: { type: string; handler: EventHandler<E> }[] = []
  return {
    async publish(tx, event) {
      for (const h of handlers) if (h.type === '*' || h.type === event.type) await h.handler(tx, event)
    },
    subscribe(type, handler) {
      handlers.push({ type, handler: handler as EventHandler<E> })
    },
  }
}
