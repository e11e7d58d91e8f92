/**
 * The demo data, transcribed from public documents (the seeds under /work/shared/seeds):
 *
 * - 000: Chorley Public Service Reform Board, away day of 10 February 2015 (modern.gov "Agenda and draft minutes").
 * - 001: Chorley Public Services Reform Executive, 27 September 2016 (modern.gov "Agenda and draft minutes").
 * - 002: report of the Chief Executive (Gary Hall) to the Executive Cabinet, 18 February 2016, "Chorley Public
 *        Service Reform Programme – update report" (partners in paragraph 10, accountability in paragraph 12,
 *        Strategy 2015-2020 purpose and vision). The council is not named in the text; it is Chorley Council's.
 * - 003: "Making Two Tier Work in Gloucestershire", 18 May 2009 (the Gloucestershire Strategic Partnership).
 *
 * Public data only: every person below is named in those documents, and no one else is added. Where they do not
 * say something (a person's organisation, a start time) the value is null, unless a comment says why it was chosen.
 * Minutes keep the source wording, spelling and truncations; "·" bullets became Markdown "- " lists and the
 * What/Who/When action table a GFM table.
 */
import type {
  BodyKind,
  MembershipRole,
  NumberingScheme,
  OrganisationType,
  Regime,
} from '../structure/structure.tables.ts'
import type { AttendanceStatus, ItemKind, MeetingKind, MeetingStatus } from '../meetings/meetings.tables.ts'
import type { ActionStatus } from '../actions/actions.tables.ts'

// ---------------------------------------------------------------------------------------------------------------
// Types

export type OrganisationKey =
  | 'chorleyCouncil'
  | 'lancashireCare'
  | 'lancashireTeachingHospitals'
  | 'lancashireFire'
  | 'chorleySouthRibbleCcg'
  | 'primaryCare'
  | 'lancashireConstabulary'
  | 'chorleyVcfs'
  | 'dwp'
  | 'lancashireCountyCouncil'
  | 'runshawCollege'
  | 'gloucestershireCountyCouncil'

export type PartnershipKey =
  | 'chorley'
  | 'gsp'
  | 'gspChildrenYoungPeople'
  | 'gspHealthWellbeing'
  | 'gspSaferStronger'
  | 'gspFirst'
  | 'gspEnvironment'

export type BodyKey =
  | 'chorleyBoard'
  | 'chorleyExecutive'
  | 'chorleyImplementationGroup'
  | 'gspConference'
  | 'gspManagementBoard'
  | 'gspThematicChairsGroup'
  | 'gspChildrenYoungPeople'
  | 'gspHealthWellbeing'
  | 'gspSaferStronger'
  | 'gspFirst'
  | 'gspEnvironment'

export type PersonKey =
  | 'cllrBradley'
  | 'hayleyHughes'
  | 'sarahJames'
  | 'ian'
  | 'dianeGradwell'
  | 'tracieOGara'
  | 'johnBuck'
  | 'karenSharrocks'
  | 'iainPearson'
  | 'vickyWillett'
  | 'drKhandavalli'
  | 'melOrmesher'
  | 'chrisSinnott'
  | 'garyHall'

export type MeetingKey =
  | 'boardAwayDay20150210'
  | 'board20150421'
  | 'executive20160719'
  | 'executive20160927'
  | 'executive20161122'

export type DemoOrganisation = { slug: string; name: string; shortName: string | null; type: OrganisationType }

export type DemoPartnership = {
  slug: string
  name: string
  parent: PartnershipKey | null
  summary: string | null
  purpose: string | null
  vision: string | null
  /** Partner organisations in the order the source lists them. */
  organisations: OrganisationKey[]
}

export type DemoBody = {
  slug: string
  partnership: PartnershipKey
  name: string
  kind: BodyKind
  regime: Regime
  termsOfReference: string | null
  meetingFrequency: string | null
  accountableTo: BodyKey | null
  numberingScheme: NumberingScheme
  /** Under a continuing or year_sequence scheme: the number the next new meeting's first item takes. */
  nextItemNumber: number
}

export type DemoPerson = {
  honorific: string | null
  /** As the source names them: some give only a surname or a first name. */
  fullName: string
  jobTitle: string | null
  organisation: OrganisationKey | null
}

export type DemoMembership = { body: BodyKey; person: PersonKey; role: MembershipRole }

/** A paper: generated in code as a small, valid PDF that carries its title (the seed's original is not public here). */
export type DemoPaper = { title: string; filename: string; lines: string[] }

export type DemoItem = {
  /** The printed number, used only to refer to the item from elsewhere in this file (never stored). */
  ref: string
  title: string
  /** Markdown, as printed on the agenda. */
  description: string | null
  /** Markdown minutes, transcribed. */
  minutes: string | null
  /** 'matters_arising' for the generated "Minutes and matters arising" item that prints the action log. */
  kind: ItemKind
  /** Markdown, one per decision row. */
  decisions: string[]
  papers: DemoPaper[]
  subItems: DemoItem[]
}

export type DemoAttendance = { person: PersonKey; status: AttendanceStatus; capacity: string | null }

export type DemoMeeting = {
  body: BodyKey
  /** London calendar date and wall-clock times. */
  date: string
  startTime: string
  endTime: string | null
  venue: string | null
  contactName: string | null
  contactPhone: string | null
  kind: MeetingKind
  status: MeetingStatus
  firstItemNumber: number | null
  /** ISO instant. */
  agendaPublishedAt: string | null
  /** The later meeting that approved these minutes, and when (ISO instant). */
  minutesApproved: { atMeeting: MeetingKey; at: string } | null
  /** Corrections to these minutes, agreed at a later meeting under one of its items. */
  corrections: { agreedAtMeeting: MeetingKey; itemRef: string; text: string }[]
  attendance: DemoAttendance[]
  items: DemoItem[]
}

/** An owner: a person, an organisation, or a named group such as "PMO". */
export type DemoOwner = { person: PersonKey } | { organisation: OrganisationKey } | { group: string }

export type DemoActionUpdate = {
  text: string
  statusTo: ActionStatus | null
  reportedAtMeeting: MeetingKey | null
  /** ISO instant. */
  at: string
}

export type DemoAction = {
  /** Used only to link actions within this file (never stored). */
  ref: string
  body: BodyKey
  /** Where it was raised; `itemRef` null when the seed names no item. */
  raisedAt: MeetingKey
  itemRef: string | null
  /** Markdown. Lower case when it reads on from its owners ("Cllr Bradley to send ..."). */
  description: string
  owners: DemoOwner[]
  dueOn: string | null
  isPublic: boolean
  status: ActionStatus
  cleared: { atMeeting: MeetingKey; at: string } | null
  updates: DemoActionUpdate[]
  /** Refs of earlier actions in this list it is linked with as one. */
  linkedWith: string[]
}

export type DemoTopic = { partnership: PartnershipKey; name: string; slug: string; items: { meeting: MeetingKey; itemRef: string }[] }

export type DemoAccount = {
  email: string
  password: string
  role: 'admin' | 'secretariat'
  displayName: string
  /** For a secretariat account: the partnership it manages. */
  partnership: PartnershipKey | null
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations: seed 002 paragraph 10, plus Chorley Council (seed 002 is a report to its Executive Cabinet;
// seed 001 mentions "the Council"), and Gloucestershire County Council (seed 003).

export const ORGANISATIONS: Record<OrganisationKey, DemoOrganisation> = {
  lancashireCare: {
    slug: 'lancashire-care-foundation-trust',
    name: 'Lancashire Care Foundation Trust',
    shortName: null,
    type: 'nhs',
  },
  lancashireTeachingHospitals: {
    slug: 'lancashire-teaching-hospitals-trust',
    name: 'Lancashire Teaching Hospitals Trust',
    shortName: null,
    type: 'nhs',
  },
  lancashireFire: {
    slug: 'lancashire-fire-and-rescue-service',
    name: 'Lancashire Fire and Rescue Service',
    shortName: null,
    type: 'fire',
  },
  chorleySouthRibbleCcg: {
    slug: 'chorley-and-south-ribble-clinical-commissioning-group',
    name: 'Chorley and South Ribble Clinical Commissioning Group',
    shortName: null,
    type: 'nhs',
  },
  primaryCare: { slug: 'primary-care', name: 'Primary Care', shortName: null, type: 'nhs' },
  lancashireConstabulary: {
    slug: 'lancashire-constabulary',
    name: 'Lancashire Constabulary',
    shortName: null,
    type: 'police',
  },
  chorleyVcfs: { slug: 'chorley-vcfs-network', name: 'Chorley VCFS Network', shortName: null, type: 'voluntary_sector' },
  dwp: { slug: 'department-for-work-and-pensions', name: 'Department for Work and Pensions', shortName: null, type: 'dwp' },
  // Seed 001 calls it "LCC" ("Update on LCC Programmes").
  lancashireCountyCouncil: {
    slug: 'lancashire-county-council',
    name: 'Lancashire County Council',
    shortName: 'LCC',
    type: 'council',
  },
  runshawCollege: { slug: 'runshaw-college', name: 'Runshaw College', shortName: null, type: 'education' },
  chorleyCouncil: { slug: 'chorley-council', name: 'Chorley Council', shortName: null, type: 'council' },
  gloucestershireCountyCouncil: {
    slug: 'gloucestershire-county-council',
    name: 'Gloucestershire County Council',
    shortName: null,
    type: 'council',
  },
}

// ---------------------------------------------------------------------------------------------------------------
// Partnerships

/** Seed 003 slide 9: what every Gloucestershire thematic partnership does. */
const GSP_THEMATIC_SUMMARY =
  'One of the thematic partnerships of the Gloucestershire Strategic Partnership: co-ordinating strategy and delivery of key themes across the County, at County and District level.'

export const PARTNERSHIPS: Record<PartnershipKey, DemoPartnership> = {
  chorley: {
    slug: 'chorley-public-service-reform-partnership',
    name: 'Chorley Public Service Reform Partnership',
    parent: null,
    summary:
      'The Chorley Public Service Reform Partnership brings together partner organisations from all sectors to deliver the Chorley Public Service Reform Strategy 2015-2020. There are three levels of accountability in the partnership: a Board to provide oversight and scrutiny, Executive to guide strategic direction, and Implementation Group as an operational delivery vehicle.',
    purpose:
      'We will work together to integrate and reconfigure public services in Chorley to provide the best outcomes for residents',
    vision:
      'By 2020, we will have high quality public services which provide value for money and the best outcomes for the residents of Chorley',
    organisations: [
      'lancashireCare',
      'lancashireTeachingHospitals',
      'lancashireFire',
      'chorleySouthRibbleCcg',
      'primaryCare',
      'lancashireConstabulary',
      'chorleyVcfs',
      'dwp',
      'lancashireCountyCouncil',
      'runshawCollege',
      'chorleyCouncil',
    ],
  },
  gsp: {
    slug: 'gloucestershire-strategic-partnership',
    name: 'Gloucestershire Strategic Partnership',
    parent: null,
    summary:
      'A “partnership of partnerships”, with representatives from thematic, district LSPs and sectoral partnerships. A place for collective decision making for organisations and elected and non-elected leaders, with all 7 councils and an independent Chair.',
    purpose: null,
    vision: null,
    organisations: ['gloucestershireCountyCouncil'],
  },
  gspChildrenYoungPeople: {
    slug: 'gloucestershire-children-and-young-peoples-strategic-partnership',
    name: 'Gloucestershire Children and Young People’s Strategic Partnership',
    parent: 'gsp',
    summary: GSP_THEMATIC_SUMMARY,
    purpose: null,
    vision: null,
    organisations: [],
  },
  gspHealthWellbeing: {
    slug: 'gloucestershire-health-and-community-wellbeing-partnership',
    name: 'Gloucestershire Health and Community Wellbeing Partnership',
    parent: 'gsp',
    summary: GSP_THEMATIC_SUMMARY,
    purpose: null,
    vision: null,
    organisations: [],
  },
  gspSaferStronger: {
    slug: 'gloucestershire-safer-and-stronger-communities-partnership',
    name: 'Gloucestershire Safer and Stronger Communities Partnership',
    parent: 'gsp',
    summary: GSP_THEMATIC_SUMMARY,
    purpose: null,
    vision: null,
    organisations: [],
  },
  gspFirst: {
    slug: 'gloucestershire-first',
    name: 'Gloucestershire First',
    parent: 'gsp',
    summary: `The economic thematic partnership. ${GSP_THEMATIC_SUMMARY}`,
    purpose: null,
    vision: null,
    organisations: [],
  },
  gspEnvironment: {
    slug: 'gloucestershire-environment-partnership',
    name: 'Gloucestershire Environment Partnership',
    parent: 'gsp',
    summary: GSP_THEMATIC_SUMMARY,
    purpose: null,
    vision: null,
    organisations: [],
  },
}

// ---------------------------------------------------------------------------------------------------------------
// Bodies: Chorley from seed 002 paragraph 12; Gloucestershire from seed 003 slides 4-9.

const thematicBody = (partnership: PartnershipKey): DemoBody => ({
  slug: PARTNERSHIPS[partnership].slug,
  partnership,
  name: PARTNERSHIPS[partnership].name,
  kind: 'thematic_partnership',
  regime: 'informal',
  termsOfReference: null,
  meetingFrequency: null,
  // Bodies are accountable only to bodies of the same partnership: the nesting of partnerships says the rest.
  accountableTo: null,
  numberingScheme: 'per_meeting',
  nextItemNumber: 1,
})

export const BODIES: Record<BodyKey, DemoBody> = {
  chorleyBoard: {
    slug: 'chorley-public-service-reform-board',
    partnership: 'chorley',
    name: 'Chorley Public Service Reform Board',
    kind: 'board',
    regime: 'informal',
    termsOfReference: 'A Board to provide oversight and scrutiny. The Board meets twice a year.',
    meetingFrequency: 'Twice a year',
    accountableTo: null,
    numberingScheme: 'year_sequence',
    // The away day's items were 15.26 to 15.27.
    nextItemNumber: 28,
  },
  chorleyExecutive: {
    slug: 'chorley-public-services-reform-executive',
    partnership: 'chorley',
    // Seed 001's own spelling ("Services"); seed 002 writes "Chorley Public Service Reform Executive".
    name: 'Chorley Public Services Reform Executive',
    kind: 'executive',
    regime: 'informal',
    termsOfReference:
      'Executive to guide strategic direction. The Executive meets on a monthly basis to support strategic direction.',
    meetingFrequency: 'Monthly',
    accountableTo: 'chorleyBoard',
    numberingScheme: 'continuing',
    // The meeting of 27 September 2016 ended at item 46.
    nextItemNumber: 47,
  },
  chorleyImplementationGroup: {
    slug: 'chorley-public-service-reform-implementation-group',
    partnership: 'chorley',
    name: 'Chorley Public Service Reform Implementation Group',
    kind: 'implementation_group',
    regime: 'informal',
    termsOfReference:
      'Implementation Group as an operational delivery vehicle. The Implementation Group meets on a monthly basis to support operational delivery.',
    meetingFrequency: 'Monthly',
    accountableTo: 'chorleyExecutive',
    numberingScheme: 'per_meeting',
    nextItemNumber: 1,
  },
  gspConference: {
    slug: 'gloucestershire-conference',
    partnership: 'gsp',
    name: 'Gloucestershire Conference',
    kind: 'board',
    regime: 'informal',
    termsOfReference: null,
    meetingFrequency: null,
    accountableTo: null,
    numberingScheme: 'per_meeting',
    nextItemNumber: 1,
  },
  gspManagementBoard: {
    slug: 'gsp-management-board',
    partnership: 'gsp',
    name: 'GSP Management Board',
    kind: 'board',
    regime: 'informal',
    termsOfReference: null,
    meetingFrequency: null,
    accountableTo: 'gspConference',
    numberingScheme: 'per_meeting',
    nextItemNumber: 1,
  },
  gspThematicChairsGroup: {
    slug: 'gsp-thematic-chairs-group',
    partnership: 'gsp',
    // Slide 8's structure chart: "Thematic Chairs Group".
    name: 'Thematic Chairs Group',
    kind: 'working_group',
    regime: 'informal',
    termsOfReference: null,
    meetingFrequency: null,
    accountableTo: null,
    numberingScheme: 'per_meeting',
    nextItemNumber: 1,
  },
  gspChildrenYoungPeople: thematicBody('gspChildrenYoungPeople'),
  gspHealthWellbeing: thematicBody('gspHealthWellbeing'),
  gspSaferStronger: thematicBody('gspSaferStronger'),
  gspFirst: thematicBody('gspFirst'),
  gspEnvironment: thematicBody('gspEnvironment'),
}

// ---------------------------------------------------------------------------------------------------------------
// People: only as seeds 000, 001 and 002 name them. No contact details (seed 001's 01257 515035 is the
// meeting's contact number, kept on the meeting).

export const PEOPLE: Record<PersonKey, DemoPerson> = {
  // Seed 000: "Cllr Bradley welcomed everyone"; only the surname is given.
  cllrBradley: { honorific: 'Cllr', fullName: 'Bradley', jobTitle: null, organisation: null },
  hayleyHughes: { honorific: null, fullName: 'Hayley Hughes', jobTitle: null, organisation: null },
  sarahJames: { honorific: null, fullName: 'Sarah James', jobTitle: null, organisation: null },
  // Seed 000: "Ian introduced the areas of discussion"; only the first name is given.
  ian: { honorific: null, fullName: 'Ian', jobTitle: null, organisation: null },
  dianeGradwell: { honorific: null, fullName: 'Diane Gradwell', jobTitle: null, organisation: null },
  // "CI" (Chief Inspector) is a police rank.
  tracieOGara: { honorific: 'CI', fullName: 'Tracie O’Gara', jobTitle: null, organisation: 'lancashireConstabulary' },
  johnBuck: { honorific: null, fullName: 'John Buck', jobTitle: null, organisation: null },
  karenSharrocks: { honorific: null, fullName: 'Karen Sharrocks', jobTitle: null, organisation: null },
  iainPearson: { honorific: null, fullName: 'Iain Pearson', jobTitle: null, organisation: null },
  // "Vicky Willett" in seed 001; "Victoria Willett", the author of seed 002. No organisation is stated.
  vickyWillett: { honorific: null, fullName: 'Vicky Willett', jobTitle: null, organisation: null },
  // Seed 001: "Dr Khandavalli"; only the surname is given.
  drKhandavalli: { honorific: 'Dr', fullName: 'Khandavalli', jobTitle: null, organisation: null },
  // Seed 001: she gave the "Updates on Lancashire County Council developments".
  melOrmesher: { honorific: null, fullName: 'Mel Ormesher', jobTitle: null, organisation: 'lancashireCountyCouncil' },
  chrisSinnott: { honorific: null, fullName: 'Chris Sinnott', jobTitle: null, organisation: null },
  // Seed 002: "GARY HALL, CHIEF EXECUTIVE" of the report to Chorley Council's Executive Cabinet.
  garyHall: { honorific: null, fullName: 'Gary Hall', jobTitle: 'Chief Executive', organisation: 'chorleyCouncil' },
}

export const MEMBERSHIPS: DemoMembership[] = [
  { body: 'chorleyBoard', person: 'cllrBradley', role: 'chair' },
  { body: 'chorleyBoard', person: 'hayleyHughes', role: 'secretariat' },
  { body: 'chorleyExecutive', person: 'hayleyHughes', role: 'secretariat' },
  // Those who reported to, or were recorded as attending, the Executive (seed 001).
  { body: 'chorleyExecutive', person: 'sarahJames', role: 'member' },
  { body: 'chorleyExecutive', person: 'melOrmesher', role: 'member' },
  { body: 'chorleyExecutive', person: 'chrisSinnott', role: 'member' },
  { body: 'chorleyExecutive', person: 'vickyWillett', role: 'member' },
  { body: 'chorleyExecutive', person: 'drKhandavalli', role: 'member' },
  { body: 'chorleyExecutive', person: 'karenSharrocks', role: 'member' },
  { body: 'chorleyExecutive', person: 'iainPearson', role: 'member' },
]

// ---------------------------------------------------------------------------------------------------------------
// Meetings

const EXECUTIVE_CORRECTION =
  'Minutes agreed as correct record, noting attendance from Karen Sharrocks and Iain Pearson, who were missed from list of attendees.'

const item = (ref: string, title: string, rest: Partial<Omit<DemoItem, 'ref' | 'title'>> = {}): DemoItem => ({
  ref,
  title,
  description: null,
  minutes: null,
  kind: 'standard',
  decisions: [],
  papers: [],
  subItems: [],
  ...rest,
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

What needs to change or improve about *... view the full minutes text for item 15.26a*`

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
- Opportunity to link with other local testbeds e.g. South Ribble Pilot/Preston *... view the full minutes text for item 43b*`

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
  board20150421: {
    body: 'chorleyBoard',
    date: '2015-04-21',
    startTime: '16:00',
    endTime: '17:30',
    venue: 'Chorley Town Hall (Committee Room One)',
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
  },
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
          item('43b', 'Overview Evaluation (Year One)', { minutes: MINUTES_43B }),
        ],
      }),
      item('44', 'Partnership Updates', { description: ITEM_44_DESCRIPTION, minutes: MINUTES_44 }),
      item('45', 'Any other business', { minutes: MINUTES_45 }),
      item('46', 'Date of next meeting', { description: ITEM_46_DESCRIPTION, minutes: MINUTES_46 }),
    ],
  },
  // Named in seed 001 item 46.
  executive20161122: {
    body: 'chorleyExecutive',
    date: '2016-11-22',
    startTime: '16:00',
    endTime: null,
    venue: 'Chorley Town Hall',
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
  },
}

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

// ---------------------------------------------------------------------------------------------------------------
// Demo sign-in accounts (isDemo): public, listed in the README. Production refuses to start while any exist.

export const DEMO_PASSWORD = 'demo-password-1'

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@joinedup.example', password: DEMO_PASSWORD, role: 'admin', displayName: 'Demo Admin', partnership: null },
  {
    email: 'secretariat@chorley.example',
    password: DEMO_PASSWORD,
    role: 'secretariat',
    displayName: 'Chorley Secretariat (demo)',
    partnership: 'chorley',
  },
  {
    email: 'secretariat@gloucestershire.example',
    password: DEMO_PASSWORD,
    role: 'secretariat',
    displayName: 'Gloucestershire Secretariat (demo)',
    partnership: 'gsp',
  },
]
