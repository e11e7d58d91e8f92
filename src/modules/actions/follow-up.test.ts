import { describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates.ts'
import { ACTION_STATUSES, type ActionStatus } from './actions.tables.ts'
import {
  elapsedText,
  followUpState,
  followUpView,
  NOT_FOLLOWED_UP_AFTER_DAYS,
  NOT_FOLLOWED_UP_AFTER_MEETINGS,
  type FollowUpInput,
} from './follow-up.ts'

/**
 * Properties over generated actions (fast-check is not a dependency of this project: a seeded generator gives
 * the same 2,000 cases on every run, and a failure prints the case).
 */
function generator(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let x = s
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!
  return { int, pick }
}

type Case = { action: FollowUpInput; today: string; meetings: string[] }

function cases(n: number, seed = 20151): Case[] {
  const g = generator(seed)
  const out: Case[] = []
  for (let i = 0; i < n; i++) {
    const raisedOn = addDays('2014-01-01', g.int(0, 4000))
    const dueOn = g.int(0, 5) === 0 ? null : addDays(raisedOn, g.int(0, 400))
    const lastUpdateOn = g.int(0, 2) === 0 ? null : addDays(raisedOn, g.int(-5, 3000))
    const today = addDays(raisedOn, g.int(0, 5000))
    const meetings = Array.from({ length: g.int(0, 12) }, () => addDays(raisedOn, g.int(-200, 5000)))
    out.push({ action: { status: g.pick(ACTION_STATUSES), dueOn, raisedOn, lastUpdateOn }, today, meetings })
  }
  return out
}

const open = (over: Partial<FollowUpInput> = {}): FollowUpInput => ({ status: 'open', dueOn: '2015-02-17', raisedOn: '2015-02-10', lastUpdateOn: null, ...over })

describe('followUpState: properties', () => {
  const all = cases(2000)

  it('generates every state, so the properties below are not vacuous', () => {
    const counts = { none: 0, overdue: 0, not_followed_up: 0 }
    for (const c of all) counts[followUpState(c.action, c.today, c.meetings).state]++
    expect(counts.overdue).toBeGreaterThan(30)
    expect(counts.not_followed_up).toBeGreaterThan(100)
    expect(counts.none).toBeGreaterThan(100)
  })

  it('flags nothing for a finished action, one with no due date, or one not yet due', () => {
    for (const c of all) {
      const finished = c.action.status !== 'open' && c.action.status !== 'in_progress'
      const notDue = c.action.dueOn === null || c.action.dueOn >= c.today
      const state = followUpState(c.action, c.today, c.meetings).state
      if (finished || notDue) expect(state, JSON.stringify(c)).toBe('none')
      else expect(state, JSON.stringify(c)).not.toBe('none')
    }
  })

  it('never goes back from "not followed up" to "overdue" as time passes with nothing heard', () => {
    for (const c of all) {
      if (followUpState(c.action, c.today, c.meetings).state !== 'not_followed_up') continue
      for (const later of [1, 30, 400, 4000]) {
        expect(followUpState(c.action, addDays(c.today, later), c.meetings).state, JSON.stringify(c)).toBe('not_followed_up')
      }
    }
  })

  it('never goes back from "not followed up" when the body holds more meetings', () => {
    for (const c of all) {
      if (followUpState(c.action, c.today, c.meetings).state !== 'not_followed_up') continue
      const more = [...c.meetings, addDays(c.today, -1), addDays(c.today, -2)]
      expect(followUpState(c.action, c.today, more).state, JSON.stringify(c)).toBe('not_followed_up')
    }
  })

  it('an update yesterday makes an overdue action plainly overdue again', () => {
    for (const c of all) {
      if (followUpState(c.action, c.today, c.meetings).state === 'none') continue
      const heard = { ...c.action, lastUpdateOn: addDays(c.today, -1) }
      if (heard.lastUpdateOn <= heard.raisedOn) continue
      expect(followUpState(heard, c.today, c.meetings).state, JSON.stringify(c)).toBe('overdue')
    }
  })

  it('ignores meetings before the action fell quiet, cancelled ones the caller left out, and meetings from today on', () => {
    for (const c of all) {
      const result = followUpState(c.action, c.today, c.meetings)
      if (result.state !== 'not_followed_up') continue
      const counted = c.meetings.filter((d) => d > result.quietSince && d < c.today).length
      expect(result.meetingsSince).toBe(counted)
      const future = [...c.meetings, c.today, addDays(c.today, 10)]
      expect(followUpState(c.action, c.today, future)).toEqual(result)
    }
  })
})

describe('followUpState: the cut-offs', () => {
  const due = '2015-02-17'
  it('is overdue the day after it falls due', () => {
    expect(followUpState(open(), '2015-02-18', [])).toEqual({ state: 'overdue', dueOn: due })
    expect(followUpState(open(), due, []).state).toBe('none')
  })
  it(`is not followed up after ${NOT_FOLLOWED_UP_AFTER_DAYS} quiet days, not on the last one`, () => {
    expect(followUpState(open(), addDays(due, NOT_FOLLOWED_UP_AFTER_DAYS), []).state).toBe('overdue')
    expect(followUpState(open(), addDays(due, NOT_FOLLOWED_UP_AFTER_DAYS + 1), []).state).toBe('not_followed_up')
  })
  it(`is not followed up once the body has met ${NOT_FOLLOWED_UP_AFTER_MEETINGS} times since, without a word on it`, () => {
    const meetings = ['2015-03-10', '2015-04-21', '2015-05-19']
    expect(followUpState(open(), '2015-06-01', meetings.slice(0, 2)).state).toBe('overdue')
    expect(followUpState(open(), '2015-06-01', meetings)).toMatchObject({ state: 'not_followed_up', meetingsSince: 3, quietSince: due })
    // A meeting on the due date itself is not "since".
    expect(followUpState(open(), '2015-06-01', [due, ...meetings.slice(0, 2)]).state).toBe('overdue')
  })
  it('counts from the last update when it came after the due date', () => {
    const updated = open({ lastUpdateOn: '2015-04-22' })
    expect(followUpState(updated, '2015-06-01', ['2015-03-10', '2015-04-21', '2015-05-19'])).toEqual({ state: 'overdue', dueOn: due })
    expect(followUpState(updated, '2016-04-23', [])).toMatchObject({ state: 'not_followed_up', lastHeardOn: '2015-04-22', quietSince: '2015-04-22' })
  })
  it('is never flagged once completed, cleared or dropped', () => {
    for (const status of ['completed', 'cleared', 'dropped'] as ActionStatus[]) expect(followUpState(open({ status }), '2026-12-03', []).state).toBe('none')
  })
})

describe('followUpView', () => {
  it('says how long a 2015 action has gone without an update', () => {
    const view = followUpView(followUpState(open(), '2026-12-03', ['2015-04-21']), '2026-12-03')
    expect(view.tag).toEqual({ text: 'Not followed up', classes: 'govuk-tag--grey' })
    expect(view.detail).toBe('Overdue since February 2015 – not updated for 11 years; the body has met 1 time since')
  })
  it('keeps the red tag for a recent one', () => {
    const view = followUpView(followUpState(open(), '2015-03-01', []), '2015-03-01')
    expect(view).toEqual({ tag: { text: 'Overdue', classes: 'govuk-tag--red' }, detail: 'Overdue since 17 February 2015' })
  })
  it('says nothing of an action not due', () => {
    expect(followUpView({ state: 'none' }, '2015-03-01')).toEqual({ tag: null, detail: null })
  })
})

describe('elapsedText', () => {
  it.each([
    ['2015-02-10', '2026-12-03', '11 years'],
    ['2015-02-10', '2017-02-10', '2 years'],
    ['2015-02-10', '2017-02-09', '23 months'],
    ['2015-02-10', '2015-03-10', '1 month'],
    ['2015-02-10', '2015-03-09', '3 weeks'],
    ['2015-02-10', '2015-02-24', '2 weeks'],
    ['2015-02-10', '2015-02-23', '13 days'],
    ['2015-02-10', '2015-02-11', '1 day'],
    ['2015-02-10', '2015-02-10', '0 days'],
    ['2015-01-31', '2015-02-28', '4 weeks'],
  ])('%s to %s is %s', (from, to, text) => {
    expect(elapsedText(from, to)).toBe(text)
  })
})
