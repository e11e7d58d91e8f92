import mammoth from 'mammoth'
import { describe, expect, it } from 'vitest'
import { documentText, markdownBlocks, type PrintDocument } from './document.ts'
import { renderDocx } from './docx.ts'
import { draftOpening } from '../../../test/support/print-blocks.ts'

describe('markdownBlocks', () => {
  it('turns Markdown into plain paragraphs and lists with no syntax left', () => {
    const blocks = markdownBlocks(
      '## Budget\n\nThe **board** noted the _report_ and [the plan](https://example.org/plan).\n\n- one `two`\n- three\n  - nested\n\n1. first\n2. second\n\n| Area | Spend |\n|---|---|\n| Parks | £5 |\n\n> quoted &amp; kept',
    )
    expect(blocks).toEqual([
      { kind: 'paragraph', style: 'strong', text: 'Budget' },
      { kind: 'paragraph', text: 'The board noted the report and the plan (https://example.org/plan).' },
      { kind: 'list', ordered: false, items: ['one two', 'three ; nested'] },
      { kind: 'list', ordered: true, items: ['first', 'second'] },
      { kind: 'paragraph', style: 'strong', text: 'Area | Spend' },
      { kind: 'paragraph', text: 'Parks | £5' },
      { kind: 'paragraph', text: 'quoted & kept' },
    ])
    expect(markdownBlocks(null)).toEqual([])
    expect(markdownBlocks('   ')).toEqual([])
  })
})

describe('renderDocx', () => {
  it('writes a Word document with the text, headings and lists', async () => {
    const model: PrintDocument = {
      title: 'Minutes',
      language: 'en-GB',
      blocks: [
        ...draftOpening('Board minutes'),
        { kind: 'entry', number: '4', title: 'Budget', reference: 'Page 9', notes: ['Presented by the treasurer'] },
        ...markdownBlocks('The **board** agreed:\n\n1. to go ahead\n2. to report back'),
      ],
    }
    const buffer = await renderDocx(model)
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK')
    const text = (await mammoth.extractRawText({ buffer })).value
    for (const line of ['Board minutes', 'DRAFT', 'Venue: Town Hall', 'Budget', 'Page 9', 'Presented by the treasurer', 'The board agreed:', 'to go ahead', 'to report back']) {
      expect(text).toContain(line)
    }
    expect(text).not.toContain('**')
    const html = (await mammoth.convertToHtml({ buffer })).value
    expect(html).toContain('<h1>Board minutes</h1>')
    expect(html).toMatch(/<ol><li>to go ahead<\/li><li>to report back<\/li><\/ol>/)
    expect(documentText(model)).toContain('4 Budget Page 9')
  })
})
