import { describe, expect, it } from 'vitest'
import { numberAgenda, orderAgenda, subItemLetter } from './agenda-numbering.ts'

const item = (id: string, position: number, parentItemId: string | null = null, numberOverride: string | null = null) => ({
  id,
  position,
  parentItemId,
  numberOverride,
})

describe('agenda numbering', () => {
  const items = [item('a', 0), item('b', 1), item('b1', 0, 'b'), item('b2', 1, 'b'), item('c', 2)]

  it('year_sequence numbers as the Chorley Board does: 15.26, 15.26a, 15.26b, 15.27', () => {
    const chorley = [item('w', 0), item('s1', 0, 'w'), item('s2', 1, 'w'), item('close', 1)]
    const n = numberAgenda('year_sequence', 26, 2015, chorley)
    expect([...n.entries()]).toEqual([
      ['w', '15.26'],
      ['s1', '15.26a'],
      ['s2', '15.26b'],
      ['close', '15.27'],
    ])
  })
  it('continuing numbers as the Chorley Executive does: 43., 43a, 43b, 44.', () => {
    const n = numberAgenda('continuing', 43, 2016, items)
    expect(n.get('a')).toBe('43.')
    expect(n.get('b')).toBe('44.')
    expect(n.get('b1')).toBe('44a')
    expect(n.get('b2')).toBe('44b')
    expect(n.get('c')).toBe('45.')
  })
  it('per_meeting restarts at 1 whatever the first number', () => {
    const n = numberAgenda('per_meeting', 43, 2016, items)
    expect(['a', 'b', 'b1', 'c'].map((id) => n.get(id))).toEqual(['1', '2', '2a', '3'])
  })
  it('follows positions, not insertion order, and honours overrides', () => {
    const n = numberAgenda('per_meeting', 1, 2016, [item('x', 5), item('y', 1, null, 'CSF 14/1'), item('y1', 0, 'y')])
    expect(n.get('y')).toBe('CSF 14/1')
    expect(n.get('y1')).toBe('CSF 14/1a')
    expect(n.get('x')).toBe('2')
  })
  it('orders main items each followed by their sub-items', () => {
    expect(orderAgenda([item('c', 2), item('b2', 1, 'b'), item('a', 0), item('b', 1), item('b1', 0, 'b')]).map((i) => i.id)).toEqual([
      'a', 'b', 'b1', 'b2', 'c',
    ])
  })
  it('letters run past z', () => {
    expect([0, 25, 26, 27].map(subItemLetter)).toEqual(['a', 'z', 'aa', 'ab'])
  })
})
