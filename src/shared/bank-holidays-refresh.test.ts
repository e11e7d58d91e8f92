import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BankHolidayFeedError,
  SHIPPED_BANK_HOLIDAYS,
  describeMerge,
  mergeBankHolidays,
  parseBankHolidayFeed,
  refreshBankHolidays,
  type BankHolidayData,
} from './bank-holidays-refresh.ts'
import { bankHolidays } from './clear-days.ts'

const ev = (date: string, title: string, notes = '', bunting = true) => ({ title, date, notes, bunting })

const shipped: BankHolidayData = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      ev('2012-12-25', 'Christmas Day'),
      ev('2020-05-04', 'Early May bank holiday'),
      ev('2026-05-04', 'Early May bank holiday'),
      ev('2026-12-25', 'Christmas Day'),
      ev('2026-12-28', 'Boxing Day', 'Substitute day'),
      ev('2030-12-25', 'Christmas Day'),
    ],
  },
  scotland: { division: 'scotland', events: [ev('2026-11-30', 'St Andrew’s Day')] },
}

const official: BankHolidayData = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      // The 2020 early May holiday moved to VE day: the past date is kept, the new one added.
      ev('2020-05-08', 'Early May bank holiday (VE day)'),
      ev('2026-05-04', 'Early May bank holiday'),
      ev('2026-12-25', 'Christmas Day'),
      ev('2026-12-28', 'Boxing Day', 'Substitute day', false),
      ev('2027-06-07', 'Extra bank holiday'),
    ],
  },
}

describe('mergeBankHolidays', () => {
  const { merged, report } = mergeBankHolidays(shipped, official, '2026-06-01')
  const dates = (region: string) => merged[region]!.events.map((e) => e.date)

  it('never drops a past date, and keeps dates in years the feed does not cover', () => {
    expect(dates('england-and-wales')).toEqual(['2012-12-25', '2020-05-04', '2020-05-08', '2026-05-04', '2026-12-25', '2026-12-28', '2027-06-07', '2030-12-25'])
    expect(report.keptOnlyShipped['england-and-wales']).toBe(3)
  })

  it('adds new dates and updates changed ones, reporting each', () => {
    expect(report.added).toEqual([
      { region: 'england-and-wales', date: '2020-05-08', title: 'Early May bank holiday (VE day)' },
      { region: 'england-and-wales', date: '2027-06-07', title: 'Extra bank holiday' },
    ])
    expect(report.changed).toEqual([{ region: 'england-and-wales', date: '2026-12-28', title: 'Boxing Day', previousTitle: 'Boxing Day' }])
    expect(merged['england-and-wales']!.events.find((e) => e.date === '2026-12-28')!.bunting).toBe(false)
  })

  it('removes a future date in a year the feed covers that the feed does not list', () => {
    const withdrawn = mergeBankHolidays(
      { 'england-and-wales': { division: 'england-and-wales', events: [ev('2026-05-04', 'Early May'), ev('2026-05-25', 'Spring'), ev('2026-08-31', 'Summer')] } },
      { 'england-and-wales': { division: 'england-and-wales', events: [ev('2026-05-04', 'Early May'), ev('2026-08-31', 'Summer')] } },
      '2026-01-01',
    )
    expect(withdrawn.report.removed).toEqual([{ region: 'england-and-wales', date: '2026-05-25', title: 'Spring' }])
    expect(withdrawn.merged['england-and-wales']!.events.map((e) => e.date)).toEqual(['2026-05-04', '2026-08-31'])
    // The same date in the past is kept.
    const past = mergeBankHolidays(
      { 'england-and-wales': { division: 'england-and-wales', events: [ev('2026-05-04', 'Early May'), ev('2026-05-25', 'Spring'), ev('2026-08-31', 'Summer')] } },
      { 'england-and-wales': { division: 'england-and-wales', events: [ev('2026-05-04', 'Early May'), ev('2026-08-31', 'Summer')] } },
      '2026-06-01',
    )
    expect(past.report.removed).toEqual([])
    expect(past.merged['england-and-wales']!.events).toHaveLength(3)
  })

  it('leaves regions the feed does not mention as shipped', () => {
    expect(merged.scotland).toEqual(shipped.scotland)
  })

  it('describes the changes', () => {
    const text = describeMerge(report, 'bank-holidays.json')
    expect(text).toContain('Updated bank-holidays.json: 3 changes.')
    expect(text).toContain('added    england-and-wales 2027-06-07 Extra bank holiday')
    expect(text).toContain('changed  england-and-wales 2026-12-28 Boxing Day')
    expect(describeMerge(mergeBankHolidays(shipped, shipped, '2026-06-01').report, 'x.json')).toContain('No changes')
  })

  it('merging the shipped copy over itself changes nothing', () => {
    const real = parseBankHolidayFeed(fs.readFileSync(SHIPPED_BANK_HOLIDAYS, 'utf8'))
    const again = mergeBankHolidays(real, real, '2026-06-01')
    expect(again.report.added.length + again.report.changed.length + again.report.removed.length).toBe(0)
    expect(again.merged).toEqual(real)
  })
})

describe('parseBankHolidayFeed', () => {
  it.each([
    ['not json', 'not JSON'],
    ['{}', 'no regions'],
    ['{"england-and-wales":{"division":"england-and-wales","events":[{"title":"X","date":"2026-02-30"}]}}', 'date must be YYYY-MM-DD'],
    ['[1,2]', 'GOV.UK format'],
  ])('rejects %s', (text, message) => {
    expect(() => parseBankHolidayFeed(text)).toThrow(BankHolidayFeedError)
    expect(() => parseBankHolidayFeed(text)).toThrow(message)
  })
})

describe('refreshBankHolidays (files)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-bank-holidays-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('writes the merged copy back in the shipped layout, which the clear-days engine reads', async () => {
    const target = path.join(dir, 'bank-holidays.json')
    const feed = path.join(dir, 'feed.json')
    fs.writeFileSync(target, JSON.stringify(shipped, null, 1))
    fs.writeFileSync(feed, JSON.stringify(official))
    const { report } = await refreshBankHolidays({ file: feed, target, today: '2026-06-01' })
    expect(report.added).toHaveLength(2)
    const written = fs.readFileSync(target, 'utf8')
    expect(written.startsWith('{\n "england-and-wales": {\n  "division"')).toBe(true)
    const data = JSON.parse(written) as BankHolidayData
    expect(bankHolidays('england-and-wales', data).has('2027-06-07')).toBe(true)
    expect(bankHolidays('england-and-wales', data).has('2020-05-04')).toBe(true)
  })

  it('needs a file or an address, and reports a missing file', async () => {
    await expect(refreshBankHolidays({ today: '2026-06-01', target: path.join(dir, 'x.json') })).rejects.toThrow('--file')
    await expect(refreshBankHolidays({ file: path.join(dir, 'missing.json'), today: '2026-06-01' })).rejects.toThrow('Cannot read')
    await expect(refreshBankHolidays({ url: 'ftp://example.org/x', today: '2026-06-01' })).rejects.toThrow('--url must start with')
  })
})

describe('npm run cli -- bank-holidays refresh', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-bank-holidays-cli-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('merges the file over the target and prints what changed', async () => {
    const { runCli, UsageError } = await import('../cli.ts')
    const target = path.join(dir, 'bank-holidays.json')
    const feed = path.join(dir, 'feed.json')
    fs.writeFileSync(target, JSON.stringify(shipped, null, 1))
    fs.writeFileSync(feed, JSON.stringify({ scotland: { division: 'scotland', events: [ev('2031-11-30', 'St Andrew’s Day')] } }))
    let printed = ''
    const code = await runCli(['bank-holidays', 'refresh', '--file', feed, '--target', target], { stdout: (s) => (printed += s) })
    expect(code).toBe(0)
    expect(printed).toContain('added    scotland 2031-11-30 St Andrew’s Day')
    expect(bankHolidays('scotland', JSON.parse(fs.readFileSync(target, 'utf8')) as BankHolidayData).has('2031-11-30')).toBe(true)
    await expect(runCli(['bank-holidays', 'refresh', '--target', target])).rejects.toThrow(UsageError)
    await expect(runCli(['bank-holidays', 'update'])).rejects.toThrow('bank-holidays refresh --file')
  })
})

describe('refreshBankHolidays --url (loopback server)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ju-bank-holidays-url-'))
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') return // never answers: the timeout must give up
    if (req.url === '/missing') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(official))
  })
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('fetches the feed, and gives up on a slow or failing address', async () => {
    const target = path.join(dir, 'bank-holidays.json')
    fs.writeFileSync(target, JSON.stringify(shipped, null, 1))
    const { report } = await refreshBankHolidays({ url: `${base}/bank-holidays.json`, target, today: '2026-06-01' })
    expect(report.added.map((c) => c.date)).toEqual(['2020-05-08', '2027-06-07'])
    await expect(refreshBankHolidays({ url: `${base}/slow`, target, today: '2026-06-01', timeoutMs: 200 })).rejects.toThrow('Could not fetch')
    await expect(refreshBankHolidays({ url: `${base}/missing`, target, today: '2026-06-01' })).rejects.toThrow('HTTP 404')
  })
})
