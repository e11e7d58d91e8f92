import { beforeAll, describe, expect, it } from 'vitest'
import { crc32 } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { addDays, londonToday } from '../../shared/dates.ts'
import { Agent, signedInAgent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { expectFormErrors } from '../../../test/support/form-errors.ts'
import { expectPage, expectToContainAll } from '../../../test/support/page-text.ts'
import {
  buildAgendaItem,
  buildBody,
  buildDocument,
  buildMeeting,
  buildMembership,
  buildPartnership,
  buildPerson,
} from '../../../test/support/builders.ts'
import { agendaItems, documents, meetings } from './meetings.tables.ts'
import { meetingPaths } from './meetings.paths.ts'
import { detectPaperType } from './papers.ts'

let partnershipId: string
let staff: Agent

const t = useTestApp({ maxUploadBytes: 64 * 1024 })
beforeAll(async () => {
  partnershipId = (await buildPartnership(t.db)).id
  staff = await signedInAgent(t.app, t.services, { secretariatOf: [partnershipId] })
})

/** A minimal ZIP (stored entries), enough for an Office file check. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text)
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>'
const docx = () => zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>' })
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n')

function paperForm(fields: Record<string, string>, file: { bytes: Buffer | string; name: string; type: string } | null): FormData {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  if (file) form.set('file', new File([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], file.name, { type: file.type }))
  return form
}

async function ourBody(values: Parameters<typeof buildBody>[1] = {}) {
  return buildBody(t.db, { partnershipId, ...values })
}

async function html(res: Response) {
  return res.text()
}

describe('scheduling a meeting', () => {
  it('schedules a meeting and shows it on the staff meeting page', async () => {
    const body = await ourBody({ numberingScheme: 'continuing', nextItemNumber: 43 })
    const form = await staff.get(meetingPaths.manage.newMeeting(body.id))
    expect(form.status).toBe(200)
    expectToContainAll(await html(form), ['Away day', 'the next number is 43'])
    const res = await staff.post(meetingPaths.manage.newMeeting(body.id), {
      date: '2027-03-16',
      startTime: '14:30',
      endTime: '16:00',
      venue: 'Chorley Community Fire Station',
      contactName: 'Hayley Hughes',
      contactPhone: '01257 515035',
      contactEmail: 'hayley@example.org',
      kind: 'away_day',
      firstItemNumber: '',
    })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(/^\/manage\/meetings\/[0-9a-f-]{36}$/)
    const id = location.split('/').pop()!
    expectPage(await staff.getText(location), 200, [
      'Meeting scheduled',
      'Tuesday 16 March 2027',
      '2.30pm to 4pm',
      'Away day',
      'Scheduled',
      meetingPaths.manage.attendance(id),
      meetingPaths.manage.minutes(id),
    ])
  })

  it('shows field errors with status 400 and keeps what was typed', async () => {
    const body = await ourBody()
    await staff.get(meetingPaths.manage.newMeeting(body.id))
    const res = await staff.post(meetingPaths.manage.newMeeting(body.id), {
      date: '2027-02-30',
      startTime: '14:30',
      endTime: '14:00',
      venue: 'Committee Room 1, Town Hall',
      kind: 'ordinary',
      contactEmail: 'not-an-email',
    })
    expect(res.status).toBe(400)
    const page = await html(res)
    expectFormErrors(page, ['endTime', 'date', 'contactEmail'], ['The end time must be after the start time', 'value="Committee Room 1, Town Hall"', 'value="not-an-email"'])
  })

  it("refuses another partnership's secretariat (403) and sends the public to sign in", async () => {
    const otherBody = await buildBody(t.db)
    const m = await buildMeeting(t.db, { bodyId: otherBody.id })
    expect((await staff.get(meetingPaths.manage.newMeeting(otherBody.id))).status).toBe(403)
    expect((await staff.get(meetingPaths.manage.meeting(m.id))).status).toBe(403)
    expect((await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Sneaky' })).status).toBe(403)
    const anon = await t.app.request(`http://localhost${meetingPaths.manage.meeting(m.id)}`)
    expect(anon.status).toBe(302)
    expect(anon.headers.get('location')).toContain('/sign-in')
  })
})

describe('moving and cancelling', () => {
  it('moves a meeting and says where it moved from', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id, date: '2015-03-03', startTime: '14:30' })
    const edit = await staff.getText(meetingPaths.manage.editMeeting(m.id))
    expect(edit.text).toContain('name="version" value="1"')
    const res = await staff.post(meetingPaths.manage.editMeeting(m.id), { date: '2015-03-10', startTime: '14:30', kind: 'ordinary', venue: 'Town Hall', version: '1' })
    expect(res.status).toBe(303)
    const page = await staff.getText(meetingPaths.manage.meeting(m.id))
    expect(page.text).toContain('Moved from Tuesday 3 March 2015')
  })

  it('re-renders with 409, the user input and the new version when someone saved first', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    await staff.get(meetingPaths.manage.editMeeting(m.id))
    await t.db.update(meetings).set({ venue: 'Elsewhere', version: 2 }).where(eq(meetings.id, m.id))
    const res = await staff.post(meetingPaths.manage.editMeeting(m.id), { date: m.date, startTime: '14:30', kind: 'ordinary', venue: 'My new venue', version: '1' })
    expect(res.status).toBe(409)
    const page = await html(res)
    expect(page).toContain('changed this since you opened it')
    expect(page).toContain('value="My new venue"')
    expect(page).toContain('name="version" value="2"')
    expect((await t.services.meetings.getMeeting(m.id)).venue).toBe('Elsewhere')
  })

  it('cancels with a confirm page; a cancelled meeting stays visible and cannot be edited or published', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    const confirm = await staff.getText(meetingPaths.manage.cancelMeeting(m.id))
    expect(confirm.text).toContain('Are you sure you want to cancel this meeting?')
    const res = await staff.post(meetingPaths.manage.cancelMeeting(m.id), { reason: 'Chair unavailable', version: '1' })
    expect(res.status).toBe(303)
    const page = await staff.getText(meetingPaths.manage.meeting(m.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('Cancelled')
    expect(page.text).toContain('Chair unavailable')
    const edit = await staff.post(meetingPaths.manage.editMeeting(m.id), { date: m.date, startTime: '10:00', kind: 'ordinary', version: '2' })
    expect(edit.status).toBe(409)
    expect(await edit.text()).toContain('This meeting has been cancelled, so it cannot be changed.')
    const publish = await staff.post(meetingPaths.manage.publishAgenda(m.id), { version: '2' })
    expect(publish.status).toBe(409)
    expect(await publish.text()).toContain('cancelled')
  })
})

describe('agenda builder', () => {
  it('adds items and sub-items, numbers them, reorders with Move up/down and deletes with confirmation', async () => {
    const body = await ourBody({ numberingScheme: 'year_sequence', nextItemNumber: 26 })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: '2015-02-10' })
    await staff.get(meetingPaths.manage.newItem(m.id))
    expect((await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Welcome and Introductions', purpose: 'information' })).status).toBe(303)
    expect((await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Next steps', purpose: 'decision', presenter: 'Chair' })).status).toBe(303)
    const welcome = (await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(m.id)))[0]!
    expect((await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Session 1', parentItemId: welcome.id })).status).toBe(303)

    let page = (await staff.getText(meetingPaths.manage.meeting(m.id))).text
    expect(page).toMatch(/15\.26<\/span> Welcome and Introductions/)
    expect(page).toMatch(/15\.26a<\/span> Session 1/)
    expect(page).toMatch(/15\.27<\/span> Next steps/)
    expect(page).toContain('Move down')

    const next = (await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(m.id))).find((i) => i.title === 'Next steps')!
    expect(page).toContain(`name="version" value="${next.version}"`)
    expect((await staff.post(meetingPaths.manage.moveItem(next.id), { direction: 'up', version: String(next.version) })).status).toBe(303)
    page = (await staff.getText(meetingPaths.manage.meeting(m.id))).text
    expect(page).toMatch(/15\.26<\/span> Next steps/)
    expect(page).toMatch(/15\.27a<\/span> Session 1/)

    const confirm = await staff.getText(meetingPaths.manage.deleteItem(welcome.id))
    expect(confirm.text).toContain('Session 1')
    const version = /name="version" value="(\d+)"/.exec(confirm.text)![1]!
    expect((await staff.post(meetingPaths.manage.deleteItem(welcome.id), { version })).status).toBe(303)
    const agenda = await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(m.id))
    expect(agenda.map((i) => `${i.number} ${i.title}`)).toEqual(['15.26 Next steps'])
  })

  it('requires a paragraph and reasoning for an exempt item, keeping the input (400)', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    await staff.get(meetingPaths.manage.newItem(m.id))
    const res = await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Contract award', description: 'Award of **contract**', isExempt: 'true' })
    expect(res.status).toBe(400)
    expectToContainAll(await html(res), [
      'href="#exemptParagraph"',
      'href="#publicInterestReasoning"',
      'value="Contract award"',
      'Award of **contract**',
      'Paragraph 3: Financial or business affairs of any particular person (including the authority)',
    ])
    const ok = await staff.post(meetingPaths.manage.newItem(m.id), {
      title: 'Contract award',
      isExempt: 'true',
      exemptParagraph: '3',
      publicInterestReasoning: 'Commercially sensitive until signed',
      exemptReviewOn: '2027-09-01',
    })
    expect(ok.status).toBe(303)
    const page2 = (await staff.getText(meetingPaths.manage.meeting(m.id))).text
    expect(page2).toContain('Exempt: paragraph 3')
  })

  it('edits an item, and a stale version gives 409 with the text kept', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    const it1 = await buildAgendaItem(t.db, { meetingId: m.id, title: 'Original' })
    const form = await staff.getText(meetingPaths.manage.editItem(it1.id))
    expect(form.text).toContain('value="Original"')
    expect((await staff.post(meetingPaths.manage.editItem(it1.id), { title: 'Renamed', version: '1' })).status).toBe(303)
    const stale = await staff.post(meetingPaths.manage.editItem(it1.id), { title: 'My stale edit', version: '1' })
    expect(stale.status).toBe(409)
    const page = await html(stale)
    expect(page).toContain('changed this since you opened it')
    expect(page).toContain('value="My stale edit"')
    expect(page).toContain('name="version" value="2"')
  })
})

describe('papers', () => {
  it('refuses a fake PDF that is really text, keeping the other fields (400)', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    await staff.get(meetingPaths.manage.newPaper(m.id))
    const res = await staff.post(
      meetingPaths.manage.newPaper(m.id),
      paperForm({ title: 'Evaluation report' }, { bytes: 'just some text, not a PDF', name: 'x.pdf', type: 'application/pdf' }),
    )
    expect(res.status).toBe(400)
    const page = await html(res)
    expect(page).toContain('href="#file"')
    expect(page).toContain('The selected file must be a PDF, DOCX, XLSX or PPTX')
    expect(page).toContain('value="Evaluation report"')
  })

  it('refuses an empty file, a missing file, a wrong extension and a file over the size limit', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    await staff.get(meetingPaths.manage.newPaper(m.id))
    const cases: [ReturnType<typeof paperForm>, string][] = [
      [paperForm({ title: 'A' }, { bytes: '', name: 'a.pdf', type: 'application/pdf' }), 'The selected file is empty'],
      [paperForm({ title: 'A' }, null), 'Select a file'],
      [paperForm({ title: 'A' }, { bytes: PDF, name: 'a.exe', type: 'application/octet-stream' }), 'must be a PDF, DOCX, XLSX or PPTX'],
      [paperForm({ title: 'A' }, { bytes: Buffer.concat([PDF, Buffer.alloc(70 * 1024)]), name: 'a.pdf', type: 'application/pdf' }), 'must be smaller than'],
      [paperForm({ title: 'A' }, { bytes: docx(), name: 'a.pdf', type: 'application/pdf' }), 'is really a Word (DOCX) file'],
    ]
    for (const [form, message] of cases) {
      const res = await staff.post(meetingPaths.manage.newPaper(m.id), form)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(message)
    }
  })

  it('uploads a PDF (with the accessibility warning) and a DOCX, and serves them with the right headers', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    const item = await buildAgendaItem(t.db, { meetingId: m.id, title: 'Evaluation' })
    await staff.get(meetingPaths.manage.newPaper(m.id))
    expect(
      (await staff.post(meetingPaths.manage.newPaper(m.id), paperForm({ title: 'Year one report', itemId: item.id }, { bytes: PDF, name: 'Year one report.pdf', type: 'application/pdf' }))).status,
    ).toBe(303)
    expect(
      (await staff.post(meetingPaths.manage.newPaper(m.id), paperForm({ title: 'Minutes template' }, { bytes: docx(), name: 'template.docx', type: 'application/octet-stream' }))).status,
    ).toBe(303)
    const page = (await staff.getText(meetingPaths.manage.meeting(m.id))).text
    expect(page).toContain('HTML is the primary form: this paper is only a PDF and may not be accessible')
    const [pdfDoc] = await t.db.select().from(documents).where(eq(documents.title, 'Year one report'))
    expect(pdfDoc!.filename).toBe('Year-one-report.pdf')
    expect(pdfDoc!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Buffer.compare(pdfDoc!.content, PDF)).toBe(0)

    // unpublished agenda: the public gets 404, staff get the file
    const path = meetingPaths.public.paper(pdfDoc!.id, pdfDoc!.filename)
    expect((await t.app.request(`http://localhost${path}`)).status).toBe(404)
    const staffRes = await staff.get(path)
    expect(staffRes.status).toBe(200)
    expect(staffRes.headers.get('content-type')).toBe('application/pdf')

    await t.db.update(meetings).set({ status: 'agenda_published', agendaPublishedAt: new Date() }).where(eq(meetings.id, m.id))
    const pub = await t.app.request(`http://localhost${path}`)
    expect(pub.status).toBe(200)
    expect(pub.headers.get('content-type')).toBe('application/pdf')
    expect(pub.headers.get('content-disposition')).toBe('inline; filename="Year-one-report.pdf"')
    expect(Buffer.from(await pub.arrayBuffer()).toString('latin1')).toContain('%PDF-1.4')

    const [docxDoc] = await t.db.select().from(documents).where(eq(documents.title, 'Minutes template'))
    const d = await t.app.request(`http://localhost${meetingPaths.public.paper(docxDoc!.id, docxDoc!.filename)}`)
    expect(d.status).toBe(200)
    expect(d.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(d.headers.get('content-disposition')).toBe('attachment; filename="template.docx"')
    // a wrong filename is not found
    expect((await t.app.request(`http://localhost${meetingPaths.public.paper(docxDoc!.id, 'other.docx')}`)).status).toBe(404)
  })

  it('withholds exempt papers and papers on exempt items from the public, not from members or staff', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id }, 'agendaPublished')
    const openItem = await buildAgendaItem(t.db, { meetingId: m.id })
    const exemptItem = await buildAgendaItem(t.db, { meetingId: m.id, isExempt: true, exemptParagraph: 1, position: 1 })
    const subOfExempt = await buildAgendaItem(t.db, { meetingId: m.id, parentItemId: exemptItem.id })
    const open = await buildDocument(t.db, { meetingId: m.id, itemId: openItem.id })
    const exemptPaper = await buildDocument(t.db, { meetingId: m.id, itemId: openItem.id, isExempt: true, exemptParagraph: 3 })
    const onExemptItem = await buildDocument(t.db, { meetingId: m.id, itemId: exemptItem.id })
    const onSub = await buildDocument(t.db, { meetingId: m.id, itemId: subOfExempt.id })
    const url = (d: { id: string; filename: string }) => `http://localhost${meetingPaths.public.paper(d.id, d.filename)}`

    expect((await t.app.request(url(open))).status).toBe(200)
    for (const d of [exemptPaper, onExemptItem, onSub]) expect((await t.app.request(url(d))).status).toBe(404)

    const person = await buildPerson(t.db)
    await buildMembership(t.db, { bodyId: body.id, personId: person.id })
    const member = await signedInAgent(t.app, t.services, { personId: person.id })
    expect((await member.get(meetingPaths.public.paper(exemptPaper.id, exemptPaper.filename))).status).toBe(200)
    expect((await staff.get(meetingPaths.public.paper(onExemptItem.id, onExemptItem.filename))).status).toBe(200)
    const outsider = await signedInAgent(t.app, t.services, { secretariatOf: [(await buildPartnership(t.db)).id] })
    expect((await outsider.get(meetingPaths.public.paper(exemptPaper.id, exemptPaper.filename))).status).toBe(404)
  })

  it('deletes a paper', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    const doc = await buildDocument(t.db, { meetingId: m.id })
    const page = await staff.getText(meetingPaths.manage.meeting(m.id))
    expect(page.text).toContain(`name="version" value="${doc.version}"`)
    expect((await staff.post(meetingPaths.manage.deletePaper(doc.id), { version: String(doc.version) })).status).toBe(303)
    expect(await t.db.select().from(documents).where(eq(documents.id, doc.id))).toEqual([])
  })

  it('detects Office files by their entries even without [Content_Types].xml', async () => {
    expect(await detectPaperType(zip({ 'xl/workbook.xml': '<x/>' }))).toBe('xlsx')
    expect(await detectPaperType(zip({ 'ppt/presentation.xml': '<p/>' }))).toBe('pptx')
    expect(await detectPaperType(zip({ 'other/file.txt': 'x' }))).toBeNull()
    expect(await detectPaperType(PDF)).toBe('pdf')
  })
})

describe('publishing', () => {
  it('shows the notice deadline and publishes in good time', async () => {
    const body = await ourBody({ numberingScheme: 'continuing', nextItemNumber: 7 })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 60) })
    await buildAgendaItem(t.db, { meetingId: m.id, isExempt: true, exemptParagraph: 5, title: 'Legal advice' })
    const page = await staff.getText(meetingPaths.manage.publishAgenda(m.id))
    expect(page.text).toContain('To give 5 clear working days&#39; notice, publish by')
    expect(page.text).toContain('the latest compliant date')
    expect(page.text).toContain('Legal advice')
    expect(page.text).toContain('Exempt: paragraph 5')
    expect(page.text).toContain('has no public interest reasoning')
    const res = await staff.post(meetingPaths.manage.publishAgenda(m.id), { version: '1' })
    expect(res.status).toBe(303)
    const after = await t.services.meetings.getMeeting(m.id)
    expect(after.status).toBe('agenda_published')
    expect(after.body.nextItemNumber).toBe(8)
    expect((await staff.getText(meetingPaths.manage.meeting(m.id))).text).toContain('Agenda published')
  })

  it('warns but publishes late for an informal body', async () => {
    const body = await ourBody({ regime: 'informal' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 1) })
    await buildAgendaItem(t.db, { meetingId: m.id })
    const page = await staff.getText(meetingPaths.manage.publishAgenda(m.id))
    expect(page.text).toContain('govuk-warning-text')
    expect(page.text).toContain('optional, but recommended')
    expect((await staff.post(meetingPaths.manage.publishAgenda(m.id), { version: '1', urgencyReason: '' })).status).toBe(303)
  })

  it('blocks late publication for a statutory body without an urgency reason (400), then publishes with one', async () => {
    const body = await ourBody({ regime: 'executive' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 1) })
    await buildAgendaItem(t.db, { meetingId: m.id })
    await staff.get(meetingPaths.manage.publishAgenda(m.id))
    const res = await staff.post(meetingPaths.manage.publishAgenda(m.id), { version: '1', urgencyReason: '' })
    expect(res.status).toBe(400)
    const page = await html(res)
    expect(page).toContain('href="#urgencyReason"')
    expect((await t.services.meetings.getMeeting(m.id)).status).toBe('scheduled')
    const ok = await staff.post(meetingPaths.manage.publishAgenda(m.id), { version: '1', urgencyReason: 'Funding bid closes this week' })
    expect(ok.status).toBe(303)
    expect((await t.services.meetings.getMeeting(m.id)).lateReason).toBe('Funding bid closes this week')
    // The secretariat's meeting page keeps the record: late, the deadline it missed, and the reason.
    const record = (await staff.getText(meetingPaths.manage.meeting(m.id))).text
    expect(record).toContain('Published late: 5 clear working days’ notice needed publication by')
    expect(record).toContain('Reason recorded for publishing late: Funding bid closes this week')
  })

  it('records an agenda published in good time as on time, with the deadline it met', async () => {
    const body = await ourBody({ regime: 'executive' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 30) })
    await buildAgendaItem(t.db, { meetingId: m.id })
    expect((await staff.post(meetingPaths.manage.publishAgenda(m.id), { version: '1' })).status).toBe(303)
    const record = (await staff.getText(meetingPaths.manage.meeting(m.id))).text
    expect(record).toContain('Published on time:')
    expect(record).not.toContain('Reason recorded for publishing late')
  })

  it('warns an informal body about an item added after late publication, but lets it through', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 1) }, 'agendaPublished')
    const form = await staff.getText(meetingPaths.manage.newItem(m.id))
    expect(form.text).toContain('Reason this item is urgent (optional)')
    expect(form.text).toContain('Record why the chair took this item as urgent')
    expect((await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Late informal item' })).status).toBe(303)
  })

  it('requires an urgency reason from a statutory body for an item added after late publication', async () => {
    const body = await ourBody({ regime: 'statutory_committee' })
    const m = await buildMeeting(t.db, { bodyId: body.id, date: addDays(londonToday(), 1) }, 'agendaPublished')
    const form = await staff.getText(meetingPaths.manage.newItem(m.id))
    expect(form.text).toContain('Reason this item is urgent')
    expect(form.text).not.toContain('Reason this item is urgent (optional)')
    const res = await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Urgent item' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('value="Urgent item"')
    expect((await staff.post(meetingPaths.manage.newItem(m.id), { title: 'Urgent item', urgencyReason: 'Chair ruled it urgent' })).status).toBe(303)
    expect((await staff.getText(meetingPaths.manage.meeting(m.id))).text).toContain('Added after publication')
  })
})

describe('malformed ids in the URL', () => {
  it('are a 404 from the route itself, never reaching the database', async () => {
    const anon = await new Agent(t.app).getText('/papers/not-a-uuid/x.pdf')
    expect(anon.status).toBe(404)
    expect(anon.text).toContain('Paper not found')
    const edit = await staff.getText('/manage/items/x/edit')
    expect(edit.status).toBe(404)
    expect(edit.text).toContain('Agenda item not found')
    for (const path of ['/manage/meetings/nope', '/manage/meetings/nope/edit', '/manage/bodies/nope/meetings/new', '/manage/items/1/delete']) {
      expect((await staff.get(path)).status).toBe(404)
    }
    await staff.get(meetingPaths.manage.meeting((await buildMeeting(t.db, { bodyId: (await ourBody()).id })).id))
    for (const path of ['/manage/items/x/delete', '/manage/items/x/move', '/manage/papers/x/delete', '/manage/meetings/x/items/new']) {
      const res = await staff.post(path, { version: '1', direction: 'up', title: 'x' })
      expect(res.status).toBe(404)
    }
  })
})

describe('deleting and moving from a page that is out of date', () => {
  it('409 with a clear message and nothing deleted or moved; the page carries the new version', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id })
    const a = await buildAgendaItem(t.db, { meetingId: m.id, title: 'Alpha item', position: 0 })
    const b = await buildAgendaItem(t.db, { meetingId: m.id, title: 'Beta item', position: 1 })
    const doc = await buildDocument(t.db, { meetingId: m.id, itemId: a.id, title: 'Alpha report' })

    const confirm = await staff.getText(meetingPaths.manage.deleteItem(a.id))
    expect(confirm.text).toContain('name="version" value="1"')
    await t.db.update(agendaItems).set({ title: 'Alpha item, changed', version: 2 }).where(eq(agendaItems.id, a.id))
    const del = await staff.post(meetingPaths.manage.deleteItem(a.id), { version: '1' })
    expect(del.status).toBe(409)
    const delText = await html(del)
    expect(delText).toContain('govuk-error-summary')
    expect(delText).toContain('Someone else changed this agenda item since you opened it')
    expect(delText).toContain('name="version" value="2"')
    expect(await t.db.select().from(agendaItems).where(eq(agendaItems.id, a.id))).toHaveLength(1)

    const move = await staff.post(meetingPaths.manage.moveItem(b.id), { direction: 'up', version: '0' })
    expect(move.status).toBe(400)
    const staleMove = await staff.post(meetingPaths.manage.moveItem(a.id), { direction: 'down', version: '1' })
    expect(staleMove.status).toBe(409)
    expect(await html(staleMove)).toContain('Someone else changed this agenda item since you opened it')
    const agenda = await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(m.id))
    expect(agenda.map((i) => i.title)).toEqual(['Alpha item, changed', 'Beta item'])

    await t.db.update(documents).set({ title: 'Alpha report v2', version: 2 }).where(eq(documents.id, doc.id))
    const paper = await staff.post(meetingPaths.manage.deletePaper(doc.id), { version: '1' })
    expect(paper.status).toBe(409)
    const paperText = await html(paper)
    expect(paperText).toContain('Someone else changed this paper since you opened it')
    expect(paperText).toContain('Alpha report v2')
    expect(await t.db.select({ id: documents.id }).from(documents).where(eq(documents.id, doc.id))).toHaveLength(1)
    expect((await staff.post(meetingPaths.manage.deletePaper(doc.id), { version: '2' })).status).toBe(303)
    expect((await staff.post(meetingPaths.manage.deleteItem(a.id), { version: '2' })).status).toBe(303)
  })
})

describe('the agenda once minutes are published or approved', () => {
  it('approved: no changes offered, and forms and posts are refused with the reason', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id, date: '2015-02-10' }, 'minutesApproved')
    const a = await buildAgendaItem(t.db, { meetingId: m.id, title: 'Approved item', position: 0 })
    const doc = await buildDocument(t.db, { meetingId: m.id, itemId: a.id })
    const page = await staff.getText(meetingPaths.manage.meeting(m.id))
    expect(page.status).toBe(200)
    expect(page.text).toContain('The minutes of this meeting have been approved')
    for (const href of [meetingPaths.manage.editItem(a.id), meetingPaths.manage.deleteItem(a.id), meetingPaths.manage.editMeeting(m.id), meetingPaths.manage.newItem(m.id)]) {
      expect(page.text).not.toContain(`href="${href}"`)
      const form = await staff.getText(href)
      expect(form.status).toBe(409)
      expect(form.text).toContain('The minutes of this meeting have been approved')
    }
    expect(page.text).not.toContain(`action="${meetingPaths.manage.deletePaper(doc.id)}"`)
    await staff.get(meetingPaths.manage.meeting(m.id))
    const edit = await staff.post(meetingPaths.manage.editItem(a.id), { title: 'Rewritten', version: '1' })
    expect(edit.status).toBe(409)
    expect(await html(edit)).toContain('The minutes of this meeting have been approved')
    expect((await staff.post(meetingPaths.manage.deleteItem(a.id), { version: '1' })).status).toBe(409)
    expect((await staff.post(meetingPaths.manage.deletePaper(doc.id), { version: '1' })).status).toBe(409)
    expect((await staff.post(meetingPaths.manage.editMeeting(m.id), { date: m.date, startTime: '10:00', kind: 'ordinary', version: '1' })).status).toBe(409)
    const agenda = await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(m.id))
    expect(agenda.map((i) => i.title)).toEqual(['Approved item'])
    expect(agenda[0]!.papers).toHaveLength(1)
  })

  it('draft minutes published: items can be reworded but not deleted or moved; papers not deleted', async () => {
    const body = await ourBody()
    const m = await buildMeeting(t.db, { bodyId: body.id, date: '2015-02-10' }, 'minutesDraft')
    const a = await buildAgendaItem(t.db, { meetingId: m.id, title: 'First', position: 0 })
    await buildAgendaItem(t.db, { meetingId: m.id, title: 'Second', position: 1 })
    const doc = await buildDocument(t.db, { meetingId: m.id, itemId: a.id })
    const page = await staff.getText(meetingPaths.manage.meeting(m.id))
    expect(page.text).toContain('Draft minutes of this meeting have been published')
    expect(page.text).toContain(`href="${meetingPaths.manage.editItem(a.id)}"`)
    expect(page.text).not.toContain(`href="${meetingPaths.manage.deleteItem(a.id)}"`)
    expect(page.text).not.toContain('Move down')
    expect(page.text).not.toContain(`action="${meetingPaths.manage.deletePaper(doc.id)}"`)
    expect((await staff.get(meetingPaths.manage.deleteItem(a.id))).status).toBe(409)
    const del = await staff.post(meetingPaths.manage.deleteItem(a.id), { version: '1' })
    expect(del.status).toBe(409)
    expect(await html(del)).toContain('Draft minutes of this meeting have been published')
    expect((await staff.post(meetingPaths.manage.moveItem(a.id), { direction: 'down', version: '1' })).status).toBe(409)
    expect((await staff.post(meetingPaths.manage.deletePaper(doc.id), { version: '1' })).status).toBe(409)
    await staff.get(meetingPaths.manage.editItem(a.id))
    expect((await staff.post(meetingPaths.manage.editItem(a.id), { title: 'First, reworded', version: '1' })).status).toBe(303)
    const agenda = await t.services.meetings.findAgenda(await t.services.meetings.getMeeting(m.id))
    expect(agenda.map((i) => `${i.number} ${i.title}`)).toEqual(['1 First, reworded', '2 Second'])
  })
})
