import { expect, it } from 'vitest'
import { signedInAgent } from '../../../test/support/app.ts'
import { useTestApp } from '../../../test/support/use-test-app.ts'
import { buildAgendaItem, buildDocument, buildMeeting } from '../../../test/support/builders.ts'
import { meetingPaths } from './meetings.paths.ts'
import { PAPER_TYPES, isPdfOnly } from './papers.ts'


const t = useTestApp()

const pdf = { mediaType: PAPER_TYPES.pdf.mediaType }
const docx = { mediaType: PAPER_TYPES.docx.mediaType }
const xlsx = { mediaType: PAPER_TYPES.xlsx.mediaType }

it('isPdfOnly: a PDF with no Word version beside it', () => {
  expect(isPdfOnly({ id: 'a', ...pdf }, [{ id: 'a', ...pdf }])).toBe(true)
  expect(isPdfOnly({ id: 'a', ...pdf }, [{ id: 'a', ...pdf }, { id: 'b', ...xlsx }, { id: 'c', ...pdf }])).toBe(true)
  expect(isPdfOnly({ id: 'a', ...pdf }, [{ id: 'a', ...pdf }, { id: 'b', ...docx }])).toBe(false)
  expect(isPdfOnly({ id: 'b', ...docx }, [{ id: 'b', ...docx }])).toBe(false)
})

it('warns the secretariat, on the staff meeting page, about each PDF-only paper and no other', async () => {
  const meeting = await buildMeeting(t.db)
  const alone = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 0, title: 'Only a PDF' })
  const paired = await buildAgendaItem(t.db, { meetingId: meeting.id, position: 1, title: 'PDF and Word' })
  await buildDocument(t.db, { meetingId: meeting.id, itemId: alone.id, title: 'Lonely PDF' })
  await buildDocument(t.db, { meetingId: meeting.id, itemId: paired.id, title: 'Paired PDF' })
  await buildDocument(t.db, { meetingId: meeting.id, itemId: paired.id, title: 'Paired Word', filename: 'paired.docx', ...docx })
  await buildDocument(t.db, { meetingId: meeting.id, title: 'Meeting-level PDF' })
  const staff = await signedInAgent(t.app, t.services, { isAdmin: true })
  const { status, text } = await staff.getText(meetingPaths.manage.meeting(meeting.id))
  expect(status).toBe(200)
  const warnings = text.split('may not be accessible').length - 1
  expect(warnings).toBe(2)
  const paperBlock = (title: string) => text.slice(text.indexOf(`>${title}</a>`), text.indexOf('</li>', text.indexOf(`>${title}</a>`)))
  expect(paperBlock('Lonely PDF')).toContain('Public Sector Bodies Accessibility Regulations 2018')
  expect(paperBlock('Meeting-level PDF')).toContain('may not be accessible')
  expect(paperBlock('Paired PDF')).not.toContain('may not be accessible')
  expect(paperBlock('Paired Word')).not.toContain('may not be accessible')
})
