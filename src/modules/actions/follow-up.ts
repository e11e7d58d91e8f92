import { addDays, formatDate } from '../../shared/dates.ts'
import type { ActionStatus } from './actions.tables.ts'

/**
 * How far an unfinished action has fallen behind, told honestly. "Overdue" is true of an action due last week
 * and of one due eleven years ago, but they are not the same thing: when nobody has said anything about an
 * overdue action for a long time, or its body has met several times since without hearing of it, the body has
 * moved on and a red "Overdue" tag for ever is not the truth. Such an action is "not followed up", and the page
 * says since when and for how long. Pure: the caller gives today and the dates of the body's meetings.
 */

/** The body has met this many times since the action was last heard of (or fell due) without a word on it. */
export const NOT_FOLLOWED_UP_AFTER_MEETINGS = 3
/** Or this many days have passed since then. */
export const NOT_FOLLOWED_UP_AFTER_DAYS = 365

export type FollowUp =
  /** Finished, never due, or not due yet. */
  | { state: 'none' }
  /** Due before today and still open or in progress; heard of recently. */
  | { state: 'overdue'; dueOn: string }
  /** Overdue, and nothing heard since `quietSince` (its due date, or the last update after it). */
  | { state: 'not_followed_up'; dueOn: string; lastHeardOn: string; quietSince: string; meetingsSince: number }

export type FollowUpInput = {
  status: ActionStatus
  dueOn: string | null
  raisedOn: string
  /** London date of the latest update of any kind, or null when it has none. */
  lastUpdateOn: string | null
}

/**
 * The follow-up state of an action on `today`. `meetingDates` are the London dates of its body's meetings that
 * were not cancelled (any order; dates after today are ignored).
 */
export function followUpState(action: FollowUpInput, today: string, meetingDates: readonly string[]): FollowUp {
  if (action.status !== 'open' && action.status !== 'in_progress') return { state: 'none' }
  if (action.dueOn === null || action.dueOn >= today) return { state: 'none' }
  const lastHeardOn = action.lastUpdateOn !== null && action.lastUpdateOn > action.raisedOn ? action.lastUpdateOn : action.raisedOn
  // Quiet since it fell due, or since the last word on it when that came later.
  const quietSince = lastHeardOn > action.dueOn ? lastHeardOn : action.dueOn
  const meetingsSince = meetingDates.filter((d) => d > quietSince && d < today).length
  const longQuiet = addDays(quietSince, NOT_FOLLOWED_UP_AFTER_DAYS) < today
  if (longQuiet || meetingsSince >= NOT_FOLLOWED_UP_AFTER_MEETINGS) {
    return { state: 'not_followed_up', dueOn: action.dueOn, lastHeardOn, quietSince, meetingsSince }
  }
  return { state: 'overdue', dueOn: action.dueOn }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** Whole calendar months from `from` to `to` (0 when `to` is before the same day of the next month). */
function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
  return Math.max(0, months)
}

/** "11 years", "14 months", "3 weeks", "5 days": the time from `from` to `to`, in the largest whole unit. */
export function elapsedText(from: string, to: string): string {
  const months = wholeMonths(from, to)
  if (months >= 24) return plural(Math.floor(months / 12), 'year')
  if (months >= 1) return plural(months, 'month')
  const days = Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000))
  return days >= 14 ? plural(Math.floor(days / 7), 'week') : plural(days, 'day')
}

const monthYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' })
/** "March 2015" */
export const formatMonth = (date: string): string => monthYear.format(new Date(`${date}T00:00:00Z`))

export type FollowUpView = {
  /** A GOV.UK tag, or null when there is nothing to flag. */
  tag: { text: string; classes: string } | null
  /** One sentence saying since when, for pages and screen readers; null when there is nothing to say. */
  detail: string | null
}

/** What a page prints for a follow-up state. */
export function followUpView(f: FollowUp, today: string): FollowUpView {
  if (f.state === 'none') return { tag: null, detail: null }
  if (f.state === 'overdue') return { tag: { text: 'Overdue', classes: 'govuk-tag--red' }, detail: `Overdue since ${formatDate(f.dueOn)}` }
  const met = f.meetingsSince > 0 ? `; the body has met ${plural(f.meetingsSince, 'time')} since` : ''
  return {
    tag: { text: 'Not followed up', classes: 'govuk-tag--grey' },
    detail: `Overdue since ${formatMonth(f.dueOn)} – not updated for ${elapsedText(f.lastHeardOn, today)}${met}`,
  }
}
