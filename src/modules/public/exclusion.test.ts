import { describe, expect, it } from 'vitest'
import { exclusionResolution } from './exclusion.ts'
import { AppError } from '../../platform/http/errors.ts'

describe('exclusion of the press and public', () => {
  it('names the item and the Schedule 12A paragraph', () => {
    expect(exclusionResolution({ itemNumbers: ['46.'], paragraphs: [3] })).toBe(
      'RESOLVED – That the press and public be excluded from the meeting for item 46. on the grounds that it involves ' +
        'the likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Local ' +
        'Government Act 1972.',
    )
  })

  it('lists several items and paragraphs once each, in order', () => {
    const text = exclusionResolution({ itemNumbers: ['7', '8', '9'], paragraphs: [3, 1, 3] })
    expect(text).toContain('for items 7, 8 and 9 on the grounds')
    expect(text).toContain('as defined in paragraphs 1 and 3 of Part 1')
  })

  it('worked case 9: a resolution naming no paragraph is rejected', () => {
    for (const paragraphs of [[], [null], [undefined], [0], [8], [3, null]]) {
      let error: unknown
      try {
        exclusionResolution({ itemNumbers: ['5'], paragraphs })
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(paragraphs)).toBeInstanceOf(AppError)
      expect((error as AppError).fieldErrors?.exemptParagraph).toMatch(/must name the paragraph/)
    }
  })
})
