import { describe, expect, it } from 'vitest'
import { csvCell, csvLine } from './csv.ts'

describe('CSV cells (RFC 4180)', () => {
  it('leaves plain text alone and writes nothing for null', () => {
    expect(csvCell('Chorley Together')).toBe('Chorley Together')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it('quotes a comma, a double quote (doubled), CR and LF', () => {
    expect(csvCell('Smith, Jane')).toBe('"Smith, Jane"')
    expect(csvCell('the "Board"')).toBe('"the ""Board"""')
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"')
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"')
  })

  it('makes a cell that would start a formula plain text with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) {
      const cell = csvCell(`${start}cmd|' /C calc'!A0`)
      const content = cell.startsWith('"') ? cell.slice(1, -1) : cell
      expect(content.startsWith(`'${start}`), JSON.stringify(start)).toBe(true)
    }
    expect(csvCell('=1+2')).toBe("'=1+2")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('-2+3')).toBe("'-2+3")
    // A tab or CR start is prefixed, and CR still forces quotes.
    expect(csvCell('\tx')).toBe("'\tx")
    expect(csvCell('\rx')).toBe('"\'\rx"')
    // Prefixed and quoted: a formula with a comma in it.
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"')
    // Not at the start: nothing to do.
    expect(csvCell('a=b')).toBe('a=b')
  })

  it('leaves numbers as numbers: a negative number is not a formula', () => {
    expect(csvCell(-5)).toBe('-5')
  })

  it('ends each record with CRLF', () => {
    expect(csvLine(['a', 'b,c', null, 3])).toBe('a,"b,c",,3\r\n')
  })
})
