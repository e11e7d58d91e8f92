/**
 * The demo's strategies and programme (sources: src/demo/demo-data.ts). Wording as the seeds print it.
 *
 * - Chorley version 1, "Vision for 2017": the Board's away day of 10 February 2015 (seed 000, item 15.26b): the
 *   vision, its bullet points (kept as the aims) and the "Strategy (narrative on principles - how we will get
 *   there)" (kept as the principles, the narrative first). The Board agreed the 60-day action "Develop high level
 *   vision, strategy and tasks"; the draft was overtaken by version 2 without being approved.
 * - Chorley version 2, the Strategy 2015-2020, "formally approved by the Chorley Public Service Reform Executive in
 *   June 2015" (seed 002 paragraph 4; the day is not known, so the approval is recorded to the month): its purpose
 *   and vision (paragraph 5 and appendix A), the reform principles of appendix A (the seed's text stops after the
 *   third), the four aims of paragraph 6, and the three themes of paragraph 16. Seed 002 says the themes group the
 *   proposals agreed in December 2015 "that will progress delivery of the strategy in 2016"; the demo keeps them in
 *   the approved strategy, as issue 12 asks.
 * - The three workstreams of seed 001 item 43b ("the three key workstreams"). Which theme each delivers is not
 *   stated; the demo reads them by their names: Placed based service integration under the single front line,
 *   Effective MDT (multi-disciplinary team) working under the multi-agency teams, Resilient Communities under
 *   community capacity. Delivery commenced in February 2016 and an evaluation was to follow "after the first 6
 *   months" (seed 002 paragraph 18); the year-one evaluation was presented to the Executive on 27 September 2016
 *   (seed 001 item 43b), which the demo records as the milestone met and links to each workstream. No lead is
 *   named in the seeds, so none is recorded; the owning body is the Implementation Group, "an operational delivery
 *   vehicle" (seed 002 paragraph 12).
 * - Gloucestershire: its five thematic partnerships (seed 003 slide 9) as the themes of a draft "Community
 *   Strategy" (slide 8); no approval of it is in the seed, so it stays a draft and is not public.
 */
import type { DemoStrategyVersion, DemoWorkstream } from './demo-types.ts'

const THEMES_2016 = [
  {
    key: 'communityCapacity',
    title: 'Building community capacity',
    description:
      'Better understanding the local communities needs and the potential for individuals and communities to help themselves by working with them to design better services, making better use of existing community buildings and facilities.',
  },
  {
    key: 'singleFrontLine',
    title: 'Establishing the single front line',
    description:
      'Equipping front line teams and services with the knowledge, skills and tools to promote health and wellbeing at the first point of contact, so that residents receive the most appropriate support for their needs, either from within the community or through access to the right services.',
  },
  {
    key: 'multiAgencyTeams',
    title: 'Enhanced multi-agency teams',
    description:
      'Sharing our collective intelligence effectively, safely and consistently to identify and put in place joined up support for vulnerable or high dependency individuals, ensuring early intervention and preventing more costly longer term problems.',
  },
]

const GSP_THEMATIC = 'Co-ordinating strategy and delivery of key themes across the County, at County and District level.'

export const STRATEGY_VERSIONS: DemoStrategyVersion[] = [
  {
    partnership: 'chorley',
    number: 1,
    title: 'Vision for 2017',
    periodFromYear: 2015,
    periodToYear: 2017,
    purpose: null,
    vision: 'To improve outcomes for residents, particularly the most vulnerable, ensuring equality of access to services',
    principles: [
      'Joint working, share assets, shared budgets to give results. Multi agency teams to deliver projects, collaborating to work with vulnerable families, including early intervention and focus on prevention',
      'Services targeted at high risk/vulnerable, responsibility on public to help themselves (customer centric)',
      'To identify more vulnerable families to measure mental health, physical health, substance misuse collectively',
      'Identify families who are vulnerable',
      'Gold standard approach in terms of helping people in quality of life',
      'Community assurance (PACT meetings)',
      'Translate vision into action (leadership)',
      'Focus on roles rather than tasks',
      'Improved collaborative working',
      'Shared Integrated Delivery (no more it’s not my job)',
      'One public service superstore',
      'Collaborative model working in localised area seeing results and measures to support resources and budgets',
      'Co-located multi agency teams for actions',
      'Multi agency approach on causes, managing early interventions, education and awareness',
      'Working across organisations for best practice “CAB Ask Project”',
      'Preventative work difficult to quantify, acceptance of long term projects/results for an agreed period',
    ],
    aims: [
      'Healthier, safer, thriving',
      'Seeing the person as a person',
      'Greater impact against reduced resources',
      'Targeted activity',
      'Improved outcomes',
      'Agree tangible improvements on key targets e.g. deprivation, reduce premature mortality',
      'Older peoples agenda/abuse/hate crime/CSE/domestic violence',
    ],
    themes: [],
    status: 'superseded',
    approved: null,
    createdAt: '2015-02-10T17:00:00Z',
  },
  {
    partnership: 'chorley',
    number: 2,
    title: 'Chorley Public Service Reform Partnership Strategy 2015-2020',
    periodFromYear: 2015,
    periodToYear: 2020,
    purpose: 'We will work together to integrate and reconfigure public services in Chorley to provide the best outcomes for residents',
    vision: 'By 2020, we will have high quality public services which provide value for money and the best outcomes for the residents of Chorley',
    principles: [
      'We will make every contact count, regardless of the organisation or team to who it is made',
      'We will focus on early intervention and prevention to reduce demand',
      'We will reduce demand across the system by creating coordinated public services and therefore not shifting demand elsewhere',
    ],
    aims: [
      'Improve health and wellbeing outcomes',
      'Improve service delivery standards',
      'Manage service demand to support financial sustainability',
      'Support a wider programme of transformational change across the system',
    ],
    themes: THEMES_2016,
    status: 'approved',
    approved: { body: 'chorleyExecutive', on: '2015-06-01', precision: 'month' },
    createdAt: '2015-04-10T12:00:00Z',
  },
  {
    partnership: 'gsp',
    number: 1,
    title: 'Community Strategy',
    periodFromYear: null,
    periodToYear: null,
    purpose: null,
    vision: null,
    principles: [],
    aims: [],
    themes: [
      { key: 'gspChildrenYoungPeople', title: 'Gloucestershire Children and Young People’s Strategic Partnership', description: GSP_THEMATIC },
      { key: 'gspHealthWellbeing', title: 'Gloucestershire Health and Community Wellbeing Partnership', description: GSP_THEMATIC },
      { key: 'gspSaferStronger', title: 'Gloucestershire Safer and Stronger Communities Partnership', description: GSP_THEMATIC },
      { key: 'gspFirst', title: 'Gloucestershire First (economic)', description: GSP_THEMATIC },
      { key: 'gspEnvironment', title: 'Gloucestershire Environment Partnership', description: GSP_THEMATIC },
    ],
    status: 'draft',
    approved: null,
    createdAt: '2009-05-18T12:00:00Z',
  },
]

/** The year-one evaluation, as seed 001 item 43b records it. */
const EVALUATION_UPDATE = {
  text: 'Overview Evaluation (Year One), item 43b: three cases were discussed pulling together information from the three key workstreams. It was acknowledged that the partnership had achieved real outcomes for residents and significant progress for partnership delivery.',
  at: '2016-09-27T15:00:00Z',
  reportedAtMeeting: 'executive20160927' as const,
  isPublic: true,
}

const SIX_MONTH_EVALUATION = {
  title: 'Evaluation after the first 6 months',
  dueOn: '2016-08-01',
  dueOnPrecision: 'month' as const,
  doneOn: '2016-09-27',
  note: 'The year-one evaluation was presented to the Executive on 27 September 2016 (item 43b).',
}

const chorleyWorkstream = (title: string, theme: string): DemoWorkstream => ({
  partnership: 'chorley',
  theme,
  title,
  owningBody: 'chorleyImplementationGroup',
  startsOn: '2016-02-01',
  startsOnPrecision: 'month',
  status: 'on_track',
  milestones: [SIX_MONTH_EVALUATION],
  updates: [EVALUATION_UPDATE],
  linkedItems: [{ meeting: 'executive20160927', itemRef: '43b' }],
})

export const WORKSTREAMS: DemoWorkstream[] = [
  chorleyWorkstream('Placed based service integration', 'singleFrontLine'),
  chorleyWorkstream('Effective MDT working', 'multiAgencyTeams'),
  chorleyWorkstream('Resilient Communities', 'communityCapacity'),
]
