import { createHash } from 'node:crypto'
import type { Db } from '../../platform/db/client.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { notFound } from '../../platform/http/errors.ts'
import type { CurrentUser } from '../../platform/http/types.ts'
import type { SessionRow } from './accounts.repository.ts'
import type { SessionDeps } from './sessions.ts'
import { DEFAULT_SESSION_TIMEOUTS, liveSince } from './session-timeouts.ts'

/** One of my sessions as "Your sessions" shows it. `id` names it in URLs; it is not the stored key. */
export type MySession = {
  id: string
  createdAt: Date
  lastSeenAt: Date
  method: string
  userAgent: string | null
  client: string | null
  current: boolean
}

/**
 * The name of a session in a URL: derived from the stored hash, never the hash itself (the key of the row) and
 * never the cookie token, so a URL in a log or a browser history gives nothing away.
 */
export const sessionHandle = (idHash: string): string => createHash('sha256').update(`session-handle:${idHash}`).digest('base64url').slice(0, 22)

const mine = async ({ repo, timeouts = DEFAULT_SESSION_TIMEOUTS }: SessionDeps, userId: string, tx?: Db): Promise<SessionRow[]> => {
  const now = new Date()
  return repo.liveSessionsOf(userId, now, liveSince(now, timeouts), tx)
}

/** The signed-in user's live sessions, newest activity first; `currentHash` marks the one they are using. */
export async function listMySessions(deps: SessionDeps, actor: CurrentUser, currentHash: string | null): Promise<MySession[]> {
  return (await mine(deps, actor.id)).map((s) => ({
    id: sessionHandle(s.idHash),
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    method: s.method,
    userAgent: s.userAgent,
    client: s.client,
    current: s.idHash === currentHash,
  }))
}

/**
 * Ends one of the user's own sessions (audited). Only their live sessions are searched, so another user's session,
 * or an ended one, is simply not found (404). Says whether it was the session in use (then the caller signs out).
 */
export async function endMySession(deps: SessionDeps, actor: CurrentUser, id: string, currentHash: string | null): Promise<{ endedCurrent: boolean }> {
  return deps.db.transaction(async (tx) => {
    const session = (await mine(deps, actor.id, tx)).find((s) => sessionHandle(s.idHash) === id)
    if (!session || !(await deps.repo.deleteSessionOf(actor.id, session.idHash, tx))) throw notFound('Session')
    await recordAudit(tx, { userId: actor.id }, {
      event: 'user.session_ended',
      subjectType: 'user',
      subjectId: actor.id,
      data: { method: session.method, client: session.client, startedAt: session.createdAt.toISOString() },
    })
    return { endedCurrent: session.idHash === currentHash }
  })
}

/** Ends every session of the user except the one in use (audited with how many ended). */
export async function endOtherSessions(deps: SessionDeps, actor: CurrentUser, currentHash: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const ended = await deps.repo.deleteOtherSessionsOf(actor.id, currentHash, tx)
    await recordAudit(tx, { userId: actor.id }, { event: 'user.other_sessions_ended', subjectType: 'user', subjectId: actor.id, data: { count: ended } })
    return ended
  })
}
