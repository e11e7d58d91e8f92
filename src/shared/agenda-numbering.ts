/**
 * Agenda item numbers as a body prints them. The number is derived from the item's position,
 * never stored, so reordering cannot leave gaps or duplicates; an override wins (imported records).
 *
 * - per_meeting:   1, 2, 2a, 2b, 3          (restarts each meeting)
 * - continuing:    43., 43a, 43b, 44.       (carried across meetings)
 * - year_sequence: 15.26, 15.26a, 15.27     (two-digit year, carried across meetings)
 */
export type NumberingScheme = 'per_meeting' | 'continuing' | 'year_sequence'

export type NumberableItem = {
  id: string
  parentItemId: string | null
  position: number
  numberOverride: string | null
}

/** a, b, ... z, aa, ab ... */
export function subItemLetter(index: number): string {
  let n = index
  let s = ''
  do {
    s = String.fromCharCode(97 + (n % 26)) + s
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return s
}

export function mainItemNumber(scheme: NumberingScheme, n: number, meetingYear: number): string {
  switch (scheme) {
    case 'per_meeting':
      return String(n)
    case 'continuing':
      return `${n}.`
    case 'year_sequence':
      return `${String(meetingYear % 100).padStart(2, '0')}.${n}`
  }
}

function subBase(mainNumber: string): string {
  return mainNumber.endsWith('.') ? mainNumber.slice(0, -1) : mainNumber
}

export function numberAgenda<T extends NumberableItem>(
  scheme: NumberingScheme,
  firstNumber: number,
  meetingYear: number,
  items: readonly T[],
): Map<string, string> {
  const start = scheme === 'per_meeting' ? 1 : firstNumber
  const mains = items.filter((i) => !i.parentItemId).sort((a, b) => a.position - b.position)
  const numbers = new Map<string, string>()
  mains.forEach((main, index) => {
    const number = main.numberOverride ?? mainItemNumber(scheme, start + index, meetingYear)
    numbers.set(main.id, number)
    items
      .filter((i) => i.parentItemId === main.id)
      .sort((a, b) => a.position - b.position)
      .forEach((sub, subIndex) => {
        numbers.set(sub.id, sub.numberOverride ?? `${subBase(number)}${subItemLetter(subIndex)}`)
      })
  })
  return numbers
}

/** Items in agenda order: each main item followed by its sub-items. */
export function orderAgenda<T extends NumberableItem>(items: readonly T[]): T[] {
  const mains = items.filter((i) => !i.parentItemId).sort((a, b) => a.position - b.position)
  return mains.flatMap((m) => [m, ...items.filter((i) => i.parentItemId === m.id).sort((a, b) => a.position - b.position)])
}
