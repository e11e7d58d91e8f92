import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { collectDateParts, optionalDateInput, parseDateParts, requiredDateInput, withDateInputs } from './date-input.ts'

const parts = (day: string, month: string, year: string) => ({ day, month, year })

describe('the GOV.UK date input', () => {
  it('reads day, month and year, with the design system’s messages', () => {
    expect(parseDateParts(parts('27', '9', '2016'), 'start date')).toEqual({ value: { date: '2016-09-27', precision: 'day' } })
    expect(parseDateParts(parts('7', 'Sept', '2016'), 'start date')).toEqual({ value: { date: '2016-09-07', precision: 'day' } })
    expect(parseDateParts(parts('07', 'february', '2016'), 'start date')).toEqual({ value: { date: '2016-02-07', precision: 'day' } })
    expect(parseDateParts(parts('', '', ''), 'start date')).toEqual({})
    expect(parseDateParts(parts('', '9', '2016'), 'start date')).toEqual({ error: 'Start date must include a day' })
    expect(parseDateParts(parts('1', '', ''), 'start date')).toEqual({ error: 'Start date must include a month and year' })
    expect(parseDateParts(parts('', '', '2016'), 'start date')).toEqual({ error: 'Start date must include a day and month' })
    expect(parseDateParts(parts('31', '2', '2016'), 'start date')).toEqual({ error: 'Start date must be a real date' })
    expect(parseDateParts(parts('1', '13', '2016'), 'start date')).toEqual({ error: 'Start date must be a real date' })
    expect(parseDateParts(parts('1', 'Smarch', '2016'), 'start date')).toEqual({ error: 'Start date must be a real date' })
    expect(parseDateParts(parts('x', '1', '2016'), 'start date')).toEqual({ error: 'Start date must be a real date' })
    expect(parseDateParts(parts('1', '1', '16'), 'start date')).toEqual({ error: 'Year must include 4 numbers' })
  })

  it('where allowed, a blank day means the month (stored as its first day)', () => {
    expect(parseDateParts(parts('', 'June', '2015'), 'date approved', { allowMonthOnly: true })).toEqual({ value: { date: '2015-06-01', precision: 'month' } })
    expect(parseDateParts(parts('', '', '2015'), 'date approved', { allowMonthOnly: true })).toEqual({ error: 'Date approved must include a month' })
    expect(parseDateParts('2015-06', 'date approved', { allowMonthOnly: true })).toEqual({ value: { date: '2015-06-01', precision: 'month' } })
    expect(parseDateParts('2015-06', 'date approved')).toEqual({ error: 'Date approved must be a real date' })
    expect(parseDateParts('2015-06-17', 'date approved')).toEqual({ value: { date: '2015-06-17', precision: 'day' } })
  })

  it('gathers the parts of named inputs from a form body, leaving other fields alone', () => {
    expect(collectDateParts({ title: 'x', 'startsOn-day': ' 1 ', 'startsOn-month': '2', 'startsOn-year': '2016' }, ['startsOn', 'endsOn'])).toEqual({
      title: 'x',
      'startsOn-day': ' 1 ',
      'startsOn-month': '2',
      'startsOn-year': '2016',
      startsOn: { day: '1', month: '2', year: '2016' },
    })
  })

  it('as zod fields: required and optional, with the error on the field’s name', () => {
    const schema = withDateInputs(['startsOn', 'endsOn'], z.object({ startsOn: requiredDateInput('start date', { allowMonthOnly: true }), endsOn: optionalDateInput('end date') }))
    expect(schema.parse({ 'startsOn-day': '', 'startsOn-month': '2', 'startsOn-year': '2016' })).toEqual({ startsOn: { date: '2016-02-01', precision: 'month' }, endsOn: undefined })
    const bad = schema.safeParse({ 'startsOn-day': '', 'startsOn-month': '', 'startsOn-year': '', 'endsOn-day': '30', 'endsOn-month': '2', 'endsOn-year': '2016' })
    expect(bad.success).toBe(false)
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['startsOn', 'Enter start date'],
      ['endsOn', 'End date must be a real date'],
    ])
  })
})
