import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { toQuery, type AuditFilters } from './audit-filters.ts'
import { auditScope } from './auditlog.policy.ts'
import type { AuditLogRepository, AuditRow, Cursor } from './auditlog.repository.ts'

export type { AuditRow, Cursor } from './auditlog.repository.ts'

export const AUDIT_PAGE_SIZE = 50
/** Rows read per query while a CSV streams: the file is never held whole in memory. */
export const EXPORT_BATCH = 500

/** A page of the log, and the ids to page from: older (next) and newer (previous), when there are any. */
export type AuditPage = { rows: AuditRow[]; older?: number; newer?: number }

/** The audit log: reading it (scoped by auditlog.policy) and downloading it, which is itself audited. */
export function auditLogService(db: Db, repo: AuditLogRepository, opts: { pageSize?: number; exportBatch?: number } = {}) {
  const pageSize = opts.pageSize ?? AUDIT_PAGE_SIZE
  const batchSize = opts.exportBatch ?? EXPORT_BATCH
  return {
    /** One page of events the user may see, newest first. Throws FORBIDDEN for anyone but an admin or a secretariat. */
    async findEvents(user: CurrentUser, filters: AuditFilters, cursor?: Cursor): Promise<AuditPage> {
      const scope = auditScope(user)
      const { rows, more } = await repo.findEvents(scope, toQuery(filters), pageSize, cursor)
      const first = rows[0]
      const last = rows.at(-1)
      if (!cursor) return { rows, older: more ? last?.id : undefined }
      if ('after' in cursor) return { rows, older: more ? last?.id : undefined, newer: first?.id }
      return { rows, older: last?.id, newer: more ? first?.id : undefined }
    },

    /** Checks the user may see the log (FORBIDDEN otherwise), before anything is read. */
    assertCanSee(user: CurrentUser): void {
      auditScope(user)
    },

    /**
     * Every event the filters match, newest first, in batches read as they are consumed (a CSV streams them).
     * The download is recorded first, with its filters, in its own transaction: a download that fails halfway
     * is still on the record.
     */
    async exportEvents(user: CurrentUser, filters: AuditFilters): Promise<AsyncGenerator<AuditRow[]>> {
      const scope = auditScope(user)
      await db.transaction(async (tx) => {
        await recordAudit(tx, { userId: user.id }, {
          event: 'audit.exported',
          subjectType: 'audit_log',
          subjectId: 'csv',
          // A secretariat of one partnership downloads that partnership's log; wider downloads are for admins to see.
          partnershipId: scope?.length === 1 ? scope[0] : null,
          data: { filters, partnerships: scope ?? 'all' },
        })
      })
      const query = toQuery(filters)
      async function* batches(): AsyncGenerator<AuditRow[]> {
        let cursor: Cursor | undefined
        for (;;) {
          const { rows, more } = await repo.findEvents(scope, query, batchSize, cursor)
          if (rows.length) yield rows
          if (!more) return
          cursor = { after: rows.at(-1)!.id }
        }
      }
      return batches()
    },
  }
}
export type AuditLogService = ReturnType<typeof auditLogService>
