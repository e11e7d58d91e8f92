import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

const marked = new Marked({ gfm: true, breaks: false, async: false })

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'a', 'blockquote',
    'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'code',
  ],
  allowedAttributes: { a: ['href'], th: ['scope', 'align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    // GOV.UK typography classes, so minutes read like the rest of the page.
    p: sanitizeHtml.simpleTransform('p', { class: 'govuk-body' }),
    ul: sanitizeHtml.simpleTransform('ul', { class: 'govuk-list govuk-list--bullet' }),
    ol: sanitizeHtml.simpleTransform('ol', { class: 'govuk-list govuk-list--number' }),
    a: sanitizeHtml.simpleTransform('a', { class: 'govuk-link' }),
    table: sanitizeHtml.simpleTransform('table', { class: 'govuk-table' }),
    tr: sanitizeHtml.simpleTransform('tr', { class: 'govuk-table__row' }),
    th: sanitizeHtml.simpleTransform('th', { class: 'govuk-table__header' }),
    td: sanitizeHtml.simpleTransform('td', { class: 'govuk-table__cell' }),
    h3: sanitizeHtml.simpleTransform('h3', { class: 'govuk-heading-s' }),
    h4: sanitizeHtml.simpleTransform('h4', { class: 'govuk-heading-s' }),
  },
  allowedClasses: {
    p: ['govuk-body'], ul: ['govuk-list', 'govuk-list--bullet'], ol: ['govuk-list', 'govuk-list--number'],
    a: ['govuk-link'], table: ['govuk-table'], tr: ['govuk-table__row'], th: ['govuk-table__header'],
    td: ['govuk-table__cell'], h3: ['govuk-heading-s'], h4: ['govuk-heading-s'],
  },
}

/**
 * Minutes and descriptions are Markdown (paragraphs, bullet lists, tables) typed in a plain textarea,
 * so they work without JavaScript. Raw HTML in the source is escaped, and the output is sanitised.
 */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return ''
  const escaped = source.replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const html = marked.parse(escaped) as string
  return sanitizeHtml(html, ALLOWED)
}

/** Markdown to plain text (search snippets, titles). */
export function markdownToText(source: string | null | undefined): string {
  return sanitizeHtml(renderMarkdown(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
}
