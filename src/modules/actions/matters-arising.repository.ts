import type { Db } from '../../platform/db/client.ts'

export function mattersArisingRepository(_db: Db) {
  return {}
}
export type MattersArisingRepository = ReturnType<typeof mattersArisingRepository>
