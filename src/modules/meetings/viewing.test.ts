import { describe, expect, it } from 'vitest'
import { openPapersOnly, withoutExemptContent } from './viewing.ts'
import { isPaperOpen, isPaperPublic } from './agenda-rules.ts'
import type { AgendaEntry, DocumentMeta } from './meetings.types.ts'

const paper = (id: string, isExempt = false) => ({ id, isExempt, itemId: null }) as unknown as DocumentMeta
const entry = (id: string, values: Partial<AgendaEntry> = {}) =>
  ({
    id,
    parentItemId: null,
    isExempt: false,
    title: `Title ${id}`,
    description: `Description ${id}`,
    minutes: `Minutes ${id}`,
    presenter: 'Chief Executive',
    purpose: 'decision',
    urgencyReason: null,
    publicInterestReasoning: null,
    exemptReviewOn: null,
    exemptParagraph: null,
    papers: [paper(`${id}-open`), paper(`${id}-exempt`, true)],
    decisions: [{ id: `${id}-d`, text: 'RESOLVED' }],
    ...values,
  }) as unknown as AgendaEntry

describe('what a read-only officer sees of an agenda (issue 10)', () => {
  it('keeps open items whole but their exempt papers; cuts exempt items and their sub-items to number and title', () => {
    const agenda = [
      entry('open'),
      entry('exempt', { isExempt: true, exemptParagraph: 3, publicInterestReasoning: 'Commercial' }),
      entry('sub', { parentItemId: 'exempt' }),
    ]
    const [open, exempt, sub] = withoutExemptContent(agenda)
    expect(open).toMatchObject({ withheld: false, description: 'Description open', minutes: 'Minutes open' })
    expect(open!.papers.map((p) => p.id)).toEqual(['open-open'])
    expect(open!.decisions).toHaveLength(1)
    for (const cut of [exempt!, sub!]) {
      expect(cut).toMatchObject({ withheld: true, description: null, minutes: null, presenter: null, purpose: null, papers: [], decisions: [] })
      expect(cut.title).toBe(`Title ${cut.id}`)
    }
    expect(exempt).toMatchObject({ exemptParagraph: 3, publicInterestReasoning: null })
    expect(openPapersOnly([paper('a'), paper('b', true)]).map((p) => p.id)).toEqual(['a'])
  })

  it('an open paper is one that is not exempt nor on an exempt item or its sub-item; public once published', () => {
    const onItem = { isExempt: false, itemId: 'i' }
    expect(isPaperOpen({ isExempt: false, itemId: null }, undefined, undefined)).toBe(true)
    expect(isPaperOpen({ isExempt: true, itemId: null }, undefined, undefined)).toBe(false)
    expect(isPaperOpen(onItem, { isExempt: false }, undefined)).toBe(true)
    expect(isPaperOpen(onItem, { isExempt: true }, undefined)).toBe(false)
    expect(isPaperOpen(onItem, { isExempt: false }, { isExempt: true })).toBe(false)
    expect(isPaperOpen(onItem, undefined, undefined)).toBe(false)
    expect(isPaperPublic({ agendaPublishedAt: null }, onItem, { isExempt: false }, undefined)).toBe(false)
    expect(isPaperPublic({ agendaPublishedAt: new Date() }, onItem, { isExempt: false }, undefined)).toBe(true)
  })
})
