import type { Db } from '../../src/platform/db/client.ts'
import {
  addPartner,
  buildAgendaItem,
  buildAttendance,
  buildBody,
  buildDecision,
  buildDocument,
  buildMeeting,
  buildMembership,
  buildOrganisation,
  buildPartnership,
  buildPerson,
} from './builders.ts'

/** Strings planted in every field the public must never see; a test asserts none reaches an export. */
export const CANARY = {
  exemptDescription: 'CANARY-EXEMPT-DESCRIPTION-7f3a',
  exemptMinutes: 'CANARY-EXEMPT-MINUTES-1b9c',
  exemptReasoning: 'CANARY-EXEMPT-REASONING-55d0',
  exemptDecision: 'CANARY-EXEMPT-DECISION-a1e4',
  exemptPresenter: 'CANARY-EXEMPT-PRESENTER-0c2d',
  subItemOfExemptDescription: 'CANARY-SUBITEM-OF-EXEMPT-91aa',
  exemptPaperTitle: 'CANARY-EXEMPT-PAPER-3e8f',
  paperOnExemptItem: 'CANARY-PAPER-ON-EXEMPT-ITEM-77b1',
  unpublishedItemTitle: 'CANARY-UNPUBLISHED-AGENDA-ITEM-c4d2',
  unpublishedPaperTitle: 'CANARY-UNPUBLISHED-PAPER-8d3e',
  personEmail: 'canary-person-e5f6@example.org',
  personPhone: '07700 900 CANARY',
  contactEmail: 'canary-contact-22aa@example.org',
  contactPhone: '01632 CANARY 960',
  absentOnlyPerson: 'Canary Absentee 6b6b',
  unpublishedAttendee: 'Canary Unminuted Attendee 4f4f',
  publicInterestOnPaper: 'CANARY-PAPER-REASONING-9a9a',
  exemptMeetingPaper: 'CANARY-EXEMPT-MEETING-PAPER-6c1d',
} as const

/**
 * A partnership with one board and four meetings that cover the public rules:
 * - july: 16 July 2025 (BST), minutes approved, open and exempt items (with a sub-item of the exempt one),
 *   open, exempt and exempt-item papers, decisions, attendance;
 * - january: 15 January 2026 (GMT), agenda published, attendance recorded but minutes not published;
 * - future: 2030, scheduled, items and papers written but the agenda never published;
 * - cancelled: 2030, cancelled after its agenda was published.
 */
export async function buildOpenDataScenario(db: Db, opts: { slug?: string } = {}) {
  const org = await buildOrganisation(db, { name: 'Chorley Council', type: 'council', website: 'https://chorley.example' })
  const police = await buildOrganisation(db, { name: 'Lancashire Constabulary', type: 'police' })
  const partnership = await buildPartnership(db, { name: 'Chorley Public Service Reform', slug: opts.slug ?? 'chorley-psr-open' })
  await addPartner(db, partnership.id, org.id, 0)
  const child = await buildPartnership(db, { name: 'Chorley Community Safety', parentPartnershipId: partnership.id })
  const board = await buildBody(db, { partnershipId: partnership.id, name: 'Chorley PSR Board', numberingScheme: 'continuing', nextItemNumber: 40 })
  const childBody = await buildBody(db, { partnershipId: child.id, name: 'Community Safety Executive' })

  const chair = await buildPerson(db, {
    fullName: 'Gary Hall',
    honorific: 'Cllr',
    jobTitle: 'Leader of the Council',
    email: CANARY.personEmail,
    phone: CANARY.personPhone,
  })
  const officer = await buildPerson(db, { fullName: 'Jo Officer', jobTitle: 'Chief Inspector' })
  const absentee = await buildPerson(db, { fullName: CANARY.absentOnlyPerson })
  const unminuted = await buildPerson(db, { fullName: CANARY.unpublishedAttendee })
  await buildMembership(db, { bodyId: board.id, personId: chair.id, role: 'chair', onBehalfOfOrganisationId: org.id, startsOn: '2024-05-01' })
  await buildMembership(db, { bodyId: board.id, personId: officer.id, role: 'member', onBehalfOfOrganisationId: police.id, startsOn: '2024-05-01', endsOn: '2026-04-30' })
  await buildMembership(db, { bodyId: childBody.id, personId: officer.id, role: 'vice_chair' })

  // --- July 2025: minutes approved ---
  const july = await buildMeeting(
    db,
    {
      bodyId: board.id,
      date: '2025-07-16',
      startTime: '14:30',
      endTime: '16:00',
      venue: 'Town Hall, Chorley',
      contactEmail: CANARY.contactEmail,
      contactPhone: CANARY.contactPhone,
      agendaPublishedAt: new Date('2025-07-08T09:00:00Z'),
    },
    'minutesApproved',
  )
  const welcome = await buildAgendaItem(db, { meetingId: july.id, position: 0, title: 'Welcome and apologies', description: 'The chair welcomed members.', purpose: 'information' })
  const budget = await buildAgendaItem(db, { meetingId: july.id, position: 1, title: 'Budget 2025/26', description: 'Report of the Director of Finance', presenter: 'Director of Finance', purpose: 'decision', minutes: 'The board discussed the budget.' })
  const budgetSub = await buildAgendaItem(db, { meetingId: july.id, parentItemId: budget.id, position: 0, title: 'Capital programme', description: 'Open sub-item' })
  const exempt = await buildAgendaItem(db, {
    meetingId: july.id,
    position: 2,
    title: 'Property disposal',
    description: CANARY.exemptDescription,
    minutes: CANARY.exemptMinutes,
    presenter: CANARY.exemptPresenter,
    isExempt: true,
    exemptParagraph: 3,
    publicInterestReasoning: CANARY.exemptReasoning,
  })
  const exemptSub = await buildAgendaItem(db, { meetingId: july.id, parentItemId: exempt.id, position: 0, title: 'Valuation', description: CANARY.subItemOfExemptDescription })
  await buildDecision(db, { itemId: budget.id, text: 'RESOLVED: to approve the budget' })
  await buildDecision(db, { itemId: exempt.id, text: CANARY.exemptDecision })
  // Added at 00:30 BST on 8 July: the export dates it by the London day, 2025-07-08.
  const openPaper = await buildDocument(db, {
    meetingId: july.id,
    itemId: budget.id,
    title: 'Budget report',
    filename: 'budget report.pdf',
    createdAt: new Date('2025-07-07T23:30:00Z'),
  })
  await buildDocument(db, {
    meetingId: july.id,
    itemId: budget.id,
    title: CANARY.exemptPaperTitle,
    filename: 'exempt.pdf',
    isExempt: true,
    exemptParagraph: 1,
    publicInterestReasoning: CANARY.publicInterestOnPaper,
  })
  await buildDocument(db, { meetingId: july.id, itemId: exempt.id, title: CANARY.paperOnExemptItem, filename: 'valuation.pdf' })
  await buildDocument(db, { meetingId: july.id, title: CANARY.exemptMeetingPaper, filename: 'exempt-covering.pdf', isExempt: true, exemptParagraph: 3 })
  await buildDocument(db, { meetingId: july.id, itemId: exemptSub.id, title: `${CANARY.paperOnExemptItem}-sub`, filename: 'valuation-sub.pdf' })
  await buildAttendance(db, { meetingId: july.id, personId: chair.id, status: 'present', organisationId: org.id })
  await buildAttendance(db, { meetingId: july.id, personId: officer.id, status: 'apologies' })
  await buildAttendance(db, { meetingId: july.id, personId: absentee.id, status: 'absent' })

  // --- January 2026: agenda published, attendance taken, minutes not published ---
  const january = await buildMeeting(
    db,
    { bodyId: board.id, date: '2026-01-15', startTime: '10:00', venue: 'Civic Centre', agendaPublishedAt: new Date('2026-01-06T09:00:00Z') },
    'agendaPublished',
  )
  await buildAgendaItem(db, { meetingId: january.id, position: 0, title: 'Performance report', minutes: 'CANARY-UNPUBLISHED-MINUTES-0e0e' })
  await buildAttendance(db, { meetingId: january.id, personId: unminuted.id, status: 'present' })

  // --- 2030: scheduled, agenda never published ---
  const future = await buildMeeting(db, { bodyId: board.id, date: '2030-07-10', startTime: '09:30', venue: 'Town Hall, Chorley' })
  await buildAgendaItem(db, { meetingId: future.id, position: 0, title: CANARY.unpublishedItemTitle })
  await buildDocument(db, { meetingId: future.id, title: CANARY.unpublishedPaperTitle, filename: 'draft.pdf' })

  // --- 2030: cancelled after the agenda was published ---
  const cancelled = await buildMeeting(db, {
    bodyId: board.id,
    date: '2030-09-01',
    startTime: '18:00',
    status: 'cancelled',
    agendaPublishedAt: new Date('2030-08-20T09:00:00Z'),
    cancelledAt: new Date('2030-08-25T09:00:00Z'),
    cancellationReason: 'Not quorate',
  })
  await buildAgendaItem(db, { meetingId: cancelled.id, position: 0, title: 'Item that stays on the cancelled agenda' })

  return {
    org,
    police,
    partnership,
    child,
    board,
    childBody,
    people: { chair, officer, absentee, unminuted },
    meetings: { july, january, future, cancelled },
    items: { welcome, budget, budgetSub, exempt, exemptSub },
    openPaper,
  }
}
