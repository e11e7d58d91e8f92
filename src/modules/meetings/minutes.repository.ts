import type { Db } from '../../platform/db/client.ts'

export function minutesRepository(_db: Db) {
  return {}
}
export type MinutesRepository = ReturnType<typeof minutesRepository>
