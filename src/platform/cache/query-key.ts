/**
 * The query string of a render-cache key (issue 10, defect 4). Any parameter used to become part of the key, so
 * `/search?q=x&junk=1`, `&junk=2` ... each missed the cache and rendered: 16 requests a second with a p99 of
 * 3.8 s against 9,047 from cache, and on PGlite that slowed the whole site. Now each cached page declares the
 * parameters it reads (the composition root passes the rules: this file knows no page); everything else is dropped,
 * and the parameters kept are put in one order, so every spelling of the same request shares one entry.
 *
 * The request the page renders is rewritten to the same normalised address (see renderCache), so a page cannot
 * read a parameter the key does not hold: the content of an entry is, by construction, what its key asks for. A
 * parameter a page reads but does not declare is therefore invisible to anonymous visitors, which the page's own
 * tests notice at once, rather than silently served from another visitor's entry.
 */

/**
 * A path and the query parameters its page reads. The path is exact (`/search`), may hold `:name` segments
 * (`/bodies/:slug`), or ends in `/*` for everything below it (`/api/v1/*`).
 */
export type QueryParamRule = { path: string; params: readonly string[] }

type CompiledRule = { re: RegExp; params: ReadonlySet<string> }

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')

function compile(rule: QueryParamRule): CompiledRule {
  const wildcard = rule.path.endsWith('/*')
  const base = wildcard ? rule.path.slice(0, -2) : rule.path
  const pattern = base
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escape(segment)))
    .join('/')
  return { re: new RegExp(`^${pattern}${wildcard ? '(?:/.*)?' : ''}$`), params: new Set(rule.params) }
}

/** One spelling per value (`a+b`, `a%20b` and `%61 b` are one key): decoded as Hono decodes it, then encoded. */
function canonicalValue(raw: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(raw.replace(/\+/g, ' ')))
  } catch {
    return raw // a malformed escape: the page reads it as sent, so it is keyed as sent
  }
}

/**
 * Returns the normaliser for a set of rules: `(path, search)` to the search string to key and render with ('' or
 * '?a=1&b=2'). A path no rule names reads no parameters. Without rules (undefined) the query is kept as sent.
 */
export function queryNormaliser(rules: readonly QueryParamRule[] | undefined): (path: string, search: string) => string {
  if (!rules) return (_path, search) => search
  const compiled = rules.map(compile)
  const exact = new Map<string, ReadonlySet<string>>()
  for (const [i, rule] of rules.entries()) if (!/[:*]/.test(rule.path)) exact.set(rule.path, compiled[i]!.params)
  const paramsFor = (path: string): ReadonlySet<string> | null => exact.get(path) ?? compiled.find((r) => r.re.test(path))?.params ?? null
  return (path, search) => {
    if (search === '' || search === '?') return ''
    const allowed = paramsFor(path)
    if (!allowed || allowed.size === 0) return ''
    const kept: Array<[string, string]> = []
    for (const pair of search.slice(1).split('&')) {
      if (pair === '') continue
      const eq = pair.indexOf('=')
      const rawName = eq === -1 ? pair : pair.slice(0, eq)
      let name: string
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '))
      } catch {
        continue // not a name any page reads
      }
      if (allowed.has(name)) kept.push([name, eq === -1 ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${canonicalValue(pair.slice(eq + 1))}`])
    }
    if (kept.length === 0) return ''
    // One order for the names (stable: a repeated name keeps the order of its values, which a page may read).
    kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    return `?${kept.map(([, pair]) => pair).join('&')}`
  }
}
