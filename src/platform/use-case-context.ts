import type { Db } from './db/client.ts'

/** A module's dependencies may fix the clock (tests do); otherwise its use cases read the real one. */
export type Clocked = { now?: () => Date }

/** What every use case of a module is given: the database, the module's repository, its dependencies and the clock. */
export type UseCaseContext<Repo, Deps extends Clocked> = { db: Db; repo: Repo; deps: Deps; now: () => Date }

export function useCaseContext<Repo, Deps extends Clocked>(db: Db, repo: Repo, deps: Deps): UseCaseContext<Repo, Deps> {
  return { db, repo, deps, now: () => (deps.now ? deps.now() : new Date()) }
}
