import { xml2js, type Element } from 'xml-js'

const ATOM = 'http://www.w3.org/2005/Atom'

const elements = (el: Element | undefined, name: string): Element[] => (el?.elements ?? []).filter((e) => e.type === 'element' && e.name === name)
const text = (el: Element | undefined): string =>
  (el?.elements ?? []).map((e) => (e.type === 'text' ? String(e.text) : e.type === 'cdata' ? String(e.cdata) : text(e))).join('')

/** RFC 4287 3.2: a person construct has exactly one atom:name, and at most one atom:uri and atom:email. */
function personErrors(person: Element, where: string): string[] {
  const errors: string[] = []
  const names = elements(person, 'name')
  if (names.length !== 1) errors.push(`${where} has ${names.length} atom:name (3.2: exactly one)`)
  else if (!text(names[0]).trim()) errors.push(`${where} has an empty atom:name`)
  for (const optional of ['uri', 'email']) {
    if (elements(person, optional).length > 1) errors.push(`${where} has more than one atom:${optional} (3.2)`)
  }
  return errors
}

/**
 * The element rules of RFC 4287 that feed readers forgive, so reading a feed back proves nothing: 4.1.1 (atom:feed: one id,
 * title, updated; an author unless every entry has one), 4.1.2 (atom:entry: one id, title, updated; an author
 * unless the feed or its atom:source has one; an alternate link when there is no content) and 3.2 (person
 * constructs). Parses strictly: malformed XML throws.
 */
export function atomErrors(xml: string): string[] {
  const doc = xml2js(xml, { compact: false }) as Element
  const feed = doc.elements?.find((e) => e.type === 'element')
  if (!feed || feed.name !== 'feed' || feed.attributes?.xmlns !== ATOM) return ['the root is not an atom:feed']
  const errors: string[] = []
  const once = (el: Element, name: string, where: string) => {
    const n = elements(el, name).length
    if (n !== 1) errors.push(`${where} has ${n} atom:${name} (exactly one)`)
  }
  for (const name of ['id', 'title', 'updated']) once(feed, name, 'the feed')
  const feedAuthors = elements(feed, 'author')
  feedAuthors.forEach((a, i) => errors.push(...personErrors(a, `feed author ${i + 1}`)))
  elements(feed, 'entry').forEach((entry, i) => {
    const where = `entry ${i + 1}`
    for (const name of ['id', 'title', 'updated']) once(entry, name, where)
    const authors = elements(entry, 'author')
    authors.forEach((a, j) => errors.push(...personErrors(a, `${where} author ${j + 1}`)))
    const sourceAuthors = elements(elements(entry, 'source')[0], 'author')
    if (authors.length === 0 && sourceAuthors.length === 0 && feedAuthors.length === 0) {
      errors.push(`${where} has no atom:author, and neither has the feed (4.1.1, 4.1.2)`)
    }
    const alternate = elements(entry, 'link').some((l) => (l.attributes?.rel ?? 'alternate') === 'alternate')
    if (elements(entry, 'content').length === 0 && !alternate) errors.push(`${where} has neither atom:content nor an alternate link (4.1.2)`)
  })
  return errors
}
