/** The demo's organisations, partnerships, bodies, people and seats (sources: src/demo/demo-data.ts). */
import type {
  OrganisationKey,
  PartnershipKey,
  BodyKey,
  PersonKey,
  DemoOrganisation,
  DemoPartnership,
  DemoBody,
  DemoPerson,
  DemoMembership,
} from './demo-types.ts'

// ---------------------------------------------------------------------------------------------------------------
// Organisations: seed 002 paragraph 10, plus Chorley Council (seed 002 is a report to its Executive Cabinet;
// seed 001 mentions "the Council"), and Gloucestershire County Council (seed 003).

/** An organisation of the demo; most are known by their full name only. */
const organisation = (slug: string, name: string, type: DemoOrganisation['type'], shortName: string | null = null): DemoOrganisation => ({
  slug,
  name,
  shortName,
  type,
})

export const ORGANISATIONS: Record<OrganisationKey, DemoOrganisation> = {
  lancashireCare: organisation('lancashire-care-foundation-trust', 'Lancashire Care Foundation Trust', 'nhs'),
  lancashireTeachingHospitals: organisation('lancashire-teaching-hospitals-trust', 'Lancashire Teaching Hospitals Trust', 'nhs'),
  lancashireFire: organisation('lancashire-fire-and-rescue-service', 'Lancashire Fire and Rescue Service', 'fire'),
  chorleySouthRibbleCcg: organisation('chorley-and-south-ribble-clinical-commissioning-group', 'Chorley and South Ribble Clinical Commissioning Group', 'nhs'),
  primaryCare: organisation('primary-care', 'Primary Care', 'nhs'),
  lancashireConstabulary: organisation('lancashire-constabulary', 'Lancashire Constabulary', 'police'),
  chorleyVcfs: organisation('chorley-vcfs-network', 'Chorley VCFS Network', 'voluntary_sector'),
  dwp: organisation('department-for-work-and-pensions', 'Department for Work and Pensions', 'dwp'),
  // Seed 001 calls it "LCC" ("Update on LCC Programmes").
  lancashireCountyCouncil: organisation('lancashire-county-council', 'Lancashire County Council', 'council', 'LCC'),
  runshawCollege: organisation('runshaw-college', 'Runshaw College', 'education'),
  chorleyCouncil: organisation('chorley-council', 'Chorley Council', 'council'),
  gloucestershireCountyCouncil: organisation('gloucestershire-county-council', 'Gloucestershire County Council', 'council'),
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

/**
 * A Gloucestershire body as seed 003 shows it: its name, kind and place in the structure chart, nothing of its terms
 * of reference or schedule; items numbered per meeting.
 */
const chartedBody = (
  slug: string,
  partnership: PartnershipKey,
  name: string,
  kind: DemoBody['kind'],
  accountableTo: BodyKey | null = null,
): DemoBody => ({
  slug,
  partnership,
  name,
  kind,
  regime: 'informal',
  termsOfReference: null,
  meetingFrequency: null,
  accountableTo,
  numberingScheme: 'per_meeting',
  nextItemNumber: 1,
})

// Bodies are accountable only to bodies of the same partnership: the nesting of partnerships says the rest.
const thematicBody = (partnership: PartnershipKey): DemoBody =>
  chartedBody(PARTNERSHIPS[partnership].slug, partnership, PARTNERSHIPS[partnership].name, 'thematic_partnership')

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
  gspConference: chartedBody('gloucestershire-conference', 'gsp', 'Gloucestershire Conference', 'board'),
  gspManagementBoard: chartedBody('gsp-management-board', 'gsp', 'GSP Management Board', 'board', 'gspConference'),
  // Slide 8's structure chart: "Thematic Chairs Group".
  gspThematicChairsGroup: chartedBody('gsp-thematic-chairs-group', 'gsp', 'Thematic Chairs Group', 'working_group'),
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

