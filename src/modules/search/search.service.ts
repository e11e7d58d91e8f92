import type { Db } from '../../platform/db/client.ts'
import type { Config } from '../../config.ts'
import type { StructureService } from '../structure/structure.service.ts'

/** STUB: to be written. */
export function searchService(db: Db, deps: { structure: StructureService; config: Config }) {
  void db
  void deps
  return {}
}
export type SearchService = ReturnType<typeof searchService>
