import { describe, expect, it } from 'vitest'
import { findItems, readNumber } from './items.ts'
import { normaliseLines } from './text.ts'

const items = (text: string) => findItems(normaliseLines(text)).items
const numbersAndTitles = (text: string) => items(text).map((i) => [i.number, i.title])

/** A modern.gov-style list: number line, title line, "Minutes:" label, minutes. */
const page = (entries: [string, string, string][]) =>
  ['Items', 'No. Item', ''].concat(entries.flatMap(([n, t, m]) => [n, '', t, '', 'Minutes:', '', m, ''])).join('\n')

describe('item numbers', () => {
  it.each([
    ['15.26', '15.26'], ['15.26a', '15.26a'], ['43.', '43.'], ['43a', '43a'], ['14.', '14.'], ['4a', '4a'], ['3d', '3d'],
    ['5.1', '5.1'], ['77/21', '77/21'], ['CSF 14/1', 'CSF 14/1'], ['*450', '*450'], ['Agenda item 1', '1'], ['Item 12', '12'],
  ])('%s reads as %s', (line, number) => {
    expect(readNumber(line)?.number).toBe(number)
  })

  it('dates, times and figures are not item numbers', () => {
    for (const line of ['17.02.15', '10/03/2022', '9.30 am – 9.40 am', '2.30 pm', '10 February 2015']) expect(readNumber(line)).toBeNull()
  })

  it.each([
    ['year sequence', ['15.26', '15.26a', '15.26b', '15.27']],
    ['continuing', ['43.', '43a', '43b', '44.', '45.']],
    ['per meeting with sub-items', ['1.', '2.', '3.', '3a', '3b', '3c', '3d', '4.']],
    ['plain with letters', ['4.', '4a', '5.']],
    ['dotted', ['5.1', '5.2', '6.1']],
    ['minute references', ['77/21', '78/21', '79/21']],
    ['prefixed codes', ['CSF 14/1', 'CSF 14/2', 'CSF 14/3']],
    ['starred', ['*450', '*451']],
  ])('%s: %j', (_name, numbers) => {
    const text = page(numbers.map((n, k) => [n, `Title ${k}`, `Minutes of ${n}.`]))
    expect(items(text).map((i) => i.number)).toEqual(numbers)
    expect(items(text)[1]?.minutes).toBe(`Minutes of ${numbers[1] ?? ''}.`)
  })

  it('"Agenda item 1" headings and number-title lines', () => {
    expect(numbersAndTitles('Agenda item 1 Welcome\n\nMinutes: Hello.\n\nAgenda item 2: Finance\n\nMinutes: Money.')).toEqual([
      ['1', 'Welcome'],
      ['2', 'Finance'],
    ])
    expect(numbersAndTitles('Items\n14. Apologies for absence\nNone.\n15. Minutes of the last meeting\nApproved.')).toEqual([
      ['14.', 'Apologies for absence'],
      ['15.', 'Minutes of the last meeting'],
    ])
    expect(numbersAndTitles('No.\tItem\n14.\tApologies\n15.\tFinance report')).toEqual([
      ['14.', 'Apologies'],
      ['15.', 'Finance report'],
    ])
  })

  it('numbered lists and 3.1-3.5 sub-sections inside minutes are minutes, not items', () => {
    const text = page([
      ['2.', 'Minutes', 'Agreed.'],
      ['3.', 'Plan', 'Priorities:\n\n1. Housing\n\n2. Jobs\n\n3.1\n\nSub-section one\n\n3.5\n\nSub-section five\n\n1.\n\nA numbered line'],
      ['4.', 'Close', 'Done.'],
    ])
    const found = items(text)
    expect(found.map((i) => i.number)).toEqual(['2.', '3.', '4.'])
    expect(found[1]?.minutes).toBe('Priorities:\n\n1. Housing\n\n2. Jobs\n\n3.1\n\nSub-section one\n\n3.5\n\nSub-section five\n\n1.\n\nA numbered line')
  })

  it('items without numbers take their titles from the line above "Minutes:"', () => {
    const result = findItems(normaliseLines('Welcome\n\nMinutes:\n\nHello.\n\nFinance\n\nMinutes:\n\nMoney.'))
    expect(result.items.map((i) => [i.number, i.title, i.minutes])).toEqual([
      [null, 'Welcome', 'Hello.'],
      [null, 'Finance', 'Money.'],
    ])
    expect(result.warnings).toEqual(['The items have no numbers; each title was taken from the line above its "Minutes:" label'])
  })
})

describe('item content', () => {
  it('without a "Minutes:" label all the text is the minutes; with one the text before it is the description', () => {
    const [a, b] = items('Items\n\n1.\n\nWelcome\n\nThe Chair opened the meeting.\n\n2.\n\nFinance\n\nReport attached.\n\nMinutes:\n\nNoted.')
    expect([a?.description, a?.minutes]).toEqual([null, 'The Chair opened the meeting.'])
    expect([b?.description, b?.minutes]).toEqual(['Report attached.', 'Noted.'])
  })

  it('Decision: blocks are kept apart from the minutes', () => {
    const [a] = items('1.\n\nBudget\n\nDecision:\n\nThe budget was set.\n\nMinutes:\n\nDiscussion.')
    expect(a?.decisionBlocks).toEqual(['The budget was set.'])
    expect(a?.minutes).toBe('Discussion.')
  })

  it('time slots between number and title, or on the title line, are not part of the title', () => {
    const [a, b, c] = items('1.\n\n9.30 am – 9.40 am\n\nWelcome\n\n2.\n\nFinance 9.40 am – 10.10 am\n\n3.\n\nClose\n\n10.10 am - 10.15 am\n\nBye.')
    expect([a?.title, a?.timeSlot]).toEqual(['Welcome', { start: '09:30', end: '09:40' }])
    expect([b?.title, b?.timeSlot]).toEqual(['Finance', { start: '09:40', end: '10:10' }])
    expect([c?.title, c?.timeSlot, c?.minutes]).toEqual(['Close', { start: '10:10', end: '10:15' }, 'Bye.'])
  })

  it('document links are papers, not title or minutes text; truncation markers stay', () => {
    const [a] = items(
      '43a\n\nMinutes of the last meeting pdf icon PDF 301 KB\n\nAppendix A pdf icon PDF 12 KB\n\nMinutes:\n\nAgreed as a correct  ...  view the full minutes text for item 43a',
    )
    expect(a?.title).toBe('Minutes of the last meeting')
    expect(a?.papers).toEqual([
      { title: 'Minutes of the last meeting', sizeText: 'PDF 301 KB' },
      { title: 'Appendix A', sizeText: 'PDF 12 KB' },
    ])
    expect(a?.description).toBeNull()
    expect(a?.minutes).toBe('Agreed as a correct ... view the full minutes text for item 43a')
  })

  it('keeps source typos as written', () => {
    const [a] = items('1.\n\nPartnership  Updates\n\nimpacts on chidlren’s centres as a new modle')
    expect(a?.title).toBe('Partnership Updates')
    expect(a?.minutes).toBe('impacts on chidlren’s centres as a new modle')
  })
})
