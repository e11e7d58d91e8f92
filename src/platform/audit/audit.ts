import type { Db } from '../db/client.ts'
import { auditEvents } from './audit.tables.ts'

export type Actor = { userId: string } | { system: string }

export type AuditEntry = {
  event: string
  subjectType: string
  subjectId: string
  data?: Record<string, unknown>
}

/** Record an audit event. Call it with the transaction that makes the change. */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: 'userId' in actor ? actor.userId : null,
    event: entry.event,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: { ...(entry.data ?? {}), ...('system' in actor ? { system: actor.system } : {}) },
  })
}
