import type { Db } from '../../../src/platform/db/client.ts'
import type { Services } from '../../../src/services.ts'
import { signedInAgent, type Fetchable } from '../app.ts'
import { buildAgendaItem, buildBody, buildMeeting, buildMembership, buildPartnership, buildPerson } from '../builders.ts'

/**
 * The Chorley Public Service Reform Board's away day, 10 February 2015 at 2.30pm, agenda published: a chair with
 * private contact details, two members, one agenda item ("Welcome and Introductions"), the body numbering items
 * by year and sequence from 26; and an agent signed in as the partnership's secretariat.
 */
export async function buildChorleyBoardMeeting(t: { db: Db; app: Fetchable; services: Services }) {
  const db = t.db
  const partnership = await buildPartnership(db)
  const body = await buildBody(db, {
    partnershipId: partnership.id,
    name: 'Chorley Public Service Reform Board',
    numberingScheme: 'year_sequence',
    nextItemNumber: 26,
  })
  const chair = await buildPerson(db, { fullName: 'Alistair Bradley', honorific: 'Cllr', email: 'chair-private@example.org', phone: '07700 900001' })
  const member = await buildPerson(db, { fullName: 'Sarah James', jobTitle: 'Director' })
  const away = await buildPerson(db, { fullName: 'Diane Gradwell' })
  await buildMembership(db, { bodyId: body.id, personId: chair.id, role: 'chair' })
  await buildMembership(db, { bodyId: body.id, personId: member.id, role: 'member' })
  await buildMembership(db, { bodyId: body.id, personId: away.id, role: 'member' })
  const meeting = await buildMeeting(
    db,
    { bodyId: body.id, date: '2015-02-10', startTime: '14:30', venue: 'Chorley Community Fire Station', contactName: 'Hayley Hughes', contactPhone: '01257 515035' },
    'agendaPublished',
  )
  const item = await buildAgendaItem(db, { meetingId: meeting.id, title: 'Welcome and Introductions', position: 0 })
  const agent = await signedInAgent(t.app, t.services, { secretariatOf: [partnership.id] })
  return { partnership, body, chair, member, away, meeting, item, agent }
}
