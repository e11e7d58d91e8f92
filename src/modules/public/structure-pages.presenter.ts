import type { BodyInPartnership, BodyRow, MembershipView, PartnershipSummary } from '../structure/structure.service.ts'
import { structurePaths, withQuery } from '../structure/structure.paths.ts'
import { BODY_KIND_LABELS, personName, ROLE_LABELS } from '../../shared/record-text.ts'

/** Turns structure rows into what the public home, partnership and body pages print. Never contact details. */

export { pagination } from '../../platform/views/pagination.ts'
export { meetingRows } from '../../shared/record-text.ts'
export { BODY_KIND_LABELS }

export const pageHref = (path: string, query: Record<string, string> = {}) => (page: number) =>
  withQuery(path, { ...query, page: page === 1 ? undefined : page })

/** Public: name, role and organisation only. Never contact details. */
export function publicMemberRows(seats: MembershipView[]) {
  return seats.map((m) => ({
    name: personName(m.person),
    jobTitle: m.person.jobTitle ?? '',
    role: ROLE_LABELS[m.role],
    organisation: m.organisation?.name ?? '',
  }))
}

// ---- trees ----

export type TreeNode<T> = T & { children: TreeNode<T>[] }

/**
 * Builds a forest from parent links. A node whose parent is missing is a root; nodes caught in a
 * loop (which the service refuses, but old data may hold) are shown as roots rather than lost.
 */
export function buildTree<T extends { id: string }>(items: T[], parentOf: (item: T) => string | null): TreeNode<T>[] {
  const ids = new Set(items.map((i) => i.id))
  const childrenOf = new Map<string | null, T[]>()
  for (const item of items) {
    const parent = parentOf(item)
    const key = parent && ids.has(parent) ? parent : null
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), item])
  }
  const placed = new Set<string>()
  const grow = (item: T): TreeNode<T> => {
    placed.add(item.id)
    const children = (childrenOf.get(item.id) ?? []).filter((c) => !placed.has(c.id)).map(grow)
    return { ...item, children }
  }
  const roots = (childrenOf.get(null) ?? []).map(grow)
  for (const item of items) if (!placed.has(item.id)) roots.push(grow(item))
  return roots
}

/** The structure chart: each body under the body it is accountable to, with the line in words. */
export function structureChart(bodies: BodyInPartnership[]) {
  const nodes = bodies.map((b) => ({
    id: b.id,
    name: b.name,
    href: structurePaths.public.body(b.slug),
    kind: BODY_KIND_LABELS[b.kind],
    parentId: b.accountableToBodyId,
    accountableTo: b.accountableTo ? { name: b.accountableTo.name, href: structurePaths.public.body(b.accountableTo.slug) } : null,
    sentence: b.accountableTo ? `${withThe(b.name)} is accountable to ${withThe(b.accountableTo.name, false)}.` : null,
  }))
  const order = (a: { kind: string; name: string }, b: { kind: string; name: string }) => a.name.localeCompare(b.name)
  const sort = <N extends { kind: string; name: string; children: N[] }>(list: N[]): N[] =>
    list.sort(order).map((n) => ({ ...n, children: sort(n.children) }))
  return sort(buildTree(nodes, (n) => n.parentId))
}

/** "The Executive" for a bare kind-like name; names of their own ("Chorley Executive") too. */
function withThe(name: string, capital = true): string {
  if (/^the\s/i.test(name)) return capital ? name.charAt(0).toUpperCase() + name.slice(1) : name
  return `${capital ? 'The' : 'the'} ${name}`
}

export function partnershipTree(partnerships: PartnershipSummary[]) {
  const nodes = partnerships.map((p) => ({
    id: p.id,
    name: p.name,
    summary: p.summary ?? '',
    href: structurePaths.public.partnership(p.slug),
    parentId: p.parentPartnershipId,
  }))
  return buildTree(nodes, (n) => n.parentId)
}

const escapeHtml = (v: string): string =>
  v.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
const link = (href: string, text: string) => `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`

/** The public summary of a body: what it is part of, who it answers to, quorum, how often it meets. */
export function publicBodySummaryRows(
  body: Pick<BodyRow, 'quorum' | 'meetingFrequency'>,
  partnership: { name: string; href: string },
  accountableTo: { name: string; href: string } | null,
) {
  return [
    { key: { text: 'Partnership' }, value: { html: link(partnership.href, partnership.name) } },
    ...(accountableTo ? [{ key: { text: 'Accountable to' }, value: { html: link(accountableTo.href, accountableTo.name) } }] : []),
    ...(body.quorum ? [{ key: { text: 'Quorum' }, value: { text: String(body.quorum) } }] : []),
    ...(body.meetingFrequency ? [{ key: { text: 'Meets' }, value: { text: body.meetingFrequency } }] : []),
  ]
}
