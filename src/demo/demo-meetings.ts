/** The demo's meetings: agendas, minutes, attendance (sources: src/demo/demo-data.ts). */
import type {
  MeetingKey,
  DemoItem,
  DemoMeeting,
} from './demo-types.ts'

// ---------------------------------------------------------------------------------------------------------------
// Meetings

const EXECUTIVE_CORRECTION =
  'Minutes agreed as correct record, noting attendance from Karen Sharrocks and Iain Pearson, who were missed from list of attendees.'

const item = (ref: string, title: string, rest: Partial<Omit<DemoItem, 'ref' | 'title'>> = {}): DemoItem => ({
  ref,
  title,
  description: null,
  minutes: null,
  minutesExcerpt: false,
  kind: 'standard',
  decisions: [],
  papers: [],
  subItems: [],
  ...rest,
})

/**
 * A meeting the record only names (a later meeting's minutes point to it): its time and place, still scheduled,
 * with no agenda, attendance or minutes of its own.
 */
const namedOnly = (
  body: DemoMeeting['body'],
  date: string,
  startTime: string,
  endTime: string | null,
  venue: string,
): DemoMeeting => ({
  body,
  date,
  startTime,
  endTime,
  venue,
  contactName: null,
  contactPhone: null,
  kind: 'ordinary',
  status: 'scheduled',
  firstItemNumber: null,
  agendaPublishedAt: null,
  minutesApproved: null,
  corrections: [],
  attendance: [],
  items: [],
})

// Minutes and item descriptions, transcribed (seed 000 for 15.x, seed 001 for 43 to 46).

const MINUTES_15_26 = `Cllr Bradley welcomed everyone to the meeting, and went through objectives for the day;

- To review the progress of the board and our work plan to date
- To assess the challenges faced by public services in Chorley, reflect on the potential of the board, where it fits in the wider spectrum of change and what difference it can make
- To agree the next stage of work for public service reform for the medium term
- To agree an outline plan of activities over the next 12 months`

const MINUTES_15_26A = `Sarah James covered the first part of a presentation summarising the progress of the Board in the past year and setting out perceived challenges facing public services in Chorley.

Ian introduced the areas of discussion, including a model based on matrix of “Reality to Result vs How you work now to How you will work”, which should identify actions to be taken to support work going forward.

Exercise 1

What behaviours or practices would you expect to see in a ‘high performing’ board?

- Honesty around issues e.g. barriers to progress
- Attendance – all areas represented/consistent membership
- Credibility – deliver on agreements
- Open mind
- Understanding priorities of other organisations
- What’s happening out there – feed into the board discussions
- Deliver on action points
- Realism at board level – focus on where we can add value/consider where and how we can influence
- Pace and purpose – keep momentum, this is key to success
- Key focus, having real tangibles to deliver
- Connect with others outside Chorley, be maverick but realistic
- Common vision, all agree what success will look like

Board members were asked to rate how the board scores against this high performance view. This ranged from 4.5 – 7, and comments include:

- It’s good that the board exists
- Realistic, need to maintain commitment
- Realisation to change services is embedded and understood
- Shift in culture
- Local delivery is good
- Board displays many of the behaviours, more can be done
- Wider recognition
- Capacity to deliver at every level, understand how this can be done with momentum
- Need to work on organisations reluctant to engage, understand why, and share value they can bring
- Working group attendance could be better
- Working groups to report back to the board
- Decisions not always made at the board, other groups cover similar elements
- Wider links to public health
- Momentum and ambition needs to increase
- Footprint restrictions, what can we do in terms of resource

Exercise 2

What works well about the way the Board works?

All members participated, and dialogue included:

- Mixed group, so many from Chorley represented, talking same language, moving in same direction
- Footprint larger for majority of members. There is a respect for third sector organisations, Chorley wants to listen
- Natural energy, want to do things, want to improve
- Inclusive. Long standing relationships, but supports and welcomes new members, good environment
- Genuine determination to make things happen, make it work
- Conversation encouraged and facilitated
- Genuine desire to change for the better
- Understanding knowledge across different sectors
- Anticipation to move to next step, has value to make it work, need to work together to move things on, doesn’t always mean something new. Front line challenges in terms of resource, and understanding right level of delivery and geographical area
- Ambition of board, working well and if not too difficult will do it
- Respect each other, value opinions, challenge each other but will progress together
- Everyone wants to be involved, know who people are. Work with those who want to be involved

What needs to change or improve about …`

const MINUTES_15_26B = `The board were asked to consider:

- What precisely will the board make possible in the next two years?
- What does success look like for the board, what key principles should we aim to work towards?

Vision for 2017

“To improve outcomes for residents, particularly the most vulnerable, ensuring equality of access to services”

- Healthier, safer, thriving
- Seeing the person as a person
- Greater impact against reduced resources
- Targeted activity
- Improved outcomes
- Agree tangible improvements on key targets e.g. deprivation, reduce premature mortality
- Older peoples agenda/abuse/hate crime/CSE/domestic violence

Strategy (narrative on principles - how we will get there):

Joint working, share assets, shared budgets to give results. Multi agency teams to deliver projects, collaborating to work with vulnerable families, including early intervention and focus on prevention

- Services targeted at high risk/vulnerable, responsibility on public to help themselves (customer centric)
- To identify more vulnerable families to measure mental health, physical health, substance misuse collectively
- Identify families who are vulnerable
- Gold standard approach in terms of helping people in quality of life
- Community assurance (PACT meetings)
- Translate vision into action (leadership)
- Focus on roles rather than tasks
- Improved collaborative working
- Shared Integrated Delivery (no more it’s not my job)
- One public service superstore
- Collaborative model working in localised area seeing results and measures to support resources and budgets
- Co-located multi agency teams for actions
- Multi agency approach on causes, managing early interventions, education and awareness
- Working across organisations for best practice “CAB Ask Project”
- Preventative work difficult to quantify, acceptance of long term projects/results for an agreed period

Agreed Measurables

- Aims and objectives
- Leadership
- Deliverables
- Measurable targets
- Innovation (inc digital)

What specific actions would you recommend to improve the way that the Board works in the next 60 days?

- Agree vision and strategy
- Agree principles of which we work e.g. early intervention/neighbourhood working
- Agree a common cause to understand priorities for board
- Evidence base of greatest levels of need to identify priorities
- Develop workplan 2015/16 (structure/tasks/outcomes)
- Partner commitment/support for working groups
- Working group updates
- Outcomes of away day
- Outstanding work from current programme – what steps to be completed

| What | Who | When |
| --- | --- | --- |
| Circulate Away Day outcomes | Hayley Hughes | 17.02.15 |
| Develop evidence base | Hayley Hughes | 20.02.15 |
| Commission Working Group | Diane Gradwell | 13.03.15 |
| Data Share Activity and Operational Group | CI Tracie O’Gara | 20.03.15 |
| Develop high level vision, strategy and tasks | Hayley Hughes | 20.03.15 |
| Consult partners on priorities | Hayley Hughes | 03.04.15 |
| Formalise partner commitments | Hayley Hughes | 03.04.15 |
| Develop work plan for agreement at CPSRB | Hayley Hughes | 10.04.15 |
| Working Group Updates at CPSRB | Group Leads | 10.04.15 |`

const MINUTES_15_27 = `Cllr Bradley closed the meeting thanking John Buck for hosting the event, in particular to the support from Karen and the team.

The next meeting will be held on Tuesday 21st April 2015 at 4.00pm until 5.30pm at Chorley Town Hall (Committee Room One).`

const MINUTES_43 = `Members were welcomed to the meeting, introductions made and apologies noted.`

// The first paragraph of the seed's minutes. The action lines that followed it ("Action – … Update – …") are
// printed from the action log: the four actions below, raised on 19 July 2016 and cleared at this meeting.
const MINUTES_43A = `Minutes agreed as correct record, noting attendance from Karen Sharrocks and Iain Pearson, who were missed from list of attendees. Actions updated as follows:`

const MINUTES_43B = `Vicky Willett advised that the full evaluation report had been issued with the agenda, following agreement of the broad themes discussed at the previous meeting, covering year one of the Chorley Public Service Reform Strategy.

To illustrate the key points from the evaluation, three cases were discussed pulling together information from the three key workstreams:

- Placed based service integration;
- Effective MDT working; and
- Resilient Communities

It was acknowledged that the partnership had achieved real outcomes for residents and significant progress for partnership delivery, and that we have been able to understand what works and what we could do differently, looking to target strengths to where they can have the most impact by formalising ways of working.

The Executive were asked to consider the benefits of working differently, for organisations, individuals and communities, and what stops us operating like this every day, at a local and system level.

Key learning from year one has been that:

- Multi-disciplinary teams can enhance and accelerate joint working, shared intelligence and system learning;
- Physically bringing people together is the only way to overcome entrenched cultural differences, trust and data sharing challenges quickly;
- Digital enhancement is essential; and
- Coordination and shared intelligence function needed to build system view.

Strengths from the work have been that we have a track record of moving from strategy, to agreement and implementation; focussed programme and scale to allow pace and agility; and have shown real benefits for local residents, by being able to access better, more joined-up services.

Limitations were noted as needing to have better engagement with the public and accountability, having ability to measure impact of activity, and be in a good position to increase scale and influence

Looking forward to the next year of the programme, the findings of the evaluation propose that activity to be centred on:

- A true test of colocation
- Development of work with primary care at scale
- Community resilience
- Supporting system transformation, including Integrated Community Wellbeing Service, and Our Health, Our Care Programme

Also including enabling activity, such as workforce development, digital opportunities and building on connectivity established in year one.

Comments from the Executive on the findings and proposals included:

- Year one has tested principles of public service reform, which now need to develop to support real system change, complimenting larger spatial areas;
- Collocation focus to consider increasing support across a wider area and build on year one;
- A place based structure is welcome and fits with a number of organisational strategies;
- Resources needed to build at scale need to be sustainable;
- Evidence found in year one is useful to support wider programme transformation;
- Consideration of hospital services in communities and how this can be built into case management e.g. mental health
- How we increase case finding to support at earlier points needs to be flexible, and have the ability to scale up;
- Opportunity to testbed some activity for wider programmes in the Chorley partnership;
- Opportunity to link with other local testbeds e.g. South Ribble Pilot/Preston …`

const ITEM_44_DESCRIPTION = `Update on Our Health, Our Care Programme

Update on LCC Programmes, including:

- Lancashire Combined Authority
- Asset Review
- Wellbeing, Prevention and Early Help Consultation`

const MINUTES_44 = `Our Health, Our Care

Sarah James provided the Executive with an overview of the Our Health, Our Care programme, and advised that the current activity is focused on solution design. Following this a business case will be developed to make the case for change, and this will look to have public engagement as a key part of the work at relevant stages.

Although the timeline is up to 2020 for full implementation, any short term solutions identified will be implemented. Organisations from the Public Service Reform partnership are fully engaged with the programme, including the solution design events continuing in September/October.

A benefits framework has also been developed which will involve potential community support in localities, building on prevention and early intervention. Quality standards are also being considered, including prevention standards.

Partners are encouraged to continue to be involved with events, and the activity discussed moving into year two for public service reform for Chorley, will link in well to testbed opportunities the Our Health, Our Care programme will provide.

Updates on Lancashire County Council developments

Executive were provided with the latest position on the following activity:

LCC Asset Review

Mel Ormesher advised that the consultation period closed on 14th August, with 8000 responses. Recommendations have now been made to Cabinet, which included twenty-two buildings in scope for Chorley, which include commissioned services in Children’s Centres, daytime respite services and youth offending. Community asset transfers are being offered up on relevant buildings, and further considerations will be made to Cabinet in October. Some buildings remaining will need adaptations to support services moving to these, and there are opportunities to link in with other partners and programmes to utilise the assets remaining.

LCC Wellbeing, Prevention and Early Help

Mel Ormesher advised that this is part of the asset consultation and impacts on chidlren’s centres and community services. Implementation of staffing structure should be completed as a new modle by end of March 2017.

Lancashire Combined Authority

Chris Sinnott advised that the combined authority has moved to operating in it’s shadow form, using the agreed constitution which will test how the members work together to the new rules over the next few months, moving to full status in Spring 2017. Workstreams include Sustainable and Transformation plans and estate work intervention and the Executive will continue to be updated on progress.`

const MINUTES_45 = `None raised`

const ITEM_46_DESCRIPTION = `Next meeting planned for 22nd November 2016, 16.00pm at Chorley Town Hall.`

const MINUTES_46 = `To be held on 22nd November 2016 at 16.00, Chorley Town Hall`

export const MEETINGS: Record<MeetingKey, DemoMeeting> = {
  // Seed 000.
  boardAwayDay20150210: {
    body: 'chorleyBoard',
    date: '2015-02-10',
    startTime: '14:30',
    endTime: null,
    venue: 'Chorley Community Fire Station',
    contactName: 'Hayley Hughes',
    contactPhone: null,
    kind: 'away_day',
    status: 'minutes_draft',
    firstItemNumber: 26,
    // Not in the seed: the Monday before, which meets five clear working days' notice.
    agendaPublishedAt: '2015-02-02T09:00:00Z',
    minutesApproved: null,
    corrections: [],
    attendance: [
      { person: 'cllrBradley', status: 'present', capacity: null },
      // Not stated to be Board members: Sarah James "covered the first part of a presentation"; Ian "introduced the
      // areas of discussion" and ran the exercises.
      { person: 'sarahJames', status: 'in_attendance', capacity: 'Presenter' },
      { person: 'ian', status: 'in_attendance', capacity: 'Facilitator' },
    ],
    items: [
      item('15.26', 'Welcome and Introductions', {
        minutes: MINUTES_15_26,
        subItems: [
          item('15.26a', 'Session 1 - Update on the progress and current position of the Board', {
            minutes: MINUTES_15_26A,
            // The source page stops at "... view the full minutes text for item 15.26a": the rest is not in the record.
            minutesExcerpt: true,
          }),
          item('15.26b', 'Session 2 - Agreeing the forward programme of work for the Board', {
            minutes: MINUTES_15_26B,
            decisions: [
              'Vision for 2017: “To improve outcomes for residents, particularly the most vulnerable, ensuring equality of access to services”',
              'Agreed Measurables:\n\n- Aims and objectives\n- Leadership\n- Deliverables\n- Measurable targets\n- Innovation (inc digital)',
            ],
          }),
        ],
      }),
      item('15.27', 'Closure and date of next meeting', { minutes: MINUTES_15_27 }),
    ],
  },
  // Named in seed 000 item 15.27.
  board20150421: namedOnly('chorleyBoard', '2015-04-21', '16:00', '17:30', 'Chorley Town Hall (Committee Room One)'),
  // Known only from seed 001 item 43a: its minutes were approved, with a correction, on 27 September 2016.
  executive20160719: {
    body: 'chorleyExecutive',
    date: '2016-07-19',
    // Not in the seed: the Executive's usual time (27 September and 22 November 2016 were both at 16:00).
    startTime: '16:00',
    endTime: null,
    venue: null,
    contactName: null,
    contactPhone: null,
    kind: 'ordinary',
    status: 'minutes_approved',
    firstItemNumber: null,
    // Not in the seed: a meeting that was held and whose minutes were approved had a published agenda. The
    // date is the latest that gives five clear working days' notice, as for the other demo meetings.
    agendaPublishedAt: '2016-07-11T08:00:00Z',
    // The start of the meeting that approved them.
    minutesApproved: { atMeeting: 'executive20160927', at: '2016-09-27T15:00:00Z' },
    corrections: [{ agreedAtMeeting: 'executive20160927', itemRef: '43a', text: EXECUTIVE_CORRECTION }],
    // The correction says these two attended and were missed from the list of attendees.
    attendance: [
      { person: 'karenSharrocks', status: 'present', capacity: null },
      { person: 'iainPearson', status: 'present', capacity: null },
    ],
    items: [],
  },
  // Seed 001.
  executive20160927: {
    body: 'chorleyExecutive',
    date: '2016-09-27',
    startTime: '16:00',
    endTime: null,
    venue: 'Committee Room 1, Town Hall',
    contactName: 'Hayley Hughes',
    contactPhone: '01257 515035',
    kind: 'ordinary',
    status: 'minutes_draft',
    firstItemNumber: 43,
    // Not in the seed (which says the evaluation report "had been issued with the agenda"): the Monday of the
    // week before, which meets five clear working days' notice. 09:00 BST.
    agendaPublishedAt: '2016-09-19T08:00:00Z',
    minutesApproved: null,
    corrections: [],
    // Those the minutes name as reporting to the meeting. "Apologies noted" gives no names.
    attendance: [
      { person: 'vickyWillett', status: 'present', capacity: null },
      { person: 'sarahJames', status: 'present', capacity: null },
      { person: 'melOrmesher', status: 'present', capacity: null },
      { person: 'chrisSinnott', status: 'present', capacity: null },
    ],
    items: [
      item('43', 'Welcome and apologies for absence', {
        minutes: MINUTES_43,
        subItems: [
          item('43a', 'Minutes and Matters arising from Executive Meeting held on 19th July 2016', {
            kind: 'matters_arising',
            minutes: MINUTES_43A,
            decisions: [EXECUTIVE_CORRECTION],
            papers: [
              {
                title: 'Minutes and Matters arising from Executive Meeting held on 19th July 2016',
                filename: 'minutes-and-matters-arising-executive-2016-07-19.pdf',
                lines: [
                  'Chorley Public Services Reform Executive',
                  'Minutes and Matters arising from Executive Meeting held on 19th July 2016',
                  '',
                  'Joined Up demo: a small stand-in for the paper published with the agenda',
                  'for 27 September 2016 (the original is a PDF of 301 KB).',
                ],
              },
            ],
          }),
          // The source page stops at "... view the full minutes text for item 43b".
          item('43b', 'Overview Evaluation (Year One)', { minutes: MINUTES_43B, minutesExcerpt: true }),
        ],
      }),
      item('44', 'Partnership Updates', { description: ITEM_44_DESCRIPTION, minutes: MINUTES_44 }),
      item('45', 'Any other business', { minutes: MINUTES_45 }),
      item('46', 'Date of next meeting', { description: ITEM_46_DESCRIPTION, minutes: MINUTES_46 }),
    ],
  },
  // Named in seed 001 item 46.
  executive20161122: namedOnly('chorleyExecutive', '2016-11-22', '16:00', null, 'Chorley Town Hall'),
}

