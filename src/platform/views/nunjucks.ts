import nunjucks from 'nunjucks'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatDate, formatDateTime, formatLongDate, formatTime } from '../../shared/dates.ts'
import { renderMarkdown } from './markdown.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
export const SRC_ROOT = path.resolve(here, '../..')
export const GOVUK_DIST = path.resolve(SRC_ROOT, '../node_modules/govuk-frontend/dist')

export function createViewEnvironment(opts: { cache: boolean }): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [path.join(here, 'templates'), path.join(SRC_ROOT, 'modules'), GOVUK_DIST],
      { noCache: !opts.cache },
    ),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  )
  env.addFilter('longDate', (d: string | null | undefined) => (d ? formatLongDate(d) : ''))
  env.addFilter('date', (d: string | null | undefined) => (d ? formatDate(d) : ''))
  env.addFilter('time', (t: string | null | undefined) => (t ? formatTime(t) : ''))
  env.addFilter('dateTime', (d: Date | string | null | undefined) => (d ? formatDateTime(new Date(d)) : ''))
  env.addFilter('markdown', (s: string | null | undefined) => new nunjucks.runtime.SafeString(renderMarkdown(s)))
  return env
}
