import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { continues, fullTextLinks, pageAddress, stripMarker, takeFullTexts, webAddress } from './excerpts.ts'
import { parseMeetingRecord } from './parse-meeting.ts'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')

/** A modern.gov item row as a saved page prints it, with its link to the item's own page. */
const itemRow = (number: string, title: string, minutes: string, href: string) => `<tr><td>${number}</td><td><p>${title}</p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<p>${minutes} &hellip; <a href="${href}" title="Link to the full minutes text">view the full minutes text for item ${number}</a></p>
</td></tr>`

const page = (head: string, rows: string) => `<!DOCTYPE html><html lang="en"><head><title>Agenda for Executive</title>${head}</head><body>
<h1>Agenda and draft minutes</h1>
<h2 class="mgSubTitleTxt">Chorley Public Services Reform Executive - Tuesday, 27th September 2016 4.00 pm</h2>
<p><span class="mgLabel">Venue:&nbsp;</span>Committee Room 1, Town Hall</p>
<h2>Items</h2><table class="mgItemTable"><tr><th>No.</th><th>Item</th></tr>${rows}</table></body></html>`

describe('stripMarker', () => {
  it.each([
    ['South Ribble Pilot/Preston  ...  view the full minutes text for item 43b', 'South Ribble Pilot/Preston'],
    ['What needs to change or improve about *... view the full minutes text for item 15.26a*', 'What needs to change or improve about'],
    ['The Cabinet noted the log. … view the full minutes text for item 78/21', 'The Cabinet noted the log.'],
    ['Apologies were received.\n\n ...  view the full minutes text for item 1.', 'Apologies were received.'],
  ])('%j -> %j', (minutes, text) => {
    expect(stripMarker(minutes)).toEqual({ minutes: text, truncated: true })
  })
  it('leaves whole minutes alone, even when they mention the words elsewhere', () => {
    expect(stripMarker('We agreed to view the full minutes text for item 4 later. Then we left.')).toEqual({
      minutes: 'We agreed to view the full minutes text for item 4 later. Then we left.',
      truncated: false,
    })
  })
})

describe('links to the full text', () => {
  it('keeps only absolute http(s) addresses, resolving a relative link against the page’s own address', () => {
    expect(webAddress('mgAi.aspx?ID=1&amp;x=2', 'https://democracy.chorley.gov.uk/ieListDocuments.aspx?MId=1')).toBe(
      'https://democracy.chorley.gov.uk/mgAi.aspx?ID=1&x=2',
    )
    expect(webAddress('mgAi.aspx?ID=1', null)).toBeNull()
    expect(webAddress('javascript:alert(1)', 'https://example.org/')).toBeNull()
    expect(webAddress('data:text/html,hi', null)).toBeNull()
    expect(webAddress('http://example.org/a', null)).toBe('http://example.org/a')
  })

  it('reads the page’s address from <base href>, a canonical link or og:url', () => {
    expect(pageAddress('<head><base href="https://a.example/x/"></head>')).toBe('https://a.example/x/')
    expect(pageAddress('<head><link href="https://b.example/page" rel="canonical"></head>')).toBe('https://b.example/page')
    expect(pageAddress('<head><meta property="og:url" content="https://c.example/p"></head>')).toBe('https://c.example/p')
    expect(pageAddress('<head><base href="/relative/"></head>')).toBeNull()
  })

  it('finds each item’s link by its number', () => {
    const html = page(
      '<base href="https://democracy.example.gov.uk/">',
      itemRow('43b', 'Overview Evaluation', 'Vicky Willett advised', 'mgAi.aspx?ID=4311') + itemRow('44.', 'Partnership Updates', 'Sarah James presented', 'https://elsewhere.example/full?x=1'),
    )
    expect(fullTextLinks(html)).toEqual(
      new Map([
        ['43b', 'https://democracy.example.gov.uk/mgAi.aspx?ID=4311'],
        ['44', 'https://elsewhere.example/full?x=1'],
      ]),
    )
  })

  it('stays linear on a megabyte of unclosed anchors and markers', () => {
    const hostile = '<a href="x" '.repeat(40_000) + ' view the full minutes text for item 1 '.repeat(20_000)
    const started = performance.now()
    fullTextLinks(hostile)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('an imported page with cut-short minutes', () => {
  it('marks the item as an excerpt with its link, and ends the text with an ellipsis', () => {
    const html = page('<link rel="canonical" href="https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&amp;MId=2">', itemRow('43b', 'Overview Evaluation (Year One)', 'Vicky Willett advised that the full evaluation report had been issued.', 'mgAi.aspx?ID=4311'))
    const parsed = parseMeetingRecord({ html })
    const item = parsed.items.find((i) => i.number === '43b')!
    expect(item.minutes).toBe('Vicky Willett advised that the full evaluation report had been issued. …')
    expect(item.excerpt).toEqual({ href: 'https://democracy.example.gov.uk/mgAi.aspx?ID=4311' })
    expect(parsed.warnings).toContain(
      'The page shows only the start of the minutes of item 43b ("view the full minutes text"): imported as an excerpt, marked as one on the public page, with its link to the full text',
    )
  })

  it('imports the full text when the document also holds the item’s own page, and keeps it out of the last item', () => {
    const seed = fixture('seed-001.txt')
    const excerpt = parseMeetingRecord({ text: seed }).items.find((i) => i.number === '43b')!.minutes.replace(/ …$/, '')
    const itemPage = `\n\nAgenda item\n\n43b Overview Evaluation (Year One)\n\nMeeting: 27/09/2016 - Chorley Public Services Reform Executive (Item 43b)\n\nMinutes:\n\n${excerpt}, and with the Our Health Our Care programme.\n\nThe Executive thanked Vicky Willett for the evaluation.\n`
    const parsed = parseMeetingRecord({ text: seed + itemPage })
    const item = parsed.items.find((i) => i.number === '43b')!
    expect(item.excerpt).toBeNull()
    expect(item.minutes.startsWith('Vicky Willett advised that the full evaluation report had been issued')).toBe(true)
    expect(item.minutes.endsWith('The Executive thanked Vicky Willett for the evaluation.')).toBe(true)
    expect(item.minutes).not.toContain('view the full')
    const last = parsed.items[parsed.items.length - 1]!
    expect(last.minutes).not.toContain('Agenda item')
    expect(last.minutes).not.toContain('thanked Vicky Willett')
    expect(parsed.warnings).toContain('The page shows only the start of the minutes of item 43b; the full text, later in the document, was imported')
    // Everything else reads as before.
    expect(parsed.items.map((i) => i.number)).toEqual(parseMeetingRecord({ text: seed }).items.map((i) => i.number))
  })

  it('keeps the excerpt when a later block under the same number is not its continuation', () => {
    const lines = ['43b', 'Title', 'Minutes:', 'Start of the minutes about the evaluation ... view the full minutes text for item 43b', '', '43b', 'Minutes:', 'Something else entirely, about another matter.']
    const { fullTexts } = takeFullTexts(lines)
    expect(fullTexts.get('43b')).toBe('Something else entirely, about another matter.')
    expect(continues('Start of the minutes about the evaluation', fullTexts.get('43b')!)).toBe(false)
    expect(continues('Start of the minutes about the evaluation', 'Start of the minutes about the evaluation, and the rest.')).toBe(true)
    // Too little to compare is never taken as a continuation.
    expect(continues('Start', 'Start of something else')).toBe(false)
  })
})
