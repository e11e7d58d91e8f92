import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
} from 'docx'
import type { PrintBlock, PrintDocument } from './document.ts'

/**
 * Word engine, domain-free: a PrintDocument as a .docx with real heading styles (so Word's navigation pane
 * and screen readers see the structure), real bullet and numbered lists, the document language set on every
 * run, and "Page N of M" fields in the footer.
 */

const ORDERED = 'ju-ordered'
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const
/** A4 text width in twentieths of a point with 2 cm margins, for the right tab of entry references. */
const RIGHT_TAB = 9638

function blockParagraphs(block: PrintBlock, listIndex: { n: number }): Paragraph[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] })]
    case 'paragraph': {
      const style = block.style ?? 'normal'
      if (style === 'banner') {
        const border = { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 4 }
        return [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            border: { top: border, bottom: border, left: border, right: border },
            children: [new TextRun({ text: block.text, bold: true, size: 36 })],
          }),
        ]
      }
      return [
        new Paragraph({
          children: [
            new TextRun({
              text: block.text,
              bold: style === 'strong',
              ...(style === 'lead' ? { size: 28 } : style === 'small' ? { size: 18 } : {}),
            }),
          ],
        }),
      ]
    }
    case 'list': {
      const instance = listIndex.n++
      return block.items.map((item) =>
        block.ordered
          ? new Paragraph({ numbering: { reference: ORDERED, level: 0, instance }, children: [new TextRun(item)] })
          : new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }),
      )
    }
    case 'fields':
      return block.rows.map(
        (row) => new Paragraph({ children: [new TextRun({ text: `${row.label}: `, bold: true }), new TextRun(row.value)] }),
      )
    case 'entry': {
      const indent = block.indent ? 720 : 0
      const head = new Paragraph({
        indent: { left: indent + 720, hanging: 720 },
        tabStops: [
          { type: TabStopType.LEFT, position: indent + 720 },
          { type: TabStopType.RIGHT, position: RIGHT_TAB },
        ],
        children: [
          new TextRun({ text: `${block.number}\t${block.title}`, bold: true }),
          ...(block.reference ? [new TextRun({ text: `\t${block.reference}` })] : []),
        ],
      })
      const notes = (block.notes ?? []).map(
        (note) => new Paragraph({ indent: { left: indent + 720 }, children: [new TextRun({ text: note, size: 20 })] }),
      )
      return [head, ...notes]
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })]
  }
}

/** A PrintDocument as .docx bytes. */
export async function renderDocx(model: PrintDocument): Promise<Buffer> {
  const listIndex = { n: 0 }
  const children = model.blocks.flatMap((block) => blockParagraphs(block, listIndex))
  const doc = new Document({
    title: model.title,
    creator: 'Joined Up',
    ...(model.subject ? { subject: model.subject } : {}),
    ...(model.author ? { lastModifiedBy: model.author } : {}),
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: model.language } } },
        heading1: { run: { font: 'Arial', size: 40, bold: true, language: { value: model.language } } },
        heading2: { run: { font: 'Arial', size: 32, bold: true, language: { value: model.language } } },
        heading3: { run: { font: 'Arial', size: 26, bold: true, language: { value: model.language } } },
      },
    },
    numbering: {
      config: [
        {
          reference: ORDERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}
