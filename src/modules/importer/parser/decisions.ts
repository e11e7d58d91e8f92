/**
 * Decisions in minutes text: "RESOLVED:", "RESOLVED that – (a) ... (b) ...", "Resolved –", "It was RESOLVED that",
 * "UNANIMOUSLY RESOLVED", "Agreed:" / "AGREED that" / "It was agreed that". A resolution runs to the end of its
 * paragraph and takes in the lettered or numbered parts that follow it. A line that merely starts with the word
 * ("Agreed Measurables", "Minutes agreed as correct record") is not a decision.
 */
import { clean } from './text.ts'

const MARKER =
  /^(?:it\s+was\s+(?:therefore\s+)?)?(?:(?:unanimously|further|also)\s+)?(resolved|agreed)(?:\s+unanimously)?(?:\s*(?::|–|—|-|\bthat\b)\s*(?:that\b\s*)?(?:[:–—-]\s*)?|\s*$)/i
const PART = /^(?:\(?[a-z]{1,4}\)|\(?\d{1,2}\)|\d{1,2}\.|[a-z]\.|[·•▪–-])\s/i

function stripThat(s: string): string {
  return s.replace(/^that\s+/i, '').replace(/^[:–—-]\s*/, '')
}

/** Decisions in a block of minutes text (lines joined with "\n", paragraphs separated by a blank line). */
export function extractDecisions(text: string): string[] {
  const lines = text.split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = clean(lines[i] ?? '')
    const m = MARKER.exec(line)
    if (!m) continue
    // "Agreed" alone on a line is a heading-like marker only when something follows it
    const parts: string[] = []
    const head = stripThat(clean(line.slice(m[0].length)))
    if (head) parts.push(head)
    let j = i + 1
    let sawBlank = false
    for (; j < lines.length; j++) {
      const next = clean(lines[j] ?? '')
      if (next === '') {
        sawBlank = true
        continue
      }
      if (MARKER.test(next)) break
      // after a blank line only the parts of the same resolution continue it
      if (sawBlank && parts.length > 0 && !PART.test(next)) break
      parts.push(next)
      sawBlank = false
    }
    i = j - 1
    if (parts.length > 0) out.push(parts.join('\n'))
  }
  return out
}
