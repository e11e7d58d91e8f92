import { describe, expect, it } from 'vitest'
import { markdownToPlainText } from './snippet-text.ts'

const S = '\uE000'
const E = '\uE001'

describe('markdownToPlainText', () => {
  it.each([
    ['| What | Who | When |\n|---|---|---|\n| Circulate outcomes | HH | 17/02/2015 |', 'What · Who · When Circulate outcomes · HH · 17/02/2015'],
    ['|:---|:---:|---:|', ''],
    ['## Vision for 2017\n\nTo improve outcomes', 'Vision for 2017 To improve outcomes'],
    ['- Aims and objectives\n- Leadership\n* Deliverables\n1. Measurable targets\n2) Innovation', 'Aims and objectives Leadership Deliverables Measurable targets Innovation'],
    ['**RESOLVED**: to note the *report* and __agree__ the _plan_', 'RESOLVED: to note the report and agree the plan'],
    ['See [the minutes](/papers/abc/minutes.pdf) and ![chart](x.png)', 'See the minutes and chart'],
    ['as [agreed][1] before', 'as agreed before'],
    ['Email <mailto:info@example.org> or see <https://example.org/a>', 'Email mailto:info@example.org or see https://example.org/a'],
    ['Run `npm start` now', 'Run npm start now'],
    ['> Quoted text', 'Quoted text'],
    ['Line one<br>line two <b>bold</b>', 'Line one line two bold'],
    ['A \\*literal\\* star and a \\| pipe', 'A *literal* star and a | pipe'],
    ['---\n\nafter the rule', 'after the rule'],
    ['~~old~~ new', 'old new'],
  ])('%j reads %j', (markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text)
  })

  it('keeps words joined by underscores and maths with stars', () => {
    expect(markdownToPlainText('the snake_case_name field')).toBe('the snake_case_name field')
    expect(markdownToPlainText('3 * 4 = 12')).toBe('3 * 4 = 12')
  })

  it('cleans a passage cut out of the middle of a construct', () => {
    expect(markdownToPlainText('Matters arising](/papers/abc/x.pdf) were noted')).toBe('Matters arising were noted')
    expect(markdownToPlainText('see [the full report](/papers/ab')).toBe('see the full report')
    expect(markdownToPlainText('outcomes | HH | 17/02')).toBe('outcomes · HH · 17/02')
    expect(markdownToPlainText('the report** and the rest')).toBe('the report and the rest')
    expect(markdownToPlainText('and **the start of bold')).toBe('and the start of bold')
  })

  it('keeps the match markers where ts_headline put them', () => {
    expect(markdownToPlainText(`| What | Who |\n| ${S}Runshaw${E} College | **${S}Runshaw${E}** |`)).toBe(`What · Who ${S}Runshaw${E} College · ${S}Runshaw${E}`)
    expect(markdownToPlainText(`[${S}minutes${E}](/x)`)).toBe(`${S}minutes${E}`)
    expect(markdownToPlainText(`*${S}vision${E}*`)).toBe(`${S}vision${E}`)
  })

  // A seeded generator: the same cases on every run (fast-check is not a dependency of this project).
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648

  it('reads generated Markdown as the words it was made from (an oracle: each construct and its plain text)', () => {
    const next = random(11)
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
    const words = ['Runshaw', 'College', 'board', 'agreed', 'outcomes', `${S}vision${E}`, '2015', 'snake_case', 'HH']
    // [markdown, plain] pairs of inline pieces
    const inline = (): [string, string] => {
      const w = pick(words)
      return pick<[string, string]>([
        [w, w],
        [`**${w}**`, w],
        [`*${w}*`, w],
        [`__${w}__`, w],
        [`\`${w}\``, w],
        [`[${w}](/papers/x/${w.length}.pdf)`, w],
        [`~~${w}~~`, w],
      ])
    }
    const sentence = (): [string, string] => {
      const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, inline)
      return [parts.map((p) => p[0]).join(' '), parts.map((p) => p[1]).join(' ')]
    }
    for (let i = 0; i < 2000; i++) {
      const blocks = Array.from({ length: 1 + Math.floor(next() * 4) }, (): [string, string] => {
        const [md, text] = sentence()
        return pick<[string, string]>([
          [md, text],
          [`## ${md}`, text],
          [`- ${md}`, text],
          [`1. ${md}`, text],
          [`> ${md}`, text],
          [`| ${md} | ${sentence()[0]} |\n|---|---|`, ''], // checked below: cells joined by " · "
        ])
      })
      const markdown = blocks.map((b) => b[0]).join('\n\n')
      const out = markdownToPlainText(markdown)
      if (blocks.every((b) => !b[0].startsWith('|'))) expect(out, JSON.stringify(markdown)).toBe(blocks.map((b) => b[1]).join(' '))
      expect(out, JSON.stringify(markdown)).not.toMatch(/[|#>]|\*\*|__|~~|`|\]\(/)
      expect(out).toBe(markdownToPlainText(out))
    }
  })

  it('never loses a match marker, whatever it is given', () => {
    const next = random(7)
    const pieces = ['|', '||', '---', '**', '*', '_', '__', '`', '[', ']', '(', ')', '](x)', '#', '> ', '- ', '1. ', '\n', ' ', 'word', S, E, '\\*', '<b>', '~~', '!']
    const count = (text: string, c: string) => text.split(c).length - 1
    for (let i = 0; i < 3000; i++) {
      const input = Array.from({ length: 1 + Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]).join('')
      const out = markdownToPlainText(input)
      expect(count(out, S), JSON.stringify(input)).toBe(count(input, S))
      expect(count(out, E), JSON.stringify(input)).toBe(count(input, E))
      expect(out).not.toMatch(/\n|\s{2}/)
    }
  })
})
