import type { StrategyStatus } from './strategy.tables.ts'
import { formatPartialDate, type DatePrecision } from '../../shared/partial-dates.ts'

/** What modules above the strategy may use of it without reaching into its internals (ADR 0002). */
export type { StrategyStatus }

export const STRATEGY_STATUS_LABELS: Record<StrategyStatus, string> = { draft: 'Draft', approved: 'Approved', superseded: 'Superseded' }

/** A theme as the public (and the programme) sees it: its stable id and address, and its latest public wording. */
export type PublicTheme = { id: string; slug: string; title: string; description: string | null; position: number; inCurrentStrategy: boolean }

/** A theme a workstream may be placed under: one of the current or draft strategy's themes. */
export type ThemeOption = { id: string; slug: string; title: string }

/** How an approval reads: "Approved by the Executive in June 2015". */
export type ApprovalSummary = {
  bodyName: string
  bodySlug: string
  approvedOn: string
  approvedOnPrecision: DatePrecision
  meeting: { id: string; date: string; public: boolean } | null
  decision: { id: string; text: string; itemNumber: string; itemTitle: string; public: boolean } | null
}

/** "2015 to 2020", "from 2015", "to 2020" or "". */
export function periodText(from: number | null, to: number | null): string {
  if (from && to) return from === to ? String(from) : `${from} to ${to}`
  if (from) return `from ${from}`
  if (to) return `to ${to}`
  return ''
}

/** "Approved by Chorley Public Services Reform Executive in June 2015" or "... on 27 September 2016". */
export function approvalText(a: Pick<ApprovalSummary, 'bodyName' | 'approvedOn' | 'approvedOnPrecision'>): string {
  const when = formatPartialDate(a.approvedOn, a.approvedOnPrecision)
  return `Approved by ${a.bodyName} ${a.approvedOnPrecision === 'month' ? 'in' : 'on'} ${when}`
}
