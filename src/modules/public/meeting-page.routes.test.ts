import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { Agent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildChorleyBoardMeeting } from '../../../test/support/scenarios/chorley-board-meeting.ts'
import { buildAgendaItem, buildAttendance, buildDecision, buildDocument, buildPerson } from '../../../test/support/builders.ts'
import { agendaItems, meetings } from '../meetings/meetings.tables.ts'
import { buildAction, buildBodyAction } from '../../../test/support/action-builders.ts'
import { meetingPaths } from '../meetings/meetings.paths.ts'

const t = useTestApp()

const P = meetingPaths

describe('public meeting page', () => {
  it('a never-published agenda stays private whatever the status: only the date, venue and "not published yet"', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const db = t.db
    await db.update(agendaItems).set({ minutes: 'CANARY-MINUTES' }).where(eq(agendaItems.id, s.item.id))
    await buildDocument(db, { meetingId: s.meeting.id, itemId: s.item.id, title: 'CANARY-PAPER' })
    await buildAttendance(db, { meetingId: s.meeting.id, personId: s.chair.id, status: 'present' })
    const anon = new Agent(t.app)
    for (const status of ['held', 'minutes_draft', 'minutes_approved'] as const) {
      await db.update(meetings).set({ status, agendaPublishedAt: null }).where(eq(meetings.id, s.meeting.id))
      const { status: code, text } = await anon.getText(P.public.meeting(s.meeting.id))
      expect(code).toBe(200)
      expect(text).toContain('<h1 class="govuk-heading-l">Agenda – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm</h1>')
      expect(text).toContain('Chorley Community Fire Station')
      expect(text).toContain('The agenda has not been published yet')
      for (const secret of ['Welcome and Introductions', 'CANARY', 'Alistair Bradley', 'These minutes are a draft']) {
        expect(text).not.toContain(secret)
      }
    }
  })

  it('titles the page as modern.gov readers know it, for each status', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const anon = new Agent(t.app)
    const title = async (status: string, extra: Partial<typeof meetings.$inferInsert> = {}) => {
      await t.db.update(meetings).set({ status: status as never, ...extra }).where(eq(meetings.id, s.meeting.id))
      const page = await anon.getText(P.public.meeting(s.meeting.id))
      expect(page.status).toBe(200)
      return page.text
    }
    const scheduled = await title('scheduled', { agendaPublishedAt: null })
    expect(scheduled).toContain('<h1 class="govuk-heading-l">Agenda – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm</h1>')
    expect(scheduled).toContain('The agenda has not been published yet')
    expect(scheduled).toContain('Chorley Community Fire Station')
    expect(scheduled).not.toContain('Welcome and Introductions')

    const published = await title('agenda_published', { agendaPublishedAt: new Date('2015-02-02T09:00:00Z') })
    expect(published).toContain('Agenda – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm')
    expect(published).toContain('15.26')
    expect(published).toContain('Welcome and Introductions')
    expect(published).toContain('Hayley Hughes')
    expect(published).toContain('01257 515035')

    expect(await title('minutes_draft')).toContain('Agenda and draft minutes – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm')
    expect(await title('minutes_approved')).toContain('Agenda and minutes – Chorley Public Service Reform Board, Tuesday 10 February 2015, 2.30pm')

    const cancelled = await title('cancelled', { cancellationReason: 'Not quorate', movedFromDate: '2015-02-03', movedFromTime: '14:00' })
    expect(cancelled).toContain('Cancelled')
    expect(cancelled).toContain('Not quorate')
    expect(cancelled).toContain('Moved from Tuesday 3 February 2015, 2pm')
  })

  it('shows attendance, minutes, decisions and open papers; never people’s own contact details', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const db = t.db
    await db.update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    await db.update(agendaItems).set({ minutes: 'Cllr Bradley welcomed everyone.\n\n- To review the progress of the board', presenter: 'Sarah James', purpose: 'discussion' }).where(eq(agendaItems.id, s.item.id))
    await buildDecision(db, { itemId: s.item.id, text: 'RESOLVED: to agree the vision' })
    await buildDocument(db, { meetingId: s.meeting.id, itemId: s.item.id, title: 'Progress report', filename: 'progress report.pdf', sizeBytes: 308_224 })
    const officer = await buildPerson(db, { fullName: 'Hayley Hughes', email: 'officer-private@example.org', phone: '07700 900002' })
    await buildAttendance(db, { meetingId: s.meeting.id, personId: s.chair.id, status: 'present' })
    await buildAttendance(db, { meetingId: s.meeting.id, personId: s.away.id, status: 'apologies' })
    await buildAttendance(db, { meetingId: s.meeting.id, personId: s.member.id, status: 'deputy', deputyForPersonId: s.away.id })
    await buildAttendance(db, { meetingId: s.meeting.id, personId: officer.id, status: 'in_attendance', capacity: 'Facilitator' })

    const { text } = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(text).toContain('Present')
    expect(text).toContain('Cllr Alistair Bradley (Chair)')
    expect(text).toContain('Apologies')
    expect(text).toContain('Sarah James for Diane Gradwell')
    expect(text).toContain('In attendance')
    expect(text).toContain('Hayley Hughes, Facilitator')
    expect(text).toContain('Minutes:')
    expect(text).toContain('<ul class="govuk-list govuk-list--bullet">')
    expect(text).toContain('To review the progress of the board')
    expect(text).toContain('RESOLVED: to agree the vision')
    expect(text).toContain('For discussion')
    expect(text).toContain('Presented by Sarah James')
    expect(text).toContain('href="/papers/')
    expect(text).toContain('progress%20report.pdf')
    expect(text).toContain('PDF 301 KB')
    for (const secret of ['chair-private@example.org', '07700 900001', 'officer-private@example.org', '07700 900002']) {
      expect(text).not.toContain(secret)
    }
  })

  it('an exempt item shows only its number, title, "Not for publication" and the paragraph', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const db = t.db
    await db.update(meetings).set({ status: 'minutes_approved' }).where(eq(meetings.id, s.meeting.id))
    const exempt = await buildAgendaItem(db, {
      meetingId: s.meeting.id,
      position: 1,
      title: 'Leisure contract',
      description: 'CANARY-DESC-7f3a',
      presenter: 'CANARY-PRESENTER-7f3a',
      isExempt: true,
      exemptParagraph: 3,
      publicInterestReasoning: 'CANARY-PIT-7f3a',
      minutes: 'CANARY-MINUTES-7f3a',
    })
    await buildDecision(db, { itemId: exempt.id, text: 'CANARY-DECISION-7f3a' })
    await buildDocument(db, { meetingId: s.meeting.id, itemId: exempt.id, title: 'CANARY-PAPER-7f3a', filename: 'canary-paper-7f3a.pdf' })
    await buildDocument(db, {
      meetingId: s.meeting.id,
      itemId: s.item.id,
      title: 'CANARY-EXEMPT-PAPER-7f3a',
      filename: 'canary-exempt-7f3a.pdf',
      isExempt: true,
      exemptParagraph: 1,
    })

    const { status, text } = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(status).toBe(200)
    expect(text).toContain('15.27')
    expect(text).toContain('Leisure contract')
    expect(text).toContain('Not for publication')
    expect(text).toContain('Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972')
    // A reader arriving from search or the calendar can reach the body and the partnership.
    expect(text).toMatch(/class="govuk-breadcrumbs__link" href="\/bodies\/[^"]+">Chorley Public Service Reform Board</)
    expect(text).toMatch(/class="govuk-breadcrumbs__link" href="\/partnerships\/[^"]+"/)
    // The minutes record the resolution that excluded the public, naming the item and its paragraph.
    expect(text).toContain('Exclusion of the press and public')
    expect(text).toContain('excluded from the meeting for item 15.27 on the grounds')
    expect(text).toContain('defined in paragraph 3 of Part 1 of Schedule 12A')
    expect(text.indexOf('Exclusion of the press and public')).toBeLessThan(text.indexOf('Leisure contract'))
    expect(text).not.toMatch(/canary/i)
  })

  it('an agenda whose minutes are not yet published carries no exclusion resolution', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 1, title: 'Exempt contract', isExempt: true, exemptParagraph: 3 })
    const { text } = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(text).toContain('Exempt contract')
    expect(text).not.toContain('Exclusion of the press and public')
  })

  it('lists the papers for the meeting as a whole (never an exempt one, never before the agenda is published)', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await buildDocument(t.db, { meetingId: s.meeting.id, itemId: null, title: 'Away day pack', filename: 'away-day.pdf', sizeBytes: 12_288 })
    await buildDocument(t.db, { meetingId: s.meeting.id, itemId: null, title: 'CANARY-EXEMPT-WHOLE-MEETING', isExempt: true, exemptParagraph: 3 })
    const anon = new Agent(t.app)
    const { text } = await anon.getText(P.public.meeting(s.meeting.id))
    expect(text).toContain('<h2 class="govuk-heading-m" id="papers">Papers for the meeting</h2>')
    expect(text).toMatch(/<a class="govuk-link" href="\/papers\/[^"]+\/away-day\.pdf">Away day pack<\/a> <span class="govuk-body-s">PDF 12 KB<\/span>/)
    expect(text.indexOf('Papers for the meeting')).toBeLessThan(text.indexOf('Welcome and Introductions</h3>'))
    expect(text).not.toContain('CANARY')
    await t.db.update(meetings).set({ agendaPublishedAt: null, status: 'scheduled' }).where(eq(meetings.id, s.meeting.id))
    const unpublished = await anon.getText(P.public.meeting(s.meeting.id))
    expect(unpublished.text).not.toContain('Away day pack')
  })

  it('gives a long meeting a contents list, and puts the downloads right after its details', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await t.db.update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    const session = await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 1, title: 'Session 1', minutes: 'Long minutes' })
    const sub = await buildAgendaItem(t.db, { meetingId: s.meeting.id, parentItemId: session.id, position: 0, title: 'Breakout' })
    const secret = await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 2, title: 'Leisure contract', isExempt: true, exemptParagraph: 3 })
    await buildAttendance(t.db, { meetingId: s.meeting.id, personId: s.chair.id, status: 'present' })
    const { text } = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    const contents = text.slice(text.indexOf('<nav class="app-contents-list"'), text.indexOf('</nav>', text.indexOf('<nav class="app-contents-list"')))
    expect(contents).toContain('aria-labelledby="contents"')
    const links = [...contents.matchAll(/href="([^"]+)">([^<]+)</g)].map((m) => [m[1], m[2]!.trim()])
    expect(links).toEqual([
      ['#attendance', 'Attendance'],
      [`#item-${s.item.id}`, '15.26 Welcome and Introductions'],
      [`#item-${session.id}`, '15.27 Session 1'],
      [`#item-${sub.id}`, '15.27a Breakout'],
      [`#item-${secret.id}`, '15.28 Leisure contract'],
    ])
    for (const [href] of links) expect(text).toContain(`id="${href!.slice(1)}"`)
    expect(contents).toContain('app-contents-list__item--sub')
    // The downloads come before the record in the page's order (a phone shows them after the details).
    expect(text.indexOf('Agenda pack (PDF)')).toBeLessThan(text.indexOf('<nav class="app-contents-list"'))
    expect(text.indexOf('Agenda pack (PDF)')).toBeGreaterThan(text.indexOf('Chorley Community Fire Station'))
    expect(text).toContain('<a class="govuk-link" href="#contents">Back to contents</a>')
  })

  it('a short meeting has no contents list', async () => {
    const s = await buildChorleyBoardMeeting(t)
    const { text } = await new Agent(t.app).getText(P.public.meeting(s.meeting.id))
    expect(text).toContain('Welcome and Introductions')
    expect(text).not.toContain('app-contents-list')
  })

  it('shows the public actions agreed at each item under it, with their honest state; never a private one', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await t.db.update(meetings).set({ status: 'minutes_draft' }).where(eq(meetings.id, s.meeting.id))
    const second = await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 1, title: 'Session 2' })
    const exempt = await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 2, title: 'Contract', isExempt: true, exemptParagraph: 3 })
    await buildAction(t.db, { itemId: s.item.id, description: 'Circulate Away Day outcomes', dueOn: '2015-02-17', owners: [{ personId: s.member.id }] })
    await buildAction(t.db, { itemId: second.id, description: 'Develop evidence base', dueOn: '2099-02-20', owners: [{ groupName: 'PMO' }] })
    await buildAction(t.db, { itemId: s.item.id, description: 'CANARY-PRIVATE-ACTION', isPublic: false })
    await buildAction(t.db, { itemId: exempt.id, description: 'CANARY-EXEMPT-ACTION', isPublic: true })
    await buildBodyAction(t.db, { bodyId: s.body.id, meetingId: s.meeting.id, raisedOn: '2015-02-10', description: 'Book the next away day' })
    const anon = new Agent(t.app)
    const { text } = await anon.getText(P.public.meeting(s.meeting.id))
    const itemHtml = (id: string) => text.slice(text.indexOf(`id="item-${id}"`), text.indexOf('<div class="app-item', text.indexOf(`id="item-${id}"`) + 10))
    const first = itemHtml(s.item.id)
    expect(first).toContain('Action agreed:')
    expect(first).toContain('Circulate Away Day outcomes')
    expect(first).toContain('Who: Sarah James. When: 17 February 2015.')
    expect(first).toContain('Not followed up')
    expect(first).toMatch(/Overdue since February 2015 – not updated for \d+ years/)
    const secondHtml = itemHtml(second.id)
    expect(secondHtml).toContain('Develop evidence base')
    expect(secondHtml).not.toContain('Overdue')
    expect(secondHtml).toContain('Who: PMO. When: 20 February 2099.')
    expect(first).not.toContain('Develop evidence base')
    expect(text).toContain('<h2 class="govuk-heading-m" id="meeting-actions">Actions agreed at the meeting</h2>')
    expect(text.slice(text.indexOf('id="meeting-actions"'))).toContain('Book the next away day')
    expect(text).not.toContain('CANARY')

    // Actions become public with the minutes that record them: none before.
    await t.db.update(meetings).set({ status: 'agenda_published' }).where(eq(meetings.id, s.meeting.id))
    const agendaOnly = await anon.getText(P.public.meeting(s.meeting.id))
    expect(agendaOnly.text).not.toContain('Circulate Away Day outcomes')
    expect(agendaOnly.text).not.toContain('Actions agreed')
  })

  it('says when imported minutes are only the start of the text, and links to where the rest was published', async () => {
    const s = await buildChorleyBoardMeeting(t)
    await t.db
      .update(meetings)
      .set({ status: 'minutes_draft', importedFrom: 'https://democracy.example.gov.uk/ieListDocuments.aspx?MId=7', importedAt: new Date() })
      .where(eq(meetings.id, s.meeting.id))
    await t.db.update(agendaItems).set({ minutes: 'Sarah James covered the first part …', minutesExcerpt: true, minutesSourceUrl: 'https://democracy.example.gov.uk/mgAi.aspx?ID=4311' }).where(eq(agendaItems.id, s.item.id))
    const other = await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 1, title: 'Session 2', minutes: 'The board agreed …', minutesExcerpt: true })
    const whole = await buildAgendaItem(t.db, { meetingId: s.meeting.id, position: 2, title: 'Closure', minutes: 'Closed at 5pm.' })
    const anon = new Agent(t.app)
    const { text } = await anon.getText(P.public.meeting(s.meeting.id))
    const itemHtml = (id: string) => text.slice(text.indexOf(`id="item-${id}"`), text.indexOf('<div class="app-item', text.indexOf(`id="item-${id}"`) + 10))
    expect(itemHtml(s.item.id)).toContain('These minutes are only the start of the text.')
    expect(itemHtml(s.item.id)).toContain('<a class="govuk-link" href="https://democracy.example.gov.uk/mgAi.aspx?ID=4311" rel="noopener">Read the full minutes of item 15.26 where they were published')
    // No link of its own: the page the meeting was imported from.
    expect(itemHtml(other.id)).toContain('href="https://democracy.example.gov.uk/ieListDocuments.aspx?MId=7"')
    expect(itemHtml(whole.id)).not.toContain('only the start of the text')
    // The API says the same.
    const api = (await (await t.app.request(`http://localhost/api/v1/meetings/${s.meeting.id}`)).json()) as { items: { id: string; minutesExcerpt: unknown }[] }
    expect(api.items.map((i) => i.minutesExcerpt)).toEqual([
      { sourceUrl: 'https://democracy.example.gov.uk/mgAi.aspx?ID=4311' },
      { sourceUrl: 'https://democracy.example.gov.uk/ieListDocuments.aspx?MId=7' },
      null,
    ])

    // Imported from a file, and a link that is not a web address: said, never linked.
    await t.db.update(meetings).set({ importedFrom: 'seed-000.txt' }).where(eq(meetings.id, s.meeting.id))
    await t.db.update(agendaItems).set({ minutesSourceUrl: 'javascript:alert(1)' }).where(eq(agendaItems.id, s.item.id))
    const file = await anon.getText(P.public.meeting(s.meeting.id))
    expect(file.text).toContain('These minutes are only the start of the text.')
    expect(file.text).not.toContain('javascript:')
    expect(file.text).not.toContain('where they were published')
  })
})
