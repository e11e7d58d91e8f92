import { describe, expect, it } from 'vitest'
import { align, compareVersions, diffList, diffWords, MAX_LCS_CELLS, periodText, type ComparableVersion, type Segment } from './version-diff.ts'

/** The text a reader of one side sees: before (same + removed) or after (same + added). */
const side = (segments: Segment[], which: 'before' | 'after') =>
  segments.filter((s) => s.kind === 'same' || s.kind === (which === 'before' ? 'removed' : 'added')).map((s) => s.text).join('')

const texts = [
  '',
  'We will work together',
  'We will work together to integrate and reconfigure public services in Chorley',
  'By 2020, we will have high quality public services which provide value for money',
  'By 2017, we will have public services which provide value for money and the best outcomes',
  'a b c',
  'x y z',
  '  leading and trailing  ',
  'one\ntwo\n\nthree',
]

describe('diffWords', () => {
  it('reads back exactly as either version, for every pair of sample texts', () => {
    for (const before of texts) {
      for (const after of texts) {
        const segments = diffWords(before, after)
        expect(side(segments, 'before'), `${before} -> ${after}`).toBe(before)
        expect(side(segments, 'after'), `${before} -> ${after}`).toBe(after)
        // No two neighbours of one kind, and nothing empty.
        for (let i = 0; i < segments.length; i++) {
          expect(segments[i]!.text).not.toBe('')
          if (i > 0) expect(segments[i]!.kind === 'same' && segments[i - 1]!.kind === 'same').toBe(false)
        }
      }
    }
  })

  it('marks only the words that changed', () => {
    expect(diffWords('By 2017, we will have public services', 'By 2020, we will have public services')).toEqual([
      { kind: 'same', text: 'By ' },
      { kind: 'removed', text: '2017,' },
      { kind: 'added', text: '2020,' },
      { kind: 'same', text: ' we will have public services' },
    ])
  })

  it('shows a run of replaced words as one removal and one addition', () => {
    expect(diffWords('keep a b c keep', 'keep x y z keep')).toEqual([
      { kind: 'same', text: 'keep ' },
      { kind: 'removed', text: 'a b c' },
      { kind: 'added', text: 'x y z' },
      { kind: 'same', text: ' keep' },
    ])
  })

  it('identical texts are one unchanged segment; two empty texts are nothing', () => {
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }])
    expect(diffWords('', '')).toEqual([])
    expect(diffWords('', 'new')).toEqual([{ kind: 'added', text: 'new' }])
    expect(diffWords('old', '')).toEqual([{ kind: 'removed', text: 'old' }])
  })

  it('gives up word by word on very long texts and shows the whole text replaced', () => {
    const long = Array.from({ length: Math.ceil(Math.sqrt(MAX_LCS_CELLS)) }, (_, i) => `w${i}`).join(' ')
    const segments = diffWords(long, `${long} more`)
    expect(segments).toEqual([
      { kind: 'removed', text: long },
      { kind: 'added', text: `${long} more` },
    ])
  })
})

describe('align and diffList', () => {
  it('keeps the longest common subsequence', () => {
    const steps = align(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])
    expect(steps.map((s) => `${s.kind}:${s.a ?? s.b}`)).toEqual(['same:a', 'removed:b', 'same:c', 'added:x', 'same:d'])
  })

  it('an inserted principle is one addition, not a cascade of changes', () => {
    const before = ['Make every contact count', 'Early intervention and prevention', 'Reduce demand across the system']
    const after = ['Make every contact count', 'A new principle', 'Early intervention and prevention', 'Reduce demand across the system']
    expect(diffList(before, after).filter((l) => l.kind !== 'same')).toEqual([{ kind: 'added', text: 'A new principle' }])
  })

  it('a moved line is a removal and an addition; a list read back either way is the version’s list', () => {
    const before = ['one', 'two', 'three']
    const after = ['three', 'one', 'two']
    const lines = diffList(before, after)
    expect(lines.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(after)
    expect(lines.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(before)
    expect(lines.filter((l) => l.kind !== 'same')).toHaveLength(2)
  })
})

const v1: ComparableVersion = {
  number: 1,
  title: 'Vision for 2017',
  periodFromYear: 2015,
  periodToYear: 2017,
  purpose: null,
  vision: 'To improve outcomes for residents',
  principles: ['Joint working', 'Focus on roles rather than tasks'],
  aims: [],
  themes: [
    { themeId: 't1', title: 'Community', description: 'Working with communities' },
    { themeId: 't2', title: 'Front line', description: 'First point of contact' },
    { themeId: 't3', title: 'Old theme', description: null },
  ],
}
const v2: ComparableVersion = {
  number: 2,
  title: 'Chorley Public Service Reform Partnership Strategy 2015-2020',
  periodFromYear: 2015,
  periodToYear: 2020,
  purpose: 'We will work together',
  vision: 'To improve outcomes for residents',
  principles: ['Joint working', 'We will make every contact count'],
  aims: ['Improve health and wellbeing outcomes'],
  themes: [
    { themeId: 't2', title: 'Establishing the single front line', description: 'First point of contact' },
    { themeId: 't1', title: 'Community', description: 'Working with communities' },
    { themeId: 't4', title: 'Enhanced multi-agency teams', description: 'Sharing intelligence' },
  ],
}

describe('compareVersions', () => {
  it('says field by field, list by list and theme by theme what changed', () => {
    const c = compareVersions(v1, v2)
    expect(c.changed).toBe(true)
    expect(c.fields.map((f) => [f.key, f.changed])).toEqual([
      ['title', true],
      ['period', true],
      ['purpose', true],
      ['vision', false],
    ])
    expect(c.fields[1]).toMatchObject({ before: '2015 to 2017', after: '2015 to 2020' })
    expect(c.principles.lines).toEqual([
      { kind: 'same', text: 'Joint working' },
      { kind: 'removed', text: 'Focus on roles rather than tasks' },
      { kind: 'added', text: 'We will make every contact count' },
    ])
    expect(c.aims).toMatchObject({ changed: true, lines: [{ kind: 'added', text: 'Improve health and wellbeing outcomes' }] })
    const byId = Object.fromEntries(c.themes.map((t) => [t.themeId, t]))
    // Renamed, and moved ahead of t1: one of the two common themes is out of order.
    expect(byId.t2).toMatchObject({ kind: 'changed', titleChanged: true, titleBefore: 'Front line', descriptionChanged: false })
    expect(byId.t1!.kind === 'changed' ? byId.t1!.moved : byId.t2!.moved).toBe(true)
    expect(byId.t4).toMatchObject({ kind: 'added', title: 'Enhanced multi-agency teams' })
    expect(byId.t3).toMatchObject({ kind: 'removed', title: 'Old theme' })
    // The new version's order first, the removed theme after.
    expect(c.themes.map((t) => t.themeId)).toEqual(['t2', 't1', 't4', 't3'])
  })

  it('a version compared with itself has no changes', () => {
    const c = compareVersions(v2, v2)
    expect(c.changed).toBe(false)
    expect(c.themes.every((t) => t.kind === 'unchanged')).toBe(true)
    expect(c.fields.every((f) => !f.changed)).toBe(true)
  })

  it('a renamed theme is the same theme (matched by id, not title)', () => {
    const renamed = { ...v2, themes: v2.themes.map((t) => (t.themeId === 't4' ? { ...t, title: 'Multi-agency teams' } : t)) }
    const c = compareVersions(v2, renamed)
    expect(c.themes.filter((t) => t.kind !== 'unchanged')).toEqual([
      expect.objectContaining({ themeId: 't4', kind: 'changed', titleChanged: true, titleBefore: 'Enhanced multi-agency teams', moved: false }),
    ])
  })
})

describe('periodText', () => {
  it('says the period in words', () => {
    expect(periodText(2015, 2020)).toBe('2015 to 2020')
    expect(periodText(2015, 2015)).toBe('2015')
    expect(periodText(2015, null)).toBe('from 2015')
    expect(periodText(null, 2020)).toBe('to 2020')
    expect(periodText(null, null)).toBe('')
  })
})
