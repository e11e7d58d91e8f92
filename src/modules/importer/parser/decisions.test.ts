import { describe, expect, it } from 'vitest'
import { extractDecisions } from './decisions.ts'

describe('decisions', () => {
  it.each([
    ['RESOLVED: That the minutes be approved.', 'the minutes be approved.'],
    ['Resolved – To note the report.', 'To note the report.'],
    ['Resolved - that the plan be adopted', 'the plan be adopted'],
    ['UNANIMOUSLY RESOLVED that the strategy be endorsed.', 'the strategy be endorsed.'],
    ['It was RESOLVED that the budget be set.', 'the budget be set.'],
    ['Agreed: the group would report in April.', 'the group would report in April.'],
    ['AGREED that the terms of reference be adopted.', 'the terms of reference be adopted.'],
    ['It was agreed that partners share data.', 'partners share data.'],
  ])('%s', (text, decision) => {
    expect(extractDecisions(text)).toEqual([decision])
  })

  it('"RESOLVED that – (a) ... (b) ..." keeps its parts together, also when they are paragraphs', () => {
    expect(extractDecisions('RESOLVED that – (a) the plan be agreed; (b) the Chair write to partners.')).toEqual([
      '(a) the plan be agreed; (b) the Chair write to partners.',
    ])
    expect(extractDecisions('RESOLVED that –\n\n(a) the plan be agreed;\n\n(b) the Chair write to partners.\n\nThe meeting closed.')).toEqual([
      '(a) the plan be agreed;\n(b) the Chair write to partners.',
    ])
    expect(extractDecisions('RESOLVED:\n\n1. To approve the budget.\n\n2. To note the risks.')).toEqual(['1. To approve the budget.\n2. To note the risks.'])
  })

  it('several resolutions in one item', () => {
    expect(extractDecisions('RESOLVED: A.\n\nDiscussion.\n\nRESOLVED: B.')).toEqual(['A.', 'B.'])
  })

  it('words that only look like decisions are not decisions', () => {
    expect(extractDecisions('Agreed Measurables\n\nMinutes agreed as correct record.\n\nThe group agreed to meet.')).toEqual([])
  })
})
