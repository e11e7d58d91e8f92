import { describe, expect, it } from 'vitest'
import { itemNumbers } from './item-numbers.ts'

describe('item numbers across meetings', () => {
  it('numbers each meeting’s items by its own scheme and start, in one map', () => {
    const numbers = itemNumbers(
      [
        { id: 'm1', date: '2016-09-27', firstItemNumber: 43, numberingScheme: 'continuing', nextItemNumber: 50 },
        { id: 'm2', date: '2016-10-11', firstItemNumber: null, numberingScheme: 'per_meeting', nextItemNumber: 9 },
      ],
      [
        { id: 'a', meetingId: 'm1', parentItemId: null, position: 0, numberOverride: null },
        { id: 'b', meetingId: 'm1', parentItemId: null, position: 1, numberOverride: null },
        { id: 'b1', meetingId: 'm1', parentItemId: 'b', position: 0, numberOverride: null },
        { id: 'c', meetingId: 'm2', parentItemId: null, position: 0, numberOverride: null },
      ],
    )
    expect(numbers.get('a')).toMatch(/^43/)
    expect(numbers.get('b')).toMatch(/^44/)
    expect(numbers.get('b1')).toBe('44a')
    expect(numbers.get('c')).toMatch(/^1/)
    expect(numbers.size).toBe(4)
  })
})
