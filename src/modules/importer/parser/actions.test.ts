import { describe, expect, it } from 'vitest'
import { findActions } from './actions.ts'
import { normaliseLines } from './text.ts'

const actions = (text: string) => findActions(normaliseLines(text))

describe('actions', () => {
  it('a What/Who/When table flattened one cell a line', () => {
    const r = actions('What\n\nWho\n\nWhen\n\nCirculate outcomes\n\nHayley Hughes\n\n17.02.15\n\nDevelop evidence base\n\nCI Tracie O’Gara\n\n20.02.15\n\nNext steps were discussed.')
    expect(r.actions).toEqual([
      { what: 'Circulate outcomes', who: 'Hayley Hughes', when: '2015-02-17', status: null, update: null },
      { what: 'Develop evidence base', who: 'CI Tracie O’Gara', when: '2015-02-20', status: null, update: null },
    ])
    expect(r.warnings).toEqual([])
  })

  it('a What/Who/When table one row a line (tabs or aligned columns); targets that are not dates are reported', () => {
    const r = actions('What\tWho\tWhen\nCirculate outcomes\tHH\t17/02/2015\nReview the plan\tDG\tEnd of March')
    expect(r.actions).toEqual([
      { what: 'Circulate outcomes', who: 'HH', when: '2015-02-17', status: null, update: null },
      { what: 'Review the plan', who: 'DG', when: null, status: null, update: null },
    ])
    expect(r.warnings).toEqual(['Action "Review the plan": "End of March" is not a date'])
    const aligned = actions('What      Who      When\nCirculate outcomes      Hayley Hughes      17.02.15')
    expect(aligned.actions[0]).toMatchObject({ what: 'Circulate outcomes', who: 'Hayley Hughes', when: '2015-02-17' })
  })

  it('an action log with No / Action / Resp. / Target / Status columns', () => {
    const r = actions('No\nAction\nResp.\nTarget\nStatus\n1\nPublish the budget\nS151 Officer\n30/11/2018\nOpen\n2\nBrief members\nJB\nTBC\nComplete\n\nThe log was noted.')
    expect(r.actions).toEqual([
      { what: 'Publish the budget', who: 'S151 Officer', when: '2018-11-30', status: 'open', update: null },
      { what: 'Brief members', who: 'JB', when: null, status: 'complete', update: null },
    ])
  })

  it('"Action – X to ..." lines with "Update – ..." lines, an update for "both above" covering both', () => {
    const r = actions(
      [
        'Action – Cllr Bradley to send a response to LCC',
        'Update – cleared as response provided.',
        'Action – Executive to consider the outcomes.',
        'Action - PMO to arrange discussions.',
        'Update - both above linked as one action which has been cleared.',
        'Action - Dr Khandavalli to bring the proposal back in September.',
        'Update – still in progress.',
      ].join('\n'),
    )
    expect(r.actions.map((a) => [a.who, a.status])).toEqual([
      ['Cllr Bradley', 'cleared'],
      ['Executive', 'cleared'],
      ['PMO', 'cleared'],
      ['Dr Khandavalli', 'in progress'],
    ])
    expect(r.actions[2]?.update).toBe('both above linked as one action which has been cleared.')
  })

  it('"ACTION: X to ..." lines, with a date when one is given; no owner is reported', () => {
    const r = actions('ACTION: Stuart Smith to circulate the data by 28/02/2015.\n\nACTION: circulate the slides.')
    expect(r.actions).toEqual([
      { what: 'Stuart Smith to circulate the data by 28/02/2015.', who: 'Stuart Smith', when: '2015-02-28', status: null, update: null },
      { what: 'circulate the slides.', who: null, when: null, status: null, update: null },
    ])
    expect(r.warnings).toEqual(['Action "circulate the slides.": no owner named'])
  })

  it('"Actions updated as follows:" and "Update" without an action are not actions', () => {
    expect(actions('Actions updated as follows:\n\nUpdate – nothing to report.').actions).toEqual([])
  })
})
