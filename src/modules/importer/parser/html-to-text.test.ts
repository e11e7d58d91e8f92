import { describe, expect, it } from 'vitest'
import { decodeEntities, htmlToText } from './html-to-text.ts'

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
