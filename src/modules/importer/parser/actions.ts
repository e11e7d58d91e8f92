/**
 * Actions: What/Who/When tables (flattened one cell a line, or one row a line with tab or column separators),
 * action logs with No / Action / Resp. / Target / Status columns, "Action – X to ..." lines with the
 * "Update – cleared ..." lines under them (an update for "both above" covers the actions it follows), and
 * "ACTION: X to ..." lines.
 */
import type { ParsedAction } from './types.ts'
import { findDates } from './dates.ts'
import { clean, columns } from './text.ts'

type Column = 'no' | 'what' | 'who' | 'when' | 'status' | 'update' | 'other'

const HEADERS: [RegExp, Column][] = [
  [/^(?:no\.?|ref\.?|#|item|action no\.?|number)$/i, 'no'],
  [/^(?:what|actions?|action required|description|agreed actions?|task)$/i, 'what'],
  [/^(?:who|resp\.?|responsible|responsibility|owner|lead|by whom|action by|officer)$/i, 'who'],
  [/^(?:when|target|target date|deadline|due|due date|by when|date|timescale)$/i, 'when'],
  [/^(?:status|rag|rag status|progress)$/i, 'status'],
  [/^(?:update|updates|comments?|notes?|progress update|latest update)$/i, 'update'],
]

function headerOf(cell: string): Column | null {
  const c = clean(cell).replace(/:$/, '')
  for (const [re, col] of HEADERS) if (re.test(c)) return col
  return null
}

const ACTION_LINE = /^actions?\s*(?::|–|—|-)\s*(.+)$/i
const UPDATE_LINE = /^(?:update|progress|status)\s*(?::|–|—|-)\s*(.+)$/i
const OWNER = /^(.{2,60}?)\s+(?:to|will|should|must)\s+(?=[a-z])/
const STATUS_WORDS =
  /\b(cleared|completed?|done|closed|ongoing|on-going|in progress|open|outstanding|deferred|superseded|carried forward|withdrawn|on hold|overdue|not started|green|amber|red)\b/i
const LINKED = /\b(?:both|all|each of the)\s+(?:of the\s+)?(?:above|actions)\b|\babove\s+linked\b/i
const NOT_A_DATE = /^(?:tbc|tba|asap|ongoing|on-going|n\/a|na|-|–|—|none|next meeting|immediately|as required)$/i

export type ActionsResult = { actions: ParsedAction[]; warnings: string[]; usedLines: Set<number> }

export function statusOf(update: string): string | null {
  const m = STATUS_WORDS.exec(update)
  return m ? (m[1] ?? '').toLowerCase().replace('on-going', 'ongoing') : null
}

function ownerOf(text: string): string | null {
  const m = OWNER.exec(text)
  if (!m) return null
  const who = (m[1] ?? '').trim()
  const words = who.split(/\s+/)
  if (words.length > 7 || !/^[A-Z]/.test(who) || /[.;:]/.test(who.replace(/\b(?:Dr|Cllr|Mr|Mrs|Ms|Prof|St)\./g, ''))) return null
  return who
}

function whenOf(cell: string, warnings: string[], what: string): string | null {
  const c = clean(cell)
  if (c === '' || NOT_A_DATE.test(c)) return null
  const d = findDates(c)[0]
  if (d) return d.date
  warnings.push(`Action "${short(what)}": "${c}" is not a date`)
  return null
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Find a table header: one line of header cells, or header cells on consecutive lines (blank lines between). */
function tableHeaderAt(lines: readonly string[], i: number): { cols: Column[]; next: number; rowsPerLine: boolean } | null {
  const line = lines[i] ?? ''
  const cells = columns(line).filter((c) => c !== '')
  if (cells.length >= 2) {
    const cols = cells.map(headerOf)
    if (cols.every((c) => c !== null) && cols.includes('what') && (cols.includes('who') || cols.includes('when'))) {
      return { cols, next: i + 1, rowsPerLine: true }
    }
    return null
  }
  const first = headerOf(line)
  if (first === null) return null
  const cols: Column[] = [first]
  let j = i + 1
  for (; j < lines.length && cols.length < 8; j++) {
    const l = lines[j] ?? ''
    if (l === '') continue
    const h = headerOf(l)
    if (h === null) break
    cols.push(h)
  }
  if (cols.length < 2 || !cols.includes('what') || !(cols.includes('who') || cols.includes('when'))) return null
  return { cols, next: j, rowsPerLine: false }
}

function rowToAction(cols: readonly Column[], cells: readonly string[], warnings: string[]): ParsedAction | null {
  const get = (c: Column) => {
    const k = cols.indexOf(c)
    return k >= 0 ? clean(cells[k] ?? '') : ''
  }
  const what = get('what')
  if (what === '') return null
  const statusCell = get('status')
  const update = get('update')
  return {
    what,
    who: get('who') || null,
    when: cols.includes('when') ? whenOf(get('when'), warnings, what) : null,
    status: statusCell ? statusCell.toLowerCase() : update ? statusOf(update) : null,
    update: update || null,
  }
}

/** A row fits when its "No" cell is a number and its "When" cell is a date (or empty / TBC). */
function rowFits(cols: readonly Column[], cells: readonly string[]): boolean {
  for (let k = 0; k < cols.length; k++) {
    const cell = clean(cells[k] ?? '')
    if (cols[k] === 'no' && !/^\d{1,4}[a-z]?\.?$/i.test(cell)) return false
    if (cols[k] === 'when' && cell !== '' && !NOT_A_DATE.test(cell) && findDates(cell).length === 0 && cell.length > 30) return false
    if (cols[k] === 'what' && cell === '') return false
    if (cols[k] !== 'what' && headerOf(cell) !== null && cell !== '') return false
  }
  return true
}

function anchored(cols: readonly Column[]): boolean {
  return cols.includes('no') || cols.includes('when')
}

function rowIsAnchored(cols: readonly Column[], cells: readonly string[]): boolean {
  const k = cols.indexOf('when')
  if (k >= 0) {
    const cell = clean(cells[k] ?? '')
    if (NOT_A_DATE.test(cell) || findDates(cell).length > 0) return true
  }
  const n = cols.indexOf('no')
  return n >= 0 && /^\d{1,4}[a-z]?\.?$/.test(clean(cells[n] ?? ''))
}

export function findActions(lines: readonly string[], from = 0, to = lines.length): ActionsResult {
  const actions: ParsedAction[] = []
  const warnings: string[] = []
  const usedLines = new Set<number>()
  let pending: ParsedAction[] = []
  for (let i = from; i < to; i++) {
    const raw = lines[i] ?? ''
    if (raw === '') continue
    const header = tableHeaderAt(lines, i)
    if (header) {
      const { cols } = header
      let j = header.next
      let rows = 0
      if (header.rowsPerLine) {
        for (; j < to; j++) {
          const l = lines[j] ?? ''
          if (l === '') continue
          const cells = columns(l)
          if (cells.length < 2 || !rowFits(cols, cells)) break
          const a = rowToAction(cols, cells, warnings)
          if (a) actions.push(a)
          rows++
        }
      } else {
        // one cell a line: take groups of as many lines as there are columns
        for (;;) {
          const cells: string[] = []
          const at: number[] = []
          let k = j
          for (; k < to && cells.length < cols.length; k++) {
            const l = lines[k] ?? ''
            if (l === '') continue
            cells.push(l)
            at.push(k)
          }
          if (cells.length < cols.length || !rowFits(cols, cells) || (anchored(cols) && !rowIsAnchored(cols, cells))) break
          const a = rowToAction(cols, cells, warnings)
          if (a) actions.push(a)
          rows++
          j = k
        }
      }
      if (rows === 0) continue
      for (let k = i; k < j; k++) usedLines.add(k)
      const after = nextContent(lines, j, to)
      if (after >= 0 && !header.rowsPerLine && looksLikeRowStart(lines[after] ?? '')) {
        warnings.push(`The action table under "${cols.join(' / ')}" may be incomplete: it stops before "${short(clean(lines[after] ?? ''))}"`)
      }
      i = j - 1
      pending = []
      continue
    }
    const line = clean(raw)
    const action = ACTION_LINE.exec(line)
    if (action) {
      const what = clean(action[1] ?? '')
      const who = ownerOf(what)
      if (!who) warnings.push(`Action "${short(what)}": no owner named`)
      const byDate = /\bby\s+(.{4,40})$/i.exec(what.replace(/[.]$/, ''))
      const d = byDate ? findDates(byDate[1] ?? '')[0] : undefined
      const a: ParsedAction = { what, who, when: d?.date ?? null, status: null, update: null }
      actions.push(a)
      pending.push(a)
      usedLines.add(i)
      continue
    }
    const update = UPDATE_LINE.exec(line)
    if (update && pending.length > 0) {
      const text = clean(update[1] ?? '')
      const targets = LINKED.test(text) ? pending : pending.slice(-1)
      if (targets.length < pending.length) {
        for (const p of pending.slice(0, -1)) warnings.push(`Action "${short(p.what)}": no update given`)
      }
      const status = statusOf(text)
      if (!status) warnings.push(`Update "${short(text)}" does not say whether the action is cleared`)
      for (const t of targets) {
        t.update = text
        t.status = status
      }
      pending = []
      usedLines.add(i)
    }
  }
  return { actions, warnings, usedLines }
}

function nextContent(lines: readonly string[], from: number, to: number): number {
  for (let i = from; i < to; i++) if ((lines[i] ?? '') !== '') return i
  return -1
}

function looksLikeRowStart(line: string): boolean {
  const c = clean(line)
  return c.length > 0 && c.length < 120 && !/[.:]$/.test(c) && findDates(c).length > 0
}
