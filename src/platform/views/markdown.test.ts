import { describe, expect, it } from 'vitest'
import { markdownToText, renderMarkdown } from './markdown.ts'

describe('minutes Markdown', () => {
  it('renders paragraphs, bullet lists and tables with GOV.UK classes', () => {
    const html = renderMarkdown('Objectives:\n\n- review progress\n- agree a plan\n\n| What | Who | When |\n|---|---|---|\n| Circulate Away Day outcomes | Hayley Hughes | 17.02.15 |')
    expect(html).toContain('<p class="govuk-body">Objectives:</p>')
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet">')
    expect(html).toContain('<table class="govuk-table">')
    expect(html).toContain('<td class="govuk-table__cell">Hayley Hughes</td>')
  })
  it('escapes raw HTML and drops dangerous links', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('&lt;script&gt;')
  })
  it('gives plain text for snippets', () => {
    expect(markdownToText('- one\n- **two**')).toBe('one two')
  })
})
