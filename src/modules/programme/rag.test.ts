import { describe, expect, it } from 'vitest'
import { MILESTONE_STATUSES, RAG_RATINGS, WORKSTREAM_STATUSES, type RagRating } from './programme.tables.ts'
import { assessmentErrors, isMilestoneOverdue, milestoneErrors, normaliseAssessment, ragNeedsReason } from './rag.ts'

// fast-check is not installed here: the properties are checked over every value of each finite domain instead,
// with reasons drawn from a list that covers the edge cases (none, empty, blank, real, padded).
const RATINGS: (RagRating | null | undefined)[] = [...RAG_RATINGS, null, undefined]
const REASONS = [undefined, null, '', '   ', '\n\t', 'Partner funding is late', '  Partner funding is late  ']
const hasText = (r: string | null | undefined) => !!r && r.trim() !== ''

describe('a workstream’s RAG', () => {
  it('amber and red need a reason; green, none and every status do not (every combination)', () => {
    for (const status of WORKSTREAM_STATUSES) {
      for (const rag of RATINGS) {
        for (const ragReason of REASONS) {
          const errors = assessmentErrors({ status, rag, ragReason })
          const refused = (rag === 'amber' || rag === 'red') && !hasText(ragReason)
          expect(Object.keys(errors), `${status} ${rag} ${JSON.stringify(ragReason)}`).toEqual(refused ? ['ragReason'] : [])
          if (refused) expect(errors.ragReason).toBe(`Enter why the workstream is rated ${rag}`)
        }
      }
    }
  })

  it('stores what it accepted: the reason trimmed, no reason without a rating, the status as given', () => {
    for (const status of WORKSTREAM_STATUSES) {
      for (const rag of RATINGS) {
        for (const ragReason of REASONS) {
          const n = normaliseAssessment({ status, rag, ragReason })
          expect(n.status).toBe(status)
          expect(n.rag).toBe(rag ?? null)
          expect(n.ragReason).toBe(rag && hasText(ragReason) ? ragReason!.trim() : null)
          // What is stored always passes the database's CHECK (rag is null or green or a non-blank reason).
          if (Object.keys(assessmentErrors({ status, rag, ragReason })).length === 0) {
            expect(n.rag === null || n.rag === 'green' || hasText(n.ragReason)).toBe(true)
          }
        }
      }
    }
  })

  it('ragNeedsReason is true for amber and red only', () => {
    expect(RATINGS.filter(ragNeedsReason)).toEqual(['red', 'amber'])
  })
})

describe('milestones', () => {
  it('a milestone due on a day is overdue from the next day, unless completed or dropped', () => {
    for (const status of MILESTONE_STATUSES) {
      const open = status !== 'completed' && status !== 'dropped'
      expect(isMilestoneOverdue({ status, dueOn: '2016-08-15', dueOnPrecision: 'day' }, '2016-08-15')).toBe(false)
      expect(isMilestoneOverdue({ status, dueOn: '2016-08-15', dueOnPrecision: 'day' }, '2016-08-16')).toBe(open)
      expect(isMilestoneOverdue({ status, dueOn: null, dueOnPrecision: 'day' }, '2099-01-01')).toBe(false)
    }
  })

  it('a milestone due in a month is overdue only once the month has ended (leap years included)', () => {
    const due = (dueOn: string, today: string) => isMilestoneOverdue({ status: 'not_started', dueOn, dueOnPrecision: 'month' }, today)
    expect(due('2016-08-01', '2016-08-31')).toBe(false)
    expect(due('2016-08-01', '2016-09-01')).toBe(true)
    expect(due('2016-02-01', '2016-02-29')).toBe(false)
    expect(due('2016-02-01', '2016-03-01')).toBe(true)
    expect(due('2015-02-01', '2015-03-01')).toBe(true)
    expect(due('2016-12-01', '2016-12-31')).toBe(false)
    expect(due('2016-12-01', '2017-01-01')).toBe(true)
  })

  it('completed has a done date and nothing else has one', () => {
    for (const status of MILESTONE_STATUSES) {
      for (const doneOn of [null, undefined, '2016-09-27']) {
        const ok = (status === 'completed') === !!doneOn
        expect(Object.keys(milestoneErrors({ status, doneOn })), `${status} ${doneOn}`).toEqual(ok ? [] : ['doneOn'])
      }
    }
  })
})
