/** The shapes of the demo data (src/demo/demo-data.ts says where the data comes from). */
import type {
  BodyKind,
  MembershipRole,
  NumberingScheme,
  OrganisationType,
  Regime,
} from '../modules/structure/structure.tables.ts'
import type { AttendanceStatus, ItemKind, MeetingKind, MeetingStatus } from '../modules/meetings/meetings.tables.ts'
import type { ActionStatus } from '../modules/actions/actions.tables.ts'

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
  /** The source page showed only the start of these minutes ("... view the full minutes text for item …"). */
  minutesExcerpt: boolean
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

/** A theme of a strategy version: a key (the same key in two versions is the same theme), its wording. */
export type DemoTheme = { key: string; title: string; description: string | null }

/** A version of a partnership's strategy (ADR 0008). `approved` null: a draft (or a draft superseded before approval). */
export type DemoStrategyVersion = {
  partnership: PartnershipKey
  number: number
  title: string
  periodFromYear: number | null
  periodToYear: number | null
  purpose: string | null
  vision: string | null
  principles: string[]
  aims: string[]
  themes: DemoTheme[]
  status: 'draft' | 'approved' | 'superseded'
  approved: { body: BodyKey; on: string; precision: 'day' | 'month' } | null
  /** ISO instant the version was drafted. */
  createdAt: string
}

export type DemoMilestone = { title: string; dueOn: string | null; dueOnPrecision: 'day' | 'month'; doneOn: string | null; note: string | null }
export type DemoWorkstreamUpdate = { text: string; at: string; reportedAtMeeting: MeetingKey | null; isPublic: boolean }

export type DemoWorkstream = {
  partnership: PartnershipKey
  /** The key of a theme of the partnership's strategy. */
  theme: string
  title: string
  owningBody: BodyKey | null
  startsOn: string | null
  startsOnPrecision: 'day' | 'month'
  status: 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'completed' | 'closed'
  milestones: DemoMilestone[]
  updates: DemoWorkstreamUpdate[]
  /** Agenda items linked to the workstream. */
  linkedItems: { meeting: MeetingKey; itemRef: string }[]
}
