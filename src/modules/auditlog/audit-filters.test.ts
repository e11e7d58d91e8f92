import { describe, expect, it } from 'vitest'
import { parseFilters, toQuery } from './audit-filters.ts'

const dates = (from: [string, string, string], to: [string, string, string] = ['', '', '']) => ({
  'from-day': from[0],
  'from-month': from[1],
  'from-year': from[2],
  'to-day': to[0],
  'to-month': to[1],
  'to-year': to[2],
})

describe('audit log filters from the query string', () => {
  it('takes what is given, trimmed, and nothing for empty fields', () => {
    const p = parseFilters({ user: '  jane ', type: 'meeting', id: 'abc', event: 'meeting.moved', ...dates(['1', '4', '2026'], ['30', '4', '2026']) })
    expect(p.errors).toEqual({})
    expect(p.filters).toEqual({ user: 'jane', subjectType: 'meeting', subjectId: 'abc', event: 'meeting.moved', from: '2026-04-01', to: '2026-04-30' })
    expect(parseFilters({}).filters).toEqual({})
  })

  it('follows the GOV.UK date input messages, marks the wrong parts, and keeps what was typed', () => {
    const missing = parseFilters(dates(['1', '', '2026']))
    expect(missing.errors).toEqual({ 'from-month': 'The ‘from’ date must include a month' })
    expect(missing.errorParts).toEqual(['from-month'])
    expect(missing.values['from-day']).toBe('1')

    const two = parseFilters(dates(['', '', '2026']))
    expect(two.errors).toEqual({ 'from-day': 'The ‘from’ date must include a day and a month' })

    const unreal = parseFilters(dates(['31', '2', '2026']))
    expect(unreal.errors).toEqual({ 'from-day': 'The ‘from’ date must be a real date' })
    expect(unreal.errorParts).toEqual(['from-day', 'from-month', 'from-year'])

    expect(parseFilters(dates(['x', '2', '2026'])).errors).toEqual({ 'from-day': 'The ‘from’ date must be a real date' })
    expect(parseFilters(dates(['1', '2', '26'])).errors).toEqual({ 'from-year': 'Year must include 4 numbers' })
    expect(parseFilters(dates(['1', '13', '2026'])).errors).toEqual({ 'from-day': 'The ‘from’ date must be a real date' })
    expect(parseFilters(dates(['001', '2', '2026'])).errors).toEqual({ 'from-day': 'The ‘from’ date must be a real date' })
  })

  it('refuses a ‘to’ date before the ‘from’ date', () => {
    const p = parseFilters(dates(['2', '4', '2026'], ['1', '4', '2026']))
    expect(p.errors).toEqual({ 'to-day': 'The ‘to’ date must be the same as or after the ‘from’ date' })
    expect(parseFilters(dates(['2', '4', '2026'], ['2', '4', '2026'])).errors).toEqual({})
  })

  it('needs a record type with a record id, and refuses malformed types and events', () => {
    expect(parseFilters({ id: 'abc' }).errors).toEqual({ type: 'Select the type of record this id belongs to' })
    expect(parseFilters({ type: 'Meeting; drop' }).errors).toEqual({ type: 'Select a type of record from the list' })
    expect(parseFilters({ event: 'not an event' }).errors).toEqual({ event: 'Select an event from the list' })
    expect(parseFilters({ event: 'user.two_factor_enabled' }).filters).toEqual({ event: 'user.two_factor_enabled' })
    expect(parseFilters({ user: 'x'.repeat(201) }).errors.user).toBeDefined()
  })

  it('turns London dates into instants: both days included, in summer time too', () => {
    const q = toQuery({ from: '2026-07-01', to: '2026-07-01' })
    // Midnight in London on 1 July (BST) is 23:00 UTC the day before; the end is midnight after, exclusive.
    expect(q.fromInstant?.toISOString()).toBe('2026-06-30T23:00:00.000Z')
    expect(q.toInstant?.toISOString()).toBe('2026-07-01T23:00:00.000Z')
    const winter = toQuery({ from: '2026-01-15' })
    expect(winter.fromInstant?.toISOString()).toBe('2026-01-15T00:00:00.000Z')
    expect(winter.toInstant).toBeUndefined()
  })
})
