/**
 * Agenda items: numbers as printed ("15.26", "15.26a", "43.", "43a", "4a", "5.1", "77/21", "CSF 14/1", "*450",
 * "Agenda item 1") on their own line above the title, in a table cell beside it, or at the start of the title line;
 * or no numbers at all, when each "Minutes:" label marks an item. A number is only an item when it continues the
 * document's own numbering (same style, increasing, same layout), so numbered lists and 3.1-3.5 sub-sections
 * inside minutes stay minutes text.
 */
import type { ParsedPaper } from './types.ts'
import { findTimeSlot } from './dates.ts'
import { clean, isBlank, joinBlock, nextNonBlank, prevNonBlank } from './text.ts'

type Kind = 'agenda' | 'code' | 'star' | 'slash' | 'dotted' | 'plain'

export type NumberToken = {
  number: string
  kind: Kind
  /** letters before the number ("CSF"); the style ("." or ")" or "") for plain numbers */
  style: string
  key: number[]
  letter: string
  /** text after the number on the same line */
  rest: string | null
  /** number and title separated by a tab or aligned column (a table row) */
  cell: boolean
}

const AGENDA_ITEM = /^(?:agenda\s+)?item\s+(?:no\.?\s*)?(\d{1,3})([a-z]?)\.?(?:(?:\s*[:.–—-]\s*|\t| {2,}|\s+)(.+))?$/i
const CODE = /^([A-Z]{2,6}) ?(\d{1,3})\/(\d{1,4})([a-z]?)\.?(?:(\t| {2,}| )(.+))?$/
const STAR = /^\*(\d{1,4})([a-z]?)\.?(?:(\t| {2,}| )(.+))?$/
const SLASH = /^(\d{1,4})\/(\d{2,4})([a-z]?)\.?(?:(\t| {2,}| )(.+))?$/
const DOTTED = /^(\d{1,3})\.(\d{1,3})([a-z]{0,2})\.?(?:(\t| {2,}| )(.+))?$/
const PLAIN = /^(\d{1,3})([a-z]{0,2})([.)]?)(?:(\t| {2,}| )(.+))?$/
const MERIDIEM = /^(?:a\.?m\b|p\.?m\b|noon\b|midday\b|hrs\b|hours\b|o'clock)/i
const UNIT_WORD = /^(?:%|per\s?cent|minutes|mins|days|weeks|months|years|people|members)\b/i
const MONTH_WORD = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i

export const LABEL = /^(minutes?|decisions?|record of decisions?)\s*:\s*(.*)$/i
const ITEMS_HEADER = /^(?:no\.?\s+item|items?|item\s+no\.?\s+item)$/i
const PAPER =
  /^(.*?)\s*(?:(?:pdf|word|doc|excel|powerpoint|ppt|xls|rtf|html?|document)\s+icon\s+)?\b((?:PDF|DOCX?|XLSX?|PPTX?|RTF|ODT|HTML?|CSV|TXT|ZIP)\s+\d+(?:\.\d+)?\s*(?:KB|MB|GB|bytes))\s*$/i
const FURNITURE = /^(?:additional documents\s*:?|view the (?:reasons why item|decision for item|background to item)\b.*)$/i

/** Read an item number (and anything after it on the line) from a cleaned or tab-split line. */
export function readNumber(rawLine: string): NumberToken | null {
  const line = rawLine.trim()
  if (line === '' || line.length > 400) return null
  const first = line.charAt(0)
  if (!/[0-9*A-Za-z]/.test(first)) return null
  let m: RegExpExecArray | null
  const tidy = (s: string | undefined) => (s === undefined ? null : clean(s) || null)
  if ((m = AGENDA_ITEM.exec(line))) {
    return { number: `${m[1] ?? ''}${m[2] ?? ''}`, kind: 'agenda', style: '', key: [Number(m[1])], letter: (m[2] ?? '').toLowerCase(), rest: tidy(m[3]), cell: false }
  }
  if ((m = CODE.exec(line))) {
    return { number: `${m[1] ?? ''} ${m[2] ?? ''}/${m[3] ?? ''}${m[4] ?? ''}`, kind: 'code', style: m[1] ?? '', key: [Number(m[2]), Number(m[3])], letter: m[4] ?? '', rest: tidy(m[6]), cell: m[5] !== undefined && m[5] !== ' ' }
  }
  if ((m = STAR.exec(line))) {
    return { number: `*${m[1] ?? ''}${m[2] ?? ''}`, kind: 'star', style: '', key: [Number(m[1])], letter: m[2] ?? '', rest: tidy(m[4]), cell: m[3] !== undefined && m[3] !== ' ' }
  }
  if ((m = SLASH.exec(line))) {
    return { number: `${m[1] ?? ''}/${m[2] ?? ''}${m[3] ?? ''}`, kind: 'slash', style: m[2] ?? '', key: [Number(m[1])], letter: m[3] ?? '', rest: tidy(m[5]), cell: m[4] !== undefined && m[4] !== ' ' }
  }
  if ((m = DOTTED.exec(line))) {
    const rest = tidy(m[5])
    if (rest && (MERIDIEM.test(rest) || /^[–—-]/.test(rest))) return null
    return { number: `${m[1] ?? ''}.${m[2] ?? ''}${m[3] ?? ''}`, kind: 'dotted', style: '', key: [Number(m[1]), Number(m[2])], letter: m[3] ?? '', rest, cell: m[4] !== undefined && m[4] !== ' ' }
  }
  if ((m = PLAIN.exec(line))) {
    const rest = tidy(m[5])
    const style = m[3] ?? ''
    if (rest && (MERIDIEM.test(rest) || (style === '' && (UNIT_WORD.test(rest) || MONTH_WORD.test(rest))))) return null
    const number = `${m[1] ?? ''}${m[2] ?? ''}${style === '.' ? '.' : style}`
    return { number, kind: 'plain', style, key: [Number(m[1])], letter: m[2] ?? '', rest, cell: m[4] !== undefined && m[4] !== ' ' }
  }
  return null
}

function compareKeys(a: NumberToken, b: NumberToken): number {
  const n = Math.max(a.key.length, b.key.length)
  for (let i = 0; i < n; i++) {
    const d = (a.key[i] ?? 0) - (b.key[i] ?? 0)
    if (d !== 0) return d
  }
  return a.letter < b.letter ? -1 : a.letter > b.letter ? 1 : 0
}

type Layout = 'alone' | 'inline'

type Candidate = {
  line: number
  token: NumberToken
  layout: Layout
  titleLine: number
  title: string
  slot: { start: string; end: string | null } | null
}

function plausibleTitle(title: string, layout: Layout): boolean {
  if (title.length < 2 || title.length > 300) return false
  if (LABEL.test(title) || !/[A-Za-z]/.test(title)) return false
  if (readNumber(title)) return false
  if (layout === 'inline') {
    if (!/^[A-Z0-9"“‘'(£]/.test(title)) return false
    const words = title.split(' ').length
    if (words > 30 || /[,;]$/.test(title)) return false
    if (/[.]$/.test(title) && words > 12) return false
  }
  return true
}

function candidateAt(lines: readonly string[], i: number): Candidate | null {
  const raw = lines[i] ?? ''
  const token = readNumber(raw.includes('\t') ? raw : clean(raw))
  if (!token) return null
  if (token.rest === null) {
    let t = nextNonBlank(lines, i + 1)
    if (t < 0) return null
    // a time slot printed between the number and the title
    const slotLine = clean(lines[t] ?? '')
    const slot = findTimeSlot(slotLine)
    const slotAlone = slot && slot.index === 0 && slot.length >= slotLine.length - 1 ? slot : null
    if (slotAlone) {
      t = nextNonBlank(lines, t + 1)
      if (t < 0) return null
    }
    const title = clean(lines[t] ?? '')
    const found = slotAlone ? { start: slotAlone.start, end: slotAlone.end } : null
    return plausibleTitle(title, 'alone') ? { line: i, token, layout: 'alone', titleLine: t, title, slot: found } : null
  }
  const layout: Layout = token.cell ? 'alone' : 'inline'
  const inlineStyleOk = token.kind !== 'plain' || token.style !== '' || token.cell
  if (!inlineStyleOk) return null
  return plausibleTitle(token.rest, layout) ? { line: i, token, layout, titleLine: i, title: token.rest, slot: null } : null
}

function continues(prev: Candidate, next: Candidate, first: Candidate): boolean {
  const a = prev.token
  const b = next.token
  if (a.kind !== b.kind || next.layout !== first.layout) return false
  if (b.kind === 'code' && a.style !== b.style) return false
  if (b.kind === 'slash' && a.style !== b.style) return false
  if (b.kind === 'plain' && b.letter === '' && first.token.letter === '' && b.style !== first.token.style) return false
  if (compareKeys(a, b) >= 0) return false
  // a jump far beyond the last number is a figure in the minutes, not the next item
  return (b.key[b.key.length - 1] ?? 0) - (a.key[a.key.length - 1] ?? 0) <= 40 || (b.key[0] ?? 0) !== (a.key[0] ?? 0)
}

export type RawItem = {
  number: string | null
  title: string
  papers: ParsedPaper[]
  timeSlot: { start: string; end: string | null } | null
  /** body lines: description before a label, then labelled segments */
  description: string | null
  minutes: string
  decisionBlocks: string[]
  /** first and last line of the item in the document */
  from: number
  to: number
}

export type ItemsResult = { items: RawItem[]; start: number; labelCount: number; warnings: string[] }

function splitPaper(text: string): { text: string; paper: string | null } {
  const m = PAPER.exec(text)
  if (!m) return { text, paper: null }
  return { text: clean(m[1] ?? ''), paper: clean(m[2] ?? '') }
}

function stripSlot(title: string): { title: string; slot: { start: string; end: string | null } | null } {
  const slot = findTimeSlot(title)
  if (!slot) return { title, slot: null }
  const atStart = slot.index === 0
  const atEnd = slot.index + slot.length >= title.length - 1
  if (!atStart && !atEnd) return { title, slot: null }
  const rest = clean(title.slice(0, slot.index) + ' ' + title.slice(slot.index + slot.length)).replace(/^[\s:–—-]+|[\s:–—-]+$/g, '')
  return { title: rest, slot: { start: slot.start, end: slot.end } }
}

function buildItem(
  lines: readonly string[],
  number: string | null,
  rawTitle: string,
  bodyFrom: number,
  bodyTo: number,
  from: number,
  slotBeforeTitle: { start: string; end: string | null } | null = null,
): RawItem {
  const papers: ParsedPaper[] = []
  const stripped = stripSlot(rawTitle)
  let title = stripped.title
  let timeSlot = slotBeforeTitle ?? stripped.slot
  const titled = splitPaper(title)
  if (titled.paper) {
    title = titled.text
    papers.push({ title, sizeText: titled.paper })
  }
  const description: string[] = []
  const minutes: string[] = []
  const decisionBlocks: string[][] = []
  let target: string[] = description
  let labelled = false
  for (let i = bodyFrom; i < bodyTo; i++) {
    const raw = lines[i] ?? ''
    if (raw === '') {
      target.push('')
      continue
    }
    const line = clean(raw)
    if (FURNITURE.test(line)) continue
    if (timeSlot === null && target === description && description.every((l) => l === '')) {
      const s = findTimeSlot(line)
      if (s && s.index === 0 && s.length >= line.length - 1) {
        timeSlot = { start: s.start, end: s.end }
        continue
      }
    }
    const paper = splitPaper(line)
    if (paper.paper) {
      papers.push({ title: paper.text.replace(/^[·•▪*–-]\s*/, '') || title, sizeText: paper.paper })
      continue
    }
    const label = LABEL.exec(line)
    if (label) {
      labelled = true
      if (/^minute/i.test(label[1] ?? '')) target = minutes
      else {
        target = []
        decisionBlocks.push(target)
      }
      if (label[2]) target.push(label[2])
      continue
    }
    target.push(raw)
  }
  const desc = joinBlock(description)
  return {
    number,
    title,
    papers,
    timeSlot,
    description: labelled ? desc || null : null,
    minutes: labelled ? joinBlock(minutes) : desc,
    decisionBlocks: decisionBlocks.map((b) => joinBlock(b)).filter((b) => b !== ''),
    from,
    to: bodyTo,
  }
}

/** Find the items from `from` on. */
export function findItems(lines: readonly string[], from = 0): ItemsResult {
  const warnings: string[] = []
  let start = -1
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] ?? ''
    if (l !== '' && l.length < 20 && ITEMS_HEADER.test(clean(l))) {
      start = i
      if (/no/i.test(l)) break
    } else if (start >= 0 && l !== '') break
  }
  const scanFrom = start >= 0 ? start + 1 : from
  let labelCount = 0
  for (let i = scanFrom; i < lines.length; i++) if (LABEL.test(clean(lines[i] ?? ''))) labelCount++

  const accepted: Candidate[] = []
  let first: Candidate | null = null
  for (let i = scanFrom; i < lines.length; i++) {
    if (isBlank(lines[i])) continue
    const last = accepted[accepted.length - 1]
    if (last && i <= last.titleLine) continue
    const c = candidateAt(lines, i)
    if (!c) continue
    if (!first) {
      first = c
      accepted.push(c)
    } else if (last && continues(last, c, first)) accepted.push(c)
  }

  const items: RawItem[] = []
  if (accepted.length > 0) {
    for (let k = 0; k < accepted.length; k++) {
      const c = accepted[k]
      if (!c) continue
      const end = accepted[k + 1]?.line ?? lines.length
      items.push(buildItem(lines, c.token.number, c.title, c.titleLine + 1, end, c.line, c.slot))
    }
    return { items, start: start >= 0 ? start : (accepted[0]?.line ?? lines.length), labelCount, warnings }
  }

  // no numbers: each "Minutes:" label closes an item header; the title is the line above it
  const labels: number[] = []
  for (let i = scanFrom; i < lines.length; i++) if (/^minutes?\s*:/i.test(clean(lines[i] ?? ''))) labels.push(i)
  if (labels.length === 0) {
    return { items, start: start >= 0 ? start : lines.length, labelCount, warnings }
  }
  const titleLines = labels.map((l) => prevNonBlank(lines, l - 1, scanFrom))
  for (let k = 0; k < labels.length; k++) {
    const t = titleLines[k] ?? -1
    const label = labels[k] ?? 0
    if (t < 0) continue
    const next = titleLines[k + 1]
    const end = next !== undefined && next >= 0 ? next : lines.length
    items.push(buildItem(lines, null, clean(lines[t] ?? ''), label, end, t))
  }
  warnings.push('The items have no numbers; each title was taken from the line above its "Minutes:" label')
  return { items, start: start >= 0 ? start : (titleLines[0] ?? lines.length), labelCount, warnings }
}
