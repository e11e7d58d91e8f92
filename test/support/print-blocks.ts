import type { PrintBlock } from '../../src/platform/outputs/document.ts'

/** The opening of a draft printed document: a level 1 heading, the DRAFT banner and the venue (Town Hall). */
export function draftOpening(heading: string): PrintBlock[] {
  return [
    { kind: 'heading', level: 1, text: heading },
    { kind: 'paragraph', style: 'banner', text: 'DRAFT' },
    { kind: 'fields', rows: [{ label: 'Venue', value: 'Town Hall' }] },
  ]
}
