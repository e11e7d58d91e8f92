import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { conflict, notFound, validation, type FieldErrors } from '../../platform/http/errors.ts'
import type { StructureRepository } from './structure.repository.ts'

/** What every structure use case needs: the database (for its transaction) and the queries. */
export type StructureDeps = { db: Db; repo: StructureRepository }

/** Who makes a change: recorded in the audit trail. */
export type StructureActor = { userId: string }
/** A change whose rules depend on what the user manages (attaching a partnership under another). */
export type StructureEditor = StructureActor & Pick<CurrentUser, 'isAdmin' | 'secretariatOf'>

export type Versioned<T> = T & { version: number }

/** Empty strings and undefined become null for nullable columns. */
export const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v)

/**
 * The audit record of a change; the subject type is the event's prefix (`body.updated` -> `body`). The
 * partnership it belongs to (a body's, a seat's body's) lets that partnership's secretariat see it in the audit
 * log; the shared registers (organisations, people) belong to none.
 */
export function audit(tx: Db, actor: StructureActor, event: string, subjectId: string, data: Record<string, unknown>, partnershipId?: string) {
  return recordAudit(tx, { userId: actor.userId }, { event, subjectType: event.slice(0, event.indexOf('.')), subjectId, partnershipId, data })
}

/** A versioned update that changed nothing: someone else saved first (CONFLICT), or the record is gone (NOT_FOUND). */
export async function staleOrGone(exists: Promise<unknown>, what: string, message?: string): Promise<never> {
  throw (await exists) ? conflict(message) : notFound(what)
}

/** A record that must exist; NOT_FOUND names what it is. */
export async function found<T>(row: Promise<T | undefined>, what: string): Promise<T> {
  const value = await row
  if (!value) throw notFound(what)
  return value
}

/** Runs a change; a unique or foreign key violation becomes a field error, never a 500. */
export async function guarded<T>(work: () => Promise<T>, fallback: FieldErrors): Promise<T> {
  try {
    return await work()
  } catch (err) {
    const code = pgErrorCode(err)
    if (code === '23505' || code === '23503') throw validation(fallback)
    throw err
  }
}

/** A slug not yet used in the table: the first free candidate, else the first with -2, -3... */
export async function uniqueSlug(
  { repo }: StructureDeps,
  tx: Db,
  table: 'organisations' | 'partnerships' | 'bodies',
  candidates: string[],
): Promise<string> {
  const base = candidates[0]!
  for (const candidate of candidates) {
    const taken = await repo.slugsLike(table, candidate, tx)
    if (!taken.includes(candidate)) return candidate
  }
  const taken = new Set(await repo.slugsLike(table, base, tx))
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function assertOrganisationExists({ repo }: StructureDeps, tx: Db, id: string | undefined, field: string): Promise<void> {
  if (id && !(await repo.findOrganisationById(id, tx))) throw validation({ [field]: 'Select an organisation from the list' })
}

/** The SQLSTATE of a database error, looking through the ORM's wrapper. */
function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
