import type { Db } from '../../platform/db/client.ts'

export function actionsRepository(_db: Db) {
  return {}
}
export type ActionsRepository = ReturnType<typeof actionsRepository>
