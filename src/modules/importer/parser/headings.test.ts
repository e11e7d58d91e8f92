import { describe, expect, it } from 'vitest'
import { findHeading, findLabelled } from './headings.ts'
import { normaliseLines } from './text.ts'

const heading = (text: string) => {
  const lines = normaliseLines(text)
  const h = findHeading(lines, lines.length)
  return { body: h.body, date: h.date, time: h.time, warnings: h.warnings }
}

describe('headings', () => {
  it('"Agenda for X on <date>, <time>"', () => {
    expect(heading('Toggle menu\n\nAgenda for Chorley Public Service Reform Board on Tuesday, 10th February 2015, 2.30 pm')).toEqual({
      body: 'Chorley Public Service Reform Board', date: '2015-02-10', time: '14:30', warnings: [],
    })
  })

  it('body and date together: "X - Wednesday, 21 January 2015 10.30 a.m."', () => {
    expect(heading('Agenda and minutes\n\nSouth Cambs Community Safety Partnership - Wednesday, 21 January 2015 10.30 a.m.')).toMatchObject({
      body: 'South Cambs Community Safety Partnership', date: '2015-01-21', time: '10:30',
    })
  })

  it('a "Moved from ..., " prefix is dropped and reported', () => {
    expect(heading('Moved from 9th October 2018, Cabinet - Tuesday, 16th October 2018 10.00 am')).toEqual({
      body: 'Cabinet', date: '2018-10-16', time: '10:00', warnings: ['The heading says the meeting was moved from 9th October 2018'],
    })
    const lines = normaliseLines('Moved from 9th October 2018, Cabinet - Tuesday, 16th October 2018 10.00 am')
    expect(findHeading(lines, lines.length).movedFrom).toBe('2018-10-09')
    const plain = normaliseLines('Cabinet - Tuesday, 16th October 2018 10.00 am')
    expect(findHeading(plain, plain.length).movedFrom).toBeNull()
  })

  it('body and date on separate lines, in either order, with the time first', () => {
    expect(heading('Agenda and minutes\n\nPolice and Crime Panel\n\n28 September 2005')).toMatchObject({
      body: 'Police and Crime Panel', date: '2005-09-28', time: null,
    })
    expect(heading('Health and Wellbeing Board\n13:30pm Thursday 10th March 2022')).toMatchObject({
      body: 'Health and Wellbeing Board', date: '2022-03-10', time: '13:30',
    })
    expect(heading('Wed Jan 13 2016\n\nSafer Stronger Communities Board')).toMatchObject({
      body: 'Safer Stronger Communities Board', date: '2016-01-13',
    })
  })

  it('"Minutes of the meeting of X held on dd/mm/yyyy at 2pm"', () => {
    expect(heading('Minutes of the meeting of the Local Strategic Partnership held on 14/07/2011 at 2pm')).toMatchObject({
      body: 'Local Strategic Partnership', date: '2011-07-14', time: '14:00',
    })
  })

  it('no heading at all', () => {
    expect(heading('Items\n\nWelcome\n\nMinutes:\n\nHello')).toEqual({ body: null, date: null, time: null, warnings: [] })
  })

  it('venue, contact (phone and email stripped) and draft status', () => {
    const lines = normaliseLines('Agenda and draft minutes\n\nVenue: Committee Room 1, Town Hall\n\nContact: Hayley Hughes  01257 515035')
    expect(findLabelled(lines, lines.length)).toMatchObject({ venue: 'Committee Room 1, Town Hall', contact: 'Hayley Hughes', minutesDraft: true })
    const other = normaliseLines('Agenda and minutes\nContact: Jo Bloggs, email jo@example.org')
    expect(findLabelled(other, other.length)).toMatchObject({ venue: null, contact: 'Jo Bloggs', minutesDraft: false })
  })
})
