import { PDFDocument, StandardFonts } from 'pdf-lib'
import { Document, Packer, Paragraph, TextRun } from 'docx'

/** A small real PDF with one line of text per page (pdf-lib, standard font). */
export async function makePdf(pages: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (const text of pages) {
    const page = pdf.addPage([595, 842])
    page.drawText(text, { x: 50, y: 780, size: 12, font })
  }
  return Buffer.from(await pdf.save())
}

/** A small real DOCX with one paragraph per string (the docx package). */
export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] })
  return Packer.toBuffer(doc)
}
