import type { Db } from '../platform/db/client.ts'
import { slugify } from '../shared/slug.ts'
import { strategyAims, strategyPrinciples, strategyVersions, strategyVersionThemes, themes } from '../modules/strategy/strategy.tables.ts'
import { programmeLinks, workstreamMilestones, workstreams, workstreamUpdates } from '../modules/programme/programme.tables.ts'
import { STRATEGY_VERSIONS, WORKSTREAMS } from './demo-strategy.ts'
import type { BodyKey, MeetingKey, PartnershipKey } from './demo-types.ts'

/** The ids the demo loader has written, by key (see demo.seed.ts). */
export type StrategySeedIds = {
  partnerships: Map<PartnershipKey, string>
  bodies: Map<BodyKey, string>
  meetings: Map<MeetingKey, string>
  /** `${meeting key}:${item ref}` -> item id */
  items: Map<string, string>
}

function idOf<K extends string>(ids: Map<K, string>, key: K): string {
  const id = ids.get(key)
  if (!id) throw new Error(`demo data: nothing seeded for "${key}"`)
  return id
}

/**
 * The strategies (every version, with principles, aims and themes) and the programme (workstreams, milestones,
 * updates, links), written directly like the rest of the demo (ADR 0002's exception for the loader).
 */
export async function seedStrategies(tx: Db, ids: StrategySeedIds): Promise<{ versions: number; workstreams: number }> {
  // Themes by `${partnership}:${key}`: the same key in two versions is one theme.
  const themeIds = new Map<string, string>()
  const versionIds = new Map<string, string>()
  for (const v of STRATEGY_VERSIONS) {
    const partnershipId = idOf(ids.partnerships, v.partnership)
    const [row] = await tx
      .insert(strategyVersions)
      .values({
        partnershipId,
        number: v.number,
        title: v.title,
        periodFromYear: v.periodFromYear,
        periodToYear: v.periodToYear,
        purpose: v.purpose,
        vision: v.vision,
        status: v.status,
        basedOnVersionId: versionIds.get(`${v.partnership}:${v.number - 1}`) ?? null,
        approvedByBodyId: v.approved ? idOf(ids.bodies, v.approved.body) : null,
        approvedOn: v.approved?.on ?? null,
        approvedOnPrecision: v.approved?.precision ?? 'day',
        createdAt: new Date(v.createdAt),
        updatedAt: new Date(v.createdAt),
      })
      .returning({ id: strategyVersions.id })
    const versionId = row!.id
    versionIds.set(`${v.partnership}:${v.number}`, versionId)
    for (const [position, text] of v.principles.entries()) await tx.insert(strategyPrinciples).values({ versionId, position, text })
    for (const [position, text] of v.aims.entries()) await tx.insert(strategyAims).values({ versionId, position, text })
    for (const [position, theme] of v.themes.entries()) {
      const key = `${v.partnership}:${theme.key}`
      let themeId = themeIds.get(key)
      if (!themeId) {
        const [t] = await tx.insert(themes).values({ partnershipId, slug: slugify(theme.title) }).returning({ id: themes.id })
        themeId = t!.id
        themeIds.set(key, themeId)
      }
      await tx.insert(strategyVersionThemes).values({ versionId, themeId, position, title: theme.title, description: theme.description })
    }
  }

  for (const w of WORKSTREAMS) {
    const partnershipId = idOf(ids.partnerships, w.partnership)
    const [row] = await tx
      .insert(workstreams)
      .values({
        partnershipId,
        themeId: idOf(themeIds, `${w.partnership}:${w.theme}`),
        slug: slugify(w.title),
        title: w.title,
        owningBodyId: w.owningBody ? idOf(ids.bodies, w.owningBody) : null,
        startsOn: w.startsOn,
        startsOnPrecision: w.startsOnPrecision,
        status: w.status,
        isPublic: true,
      })
      .returning({ id: workstreams.id })
    const workstreamId = row!.id
    for (const m of w.milestones) {
      await tx.insert(workstreamMilestones).values({ workstreamId, ...m, status: m.doneOn ? 'completed' : 'not_started' })
    }
    for (const u of w.updates) {
      await tx.insert(workstreamUpdates).values({
        workstreamId,
        text: u.text,
        status: w.status,
        isPublic: u.isPublic,
        reportedAtMeetingId: u.reportedAtMeeting ? idOf(ids.meetings, u.reportedAtMeeting) : null,
        createdAt: new Date(u.at),
      })
    }
    for (const item of w.linkedItems) {
      await tx.insert(programmeLinks).values({ partnershipId, workstreamId, agendaItemId: idOf(ids.items, `${item.meeting}:${item.itemRef}`) })
    }
  }
  return { versions: STRATEGY_VERSIONS.length, workstreams: WORKSTREAMS.length }
}
