import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { londonToday } from '../../shared/dates.ts'
import type { AccountsRepository } from './accounts.repository.ts'
import { hashToken, newToken } from './account-links.ts'

const SESSION_IDLE_MS = 8 * 60 * 60 * 1000 // 8 hours of inactivity
const TOUCH_EVERY_MS = 5 * 60 * 1000

/** A signed-in user, and a new session token when the old id was just swapped for a new one. */
export type ResumedSession = { user: CurrentUser; rotatedToken?: string }

export type SessionDeps = { db: Db; repo: AccountsRepository }

/** Everything the user may do, read fresh on every request: roles, data provision, seats. */
export async function currentUser(deps: SessionDeps, userId: string): Promise<CurrentUser | null> {
  const user = await deps.repo.findUserById(userId)
  if (!user || user.disabled) return null
  return currentUserOf(deps, user)
}

/** The signed-in person from a user row already read (the session lookup joins it): roles and seats added. */
async function currentUserOf(
  { repo }: SessionDeps,
  user: { id: string; email: string; displayName: string; isAdmin: boolean; personId: string | null },
): Promise<CurrentUser> {
  const [roles, dataProviders, memberOf] = await Promise.all([
    repo.rolesOf(user.id),
    repo.dataProviderRolesOf(user.id),
    user.personId ? repo.currentBodyIdsForPerson(user.personId, londonToday()) : Promise.resolve([]),
  ])
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    secretariatOf: roles.filter((r) => r.role === 'secretariat').map((r) => r.partnershipId),
    readOnlyOf: roles.filter((r) => r.role === 'read_only').map((r) => r.partnershipId),
    dataProviderFor: dataProviders,
    memberOf,
    personId: user.personId,
  }
}

/** A new session for the user; the session it replaces (the cookie the browser still had), if any, ends. */
export async function startSession({ repo }: SessionDeps, userId: string, tx: Db, replacing?: string): Promise<string> {
  const token = newToken()
  const now = new Date()
  if (replacing) await repo.deleteSession(hashToken(replacing), tx)
  await repo.insertSession({ idHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) }, tx)
  return token
}

/**
 * The user behind a session cookie, refreshing the idle expiry now and then. When the user's roles changed
 * since (the session is marked to rotate), a safe request swaps the session id for a new one, so an id seen
 * before the change is worth nothing after it (OWASP session management). Unsafe requests keep the id, so a
 * form already on the screen (its CSRF token is bound to the session) can still be sent.
 */
export async function resumeSession(deps: SessionDeps, token: string, opts: { mayRotate: boolean } = { mayRotate: false }): Promise<ResumedSession | null> {
  const { db, repo } = deps
  const idHash = hashToken(token)
  const now = new Date()
  const row = await repo.findLiveSession(idHash, now)
  if (!row) return null
  let rotatedToken: string | undefined
  if (row.session.mustRotate && opts.mayRotate) {
    rotatedToken = await db.transaction(async (tx) => {
      // Only the request that deletes the old row rotates it; a parallel one just carries on.
      if (!(await repo.deleteSession(idHash, tx))) return undefined
      return startSession(deps, row.user.id, tx)
    })
  } else if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(idHash, now, new Date(now.getTime() + SESSION_IDLE_MS))
  }
  // findLiveSession joined the user row (and refused a disabled one): no second read of it on every request.
  const user = await currentUserOf(deps, row.user)
  return rotatedToken ? { user, rotatedToken } : { user }
}
