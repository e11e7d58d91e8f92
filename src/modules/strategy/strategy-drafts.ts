import type { Db } from '../../platform/db/client.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { conflict, invalidState, notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { slugify } from '../../shared/slug.ts'
import type { NewVersionTheme, VersionRow, VersionTheme } from './strategy.repository.ts'
import { assertCanManageStrategy } from './strategy.policy.ts'
import type { DraftInput, EditDraftInput, ThemeInput } from './strategy.schemas.ts'
import { assertDraft, auditStrategy, getVersion, lockDraft, managedVersion, type StrategyContext } from './strategy-context.ts'

/** Drafting: the first draft, its details, its themes, and a new version started from the latest. */

const versionValues = (input: DraftInput) => ({
  title: input.title,
  periodFromYear: input.periodFromYear ?? null,
  periodToYear: input.periodToYear ?? null,
  purpose: input.purpose ?? null,
  vision: input.vision ?? null,
  changeNote: input.changeNote ?? null,
})

/** Two people starting a version at the same moment: one wins, the other is told (never a 500). */
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Someone else started a version of this strategy at the same time. Open the strategy to see it.')
    throw err
  }
}

/** The partnership's first strategy: a draft, version 1. */
export async function createFirstDraft(ctx: StrategyContext, user: CurrentUser, partnershipId: string, input: DraftInput): Promise<VersionRow> {
  const partnership = await ctx.deps.structure.getPartnership(partnershipId)
  assertCanManageStrategy(user, partnership.id)
  return oneAtATime(() =>
    ctx.db.transaction(async (tx) => {
      if ((await ctx.repo.latestNumber(partnership.id, tx)) > 0) {
        throw invalidState('This partnership already has a strategy. Open it and start a new version from the latest one.')
      }
      const row = await ctx.repo.insertVersion({ partnershipId: partnership.id, number: 1, ...versionValues(input), createdByUserId: user.id }, tx)
      await ctx.repo.replacePrinciples(row.id, input.principles, tx)
      await ctx.repo.replaceAims(row.id, input.aims, tx)
      await auditStrategy(tx, user, 'strategy.draft_created', row, { title: row.title })
      return row
    }),
  )
}

export async function updateDraft(ctx: StrategyContext, user: CurrentUser, id: string, input: EditDraftInput): Promise<VersionRow> {
  await managedVersion(ctx, user, id)
  return ctx.db.transaction(async (tx) => {
    const locked = await ctx.repo.lockVersion(id, tx)
    if (!locked) throw notFound('Strategy version')
    assertDraft(locked)
    const row = await ctx.repo.updateVersion(id, input.version, versionValues(input), tx)
    if (!row) throw conflict()
    await ctx.repo.replacePrinciples(id, input.principles, tx)
    await ctx.repo.replaceAims(id, input.aims, tx)
    await auditStrategy(tx, user, 'strategy.draft_changed', row, { version: row.version, principles: input.principles.length, aims: input.aims.length })
    return row
  })
}

// ---- themes of a draft ----

/** A slug for a new theme: the title's, or with -2, -3 ... when another theme of the partnership has it. */
async function newThemeSlug(ctx: StrategyContext, partnershipId: string, title: string, tx: Db): Promise<string> {
  const base = slugify(title)
  const taken = new Set(await ctx.repo.themeSlugsLike(partnershipId, base, tx))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

const snapshot = (themes: readonly VersionTheme[]): NewVersionTheme[] =>
  themes.map((t, position) => ({ themeId: t.themeId, position, title: t.title, description: t.description }))

async function themesOfDraft(ctx: StrategyContext, versionId: string, tx: Db): Promise<VersionTheme[]> {
  return ctx.repo.findVersionThemes([versionId], tx)
}

/**
 * Add a theme to the draft, at the end. A theme of the partnership with the same address that this draft does not
 * have (one removed from it, or from an earlier version) is brought back rather than made again, so it keeps its
 * identity, workstreams and links.
 */
export async function addTheme(ctx: StrategyContext, user: CurrentUser, versionId: string, input: ThemeInput): Promise<VersionTheme> {
  await managedVersion(ctx, user, versionId)
  return ctx.db.transaction(async (tx) => {
    const draft = await lockDraft(ctx, versionId, input.version, tx)
    const current = await themesOfDraft(ctx, versionId, tx)
    const existing = await ctx.repo.findThemeBySlug(draft.partnershipId, slugify(input.title), tx)
    const theme =
      existing && !current.some((t) => t.themeId === existing.id)
        ? existing
        : await ctx.repo.insertTheme({ partnershipId: draft.partnershipId, slug: await newThemeSlug(ctx, draft.partnershipId, input.title, tx) }, tx)
    const added: VersionTheme = { versionId, themeId: theme.id, slug: theme.slug, position: current.length, title: input.title, description: input.description ?? null }
    await ctx.repo.replaceVersionThemes(versionId, snapshot([...current, added]), tx)
    await auditStrategy(tx, user, 'strategy.theme_added', draft, { themeId: theme.id, title: input.title, restored: theme === existing })
    return added
  })
}

async function themeOfDraft(ctx: StrategyContext, versionId: string, themeId: string, tx: Db): Promise<{ themes: VersionTheme[]; index: number }> {
  const themes = await themesOfDraft(ctx, versionId, tx)
  const index = themes.findIndex((t) => t.themeId === themeId)
  if (index < 0) throw notFound('Theme')
  return { themes, index }
}

/** The draft's theme, for its edit form. */
export async function getDraftTheme(ctx: StrategyContext, user: CurrentUser, versionId: string, themeId: string) {
  const version = await managedVersion(ctx, user, versionId)
  const { themes, index } = await themeOfDraft(ctx, versionId, themeId, ctx.db)
  return { version, theme: themes[index]! }
}

export async function updateTheme(ctx: StrategyContext, user: CurrentUser, versionId: string, themeId: string, input: ThemeInput): Promise<void> {
  await managedVersion(ctx, user, versionId)
  await ctx.db.transaction(async (tx) => {
    const draft = await lockDraft(ctx, versionId, input.version, tx)
    const { themes, index } = await themeOfDraft(ctx, versionId, themeId, tx)
    const before = themes[index]!
    themes[index] = { ...before, title: input.title, description: input.description ?? null }
    await ctx.repo.replaceVersionThemes(versionId, snapshot(themes), tx)
    await auditStrategy(tx, user, 'strategy.theme_changed', draft, { themeId, title: input.title, titleBefore: before.title })
  })
}

export async function moveTheme(ctx: StrategyContext, user: CurrentUser, versionId: string, themeId: string, direction: 'up' | 'down', version: number): Promise<void> {
  await managedVersion(ctx, user, versionId)
  await ctx.db.transaction(async (tx) => {
    const draft = await lockDraft(ctx, versionId, version, tx)
    const { themes, index } = await themeOfDraft(ctx, versionId, themeId, tx)
    const to = direction === 'up' ? index - 1 : index + 1
    if (to < 0 || to >= themes.length) throw invalidState(`This theme is already ${direction === 'up' ? 'first' : 'last'}.`)
    ;[themes[index], themes[to]] = [themes[to]!, themes[index]!]
    await ctx.repo.replaceVersionThemes(versionId, snapshot(themes), tx)
    await auditStrategy(tx, user, 'strategy.theme_moved', draft, { themeId, direction })
  })
}

/**
 * Remove a theme from the draft. The theme itself is deleted only when nothing else has it (no other version, no
 * workstream, no link); otherwise it stays, so earlier versions and the programme keep pointing at it.
 */
export async function removeTheme(ctx: StrategyContext, user: CurrentUser, versionId: string, themeId: string, version: number): Promise<void> {
  await managedVersion(ctx, user, versionId)
  await ctx.db.transaction(async (tx) => {
    const draft = await lockDraft(ctx, versionId, version, tx)
    const { themes, index } = await themeOfDraft(ctx, versionId, themeId, tx)
    const [removed] = themes.splice(index, 1)
    await ctx.repo.replaceVersionThemes(versionId, snapshot(themes), tx)
    const keep = (await ctx.repo.themeInOtherVersions(themeId, versionId, tx)) || (await ctx.deps.themeInUse(themeId, tx))
    if (!keep) await ctx.repo.deleteTheme(themeId, tx)
    await auditStrategy(tx, user, 'strategy.theme_removed', draft, { themeId, title: removed!.title, themeDeleted: !keep })
  })
}

// ---- a new version ----

/**
 * Start a new version from the latest one: a draft with a copy of its details, principles, aims and themes. The
 * latest stays as it is: an approved version remains the current strategy until the new one is approved; a draft
 * is kept, superseded, as it stood (a consultation draft, say).
 */
export async function startNewVersion(ctx: StrategyContext, user: CurrentUser, sourceId: string, version: number): Promise<VersionRow> {
  const source = await managedVersion(ctx, user, sourceId)
  return oneAtATime(() =>
    ctx.db.transaction(async (tx) => {
      const locked = await ctx.repo.lockVersion(source.id, tx)
      if (!locked) throw notFound('Strategy version')
      if (locked.version !== version) throw conflict()
      const latest = await ctx.repo.latestNumber(locked.partnershipId, tx)
      if (locked.number !== latest) throw invalidState(`Version ${latest} is newer: start a new version from it.`)
      if (locked.status === 'superseded') throw invalidState(`Version ${locked.number} has been superseded.`)
      const at = ctx.now()
      if (locked.status === 'draft') {
        const kept = await ctx.repo.updateVersion(locked.id, version, { status: 'superseded', supersededAt: at }, tx)
        if (!kept) throw conflict()
      }
      const full = await getVersion(ctx, locked.id, tx)
      const row = await ctx.repo.insertVersion(
        {
          partnershipId: locked.partnershipId,
          number: latest + 1,
          title: full.title,
          periodFromYear: full.periodFromYear,
          periodToYear: full.periodToYear,
          purpose: full.purpose,
          vision: full.vision,
          basedOnVersionId: full.id,
          createdByUserId: user.id,
        },
        tx,
      )
      const [principles, aims, themes] = await Promise.all([
        ctx.repo.findPrinciples([full.id], tx),
        ctx.repo.findAims([full.id], tx),
        ctx.repo.findVersionThemes([full.id], tx),
      ])
      await ctx.repo.replacePrinciples(row.id, principles.map((p) => p.text), tx)
      await ctx.repo.replaceAims(row.id, aims.map((a) => a.text), tx)
      await ctx.repo.replaceVersionThemes(row.id, snapshot(themes), tx)
      await auditStrategy(tx, user, 'strategy.version_started', row, { basedOn: full.number, basedOnStatus: locked.status })
      return row
    }),
  )
}
