import type { ImportedItemRow } from './importer.repository.ts'
import { baseOf, capital, clip, parentNumber, same } from './rules.ts'
import { ours, type Draft } from './commit-draft.ts'

/**
 * The agenda items, their minutes and decisions, matched to the meeting's items by number (or title): new ones
 * are added, the import's own unchanged ones follow the page, anything added or changed in Joined Up (or
 * exempt) is kept as it is, with a note. Returns the item of each printed item, in order, and the exempt items.
 */
export async function writeItems(d: Draft, current: ImportedItemRow[]): Promise<{ itemIds: string[]; exemptIds: Set<string> }> {
  const { tx, parsed, meetingId, written, changes, notes } = d
  const byId = new Map(current.map((i) => [i.id, i]))
  const exemptIds = new Set(current.filter((i) => i.isExempt || (i.parentItemId !== null && byId.get(i.parentItemId)?.isExempt)).map((i) => i.id))
  const parentNow = new Map(current.map((i) => [i.id, i.parentItemId]))
  const keyOf = (n: string | null, title: string) => (n ? `n:${n.trim().toLowerCase()}` : `t:${title.trim().toLowerCase()}`)
  const pool = new Map<string, (typeof current)[number][]>()
  for (const item of current) {
    const k = keyOf(item.numberOverride, item.title)
    pool.set(k, [...(pool.get(k) ?? []), item])
  }
  const mainNumbers = new Map<string, number>() // base number -> index of main item
  const parentIndex: (number | null)[] = parsed.items.map((item, index) => {
    const parent = parentNumber(item.number)
    const found = parent !== null ? mainNumbers.get(baseOf(parent)) : undefined
    if (found === undefined && item.number) mainNumbers.set(baseOf(item.number), index)
    return found ?? null
  })
  const itemIds: string[] = []
  const kept = new Set<string>()
  // Positions (per parent) follow the page; items added in Joined Up keep theirs.
  const positions = new Map<string, number>()
  const allDecisions = await d.deps.repo.decisionsOfItems(
    current.map((i) => i.id),
    tx,
  )
  const CONTENT_FIELDS = new Set(['numberOverride', 'title', 'description', 'minutes', 'minutesExcerpt', 'minutesSourceUrl'])
  for (const [index, item] of parsed.items.entries()) {
    const label = item.number ? `item ${item.number}` : `item "${item.title}"`
    const parentIdx = parentIndex[index] ?? null
    const parentItemId = parentIdx !== null ? (itemIds[parentIdx] ?? null) : null
    const siblingKey = parentItemId ?? 'main'
    const position = positions.get(siblingKey) ?? 0
    positions.set(siblingKey, position + 1)
    const want = {
      numberOverride: item.number,
      title: item.title,
      description: item.description && item.description.trim() !== '' ? item.description : null,
      minutes: item.minutes.trim() !== '' ? item.minutes : null,
      // The page showed only the start of the minutes: said on the public page, with the page's link to the rest.
      minutesExcerpt: !!item.excerpt,
      minutesSourceUrl: item.excerpt?.href ?? null,
      parentItemId,
      position,
    }
    const k = keyOf(item.number, item.title)
    const match = pool.get(k)?.shift()
    let itemId: string
    let mayWriteDecisions: boolean
    if (!match) {
      const row = await d.deps.writes.meetings.insertItem({ meetingId, ...want, ...(item.number ? {} : { numberOverride: '' }) }, tx)
      itemId = row.id
      written.items[row.id] = row.version
      mayWriteDecisions = true
      changes.push({ what: label, field: 'created', from: null, to: item.title })
    } else {
      itemId = match.id
      kept.add(match.id)
      const mine = ours(d, 'items', match.id, match.version) && !exemptIds.has(match.id)
      const diff: Record<string, unknown> = {}
      const wantHere = item.number ? want : { ...want, numberOverride: '' }
      for (const [field, to] of Object.entries(wantHere)) {
        const from = match[field as keyof typeof want]
        if (!same(from, to)) diff[field] = to
      }
      const contentDiff = Object.keys(diff).filter((f) => CONTENT_FIELDS.has(f))
      if (mine) {
        for (const field of Object.keys(diff)) {
          if (CONTENT_FIELDS.has(field)) changes.push({ what: label, field, from: clip(match[field as keyof typeof want]), to: clip(diff[field]) })
        }
        written.items[match.id] = Object.keys(diff).length > 0 ? await d.deps.writes.meetings.updateItem(match.id, diff, tx) : match.version
        if ('parentItemId' in diff) parentNow.set(match.id, parentItemId)
      } else if (contentDiff.length > 0) {
        notes.push(
          exemptIds.has(match.id)
            ? `${capital(label)} is exempt in Joined Up: its content was not changed`
            : `${capital(label)} was changed in Joined Up since it was imported: kept as it is (the page differs in ${contentDiff.join(', ')})`,
        )
      }
      mayWriteDecisions = mine
    }
    itemIds.push(itemId)
    const beforeRows = allDecisions.filter((d) => d.itemId === itemId)
    const before = beforeRows.map((d) => d.text)
    const allOurs = beforeRows.every((r) => ours(d, 'decisions', r.id, r.version))
    if (before.length !== item.decisions.length || before.some((t, i) => t !== item.decisions[i])) {
      if (mayWriteDecisions && allOurs) {
        for (const r of await d.deps.writes.meetings.replaceDecisions(itemId, item.decisions, tx)) written.decisions[r.id] = r.version
        changes.push({ what: label, field: 'decisions', from: before.map(clip), to: item.decisions.map(clip) })
      } else if (mayWriteDecisions) {
        notes.push(`The decisions of ${label} were changed in Joined Up since they were imported: kept as they are`)
      }
    } else {
      for (const r of beforeRows) if (ours(d, 'decisions', r.id, r.version)) written.decisions[r.id] = r.version
    }
  }
  const stale = current.filter((i) => !kept.has(i.id))
  if (stale.length > 0) await removeStaleItems(d, stale, exemptIds, parentNow)
  return { itemIds, exemptIds }
}

/** Items no longer on the page: removed when the import wrote them and nobody has changed them since. */
async function removeStaleItems(d: Draft, stale: ImportedItemRow[], exemptIds: Set<string>, parentNow: Map<string, string | null>): Promise<void> {
  const { tx, written, changes, notes } = d
  const papered = await d.deps.repo.itemsWithPapers(
    stale.map((i) => i.id),
    tx,
  )
  const deletable = new Set(stale.filter((i) => ours(d, 'items', i.id, i.version) && !exemptIds.has(i.id) && !papered.has(i.id)).map((i) => i.id))
  // An item goes only with all its sub-items: keep any whose sub-items must stay.
  for (let changed = true; changed; ) {
    changed = false
    for (const id of deletable) {
      if ([...parentNow].some(([child, parent]) => parent === id && !deletable.has(child))) {
        deletable.delete(id)
        changed = true
      }
    }
  }
  await d.deps.writes.meetings.deleteItems([...deletable], tx)
  for (const i of stale) {
    const label = i.numberOverride ? `item ${i.numberOverride}` : `item "${i.title}"`
    if (deletable.has(i.id)) changes.push({ what: label, field: 'deleted', from: i.title, to: null })
    else {
      if (ours(d, 'items', i.id, i.version)) written.items[i.id] = i.version
      const why = !ours(d, 'items', i.id, i.version)
        ? 'it was added or changed in Joined Up'
        : papered.has(i.id)
          ? 'it has papers'
          : exemptIds.has(i.id)
            ? 'it is exempt'
            : 'it has sub-items that stay'
      notes.push(`${capital(label)} is not on the page: kept, as ${why}`)
    }
  }
}
