import { describe, expect, it } from 'vitest'
import { addYears, formatLongDate, formatTime, isIsoDate, londonDate, londonInstant } from './dates.ts'

describe('London dates', () => {
  it('converts wall-clock London time to instants across DST', () => {
    expect(londonInstant('2025-03-31', '18:00').toISOString()).toBe('2025-03-31T17:00:00.000Z')
    expect(londonInstant('2025-03-27', '18:00').toISOString()).toBe('2025-03-27T18:00:00.000Z')
    // Last Sunday of March and October
    expect(londonInstant('2025-03-30', '03:00').toISOString()).toBe('2025-03-30T02:00:00.000Z')
    expect(londonInstant('2025-10-26', '12:00').toISOString()).toBe('2025-10-26T12:00:00.000Z')
    expect(londonInstant('2025-10-25', '12:00').toISOString()).toBe('2025-10-25T11:00:00.000Z')
  })
  it('takes the London calendar date of an instant', () => {
    expect(londonDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01')
    expect(londonDate(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31')
  })
  it('formats GOV.UK style', () => {
    expect(formatLongDate('2015-02-10')).toBe('Tuesday 10 February 2015')
    expect(formatTime('14:30:00')).toBe('2.30pm')
    expect(formatTime('16:00')).toBe('4pm')
    expect(formatTime('12:00')).toBe('midday')
  })
  it('validates calendar dates', () => {
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('29/02/2024')).toBe(false)
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28')
  })
})
