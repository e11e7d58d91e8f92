import { describe, expect, it } from 'vitest'
import { parseIcs, rfc5545LineErrors } from '../../../test/support/ical.ts'
import { addMinutes, instantOf, renderIcs, resolveWallClock, wallClockAt, type IcsEvent } from './ics.ts'

const TZ = 'Europe/London'

const event = (over: Partial<IcsEvent> & Pick<IcsEvent, 'uid' | 'start'>): IcsEvent => ({
  sequence: 0,
  stamp: new Date('2026-06-01T10:15:00Z'),
  end: addMinutes(over.start, 120, TZ),
  summary: 'Board',
  status: 'confirmed',
  ...over,
})

const render = (events: IcsEvent[]) =>
  renderIcs({ name: 'Test calendar', productOwner: 'Joined Up', product: 'Tests', timezone: TZ, events })

describe('wall-clock times in Europe/London (RFC 5545 3.3.5)', () => {
  it.each([
    ['2026-03-29', '10:00', '2026-03-29T09:00:00.000Z', 'exact'],
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z', 'exact'],
    // 01:30 does not exist on 29 March 2026: read with the offset before the gap (GMT).
    ['2026-03-29', '01:30', '2026-03-29T01:30:00.000Z', 'gap'],
    ['2026-10-25', '10:00', '2026-10-25T10:00:00.000Z', 'exact'],
    // 01:30 happens twice on 25 October 2026: the first occurrence (BST).
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', 'overlap'],
    ['2026-07-01', '23:30', '2026-07-01T22:30:00.000Z', 'exact'],
    ['2026-12-01', '14:00', '2026-12-01T14:00:00.000Z', 'exact'],
  ])('%s %s is %s (%s)', (date, time, iso, kind) => {
    const resolved = resolveWallClock({ date, time }, TZ)
    expect(resolved.instant.toISOString()).toBe(iso)
    expect(resolved.kind).toBe(kind)
  })

  it('adds elapsed time across the clock change', () => {
    expect(addMinutes({ date: '2026-03-29', time: '00:30' }, 120, TZ)).toEqual({ date: '2026-03-29', time: '03:30:00' })
    expect(addMinutes({ date: '2026-10-25', time: '00:30' }, 120, TZ)).toEqual({ date: '2026-10-25', time: '01:30:00' })
    expect(addMinutes({ date: '2026-07-01', time: '23:30' }, 120, TZ)).toEqual({ date: '2026-07-02', time: '01:30:00' })
    expect(wallClockAt(instantOf({ date: '2026-06-01', time: '09:05' }, TZ), TZ)).toEqual({ date: '2026-06-01', time: '09:05:00' })
  })
})

describe('renderIcs parsed back by ical.js', () => {
  const cases = [
    { uid: 'spring-10@test', start: { date: '2026-03-29', time: '10:00' }, startIso: '2026-03-29T09:00:00.000Z', endIso: '2026-03-29T11:00:00.000Z' },
    { uid: 'spring-0130@test', start: { date: '2026-03-29', time: '01:30' }, startIso: '2026-03-29T01:30:00.000Z', endIso: '2026-03-29T03:30:00.000Z' },
    { uid: 'autumn-10@test', start: { date: '2026-10-25', time: '10:00' }, startIso: '2026-10-25T10:00:00.000Z', endIso: '2026-10-25T12:00:00.000Z' },
    { uid: 'autumn-0130@test', start: { date: '2026-10-25', time: '01:30' }, startIso: '2026-10-25T00:30:00.000Z', endIso: '2026-10-25T02:30:00.000Z' },
    { uid: 'summer@test', start: { date: '2026-07-01', time: '14:30' }, startIso: '2026-07-01T13:30:00.000Z', endIso: '2026-07-01T15:30:00.000Z' },
  ]
  const text = render(cases.map((c) => event({ uid: c.uid, start: c.start })))
  const parsed = parseIcs(text)

  it('converts every time, DST days included, to the right UTC instant', () => {
    for (const c of cases) {
      const e = parsed.events.find((x) => x.uid === c.uid)!
      expect([c.uid, e.start.toISOString(), e.end.toISOString()]).toEqual([c.uid, c.startIso, c.endIso])
    }
  })

  it('carries TZID=Europe/London with its VTIMEZONE (UTC only for the repeated autumn hour)', () => {
    expect(parsed.timezones).toEqual(['Europe/London'])
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/London\r\n/)
    expect(text).toContain('DTSTART;TZID=Europe/London:20260329T100000\r\n')
    expect(text).toContain('DTSTART;TZID=Europe/London:20260701T143000\r\n')
    // The nonexistent 01:30 is written as the same instant's real wall clock.
    expect(text).toContain('DTSTART;TZID=Europe/London:20260329T023000\r\n')
    expect(text).toContain('DTSTART:20261025T003000Z\r\n')
    for (const uid of ['spring-10@test', 'spring-0130@test', 'autumn-10@test', 'summer@test']) {
      expect(parsed.events.find((e) => e.uid === uid)!.startTzid).toBe('Europe/London')
    }
  })

  it('writes DTSTAMP in UTC and ends every line with CRLF, the last END:VCALENDAR included (RFC 5545 3.1)', () => {
    expect(text).toContain('DTSTAMP:20260601T101500Z\r\n')
    expect(rfc5545LineErrors(text)).toEqual([])
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(rfc5545LineErrors(render([]))).toEqual([])
  })

  it('escapes and folds text so it reads back unchanged', () => {
    const long = `Meeting of the Board; with partners, and a long description ${'x'.repeat(200)}\nSecond line`
    const out = parseIcs(
      render([
        event({
          uid: 'text@test',
          start: { date: '2026-05-05', time: '09:00' },
          summary: 'Board; partners, (cancelled)',
          description: long,
          location: 'Town Hall, Market Street; Room 1',
          url: 'https://example.org/meetings/1',
          status: 'cancelled',
          sequence: 7,
        }),
      ]),
    ).events[0]!
    expect(out.summary).toBe('Board; partners, (cancelled)')
    expect(out.description).toBe(long)
    expect(out.location).toBe('Town Hall, Market Street; Room 1')
    expect(out.url).toBe('https://example.org/meetings/1')
    expect(out.status).toBe('CANCELLED')
    expect(out.sequence).toBe(7)
  })
})

describe('rfc5545LineErrors, the line check every parsed .ics goes through', () => {
  it('finds a missing final CRLF, a bare LF and an unfolded long line', () => {
    const ok = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'
    expect(rfc5545LineErrors(ok)).toEqual([])
    expect(rfc5545LineErrors(ok.slice(0, -2))).toEqual([
      'does not end with END:VCALENDAR CRLF',
      'the last line is not ended by CRLF: "END:VCALENDAR"',
    ])
    expect(rfc5545LineErrors(ok.replace('VERSION:2.0\r\n', 'VERSION:2.0\n'))).toEqual(['line 2 has a bare CR or LF'])
    expect(rfc5545LineErrors(ok.replace('VERSION:2.0', `X-LONG:${'x'.repeat(70)}`))).toEqual(['line 2 is longer than 75 octets'])
  })
})
