import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  bankHolidays,
  countClearDays,
  earliestAfterClearDays,
  nextWorkingDay,
  noticeDeadline,
  retention,
  workingCalendar,
} from './clear-days.ts'

const ew = workingCalendar({ region: 'england-and-wales' })

describe('clear working days: the worked cases of meeting-law.md section 10', () => {
  it('1. meeting Tue 6 May 2025: latest working day Fri 25 Apr, latest compliant Sun 27 Apr', () => {
    expect(noticeDeadline('2025-05-06', 5, ew)).toEqual({ latestCompliant: '2025-04-27', latestWorkingDay: '2025-04-25' })
  })
  it('2. published Sat 26 Apr 2025 for 6 May: 5 clear days', () => {
    expect(countClearDays('2025-04-26', '2025-05-06', ew)).toBe(5)
  })
  it('3. published Mon 28 Apr 2025 for 6 May: 4 clear days', () => {
    expect(countClearDays('2025-04-28', '2025-05-06', ew)).toBe(4)
  })
  it('4. published 2025-04-27T23:30:00Z (00:30 Monday in London): 4 clear days', () => {
    expect(countClearDays('2025-04-27T23:30:00Z', '2025-05-06', ew)).toBe(4)
    expect(countClearDays(new Date('2025-04-27T23:30:00Z'), '2025-05-06', ew)).toBe(4)
  })
  it('5. general exception notice Fri 22 May 2026: earliest decision Tue 2 Jun 2026', () => {
    expect(earliestAfterClearDays('2026-05-22', 5, ew)).toBe('2026-06-02')
  })
  it('6. call-in of 5 clear working days from Thu 21 May 2026 ends Fri 29 May; implementation Mon 1 Jun', () => {
    const end = addWorkingDays('2026-05-21', 5, ew)
    expect(end).toBe('2026-05-29')
    expect(nextWorkingDay(end, ew)).toBe('2026-06-01')
  })
  it('7. decision notice within 2 working days of Thu 24 Dec 2026 is due Wed 30 Dec 2026', () => {
    expect(addWorkingDays('2026-12-24', 2, ew)).toBe('2026-12-30')
  })
  it('8. retention for a meeting on Mon 10 Mar 2025', () => {
    expect(retention('2025-03-10')).toEqual({ minutesUntil: '2031-03-09', backgroundPapersUntil: '2029-03-09' })
  })
})

describe('working calendar', () => {
  it('ships the 2026 England and Wales bank holidays', () => {
    const days = [...bankHolidays('england-and-wales')].filter((d) => d.startsWith('2026'))
    expect(days).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'])
  })
  it('Scotland has 2 January and St Andrew\'s Day but no Easter Monday', () => {
    const sc = bankHolidays('scotland')
    expect(sc.has('2026-01-02')).toBe(true)
    expect(sc.has('2026-11-30')).toBe(true)
    expect(sc.has('2026-04-06')).toBe(false)
  })
  it('a local closure day is not a working day', () => {
    const cal = workingCalendar({ closureDays: ['2026-12-24'] })
    expect(cal.isWorkingDay('2026-12-24')).toBe(false)
    expect(ew.isWorkingDay('2026-12-24')).toBe(true)
    // back from Tue 5 Jan 2027: 4 Jan, 31, 30, 29 Dec, then 24 Dec is closed, so 23 Dec is the fifth
    expect(noticeDeadline('2027-01-05', 5, ew).latestCompliant).toBe('2026-12-23')
    expect(noticeDeadline('2027-01-05', 5, cal).latestCompliant).toBe('2026-12-22')
  })
  it('publishing on the meeting day or after leaves no clear days', () => {
    expect(countClearDays('2025-05-06', '2025-05-06', ew)).toBe(0)
    expect(countClearDays('2025-05-07', '2025-05-06', ew)).toBe(0)
  })
  it('a timestamp in summer converts to the London date', () => {
    // 23:30Z on Fri 25 Apr 2025 is 00:30 Sat 26 Apr in London: 5 clear days, compliant.
    expect(countClearDays('2025-04-25T23:30:00Z', '2025-05-06', ew)).toBe(5)
  })
})
