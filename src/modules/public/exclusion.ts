import { validation } from '../../platform/http/errors.ts'

/**
 * The resolution excluding the press and public (Local Government Act 1972 s.100A(4)-(5)): it must name
 * the Schedule 12A paragraph relied on for each item, so one naming no paragraph is rejected (meeting-law.md
 * section 3 and worked case 9). Joined Up writes it from the exempt items themselves, so the printed minutes
 * always carry a resolution that matches what was withheld.
 */
export type ExclusionInput = { itemNumbers: string[]; paragraphs: readonly (number | null | undefined)[] }

export function exclusionResolution(input: ExclusionInput): string {
  const paragraphs = [...new Set(input.paragraphs)]
  if (paragraphs.length === 0 || paragraphs.some((p) => p === null || p === undefined || !Number.isInteger(p) || p < 1 || p > 7)) {
    throw validation({ exemptParagraph: 'An exclusion of the public must name the paragraph of Schedule 12A (1 to 7) it relies on' })
  }
  const numbers = input.itemNumbers.filter((n) => n.trim() !== '')
  const sorted = (paragraphs as number[]).sort((a, b) => a - b)
  const items = numbers.length === 0 ? 'the following business' : `${numbers.length === 1 ? 'item' : 'items'} ${listText(numbers)}`
  const paras = `${sorted.length === 1 ? 'paragraph' : 'paragraphs'} ${listText(sorted.map(String))}`
  return (
    `RESOLVED – That the press and public be excluded from the meeting for ${items} on the grounds that ` +
    `it involves the likely disclosure of exempt information as defined in ${paras} of Part 1 of Schedule 12A ` +
    'to the Local Government Act 1972.'
  )
}

function listText(parts: string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}
