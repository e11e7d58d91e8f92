import { periodText } from './strategy.types.ts'

export { periodText }

/**
 * What changed between two versions of a strategy: pure, computed on request, never stored (ADR 0008).
 * Text fields word by word, ordered lists (principles, aims) line by line, and themes by their stable id.
 */

export type SegmentKind = 'same' | 'added' | 'removed'
export type Segment = { kind: SegmentKind; text: string }

/** Above this many cells the word comparison gives up and shows the whole text replaced (it is quadratic). */
export const MAX_LCS_CELLS = 4_000_000

/**
 * The longest common subsequence of two sequences, as aligned steps: both (kept), only a (removed), only b (added).
 * Removals come before additions where both happen at one place, so a replaced line reads old-then-new.
 */
export function align<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = (x, y) => x === y): { kind: SegmentKind; a?: T; b?: T }[] {
  const n = a.length
  const m = b.length
  // lengths[i][j]: LCS length of a[i..] and b[j..], row-major in one array.
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = same(a[i]!, b[j]!) ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
    }
  }
  const steps: { kind: SegmentKind; a?: T; b?: T }[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (same(a[i]!, b[j]!)) {
      steps.push({ kind: 'same', a: a[i]!, b: b[j]! })
      i++
      j++
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      steps.push({ kind: 'removed', a: a[i]! })
      i++
    } else {
      steps.push({ kind: 'added', b: b[j]! })
      j++
    }
  }
  for (; i < n; i++) steps.push({ kind: 'removed', a: a[i]! })
  for (; j < m; j++) steps.push({ kind: 'added', b: b[j]! })
  return steps
}

/** Words and the spaces between them (spaces are kept so the text reads back exactly). */
const tokens = (s: string): string[] => s.split(/(\s+)/).filter((t) => t !== '')

/**
 * Each run of changes as one removal then one addition ("old words" struck, then "new words"), with the spaces
 * between changed words taken into the change; unchanged text between runs joined.
 */
function regroup(segments: Segment[]): Segment[] {
  const out: Segment[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed })
    if (added) out.push({ kind: 'added', text: added })
    removed = ''
    added = ''
  }
  segments.forEach((s, k) => {
    const betweenChanges = s.kind === 'same' && /^\s+$/.test(s.text) && (removed || added) && segments[k + 1] && segments[k + 1]!.kind !== 'same'
    if (s.kind === 'removed' || betweenChanges) removed += s.text
    if (s.kind === 'added' || betweenChanges) added += s.text
    if (s.kind === 'same' && !betweenChanges) {
      flush()
      const last = out[out.length - 1]
      if (last && last.kind === 'same') last.text += s.text
      else out.push({ ...s })
    }
  })
  flush()
  return out
}

/** Word-level changes from `before` to `after`. Identical texts give one 'same' segment (or none when empty). */
export function diffWords(before: string, after: string): Segment[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : []
  const a = tokens(before)
  const b = tokens(after)
  if ((a.length + 1) * (b.length + 1) > MAX_LCS_CELLS) {
    return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])]
  }
  return regroup(align(a, b).map((s) => ({ kind: s.kind, text: (s.kind === 'added' ? s.b : s.a) ?? '' })))
}

/** Line-level changes of an ordered list. */
export function diffList(before: readonly string[], after: readonly string[]): Segment[] {
  return align(before, after).map((s) => ({ kind: s.kind, text: (s.kind === 'added' ? s.b : s.a) ?? '' }))
}

export type ComparableTheme = { themeId: string; title: string; description: string | null }
export type ComparableVersion = {
  number: number
  title: string
  periodFromYear: number | null
  periodToYear: number | null
  purpose: string | null
  vision: string | null
  principles: readonly string[]
  aims: readonly string[]
  /** In the version's order. */
  themes: readonly ComparableTheme[]
}

export type FieldChange = { key: 'title' | 'period' | 'purpose' | 'vision'; label: string; before: string; after: string; changed: boolean; segments: Segment[] }
export type ListChange = { label: string; changed: boolean; lines: Segment[] }
export type ThemeChange = {
  themeId: string
  kind: 'added' | 'removed' | 'changed' | 'unchanged'
  title: string
  titleBefore: string | null
  titleChanged: boolean
  descriptionChanged: boolean
  /** The theme kept its text but changed its place among the themes both versions have. */
  moved: boolean
  description: Segment[]
}
export type VersionComparison = {
  before: number
  after: number
  fields: FieldChange[]
  principles: ListChange
  aims: ListChange
  themes: ThemeChange[]
  changed: boolean
}

function field(key: FieldChange['key'], label: string, before: string, after: string): FieldChange {
  return { key, label, before, after, changed: before !== after, segments: diffWords(before, after) }
}

function list(label: string, before: readonly string[], after: readonly string[]): ListChange {
  const lines = diffList(before, after)
  return { label, changed: lines.some((l) => l.kind !== 'same'), lines }
}

function themeChanges(before: readonly ComparableTheme[], after: readonly ComparableTheme[]): ThemeChange[] {
  const beforeById = new Map(before.map((t) => [t.themeId, t]))
  const afterIds = new Set(after.map((t) => t.themeId))
  // Order of the themes both versions have: those outside the common subsequence have moved.
  const common = (themes: readonly ComparableTheme[], other: Set<string> | Map<string, unknown>) => themes.filter((t) => other.has(t.themeId)).map((t) => t.themeId)
  const kept = new Set(align(common(before, afterIds), common(after, beforeById)).filter((s) => s.kind === 'same').map((s) => s.a!))
  const changes: ThemeChange[] = after.map((t) => {
    const old = beforeById.get(t.themeId)
    if (!old) {
      return { themeId: t.themeId, kind: 'added', title: t.title, titleBefore: null, titleChanged: false, descriptionChanged: false, moved: false, description: diffWords('', t.description ?? '') }
    }
    const titleChanged = old.title !== t.title
    const descriptionChanged = (old.description ?? '') !== (t.description ?? '')
    const moved = !kept.has(t.themeId)
    return {
      themeId: t.themeId,
      kind: titleChanged || descriptionChanged || moved ? 'changed' : 'unchanged',
      title: t.title,
      titleBefore: old.title,
      titleChanged,
      descriptionChanged,
      moved,
      description: diffWords(old.description ?? '', t.description ?? ''),
    }
  })
  for (const old of before) {
    if (afterIds.has(old.themeId)) continue
    changes.push({ themeId: old.themeId, kind: 'removed', title: old.title, titleBefore: old.title, titleChanged: false, descriptionChanged: false, moved: false, description: diffWords(old.description ?? '', '') })
  }
  return changes
}

/** Everything that changed from `before` to `after`, field by field, list by list and theme by theme. */
export function compareVersions(before: ComparableVersion, after: ComparableVersion): VersionComparison {
  const fields = [
    field('title', 'Title', before.title, after.title),
    field('period', 'Period', periodText(before.periodFromYear, before.periodToYear), periodText(after.periodFromYear, after.periodToYear)),
    field('purpose', 'Purpose', before.purpose ?? '', after.purpose ?? ''),
    field('vision', 'Vision', before.vision ?? '', after.vision ?? ''),
  ]
  const principles = list('Principles', before.principles, after.principles)
  const aims = list('Aims', before.aims, after.aims)
  const themes = themeChanges(before.themes, after.themes)
  return {
    before: before.number,
    after: after.number,
    fields,
    principles,
    aims,
    themes,
    changed: fields.some((f) => f.changed) || principles.changed || aims.changed || themes.some((t) => t.kind !== 'unchanged'),
  }
}
