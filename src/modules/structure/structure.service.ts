import type { Db } from '../../platform/db/client.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { StructureRepository, BodyWithPartnership, MembershipView, PersonRow } from './structure.repository.ts'

export type { BodyWithPartnership, MembershipView, PersonRow }

export function structureService(_db: Db, repo: StructureRepository) {
  return {
    /** A body with its partnership; throws NOT_FOUND. */
    async getBody(id: string, tx?: Db): Promise<BodyWithPartnership> {
      const body = await repo.findBodyById(id, tx)
      if (!body) throw notFound('Body')
      return body
    },
    async getBodyBySlug(slug: string): Promise<BodyWithPartnership> {
      const body = await repo.findBodyBySlug(slug)
      if (!body) throw notFound('Body')
      return body
    },
    /** Seats on a body; pass onDate (YYYY-MM-DD) for only those current that day. Chair first. */
    findMembershipsOfBody: (bodyId: string, onDate?: string): Promise<MembershipView[]> =>
      repo.findMembershipsOfBody(bodyId, onDate),
    findPeopleByIds: (ids: string[]): Promise<PersonRow[]> => repo.findPeopleByIds(ids),
    /** Local closure days (CONFIG) that do not count as clear working days. */
    findClosureDates: (partnershipId: string): Promise<string[]> => repo.findClosureDates(partnershipId),
  }
}
export type StructureService = ReturnType<typeof structureService>
