import { describe, expect, it } from 'vitest'
import { eventStatus, londonDateTime, ocdAgenda } from './opendata.presenter.ts'
import type { OpenItemRow, OpenMeetingRow } from './opendata.repository.ts'

describe('londonDateTime', () => {
  it('gives +01:00 in British Summer Time and +00:00 in winter', () => {
    expect(londonDateTime('2025-07-16', '14:30:00')).toBe('2025-07-16T14:30:00+01:00')
    expect(londonDateTime('2026-01-15', '10:00')).toBe('2026-01-15T10:00:00+00:00')
  })

  it('changes offset on the last Sundays of March and October', () => {
    // Clocks go forward at 01:00 GMT on 30 March 2025 and back at 01:00 GMT on 26 October 2025.
    const offsets: [date: string, time: string, offset: string][] = [
      ['2025-03-29', '12:00', '+00:00'],
      ['2025-03-30', '00:30', '+00:00'],
      ['2025-03-30', '12:00', '+01:00'],
      ['2025-10-26', '00:30', '+01:00'],
      ['2025-10-26', '12:00', '+00:00'],
      ['2025-10-25', '23:30', '+01:00'],
    ]
    for (const [date, time, offset] of offsets) expect(londonDateTime(date, time)).toBe(`${date}T${time}:00${offset}`)
  })
})

describe('eventStatus', () => {
  const base = { date: '2030-06-10', startTime: '10:00:00', endTime: '12:00:00', agendaPublishedAt: null }
  const now = new Date('2030-06-10T10:30:00Z') // 11.30am BST: the meeting is under way

  it('maps statuses and time to cancelled, tentative, confirmed and passed', () => {
    expect(eventStatus({ ...base, status: 'cancelled' }, now)).toBe('cancelled')
    expect(eventStatus({ ...base, status: 'scheduled' }, new Date('2030-06-01T00:00:00Z'))).toBe('tentative')
    expect(eventStatus({ ...base, status: 'agenda_published', agendaPublishedAt: new Date() }, new Date('2030-06-01T00:00:00Z'))).toBe('confirmed')
    expect(eventStatus({ ...base, status: 'agenda_published', agendaPublishedAt: new Date() }, now)).toBe('confirmed')
    expect(eventStatus({ ...base, status: 'agenda_published', agendaPublishedAt: new Date() }, new Date('2030-06-10T11:00:00Z'))).toBe('passed')
    expect(eventStatus({ ...base, status: 'held' }, new Date('2030-06-01T00:00:00Z'))).toBe('passed')
    expect(eventStatus({ ...base, status: 'minutes_approved' }, now)).toBe('passed')
    const noEnd = { ...base, endTime: null, status: 'agenda_published' as const, agendaPublishedAt: new Date() }
    expect(eventStatus(noEnd, new Date('2030-06-10T22:59:00Z'))).toBe('confirmed') // 11.59pm BST, same day
    expect(eventStatus(noEnd, new Date('2030-06-10T23:00:00Z'))).toBe('passed')
  })
})

describe('ocdAgenda', () => {
  const meeting = {
    date: '2025-07-16',
    firstItemNumber: null,
    body: { id: 'b', slug: 'b', name: 'Board', numberingScheme: 'continuing', nextItemNumber: 43 },
  } as unknown as OpenMeetingRow
  const item = (over: Partial<OpenItemRow>): OpenItemRow => ({
    id: over.id ?? 'x',
    meetingId: 'm',
    parentItemId: null,
    position: 0,
    numberOverride: null,
    title: 'Title',
    isExempt: false,
    exemptParagraph: null,
    open: true,
    description: null,
    presenter: null,
    purpose: null,
    ...over,
  })

  it('orders items 1, 1.1, 2 by structure, keeps the printed number, and reduces exempt items to title and paragraph', () => {
    const items = [
      item({ id: 'c', position: 2, title: 'Exempt', isExempt: true, exemptParagraph: 3, open: false }),
      item({ id: 'a', position: 0, title: 'First', description: 'About first' }),
      item({ id: 'a2', parentItemId: 'a', position: 1, title: 'First b' }),
      item({ id: 'a1', parentItemId: 'a', position: 0, title: 'First a' }),
      item({ id: 'b', position: 1, title: 'Second' }),
      item({ id: 'c1', parentItemId: 'c', position: 0, title: 'Under exempt', open: false }),
    ]
    const agenda = ocdAgenda(meeting, items)
    expect(agenda.map((a) => [a.order, a.extras.number, a.description])).toEqual([
      ['1', '43.', 'First'],
      ['1.1', '43a', 'First a'],
      ['1.2', '43b', 'First b'],
      ['2', '44.', 'Second'],
      ['3', '45.', 'Exempt'],
      ['3.1', '45a', 'Under exempt'],
    ])
    expect(agenda[0]!.notes).toEqual(['About first'])
    expect(agenda[4]).toEqual({
      description: 'Exempt',
      order: '3',
      notes: ['Not for publication (paragraph 3)'],
      classification: ['exempt'],
      subjects: [],
      related_entities: [],
      media: [],
      extras: { number: '45.', exempt: true, exempt_paragraph: 3 },
    })
    expect(agenda[5]!.notes).toEqual(['Not for publication (paragraph 3)'])
  })
})
