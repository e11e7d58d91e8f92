import { sql, type SQL } from 'drizzle-orm'
import { strategyVersions } from './strategy.tables.ts'
/**
 * The declared read surface of this module (ADR 0002): the rows other modules may read and join (the programme's
 * workstreams sit under themes; read models will read versions and themes). Reading only: to change them, call
 * this module's service.
 */
export { strategyVersions, strategyPrinciples, strategyAims, themes, strategyVersionThemes } from './strategy.tables.ts'
export { STRATEGY_STATUSES, type StrategyStatus } from './strategy.tables.ts'

/**
 * The one rule for a strategy version the public may see, as a condition on `strategy_versions` (ADR 0008): it
 * has been approved (the current one, or one superseded since). A draft, and a draft superseded without approval,
 * never is.
 */
export function publicStrategyVersionSql(v: { status: unknown; approvedOn: unknown } = strategyVersions): SQL {
  return sql`(${v.status} in ('approved', 'superseded') and ${v.approvedOn} is not null)`
}

/** The same rule for one version. */
export const isPublicVersion = (v: { status: string; approvedOn: string | null }): boolean =>
  (v.status === 'approved' || v.status === 'superseded') && v.approvedOn !== null
