import { describe, expect, it } from 'vitest'
import { ACTION_STATUSES } from './actions.tables.ts'
import { canTransition, daysOpen, isOnLog, isOverdue } from './action-status.ts'

describe('action state machine', () => {
  const allowed: [string, string][] = [
    ['open', 'in_progress'], ['open', 'completed'], ['open', 'cleared'], ['open', 'dropped'],
    ['in_progress', 'open'], ['in_progress', 'completed'], ['in_progress', 'cleared'], ['in_progress', 'dropped'],
    ['completed', 'in_progress'], ['completed', 'cleared'], ['completed', 'dropped'],
  ]
  it.each(ACTION_STATUSES.flatMap((from) => ACTION_STATUSES.map((to) => [from, to] as const)))(
    '%s -> %s is allowed only where listed',
    (from, to) => {
      const expected = allowed.some(([f, t]) => f === from && t === to)
      expect(canTransition(from, to)).toBe(expected)
    },
  )
  it('cleared and dropped are final', () => {
    for (const to of ACTION_STATUSES) {
      expect(canTransition('cleared', to)).toBe(false)
      expect(canTransition('dropped', to)).toBe(false)
    }
  })
  it('keeps open, in progress and completed actions on the log', () => {
    expect(ACTION_STATUSES.filter(isOnLog)).toEqual(['open', 'in_progress', 'completed'])
  })
  it('computes overdue from the due date and today, only for unfinished actions', () => {
    expect(isOverdue({ status: 'open', dueOn: '2015-02-17' }, '2015-02-18')).toBe(true)
    expect(isOverdue({ status: 'open', dueOn: '2015-02-18' }, '2015-02-18')).toBe(false)
    expect(isOverdue({ status: 'completed', dueOn: '2015-02-17' }, '2015-03-01')).toBe(false)
    expect(isOverdue({ status: 'in_progress', dueOn: null }, '2015-03-01')).toBe(false)
  })
  it('counts days open', () => {
    expect(daysOpen('2015-02-10', '2015-02-17')).toBe(7)
    expect(daysOpen('2015-03-28', '2015-03-30')).toBe(2) // across the clocks changing
  })
})
