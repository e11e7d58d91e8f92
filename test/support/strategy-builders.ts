import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/platform/db/client.ts'
import type { CurrentUser } from '../../src/platform/http/types.ts'
import { slugify } from '../../src/shared/slug.ts'
import { strategyAims, strategyPrinciples, strategyVersions, strategyVersionThemes, themes } from '../../src/modules/strategy/strategy.tables.ts'
import { programmeLinks, workstreamMilestones, workstreams, workstreamUpdates } from '../../src/modules/programme/programme.tables.ts'
import { buildBody, buildPartnership, buildUser } from './builders.ts'

const uniq = () => randomBytes(3).toString('hex')

/** A signed-in user as the use cases see them: a real users row (audit and authorship point at it). */
export async function buildCurrentUser(db: Db, opts: { isAdmin?: boolean; secretariatOf?: string[] } = {}): Promise<CurrentUser> {
  const row = await buildUser(db, { isAdmin: opts.isAdmin ?? false, secretariatOf: opts.secretariatOf ?? [] })
  return { id: row.id, email: row.email, displayName: row.displayName, isAdmin: row.isAdmin, secretariatOf: opts.secretariatOf ?? [], memberOf: [] }
}

type ThemeSpec = { title: string; description?: string | null; slug?: string; themeId?: string }

/**
 * A strategy version with its principles, aims and themes (a new theme for each spec without a themeId). A draft by
 * default; `approved` gives it an approving body (made when none is given) and date. Rows written directly.
 */
export async function buildStrategyVersion(
  db: Db,
  opts: {
    partnershipId?: string
    number?: number
    title?: string
    status?: 'draft' | 'approved' | 'superseded'
    approved?: { bodyId?: string; on?: string; precision?: 'day' | 'month'; meetingId?: string; decisionId?: string } | null
    purpose?: string | null
    vision?: string | null
    principles?: string[]
    aims?: string[]
    themes?: ThemeSpec[]
    periodFromYear?: number | null
    periodToYear?: number | null
  } = {},
) {
  const partnershipId = opts.partnershipId ?? (await buildPartnership(db)).id
  const status = opts.status ?? (opts.approved ? 'approved' : 'draft')
  const approvedByBodyId = opts.approved ? (opts.approved.bodyId ?? (await buildBody(db, { partnershipId })).id) : null
  const [version] = await db
    .insert(strategyVersions)
    .values({
      partnershipId,
      number: opts.number ?? 1,
      title: opts.title ?? `Strategy ${uniq()}`,
      status,
      purpose: opts.purpose ?? null,
      vision: opts.vision ?? null,
      periodFromYear: opts.periodFromYear ?? null,
      periodToYear: opts.periodToYear ?? null,
      approvedByBodyId,
      approvedOn: opts.approved ? (opts.approved.on ?? '2015-06-01') : null,
      approvedOnPrecision: opts.approved?.precision ?? 'day',
      approvedAtMeetingId: opts.approved?.meetingId ?? null,
      approvalDecisionId: opts.approved?.decisionId ?? null,
    })
    .returning()
  const v = version!
  for (const [position, text] of (opts.principles ?? []).entries()) await db.insert(strategyPrinciples).values({ versionId: v.id, position, text })
  for (const [position, text] of (opts.aims ?? []).entries()) await db.insert(strategyAims).values({ versionId: v.id, position, text })
  const themeRows: { id: string; slug: string; title: string }[] = []
  for (const [position, spec] of (opts.themes ?? []).entries()) {
    let themeId = spec.themeId
    let slug = spec.slug ?? slugify(spec.title)
    if (!themeId) {
      const [theme] = await db.insert(themes).values({ partnershipId, slug }).returning()
      themeId = theme!.id
      slug = theme!.slug
    }
    await db.insert(strategyVersionThemes).values({ versionId: v.id, themeId, position, title: spec.title, description: spec.description ?? null })
    themeRows.push({ id: themeId, slug, title: spec.title })
  }
  return { version: v, themes: themeRows, partnershipId }
}

/** A workstream under a theme (a partnership, approved strategy and theme are made when none is given). Public by default. */
export async function buildWorkstream(db: Db, values: Partial<typeof workstreams.$inferInsert> = {}) {
  let { partnershipId, themeId } = values
  if (!themeId) {
    const built = await buildStrategyVersion(db, { partnershipId, approved: {}, themes: [{ title: `Theme ${uniq()}` }] })
    partnershipId = built.partnershipId
    themeId = built.themes[0]!.id
  }
  const title = values.title ?? `Workstream ${uniq()}`
  const [row] = await db
    .insert(workstreams)
    .values({ slug: slugify(title), ...values, title, partnershipId: partnershipId!, themeId })
    .returning()
  return row!
}

export async function buildMilestone(db: Db, values: Partial<typeof workstreamMilestones.$inferInsert> & { workstreamId: string }) {
  const [row] = await db.insert(workstreamMilestones).values({ title: `Milestone ${uniq()}`, ...values }).returning()
  return row!
}

export async function buildWorkstreamUpdate(db: Db, values: Partial<typeof workstreamUpdates.$inferInsert> & { workstreamId: string }) {
  const [row] = await db.insert(workstreamUpdates).values({ text: 'Progress', status: 'on_track', ...values }).returning()
  return row!
}

/** A link from a theme or workstream to one record. */
export async function buildProgrammeLink(db: Db, values: typeof programmeLinks.$inferInsert) {
  const [row] = await db.insert(programmeLinks).values(values).returning()
  return row!
}
