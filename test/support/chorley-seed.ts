/**
 * The What / Who / When action table of the Chorley Public Service Reform Board away day of 10 February 2015 (seed
 * minutes page 000), in the order it is printed: what, who, when (due date).
 */
export const AWAY_DAY_ACTIONS: readonly (readonly [what: string, who: string, when: string])[] = [
  ['Circulate Away Day outcomes', 'Hayley Hughes', '2015-02-17'],
  ['Develop evidence base', 'Hayley Hughes', '2015-02-20'],
  ['Commission Working Group', 'Diane Gradwell', '2015-03-13'],
  ['Data Share Activity and Operational Group', 'CI Tracie O’Gara', '2015-03-20'],
  ['Develop high level vision, strategy and tasks', 'Hayley Hughes', '2015-03-20'],
  ['Consult partners on priorities', 'Hayley Hughes', '2015-04-03'],
  ['Formalise partner commitments', 'Hayley Hughes', '2015-04-03'],
  ['Develop work plan for agreement at CPSRB', 'Hayley Hughes', '2015-04-10'],
  ['Working Group Updates at CPSRB', 'Group Leads', '2015-04-10'],
]

/** The agenda of the Chorley Public Services Reform Executive of 27 September 2016 (seed minutes): number, title. */
export const EXECUTIVE_SEPTEMBER_AGENDA: readonly (readonly [number: string, title: string])[] = [
  ['43.', 'Welcome and apologies for absence'],
  ['43a', 'Minutes and Matters arising from Executive Meeting held on 19th July 2016'],
  ['43b', 'Overview Evaluation (Year One)'],
  ['44.', 'Partnership Updates'],
  ['45.', 'Any other business'],
  ['46.', 'Date of next meeting'],
]
