/**
 * Search snippets as plain text. Minutes, decisions and actions are stored as Markdown, and ts_headline cuts
 * passages out of that source, so a snippet would read "| What | Who | When |" or "**RESOLVED** [the
 * report](/papers/…". This takes the Markdown syntax out of such a passage (which may begin or end in the middle
 * of a construct), keeping the words and the match markers (private-use characters, never touched here). Pure.
 */

const BLOCK_PREFIX = /^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+)+/gm
const RULE_LINE = /^[ \t]*(?:[-*_][ \t]*){3,}$/gm
const TABLE_SEPARATOR_CELL = /\|?[ \t]*:?-{2,}:?[ \t]*(?=\||$)/gm
const IMAGE_OR_LINK = /!?\[([^\]\n]*)\]\([^)\n]*\)?/g
const REFERENCE_LINK = /!?\[([^\]\n]+)\]\[[^\]\n]*\]/g
const LINK_TAIL = /\]\([^)\s]*\)/g
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^>\s]+)>/g
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g
const STRONG = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g
const EMPHASIS_STAR = /\*(?=[^\s*])([^*\n]*?[^\s*])\*/g
const EMPHASIS_UNDERSCORE = /(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu
const STRIKE = /~~(?=\S)([\s\S]*?\S)~~/g
const CODE = /`+([^`\n]*)`+/g
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!|>~])/g
const LEFTOVER_MARKS = /(?<![\p{L}\p{N}])(?:\*+|_{2,}|~{2,})(?=[\p{L}\p{N}\uE000])|(?<=[\p{L}\p{N}.,;:!?\uE001])(?:\*+|_{2,}|~{2,})(?![\p{L}\p{N}])/gu
const PIPE = /[ \t]*\|[ \t]*/g

/** A passage of Markdown (or part of one) as the words a reader sees, on one line. */
export function markdownToPlainText(passage: string): string {
  let text = passage.replace(/\r\n?/g, '\n')
  // Placeholders keep escaped characters out of the syntax passes below.
  const escaped: string[] = []
  text = text.replace(ESCAPE, (_m, ch: string) => `\uF8F0${escaped.push(ch) - 1}\uF8F1`)
  text = text
    .replace(RULE_LINE, ' ')
    .replace(TABLE_SEPARATOR_CELL, ' ')
    .replace(BLOCK_PREFIX, '')
    .replace(IMAGE_OR_LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(LINK_TAIL, '')
    .replace(AUTOLINK, '$1')
    .replace(HTML_TAG, ' ')
    .replace(CODE, '$1')
    .replace(STRONG, '$2')
    .replace(STRIKE, '$1')
    .replace(EMPHASIS_STAR, '$1')
    .replace(EMPHASIS_UNDERSCORE, '$1')
    .replace(LEFTOVER_MARKS, '')
  // Table cells: "| What | Who | When |" reads "What · Who · When".
  text = text
    .split('\n')
    .map((line) => {
      if (!line.includes('|')) return line
      const cells = line.split(PIPE).map((c) => c.trim()).filter((c) => c !== '')
      return cells.join(' · ')
    })
    .join('\n')
  text = text.replace(/\uF8F0(\d+)\uF8F1/g, (_m, i: string) => escaped[Number(i)] ?? '')
  return text.replace(/\s+/g, ' ').trim()
}
