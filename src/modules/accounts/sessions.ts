import type { Db } from '../../platform/db/client.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import { londonToday } from '../../shared/dates.ts'
import type { AccountsRepository } from './accounts.repository.ts'
import { hashToken, newToken } from './account-links.ts'
import { DEFAULT_SESSION_TIMEOUTS, expiresAt, liveSince, touchInterval, type SessionTimeouts } from './session-timeouts.ts'

/** A signed-in user, and a new session token when the old id was just swapped for a new one. */
export type ResumedSession = { user: CurrentUser; rotatedToken?: string }

export type SessionDeps = { db: Db; repo: AccountsRepository; timeouts?: SessionTimeouts }

/** How a session began and where from, shown on "Your sessions". */
export type SessionDetails = { method: string; userAgent?: string; client?: string }

/** Stored User-Agent strings are cut to this many characters. */
export const USER_AGENT_MAX = 200

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

/**
 * A new session for the user; the session it replaces (the cookie the browser still had), if any, ends. `details`
 * records how it began (method: password, sso ...), the browser's User-Agent (cut to 200 characters) and the
 * client address, for "Your sessions".
 */
export async function startSession(deps: SessionDeps, userId: string, tx: Db, replacing?: string, details?: SessionDetails): Promise<string> {
  if (replacing) await deps.repo.deleteSession(hashToken(replacing), tx)
  const now = new Date()
  return insertSession(deps, userId, tx, { createdAt: now, lastSeenAt: now }, details ?? { method: 'password' })
}

/** The row behind a new token. `createdAt` is when the session began: a rotation passes the old one on. */
async function insertSession(
  { repo, timeouts = DEFAULT_SESSION_TIMEOUTS }: SessionDeps,
  userId: string,
  tx: Db,
  times: { createdAt: Date; lastSeenAt: Date },
  details: SessionDetails,
): Promise<string> {
  const token = newToken()
  await repo.insertSession(
    {
      idHash: hashToken(token),
      userId,
      ...times,
      expiresAt: expiresAt(times, timeouts),
      method: details.method,
      userAgent: details.userAgent ? details.userAgent.slice(0, USER_AGENT_MAX) : null,
      client: details.client ?? null,
    },
    tx,
  )
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
  const timeouts = deps.timeouts ?? DEFAULT_SESSION_TIMEOUTS
  const idHash = hashToken(token)
  const now = new Date()
  // Idle and absolute limits are applied by the query, from the configuration in force now.
  const row = await repo.findLiveSession(idHash, now, liveSince(now, timeouts))
  if (!row) return null
  const { session } = row
  let rotatedToken: string | undefined
  if (session.mustRotate && opts.mayRotate) {
    rotatedToken = await db.transaction(async (tx) => {
      // Only the request that deletes the old row rotates it; a parallel one just carries on.
      if (!(await repo.deleteSession(idHash, tx))) return undefined
      // Same session, new id: it keeps when it began (so the absolute limit is not extended) and how.
      const details = { method: session.method, userAgent: session.userAgent ?? undefined, client: session.client ?? undefined }
      return insertSession(deps, row.user.id, tx, { createdAt: session.createdAt, lastSeenAt: now }, details)
    })
  } else if (now.getTime() - session.lastSeenAt.getTime() > touchInterval(timeouts)) {
    await repo.touchSession(idHash, now, expiresAt({ createdAt: session.createdAt, lastSeenAt: now }, timeouts))
  }
  // findLiveSession joined the user row (and refused a disabled one): no second read of it on every request.
  const user = await currentUserOf(deps, row.user)
  return rotatedToken ? { user, rotatedToken } : { user }
}
