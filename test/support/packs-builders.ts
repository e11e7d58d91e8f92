import { createHash } from 'node:crypto'
import PDFKit from 'pdfkit'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { extractText, getDocumentProxy } from 'unpdf'
import type { Db } from '../../src/platform/db/client.ts'
import { buildAgendaItem, buildBody, buildDocument, buildMeeting, buildPartnership } from './builders.ts'

/** A PDF of `pages` pages, each saying "<label> page N". */
export async function makeTestPdf(pages: number, label: string): Promise<Buffer> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89])
    page.drawText(`${label} page ${i}`, { x: 72, y: 760, size: 14, font })
  }
  return Buffer.from(await doc.save())
}

/** A password-protected PDF (which a pack cannot merge). */
export async function makeEncryptedPdf(text: string): Promise<Buffer> {
  const doc = new PDFKit({ userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  doc.text(text)
  doc.end()
  await done
  return Buffer.concat(chunks)
}

/** Each page's text, in order (unpdf: the text as a reader would extract it, compressed streams or not). */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  const { text } = await extractText(pdf, { mergePages: false })
  return text
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

export async function buildPaper(db: Db, values: { meetingId: string; itemId?: string | null; title: string; content: Buffer; mediaType?: string; filename?: string; position?: number; isExempt?: boolean; exemptParagraph?: number | null }) {
  return buildDocument(db, {
    filename: 'paper.pdf',
    mediaType: 'application/pdf',
    sha256: sha256(values.content),
    sizeBytes: values.content.length,
    ...values,
  })
}

export const PACK_CANARY = {
  exemptItemPaper: 'CANARY-EXEMPT-ITEM-PAPER-7f3a',
  exemptPaper: 'CANARY-EXEMPT-PAPER-91bd',
  exemptMinutes: 'CANARY-EXEMPT-MINUTES-c20e',
  exemptDecision: 'CANARY-EXEMPT-DECISION-5d44',
  exemptSubItemPaper: 'CANARY-EXEMPT-SUBITEM-PAPER-0a9c',
}

/**
 * A published meeting with a pack to build:
 * 1 Welcome (no papers) | 2 Budget (budget.pdf 3 pages, appendix.pdf 2 pages, an exempt paper, a DOCX)
 * 2.1 Budget detail (detail.pdf 1 page) | 3 Contract (exempt, para 3, with a paper and an open-looking
 * sub-item paper) | 4 Performance (a corrupt PDF and an encrypted PDF) | 5 Any other business.
 */
export async function buildPackMeeting(db: Db, traits: ('agendaPublished' | 'minutesDraft' | 'minutesApproved')[] = ['agendaPublished']) {
  const partnership = await buildPartnership(db, { name: 'Test Reform Partnership' })
  const body = await buildBody(db, { partnershipId: partnership.id, name: 'Executive Board', numberingScheme: 'per_meeting' })
  const meeting = await buildMeeting(
    db,
    { bodyId: body.id, venue: 'Council Chamber, Town Hall', contactName: 'Clerk Jones', contactEmail: 'clerk@example.org' },
    ...traits,
  )
  const item = (values: Parameters<typeof buildAgendaItem>[1]) => buildAgendaItem(db, { meetingId: meeting.id, ...values })
  const welcome = await item({ title: 'Welcome and apologies', position: 0, minutes: 'The chair **welcomed** everyone.' })
  const budget = await item({
    title: 'Budget monitoring',
    position: 1,
    presenter: 'Director of Finance',
    minutes: '## Discussion\n\nThe board discussed the *budget*:\n\n- spending was on track\n- reserves were [healthy](https://example.org/reserves)',
  })
  const detail = await item({ title: 'Budget detail', position: 0, parentItemId: budget.id })
  const contract = await item({
    title: 'Leisure contract',
    position: 2,
    isExempt: true,
    exemptParagraph: 3,
    minutes: `Confidential discussion ${PACK_CANARY.exemptMinutes}`,
  })
  const contractSub = await item({ title: 'Contract annex', position: 0, parentItemId: contract.id })
  const performance = await item({ title: 'Performance report', position: 3 })
  const aob = await item({ title: 'Any other business', position: 4 })

  const paper = (values: Omit<Parameters<typeof buildPaper>[1], 'meetingId'>) => buildPaper(db, { meetingId: meeting.id, ...values })
  const budgetPdf = await paper({ itemId: budget.id, title: 'Budget report', filename: 'budget.pdf', content: await makeTestPdf(3, 'BUDGET-REPORT'), position: 0 })
  const appendixPdf = await paper({ itemId: budget.id, title: 'Budget appendix', filename: 'appendix.pdf', content: await makeTestPdf(2, 'BUDGET-APPENDIX'), position: 1 })
  const exemptPaper = await paper({
    itemId: budget.id,
    title: 'Supplier prices',
    filename: 'prices.pdf',
    content: await makeTestPdf(2, PACK_CANARY.exemptPaper),
    position: 2,
    isExempt: true,
    exemptParagraph: 3,
  })
  const docxPaper = await paper({
    itemId: budget.id,
    title: 'Budget workings',
    filename: 'workings.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    content: Buffer.from('PK\x03\x04 not really a docx'),
    position: 3,
  })
  const detailPdf = await paper({ itemId: detail.id, title: 'Detail tables', filename: 'detail.pdf', content: await makeTestPdf(1, 'DETAIL-TABLES') })
  const contractPdf = await paper({ itemId: contract.id, title: 'Contract terms', filename: 'terms.pdf', content: await makeTestPdf(2, PACK_CANARY.exemptItemPaper) })
  const annexPdf = await paper({ itemId: contractSub.id, title: 'Annex', filename: 'annex.pdf', content: await makeTestPdf(1, PACK_CANARY.exemptSubItemPaper) })
  const corruptPdf = await paper({ itemId: performance.id, title: 'Broken scan', filename: 'broken.pdf', content: Buffer.from('%PDF-1.7\nthis is not a pdf at all'), position: 0 })
  const encryptedPdf = await paper({ itemId: performance.id, title: 'Locked report', filename: 'locked.pdf', content: await makeEncryptedPdf('LOCKED'), position: 1 })
  return {
    partnership,
    body,
    meeting,
    items: { welcome, budget, detail, contract, contractSub, performance, aob },
    papers: { budgetPdf, appendixPdf, exemptPaper, docxPaper, detailPdf, contractPdf, annexPdf, corruptPdf, encryptedPdf },
  }
}
