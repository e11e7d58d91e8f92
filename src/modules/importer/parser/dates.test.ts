import { describe, expect, it } from 'vitest'
import { findDates, findTimeSlot, findTimes, parseDate } from './dates.ts'

describe('dates as minutes print them', () => {
  it.each([
    ['Tuesday, 10th February 2015, 2.30 pm', '2015-02-10'],
    ['Wed Jan 13 2016', '2016-01-13'],
    ['28 September 2005', '2005-09-28'],
    ['13:30pm Thursday 10th March 2022', '2022-03-10'],
    ['Wednesday, 21 January 2015 10.30 a.m.', '2015-01-21'],
    ['10/03/2022', '2022-03-10'],
    ['17.02.15', '2015-02-17'],
    ['03.04.15', '2015-04-03'],
    ['2016-11-22', '2016-11-22'],
    ['22nd November 2016, 16.00pm', '2016-11-22'],
    ['January 13, 2016', '2016-01-13'],
  ])('%s -> %s', (text, date) => {
    expect(findDates(text)[0]?.date).toBe(date)
  })

  it('reads dd/mm/yyyy as day first and rejects impossible dates', () => {
    expect(parseDate('02/03/2022')).toBe('2022-03-02')
    expect(parseDate('31/02/2022')).toBeNull()
    expect(parseDate('30.02.15')).toBeNull()
    expect(findDates('item 15.26a and 43.')).toEqual([])
  })

  it('reports a weekday that disagrees with the date', () => {
    const [d] = findDates('Monday, 10th February 2015')
    expect(d?.date).toBe('2015-02-10')
    expect(d?.warning).toBe('"Monday, 10th February 2015" names a Monday but 2015-02-10 is a Tuesday')
    expect(findDates('Tuesday, 10th February 2015')[0]?.warning).toBeNull()
  })
})

describe('times', () => {
  it.each([
    ['2.30 pm', '14:30'],
    ['4.00 pm', '16:00'],
    ['10.30 a.m.', '10:30'],
    ['13:30pm', '13:30'],
    ['16.00pm', '16:00'],
    ['16.00', '16:00'],
    ['12 noon', '12:00'],
    ['7pm', '19:00'],
    ['12.15 am', '00:15'],
  ])('%s -> %s', (text, time) => {
    expect(findTimes(text)[0]?.time).toBe(time)
  })

  it('is not fooled by ordinals, figures or percentages, and warns when am/pm is missing', () => {
    expect(findTimes('10th February 2015, 8000 responses, 4.5 – 7, 45%')).toEqual([])
    const [t] = findTimes('at 2.30')
    expect(t?.time).toBe('14:30')
    expect(t?.warning).toMatch(/no am or pm/)
  })

  it('reads per-item time slots', () => {
    expect(findTimeSlot('9.30 am – 9.40 am')).toMatchObject({ start: '09:30', end: '09:40', index: 0 })
    expect(findTimeSlot('Welcome 10:00-10:30')).toMatchObject({ start: '10:00', end: '10:30' })
    expect(findTimeSlot('2.30 pm to 3.15 pm')).toMatchObject({ start: '14:30', end: '15:15' })
    expect(findTimeSlot('the range was 4.5 – 7')).toBeNull()
  })
})
