/**
 * CSV for spreadsheets, written a line at a time so an export streams: RFC 4180 (fields with a comma, a double
 * quote, CR or LF in double quotes, quotes doubled, CRLF between records), and safe to open in Excel or
 * LibreOffice: a cell that starts with = + - @ tab or CR (or their full-width forms) is prefixed with an apostrophe,
 * so it is text and never a formula (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/
const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, with its CRLF. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** A UTF-8 byte order mark: Excel otherwise reads the file as the local code page and mangles names. */
export const CSV_BOM = '\uFEFF'
