/** The demo's actions and topics (sources: src/demo/demo-data.ts). */
import type {
  DemoOwner,
  DemoAction,
  DemoTopic,
} from './demo-types.ts'

// ---------------------------------------------------------------------------------------------------------------
// Actions

/** A What/Who/When row of seed 000's action table, raised under item 15.26b. */
const awayDayAction = (ref: string, description: string, owner: DemoOwner, due: string): DemoAction => {
  const [d, m, y] = due.split('.')
  return {
    ref,
    body: 'chorleyBoard',
    raisedAt: 'boardAwayDay20150210',
    itemRef: '15.26b',
    description,
    owners: [owner],
    dueOn: `20${y}-${m}-${d}`,
    isPublic: true,
    status: 'open',
    cleared: null,
    updates: [],
    linkedWith: [],
  }
}

/** Cleared at the Executive of 27 September 2016 (its start, 16:00 BST), with the update seed 001 records. */
const clearedOn27September = (text: string): Pick<DemoAction, 'status' | 'cleared' | 'updates'> => ({
  status: 'cleared',
  cleared: { atMeeting: 'executive20160927', at: '2016-09-27T15:00:00Z' },
  updates: [{ text, statusTo: 'cleared', reportedAtMeeting: 'executive20160927', at: '2016-09-27T15:00:00Z' }],
})

const LINKED_UPDATE =
  'both above linked as one action which has been cleared as discussions have taken place as part of the evaluation activity.'

export const ACTIONS: DemoAction[] = [
  // Seed 000, item 15.26b: the What / Who / When table, exactly.
  awayDayAction('away1', 'Circulate Away Day outcomes', { person: 'hayleyHughes' }, '17.02.15'),
  awayDayAction('away2', 'Develop evidence base', { person: 'hayleyHughes' }, '20.02.15'),
  awayDayAction('away3', 'Commission Working Group', { person: 'dianeGradwell' }, '13.03.15'),
  awayDayAction('away4', 'Data Share Activity and Operational Group', { person: 'tracieOGara' }, '20.03.15'),
  awayDayAction('away5', 'Develop high level vision, strategy and tasks', { person: 'hayleyHughes' }, '20.03.15'),
  awayDayAction('away6', 'Consult partners on priorities', { person: 'hayleyHughes' }, '03.04.15'),
  awayDayAction('away7', 'Formalise partner commitments', { person: 'hayleyHughes' }, '03.04.15'),
  awayDayAction('away8', 'Develop work plan for agreement at CPSRB', { person: 'hayleyHughes' }, '10.04.15'),
  awayDayAction('away9', 'Working Group Updates at CPSRB', { group: 'Group Leads' }, '10.04.15'),
  // Seed 001, item 43a: raised at the Executive of 19 July 2016 (no item of that meeting is known; no due
  // dates are given), all cleared on 27 September 2016.
  {
    ref: 'exec1',
    body: 'chorleyExecutive',
    raisedAt: 'executive20160719',
    itemRef: null,
    description:
      'send a collective response to LCC on behalf of the Chorley Public Service Reform Partnership on the Property Strategy Consultation',
    owners: [{ person: 'cllrBradley' }],
    dueOn: null,
    isPublic: true,
    ...clearedOn27September('cleared as response provided for both the Council and the Chorley Public Service Reform Partnership.'),
    linkedWith: [],
  },
  {
    ref: 'exec2',
    body: 'chorleyExecutive',
    raisedAt: 'executive20160719',
    itemRef: null,
    description:
      'consider the outcomes of the work so far, and consider how this needs to moved forward, and what needs to be shown in each organisation.',
    owners: [{ group: 'Executive' }],
    dueOn: null,
    isPublic: true,
    ...clearedOn27September(LINKED_UPDATE),
    linkedWith: [],
  },
  {
    ref: 'exec3',
    body: 'chorleyExecutive',
    raisedAt: 'executive20160719',
    itemRef: null,
    description:
      'arrange discussions across each organisation ahead of evaluation in September, to understand needs and roles in the work going forward, and ensure that all partners support the work being proposed.',
    owners: [{ group: 'PMO' }],
    dueOn: null,
    isPublic: true,
    ...clearedOn27September(LINKED_UPDATE),
    linkedWith: ['exec2'],
  },
  {
    ref: 'exec4',
    body: 'chorleyExecutive',
    raisedAt: 'executive20160719',
    itemRef: null,
    description:
      'bring the proposal back to the Executive in September to cover the issues raised, and for the brief to be issued ahead of the meeting for consideration by the Executive.',
    owners: [{ person: 'drKhandavalli' }],
    dueOn: null,
    isPublic: true,
    ...clearedOn27September('cleared as part of the activity in year two of the work programme.'),
    linkedWith: [],
  },
]

// Items 43b (the evaluation's year two includes the "Our Health, Our Care Programme") and 44 (its update).
export const TOPICS: DemoTopic[] = [
  {
    partnership: 'chorley',
    name: 'Our Health, Our Care',
    slug: 'our-health-our-care',
    items: [
      { meeting: 'executive20160927', itemRef: '43b' },
      { meeting: 'executive20160927', itemRef: '44' },
    ],
  },
]

