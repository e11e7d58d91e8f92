import type { Db } from '../../platform/db/client.ts'

export function meetingsRepository(_db: Db) {
  return {}
}
export type MeetingsRepository = ReturnType<typeof meetingsRepository>
