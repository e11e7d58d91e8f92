import type { Db } from '../db/client.ts'
import { auditEvents } from './audit.tables.ts'

export type Actor = { userId: string } | { system: string }

export type AuditEntry = {
  event: string
  subjectType: string
  subjectId: string
  /**
   * The partnership the change belongs to (a body's, a meeting's, an action's, a role's), when the use case knows
   * it: that partnership's secretariat sees the event in the audit log. Account events that belong to no
   * partnership (sign-in, an admin's changes) leave it out, and only admins see them.
   */
  partnershipId?: string | null
  /** Details shown in the audit log and its CSV: never a password, hash, token or code. */
  data?: Record<string, unknown>
}

/** Record an audit event. Call it with the transaction that makes the change. */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: 'userId' in actor ? actor.userId : null,
    partnershipId: entry.partnershipId ?? null,
    event: entry.event,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: { ...(entry.data ?? {}), ...('system' in actor ? { system: actor.system } : {}) },
  })
}
