import type { Db } from '../../platform/db/client.ts'

export function remindersRepository(_db: Db) {
  return {}
}
export type RemindersRepository = ReturnType<typeof remindersRepository>
