import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseMeetingRecord, toDryRunJson } from './parse-meeting.ts'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')
const expected = (name: string): unknown => JSON.parse(fixture(name))

describe('the seed minutes pages import exactly (expected structure written by hand)', () => {
  it('seed 000: Chorley Public Service Reform Board, 10 February 2015', () => {
    const parsed = parseMeetingRecord({ text: fixture('seed-000.txt'), fileName: '000_d86d48b09147932b.txt' })
    expect(parsed.kind).toBe('meeting')
    expect(toDryRunJson(parsed)).toEqual(expected('seed-000.expected.json'))
    expect(parsed.contact).toBe('Hayley Hughes')
    expect(parsed.minutesDraft).toBe(true)
    // The next meeting's own time, not this meeting's (review 9): "at 4.00pm until 5.30pm".
    expect([parsed.nextMeeting, parsed.nextMeetingTime]).toEqual(['2015-04-21', '16:00'])
    const [welcome, session1, session2, closure] = parsed.items
    // bullet lists inside the minutes stay minutes text
    expect(welcome!.minutes).toContain('To review the progress of the board and our work plan to date')
    expect(welcome!.minutes.startsWith('Cllr Bradley welcomed everyone')).toBe(true)
    // the truncation marker is not minutes: taken off, the item marked as an excerpt (a text page has no link)
    expect(session1!.minutes.endsWith('What needs to change or improve about …')).toBe(true)
    expect(session1!.minutes).not.toContain('view the full')
    expect(session1!.excerpt).toEqual({ href: null })
    expect(session2!.minutes).toContain('Agreed Measurables')
    expect(session2!.minutes).toContain('Working Group Updates at CPSRB')
    expect(closure!.minutes).toContain('The next meeting will be held on Tuesday 21st April 2015')
    // site chrome is not content
    const all = JSON.stringify(parsed)
    for (const chrome of ['Toggle menu', 'modern.gov app available', 'Share this page', 'Share on Facebook']) expect(all).not.toContain(chrome)
    expect(parsed.items.every((i) => i.papers.length === 0 && i.decisions.length === 0)).toBe(true)
    expect(parsed.actions.every((a) => a.update === null)).toBe(true)
  })

  it('seed 001: Chorley Public Services Reform Executive, 27 September 2016', () => {
    const parsed = parseMeetingRecord({ text: fixture('seed-001.txt'), fileName: '001_6d2fcf850709bed3.txt' })
    expect(parsed.kind).toBe('meeting')
    expect(toDryRunJson(parsed)).toEqual(expected('seed-001.expected.json'))
    expect(parsed.contact).toBe('Hayley Hughes')
    // The phone is kept (review 8): the contact's name alone is not enough to reach them.
    expect(parsed.contactDetails).toBe('Hayley Hughes  01257 515035')
    expect(parsed.minutesDraft).toBe(true)
    const byNumber = new Map(parsed.items.map((i) => [i.number, i]))
    // "pdf icon PDF 301 KB" is a paper, not part of the title
    expect(byNumber.get('43a')!.papers).toEqual([
      { title: 'Minutes and Matters arising from Executive Meeting held on 19th July 2016', sizeText: 'PDF 301 KB' },
    ])
    expect(byNumber.get('43.')!.minutes).toBe('Members were welcomed to the meeting, introductions made and apologies noted.')
    expect(byNumber.get('43b')!.minutes.endsWith('South Ribble Pilot/Preston …')).toBe(true)
    expect(byNumber.get('43b')!.excerpt).toEqual({ href: null })
    expect(byNumber.get('43a')!.excerpt).toBeNull()
    // agenda text before "Minutes:" is the description; the minutes follow the label
    expect(byNumber.get('44.')!.description).toContain('Update on Our Health, Our Care Programme')
    expect(byNumber.get('44.')!.minutes.startsWith('Our Health, Our Care')).toBe(true)
    expect(byNumber.get('45.')!.minutes).toBe('None raised')
    expect(byNumber.get('46.')!.description).toBe('Next meeting planned for 22nd November 2016, 16.00pm at Chorley Town Hall.')
    expect(byNumber.get('46.')!.minutes).toBe('To be held on 22nd November 2016 at 16.00, Chorley Town Hall')
    // updates: the "both above linked" update covers the two actions it follows
    expect(parsed.actions.map((a) => a.update)).toEqual([
      'cleared as response provided for both the Council and the Chorley Public Service Reform Partnership.',
      'both above linked as one action which has been cleared as discussions have taken place as part of the evaluation activity.',
      'both above linked as one action which has been cleared as discussions have taken place as part of the evaluation activity.',
      'cleared as part of the activity in year two of the work programme.',
    ])
  })

  it('importing the same text twice gives the same result', () => {
    const text = fixture('seed-001.txt')
    expect(parseMeetingRecord({ text })).toEqual(parseMeetingRecord({ text }))
  })

  it('normalises non-breaking spaces and CRLF line ends without changing the result', () => {
    const text = fixture('seed-000.txt')
    const odd = text.replace(/\n/g, '\r\n').replace(/ (?=\d)/g, '\u00a0')
    expect(toDryRunJson(parseMeetingRecord({ text: odd }))).toEqual(toDryRunJson(parseMeetingRecord({ text })))
  })
})

describe('other published shapes', () => {
  it('a text page: heading on one line with a.m., Representing groups, substitutes, decisions, decoy lists', () => {
    const parsed = parseMeetingRecord({ text: fixture('south-cambs-csp.txt') })
    expect(parsed.attendeeOrganisations).toEqual({
      'Cllr Mick Martin': 'South Cambridgeshire District Council',
      'Cllr Sue Ellington': 'South Cambridgeshire District Council',
      'Chief Inspector Jon Hutchinson': 'Cambridgeshire Constabulary',
      'Stuart Smith': 'Cambridgeshire Fire and Rescue Service',
    })
    expect(toDryRunJson(parsed)).toEqual({
      body: 'South Cambs Community Safety Partnership',
      date: '2015-01-21',
      time: '10:30',
      venue: 'Swansley Room, South Cambridgeshire Hall, Cambourne',
      items: [
        { number: '1.', title: 'Apologies for absence' },
        { number: '2.', title: 'Minutes of the previous meeting' },
        { number: '3.', title: 'Partnership plan 2015/16' },
        { number: '3a', title: 'Anti-social behaviour' },
        { number: '3b', title: 'Domestic abuse' },
        { number: '3c', title: 'Rural crime' },
        { number: '3d', title: 'Road safety' },
        { number: '4.', title: 'Date of next meeting' },
      ],
      attendees: ['Cllr Mick Martin', 'Cllr Sue Ellington', 'Chief Inspector Jon Hutchinson', 'Stuart Smith'],
      apologies: ['Cllr Tumi Hawkins', 'Sarah Ferguson'],
      decisions: [
        'the minutes of the meeting held on 22 October 2014 be approved as a correct record.',
        '(a) the draft plan be agreed;\n(b) the Chair write to partners asking for their commitment.',
        'To note the report.',
        'the domestic abuse strategy be endorsed.',
        'the rural crime group would report in April.',
      ],
      actions: [{ what: 'Stuart Smith to circulate the speed data by 28/02/2015.', who: 'Stuart Smith', when: '2015-02-28', status: null }],
      nextMeeting: '2015-04-15',
      warnings: [],
    })
    expect(parsed.contact).toBe('Democratic Services')
    expect(parsed.minutesDraft).toBe(false)
    const plan = parsed.items[2]!
    expect(plan.minutes).toContain('1. Anti-social behaviour')
    expect(plan.minutes).toContain('3.1 Reducing repeat victims\n\n3.2 Supporting families\n\n3.5 Reviewing outcomes')
    expect(parsed.items[3]!.timeSlot).toEqual({ start: '09:30', end: '09:40' })
  })

  it('a saved HTML page: moved meeting, table rows, pdf icons, time slots, Decision: labels, an action log', () => {
    const parsed = parseMeetingRecord({ html: fixture('cabinet-moved.html') })
    expect(parsed.movedFrom).toBe('2018-10-09')
    expect({ kind: parsed.kind, body: parsed.body, date: parsed.date, time: parsed.time, venue: parsed.venue, contact: parsed.contact }).toEqual({
      kind: 'meeting',
      body: 'Cabinet',
      date: '2018-10-16',
      time: '10:00',
      venue: 'Council Chamber, Civic Centre',
      contact: 'Jo Bloggs',
    })
    expect(parsed.items.map((i) => [i.number, i.title])).toEqual([
      ['77/21', 'Budget monitoring'],
      ['78/21', 'Action log'],
    ])
    const [budget, log] = parsed.items
    expect(budget!.papers).toEqual([
      { title: 'Budget monitoring', sizeText: 'PDF 120 KB' },
      { title: 'Appendix A - Forecast', sizeText: 'PDF 45 KB' },
    ])
    expect(budget!.timeSlot).toEqual({ start: '09:30', end: '09:40' })
    expect(budget!.decisions).toEqual(['the budget position be noted.'])
    expect(log!.minutes.endsWith('The Cabinet noted the log. …')).toBe(true)
    expect(log!.excerpt).toEqual({ href: null })
    expect(parsed.attendees).toEqual(['Cllr Anne Leader', 'Cllr Bob Deputy'])
    expect(parsed.apologies).toEqual(['Cllr Carol Absent'])
    expect(parsed.actions).toEqual([
      { what: 'Publish the revised budget', who: 'S151 Officer', when: '2018-11-30', status: 'open', update: null },
      { what: 'Brief ward members on the changes', who: 'JB', when: null, status: 'complete', update: null },
    ])
    expect(parsed.warnings).toContain('The heading says the meeting was moved from 9th October 2018')
    expect(JSON.stringify(parsed)).not.toMatch(/not text|color: red|Toggle menu|Share this page/)
  })

  it('HTML given as text is recognised and converted', () => {
    const html = fixture('cabinet-moved.html')
    expect(toDryRunJson(parseMeetingRecord({ text: html }))).toEqual(toDryRunJson(parseMeetingRecord({ html })))
  })
})

describe('a missing heading', () => {
  it('takes the body and date from the hints, and says so', () => {
    const parsed = parseMeetingRecord({ text: fixture('no-heading.txt') }, { body: 'Health and Wellbeing Board', date: '2022-03-10' })
    expect(parsed.kind).toBe('meeting')
    expect(parsed.body).toBe('Health and Wellbeing Board')
    expect(parsed.date).toBe('2022-03-10')
    expect(parsed.warnings).toEqual(
      expect.arrayContaining([
        'No body named in the heading: used the one given ("Health and Wellbeing Board")',
        'No meeting date in the heading: used the one given (2022-03-10)',
        'No meeting time in the heading',
      ]),
    )
    expect(parsed.items.map((i) => [i.number, i.title])).toEqual([
      [null, 'Welcome and apologies'],
      [null, 'Review of the action log'],
    ])
    expect(parsed.apologies).toEqual(['Ann Other'])
    expect(parsed.actions).toEqual([
      { what: 'Partners to send their returns to the secretariat.', who: 'Partners', when: null, status: null, update: null },
    ])
  })

  it('takes them from the file name when there are no hints', () => {
    const parsed = parseMeetingRecord({ text: fixture('no-heading.txt'), fileName: 'uploads/Health_and_Wellbeing_Board_10-03-2022.txt' })
    expect(parsed.body).toBe('Health and Wellbeing Board')
    expect(parsed.date).toBe('2022-03-10')
    expect(parsed.warnings).toContain('No body named in the heading: took "Health and Wellbeing Board" from the file name')
    expect(parsed.warnings).toContain('No meeting date in the heading: took 2022-03-10 from the file name')
    const compact = parseMeetingRecord({ text: fixture('no-heading.txt'), fileName: 'cabinet-20220310-minutes.html' })
    expect([compact.body, compact.date]).toEqual(['cabinet', '2022-03-10'])
  })

  it('says when nothing gives a body or date, and keeps the heading over a disagreeing hint', () => {
    const bare = parseMeetingRecord({ text: fixture('no-heading.txt') })
    expect([bare.body, bare.date]).toEqual([null, null])
    expect(bare.warnings).toContain('No body named in the heading, and none was given')
    expect(bare.warnings).toContain('No meeting date in the heading, and none was given')
    const seed = parseMeetingRecord({ text: fixture('seed-000.txt') }, { body: 'Cabinet', date: '2015-02-11' })
    expect([seed.body, seed.date]).toEqual(['Chorley Public Service Reform Board', '2015-02-10'])
    expect(seed.warnings).toContain('The heading names "Chorley Public Service Reform Board" but "Cabinet" was given; kept the heading')
    expect(seed.warnings).toContain('The heading says 2015-02-10 but 2015-02-11 was given; kept the heading')
  })
})

describe('not a meeting record', () => {
  const notAMeeting = (input: Parameters<typeof parseMeetingRecord>[0]) => {
    const parsed = parseMeetingRecord(input)
    expect(parsed.kind).toBe('not_a_meeting_record')
    expect([parsed.body, parsed.date, parsed.items, parsed.actions, parsed.decisions]).toEqual([null, null, [], [], []])
    expect(parsed.warnings).toHaveLength(1)
    return parsed.warnings[0]
  }

  it('a recipe (numbered steps, a date) is not a meeting record', () => {
    expect(notAMeeting({ text: fixture('recipe.txt') })).toMatch(/^Not a meeting record: /)
  })

  it('a committee report (numbered paragraphs, a meeting date) is not a meeting record', () => {
    expect(notAMeeting({ text: fixture('report.txt') })).toMatch(/^Not a meeting record: /)
  })

  it('binary junk and empty files are reported clearly', () => {
    const junk = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))
    expect(notAMeeting({ text: junk })).toBe('Not a meeting record: the file looks like binary data, not text or a web page')
    expect(notAMeeting({ text: '%PDF-1.4\n\u0000\u0001\u0002\u0003binary\u0000\u0000' })).toMatch(/binary data/)
    expect(notAMeeting({ text: '  \n ' })).toBe('Not a meeting record: the file is empty')
    expect(notAMeeting({})).toBe('Not a meeting record: the file is empty')
  })
})
