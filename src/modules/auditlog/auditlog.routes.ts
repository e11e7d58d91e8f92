import { Hono, type Context } from 'hono'
import { requireUser } from '../../platform/http/auth.ts'
import { privatePage } from '../../platform/http/params.ts'
import type { AppEnv, CurrentUser } from '../../platform/http/types.ts'
import { render } from '../../platform/views/render.ts'
import { londonToday } from '../../shared/dates.ts'
import type { Services } from '../../services.ts'
import { parseFilters } from './audit-filters.ts'
import { auditLogPage } from './auditlog.page.ts'
import { auditPaths } from './auditlog.paths.ts'
import { auditScope } from './auditlog.policy.ts'
import { auditCsvFilename, auditCsvRow, CSV_HEADER } from './auditlog.presenter.ts'
import type { Cursor } from './auditlog.service.ts'
import { CSV_BOM, csvLine } from './csv.ts'

type C = Context<AppEnv>
const VIEW = 'auditlog/views/audit-log.njk'

/** ?after=<id> (older) or ?before=<id> (newer); anything else is the first page. */
function cursorOf(c: C): Cursor | undefined {
  const id = (name: string) => {
    const v = c.req.query(name)
    return v && /^\d{1,15}$/.test(v) ? Number(v) : undefined
  }
  const after = id('after')
  if (after !== undefined) return { after }
  const before = id('before')
  return before !== undefined ? { before } : undefined
}

/** /manage/audit: the audit log, filtered and paged; /manage/audit.csv: the same events as a streamed CSV. */
export function auditLogRoutes({ auditLog, structure }: Pick<Services, 'auditLog' | 'structure'>) {
  const app = new Hono<AppEnv>()

  /** The signed-in user, once they may see the log (401 / 403 otherwise), and the names of what they see. */
  const viewer = async (c: C): Promise<{ user: CurrentUser; scopeNames: string[] | null }> => {
    const user = requireUser(c)
    const scope = auditScope(user)
    privatePage(c)
    return { user, scopeNames: scope ? (await structure.listPartnerships(scope)).map((p) => p.name) : null }
  }

  app.get(auditPaths.manage.log(), async (c) => {
    const { user, scopeNames } = await viewer(c)
    const parsed = parseFilters(c.req.query())
    const cursor = cursorOf(c)
    const failed = Object.keys(parsed.errors).length > 0
    const page = failed ? null : await auditLog.findEvents(user, parsed.filters, cursor)
    return render(c, VIEW, auditLogPage({ ...parsed, page, scopeNames, paged: !!cursor }), failed ? 400 : 200)
  })

  app.get(auditPaths.manage.csv(), async (c) => {
    const { user, scopeNames } = await viewer(c)
    const parsed = parseFilters(c.req.query())
    if (Object.keys(parsed.errors).length > 0) return render(c, VIEW, auditLogPage({ ...parsed, page: null, scopeNames, paged: false }), 400)
    const batches = await auditLog.exportEvents(user, parsed.filters)
    const encoder = new TextEncoder()
    let started = false
    // Pulled as the client reads: one batch of rows in memory at a time, never the whole file.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true
          controller.enqueue(encoder.encode(CSV_BOM + csvLine(CSV_HEADER)))
          return
        }
        const next = await batches.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value.map((row) => csvLine(auditCsvRow(row))).join('')))
      },
      async cancel() {
        await batches.return(undefined)
      },
    })
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${auditCsvFilename(londonToday())}"`,
    })
  })

  return app
}
