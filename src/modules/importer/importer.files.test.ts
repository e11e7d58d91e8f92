import { describe, expect, it } from 'vitest'
import { decodeUpload } from './importer.files.ts'
import { parseMeetingRecord } from './parser/parse-meeting.ts'
import { importerFixture } from '../../../test/support/importer-builders.ts'

const seed = importerFixture('seed-001.txt')
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le')
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!]
  return le
}

describe('decoding uploaded files (review 10)', () => {
  it('reads UTF-8 with or without a byte order mark, and UTF-16 either way round with or without one', () => {
    expect(decodeUpload(Buffer.from(seed, 'utf8'))).toEqual({ text: seed, encoding: 'utf-8' })
    expect(decodeUpload(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed, 'utf8')]))).toEqual({ text: seed, encoding: 'utf-8' })
    expect(decodeUpload(Buffer.from(`\ufeff${seed}`, 'utf16le'))).toEqual({ text: seed, encoding: 'utf-16le' })
    expect(decodeUpload(Buffer.from(seed, 'utf16le'))).toEqual({ text: seed, encoding: 'utf-16le' })
    expect(decodeUpload(utf16be(`\ufeff${seed}`))).toEqual({ text: seed, encoding: 'utf-16be' })
    expect(decodeUpload(utf16be(seed))).toEqual({ text: seed, encoding: 'utf-16be' })
  })

  it('reads a page saved as windows-1252 instead of showing replacement characters', () => {
    const bytes = Buffer.from('Cllr Tracie O\x92Gara \x96 £5', 'latin1')
    expect(decodeUpload(bytes)).toEqual({ text: 'Cllr Tracie O’Gara – £5', encoding: 'windows-1252' })
  })

  it('never returns NUL (PostgreSQL cannot store it); a binary file is then not a meeting record', () => {
    const withNul = decodeUpload(Buffer.from(`${seed}\u0000 trailing`, 'utf8')).text
    expect(withNul).not.toContain('\u0000')
    const binary = decodeUpload(Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)).text
    expect(binary).not.toContain('\u0000')
    expect(parseMeetingRecord({ text: binary, fileName: 'x.txt' })).toMatchObject({ kind: 'not_a_meeting_record' })
  })
})
