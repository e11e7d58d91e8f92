import { describe, expect, it } from 'vitest'
import { decodeEntities, htmlToText, MAX_TAG_LENGTH } from './html-to-text.ts'

describe('html to text', () => {
  it('keeps block structure, puts table cells on one line with tabs, and drops scripts and styles', () => {
    const html = '<html><head><title>x</title><style>p{}</style></head><body><script>alert(1)</script><h1>Agenda and minutes</h1><p>Venue:&nbsp;Town   Hall</p><table><tr><td>43.</td><td>Welcome</td></tr><tr><td>44.</td><td>AOB</td></tr></table><p>a<br>b</p><!-- <p>hidden</p> --></body></html>'
    expect(htmlToText(html)).toBe('Agenda and minutes\n\nVenue:\u00a0Town Hall\n\n43.\tWelcome\n\n44.\tAOB\n\na\nb')
  })

  it('gives images their alt text (the "pdf icon" of a document link) and lists their bullets', () => {
    expect(htmlToText('<p><a href="a.pdf">Report <img src="i.gif" alt="pdf icon"> PDF 301 KB</a></p><ul><li>One</li><li>Two</li></ul>')).toBe(
      'Report pdf icon PDF 301 KB\n\n· One\n\n· Two',
    )
  })

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeEntities('&ndash; &#8217; &#x2019; &amp; &bogus; &pound;5')).toBe('– ’ ’ & &bogus; £5')
  })
})

describe('html to text on hostile input (review 5)', () => {
  const timed = (html: string): { ms: number; text: string } => {
    const t0 = performance.now()
    const text = htmlToText(html)
    return { ms: performance.now() - t0, text }
  }

  it('a tag is at most MAX_TAG_LENGTH long, and a "<" before its ">" ends it: the "<" is text', () => {
    expect(htmlToText('<p>a <b and <i>c</i></p>')).toBe('a <b and c')
    expect(htmlToText(`<p>x <a ${'y'.repeat(MAX_TAG_LENGTH)}> z</p>`)).toContain('x <a yyy')
    expect(htmlToText('<p><img alt="a > b" src=x> c</p>')).toBe('a > b c')
    expect(htmlToText('<p>one<!-- never closed <p>two</p>')).toBe('one<!-- never closed\ntwo')
    expect(htmlToText('<p>one</p><script>unclosed <p>two</p>')).toBe('one\nunclosed\ntwo')
  })

  it('runs of unclosed tags, scripts and comments take linear time (1 MB each)', () => {
    for (const unit of ['<a ', '<a "', "<a '<a \"", '<script ', '<!--', '<!doctype', '<p class="x" ']) {
      const small = timed(`<html><body>${unit.repeat(Math.ceil(100_000 / unit.length))}`)
      const big = timed(`<html><body>${unit.repeat(Math.ceil(1_000_000 / unit.length))}`)
      expect(big.text.length).toBeGreaterThan(0)
      // Ten times the input: linear is ~10x; the old regex was ~100x (18 s for 240 KB of "<a ").
      expect(big.ms, unit).toBeLessThan(Math.max(2_000, small.ms * 40))
    }
  })
})
