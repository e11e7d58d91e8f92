import type { Db } from '../../platform/db/client.ts'

export function structureRepository(_db: Db) {
  return {}
}
export type StructureRepository = ReturnType<typeof structureRepository>
