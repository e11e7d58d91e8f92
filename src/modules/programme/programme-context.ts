import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { useCaseContext, type UseCaseContext } from '../../platform/use-case-context.ts'
import { londonToday } from '../../shared/dates.ts'
import type { StructureService } from '../structure/structure.service.ts'
import type { StrategyService } from '../strategy/strategy.service.ts'
import type { ProgrammeRepository, WorkstreamView } from './programme.repository.ts'
import type { ProgrammeLinksRepository } from './programme-links.repository.ts'
import { assertCanManageProgramme } from './programme.policy.ts'

/** What the programme's use cases need from other modules: only what they use. */
export type ProgrammeDeps = {
  structure: Pick<StructureService, 'getPartnership' | 'getPartnershipBySlug' | 'bodiesOfPartnership'>
  strategy: Pick<StrategyService, 'themesForStaff' | 'getThemeForStaff' | 'publicThemes' | 'findPublicTheme'>
  links: ProgrammeLinksRepository
  now?: () => Date
}

export type ProgrammeContext = UseCaseContext<ProgrammeRepository, ProgrammeDeps> & { today: () => string }

export function programmeContext(db: Db, repo: ProgrammeRepository, deps: ProgrammeDeps): ProgrammeContext {
  const ctx = useCaseContext(db, repo, deps)
  return { ...ctx, today: () => londonToday(ctx.now()) }
}

/** A workstream; NOT_FOUND when there is none. No policy: callers check. */
export async function getWorkstream(ctx: ProgrammeContext, id: string, tx?: Db): Promise<WorkstreamView> {
  const row = await ctx.repo.findWorkstreamById(id, tx)
  if (!row) throw notFound('Workstream')
  return row
}

export async function managedWorkstream(ctx: ProgrammeContext, user: CurrentUser, id: string): Promise<WorkstreamView> {
  const row = await getWorkstream(ctx, id)
  assertCanManageProgramme(user, row.partnershipId)
  return row
}

/** The audit record of a change to the programme; the partnership is named in the data for its secretariat's log. */
export function auditProgramme(tx: Db, user: CurrentUser, event: string, subject: { type: string; id: string; partnershipId: string }, data: Record<string, unknown> = {}) {
  return recordAudit(tx, { userId: user.id }, { event, subjectType: subject.type, subjectId: subject.id, data: { partnershipId: subject.partnershipId, ...data } })
}
