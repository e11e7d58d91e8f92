import type { Db } from '../../platform/db/client.ts'
import type { StructureRepository } from './structure.repository.ts'

export function structureService(_db: Db, _repo: StructureRepository) {
  return {}
}
export type StructureService = ReturnType<typeof structureService>
