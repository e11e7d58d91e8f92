import { numberAgenda, type NumberingScheme } from './agenda-numbering.ts'

/** A meeting with what numbering its items needs: its date, its body's scheme and where its numbers start. */
export type NumberableMeeting = {
  id: string
  date: string
  firstItemNumber: number | null
  numberingScheme: NumberingScheme
  nextItemNumber: number
}
export type NumberableItemRow = { id: string; meetingId: string; parentItemId: string | null; position: number; numberOverride: string | null }

/** Item numbers as printed, for the items of several meetings at once (no query per meeting). */
export function itemNumbers(meetings: NumberableMeeting[], items: NumberableItemRow[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of meetings) {
    const numbers = numberAgenda(
      m.numberingScheme,
      m.firstItemNumber ?? m.nextItemNumber,
      Number(m.date.slice(0, 4)),
      items.filter((i) => i.meetingId === m.id),
    )
    for (const [id, n] of numbers) out.set(id, n)
  }
  return out
}
