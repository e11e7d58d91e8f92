import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { isIsoDate } from './dates.ts'

/**
 * Refreshing the shipped bank holidays (meeting-law.md section 7) from the GOV.UK feed
 * (https://www.gov.uk/bank-holidays.json, Open Government Licence). The feed is a rolling window, so it
 * is merged over the shipped copy, never swapped in:
 * - a date in the feed is added, or its title/notes/bunting updated;
 * - a past date is never dropped, nor is any date in a year the feed does not cover for that region;
 * - a date from today on, in a year the feed covers, that the feed does not list is removed (a moved
 *   or withdrawn holiday, like the 2020 early May bank holiday moved for VE day) and reported.
 */

export type BankHolidayEvent = { title: string; date: string; notes: string; bunting: boolean }
export type BankHolidayData = Record<string, { division: string; events: BankHolidayEvent[] }>

export const SHIPPED_BANK_HOLIDAYS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bank-holidays.json')

const EventSchema = z.object({
  title: z.string().min(1).max(200),
  date: z.string().refine(isIsoDate, 'date must be YYYY-MM-DD'),
  notes: z.string().max(500).default(''),
  bunting: z.boolean().default(false),
})
const FeedSchema = z.record(
  z.string().regex(/^[a-z-]{1,40}$/),
  z.object({ division: z.string().min(1).max(40), events: z.array(EventSchema).max(2000) }),
)

export class BankHolidayFeedError extends Error {}

/** Parse and check a GOV.UK bank holidays document. */
export function parseBankHolidayFeed(text: string): BankHolidayData {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new BankHolidayFeedError('The bank holidays file is not JSON.')
  }
  const parsed = FeedSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new BankHolidayFeedError(
      `The bank holidays file is not in the GOV.UK format (${issue.path.join('.') || 'top level'}: ${issue.message}).`,
    )
  }
  if (Object.keys(parsed.data).length === 0) throw new BankHolidayFeedError('The bank holidays file has no regions.')
  return parsed.data
}

export type HolidayChange = { region: string; date: string; title: string; previousTitle?: string }

export type MergeReport = {
  added: HolidayChange[]
  changed: HolidayChange[]
  removed: HolidayChange[]
  /** Per region: dates kept from the shipped copy that the feed does not list (past, or in years it does not cover). */
  keptOnlyShipped: Record<string, number>
}

const sameEvent = (a: BankHolidayEvent, b: BankHolidayEvent) =>
  a.title === b.title && a.notes === b.notes && a.bunting === b.bunting

/** Pure: the shipped copy with the official feed merged over it, and what changed. `today` is YYYY-MM-DD. */
export function mergeBankHolidays(
  shipped: BankHolidayData,
  official: BankHolidayData,
  today: string,
): { merged: BankHolidayData; report: MergeReport } {
  const report: MergeReport = { added: [], changed: [], removed: [], keptOnlyShipped: {} }
  const merged: BankHolidayData = {}
  const regions = [...new Set([...Object.keys(shipped), ...Object.keys(official)])]
  for (const region of regions) {
    const mine = shipped[region]
    const theirs = official[region]
    if (!theirs) {
      merged[region] = { division: mine!.division, events: [...mine!.events] }
      continue
    }
    const byDate = new Map<string, BankHolidayEvent>()
    for (const e of mine?.events ?? []) byDate.set(e.date, e)
    const inFeed = new Set(theirs.events.map((e) => e.date))
    const coveredYears = new Set(theirs.events.map((e) => e.date.slice(0, 4)))
    let kept = 0
    for (const [date, e] of [...byDate]) {
      if (inFeed.has(date)) continue
      if (date >= today && coveredYears.has(date.slice(0, 4))) {
        byDate.delete(date)
        report.removed.push({ region, date, title: e.title })
      } else {
        kept++
      }
    }
    for (const e of theirs.events) {
      const before = byDate.get(e.date)
      const next = { title: e.title, date: e.date, notes: e.notes, bunting: e.bunting }
      if (!before) report.added.push({ region, date: e.date, title: e.title })
      else if (!sameEvent(before, next)) report.changed.push({ region, date: e.date, title: e.title, previousTitle: before.title })
      byDate.set(e.date, next)
    }
    report.keptOnlyShipped[region] = kept
    merged[region] = {
      division: theirs.division,
      events: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }
  }
  for (const list of [report.added, report.changed, report.removed]) {
    list.sort((a, b) => a.region.localeCompare(b.region) || a.date.localeCompare(b.date))
  }
  return { merged, report }
}

/** Plain-text summary of a merge, for the command line. */
export function describeMerge(report: MergeReport, target: string): string {
  const lines: string[] = []
  const n = report.added.length + report.changed.length + report.removed.length
  lines.push(n === 0 ? `No changes: ${target} already matches the feed.` : `Updated ${target}: ${n} change${n === 1 ? '' : 's'}.`)
  for (const c of report.added) lines.push(`  added    ${c.region} ${c.date} ${c.title}`)
  for (const c of report.changed) {
    lines.push(`  changed  ${c.region} ${c.date} ${c.previousTitle === c.title ? c.title : `${c.previousTitle} -> ${c.title}`}`)
  }
  for (const c of report.removed) lines.push(`  removed  ${c.region} ${c.date} ${c.title} (no longer in the official feed)`)
  for (const [region, count] of Object.entries(report.keptOnlyShipped)) {
    if (count > 0) lines.push(`  kept     ${region}: ${count} date${count === 1 ? '' : 's'} from the shipped copy that the feed does not cover`)
  }
  return `${lines.join('\n')}\n`
}

/** Fetch the feed from an address, giving up after `timeoutMs`. */
export async function fetchBankHolidayFeed(url: string, timeoutMs = 10_000): Promise<string> {
  if (!/^https?:\/\//.test(url)) throw new BankHolidayFeedError('--url must start with https:// or http://')
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } })
  } catch (err) {
    throw new BankHolidayFeedError(`Could not fetch ${url}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!res.ok) throw new BankHolidayFeedError(`Could not fetch ${url}: HTTP ${res.status}`)
  return res.text()
}

/** Read the feed (a file, or an address), merge it over the target file and write the result back. */
export async function refreshBankHolidays(opts: {
  file?: string | undefined
  url?: string | undefined
  target?: string
  today: string
  timeoutMs?: number
}): Promise<{ report: MergeReport; target: string }> {
  const target = opts.target ?? SHIPPED_BANK_HOLIDAYS
  let text: string
  if (opts.file) {
    try {
      text = await fs.readFile(opts.file, 'utf8')
    } catch {
      throw new BankHolidayFeedError(`Cannot read ${opts.file}`)
    }
  } else if (opts.url) {
    text = await fetchBankHolidayFeed(opts.url, opts.timeoutMs)
  } else {
    throw new BankHolidayFeedError('Give the GOV.UK bank holidays file with --file <path> (or an address with --url).')
  }
  const official = parseBankHolidayFeed(text)
  const shipped = parseBankHolidayFeed(await fs.readFile(target, 'utf8'))
  const { merged, report } = mergeBankHolidays(shipped, official, opts.today)
  if (report.added.length + report.changed.length + report.removed.length === 0) return { report, target }
  // Same layout as the shipped file (one-space indent), written whole then renamed into place.
  const tmp = `${target}.${process.pid}.tmp`
  await fs.writeFile(tmp, JSON.stringify(merged, null, 1))
  await fs.rename(tmp, target)
  return { report, target }
}
