import { describe, expect, it } from 'vitest'
import { formatOptionalPartialDate, formatPartialDate, hasPassed, lastDayCovered, normalisePartialDate } from './partial-dates.ts'

describe('partial dates', () => {
  it('prints a day as a date and a month as the month and year', () => {
    expect(formatPartialDate('2016-09-27', 'day')).toBe('27 September 2016')
    expect(formatPartialDate('2015-06-01', 'month')).toBe('June 2015')
    expect(formatOptionalPartialDate(null, 'day')).toBe('')
    expect(formatOptionalPartialDate('2016-02-01', 'month')).toBe('February 2016')
    expect(() => formatPartialDate('2015-13-01', 'month')).toThrow(RangeError)
  })

  it('a month covers every day to its last', () => {
    expect(lastDayCovered('2016-02-01', 'month')).toBe('2016-02-29')
    expect(lastDayCovered('2015-02-01', 'month')).toBe('2015-02-28')
    expect(lastDayCovered('2016-04-01', 'month')).toBe('2016-04-30')
    expect(lastDayCovered('2016-04-10', 'day')).toBe('2016-04-10')
    expect(hasPassed('2016-04-01', 'month', '2016-04-30')).toBe(false)
    expect(hasPassed('2016-04-01', 'month', '2016-05-01')).toBe(true)
  })

  it('stores a month as its first day', () => {
    expect(normalisePartialDate({ date: '2015-06-17', precision: 'month' })).toEqual({ date: '2015-06-01', precision: 'month' })
    expect(normalisePartialDate({ date: '2015-06-17', precision: 'day' })).toEqual({ date: '2015-06-17', precision: 'day' })
  })
})
